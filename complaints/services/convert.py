"""An enquiry that turns out to be a complaint becomes one: the complaint keeps a link to
the enquiry's history and starts its own clock. The conversion lives here, because
casework never imports complaints."""
from __future__ import annotations

from django.db import transaction

from casework.models import Enquiry
from casework.services import enquiry_note
from complaints.errors import NotAllowed
from complaints.models import Complaint
from complaints.services.intake import NewComplaint, complaint_raise
from protocol.models import User


def complaint_from_enquiry(*, enquiry: Enquiry, actor: User, entered: NewComplaint
                           ) -> Complaint:
    """The raising councillor turns their enquiry into a complaint."""
    if enquiry.raised_by_id != actor.pk:
        raise NotAllowed("Only the councillor who raised the enquiry can turn it into a "
                         "complaint.")
    entered.source_enquiry_reference = enquiry.reference
    with transaction.atomic():
        complaint = complaint_raise(complainant=actor, entered=entered)
        enquiry_note(enquiry=enquiry, actor=actor,
                     summary=f"Raised as a complaint ({complaint.reference}); the enquiry's "
                     "history stays here.")
    return complaint
