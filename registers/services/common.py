"""Shared steps of every register service: lock, check, record, notify (STYLE.md §3)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from protocol.council.calendar import Closures, deadline, working_days_before
from protocol.council.selectors import closure_days
from protocol.machinery import services as steps
from protocol.models import ProtocolProfile, Service, User
from registers.errors import ERRORS
from registers.models import (
    InfoReminderKind,
    InformationRequest,
    InformationRequestReminder,
    TimelineEvent,
)

M = TypeVar("M", bound=models.Model)


def locked(model: type[M], pk: int, expected_version: int | None = None,
           related: tuple[str, ...] = ()) -> M:
    """The record, re-read under a row lock; refuses a stale form (optimistic check)."""
    return steps.locked(model, pk, expected_version, errors=ERRORS, related=related)


def check_transition(method: Callable[..., Any], actor: User, refusal: str) -> None:
    """Refuse a move this person may not make, then one the state or the protocol's
    conditions do not allow: whoever may act hears why the protocol says no."""
    steps.check_transition(method, actor, refusal, errors=ERRORS)


bump = steps.bump
# Check and make a transition, save it with the fields given: the state it left.
move = steps.move_with(ERRORS, bump)


def record(events: Any, *, actor: User | None, action: str, summary: str = "",
           from_state: str = "", to_state: str = "") -> TimelineEvent:
    """Append one entry to a register's timeline (`events`: the related manager), as the
    newest link of that entry's hash chain."""
    return steps.record(events.instance, events.model(
        **{events.field.name: events.instance}, at=timezone.now(), actor=actor, action=action,
        summary=summary, from_state=from_state, to_state=to_state))


def tell(people: Iterable[User | None], event: TimelineEvent, *, prefix: str, subject: str,
         body: str, url: str) -> int:
    """Email each person once about this event (after commit; protocol.machinery.outbox)."""
    return steps.tell(people, key=f"{event._meta.label_lower}:{event.pk}",
                      subject=f"{prefix}: {subject}", body=body, url=url)


def response_due(profile: ProtocolProfile, service: Service | None, received_on: date,
                 closures: Closures | None = None) -> date:
    """The profile's response time, as for enquiries (003 §31.15; 004 per service)."""
    days = profile.response_days
    if profile.service_response_days_allowed and service and service.response_days:
        days = service.response_days
    return deadline(received_on, days, profile.response_day_kind, profile.nation,
                    closure_days(received_on) if closures is None else closures).due


def reminder_day(profile: ProtocolProfile, due_on: date, received_on: date) -> date:
    """When the officer is reminded ahead of the deadline (never before receipt)."""
    return max(working_days_before(due_on, profile.reminder_days_before_expiry,
                                   profile.nation, closure_days(received_on)), received_on)


def schedule_decision_reminders(request: InformationRequest, profile: ProtocolProfile, due: date,
                                start: date) -> None:
    """The officer reminded before a need-to-know decision is due, the Director after it;
    scheduling twice is a no-op (unique request, kind, deadline: protocol.machinery.reminders)."""
    for kind, fire_on in ((InfoReminderKind.APPROACHING, reminder_day(profile, due, start)),
                          (InfoReminderKind.EXPIRED, due + timedelta(days=1))):
        InformationRequestReminder.objects.get_or_create(
            request=request, kind=kind, deadline=due, defaults={"fire_on": fire_on})
