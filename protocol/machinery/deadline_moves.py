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

from django.db import transaction

from protocol.council.calendar import Closures
from protocol.council.selectors import active_profile, closure_days
from protocol.models import ProtocolProfile, User

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
