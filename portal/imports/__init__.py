"""CSV imports for a roll-out: units, positions, employees, assessments and training history."""
