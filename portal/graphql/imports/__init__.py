"""GraphQL API of the CSV imports."""
