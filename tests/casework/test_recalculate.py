"""When the council adds or removes a closure day, open enquiries' deadlines move with it
(casework.services.recalculate, through
protocol.machinery.deadline_moves.announce_closure_change)."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.models import EventKind, ReminderKind
from casework.services import enquiry_hold, enquiry_reopen, enquiry_respond
from protocol.council.calendar import add_working_days, is_working_day
from protocol.machinery.deadline_moves import announce_closure_change
from protocol.models import ClosureDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def close(django_capture_on_commit_callbacks):
    """`close(day)` adds a closure day, `close(day, remove=True)` takes it away, as the
    admin does: the change is announced after commit."""

    def change(day: date, *, actor=None, remove: bool = False) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            if remove:
                ClosureDay.objects.filter(date=day).delete()
            else:
                ClosureDay.objects.create(date=day, reason="Staff training day")
            announce_closure_change([day], actor)

    return change


def working_day_after(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day, "ENG"):
        day += timedelta(days=1)
    return day


def pending(enquiry) -> dict[str, date]:
    return dict(enquiry.reminders.filter(fired_at__isnull=True, cancelled_at__isnull=True)
                .values_list("kind", "deadline"))


def test_a_closure_day_inside_the_window_moves_the_deadline_one_working_day(
        council, log, close):
    enquiry = log()
    old_due = enquiry.due_on
    closed = working_day_after(enquiry.received_on)
    close(closed, actor=council.hr)
    enquiry.refresh_from_db()
    assert enquiry.due_on == working_day_after(old_due)
    assert enquiry.due_on == add_working_days(enquiry.received_on, 10, "ENG",
                                              {closed: "Staff training day"})
    assert enquiry.current_due_on == enquiry.due_on
    assert enquiry.version == 2  # an open form on the old deadline is now stale
    event = enquiry.events.last()
    assert (event.kind, event.actor) == (EventKind.DEADLINE_CHANGED, council.hr)
    assert event.summary == (f"Deadline moved from {old_due:%d %B %Y} to "
                             f"{enquiry.due_on:%d %B %Y}: the council's closure days changed.")
    # The reminders follow the deadline.
    assert pending(enquiry) == {ReminderKind.APPROACHING: enquiry.due_on,
                                ReminderKind.EXPIRED: enquiry.due_on}
    assert enquiry.reminders.filter(deadline=old_due, cancelled_at__isnull=False).count() == 2


def test_taking_the_closure_day_away_moves_the_deadline_back_with_its_reminders(log, close):
    enquiry = log()
    old_due = enquiry.due_on
    closed = working_day_after(enquiry.received_on)
    close(closed)
    close(closed, remove=True)
    enquiry.refresh_from_db()
    assert enquiry.due_on == old_due
    assert enquiry.events.filter(kind=EventKind.DEADLINE_CHANGED).count() == 2
    assert pending(enquiry) == {ReminderKind.APPROACHING: old_due,
                                ReminderKind.EXPIRED: old_due}


def test_a_closure_day_after_the_deadline_changes_nothing(log, close):
    enquiry = log()
    close(working_day_after(enquiry.due_on))
    enquiry.refresh_from_db()
    assert (enquiry.due_on, enquiry.version) == (add_working_days(enquiry.received_on, 10,
                                                                  "ENG"), 1)
    assert not enquiry.events.filter(kind=EventKind.DEADLINE_CHANGED).exists()


def test_a_holding_reply_keeps_its_revised_date(council, log, close):
    enquiry = log()
    revised = enquiry.due_on + timedelta(days=14)
    enquiry_hold(enquiry=enquiry, actor=council.director, body="", reasons="Contractor.",
                 revised_due_on=revised)
    old_due = enquiry.due_on
    close(working_day_after(enquiry.received_on))
    enquiry.refresh_from_db()
    assert enquiry.due_on == working_day_after(old_due)  # the protocol's deadline moves
    assert enquiry.current_due_on == revised  # the date promised to the councillor does not
    assert pending(enquiry) == {ReminderKind.REVISED_DATE_PASSED: revised}


def test_an_answered_enquirys_response_deadline_is_left_alone(council, log, close):
    """Answered, its response deadline is history; only the follow-up window, counted in
    working days from the response, moves (casework.services.recalculate.follow_up_move)."""
    enquiry = log()
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    close(working_day_after(enquiry.received_on))
    enquiry.refresh_from_db()
    assert enquiry.due_on == add_working_days(enquiry.received_on, 10, "ENG")
    [moved] = enquiry.events.filter(kind=EventKind.DEADLINE_CHANGED)
    assert moved.summary.startswith("The follow-up window's last day moved")


def test_a_reopened_enquiry_that_once_had_a_holding_reply_keeps_its_reminders(
        council, log, close):
    enquiry = log(now=timezone.now() - timedelta(weeks=3))
    enquiry_hold(enquiry=enquiry, actor=council.director, body="", reasons="Contractor.",
                 revised_due_on=timezone.localdate() + timedelta(days=3))
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    enquiry_reopen(enquiry=enquiry, actor=council.councillor, reason="Not collected.")
    enquiry.refresh_from_db()
    close(working_day_after(timezone.localdate()))
    enquiry.refresh_from_db()
    assert enquiry.due_on == add_working_days(
        timezone.localdate(), 10, "ENG", {working_day_after(timezone.localdate()): "x"})
    assert enquiry.current_due_on == enquiry.due_on
    # Without these the Director would never hear that the new deadline passed.
    assert pending(enquiry) == {ReminderKind.APPROACHING: enquiry.due_on,
                                ReminderKind.EXPIRED: enquiry.due_on}
