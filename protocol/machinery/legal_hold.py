"""The legal hold, once for every kind of case (enquiries, complaints, the registers'
requests): the Monitoring Officer sets or releases it with a reason, the case's history
records it, and the retention run leaves a held case alone. The rules are pure
(protocol.machinery.retention.hold); each app passes its own steps (lock, save, history entry,
errors), so the check order is the same everywhere: permission, then condition."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from protocol.council.selectors import roles_of
from protocol.machinery.errors import Errors
from protocol.machinery.retention import hold as rules

if TYPE_CHECKING:
    from protocol.models import User

ONLY_THE_MONITORING_OFFICER = "Only the Monitoring Officer can set or release a legal hold."


@dataclass(frozen=True)
class HoldSteps:
    """How one kind of case takes the hold's steps: `lock(case, version)` re-reads it under
    a row lock (refusing a stale form), `save(case, *fields)` saves it,
    `record(case, actor, hold, reason)` writes its history entry; `errors` are its app's."""

    lock: Callable[[Any, int | None], Any]
    save: Callable[..., object]
    record: Callable[[Any, User, bool, str], object]
    errors: Errors


def legal_hold_change(*, case: Any, actor: User, hold: bool, reason: str, steps: HoldSteps,
                      version: int | None = None, request: HttpRequest | None = None) -> Any:
    """Set (`hold=True`) or release the legal hold on `case`, with the reason."""
    if not rules.may_hold(roles_of(actor)):
        raise steps.errors.not_allowed(ONLY_THE_MONITORING_OFFICER)
    with transaction.atomic():
        case = steps.lock(case, version)
        refused = rules.refusal(held=case.legal_hold, hold=hold, reason=reason,
                                anonymised=case.anonymised_at is not None)
        if refused:
            raise steps.errors.refused(refused)
        fields = rules.apply(case, hold=hold, actor=actor, reason=reason, at=timezone.now())
        steps.save(case, *fields)
        steps.record(case, actor, hold, reason.strip())
        rules.announce(case, hold=hold, actor=actor, request=request)
    return case
