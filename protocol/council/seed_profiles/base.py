"""The shape of the seed data: a profile's rules and ladders as frozen dataclasses, the shared
ladders, and the rows they become. Plain data: nothing here touches the database."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from protocol.council.models.profiles import ComplaintKind, ExpiryRecipient, HandlerRole
from protocol.council.rules.enums import DayKind, Nation, Seniority

# No seed sets a time limit for a stage of a ladder, so none is invented (a made-up limit
# would flag complaints as overdue against no protocol); the basis says so.
NO_TIME_LIMIT = " No stage time limit in the seed: the council may set one."


@dataclass(frozen=True)
class SeedStage:
    """One rung of a ladder; its position is its place in the ladder, from 1."""

    handler: HandlerRole
    title: str
    basis: str
    subject_told: bool = False
    time_limit_days: int | None = None
    time_limit_day_kind: DayKind = DayKind.WORKING


Ladders = Mapping[ComplaintKind, tuple[SeedStage, ...]]


@dataclass(frozen=True, kw_only=True)
class SeedProfile:
    """One seed protocol: every rule field of `ProtocolProfile` (no defaults, so a seed
    cannot leave one out), each group with its citation, and the escalation ladders."""

    slug: str
    name: str
    council_name: str
    source: str
    nation: Nation
    response_days: int
    response_day_kind: DayKind
    response_days_is_default: bool
    service_response_days_allowed: bool
    response_basis: str
    holding_reply_needs_reasons: bool
    holding_reply_needs_revised_date: bool
    holding_reply_before_expiry: bool
    holding_reply_basis: str
    expiry_informs: ExpiryRecipient
    expiry_above_director: Seniority
    expiry_basis: str
    reminder_days_before_expiry: int
    follow_up_window_days: int
    first_contact_min_seniority: Seniority
    first_contact_via_proper_officer: bool
    first_contact_relationship_exception: bool
    first_contact_basis: str
    no_silent_copies: bool
    confidential_never_to_third_parties: bool
    correspondence_basis: str
    informal_resolution_first: bool
    conduct_complaint_window_months: int
    complaints_basis: str
    subject_access_says_withheld: bool
    ladders: Ladders


def code_of_conduct_ladder(cite: str, *, monitoring_officer: str = "The Monitoring Officer",
                           committee: str = "The Standards Committee") -> tuple[SeedStage, ...]:
    """A formal written Code of Conduct complaint: Monitoring Officer, then Standards."""
    return (
        SeedStage(HandlerRole.MONITORING_OFFICER,
                  f"{monitoring_officer} (formal written complaint)",
                  "002 'Procedure for officers': a formal written complaint of a breach of the "
                  "Code of Conduct goes to the Monitoring Officer first (Localism Act 2011); "
                  f"{cite}.",
                  subject_told=True),
        SeedStage(HandlerRole.STANDARDS_COMMITTEE, f"{committee} (hearing)",
                  "The arrangements under the Localism Act 2011 s28: the Monitoring Officer refers "
                  f"a complaint that merits it for a hearing; {cite}.",
                  subject_told=True),
    )


def fraud_ladder(note: str, *, first: str = "The Chief Executive and/or the Monitoring Officer",
                 finance: str = "The Chief Finance Officer") -> tuple[SeedStage, ...]:
    """A concern about fraud, corruption or malpractice (003 §31.3(3)); the person concerned
    is not told, so that an investigation is not compromised."""
    return (
        SeedStage(HandlerRole.CE_OR_MONITORING_OFFICER, first,
                  "003 §31.3(3): councillors must raise any concern of fraud/probity, corruption "
                  f"or malpractice; {note}."),
        SeedStage(HandlerRole.CHIEF_FINANCE_OFFICER, finance,
                  "003 §31.3(3); the Chief Finance Officer's duties in law (000 §2.5, 001 §2.5) "
                  f"cover financial probity; {note}."),
    )


def _plain(value: Any) -> Any:
    """An enum member as its stored value, so rows hold only str, int, bool and None."""
    return value.value if isinstance(value, Enum) else value


def profile_row(seed: SeedProfile) -> dict[str, Any]:
    """The seed's `ProtocolProfile` fields (all but `is_active`) as plain values."""
    return {f.name: _plain(getattr(seed, f.name)) for f in fields(seed) if f.name != "ladders"}


def stage_rows(seed: SeedProfile) -> list[dict[str, Any]]:
    """The seed's `EscalationStage` fields (all but `profile`), positions counted from 1."""
    return [
        {
            "kind": _plain(kind),
            "position": position,
            "title": stage.title,
            "handler": _plain(stage.handler),
            "time_limit_days": stage.time_limit_days,
            "time_limit_day_kind": _plain(stage.time_limit_day_kind),
            "subject_told": stage.subject_told,
            "basis": stage.basis + (NO_TIME_LIMIT if stage.time_limit_days is None else ""),
        }
        for kind, ladder in seed.ladders.items()
        for position, stage in enumerate(ladder, start=1)
    ]
