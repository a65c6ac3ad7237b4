"""Celery tasks of the protocol app: thin wrappers that call services."""
from celery import shared_task
from django.utils import timezone

from protocol import notifications
from protocol.models import Heartbeat


@shared_task(name="protocol.tasks.heartbeat")
def heartbeat() -> str:
    """Record that the scheduler triggered and a worker ran a task."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"last_seen": timezone.now()})
    return "ok"


@shared_task(name="protocol.tasks.deliver_notification", acks_late=True)
def deliver_notification(notification_id: int) -> bool:
    """Send one queued email; safe to run twice."""
    return notifications.deliver(notification_id)


@shared_task(name="protocol.tasks.apply_retention", acks_late=True)
def apply_retention() -> dict:
    """The daily retention run: anonymise what has outlived its period (idempotent: a
    second run the same day finds nothing)."""
    from protocol.retention.service import retention_run

    run = retention_run()
    return {"run": run.pk, "anonymised": run.anonymised, "held": run.held}
