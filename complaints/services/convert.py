"""An enquiry that turns out to be a complaint becomes one: the complaint keeps a link to
the enquiry's history and starts its own clock. The conversion lives here, because
casework never imports complaints."""
from __future__ import annotations

from dataclasses import replace

from django.db import transaction

from casework.models import Enquiry
from casework.services import enquiry_note
from complaints.errors import NotAllowed
from complaints.models import Complaint
from complaints.services.intake import NewComplaint, complaint_raise
from protocol.models import User
from protocol.submissions import once


def complaint_from_enquiry(*, enquiry: Enquiry, actor: User, entered: NewComplaint
                           ) -> Complaint:
    """The raising councillor turns their enquiry into a complaint, once per submission of
    the form."""
    if enquiry.raised_by_id != actor.pk:
        raise NotAllowed("Only the councillor who raised the enquiry can turn it into a "
                         "complaint.")
    # The token is claimed here, for the complaint and the enquiry's note together.
    raised = replace(entered, source_enquiry_reference=enquiry.reference, submission=None)

    def convert() -> Complaint:
        with transaction.atomic():
            complaint = complaint_raise(complainant=actor, entered=raised)
            enquiry_note(enquiry=enquiry, actor=actor,
                         summary=f"Raised as a complaint ({complaint.reference}); the "
                         "enquiry's history stays here.")
        return complaint

    return once(token=entered.submission, actor=actor, create=convert)
