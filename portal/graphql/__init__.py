"""The thin GraphQL layer: types, queries, mutations, loaders and permissions."""
