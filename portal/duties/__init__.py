"""Duties of a position and the yearly SKP (PermenPANRB 6/2022)."""
