"""Celery tasks: thin, idempotent wrappers around services."""
from celery import shared_task

from casework.services import sweep


@shared_task(name="casework.tasks.send_reminders", acks_late=True)
def send_reminders() -> dict:
    """The reminder sweep (beat runs it every few minutes)."""
    result = sweep()
    return {"reminders": result.reminders}
