"""A new closure day moves every open deadline counted over it (003 §31.15 for enquiries;
complaint stage limits; register deadlines) in a task after the admin's commit, never
inside the admin's request; each move is on its own case's timeline, once."""
from datetime import timedelta

import pytest

from complaints.models import ComplaintReminder
from protocol.models import ClosureDay, EscalationStage
from protocol.tasks import move_deadlines
from tests.closure_days import MOVED, working_day_after

pytestmark = pytest.mark.django_db


def test_a_complaint_stage_limit_in_working_days_moves_with_its_reminder(
        council, raise_case, tomorrow):
    EscalationStage.objects.filter(profile__is_active=True, kind="officer_conduct",
                                   position=1).update(time_limit_days=5)
    complaint = raise_case()
    old_due = complaint.stage_due_on
    ClosureDay.objects.create(date=tomorrow, reason="Training")
    move_deadlines([tomorrow.isoformat()], council.hr.pk)
    complaint.refresh_from_db()
    assert complaint.stage_due_on == working_day_after(old_due)
    assert complaint.version == 2
    pending = ComplaintReminder.objects.filter(complaint=complaint, fired_at__isnull=True,
                                               cancelled_at__isnull=True)
    assert list(pending.values_list("deadline", "fire_on")) == [
        (complaint.stage_due_on, complaint.stage_due_on + timedelta(days=1))]
    event = complaint.events.order_by("at", "pk").last()
    assert event.actor == council.hr and MOVED in event.reason
    assert f"{old_due:%d %B %Y}" in event.reason
