"""Writes to the council's own data that other apps' cases depend on."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models, transaction

from protocol.models import ClosureDay, ProtocolProfile, User

log = logging.getLogger(__name__)


def closure_day_save(day: ClosureDay, actor: User | None) -> None:
    """Add or change a closure day; open deadlines move after commit, in a task."""
    with transaction.atomic():
        old = (ClosureDay.objects.select_for_update().filter(pk=day.pk)
               .values_list("date", flat=True).first()) if day.pk else None
        day.save()
        announce_closure_change([d for d in (old, day.date) if d], actor)


def closure_days_delete(days: models.QuerySet[ClosureDay], actor: User | None) -> None:
    """Remove closure days; open deadlines move back after commit, in a task."""
    with transaction.atomic():
        dates = list(days.values_list("date", flat=True))
        days.delete()
        announce_closure_change(dates, actor)


def announce_closure_change(dates: Iterable[date], actor: User | None) -> None:
    """After commit, queue the task that moves the open deadlines over these days."""
    changed = [d.isoformat() for d in sorted(set(dates))]
    if changed:
        transaction.on_commit(lambda: _enqueue(changed, actor.pk if actor else None))


def _enqueue(dates: list[str], actor_id: int | None) -> None:
    from protocol.tasks import move_deadlines

    try:
        move_deadlines.delay(dates, actor_id)
    except Exception:
        # The broker is down: better the deadlines move now, late in this request, than
        # that a closure day silently moves nothing.
        log.exception("broker unavailable; moving deadlines for %s in the request", dates)
        move_deadlines(dates, actor_id)


def profile_activate(*, profile: ProtocolProfile, actor: User) -> ProtocolProfile:
    """Make `profile` the council's protocol; the one active before stops being active in
    the same transaction (the database allows one active profile only)."""
    with transaction.atomic():
        # Every profile row locked, in one order: two administrators choosing at once
        # take turns, and the second's choice is the one left active.
        profiles = list(ProtocolProfile.objects.select_for_update().order_by("pk"))
        chosen = next(p for p in profiles if p.pk == profile.pk)
        before = [p for p in profiles if p.is_active and p.pk != chosen.pk]
        if chosen.is_active:
            return chosen
        for old in before:
            old.is_active = False
            old.save(update_fields=["is_active"])
        chosen.is_active = True
        chosen.save(update_fields=["is_active"])
        _log_profile_change(actor, before, "No longer the active protocol")
        _log_profile_change(actor, [chosen], "Made the active protocol")
    return chosen


def _log_profile_change(actor: User, profiles: list[ProtocolProfile], message: str) -> None:
    if profiles:
        LogEntry.objects.log_actions(actor.pk, profiles, CHANGE, change_message=message)
