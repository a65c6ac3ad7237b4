"""The registers' deadlines as kinds of open deadline that closure days move
(protocol.machinery.deadline_moves): a need-to-know request's decision (with the officer, or again
after the Monitoring Officer directs release), a disputed refusal's, and a group's request.
Each move is noted on the request's timeline."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.utils import timezone

from protocol.council.calendar import Closures
from protocol.machinery.deadline_moves import OpenDeadlines, moved_summary
from protocol.machinery.reminders import cancel_pending
from protocol.models import ProtocolProfile, User
from registers.models import GroupRequest, GroupRequestState, InformationRequest, InfoState
from registers.models.information import AWAITING_OFFICER
from registers.models.information import InfoReminderKind as Kind
from registers.services.common import bump, locked, record, reminder_day, response_due
from registers.services.groups import DECISION_OVERDUE

# Each reminder a deadline carries, and when it fires: (kind, fire_on(due, counted_from)).
Reminders = tuple[tuple[str, Callable[[date, date], date]], ...]


def _after(due: date, start: date) -> date:
    return due + timedelta(days=1)


def _shift(request: InformationRequest | GroupRequest, field: str, new_due: date,
           actor: User | None, reminders: Reminders, start: date) -> bool:
    old_due = getattr(request, field)
    if new_due == old_due:
        return False
    setattr(request, field, new_due)
    bump(request, field)
    kinds = [kind for kind, _ in reminders]
    cancel_pending(request.reminders.filter(kind__in=kinds, deadline=old_due))
    for kind, fire_on in reminders:
        reminder, created = request.reminders.get_or_create(
            kind=kind, deadline=new_due, defaults={"fire_on": fire_on(new_due, start)})
        if not created:
            request.reminders.filter(pk=reminder.pk, fired_at__isnull=True).update(
                cancelled_at=None)
    record(request.events, actor=actor, action="Deadline moved",
           summary=moved_summary(old_due, new_due))
    return True


def _information_affected(first: date, last: date) -> Iterable[int]:
    return (InformationRequest.objects.filter(state__in=AWAITING_OFFICER, received_on__lte=last,
                                              due_on__gte=first)
            .order_by("pk").values_list("pk", flat=True))


def _counted_from(request: InformationRequest) -> date:
    # With the officer after the Monitoring Officer's decision (a referral cleared, 004, or
    # a release directed), the deadline runs from that decision, not from receipt
    # (registers.services.referral, registers.services.information).
    if request.mo_decided_at is not None:
        return timezone.localdate(request.mo_decided_at)
    return request.received_on


def _information_move(pk: int, closures: Closures, profile: ProtocolProfile,
                      actor: User | None) -> bool:
    request = locked(InformationRequest, pk, related=("service",))
    if request.state not in AWAITING_OFFICER:
        return False
    start = _counted_from(request)
    return _shift(request, "due_on", response_due(profile, request.service, start, closures),
                  actor, ((Kind.APPROACHING, lambda due, s: reminder_day(profile, due, s)),
                          (Kind.EXPIRED, _after)), start)


def _dispute_affected(first: date, last: date) -> Iterable[int]:
    return (InformationRequest.objects.filter(state=InfoState.DISPUTED,
                                              disputed_at__date__lte=last,
                                              dispute_due_on__gte=first)
            .order_by("pk").values_list("pk", flat=True))


def _dispute_move(pk: int, closures: Closures, profile: ProtocolProfile,
                  actor: User | None) -> bool:
    request = locked(InformationRequest, pk)
    if request.state != InfoState.DISPUTED or request.dispute_due_on is None:
        return False
    start = timezone.localdate(request.disputed_at)
    return _shift(request, "dispute_due_on", response_due(profile, None, start, closures),
                  actor, ((Kind.DISPUTE_OVERDUE, _after),), start)


def _group_affected(first: date, last: date) -> Iterable[int]:
    return (GroupRequest.objects.filter(state=GroupRequestState.SUBMITTED,
                                        submitted_at__date__lte=last,
                                        decision_due_on__gte=first)
            .order_by("pk").values_list("pk", flat=True))


def _group_move(pk: int, closures: Closures, profile: ProtocolProfile,
                actor: User | None) -> bool:
    request = locked(GroupRequest, pk)
    if request.state != GroupRequestState.SUBMITTED:
        return False
    start = timezone.localdate(request.submitted_at)
    return _shift(request, "decision_due_on", response_due(profile, None, start, closures),
                  actor, ((DECISION_OVERDUE, _after),), start)


REGISTER_DEADLINES = (
    OpenDeadlines("need-to-know requests", _information_affected, _information_move),
    OpenDeadlines("disputed refusals", _dispute_affected, _dispute_move),
    OpenDeadlines("group requests", _group_affected, _group_move),
)
