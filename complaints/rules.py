"""Who may see a complaint (DESIGN 'When Things Go Wrong'; issue: complaints are
confidential). Pure rules over plain values."""
from __future__ import annotations

from dataclasses import dataclass

from protocol.council.rules.roles import Roles

FRAUD = "fraud"


@dataclass(frozen=True)
class ComplaintFacts:
    kind: str
    complainant_id: int
    handler_id: int | None
    earlier_handler_ids: frozenset[int]
    subject_id: int | None
    subject_told: bool
    money_involved: bool
    # Those given sight of the case (ComplaintAccess: HR at the Leader's stage, 001 §11.2).
    granted_ids: frozenset[int] = frozenset()


def can_view(roles: Roles, user_id: int, facts: ComplaintFacts) -> bool:
    """The complainant, the current and earlier handlers, those the case was given to
    (granted_ids) and the Monitoring Officer; the
    person complained about once the profile says they are told. A fraud concern is seen by
    the Chief Executive, the Monitoring Officer (and the Chief Finance Officer where money
    is involved) alone, besides whoever raised it (003 §31.3(3)); its subject is not told
    by this system, so as not to compromise an investigation."""
    if user_id == facts.subject_id:
        # Before any role: the Monitoring Officer or Chief Executive complained about sees
        # the case only as its subject would.
        return facts.subject_told and facts.kind != FRAUD
    if user_id == facts.complainant_id or roles.is_monitoring_officer:
        return True
    if user_id == facts.handler_id or user_id in facts.earlier_handler_ids:
        return True
    if user_id in facts.granted_ids:
        return True
    if facts.kind == FRAUD:
        return roles.is_chief_executive or (
            facts.money_involved and roles.has("chief_finance_officer"))
    return False


