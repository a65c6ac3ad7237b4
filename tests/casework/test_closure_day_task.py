"""A new closure day moves every open deadline counted over it (003 §31.15 for enquiries;
complaint stage limits; register deadlines) in a task after the admin's commit, never
inside the admin's request; each move is on its own case's timeline, once."""
from datetime import timedelta

import pytest

from casework.models import EventKind
from protocol.models import ClosureDay, User
from protocol.tasks import move_deadlines
from tests.closure_days import MOVED, working_day_after

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch) -> list[tuple]:
    """What the admin's save put on the queue (the task is not run)."""
    calls: list[tuple] = []
    monkeypatch.setattr(move_deadlines, "delay", lambda *args: calls.append(args))
    return calls


def test_the_admins_new_closure_day_is_queued_after_commit_not_applied_in_the_request(
        council, log, admin_client, django_capture_on_commit_callbacks, queued, tomorrow):
    enquiry = log()
    old_due = enquiry.due_on
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post("/admin/protocol/closureday/add/",
                                     {"date": tomorrow.isoformat(), "reason": "Training"})
    assert response.status_code == 302
    assert ClosureDay.objects.filter(date=tomorrow).exists()
    enquiry.refresh_from_db()
    assert enquiry.due_on == old_due and queued == []  # nothing before commit
    for callback in callbacks:
        callback()
    admin = User.objects.get(username="admin")
    assert queued == [([tomorrow.isoformat()], admin.pk)]
    enquiry.refresh_from_db()
    assert enquiry.due_on == old_due  # still only queued: the worker moves it
    move_deadlines(*queued[0])
    enquiry.refresh_from_db()
    assert enquiry.due_on == working_day_after(old_due)
    event = enquiry.events.get(kind=EventKind.DEADLINE_CHANGED)
    assert event.actor == admin and MOVED in event.summary


def test_the_task_run_twice_moves_each_deadline_once(council, log, tomorrow):
    enquiry = log()
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], None)
    move_deadlines([tomorrow.isoformat()], None)
    assert enquiry.events.filter(kind=EventKind.DEADLINE_CHANGED).count() == 1


def test_an_answered_enquirys_follow_up_window_moves_once_with_its_auto_close(
        council, with_officer, tomorrow):
    """The follow-up window is counted in working days (casework.deadlines.follow_up_ends):
    a closure day inside it gives the councillor one more day to reply before the enquiry
    closes itself, and the move is on the timeline once however often the task runs."""
    from casework.models import ReminderKind
    from casework.services import enquiry_accept, enquiry_respond

    enquiry = with_officer()
    enquiry_accept(enquiry=enquiry, actor=council.officer)
    enquiry_respond(enquiry=enquiry, actor=council.officer, body="Collected.")
    reminder = enquiry.reminders.get(kind=ReminderKind.FOLLOW_UP_ENDS)
    old_last_day = reminder.fire_on - timedelta(days=1)
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], None)
    move_deadlines([tomorrow.isoformat()], None)

    reminder.refresh_from_db()
    new_last_day = working_day_after(old_last_day)
    assert reminder.fire_on == new_last_day + timedelta(days=1)  # the day after, as scheduled
    assert reminder.cancelled_at is None and reminder.fired_at is None
    [event] = enquiry.events.filter(kind=EventKind.DEADLINE_CHANGED)
    assert MOVED in event.summary and f"{new_last_day:%d %B %Y}" in event.summary
