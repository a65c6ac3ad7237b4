"""The registers' reminder sweep: each reminder fires once (protocol.machinery.reminders), and each
email it causes is keyed to it, so a second sweep, or two at once, send nothing twice."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from protocol.council.selectors import active_profile, expiry_recipient, holder_of
from protocol.machinery.outbox import notify
from protocol.machinery.reminders import ScheduledReminder, fire_due
from protocol.models import PostKind, ProtocolProfile, User
from registers.models import (
    GroupRequest,
    GroupRequestReminder,
    GroupRequestState,
    InfoReminderKind,
    InformationRequest,
    InformationRequestReminder,
    InfoState,
)
from registers.models.information import AWAITING_OFFICER
from registers.services.common import record
from registers.services.groups import decision_makers


def _send(reminder: ScheduledReminder, people: Iterable[User | None], *, reference: str,
          url: str, subject: str, body: str) -> list[User]:
    told = [p for p in dict.fromkeys(people) if p is not None]
    for person in told:
        notify(recipient=person, key=f"{reminder._meta.label_lower}:{reminder.pk}:{person.pk}",
               subject=f"{reference}: {subject}", body=body, url=url)
    return told


def _information(reminder: InformationRequestReminder, profile: ProtocolProfile) -> None:
    request = (InformationRequest.objects.select_for_update(of=("self",))
               .select_related("service", "officer", "councillor").get(pk=reminder.request_id))
    due = f"{reminder.deadline:%A %d %B %Y}"
    args = {"reference": request.reference, "url": request.get_absolute_url()}
    match reminder.kind:
        case InfoReminderKind.APPROACHING:
            # A sweep catching up after the deadline sends the expiry notice instead.
            if request.state not in AWAITING_OFFICER or timezone.localdate() > reminder.deadline:
                return
            _send(reminder, [request.officer], subject="decision due soon", **args,
                  body=f"A decision on councillor {request.councillor}'s request is due by "
                  f"{due}.")
            record(request.events, actor=None, action="Reminder sent",
                   summary=f"{request.officer} reminded that a decision is due by {due}.")
        case InfoReminderKind.EXPIRED:
            if request.state not in AWAITING_OFFICER:
                return
            informed = expiry_recipient(profile, request.service, request.officer)
            _send(reminder, [informed], subject="deadline passed with no decision", **args,
                  body=f"The deadline of {due} for councillor {request.councillor}'s request, "
                  f"with {request.officer}, has passed with no decision.")
            _send(reminder, [request.councillor], subject="your request is overdue", **args,
                  body=f"No decision has been made by {due}."
                  + (f" {informed} has been informed." if informed else ""))
            record(request.events, actor=None, action="Deadline passed",
                   summary=f"No decision by {due}."
                   + (f" {informed} informed;" if informed else "") + " the councillor told.")
        case InfoReminderKind.DISPUTE_OVERDUE:
            if request.state != InfoState.DISPUTED:
                return
            told = _send(reminder, [holder_of(PostKind.MONITORING_OFFICER)], **args,
                         subject="a dispute awaits your decision",
                         body=f"Councillor {request.councillor}'s dispute was due to be "
                         f"decided by {due}.")
            record(request.events, actor=None, action="Reminder sent",
                   summary=f"Dispute undecided by {due}; "
                   + (", ".join(map(str, told)) or "nobody in post") + " reminded.")


def _group(reminder: GroupRequestReminder) -> None:
    request = (GroupRequest.objects.select_for_update(of=("self",))
               .select_related("group", "requested_by").get(pk=reminder.request_id))
    if request.state != GroupRequestState.SUBMITTED:
        return
    due = f"{reminder.deadline:%A %d %B %Y}"
    told = _send(reminder, decision_makers(), reference=request.reference,
                 url=request.get_absolute_url(), subject="decision overdue",
                 body=f"{request.group}'s request \"{request.subject}\" was due a decision by "
                 f"{due}.")
    record(request.events, actor=None, action="Reminder sent",
           summary=f"Decision overdue since {due}; " + (", ".join(map(str, told))
                                                         or "nobody in post") + " reminded.")


def sweep(today: date | None = None, *, limit: int = 5000) -> int:
    """Fire every register reminder due by `today`; the number fired."""
    today = today or timezone.localdate()
    profile = active_profile()
    return (fire_due(InformationRequestReminder, today, lambda r: _information(r, profile),
                     limit=limit)
            + fire_due(GroupRequestReminder, today, _group, limit=limit))
