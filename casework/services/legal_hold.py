"""The Monitoring Officer puts an enquiry on legal hold, or releases it (the platform's
protocol.machinery.legal_hold): a held enquiry is never anonymised by the retention run."""
from __future__ import annotations

from django.http import HttpRequest

from casework.errors import ERRORS
from casework.models import Enquiry, EventKind
from casework.services.common import locked, record, save
from protocol.machinery.legal_hold import HoldSteps, legal_hold_change
from protocol.models import User


def _record(enquiry: Enquiry, actor: User, hold: bool, reason: str) -> None:
    record(enquiry, actor=actor,
           kind=EventKind.LEGAL_HOLD if hold else EventKind.LEGAL_HOLD_RELEASED,
           summary=f"{'Legal hold set' if hold else 'Legal hold released'} by {actor}: "
                   f"{reason}")


STEPS = HoldSteps(lock=locked, save=save, record=_record, errors=ERRORS)


def enquiry_legal_hold(*, enquiry: Enquiry, actor: User, hold: bool, reason: str,
                       version: int | None = None,
                       request: HttpRequest | None = None) -> Enquiry:
    """Set (`hold=True`) or release the legal hold on an enquiry, with the reason."""
    return legal_hold_change(case=enquiry, actor=actor, hold=hold, reason=reason,
                             steps=STEPS, version=version, request=request)
