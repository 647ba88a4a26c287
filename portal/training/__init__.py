"""Training catalog, sessions, yearly development plans, enrollments and completed hours."""
