"""GraphQL API of the competencies domain."""
