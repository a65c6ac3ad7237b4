"""Open enquiries' deadlines as one kind of open deadline that closure days move
(protocol.deadline_moves): each move is noted on the enquiry's timeline."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from casework import deadlines
from casework.models import Enquiry, EnquiryEvent, EventKind, ReminderKind
from casework.models.enquiry import OPEN_UNANSWERED
from casework.services import schedule
from casework.services.common import record
from protocol.calendar import Closures
from protocol.deadline_moves import OpenDeadlines, moved_summary
from protocol.models import ProtocolProfile, User
from protocol.reminders import cancel_pending


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


OPEN_ENQUIRIES = OpenDeadlines("enquiries", affected, move)
