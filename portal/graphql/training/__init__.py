"""GraphQL API of the training domain."""
