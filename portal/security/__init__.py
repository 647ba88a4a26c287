"""HTTP hardening: security headers, CORS and rate limits."""
