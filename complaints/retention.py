"""Complaints and grievances under the retention policy (protocol.machinery.retention): each kind
kept for its own period after the decision that closes it (for a conduct complaint, its
determination) or its withdrawal, then anonymised with its history.

What goes: the summary, details and the reasons for the outcome, the reason given at every
step of the history, and the text of every email about the case. What stays, for statistics
and the dashboard tallies: the reference, kind, service, the people's roles in the case,
its stages, states, outcome code and dates, and who did what when."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db.models import F, Q
from django.urls import reverse

from complaints.models import Complaint, ComplaintEvent, State
from protocol.machinery.retention.erase import allowed, scrub, scrub_history, scrub_notifications
from protocol.machinery.retention.periods import complaint_record_type
from protocol.machinery.retention.registry import Eraser, register
from protocol.models import ComplaintKind

COMPLAINT_TEXT = ("summary", "details", "outcome_reasons", "legal_hold_reason")
ACTION = "anonymised under the council's retention policy"


def erase_complaints(ids: Sequence[int], at: datetime) -> int:
    """Anonymise these cases and their histories, in the caller's transaction."""
    complaints = Complaint.objects.filter(pk__in=ids, anonymised_at__isnull=True)
    found = {pk: (reference, stage) for pk, reference, stage
             in complaints.values_list("pk", "reference", "stage_position")}
    with allowed():
        count = scrub(complaints, COMPLAINT_TEXT, anonymised_at=at, version=F("version") + 1)
        scrub_history(ComplaintEvent, list(found), ("reason",), added=[
            ComplaintEvent(complaint_id=pk, at=at, action=ACTION, stage_position=stage)
            for pk, (_, stage) in found.items()])
        scrub_notifications(reverse("complaints:detail", args=[reference])
                            for reference, _ in found.values())
    return count


register(*(
    Eraser(complaint_record_type(kind), Complaint, ended="closed_at", erase=erase_complaints,
           where=Q(kind=kind, state__in=(State.CLOSED, State.WITHDRAWN)), holdable=True)
    for kind in ComplaintKind.values))
