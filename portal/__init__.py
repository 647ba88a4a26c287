"""Portal ASN: employee self-service for Indonesian civil servants."""

__version__ = "0.1.0"
