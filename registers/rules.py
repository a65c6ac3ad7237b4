"""The registers' rules as pure functions over plain values: who may see and act on each
record, which refusals the protocol allows, who is conflicted, and the equal-treatment
figures. No database here (STYLE.md §1)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from protocol.council.rules.roles import Roles

# Those who head the paid staff and so decide political groups' requests: the Chief
# Executive (000 §5.5, §5.8-5.9; 003 §31.10; 004 'Party Groups and Officers'), or a parish's
# Clerk (002 'Some general principles').
HEADS_OF_PAID_SERVICE = frozenset({"chief_executive", "proper_officer"})


def heads_paid_service(roles: Roles) -> bool:
    return bool(roles.kinds & HEADS_OF_PAID_SERVICE)


# Political groups ---------------------------------------------------------------------

@dataclass(frozen=True)
class GroupRequestFacts:
    group_id: int
    requested_by_id: int
    officer_id: int | None
    delivered: bool


def may_request_for_group(roles: Roles, group_id: int) -> bool:
    """A group asks through its leader (000 §5.5, §5.8); the Leader of the Council leads
    the majority group."""
    return group_id in roles.led_group_ids or (
        roles.is_leader and group_id in roles.political_group_ids)


def can_view_group_request(roles: Roles, user_id: int, facts: GroupRequestFacts) -> bool:
    """The whole request: the group that asked, the Head of Paid Service, the Monitoring
    Officer and the officer it is with. Officers keep a group's discussions confidential
    (000 §5.12, 004), so no other group sees its details."""
    return (facts.requested_by_id == user_id or facts.officer_id == user_id
            or may_request_for_group(roles, facts.group_id)
            or heads_paid_service(roles) or roles.is_monitoring_officer)


def can_view_group_notice(roles: Roles, facts: GroupRequestFacts) -> bool:
    """Once a report is prepared or an officer attends, every other group is told what,
    when and the subject (000 §5.7, §5.11), and may ask for the same (003 §31.10)."""
    return bool(follow_up_groups(roles, facts))


def can_deliver_group_request(roles: Roles, user_id: int, facts: GroupRequestFacts) -> bool:
    return facts.officer_id == user_id or heads_paid_service(roles)


def follow_up_groups(roles: Roles, facts: GroupRequestFacts) -> frozenset[int]:
    """The other groups this person may ask for a copy or the same briefing for."""
    mine = set(roles.led_group_ids)
    if roles.is_leader:
        mine |= roles.political_group_ids
    return frozenset(mine - {facts.group_id}) if facts.delivered else frozenset()


@dataclass(frozen=True)
class GroupOutcome:
    """One request, for the equal-treatment view."""

    group_id: int
    outcome: str  # "agreed", "declined" or "" while undecided
    turnaround_days: int | None
    follow_ups: int = 0
    follow_ups_done: int = 0


@dataclass(frozen=True)
class GroupFigures:
    group_id: int
    requests: int
    agreed: int
    declined: int
    undecided: int
    median_turnaround_days: float | None
    follow_ups: int
    follow_ups_done: int

    @property
    def agreed_share(self) -> int | None:
        decided = self.agreed + self.declined
        return round(100 * self.agreed / decided) if decided else None


def equal_treatment(group_ids: Sequence[int], rows: Iterable[GroupOutcome]
                    ) -> list[GroupFigures]:
    """Requests, outcomes and turnaround for each group, every group listed even with none,
    so that the Monitoring Officer sees who is not asking as well as who is refused
    (002: 'All councillors have the same rights ... and should be treated equally')."""
    by_group: dict[int, list[GroupOutcome]] = {g: [] for g in group_ids}
    for row in rows:
        by_group.setdefault(row.group_id, []).append(row)
    figures = []
    for group_id, items in by_group.items():
        turnarounds = [r.turnaround_days for r in items if r.turnaround_days is not None]
        figures.append(GroupFigures(
            group_id=group_id, requests=len(items),
            agreed=sum(r.outcome == "agreed" for r in items),
            declined=sum(r.outcome == "declined" for r in items),
            undecided=sum(not r.outcome for r in items),
            median_turnaround_days=median(turnarounds) if turnarounds else None,
            follow_ups=sum(r.follow_ups for r in items),
            follow_ups_done=sum(r.follow_ups_done for r in items)))
    return figures


# Need-to-know requests ----------------------------------------------------------------

class Ground:
    """Why a request is refused, in whole or part (002 'Access to information', 003 §31.12,
    004 "Members' Access")."""

    NO_NEED_TO_KNOW = "no_need_to_know"
    CONFIDENTIAL = "confidential_or_exempt"
    PERSONAL_DATA = "personal_data"
    THIRD_PARTY = "third_party_not_public"
    DISPROPORTIONATE = "disproportionate_effort"


@dataclass(frozen=True)
class InformationFacts:
    councillor_id: int
    officer_id: int | None
    service_id: int | None
    directorate_id: int | None
    need_presumed: bool
    third_party: bool


def refusal_problem(facts: InformationFacts, ground: str, *, reasons: str,
                    chief_officer_consulted: bool) -> str | None:
    """Why the protocol does not allow this refusal, or None if it does."""
    if not reasons.strip():
        return "Enter the reasons for the refusal: the councillor may dispute them."
    if ground == Ground.NO_NEED_TO_KNOW and facts.need_presumed:
        # A committee member's need to know its papers is presumed (002; 003 §31.12(2)).
        return ("The councillor sits on the committee these papers are for, so their need "
                "to know is presumed. Refuse on another ground, or provide them.")
    if ground == Ground.THIRD_PARTY and not facts.third_party:
        return "The councillor did not ask on behalf of a third party."
    if ground == Ground.DISPROPORTIONATE and not chief_officer_consulted:
        # 003 §31.12(2): seek the Chief Officer's guidance before refusing for effort.
        return ("Seek your Chief Officer's guidance before refusing because of the effort "
                "involved, and say so.")
    return None


def third_party_problem(*, third_party: bool, in_public_domain: bool, lawful_to_share: bool,
                        not_personal: bool) -> str | None:
    """What is asked for on behalf of a third party "will only be provided if" it is in the
    public domain, not barred by legislation and does not compromise personal
    confidentiality (004 "Members' Access"): the officer confirms all three first."""
    if third_party and not (in_public_domain and lawful_to_share and not_personal):
        return ("The councillor asked on behalf of someone else: confirm that what you give "
                "is in the public domain, that no law bars giving it and that it compromises "
                "nobody's personal confidentiality, or refuse it.")
    return None


def submission_problem(*, personal_data: bool, justification: str) -> str | None:
    """A request touching third parties' personal data must justify itself in specific
    terms (002 'Access to information'; 004: advice from the Monitoring Officer)."""
    if personal_data and not justification.strip():
        return ("Explain specifically why you need the personal information: a request "
                "touching personal data must be justified.")
    return None


def need_presumed(roles: Roles, committee_id: int | None) -> bool:
    """Membership of a committee presumes the need to know its papers (002; 003
    §31.12(2))."""
    return committee_id is not None and committee_id in roles.committee_ids


def can_handle_information(roles: Roles, user_id: int, facts: InformationFacts) -> bool:
    """The officer it is with, or their Head of Service or Director, decides (002: the
    need to know 'must be determined by the officer')."""
    return (facts.officer_id == user_id
            or (facts.service_id is not None and facts.service_id in roles.headed_service_ids)
            or (facts.directorate_id is not None
                and facts.directorate_id in roles.directed_directorate_ids))


def can_view_information(roles: Roles, user_id: int, facts: InformationFacts) -> bool:
    """The councillor, those who decide it, and the Monitoring Officer, who decides
    disputes (004 "Members' Access"). Nobody else: the material may be confidential."""
    return (facts.councillor_id == user_id or roles.is_monitoring_officer
            or can_handle_information(roles, user_id, facts))


def first_unconflicted(line: Sequence[int], conflicted: frozenset[int]) -> int | None:
    """The first person in line without a declared relationship with a party: a declared
    relationship makes a handler conflicted and the case goes to the next in line (001 §10,
    002 'Some general principles')."""
    return next((person for person in line if person not in conflicted), None)


# Relationships ------------------------------------------------------------------------

def can_view_relationship(roles: Roles, user_id: int, councillor_id: int,
                          officer_id: int) -> bool:
    """The Monitoring Officer keeps the register and sees all of it; each person sees their
    own (001 §10.2 'be open about the relationship')."""
    return roles.is_monitoring_officer or user_id in (councillor_id, officer_id)


# Ward notices -------------------------------------------------------------------------

@dataclass(frozen=True)
class NoticeFacts:
    recorded_by_id: int
    ward_ids: frozenset[int]
    sensitive: bool


def can_view_notice(roles: Roles, user_id: int, facts: NoticeFacts) -> bool:
    """A ward's members see its notices (000 §4.3, 004 'Ward Members and Officers'); officers
    see them too, except sensitive ones, which stay with whoever recorded them, the Chief
    Executive and the Monitoring Officer."""
    if user_id == facts.recorded_by_id or roles.is_monitoring_officer:
        return True
    if roles.ward_ids & facts.ward_ids:
        return True
    if facts.sensitive:
        return heads_paid_service(roles)
    return roles.is_officer


def notice_is_late(*, starts_on: date, recorded_on: date) -> bool:
    """Ward members are notified 'at the outset' (000 §4.3, 001 §4.3): a notice recorded
    after the meeting or consultation began is marked late."""
    return recorded_on > starts_on
