"""GraphQL API of the people domain."""
