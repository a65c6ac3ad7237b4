"""What the raising councillor does after logging: withdraw, confirm, reopen."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from casework import deadlines
from casework.errors import EnquiryError
from casework.models import Enquiry, EventKind
from casework.services import schedule
from casework.services.common import check_transition, locked, move, record, save, tell
from protocol.council.selectors import active_profile
from protocol.models import User


def enquiry_withdraw(*, enquiry: Enquiry, actor: User, reason: str,
                     version: int | None = None) -> Enquiry:
    """The councillor no longer needs an answer."""
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        before = move(enquiry.withdraw, actor, "Only an open enquiry can be withdrawn.",
                      "closed_at", at=timezone.now())
        schedule.cancel_all(enquiry)
        why = f": {reason.strip()}" if reason.strip() else "."
        event = record(enquiry, actor=actor, kind=EventKind.WITHDRAWN, from_state=before,
                       summary=f"Withdrawn by {actor}{why}")
        tell([enquiry.assigned_to], event, "enquiry withdrawn",
             f"{actor} has withdrawn the enquiry \"{enquiry.subject}\"{why}")
    return enquiry


def enquiry_confirm(*, enquiry: Enquiry, actor: User, version: int | None = None) -> Enquiry:
    """The councillor confirms the response answers the enquiry; it closes."""
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        before = move(enquiry.confirm, actor, "Only an answered enquiry can be confirmed.",
                      "closed_at", at=timezone.now())
        schedule.cancel_all(enquiry)
        event = record(enquiry, actor=actor, kind=EventKind.CONFIRMED, from_state=before,
                       summary=f"{actor} confirmed the enquiry is answered. Closed.")
        tell([enquiry.assigned_to], event, "confirmed as answered",
             f"{actor} confirmed your response answers \"{enquiry.subject}\".")
    return enquiry


def enquiry_reopen(*, enquiry: Enquiry, actor: User, reason: str,
                   version: int | None = None) -> Enquiry:
    """The councillor says the response does not answer it: a new deadline starts today."""
    if not reason.strip():
        raise EnquiryError("Enter why the response does not answer the enquiry.")
    profile = active_profile()
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        check_transition(enquiry.reopen, actor, "Only an answered or closed enquiry can be "
                         "reopened.")
        before = enquiry.state
        due = deadlines.response_deadline(profile, enquiry.service, timezone.localdate())
        enquiry.reopen(due_on=due.due)
        save(enquiry, "closed_at", "due_on", "current_due_on")
        schedule.cancel_all(enquiry)
        schedule.schedule_response_reminders(enquiry, profile)
        event = record(enquiry, actor=actor, kind=EventKind.REOPENED, from_state=before,
                       summary=f"Reopened by {actor}: {reason.strip()} New deadline "
                       f"{due.due:%d %B %Y}.")
        tell([enquiry.assigned_to], event, "enquiry reopened",
             f"{actor} has reopened \"{enquiry.subject}\": {reason.strip()}\n"
             f"A full response is due by {due.due:%A %d %B %Y}.")
    return enquiry


def enquiry_redirect(*, enquiry: Enquiry, actor: User, version: int | None = None) -> Enquiry:
    """The councillor takes the matter forward another way: the enquiry closes and its
    reminders stop. Its timeline says only that, for all who read it."""
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        check_transition(enquiry.redirect, actor, "Only an open enquiry can be closed this "
                         "way.")
        before = enquiry.state
        enquiry.redirect(at=timezone.now())
        save(enquiry, "closed_at")
        schedule.cancel_all(enquiry)
        event = record(enquiry, actor=actor, kind=EventKind.CLOSED, from_state=before,
                       summary=f"Closed by {actor}: being handled another way. No response "
                       "is needed now; the enquiry's history stays here.")
        tell([enquiry.assigned_to], event, "enquiry closed",
             f"{actor} has closed the enquiry \"{enquiry.subject}\": it is being handled "
             "another way, and no response is needed now.")
    return enquiry


def enquiry_note(*, enquiry: Enquiry, actor: User, summary: str) -> None:
    """A note on the timeline from elsewhere in the product (e.g. raised as a complaint)."""
    with transaction.atomic():
        enquiry = locked(enquiry)
        record(enquiry, actor=actor, kind=EventKind.NOTE, summary=summary)
