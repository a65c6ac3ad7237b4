"""Enquiries under the retention policy (protocol.machinery.retention): kept for the profile's
period after closure (a redirection included) or withdrawal, then anonymised with their history.

What goes: the subject and details, the constituent's name, contact and address, the
relationship note, every message's text and reasons, the files, the text of every timeline
event and of every email about the enquiry. What stays, for statistics and the dashboard
tallies: the reference, ward, service, councillor and officer, the dates, deadlines and
states, whether it was answered in time, and who did what when."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse

from casework.models import Attachment, Correspondence, Enquiry, EnquiryEvent, EventKind, State
from protocol.machinery.retention.erase import allowed, scrub, scrub_history, scrub_notifications
from protocol.machinery.retention.periods import RecordType
from protocol.machinery.retention.registry import Eraser, register

ENQUIRY_TEXT = ("subject", "details", "constituent_name", "constituent_contact",
                "constituent_address", "relationship_note", "legal_hold_reason")
SUMMARY = "Personal data anonymised under the council's retention policy."


def _drop_files(ids: Sequence[int]) -> None:
    """Delete the enquiries' files: the rows now, the stored files once this commits."""
    files = Attachment.objects.filter(enquiry_id__in=ids)
    names = [name for name in files.values_list("file", flat=True) if name]
    files.delete()

    def delete_stored() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete_stored)


def erase_enquiries(ids: Sequence[int], at: datetime) -> int:
    """Anonymise these enquiries and their timelines, in the caller's transaction."""
    enquiries = Enquiry.objects.filter(pk__in=ids, anonymised_at__isnull=True)
    found = dict(enquiries.values_list("pk", "reference"))
    with allowed():
        count = scrub(enquiries, ENQUIRY_TEXT, anonymised_at=at, version=F("version") + 1)
        scrub(Correspondence.objects.filter(enquiry_id__in=found), ("body", "reasons"))
        _drop_files(list(found))
        scrub_history(EnquiryEvent, list(found), ("summary",), added=[
            EnquiryEvent(enquiry_id=pk, at=at, kind=EventKind.ANONYMISED, summary=SUMMARY)
            for pk in found])
        scrub_notifications(reverse("casework:detail", args=[reference])
                            for reference in found.values())
    return count


# Every state an enquiry ends in, each stamping closed_at: closed, withdrawn, and closed as
# "being handled another way" (casework.services.councillor.enquiry_redirect).
FINISHED = (State.CLOSED, State.WITHDRAWN, State.REDIRECTED)

register(Eraser(RecordType.ENQUIRY, Enquiry, ended="closed_at", erase=erase_enquiries,
                where=Q(state__in=FINISHED), holdable=True))
