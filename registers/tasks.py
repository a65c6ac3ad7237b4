"""Celery tasks: thin, idempotent wrappers around services."""
from celery import shared_task

from registers.services import sweep


@shared_task(name="registers.tasks.send_reminders", acks_late=True)
def send_reminders() -> int:
    """The registers' reminder sweep (beat runs it every few minutes)."""
    return sweep()
