"""The Monitoring Officer puts a complaint or grievance on legal hold, or releases it (the
platform's protocol.machinery.legal_hold): a held case is never anonymised by the
retention run."""
from __future__ import annotations

from django.http import HttpRequest

from complaints.errors import ERRORS
from complaints.models import Complaint
from complaints.services.common import locked, record, save
from protocol.machinery.legal_hold import HoldSteps, legal_hold_change
from protocol.models import User


def _record(complaint: Complaint, actor: User, hold: bool, reason: str) -> None:
    record(complaint, actor=actor,
           action="legal hold set" if hold else "legal hold released", reason=reason)


STEPS = HoldSteps(lock=locked, save=save, record=_record, errors=ERRORS)


def complaint_legal_hold(*, complaint: Complaint, actor: User, hold: bool, reason: str,
                         version: int | None = None,
                         request: HttpRequest | None = None) -> Complaint:
    """Set (`hold=True`) or release the legal hold on a case, with the reason."""
    return legal_hold_change(case=complaint, actor=actor, hold=hold, reason=reason,
                             steps=STEPS, version=version, request=request)
