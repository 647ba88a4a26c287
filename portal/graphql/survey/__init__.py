"""GraphQL layer of the public satisfaction survey."""
