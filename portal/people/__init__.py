"""People and the org chart: units, positions, employees, roles."""
