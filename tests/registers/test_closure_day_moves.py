"""A new closure day moves every open deadline counted over it (003 §31.15 for enquiries;
complaint stage limits; register deadlines) in a task after the admin's commit, never
inside the admin's request; each move is on its own case's timeline, once."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from protocol.calendar import is_working_day
from protocol.models import ClosureDay
from protocol.tasks import move_deadlines
from registers.models import InfoReminderKind
from tests.registers.conftest import refuse

pytestmark = pytest.mark.django_db
MOVED = "the council's closure days changed"


def working_day_after(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day, "ENG"):
        day += timedelta(days=1)
    return day


@pytest.fixture
def tomorrow() -> date:
    return working_day_after(timezone.localdate())


def test_a_need_to_know_request_deadline_moves_with_its_reminders(council, ask_info,
                                                                   tomorrow):
    request = ask_info()
    old_due = request.due_on
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], None)
    request.refresh_from_db()
    assert request.due_on == working_day_after(old_due)
    pending = dict(request.reminders.filter(fired_at__isnull=True, cancelled_at__isnull=True)
                   .values_list("kind", "deadline"))
    assert pending == {InfoReminderKind.APPROACHING: request.due_on,
                       InfoReminderKind.EXPIRED: request.due_on}
    assert MOVED in request.events.order_by("at", "pk").last().summary


def test_a_disputed_refusals_deadline_moves(council, ask_info, tomorrow):
    from registers.services import information_request_dispute

    request = refuse(ask_info(), council.head_of_service)
    request = information_request_dispute(request=request, actor=council.councillor,
                                          reasons="I need it for casework.")
    old_due = request.dispute_due_on
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], None)
    request.refresh_from_db()
    assert request.dispute_due_on == working_day_after(old_due)
    assert request.reminders.get(kind=InfoReminderKind.DISPUTE_OVERDUE,
                                 cancelled_at__isnull=True).deadline == request.dispute_due_on


def test_a_group_requests_decision_date_moves(council, ask_group, tomorrow):
    request = ask_group()
    old_due = request.decision_due_on
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], None)
    request.refresh_from_db()
    assert request.decision_due_on == working_day_after(old_due)
    assert request.reminders.get(cancelled_at__isnull=True).deadline == request.decision_due_on
    assert MOVED in request.events.order_by("at", "pk").last().summary
