"""The reminder sweep (003 §31.15): run by Celery beat every few minutes and by
`manage.py send_reminders`. Each reminder fires once (protocol.machinery.reminders), and each
notification it causes is keyed to it, so a second sweep, or two at once, send nothing
twice; a reminder whose handler fails, or a sweep that dies, rolls back that reminder,
which the next sweep fires."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from casework.models import Enquiry, EnquiryReminder, EventKind, ReminderKind, State
from casework.services.common import record, save
from protocol.council.selectors import active_profile, expiry_recipient
from protocol.machinery.outbox import notify
from protocol.machinery.reminders import fire_due
from protocol.models import ProtocolProfile, User


@dataclass(frozen=True)
class SweepResult:
    reminders: int


def _send(reminder: EnquiryReminder, people: Sequence[User | None], subject: str,
          body: str) -> None:
    enquiry = reminder.enquiry
    for person in {p for p in people if p is not None}:
        notify(recipient=person, key=f"enquiry-reminder:{reminder.pk}:{person.pk}",
               subject=f"{enquiry.reference}: {subject}", body=body,
               url=enquiry.get_absolute_url())


def _approaching(reminder: EnquiryReminder, enquiry: Enquiry, profile: ProtocolProfile,
                 due: str) -> None:
    # A sweep that catches up after the deadline sends the expiry notice, not a late
    # "due soon" one.
    if (enquiry.state not in (State.NEW, State.ACCEPTED)
            or timezone.localdate() > reminder.deadline):
        return
    _send(reminder, [enquiry.assigned_to], "response due soon",
          f"A full response to \"{enquiry.subject}\" is due by {due}. If it cannot be sent in "
          "time, send a holding reply with reasons and a revised date before then.")
    record(enquiry, actor=None, kind=EventKind.REMINDER,
           summary=f"{enquiry.assigned_to} reminded that the response is due by {due}.")


def _expired(reminder: EnquiryReminder, enquiry: Enquiry, profile: ProtocolProfile,
             due: str) -> None:
    # "If Members have not received any response after the expiry of 10 days the relevant
    # Director should be informed" (003 §31.15); a holding reply counts as a response.
    if enquiry.state not in (State.NEW, State.ACCEPTED):
        return
    informed = expiry_recipient(profile, enquiry.service, enquiry.assigned_to)
    _send(reminder, [informed], "deadline passed with no response",
          f"The deadline of {due} for the councillor's enquiry \"{enquiry.subject}\", with "
          f"{enquiry.assigned_to}, has passed with no response or holding reply.")
    # Say who was informed only when someone was: the profile may inform nobody, or the
    # post may be vacant, and the councillor must not be told otherwise.
    _send(reminder, [enquiry.raised_by], "your enquiry is overdue",
          f"No response has been sent by the deadline of {due}."
          + (f" {informed} has been informed." if informed else ""))
    record(enquiry, actor=None, kind=EventKind.EXPIRED,
           summary=f"Deadline {due} passed with nothing sent"
           + (f". {informed} informed; " if informed else "; ") + "the councillor told.")


def _revised_date_passed(reminder: EnquiryReminder, enquiry: Enquiry,
                         profile: ProtocolProfile, due: str) -> None:
    # Still unanswered, not only still "holding": reassigning a held enquiry puts it back
    # with the new officer (state new), and the promised date still stands.
    if not enquiry.is_unanswered:
        return
    informed = expiry_recipient(profile, enquiry.service, enquiry.assigned_to)
    reminded = list(dict.fromkeys(p for p in (enquiry.assigned_to, informed) if p))
    _send(reminder, reminded, "holding reply's date passed",
          f"The holding reply promised a full response to \"{enquiry.subject}\" by {due}, and "
          "none has been sent.")
    # Name who was reminded: the officer may be the Director, or the profile inform nobody.
    record(enquiry, actor=None, kind=EventKind.REMINDER,
           summary=f"Revised date {due} passed without a full response; "
           f"{' and '.join(map(str, reminded))} reminded.")


def _follow_up_ends(reminder: EnquiryReminder, enquiry: Enquiry, profile: ProtocolProfile,
                    due: str) -> None:
    if enquiry.state != State.ANSWERED:
        return
    enquiry.close_after_follow_up(at=timezone.now())
    save(enquiry, "closed_at")
    record(enquiry, actor=None, kind=EventKind.CLOSED, from_state=State.ANSWERED,
           summary="Closed: the follow-up window ended with no reply from the councillor.")


HANDLERS = {
    ReminderKind.APPROACHING: _approaching,
    ReminderKind.EXPIRED: _expired,
    ReminderKind.REVISED_DATE_PASSED: _revised_date_passed,
    ReminderKind.FOLLOW_UP_ENDS: _follow_up_ends,
}


def _handle(reminder: EnquiryReminder, profile: ProtocolProfile) -> None:
    """Act on one claimed reminder if what it is about still holds."""
    enquiry = (Enquiry.objects.select_for_update(of=("self",))
               .select_related("service", "assigned_to", "raised_by").get(pk=reminder.enquiry_id))
    reminder.enquiry = enquiry
    HANDLERS[ReminderKind(reminder.kind)](reminder, enquiry, profile,
                                          f"{reminder.deadline:%A %d %B %Y}")


def sweep(today: date | None = None, *, limit: int = 5000) -> SweepResult:
    """Fire every reminder due by `today` (the outbox resends lost emails on its own:
    protocol.tasks.deliver_pending)."""
    today = today or timezone.localdate()
    profile = active_profile()
    fired = fire_due(EnquiryReminder, today, lambda r: _handle(r, profile), limit=limit)
    return SweepResult(reminders=fired)
