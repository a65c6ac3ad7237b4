"""The Monitoring Officer puts a need-to-know or a group's request on legal hold, or
releases it (the platform's protocol.machinery.legal_hold): a held request is never
anonymised by the retention run."""
from __future__ import annotations

from django.http import HttpRequest

from protocol.machinery.legal_hold import HoldSteps, legal_hold_change
from protocol.models import User
from registers.errors import ERRORS
from registers.models import GroupRequest, InformationRequest
from registers.services.common import bump, locked, record


def _steps(model: type[GroupRequest] | type[InformationRequest]) -> HoldSteps:
    def record_hold(request: GroupRequest | InformationRequest, actor: User, hold: bool,
                    reason: str) -> None:
        record(request.events, actor=actor,
               action="Legal hold set" if hold else "Legal hold released", summary=reason)

    return HoldSteps(lock=lambda request, version: locked(model, request.pk, version),
                     save=bump, record=record_hold, errors=ERRORS)


GROUP_STEPS, INFORMATION_STEPS = _steps(GroupRequest), _steps(InformationRequest)


def group_request_legal_hold(*, request: GroupRequest, actor: User, hold: bool, reason: str,
                             version: int | None = None,
                             http: HttpRequest | None = None) -> GroupRequest:
    """Set (`hold=True`) or release the legal hold on a group's request, with the reason."""
    return legal_hold_change(case=request, actor=actor, hold=hold, reason=reason,
                             steps=GROUP_STEPS, version=version, request=http)


def information_request_legal_hold(*, request: InformationRequest, actor: User, hold: bool,
                                   reason: str, version: int | None = None,
                                   http: HttpRequest | None = None) -> InformationRequest:
    """Set (`hold=True`) or release the legal hold on a need-to-know request."""
    return legal_hold_change(case=request, actor=actor, hold=hold, reason=reason,
                             steps=INFORMATION_STEPS, version=version, request=http)
