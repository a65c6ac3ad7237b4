"""The platform every app uses once: history, timelines, outbox, reminders, holds, MFA."""
