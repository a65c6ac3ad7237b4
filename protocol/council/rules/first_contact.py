"""Who an enquiry may go to first (000 §3.5, 001 §3.5(f), 002 'Proper Officer', 003 §31.5).

Councillors deal with Heads of Service or above (the profile says how senior) unless an
on-going relationship with a named officer on that case is recorded."""
from __future__ import annotations

from dataclasses import dataclass

from .enums import Seniority


@dataclass(frozen=True)
class Candidate:
    """An officer the enquiry could go to, with their grade."""

    user_id: int
    seniority: Seniority


@dataclass(frozen=True)
class FirstContactRule:
    min_seniority: Seniority
    via_proper_officer: bool
    relationship_exception: bool


class FirstContactRefused(ValueError):
    """The preferred officer is too junior and no on-going relationship is recorded."""


def choose_first_contact(
    rule: FirstContactRule,
    *,
    service_line: list[Candidate],
    proper_officer: Candidate | None = None,
    preferred: Candidate | None = None,
    relationship_recorded: bool = False,
    conflicted: frozenset[int] = frozenset(),
) -> Candidate | None:
    """The officer an enquiry goes to first.

    `service_line` lists the officers over the service, most junior first (Head of Service,
    Deputy Director, Director, Executive Director, Chief Executive); the first one at or
    above the rule's grade is chosen. None when nobody fits (the caller routes to triage).
    An officer in `conflicted` (a close personal relationship with the councillor declared
    in the register, 001 §10) is passed over for the next in line."""
    if preferred is not None and preferred.user_id in conflicted:
        raise FirstContactRefused(
            "You have declared a close personal relationship with that officer, so the "
            "enquiry cannot go to them. Leave the officer blank or choose another.")
    if preferred is not None:
        if preferred.seniority >= rule.min_seniority:
            return preferred
        if rule.relationship_exception and relationship_recorded:
            return preferred
        raise FirstContactRefused(
            "That officer is below the grade councillors contact first. Record the on-going "
            "relationship you have with them on this matter, or leave the officer blank."
        )
    if (rule.via_proper_officer and proper_officer is not None
            and proper_officer.user_id not in conflicted):
        return proper_officer
    for candidate in service_line:
        if candidate.seniority >= rule.min_seniority and candidate.user_id not in conflicted:
            return candidate
    return None
