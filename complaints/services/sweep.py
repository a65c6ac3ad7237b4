"""Stage time limits: a stage past its limit shows as overdue and its handler is reminded
once (the exactly-once reminders of protocol.machinery.reminders, as for enquiries)."""
from __future__ import annotations

from datetime import date

from django.utils import timezone

from complaints.models import Complaint, ComplaintReminder
from complaints.services.common import record
from protocol.machinery.outbox import notify
from protocol.machinery.reminders import fire_due


def _remind(reminder: ComplaintReminder) -> None:
    complaint = Complaint.objects.select_related("handler").get(pk=reminder.complaint_id)
    if not complaint.is_open or complaint.stage_due_on != reminder.deadline:
        return
    if complaint.handler is None:
        # Every routed stage has a handler (complaints.services.common.Stage.handler): a
        # case without one fails its reminder, logged and left for the next sweep.
        raise ValueError(f"{complaint.reference} has no handler to remind")
    notify(recipient=complaint.handler, key=f"complaint-reminder:{reminder.pk}",
           subject=f"{complaint.reference}: stage overdue",
           body=f"{complaint.stage_title} was due to finish by {reminder.deadline:%A %d %B %Y}. "
           "Give the outcome, or record why it needs longer.",
           url=complaint.get_absolute_url())
    record(complaint, actor=None, action="reminder: stage overdue",
           reason=f"{complaint.handler} reminded.")


def sweep(today: date | None = None, *, limit: int = 5000) -> int:
    """Remind handlers whose stage is past its time limit; returns how many."""
    return fire_due(ComplaintReminder, today or timezone.localdate(), _remind, limit=limit)
