"""An enquiry that turns out to be a complaint becomes one: the complaint keeps a link to
the enquiry's history and starts its own clock, and the enquiry's stops. The conversion
lives here, because casework never imports complaints.

The enquiry's timeline and state say only that it is "being handled another way": the
officer complained about, their managers and the ward colleagues it was shared with all
read them, and only those who may see the complaint learn of it (the enquiry page asks
complaints.selectors when it is shown, through protocol.machinery.related_links)."""
from __future__ import annotations

from dataclasses import replace

from django.db import transaction

from casework.models import Enquiry
from casework.services import enquiry_redirect
from complaints.errors import NotAllowed
from complaints.models import Complaint
from complaints.services.intake import NewComplaint, complaint_raise
from protocol.machinery.submissions import once
from protocol.models import User


def complaint_from_enquiry(*, enquiry: Enquiry, actor: User, entered: NewComplaint
                           ) -> Complaint:
    """The raising councillor turns their enquiry into a complaint, once per submission of
    the form."""
    if enquiry.raised_by_id != actor.pk:
        raise NotAllowed("Only the councillor who raised the enquiry can turn it into a "
                         "complaint.")
    # The token is claimed here, for the complaint and the enquiry's closing together.
    raised = replace(entered, source_enquiry_reference=enquiry.reference, submission=None)

    def convert() -> Complaint:
        with transaction.atomic():
            # Decide on the enquiry as it is now, under its lock: the page's copy may be
            # stale (closed in another tab meanwhile), and a closed one stays as it is.
            fresh = Enquiry.objects.select_for_update(of=("self",)).get(pk=enquiry.pk)
            complaint = complaint_raise(complainant=actor, entered=raised)
            if fresh.is_open:
                enquiry_redirect(enquiry=fresh, actor=actor)
        return complaint

    return once(token=entered.submission, actor=actor, create=convert)
