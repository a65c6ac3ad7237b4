"""Complaint stage time limits as one kind of open deadline that closure days move
(protocol.machinery.deadline_moves): each move is noted on the case's history."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.utils import timezone

from complaints.models import Complaint, ComplaintReminder
from complaints.models.complaint import AWAITING_HANDLER
from complaints.services.common import STAGE_OVERDUE, locked, record, save
from protocol.council.calendar import Closures, deadline
from protocol.machinery.deadline_moves import OpenDeadlines, moved_summary
from protocol.machinery.reminders import cancel_pending
from protocol.models import EscalationStage, ProtocolProfile, User


def affected(first: date, last: date) -> Iterable[int]:
    """Cases whose handler owes this stage's outcome by a date counted over the days."""
    return (Complaint.objects.filter(state__in=AWAITING_HANDLER, stage_due_on__gte=first,
                                     stage_started_at__date__lte=last)
            .order_by("pk").values_list("pk", flat=True))


def move(pk: int, closures: Closures, profile: ProtocolProfile, actor: User | None) -> bool:
    """Re-count one stage's time limit, as routing counted it, under the case's lock."""
    complaint = locked(pk)
    stage = EscalationStage.objects.filter(profile=profile, kind=complaint.kind,
                                           position=complaint.stage_position).first()
    if (complaint.state not in AWAITING_HANDLER or complaint.stage_due_on is None
            or stage is None or not stage.time_limit_days):
        return False
    old_due = complaint.stage_due_on
    new_due = deadline(timezone.localdate(complaint.stage_started_at), stage.time_limit_days,
                       stage.time_limit_day_kind, profile.nation, closures).due
    if new_due == old_due:
        return False
    complaint.stage_due_on = new_due
    save(complaint, "stage_due_on")
    cancel_pending(complaint.reminders.filter(kind=STAGE_OVERDUE, deadline=old_due))
    reminder, created = ComplaintReminder.objects.get_or_create(
        complaint=complaint, kind=STAGE_OVERDUE, deadline=new_due,
        defaults={"fire_on": new_due + timedelta(days=1)})
    if not created:
        ComplaintReminder.objects.filter(pk=reminder.pk, fired_at__isnull=True).update(
            cancelled_at=None)
    record(complaint, actor=actor, action="Stage deadline moved",
           reason=moved_summary(old_due, new_due))
    return True


STAGE_LIMITS = OpenDeadlines("complaint stages", affected, move)
