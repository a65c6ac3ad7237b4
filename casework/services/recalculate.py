"""When the council adds or removes a closure day, open enquiries' deadlines move, and each
change is noted on the enquiry's timeline."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from casework import deadlines
from casework.models import Enquiry, EnquiryEvent, EventKind, ReminderKind
from casework.models.enquiry import OPEN_UNANSWERED
from casework.services import schedule
from casework.services.common import record
from protocol.models import User
from protocol.reminders import cancel_pending
from protocol.selectors import active_profile, closure_days


def recalculate_deadlines(dates: Iterable[date], actor: User | None = None) -> int:
    """Recompute the deadline of every open, unanswered enquiry the changed days fall in;
    returns how many moved."""
    dates = sorted(dates)
    if not dates:
        return 0
    profile = active_profile()
    closures = closure_days(dates[0])
    # A reopened enquiry's deadline is counted from the day it was reopened, not received
    # (casework.services.councillor.enquiry_reopen); the timeline says when that was.
    reopened = (EnquiryEvent.objects.filter(enquiry=OuterRef("pk"), kind=EventKind.REOPENED)
                .order_by("-at").values("at")[:1])
    affected = (Enquiry.objects.filter(state__in=OPEN_UNANSWERED, received_on__lte=dates[-1],
                                       due_on__gte=dates[0])
                .annotate(reopened_at=Subquery(reopened))
                .select_related("service").order_by("pk"))
    moved = 0
    for enquiry in affected.iterator(chunk_size=500):
        counted_from = (timezone.localdate(enquiry.reopened_at) if enquiry.reopened_at
                        else enquiry.received_on)
        new_due = deadlines.response_deadline(profile, enquiry.service, counted_from,
                                              closures).due
        if new_due != enquiry.due_on:
            _move(enquiry, new_due, profile, closures, actor)
            moved += 1
    return moved


def _move(enquiry: Enquiry, new_due: date, profile, closures, actor: User | None) -> None:
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        old_due = enquiry.due_on
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
               summary=f"Deadline moved from {old_due:%d %B %Y} to {new_due:%d %B %Y}: the "
               "council's closure days changed.")
