"""Celery tasks of the protocol app: thin wrappers that call services."""
from celery import Task, shared_task
from django.utils import timezone

from protocol.machinery import outbox
from protocol.models import Heartbeat


@shared_task(name="protocol.tasks.heartbeat")
def heartbeat() -> str:
    """Record that the scheduler triggered and a worker ran a task."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"last_seen": timezone.now()})
    return "ok"


@shared_task(name="protocol.tasks.deliver_notification", acks_late=True, bind=True)
def deliver_notification(self: Task, notification_id: int) -> bool:
    """Send one queued email; safe to run twice. The task's id is its claim's token, so the
    same message redelivered after its worker died takes the claim back at once."""
    return outbox.deliver(notification_id, token=self.request.id)


@shared_task(name="protocol.tasks.deliver_pending", acks_late=True)
def deliver_pending() -> int:
    """The outbox's safety net (beat runs it every few minutes): send what no task sent."""
    return outbox.deliver_pending()


@shared_task(name="protocol.tasks.apply_retention", acks_late=True)
def apply_retention() -> dict:
    """The daily retention run: anonymise what has outlived its period (idempotent: a
    second run the same day finds nothing)."""
    from protocol.machinery.retention.service import retention_run

    run = retention_run()
    return {"run": run.pk, "anonymised": run.anonymised, "held": run.held}


@shared_task(name="protocol.tasks.move_deadlines", acks_late=True)
def move_deadlines(dates: list[str], actor_id: int | None = None) -> dict[str, int]:
    """Move the open deadlines over changed closure days (idempotent: a second run finds
    each deadline where the count puts it)."""
    from datetime import date

    from protocol.machinery.deadline_moves import move_deadlines as move
    from protocol.models import User

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return move([date.fromisoformat(d) for d in dates], actor)
