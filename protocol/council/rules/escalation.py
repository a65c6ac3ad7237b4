"""Who handles a complaint at a stage of its ladder: pure routing with fairness built in.

001 §11.2: a complaint about an officer goes to the appropriate Chief Officer first, then
the Chief Executive and/or Monitoring Officer, then the Leader with the CE, MO and HR; one
about the Chief Executive goes to the Monitoring Officer. 003 §31.3(3): where a Director
is involved personally, the Chief Executive. 001 §11.3: a grievance about a councillor
goes to the Monitoring Officer, who may involve the Leader and/or group leader and report
to the Standards Committee. Fairness (DESIGN 'When Things Go Wrong'): the person
complained about never handles their own case, nor does anyone they manage; a later stage
is never handled by whoever handled an earlier one; a handler with a declared conflict is
skipped to the next in line."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .enums import Seniority


@dataclass(frozen=True)
class Person:
    """The plain facts about someone that routing needs."""

    user_id: int
    seniority: Seniority | None = None
    directorate_ids: frozenset[int] = frozenset()
    service_ids: frozenset[int] = frozenset()
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Holders:
    """Who holds each post that can handle a complaint, looked up for this case: keys are
    the names used in CHAINS, values the holders in order of preference."""

    by_post: Mapping[str, Sequence[Person]] = field(default_factory=dict)

    def of(self, post: str) -> Sequence[Person]:
        return self.by_post.get(post, ())


# For each handler role, the posts to try in order: the first is the rule, the rest the
# next in line when someone is excluded.
CHAINS: dict[str, tuple[str, ...]] = {
    "service_director": ("service_director", "executive_director", "chief_executive",
                         "monitoring_officer"),
    "senior_officer": ("head_of_service", "service_director", "chief_executive",
                       "monitoring_officer"),
    # A parish or town council has no Chief Executive: its Clerk heads the paid staff and
    # takes the role (002 'Some general principles', 'Procedure for councillors').
    "chief_executive": ("chief_executive", "proper_officer", "monitoring_officer"),
    "monitoring_officer": ("monitoring_officer", "chief_executive"),
    "ce_or_mo": ("chief_executive", "proper_officer", "monitoring_officer"),
    "leader_panel": ("leader", "deputy_leader"),
    "group_leader": ("group_leader", "leader", "monitoring_officer"),
    "standards_committee": ("standards_chair", "standards_vice_chair", "monitoring_officer"),
    "cfo": ("chief_finance_officer", "chief_executive"),
    "chair": ("civic_head", "vice_chair"),
    # Never the chair of the council in the committee's place: "the chair of the council
    # should not attempt to deal with grievances ... on their own" (002 'Procedure for
    # officers'); with nobody on the committee in post, nobody can fairly take the stage.
    "staffing_committee": ("staffing_chair", "staffing_vice_chair"),
}


# Posts whose holders never take a role, whichever post in its chain they hold: the chair
# of the council often chairs a parish's staffing committee too, and "should not attempt
# to deal with grievances ... on their own" (002 'Procedure for officers').
BARRED_FROM_ROLE: dict[str, frozenset[str]] = {
    "staffing_committee": frozenset({"civic_head"}),
}

STATUTORY_POSTS = frozenset({"monitoring_officer"})
# Those who head all of the paid staff: the Chief Executive, and a parish's Clerk, who
# "line-manages all other staff" (002 'Some general principles').
HEADS_OF_PAID_SERVICE = frozenset({"chief_executive", "proper_officer"})


def manages(manager: Person, other: Person) -> bool:
    """Does `manager` line-manage `other`? The Chief Executive manages every officer; a
    Director everyone junior in their directorate; a Head of Service their service's staff;
    a parish's Clerk all its staff."""
    if manager.seniority is None or other.seniority is None:
        return False
    if manager.seniority <= other.seniority:
        return False
    if manager.kinds & HEADS_OF_PAID_SERVICE:
        return True
    if manager.seniority >= Seniority.DEPUTY_DIRECTOR:
        return bool(manager.directorate_ids & other.directorate_ids)
    return bool(manager.service_ids & other.service_ids)


def first_stage_role(kind: str, handler: str, subject: Person | None) -> str:
    """The role that handles stage 1, after the seeds' special cases: a complaint about the
    Chief Executive goes to the Monitoring Officer (001 §11.2); one involving a Director
    personally goes to the Chief Executive (003 §31.3(3))."""
    if kind != "officer_conduct" or subject is None:
        return handler
    if "chief_executive" in subject.kinds:
        return "monitoring_officer"
    if subject.seniority is not None and subject.seniority >= Seniority.DIRECTOR:
        return "chief_executive"
    return handler


def choose_handler(role: str, holders: Holders, *, subject: Person | None,
                   excluded: frozenset[int] = frozenset()) -> Person | None:
    """The first person in the role's chain who is not the subject, not managed by the
    subject, not excluded (earlier handlers, the complainant, declared conflicts), and
    holds no post barred from the role."""
    barred = BARRED_FROM_ROLE.get(role, frozenset())
    for post in CHAINS.get(role, (role,)):
        for person in holders.of(post):
            if person.user_id in excluded or person.kinds & barred:
                continue
            if subject is not None and person.user_id == subject.user_id:
                continue
            # The Monitoring Officer's statutory role is independent of the line: it is the
            # seeds' own route for a complaint about the Chief Executive (001 §11.2).
            if (subject is not None and post not in STATUTORY_POSTS
                    and manages(subject, person)):
                continue
            return person
    return None


def stages_ahead(roles: Sequence[str], holders: Holders, *, subject: Person | None,
                 excluded: frozenset[int], after: int) -> list[tuple[int, Person]]:
    """The stages after position `after` that the case can still reach, each with its
    fair handler, in order (positions count from 1; `roles[0]` is stage 1's role).

    A stage nobody can fairly take is skipped to the next that someone can, so a route
    never dead-ends while a later stage exists: a complaint about the Chief Executive goes
    to the Monitoring Officer and, if the complainant is still dissatisfied, to the Leader
    (001 §11.2), though nobody is left for "the Chief Executive and/or the Monitoring
    Officer" between them. Each handler is excluded from the stages after theirs, as a
    later stage is never handled by whoever handled an earlier one."""
    ahead: list[tuple[int, Person]] = []
    for position in range(after + 1, len(roles) + 1):
        person = choose_handler(roles[position - 1], holders, subject=subject,
                                excluded=excluded)
        if person is not None:
            ahead.append((position, person))
            excluded = excluded | {person.user_id}
    return ahead
