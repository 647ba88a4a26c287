"""Test OpenID Connect provider (oidc-provider) and its Python helpers."""
