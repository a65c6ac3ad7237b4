"""The Monitoring Officer puts a complaint or grievance on legal hold, or releases it
(protocol.retention.hold): a held case is never anonymised by the retention run."""
from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from complaints.errors import ComplaintError, NotAllowed
from complaints.models import Complaint
from complaints.services.common import locked, record, save
from protocol.models import User
from protocol.retention import hold as rules
from protocol.selectors import roles_of


def complaint_legal_hold(*, complaint: Complaint, actor: User, hold: bool, reason: str,
                         version: int | None = None,
                         request: HttpRequest | None = None) -> Complaint:
    """Set (`hold=True`) or release the legal hold on a case, with the reason."""
    if not rules.may_hold(roles_of(actor)):
        raise NotAllowed("Only the Monitoring Officer can set or release a legal hold.")
    with transaction.atomic():
        complaint = locked(complaint, version)
        refused = rules.refusal(held=complaint.legal_hold, hold=hold, reason=reason,
                                anonymised=complaint.anonymised_at is not None)
        if refused:
            raise ComplaintError(refused)
        fields = rules.apply(complaint, hold=hold, actor=actor, reason=reason,
                             at=timezone.now())
        save(complaint, *fields)
        record(complaint, actor=actor,
               action="legal hold set" if hold else "legal hold released",
               reason=reason.strip())
        rules.announce(complaint, hold=hold, actor=actor, request=request)
    return complaint
