"""The platform every app uses once: history, timelines, outbox, reminders, legal hold, access."""
