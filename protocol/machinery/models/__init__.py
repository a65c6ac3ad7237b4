"""The platform's records."""
