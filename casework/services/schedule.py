"""Scheduling an enquiry's reminders (003 §31.15): ahead of the deadline, at expiry, when a
holding reply's revised date passes, and when the follow-up window ends."""
from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from casework import deadlines
from casework.models import Enquiry, EnquiryReminder, ReminderKind
from protocol.council.calendar import Closures
from protocol.council.selectors import closure_days
from protocol.machinery.reminders import cancel_pending
from protocol.models import ProtocolProfile


def _schedule(enquiry: Enquiry, kind: str, deadline: date, fire_on: date) -> None:
    # The unique (enquiry, kind, deadline) row makes scheduling the same reminder twice a
    # no-op: a deadline is reminded once.
    reminder, created = EnquiryReminder.objects.get_or_create(
        enquiry=enquiry, kind=kind, deadline=deadline, defaults={"fire_on": fire_on})
    if not created and reminder.cancelled_at is not None:
        # Cancelled but never sent (a second holding reply with the same date, a reopening
        # or a second response on the same day): the reminder applies again.
        EnquiryReminder.objects.filter(pk=reminder.pk, fired_at__isnull=True).update(
            cancelled_at=None, fire_on=fire_on)


def schedule_response_reminders(enquiry: Enquiry, profile: ProtocolProfile,
                                closures: Closures | None = None) -> None:
    """Before expiry (officer) and at expiry (Director and councillor)."""
    closures = closure_days(enquiry.received_on) if closures is None else closures
    remind_on = max(deadlines.reminder_date(profile, enquiry.due_on, closures),
                    enquiry.received_on)
    _schedule(enquiry, ReminderKind.APPROACHING, enquiry.due_on, remind_on)
    _schedule(enquiry, ReminderKind.EXPIRED, enquiry.due_on, deadlines.day_after(enquiry.due_on))


def schedule_revised_date(enquiry: Enquiry, revised_due_on: date) -> None:
    """A holding reply stops the deadline reminders and sets one for its revised date."""
    replaced = [ReminderKind.APPROACHING, ReminderKind.EXPIRED, ReminderKind.REVISED_DATE_PASSED]
    cancel_pending(enquiry.reminders.filter(kind__in=replaced))
    _schedule(enquiry, ReminderKind.REVISED_DATE_PASSED, revised_due_on,
              deadlines.day_after(revised_due_on))


def schedule_follow_up_end(enquiry: Enquiry, profile: ProtocolProfile) -> None:
    """A full response stops every reminder and starts the follow-up window."""
    cancel_pending(enquiry.reminders.filter(~Q(kind=ReminderKind.FOLLOW_UP_ENDS)))
    responded_on = timezone.localdate()
    # The window is open to the end of its last working day: the sweep counts days in
    # the council's time zone, so firing the day after closes it at local midnight.
    _schedule(enquiry, ReminderKind.FOLLOW_UP_ENDS, responded_on,
              deadlines.follow_up_closes_on(profile, responded_on, closure_days(responded_on)))


def cancel_all(enquiry: Enquiry) -> None:
    """Closed or withdrawn: nothing more is sent."""
    cancel_pending(enquiry.reminders.all())
