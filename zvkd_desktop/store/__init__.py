"""The store: the encrypted file, the in-memory database, the ORM models and queries. No Qt."""
