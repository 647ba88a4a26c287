"""Notifications that wait for people who were offline (and e-mail when configured)."""
