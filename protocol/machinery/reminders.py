"""Scheduled reminders that fire exactly once, shared by every app with deadlines.

An app subclasses `ScheduledReminder` with a foreign key to its case. Each row is one
reminder for one deadline: the unique constraint (case, kind, deadline) means a deadline
is reminded once however often it is scheduled, and `claim` marks a row fired with a
conditional UPDATE, so two sweeps running at once cannot both fire it. The sweep reads
only due, unfired rows through a partial index: its cost grows with the reminders due,
not with the cases open."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

log = logging.getLogger(__name__)


class ScheduledReminder(models.Model):
    kind = models.CharField(max_length=32)
    deadline = models.DateField(help_text="The deadline this reminder is about")
    fire_on = models.DateField()
    fired_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kind} for {self.deadline} on {self.fire_on}"


R = TypeVar("R", bound=ScheduledReminder)


def pending_index(name: str) -> models.Index:
    """The partial index every concrete reminder table needs for its sweep."""
    return models.Index(fields=["fire_on"], name=name,
                        condition=Q(fired_at__isnull=True, cancelled_at__isnull=True))


# `_default_manager`: an abstract model has no `objects` to type; each concrete reminder's
# default manager is its plain `objects`.
def due_ids(model: type[ScheduledReminder], today: date, limit: int) -> list[int]:
    """Ids of reminders due by `today` that have neither fired nor been cancelled."""
    return list(model._default_manager.filter(
        fired_at__isnull=True, cancelled_at__isnull=True, fire_on__lte=today,
    ).order_by("fire_on", "pk").values_list("pk", flat=True)[:limit])


def claim(model: type[ScheduledReminder], pk: int) -> bool:
    """Mark one reminder fired; True for exactly one caller, whoever else tries."""
    return bool(model._default_manager
                .filter(pk=pk, fired_at__isnull=True, cancelled_at__isnull=True)
                .update(fired_at=timezone.now()))


def fire_due(model: type[R], today: date, handle: Callable[[R], None],
             limit: int = 1000) -> int:
    """Fire each due reminder this caller wins, calling `handle` in the same transaction as
    the claim: its notifications and timeline entries commit or roll back with it."""
    fired = 0
    for pk in due_ids(model, today, limit):
        try:
            with transaction.atomic():
                if not claim(model, pk):
                    continue
                handle(model._default_manager.get(pk=pk))
        except Exception:
            # Its claim rolled back, so the next sweep tries it again; one reminder that
            # fails every time must not stop the others behind it from ever being sent.
            log.exception("reminder %s %s failed; left for the next sweep",
                          model._meta.label, pk)
            continue
        fired += 1
    return fired


def cancel_pending(queryset: models.QuerySet[ScheduledReminder]) -> int:
    """Cancel reminders that no longer apply (e.g. the response has been sent)."""
    return queryset.filter(fired_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now())
