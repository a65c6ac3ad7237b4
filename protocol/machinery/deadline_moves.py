"""When the council's closure days change, every open deadline counted over them moves:
enquiries (003 §31.15), complaint stage limits and the registers' deadlines. One mechanism
for every app: each registers the open deadlines it keeps (in its AppConfig.ready), and a
Celery task, queued when the administrator's change commits, runs them all. Each case is
re-counted under its own row lock and a move is noted on that case's timeline; a case whose
deadline already stands where the count puts it is left alone, so a second run, or a
redelivered task, moves nothing twice."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models, transaction

from protocol.council.calendar import Closures
from protocol.council.selectors import active_profile, closure_days
from protocol.models import ClosureDay, ProtocolProfile, User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenDeadlines:
    """One kind of open deadline: which cases the changed days may touch (`affected`:
    first and last changed day to ids), and how to re-count and move one (`move`: under a
    row lock; True when its deadline moved)."""

    name: str
    affected: Callable[[date, date], Iterable[int]]
    move: Callable[[int, Closures, ProtocolProfile, User | None], bool]


_KINDS: dict[str, OpenDeadlines] = {}


def register(kind: OpenDeadlines) -> None:
    """Add a kind of open deadline (once per name, however often an app is readied)."""
    _KINDS[kind.name] = kind


def moved_summary(old: date, new: date, what: str = "Deadline") -> str:
    """The timeline's words for a moved deadline, the same on every case."""
    return (f"{what} moved from {old:%d %B %Y} to {new:%d %B %Y}: the council's closure "
            "days changed.")


def move_deadlines(dates: Iterable[date], actor: User | None = None) -> dict[str, int]:
    """Re-count every registered open deadline the changed days fall within; how many of
    each kind moved."""
    changed = sorted(set(dates))
    if not changed:
        return {}
    profile, closures = active_profile(), closure_days(changed[0])
    moved: dict[str, int] = {}
    for kind in _KINDS.values():
        moved[kind.name] = 0
        for pk in list(kind.affected(changed[0], changed[-1])):
            with transaction.atomic():
                moved[kind.name] += int(kind.move(pk, closures, profile, actor))
    log.info("closure days %s changed: deadlines moved %s", changed, moved)
    return moved


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
