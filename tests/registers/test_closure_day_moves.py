"""A new closure day moves every open deadline counted over it (003 §31.15 for enquiries;
complaint stage limits; register deadlines) in a task after the admin's commit, never
inside the admin's request; each move is on its own case's timeline, once."""
from datetime import timedelta

import pytest
from django.utils import timezone

from protocol.models import ClosureDay
from protocol.tasks import move_deadlines
from registers.models import InfoReminderKind
from tests.closure_days import MOVED, working_day_after
from tests.registers.conftest import refuse

pytestmark = pytest.mark.django_db


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


def test_a_directed_release_has_its_own_deadline_stored_and_moved_once(council, ask_info,
                                                                        tomorrow):
    """The Monitoring Officer directs release of a disputed refusal (004 "Members' Access"):
    the officer provides it within the response time again, counted from the direction.
    That deadline is the request's due_on, and a closure day inside it moves it, with its
    reminders, once."""
    from protocol.council.selectors import active_profile
    from registers.models import InformationRequest
    from registers.services import information_request_dispute, information_request_resolve
    from registers.services.common import response_due

    asked = ask_info()
    # Asked a fortnight ago: its first deadline is not the one the direction starts.
    InformationRequest.objects.filter(pk=asked.pk).update(
        received_on=timezone.localdate() - timedelta(days=14),
        due_on=timezone.localdate() - timedelta(days=1))
    request = refuse(InformationRequest.objects.get(pk=asked.pk), council.head_of_service)
    request = information_request_dispute(request=request, actor=council.councillor,
                                          reasons="I need it for casework.")
    request = information_request_resolve(request=request, actor=council.monitoring_officer,
                                          release=True, reasons="It is not exempt.")
    request.refresh_from_db()
    directed_due = response_due(active_profile(), request.service, timezone.localdate())
    assert request.due_on == directed_due
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], None)
    move_deadlines([tomorrow.isoformat()], None)

    request.refresh_from_db()
    assert request.due_on == working_day_after(directed_due)
    pending = dict(request.reminders.filter(fired_at__isnull=True, cancelled_at__isnull=True)
                   .values_list("kind", "deadline"))
    assert pending == {InfoReminderKind.APPROACHING: request.due_on,
                       InfoReminderKind.EXPIRED: request.due_on}
    assert request.events.filter(summary__contains=MOVED).count() == 1


def test_a_cleared_referrals_deadline_moves_counted_from_the_clearance(council, ask_info,
                                                                         tomorrow):
    """Cleared by the Monitoring Officer (004: the councillor with an interest asks her
    first), the officer's time starts then, not at receipt: a closure day re-counts it
    from the clearance."""
    from registers.models import InformationRequest
    from registers.services import information_request_decide_referral

    asked = ask_info(personal_interest=True)
    InformationRequest.objects.filter(pk=asked.pk).update(
        received_on=timezone.localdate() - timedelta(days=14))
    request = information_request_decide_referral(
        request=InformationRequest.objects.get(pk=asked.pk), actor=council.monitoring_officer,
        clear=True, reasons="Your interest is not prejudicial.")
    cleared_due = request.due_on
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], None)

    request.refresh_from_db()
    assert request.due_on == working_day_after(cleared_due)
