"""The platform every app uses once: outbox, and (as they move here) the rest."""
