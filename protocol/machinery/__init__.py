"""The platform every app uses once: history, timelines, service steps, errors, action
pages, outbox, reminders, legal hold, retention, subject access and sign-in."""
