"""Open enquiries' deadlines as kinds of open deadline that closure days move
(protocol.machinery.deadline_moves): an unanswered enquiry's response deadline (003 §31.15) and an
answered one's follow-up window, counted in working days too. Each move is noted on the
enquiry's timeline."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import models
from django.utils import timezone

from casework import deadlines
from casework.models import (
    Enquiry,
    EnquiryEvent,
    EnquiryReminder,
    EventKind,
    ReminderKind,
    State,
)
from casework.models.enquiry import OPEN_UNANSWERED
from casework.services import schedule
from casework.services.common import record
from protocol.council.calendar import Closures
from protocol.machinery.deadline_moves import OpenDeadlines, moved_summary
from protocol.machinery.reminders import cancel_pending
from protocol.models import ProtocolProfile, User


def affected(first: date, last: date) -> Iterable[int]:
    """Open, unanswered enquiries counted over any of the changed days."""
    return (Enquiry.objects.filter(state__in=OPEN_UNANSWERED, received_on__lte=last,
                                   due_on__gte=first)
            .order_by("pk").values_list("pk", flat=True))


def _counted_from(enquiry: Enquiry) -> date:
    # A reopened enquiry's deadline is counted from the day it was reopened, not received
    # (casework.services.councillor.enquiry_reopen); the timeline says when that was.
    reopened = (EnquiryEvent.objects.filter(enquiry=enquiry, kind=EventKind.REOPENED)
                .order_by("-at").values_list("at", flat=True).first())
    return timezone.localdate(reopened) if reopened else enquiry.received_on


def move(pk: int, closures: Closures, profile: ProtocolProfile, actor: User | None) -> bool:
    """Re-count one enquiry's deadline under its row lock; True if it moved."""
    enquiry = (Enquiry.objects.select_for_update(of=("self",)).select_related("service")
               .filter(pk=pk, state__in=OPEN_UNANSWERED).first())
    if enquiry is None:
        return False
    old_due = enquiry.due_on
    new_due = deadlines.response_deadline(profile, enquiry.service, _counted_from(enquiry),
                                          closures).due
    if new_due == old_due:
        return False
    fields = {"due_on": new_due, "version": enquiry.version + 1}
    # A holding reply's revised date in force keeps its date and its own reminder. Not
    # `holding_reply_at`: that stays set after a reopening, which starts a new deadline.
    revised_date_in_force = enquiry.current_due_on != old_due
    if not revised_date_in_force:
        fields["current_due_on"] = new_due
    Enquiry.objects.filter(pk=enquiry.pk).update(**fields)
    enquiry.refresh_from_db()
    cancel_pending(enquiry.reminders.filter(
        kind__in=[ReminderKind.APPROACHING, ReminderKind.EXPIRED], deadline=old_due))
    if not revised_date_in_force:
        schedule.schedule_response_reminders(enquiry, profile, closures)
    record(enquiry, actor=actor, kind=EventKind.DEADLINE_CHANGED,
           summary=moved_summary(old_due, new_due))
    return True


def _pending_follow_up_ends() -> models.QuerySet[EnquiryReminder]:
    return EnquiryReminder.objects.filter(kind=ReminderKind.FOLLOW_UP_ENDS,
                                          fired_at__isnull=True, cancelled_at__isnull=True)


def follow_up_affected(first: date, last: date) -> Iterable[int]:
    """Answered enquiries whose follow-up window may run over any of the changed days (the
    reminder's deadline is the day of the response, its fire_on the day after the last)."""
    return (_pending_follow_up_ends()
            .filter(enquiry__state=State.ANSWERED, deadline__lte=last, fire_on__gte=first)
            .order_by("enquiry_id").values_list("enquiry_id", flat=True).distinct())


def follow_up_move(pk: int, closures: Closures, profile: ProtocolProfile,
                   actor: User | None) -> bool:
    """Re-count one answered enquiry's follow-up window under its row lock; True if its
    end moved. The reminder's row keeps its key (the response day): only fire_on moves."""
    enquiry = (Enquiry.objects.select_for_update(of=("self",))
               .filter(pk=pk, state=State.ANSWERED).first())
    if enquiry is None:
        return False
    reminder = _pending_follow_up_ends().select_for_update().filter(enquiry=enquiry).first()
    if reminder is None:
        return False
    fire_on = deadlines.follow_up_closes_on(profile, reminder.deadline, closures)
    if fire_on == reminder.fire_on:
        return False
    EnquiryReminder.objects.filter(pk=reminder.pk).update(fire_on=fire_on)
    day = timedelta(days=1)
    record(enquiry, actor=actor, kind=EventKind.DEADLINE_CHANGED, summary=moved_summary(
        reminder.fire_on - day, fire_on - day, "The follow-up window's last day"))
    return True


OPEN_ENQUIRIES = OpenDeadlines("enquiries", affected, move)
FOLLOW_UP_WINDOWS = OpenDeadlines("follow-up windows", follow_up_affected, follow_up_move)
