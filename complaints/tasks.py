"""Celery tasks: thin, idempotent wrappers around services."""
from celery import shared_task

from complaints.services import sweep


@shared_task(name="complaints.tasks.send_reminders", acks_late=True)
def send_reminders() -> int:
    """Remind handlers whose stage is past its time limit (beat runs it)."""
    return sweep()
