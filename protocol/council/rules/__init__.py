"""The protocol's rules as pure functions over plain values: no database, no Django."""
