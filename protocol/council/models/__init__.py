"""The council's own records."""
