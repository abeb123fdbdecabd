"""Domain rules of the PAD: pure Python, no Qt, no database session, no real clock."""
