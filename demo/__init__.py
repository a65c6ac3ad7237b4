"""The demo council `make run` starts with: seed data that production never imports."""
