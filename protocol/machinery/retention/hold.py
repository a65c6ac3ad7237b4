"""Legal hold: the Monitoring Officer keeps a case from being anonymised while litigation,
an investigation or a request for information needs it, and releases it after (issue:
"... except cases on legal hold"). The seeds say nothing of it; the Monitoring Officer holds
the council's records of conduct (001 §11.3, 004 'Resolving Disputes'), so the hold is
theirs to set.

The rules are pure; `apply` sets the fields of a `protocol.models.RetainedRecord` and the
case's own service saves it, records it in the case's history and calls `announce`."""
from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.http import HttpRequest

from protocol.council.rules.roles import Roles
from protocol.machinery import security_events

HOLD_FIELDS = ("legal_hold", "legal_hold_reason", "legal_hold_by", "legal_hold_at")


def may_hold(roles: Roles) -> bool:
    """Only the Monitoring Officer sets or releases a legal hold."""
    return roles.is_monitoring_officer


def refusal(*, held: bool, anonymised: bool, hold: bool, reason: str) -> str:
    """Why the hold cannot be set (`hold`) or released now; '' if it can."""
    if anonymised:
        return "This case has been anonymised under the retention policy: nothing is left to hold."
    if hold and held:
        return "This case is already on legal hold."
    if not hold and not held:
        return "This case is not on legal hold."
    if not reason.strip():
        return "Enter the reason."
    return ""


def apply(record, *, hold: bool, actor, reason: str, at: datetime) -> tuple[str, ...]:
    """Set or release the hold on `record`; returns the fields to save. A release clears
    the hold's fields: who held it, when and why stay in the case's history."""
    record.legal_hold = hold
    record.legal_hold_reason = reason.strip() if hold else ""
    record.legal_hold_by = actor if hold else None
    record.legal_hold_at = at if hold else None
    return HOLD_FIELDS


def announce(record, *, hold: bool, actor, request: HttpRequest | None = None) -> None:
    """The security event, after commit: ids only (the reason stays in the history)."""
    event = "legal_hold.set" if hold else "legal_hold.released"
    label, pk, user = record._meta.label_lower, record.pk, actor.pk
    transaction.on_commit(lambda: security_events.record(
        event, request=request, record=label, record_id=pk, by=user))
