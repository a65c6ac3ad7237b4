"""The demo council's registers, added by `manage.py seed_demo` (the last
step, demo.steps): each register's records played through the same
services its users use, so that every state is there."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from demo.council import seat_ward
from demo.council_data import CONSERVATIVE, LABOUR, LIB_DEM, STANDARDS, WASTE
from protocol.council.selectors import holder_of
from protocol.models import Committee, PoliticalGroup, Post, PostKind, Service, User
from registers import services as s
from registers.errors import RegisterError
from registers.models import (
    GroupRequest,
    InformationRequest,
    Relationship,
    WardNotice,
)

PLANNING = "Planning and Building Control"
PARKS = "Parks and Open Spaces"


class _GroupRequestExtras(TypedDict, total=False):
    """The rest of a group's request (registers.services.NewGroupRequest)."""

    meeting_on: date | None
    officer_requested: User | None
    considerable_resources: bool


class _InformationRequestExtras(TypedDict, total=False):
    """The rest of a councillor's request (registers.services.NewInformationRequest)."""

    committee: Committee | None
    personal_data: bool
    justification: str
    third_party: bool
    personal_interest: bool


class _DecisionFields(TypedDict, total=False):
    """The rest of an officer's decision (registers.services.InformationDecision)."""

    provided: str
    purpose: str
    confidential: bool
    ground: str
    reasons: str
    chief_officer_consulted: bool
    in_public_domain: bool
    lawful_to_share: bool
    not_personal: bool


class _Demo:
    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.users = {u.username: u for u in User.objects.filter(username__in=[
            "councillor", "leader", "group_leader", "standards_member", "officer",
            "head_of_service", "director", "chief_executive", "monitoring_officer"])}
        missing = {"councillor", "leader", "group_leader", "officer", "chief_executive",
                   "monitoring_officer"} - self.users.keys()
        if missing:
            raise RegisterError(f"the demo sign-ins {sorted(missing)} are missing")
        self.groups = {g.name: g for g in PoliticalGroup.objects.all()}
        self.services = {sv.name: sv for sv in Service.objects.all()}

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None

    def seat(self, username: str) -> Post:
        return (Post.objects.current().filter(holder__username=username, kind="councillor")
                .select_related("ward").get())

    def head_of(self, service: str) -> User | None:
        return holder_of(PostKind.HEAD_OF_SERVICE, service=self.services.get(service))

    def backbencher(self, group: str, n: int = 0) -> User:
        seats = (Post.objects.current().filter(kind="councillor", political_group__name=group)
                 .exclude(holder__posts__kind__in=["group_leader", "leader", "cabinet_member"])
                 .exclude(holder__username__in=self.users).select_related("holder")
                 .order_by("holder__username"))
        return seats[n].holder


def _group_requests(d: _Demo) -> None:
    ask = s.group_request_submit
    ce = d.chief_executive

    def new(actor: User, group: str, kind: str, subject: str, details: str,
            **extra: Unpack[_GroupRequestExtras]) -> GroupRequest:
        return ask(actor=actor, entered=s.NewGroupRequest(
            group=d.groups[group], kind=kind, subject=subject, details=details, **extra))

    report = new(d.group_leader, CONSERVATIVE, "report", "Options for the 2027 budget "
                 "amendment", "The options open to the council on fees and charges, with "
                 "their merits, for the group's budget amendment.")
    s.group_request_decide(request=report, actor=ce, decision="agreed",
                           officer=d.users.get("director") or d.officer)
    report = s.group_request_deliver(
        request=report, actor=ce, delivered_on=d.today, factual_confirmed=True,
        subject="Options for fees and charges in the 2027 budget")
    copy = s.group_follow_up_request(request=report, actor=d.leader, group=d.groups[LABOUR])
    s.group_follow_up_done(follow_up=copy, actor=ce, note="Copy sent to the Labour group "
                           "office.")
    lib_dem_leader = holder_of(PostKind.GROUP_LEADER, political_group=d.groups[LIB_DEM])
    if lib_dem_leader is not None:
        s.group_follow_up_request(request=report, actor=lib_dem_leader,
                                  group=d.groups[LIB_DEM])  # outstanding
        declined = new(lib_dem_leader, LIB_DEM, "attendance", "Campaign on the local plan",
                       "Attend our campaign planning on the local plan.",
                       meeting_on=d.today + timedelta(days=5))
        s.group_request_decide(request=declined, actor=ce, decision="declined",
                               reason="The meeting is about the group's campaign: too political "
                               "for an officer to attend (000 §5.9).")
    attendance = new(d.leader, LABOUR, "attendance", "Changes to waste collection rounds",
                     "Attend the group meeting to explain the new rounds.",
                     meeting_on=d.today + timedelta(days=7), officer_requested=d.director
                     if "director" in d.users else None)
    s.group_request_decide(request=attendance, actor=ce, decision="representative",
                           officer=d.users.get("head_of_service") or d.officer,
                           reason="The Head of Waste knows the rounds best.")
    new(d.group_leader, CONSERVATIVE, "briefing", "Review of all council property",
        "A briefing on every property the council owns and its condition.",
        meeting_on=d.today + timedelta(days=14), considerable_resources=True)
    withdrawn = new(d.leader, LABOUR, "report", "Library opening hours",
                    "A report on the options for opening hours.")
    s.group_request_withdraw(request=withdrawn, actor=d.leader)


def _information(d: _Demo) -> None:
    waste, planning = d.services.get(WASTE), d.services.get(PLANNING)

    def ask(councillor: User, what: str, why: str, service: Service | None = waste,
            **extra: Unpack[_InformationRequestExtras]) -> InformationRequest:
        return s.information_request_submit(councillor=councillor, entered=s.NewInformationRequest(
            what=what, why=why, service=service, **extra))

    def decide(request: InformationRequest, outcome: str, actor: User | None = None,
               **fields: Unpack[_DecisionFields]) -> InformationRequest:
        by = actor or request.officer
        if by is None:
            raise RegisterError(f"{request} is with no officer")
        return s.information_request_decide(
            request=request, actor=by,
            decision=s.InformationDecision(outcome=outcome, **fields))

    councillor = d.councillor
    decide(ask(councillor, "The contamination figures for recycling in my ward",
               "Residents ask why their bins were rejected."), "provided",
           provided="Contamination audit, Q3, for the ward's rounds.", confidential=True)
    ask(councillor, "The crew rota for the Friday round", "To understand the missed "
        "collections I have been told about.")  # with the officer
    withdrawn = ask(councillor, "The fleet replacement plan", "Curious about the new lorries.")
    s.information_request_withdraw(request=withdrawn, actor=councillor)
    decide(ask(councillor, "The tender scores for the waste contract",
                         "A resident asked me.", third_party=True), "refused",
                     ground="third_party_not_public", reasons="Commercially confidential and "
                     "not in the public domain (004).")
    decide(ask(councillor, "Complaints about the garden waste service, with names",
                        "Casework on repeated missed collections.", personal_data=True,
                        justification="I am helping the residents named in my casework."),
                    "partly", provided="Counts of complaints by street.",
                    ground="personal_data", reasons="Other residents' names are personal "
                    "data.")
    for reasons, outcome in (("I need the scores to answer my casework.", None),
                             ("The scores are for a decision I must take.", "uphold"),
                             ("I am the ward member for the site.", "release")):
        request = decide(ask(councillor, "The planning officer's site notes for Mill Lane",
                             "The application is in my ward.", service=planning), "refused",
                         ground="confidential_or_exempt", reasons="Exempt until the "
                         "committee meets.")
        request = s.information_request_dispute(request=request, actor=councillor,
                                                 reasons=reasons)
        if outcome:
            s.information_request_resolve(
                request=request, actor=d.monitoring_officer, release=outcome == "release",
                reasons="The ward member needs to know." if outcome == "release"
                else "Exempt information until the committee decides (003 §31.12(4)).")
    # A declared interest: with the Monitoring Officer first (004), one still there, one
    # withheld on her advice.
    ask(councillor, "The valuation of the council land behind Mill Lane",
        "The council may sell it to the developer.", personal_interest=True)
    s.information_request_decide_referral(
        request=ask(councillor, "The bids for the Mill Lane land",
                    "My family's business may bid.", personal_interest=True),
        actor=d.monitoring_officer, clear=False,
        reasons="Your interest in the bids is prejudicial: you should not see them.")
    member = d.users.get("standards_member")
    standards = Committee.objects.filter(name=STANDARDS).first()
    if member is not None and standards is not None:
        papers = decide(ask(member, "The investigation report for the next hearing",
                            "I sit on the Standards Committee hearing it.", service=None,
                            committee=standards), "provided",
                        provided="Investigation report, redacted.", confidential=True,
                        purpose="Only for the Standards Committee hearing.")
        s.information_request_acknowledge(request=papers, actor=member)


def _relationships(d: _Demo) -> None:
    parks_head = d.head_of(PARKS)
    if parks_head is not None:
        s.relationship_declare(actor=d.councillor, other=parks_head, nature="family",
                               description="My brother-in-law heads Parks.")
    s.relationship_declare(actor=d.officer, other=d.backbencher(LABOUR), nature="friendship",
                           description="We have been close friends since school.")
    planning_head = d.head_of(PLANNING)
    if planning_head is not None:
        ended = s.relationship_declare(actor=d.backbencher(CONSERVATIVE), other=planning_head,
                                       nature="business")
        s.relationship_end(relationship=ended, actor=d.monitoring_officer,
                           reason="The shared business was sold.")


def _notices(d: _Demo) -> None:
    ward = seat_ward(d.seat("councillor"))
    other = seat_ward(d.seat("leader"))
    record = s.ward_notice_record
    record(actor=d.officer, entered=s.NewNotice(
        kind="consultation", title="Consultation on fortnightly collections",
        details="A six-week consultation on moving to fortnightly collections starts soon.",
        wards=[ward], starts_on=d.today + timedelta(days=7),
        ends_on=d.today + timedelta(days=49)))
    record(actor=d.users.get("head_of_service") or d.officer, entered=s.NewNotice(
        kind="public_meeting", title="Public meeting on the new depot",
        details="At the library, 7pm. All members for the wards are invited.",
        wards=[ward, other], starts_on=d.today + timedelta(days=10)))
    record(actor=d.users.get("director") or d.officer, entered=s.NewNotice(
        kind="operational", title="Enforcement action at a private site",
        details="Enforcement on a fly-tipping site; please treat with care.", wards=[ward],
        starts_on=d.today, sensitive=True))
    record(actor=d.officer, entered=s.NewNotice(
        kind="operational", title="Road closure for bin lorry access",
        details="A short road closure, recorded after it began.", wards=[other],
        starts_on=d.today - timedelta(days=2)))


def _summary() -> str:
    def states(model: type[GroupRequest | InformationRequest]) -> str:
        counts = Counter(model.objects.values_list("state", flat=True))
        return ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))

    return (f"Registers: group requests ({states(GroupRequest)}); need-to-know requests "
            f"({states(InformationRequest)}); {Relationship.objects.count()} relationships; "
            f"{WardNotice.objects.count()} ward notices")


def seed_demo_registers() -> str:
    """Add the demo registers unless there are records already; a line for the summary."""
    if GroupRequest.objects.exists() or InformationRequest.objects.exists():
        return "Registers: already in place"
    try:
        with transaction.atomic():
            demo = _Demo()
            _group_requests(demo)
            _information(demo)
            _relationships(demo)
            _notices(demo)
    except RegisterError as refused:  # a council changed by hand: the demo goes without
        return f"Registers: none added ({refused})"
    return _summary()
