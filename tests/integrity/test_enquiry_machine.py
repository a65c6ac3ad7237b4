"""Hypothesis drives enquiries with random actions by random people, through the services
only (a RuleBasedStateMachine). Whatever anyone tries, in whatever order:

- every enquiry is in a state the protocol has, with stamps that agree with it;
- every change a service commits is a move the protocol allows, by someone it allows, and
  adds exactly one event to the timeline and one to the version;
- every refusal changes nothing at all (re-read from the database);
- the timeline is only appended to, versions only go up, and no deadline falls before the
  enquiry was received.

Who may do what is written out here from the protocol, not read from the code under test:
the officer it is with, their Head of Service and Director act on it (000/001 §3.5, 003
§31.15 "the relevant Director"); the councillor who raised it withdraws, confirms or
reopens it; copies go only to councillors and never of anything confidential (002 "no
silent copies", 003 §31.16)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from casework import services
from casework.errors import EnquiryError
from casework.models import (
    Correspondence,
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EnquiryReminder,
)
from protocol.council.selectors import active_profile
from protocol.models import Notification
from tests.integrity.conftest import RowSnapshot, Undo, small, unless

pytestmark = pytest.mark.django_db

COUNCILLORS = ("councillor", "other_councillor", "leader", "group_leader")
PEOPLE = (*COUNCILLORS, "officer", "head_of_service", "director", "other_director",
          "chief_executive", "monitoring_officer", "hr")
OPEN_UNANSWERED = ("new", "accepted", "holding")
OPEN = (*OPEN_UNANSWERED, "answered")
STATES = {*OPEN, "closed", "withdrawn"}
# (from, to) for each thing a person does: the enquiry's lifecycle (003 §31.15: holding
# reply, full response; the councillor's follow-up; reopening gives a new deadline).
MOVES = {
    "accept": {("new", "accepted")},
    "reassign": {(s, "new") for s in OPEN_UNANSWERED},
    "hold": {(s, "holding") for s in OPEN_UNANSWERED},
    "respond": {(s, "answered") for s in OPEN_UNANSWERED},
    "confirm": {("answered", "closed")},
    "withdraw": {(s, "withdrawn") for s in OPEN},
    "reopen": {("answered", "accepted"), ("closed", "accepted")},
    "message": {(s, s) for s in OPEN},
}
MAYBE = "not predicted"  # the oracle leaves this case to the service (routing)
TEXT = st.sampled_from(["Waiting for the contractor's report.", "Collected today.",
                        "Still missed.", "", "  "])
VERSIONS = st.sampled_from(["current"] * 4 + ["stale", "none"])
WHO = st.sampled_from(PEOPLE)
# Anyone at all, or (as often) the two people each enquiry most needs: the councillor who
# raised it and the officer it is with.
ACTOR = st.sampled_from(("assignee", "raiser") * 3 + PEOPLE)
# Days from today to a holding reply's revised date (None: no date given).
REVISED = st.sampled_from([5, 14, 30, 1, 0, -1, None])
SERVICES = st.sampled_from((None, "waste", "highways", "housing"))
# What else each action takes, drawn when it is tried.
ARGUMENTS = {
    "accept": {},
    "reassign": {"to": WHO, "reason": TEXT, "service": SERVICES},
    "hold": {"reasons": TEXT, "body": TEXT, "revised_in": REVISED},
    "respond": {"body": TEXT, "confidential": st.booleans()},
    "message": {"body": TEXT, "confidential": st.booleans(),
                "cc": st.sampled_from((None, None, "other_councillor", "group_leader",
                                       "officer"))},
    "withdraw": {"reason": TEXT},
    "confirm": {},
    "reopen": {"reason": TEXT},
}
# The protocol's next steps from each state, by the person who takes them.
NEXT = {"new": ["accept", "respond", "hold", "reassign"], "accepted": ["respond", "hold"],
        "holding": ["respond", "reassign"], "answered": ["confirm", "reopen", "message"],
        "closed": ["reopen"], "withdrawn": []}
ENQUIRIES = Bundle("enquiries")


@dataclass(frozen=True)
class Snapshot(RowSnapshot):
    """Everything about one enquiry that an action could change."""

    row: dict
    events: tuple
    letters: tuple
    reminders: tuple
    access_given: int
    notifications: int


def snapshot(pk: int) -> Snapshot:
    return Snapshot(
        row=Enquiry.objects.filter(pk=pk).values().get(),
        events=tuple(EnquiryEvent.objects.filter(enquiry_id=pk).order_by("pk").values_list(
            "pk", "kind", "actor_id", "from_state", "to_state", "summary")),
        letters=tuple(Correspondence.objects.filter(enquiry_id=pk).order_by("pk").values_list(
            "pk", "kind", "body", "confidential", "revised_due_on")),
        reminders=tuple(EnquiryReminder.objects.filter(enquiry_id=pk).order_by("pk")
                        .values_list("pk", "kind", "deadline", "fire_on", "fired_at",
                                     "cancelled_at")),
        access_given=EnquiryAccess.objects.filter(case_id=pk).count(),
        notifications=Notification.objects.count(),
    )


def overview(pks) -> dict[int, tuple[dict, tuple]]:
    """Each enquiry's row and timeline, in two queries."""
    events: dict[int, list] = {pk: [] for pk in pks}
    for event in (EnquiryEvent.objects.filter(enquiry_id__in=pks).order_by("pk")
                  .values_list("enquiry_id", "pk", "kind", "actor_id", "from_state",
                               "to_state", "summary")):
        events[event[0]].append(event[1:])
    return {row["id"]: (row, tuple(events[row["id"]]))
            for row in Enquiry.objects.filter(pk__in=pks).values()}


def totals() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Enquiry, EnquiryEvent, EnquiryReminder,
                                             EnquiryAccess, Notification))


class EnquiryMachine(RuleBasedStateMachine):
    enquiries = ENQUIRIES

    def __init__(self, council) -> None:
        super().__init__()
        self.council = council
        self.people = {name: getattr(council, name) for name in PEOPLE}
        self.names = {person.pk: name for name, person in self.people.items()}
        # The officers above each service in the council fixture, besides the officer the
        # enquiry is with (its Head of Service, its directorate's Director).
        self.seniors = {council.waste.pk: {council.head_of_service.pk, council.director.pk},
                        council.highways.pk: {council.director.pk},
                        council.housing.pk: {council.other_director.pk}}
        self.profile = active_profile()
        self.seen: dict[int, Snapshot] = {}
        self.undo = Undo()

    def teardown(self) -> None:
        self.undo()

    # The protocol's people, as the oracle sees them.
    def handles(self, snap: Snapshot, who: str) -> bool:
        pk = self.people[who].pk
        return (pk == snap.row["assigned_to_id"]
                or pk in self.seniors.get(snap.row["service_id"], set()))

    def raised(self, snap: Snapshot, who: str) -> bool:
        return self.people[who].pk == snap.row["raised_by_id"]

    def resolve(self, snap: Snapshot, who: str) -> str:
        role = {"raiser": "raised_by_id", "assignee": "assigned_to_id"}.get(who)
        return self.names[snap.row[role]] if role else who

    def attempt(self, action: str, pk: int, who: str, version: str, call: Callable,
                why_not: Callable[[Snapshot, str], str | None]) -> bool:
        """Try one action; check what it did (or that it did nothing). True if committed."""
        before = snapshot(pk)
        who = self.resolve(before, who)
        given = {"current": before.version, "none": None,
                 "stale": before.version - 1 if before.version > 1 else before.version + 1,
                 }[version]
        reason = "the page was stale" if version == "stale" else why_not(before, who)
        try:
            call(Enquiry.objects.get(pk=pk), self.people[who], given)
        except EnquiryError as error:
            assert snapshot(pk) == before, f"refused {action} by {who} ({error}) changed things"
            assert reason is not None, f"{who} was refused {action} in {before.state}: {error}"
            return False
        after = snapshot(pk)
        assert reason in (None, MAYBE), f"{who} could {action} in {before.state}: {reason}"
        assert after.events[:len(before.events)] == before.events, "the timeline was edited"
        added = after.events[len(before.events):]
        assert len(added) == 1, f"{action} added {len(added)} timeline events"
        assert after.version == before.version + 1
        assert (before.state, after.state) in MOVES[action], (action, before.state, after.state)
        _, _, actor_id, from_state, to_state, _ = added[0]
        assert actor_id == self.people[who].pk
        if action != "message":
            assert (from_state, to_state) == (before.state, after.state)
        self.seen[pk] = after
        return True

    @initialize(target=ENQUIRIES)
    def first_enquiry(self):
        return self.log("councillor", "waste", "north", False, "private", 0, "officer")

    @rule(pk=ENQUIRIES, action=st.sampled_from(sorted(ARGUMENTS)), who=ACTOR,
          version=VERSIONS, data=st.data())
    def act(self, pk, action, who, version, data):
        """Anyone tries anything (often the raiser or the officer it is with)."""
        extra = {name: data.draw(strategy, label=name)
                 for name, strategy in ARGUMENTS[action].items()}
        getattr(self, action)(pk, who, version, **extra)

    @rule(target=ENQUIRIES, by=WHO, service=st.sampled_from(("waste", "highways", "housing",
                                                             None)),
          ward=st.sampled_from(("north", "south")), confidential=st.booleans(),
          visibility=st.sampled_from(("private", "ward", "group_ward")),
          days_ago=st.integers(0, 20), preferred=st.sampled_from((None, "officer",
                                                                   "councillor")))
    def log(self, by, service, ward, confidential, visibility, days_ago, preferred):
        before = totals()
        entered = services.NewEnquiry(
            subject="Missed bins on Park Road", details="Three weeks running.",
            ward=getattr(self.council, ward),
            service=getattr(self.council, service) if service else None,
            confidential=confidential, visibility=visibility,
            preferred_officer=self.people[preferred] if preferred else None,
            relationship_note="Already dealing with the round." if preferred else "")
        try:
            enquiry = services.enquiry_log(councillor=self.people[by], entered=entered,
                                           now=timezone.now() - timedelta(days=days_ago))
        except EnquiryError as error:
            assert totals() == before, f"a refused enquiry ({error}) left rows behind"
            assert by not in COUNCILLORS or preferred is not None, f"refused: {error}"
            return multiple()
        assert by in COUNCILLORS, f"{by} logged an enquiry"
        assert preferred != "councillor", "a councillor was taken as the preferred officer"
        snap = snapshot(enquiry.pk)
        assert [e[1:5] for e in snap.events] == [
            ("logged", self.people[by].pk, "-", "new"), ("assigned", None, "", "")]
        assert (snap.state, snap.version) == ("new", 1)
        self.seen[enquiry.pk] = snap
        return enquiry.pk

    def accept(self, pk, who, version):
        self.attempt("accept", pk, who, version,
                     lambda e, u, v: services.enquiry_accept(enquiry=e, actor=u, version=v),
                     lambda s, who: unless(waiting=s.state == "new", handler=self.handles(s, who)))

    def reassign(self, pk, who, version, to, reason, service):
        officer, new_service = self.people[to], getattr(self.council, service or "", None)

        def why_not(s: Snapshot, who: str) -> str | None:
            same = officer.pk == s.row["assigned_to_id"] and (
                new_service is None or new_service.pk == s.row["service_id"])
            return unless(reason=bool(reason.strip()), unanswered=s.state in OPEN_UNANSWERED,
                          handler=self.handles(s, who), an_officer=to not in COUNCILLORS,
                          someone_else=not same) or MAYBE  # the directorate rule decides

        if self.attempt("reassign", pk, who, version,
                        lambda e, u, v: services.enquiry_reassign(
                            enquiry=e, actor=u, officer=officer, reason=reason,
                            service=new_service, version=v), why_not):
            assert self.seen[pk].row["assigned_to_id"] == officer.pk

    def hold(self, pk, who, version, reasons, body, revised_in):
        today = timezone.localdate()
        revised = None if revised_in is None else today + timedelta(days=revised_in)
        profile = self.profile
        self.attempt(
            "hold", pk, who, version,
            lambda e, u, v: services.enquiry_hold(enquiry=e, actor=u, body=body,
                                                  reasons=reasons, revised_due_on=revised,
                                                  version=v),
            lambda s, who: unless(
                reasons=bool(reasons.strip()) or not profile.holding_reply_needs_reasons,
                date=revised is not None or not profile.holding_reply_needs_revised_date,
                future=revised is None or revised > today,
                unanswered=s.state in OPEN_UNANSWERED, handler=self.handles(s, who)))

    def respond(self, pk, who, version, body, confidential):
        self.attempt("respond", pk, who, version,
                     lambda e, u, v: services.enquiry_respond(
                         enquiry=e, actor=u, body=body, confidential=confidential, version=v),
                     lambda s, who: unless(body=bool(body.strip()),
                                      unanswered=s.state in OPEN_UNANSWERED,
                                      handler=self.handles(s, who)))

    def message(self, pk, who, version, body, confidential, cc):
        copies = [self.people[cc]] if cc else []
        self.attempt(
            "message", pk, who, version,
            lambda e, u, v: services.enquiry_message(enquiry=e, actor=u, body=body, cc=copies,
                                                     confidential=confidential, version=v),
            lambda s, who: unless(
                body=bool(body.strip()),
                writer=(self.raised(s, who) or self.handles(s, who)
                        or who == "monitoring_officer"),
                open=s.state in OPEN, cc_a_councillor=cc is None or cc in COUNCILLORS,
                cc_not_confidential=cc is None or not (confidential
                                                       or s.row["confidential"])))

    def withdraw(self, pk, who, version, reason):
        self.attempt("withdraw", pk, who, version,
                     lambda e, u, v: services.enquiry_withdraw(enquiry=e, actor=u,
                                                               reason=reason, version=v),
                     lambda s, who: unless(open=s.state in OPEN, raiser=self.raised(s, who)))

    def confirm(self, pk, who, version):
        self.attempt("confirm", pk, who, version,
                     lambda e, u, v: services.enquiry_confirm(enquiry=e, actor=u, version=v),
                     lambda s, who: unless(answered=s.state == "answered",
                                      raiser=self.raised(s, who)))

    def reopen(self, pk, who, version, reason):
        self.attempt("reopen", pk, who, version,
                     lambda e, u, v: services.enquiry_reopen(enquiry=e, actor=u, reason=reason,
                                                             version=v),
                     lambda s, who: unless(reason=bool(reason.strip()),
                                      answered=s.state in ("answered", "closed"),
                                      raiser=self.raised(s, who)))

    @rule(pk=ENQUIRIES, steps=st.lists(st.integers(0, 3), min_size=1, max_size=4))
    def advance(self, pk, steps):
        """The protocol's next steps, each by the right person with good input (so that
        enquiries reach their later states as well as being poked at by everyone)."""
        for step in steps:
            self.next_step(pk, step)

    def next_step(self, pk: int, step: int) -> None:
        options = NEXT[snapshot(pk).state]
        if not options:
            return
        good = "Collected today."
        match options[step % len(options)]:
            case "accept":
                self.accept(pk, "assignee", "current")
            case "respond":
                self.respond(pk, "assignee", "current", good, False)
            case "hold":
                self.hold(pk, "assignee", "current", good, good, 5)
            case "reassign":
                self.reassign(pk, "assignee", "current", "chief_executive", good, None)
            case "confirm":
                self.confirm(pk, "raiser", "current")
            case "reopen":
                self.reopen(pk, "raiser", "current", good)
            case "message":
                self.message(pk, "raiser", "current", good, False, None)

    @precondition(lambda self: self.seen)
    @rule(days=st.integers(0, 40))
    def sweep(self, days):
        """The reminder sweep on some day to come: its only move is closing an answered
        enquiry whose follow-up window has ended, with one event for it."""
        before = overview(self.seen)
        services.sweep(timezone.localdate() + timedelta(days=days))
        after = overview(self.seen)
        for pk, (was, was_events) in before.items():
            now, now_events = after[pk]
            assert now_events[:len(was_events)] == was_events, "the timeline was edited"
            moves = [e for e in now_events[len(was_events):] if e[4]]
            if now["state"] == was["state"]:
                assert (now["version"], moves) == (was["version"], [])
            else:
                assert (was["state"], now["state"]) == ("answered", "closed")
                assert now["version"] == was["version"] + 1
                assert [m[2:5] for m in moves] == [(None, "answered", "closed")]
            self.seen[pk] = snapshot(pk) if now != was else self.seen[pk]

    @invariant()
    def records_agree(self):
        for pk, (row, timeline) in overview(self.seen).items():
            seen = self.seen[pk]
            assert row["state"] in STATES
            # No deadline before receipt (003 §31.15 counts from receipt).
            assert row["due_on"] >= row["received_on"]
            assert row["current_due_on"] >= row["received_on"]
            assert (row["closed_at"] is not None) == (row["state"] in ("closed", "withdrawn"))
            assert (row["responded_at"] is None) == (row["answered_in_time"] is None)
            if row["state"] in ("answered", "closed"):
                assert row["responded_at"] is not None
            if row["state"] == "holding":
                assert row["holding_reply_at"] is not None
            # The timeline explains the state: its last move ends where the enquiry is.
            moves = [e for e in timeline if e[4]]
            assert moves and moves[-1][4] == row["state"]
            assert timeline[:len(seen.events)] == seen.events, "the timeline was edited"
            assert row["version"] >= seen.version, "the version went down"


def test_enquiries_hold_together_whatever_anyone_does(council):
    run_state_machine_as_test(lambda: EnquiryMachine(council),
                              settings=small(examples=15, steps=25))
