"""Signals that let other apps follow changes to the council's data without protocol/
importing them (Django's own pattern for decoupling apps)."""
from django.dispatch import Signal

# Sent by `manage.py seed_demo` once the demo council is in place, so that other apps can
# add their own demo data; kwargs: password. A receiver may return a line for the summary.
demo_council_seeded = Signal()
