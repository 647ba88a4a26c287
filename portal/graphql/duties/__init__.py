"""GraphQL API of the duties domain."""
