"""The case file: one window per case, with the person, registration, plan, police contacts,
coach contacts, reviews and history of that case, and every casework action on it."""
