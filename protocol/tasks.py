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


@shared_task(name="protocol.tasks.move_deadlines", acks_late=True)
def move_deadlines(dates: list[str], actor_id: int | None = None) -> dict[str, int]:
    """Move the open deadlines over changed closure days (idempotent: a second run finds
    each deadline where the count puts it)."""
    from datetime import date

    from protocol.deadline_moves import move_deadlines as move
    from protocol.models import User

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return move([date.fromisoformat(d) for d in dates], actor)
