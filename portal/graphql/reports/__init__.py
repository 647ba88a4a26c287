"""GraphQL for HR reports: the report query, staffing needs and the named shortfall lists."""
