"""The Monitoring Officer puts an enquiry on legal hold, or releases it (protocol.retention
.hold): a held enquiry is never anonymised by the retention run."""
from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casework.errors import EnquiryError, NotAllowed
from casework.models import Enquiry, EventKind
from casework.services.common import locked, record, save
from protocol.models import User
from protocol.retention import hold as rules
from protocol.selectors import roles_of


def enquiry_legal_hold(*, enquiry: Enquiry, actor: User, hold: bool, reason: str,
                       version: int | None = None,
                       request: HttpRequest | None = None) -> Enquiry:
    """Set (`hold=True`) or release the legal hold on an enquiry, with the reason."""
    if not rules.may_hold(roles_of(actor)):
        raise NotAllowed("Only the Monitoring Officer can set or release a legal hold.")
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        refused = rules.refusal(held=enquiry.legal_hold, hold=hold, reason=reason,
                                anonymised=enquiry.anonymised_at is not None)
        if refused:
            raise EnquiryError(refused)
        fields = rules.apply(enquiry, hold=hold, actor=actor, reason=reason,
                             at=timezone.now())
        save(enquiry, *fields)
        record(enquiry, actor=actor,
               kind=EventKind.LEGAL_HOLD if hold else EventKind.LEGAL_HOLD_RELEASED,
               summary=f"{'Legal hold set' if hold else 'Legal hold released'} by {actor}: "
                       f"{reason.strip()}")
        rules.announce(enquiry, hold=hold, actor=actor, request=request)
    return enquiry
