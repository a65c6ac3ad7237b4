"""Hypothesis drives complaints and grievances with random actions by random people,
through the services only (a RuleBasedStateMachine), under each seed profile's routes.
Whatever anyone tries, in whatever order:

- every case is in a state the protocol has, on a stage its route has, with stamps that
  agree with its state;
- every change a service commits is a move the protocol allows, by someone it allows, and
  adds exactly one event to the history and one to the version;
- every refusal changes nothing at all (re-read from the database);
- the history is only appended to (DESIGN: "cannot be edited afterwards"), versions only
  go up, no time limit falls before the case was received, and each stage has its own
  handler: never the complainant, never the person complained about, never someone who
  handled an earlier stage (001 §11.2-11.3; 002 "never the chair alone").

Who may act is written out here from the protocol, not read from the code under test: the
handler of the current stage gives the outcome, refers on and records the Code of Conduct
steps; the complainant accepts, escalates or withdraws; either may settle it informally
(DESIGN "When Things Go Wrong"); the Independent Person is consulted before a Code of
Conduct decision (Localism Act 2011 s28(7))."""
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

from complaints import services
from complaints.errors import ComplaintError
from complaints.models import (
    Complaint,
    ComplaintAccess,
    ComplaintEvent,
    ComplaintReminder,
    Handling,
)
from protocol.models import Notification, ProtocolProfile
from tests.integrity.conftest import RowSnapshot, Undo, small, unless

pytestmark = pytest.mark.django_db

PEOPLE = ("councillor", "other_councillor", "leader", "group_leader", "officer",
          "head_of_service", "director", "other_director", "chief_executive",
          "monitoring_officer", "hr", "cfo", "standards_chair", "standards_vice_chair",
          "red_group_leader", "clerk", "civic_head", "staffing_chair", "staffing_vice_chair")
OPEN = ("informal", "with_handler", "outcome")
STATES = {*OPEN, "closed", "withdrawn"}
MOVES = {
    "resolve_informally": {("informal", "closed")},
    "go_formal": {("informal", "with_handler")},
    "outcome": {("with_handler", "outcome"), ("with_handler", "closed")},
    "accept": {("outcome", "closed")},
    "escalate": {("outcome", "with_handler")},
    "refer_on": {("with_handler", "with_handler")},
    "withdraw": {(s, "withdrawn") for s in OPEN},
    "consult": {(s, s) for s in OPEN},
    "request_response": {(s, s) for s in OPEN},
}
NEW_STAGE = {"escalate", "refer_on"}
# The outcomes a handler gives; the others are recorded by the system as it moves.
DECISIONS = {"upheld", "partly_upheld", "not_upheld", "mediated", "no_further_action",
             "breach_found", "no_breach"}
MAYBE = "not predicted"  # the route decides (nobody in post may fairly handle the stage)
TEXT = st.sampled_from(["The officer apologised.", "Not satisfied.", "Mediation agreed.",
                        "", "  "])
VERSIONS = st.sampled_from(["current"] * 4 + ["stale", "none"])
ACTOR = st.sampled_from(("handler", "complainant") * 3 + ("subject",) + PEOPLE)
OUTCOMES = st.sampled_from([*sorted(DECISIONS), "referred", "withdrawn", "nonsense"])
# Who raises what about whom in the ordinary way (001 §11.2-11.3, 003 §31.3(3)).
RAISED = [
    ("officer_conduct", "councillor", "officer"),
    ("officer_conduct", "other_councillor", "head_of_service"),
    ("officer_conduct", "leader", "director"),
    ("officer_conduct", "councillor", "chief_executive"),
    ("councillor_conduct", "officer", "councillor"),
    ("councillor_conduct", "head_of_service", "group_leader"),
    ("code_of_conduct", "officer", "councillor"),
    ("code_of_conduct", "councillor", "other_councillor"),
    ("fraud", "councillor", None),
    ("fraud", "officer", None),
    ("clerk_concern", "councillor", "clerk"),
]
# Cases every seed profile has a route for (001 §11.2-11.3, 002, 003 §31.3(3)).
FIRST = [("officer_conduct", "councillor", "officer"),
         ("councillor_conduct", "officer", "councillor"),
         ("code_of_conduct", "officer", "councillor"), ("fraud", "councillor", None)]
KINDS = ("officer_conduct", "councillor_conduct", "code_of_conduct", "fraud", "clerk_concern")
RAISE = st.one_of(st.sampled_from(RAISED),
                  st.tuples(st.sampled_from(KINDS), st.sampled_from(PEOPLE),
                            st.sampled_from((None, *PEOPLE))))
COMPLAINTS = Bundle("complaints")
# What else each action takes, drawn when it is tried.
ARGUMENTS = {
    "resolve_informally": {"reason": TEXT}, "go_formal": {"reason": TEXT},
    "outcome": {"outcome": OUTCOMES, "reasons": TEXT}, "accept": {},
    "escalate": {"reason": TEXT}, "refer_on": {"reason": TEXT}, "withdraw": {"reason": TEXT},
    "consult": {"note": TEXT}, "request_response": {"days": st.sampled_from([14, 1, 0, -1])},
}
# The protocol's next steps from each state, by the person who takes them.
NEXT = {"informal": ["go_formal", "resolve_informally"],
        "with_handler": ["outcome", "refer_on", "consult", "request_response"],
        "outcome": ["escalate", "accept"], "closed": [], "withdrawn": []}


@dataclass(frozen=True)
class Snapshot(RowSnapshot):
    """Everything about one case that an action could change."""

    row: dict
    events: tuple
    handlings: tuple
    reminders: tuple
    access_given: int
    notifications: int


def snapshot(pk: int) -> Snapshot:
    return Snapshot(
        row=Complaint.objects.filter(pk=pk).values().get(),
        events=events_of([pk])[pk],
        handlings=tuple(Handling.objects.filter(complaint_id=pk).order_by("stage_position")
                        .values_list("stage_position", "handler_id")),
        reminders=tuple(ComplaintReminder.objects.filter(complaint_id=pk).order_by("pk")
                        .values_list("pk", "kind", "deadline", "fire_on", "fired_at",
                                     "cancelled_at")),
        access_given=ComplaintAccess.objects.filter(case_id=pk).count(),
        notifications=Notification.objects.count(),
    )


def events_of(pks) -> dict[int, tuple]:
    events: dict[int, list] = {pk: [] for pk in pks}
    for event in (ComplaintEvent.objects.filter(complaint_id__in=pks).order_by("pk")
                  .values_list("complaint_id", "pk", "action", "actor_id", "from_state",
                               "to_state", "stage_position", "reason")):
        events[event[0]].append(event[1:])
    return {pk: tuple(found) for pk, found in events.items()}


def totals() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Complaint, ComplaintEvent, Handling,
                                             ComplaintReminder, ComplaintAccess,
                                             Notification))


class ComplaintMachine(RuleBasedStateMachine):
    complaints = COMPLAINTS

    def __init__(self, council, slugs: list[str]) -> None:
        super().__init__()
        self.council, self.slugs = council, slugs
        self.people = {name: getattr(council, name) for name in PEOPLE
                       if hasattr(council, name)}
        self.names = {person.pk: name for name, person in self.people.items()}
        self.seen: dict[int, Snapshot] = {}
        self.undo = Undo()

    def teardown(self) -> None:
        self.undo()

    @initialize(target=COMPLAINTS, data=st.data())
    def first_case(self, data):
        """The council's profile, and a first case raised in the ordinary way."""
        slug = data.draw(st.sampled_from(self.slugs), label="profile")
        ProtocolProfile.objects.update(is_active=False)
        ProtocolProfile.objects.filter(slug=slug).update(is_active=True)
        first = self.raise_case(data.draw(st.sampled_from(FIRST), label="raised"),
                                data.draw(st.booleans(), label="informal"), False, 0)
        assert isinstance(first, int), "every profile routes the ordinary cases"
        return first

    @rule(pk=COMPLAINTS, action=st.sampled_from(sorted(ARGUMENTS)), who=ACTOR,
          version=VERSIONS, data=st.data())
    def act(self, pk, action, who, version, data):
        """Anyone tries anything (often the handler or the complainant)."""
        extra = {name: data.draw(strategy, label=name)
                 for name, strategy in ARGUMENTS[action].items()}
        getattr(self, action)(pk, who, version, **extra)

    def resolve(self, snap: Snapshot, who: str) -> str | None:
        role = {"handler": "handler_id", "complainant": "complainant_id",
                "subject": "subject_person_id"}.get(who)
        if role is None:
            return who if who in self.people else None
        return self.names.get(snap.row[role])

    def attempt(self, action: str, pk: int, who: str, version: str, call: Callable,
                why_not: Callable[[Snapshot, int], str | None]) -> bool:
        """Try one action; check what it did (or that it did nothing). True if committed."""
        before = snapshot(pk)
        who = self.resolve(before, who)
        if who is None:  # nobody in that role (a fraud concern has no subject)
            return False
        actor = self.people[who]
        given = {"current": before.version, "none": None,
                 "stale": before.version - 1 if before.version > 1 else before.version + 1,
                 }[version]
        reason = "the page was stale" if version == "stale" else why_not(before, actor.pk)
        try:
            call(Complaint.objects.get(pk=pk), actor, given)
        except ComplaintError as error:
            assert snapshot(pk) == before, f"refused {action} by {who} ({error}) changed things"
            assert reason is not None, f"{who} was refused {action} in {before.state}: {error}"
            return False
        after = snapshot(pk)
        assert reason in (None, MAYBE), f"{who} could {action} in {before.state}: {reason}"
        assert after.events[:len(before.events)] == before.events, "the history was edited"
        added = after.events[len(before.events):]
        assert len(added) == 1, f"{action} added {len(added)} history events"
        assert after.version == before.version + 1
        assert (before.state, after.state) in MOVES[action], (action, before.state, after.state)
        _, _, actor_id, from_state, to_state, position, _ = added[0]
        assert (actor_id, position) == (actor.pk, after.row["stage_position"])
        if from_state:
            assert (from_state, to_state) == (before.state, after.state)
        else:
            assert action in ("consult", "request_response")
        # A new stage is the next one someone can fairly take: a stage nobody in post can
        # fairly take is passed over, and the history says so (stages_ahead).
        if action in NEW_STAGE:
            assert after.row["stage_position"] > before.row["stage_position"]
            skipped = after.row["stage_position"] - before.row["stage_position"] - 1
            assert added[0][-1].count(": skipped, as nobody in post") == skipped
        else:
            assert after.row["stage_position"] == before.row["stage_position"]
        self.seen[pk] = after
        return True

    def handles(self, snap: Snapshot, pk: int) -> bool:
        return pk == snap.row["handler_id"]

    def complains(self, snap: Snapshot, pk: int) -> bool:
        return pk == snap.row["complainant_id"]

    @rule(target=COMPLAINTS, raised=RAISE, informal=st.booleans(), money=st.booleans(),
          days_ago=st.sampled_from([0, 0, 3, 30]))
    def raise_case(self, raised, informal, money, days_ago):
        kind, by, about = raised
        if by not in self.people or (about is not None and about not in self.people):
            return multiple()
        before, now = totals(), timezone.now() - timedelta(days=days_ago)
        entered = services.NewComplaint(
            kind=kind, summary="Rude at the meeting", details="Shouted across the room.",
            subject_person=self.people[about] if about else None, money_involved=money,
            try_informal=informal,
            conduct_date=timezone.localdate(now) - timedelta(days=10)
            if kind == "code_of_conduct" else None)
        try:
            complaint = services.complaint_raise(complainant=self.people[by], entered=entered,
                                                 now=now)
        except ComplaintError as error:
            assert totals() == before, f"a refused case ({error}) left rows behind"
            return multiple()
        snap = snapshot(complaint.pk)
        assert [e[1:5] for e in snap.events] == [
            ("raised", self.people[by].pk, "-", snap.state)]
        assert snap.state in ("informal", "with_handler")
        # The case starts at the first stage someone can fairly take (stages_ahead): here a
        # complaint the Monitoring Officer raises passes over the stage that is theirs, and
        # the history names each stage passed over.
        assert snap.version == 1 and snap.row["stage_position"] >= 1
        reason = snap.events[0][-1]
        assert reason.count(": skipped, as nobody in post") == snap.row["stage_position"] - 1
        self.seen[complaint.pk] = snap
        return complaint.pk

    def resolve_informally(self, pk, who, version, reason):
        self.attempt("resolve_informally", pk, who, version,
                     lambda c, u, v: services.complaint_resolve_informally(
                         complaint=c, actor=u, reasons=reason, version=v),
                     lambda s, u: unless(reasons=bool(reason.strip()),
                                         informal=s.state == "informal",
                                         party=self.handles(s, u) or self.complains(s, u)))

    def go_formal(self, pk, who, version, reason):
        self.attempt("go_formal", pk, who, version,
                     lambda c, u, v: services.complaint_go_formal(complaint=c, actor=u,
                                                                  reason=reason, version=v),
                     lambda s, u: unless(reason=bool(reason.strip()),
                                         informal=s.state == "informal",
                                         party=self.handles(s, u) or self.complains(s, u)))

    def outcome(self, pk, who, version, outcome, reasons):
        if self.attempt(
                "outcome", pk, who, version,
                lambda c, u, v: services.complaint_give_outcome(
                    complaint=c, actor=u, outcome=outcome, reasons=reasons, version=v),
                lambda s, u: unless(
                    reasons=bool(reasons.strip()), a_decision=outcome in DECISIONS,
                    with_handler=s.state == "with_handler", handler=self.handles(s, u),
                    consulted=(s.row["kind"] != "code_of_conduct"
                               or s.row["independent_person_consulted_at"] is not None))):
            row = self.seen[pk].row
            last = row["stage_position"] == row["stage_count"]
            assert (row["state"], row["outcome"]) == ("closed" if last else "outcome", outcome)

    def accept(self, pk, who, version):
        self.attempt("accept", pk, who, version,
                     lambda c, u, v: services.complaint_accept(complaint=c, actor=u, version=v),
                     lambda s, u: unless(outcome=s.state == "outcome",
                                         complainant=self.complains(s, u)))

    def escalate(self, pk, who, version, reason):
        self.attempt("escalate", pk, who, version,
                     lambda c, u, v: services.complaint_escalate(complaint=c, actor=u,
                                                                 reason=reason, version=v),
                     lambda s, u: unless(
                         reason=bool(reason.strip()), outcome=s.state == "outcome",
                         complainant=self.complains(s, u),
                         next_stage=s.row["stage_position"] < s.row["stage_count"]) or MAYBE)

    def refer_on(self, pk, who, version, reason):
        self.attempt("refer_on", pk, who, version,
                     lambda c, u, v: services.complaint_refer_on(complaint=c, actor=u,
                                                                 reason=reason, version=v),
                     lambda s, u: unless(
                         reason=bool(reason.strip()), with_handler=s.state == "with_handler",
                         handler=self.handles(s, u),
                         next_stage=s.row["stage_position"] < s.row["stage_count"]) or MAYBE)

    def withdraw(self, pk, who, version, reason):
        self.attempt("withdraw", pk, who, version,
                     lambda c, u, v: services.complaint_withdraw(complaint=c, actor=u,
                                                                 reason=reason, version=v),
                     lambda s, u: unless(open=s.state in OPEN,
                                         complainant=self.complains(s, u)))

    def consult(self, pk, who, version, note):
        self.attempt("consult", pk, who, version,
                     lambda c, u, v: services.complaint_consult_independent_person(
                         complaint=c, actor=u, note=note, version=v),
                     lambda s, u: unless(note=bool(note.strip()),
                                         code_of_conduct=s.row["kind"] == "code_of_conduct",
                                         handler=self.handles(s, u), open=s.state in OPEN))

    def request_response(self, pk, who, version, days):
        due = timezone.localdate() + timedelta(days=days)
        self.attempt("request_response", pk, who, version,
                     lambda c, u, v: services.complaint_request_response(
                         complaint=c, actor=u, due_on=due, version=v),
                     lambda s, u: unless(future=days > 0,
                                         code_of_conduct=s.row["kind"] == "code_of_conduct",
                                         handler=self.handles(s, u), open=s.state in OPEN))

    @rule(pk=COMPLAINTS, steps=st.lists(st.integers(0, 3), min_size=1, max_size=4))
    def advance(self, pk, steps):
        """The protocol's next steps, each by the right person with good input (so that
        cases reach their later stages as well as being poked at by everyone)."""
        for step in steps:
            self.next_step(pk, step)

    def next_step(self, pk: int, step: int) -> None:
        snap = snapshot(pk)
        options = NEXT[snap.state]
        if not options:
            return
        good = "Mediation agreed."
        unconsulted = (snap.row["kind"] == "code_of_conduct"
                       and snap.row["independent_person_consulted_at"] is None)
        steps = {
            "go_formal": lambda: self.go_formal(pk, "complainant", "current", good),
            "resolve_informally": lambda: self.resolve_informally(pk, "handler", "current",
                                                                  good),
            # The Independent Person first, for a Code of Conduct decision.
            "outcome": lambda: (self.consult(pk, "handler", "current", good) if unconsulted
                                else self.outcome(pk, "handler", "current", "partly_upheld",
                                                  good)),
            "refer_on": lambda: self.refer_on(pk, "handler", "current", good),
            "consult": lambda: self.consult(pk, "handler", "current", good),
            "request_response": lambda: self.request_response(pk, "handler", "current", 14),
            "escalate": lambda: self.escalate(pk, "complainant", "current", good),
            "accept": lambda: self.accept(pk, "complainant", "current"),
        }
        steps[options[step % len(options)]]()

    @precondition(lambda self: self.seen)
    @rule(days=st.integers(0, 60))
    def sweep(self, days):
        """The stage-overdue sweep on some day to come: it reminds, and moves nothing."""
        before = {pk: (snap.row, events_of([pk])[pk]) for pk, snap in self.seen.items()}
        services.sweep(timezone.localdate() + timedelta(days=days))
        events = events_of(list(self.seen))
        for row in Complaint.objects.filter(pk__in=self.seen).values():
            was, was_events = before[row["id"]]
            now_events = events[row["id"]]
            assert row == was, "the sweep changed a case"
            assert now_events[:len(was_events)] == was_events, "the history was edited"
            assert not [e for e in now_events[len(was_events):] if e[4]]

    @invariant()
    def records_agree(self):
        events = events_of(list(self.seen))
        handlings: dict[int, list] = {pk: [] for pk in self.seen}
        for complaint_id, position, handler_id in (
                Handling.objects.filter(complaint_id__in=self.seen).order_by("stage_position")
                .values_list("complaint_id", "stage_position", "handler_id")):
            handlings[complaint_id].append((position, handler_id))
        for row in Complaint.objects.filter(pk__in=self.seen).values():
            pk, seen = row["id"], self.seen[row["id"]]
            assert row["state"] in STATES
            assert 1 <= row["stage_position"] <= row["stage_count"]
            # One handler per stage so far, each new to the case and neither party to it.
            handled = handlings[pk]
            handlers = [h for _, h in handled]
            positions = [p for p, _ in handled]
            assert positions == sorted(set(positions)) and positions[-1] == row["stage_position"]
            assert handlers[-1] == row["handler_id"]
            assert len(set(handlers)) == len(handlers), "someone handled two stages"
            assert row["complainant_id"] not in handlers
            assert row["subject_person_id"] not in handlers
            assert (row["closed_at"] is not None) == (row["state"] in ("closed", "withdrawn"))
            if row["state"] == "outcome":
                assert row["outcome"] in DECISIONS
            if row["state"] == "closed":
                assert row["outcome"]
            received = timezone.localdate(row["received_at"])
            for limit in (row["stage_due_on"], row["subject_response_due_on"]):
                assert limit is None or limit >= received, "a time limit before receipt"
            if row["kind"] == "fraud":  # its subject is not told (003 §31.3(3))
                assert not row["subject_told"]
            timeline = events[pk]
            moves = [e for e in timeline if e[4]]
            assert moves and moves[-1][4] == row["state"]
            assert timeline[:len(seen.events)] == seen.events, "the history was edited"
            assert row["version"] >= seen.version, "the version went down"


PRINCIPAL = ["westminster", "hounslow", "harrow", "north-northamptonshire"]


@pytest.mark.parametrize(("slugs", "extra"), [
    (PRINCIPAL, ["governance"]),
    (["parish-model"], ["governance", "parish"]),
], ids=["principal-councils", "parish"])
def test_cases_hold_together_whatever_anyone_does(request, council, slugs, extra):
    for name in extra:
        request.getfixturevalue(name)
    run_state_machine_as_test(lambda: ComplaintMachine(council, slugs),
                              settings=small(examples=12, steps=20))
