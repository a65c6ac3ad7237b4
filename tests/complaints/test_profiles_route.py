"""Each seed profile routes as its text says: a councillor's complaint about the Waste
officer and an officer's grievance about the councillor, walked up every stage; past the
last stage nothing more is possible, and the last stage's outcome is the decision."""
from __future__ import annotations

import pytest
from django.http import Http404

from complaints.errors import ComplaintError
from complaints.models import ComplaintEvent, Handling, Outcome, State
from complaints.services import (
    complaint_escalate,
    complaint_give_outcome,
    complaint_monitoring_officer_decides,
    complaint_refer_on,
    mo_choice,
)
from protocol.council.rules.discretion import Choice
from protocol.council.selectors import active_profile, holder_of
from protocol.models import ComplaintKind, Notification, Post, PostKind
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db

OFFICER_CONDUCT, GRIEVANCE = ComplaintKind.OFFICER_CONDUCT, ComplaintKind.COUNCILLOR_CONDUCT
# slug: {kind: the handler at each stage, by the council fixture's names}
ROUTES = {
    # 001 §11.2: Chief Officer → Chief Executive and/or Monitoring Officer → the Leader;
    # §11.3: Monitoring Officer → the Leader and/or group leader → Standards Committee.
    "hounslow": {
        OFFICER_CONDUCT: ["director", "chief_executive", "leader"],
        GRIEVANCE: ["monitoring_officer", "red_group_leader", "standards_chair"],
    },
    # 003 §31.3(3): the service Director, then (the council's choice) the Chief Executive;
    # §31.2, §31.13: the Monitoring Officer, then the Standards Committee.
    "westminster": {
        OFFICER_CONDUCT: ["director", "chief_executive"],
        GRIEVANCE: ["monitoring_officer", "standards_chair"],
    },
    # 000 §7.3: the relevant service director, then the Head of Paid Service; §3.4:
    # difficulties go to the relevant Director (the complaining officer's), then the
    # Monitoring Officer and the Standards Committee (preamble).
    "harrow": {
        OFFICER_CONDUCT: ["director", "chief_executive"],
        GRIEVANCE: ["director", "monitoring_officer", "standards_chair"],
    },
    # 004 'Resolving Disputes': the relevant senior officer, then the Monitoring Officer.
    "north-northamptonshire": {
        OFFICER_CONDUCT: ["head_of_service", "monitoring_officer"],
        GRIEVANCE: ["head_of_service", "monitoring_officer"],
    },
    # 002 'If things go wrong': the Clerk, then the staffing committee; the chair, then the
    # staffing committee (never the chair alone); officers' grievances to the staffing
    # committee, then the principal council's Monitoring Officer.
    "parish-model": {
        OFFICER_CONDUCT: ["clerk", "staffing_chair"],
        GRIEVANCE: ["staffing_chair", "monitoring_officer"],
        ComplaintKind.CLERK_CONCERN: ["civic_head", "staffing_chair"],
    },
}
CASES = [(slug, kind) for slug, kinds in ROUTES.items() for kind in kinds]


@pytest.fixture
def people(request, council):
    """The posts each profile needs beyond the shared council."""
    return request.getfixturevalue("governance")


@pytest.fixture
def parish_people(request, council):
    return request.getfixturevalue("parish")


def snapshot(complaint) -> tuple:
    complaint.refresh_from_db()
    return (complaint.state, complaint.version, complaint.handler_id, complaint.stage_position,
            complaint.outcome, ComplaintEvent.objects.filter(complaint=complaint).count())


def move_on(complaint, reason: str = "Needs the next stage."):
    """On to the next stage, by whoever the route lets move it: the handler refers it on,
    but where the Monitoring Officer decides (001 §11.3) it is their decision, to discuss
    it with the group leader where the route has that stage, else to report it (the
    route's options, whoever is in post, so that a vacant stage is refused)."""
    offered = mo_choice.route_options(active_profile(), complaint)
    if not offered:
        return complaint_refer_on(complaint=complaint, actor=complaint.handler, reason=reason)
    choice = Choice.GROUP_LEADER if Choice.GROUP_LEADER in offered else Choice.STANDARDS
    return complaint_monitoring_officer_decides(
        complaint=complaint, actor=holder_of(PostKind.MONITORING_OFFICER), choice=choice,
        reason=reason)


def walk(complaint, council, expected: list[str]) -> None:
    """Up every stage: the complainant escalates a complaint after each outcome; the handler
    refers a grievance on. At each stage the handler is the expected person."""
    grievance = complaint.kind == GRIEVANCE
    for position, name in enumerate(expected, start=1):
        complaint.refresh_from_db()
        assert (complaint.stage_position, complaint.handler) == (position, getattr(council, name))
        assert complaint.stage_count == len(expected)
        assert complaint.state == State.WITH_HANDLER
        if position == len(expected):
            break
        if grievance:
            move_on(complaint)
        else:
            complaint_give_outcome(complaint=complaint, actor=complaint.handler,
                                   outcome=Outcome.NOT_UPHELD, reasons="No fault found.")
            complaint_escalate(complaint=complaint, actor=complaint.complainant,
                               reason="Not satisfied.")
    handlers = list(Handling.objects.filter(complaint=complaint)
                    .order_by("stage_position").values_list("handler__username", flat=True))
    assert handlers == [getattr(council, name).username for name in expected]
    assert len(set(handlers)) == len(handlers)  # a later stage never an earlier handler


@pytest.mark.parametrize(("slug", "kind"), CASES)
def test_each_profile_routes_each_stage_to_the_person_its_text_names(
        slug, kind, council, activate, raise_case, request):
    request.getfixturevalue("parish" if slug == "parish-model" else "governance")
    activate(slug)
    complaint = raise_case(kind)
    walk(complaint, council, ROUTES[slug][kind])

    # The last stage's outcome is the decision: the case closes.
    complaint_give_outcome(complaint=complaint, actor=complaint.handler,
                           outcome=Outcome.PARTLY_UPHELD, reasons="An apology is due.")
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED
    assert complaint.outcome == Outcome.PARTLY_UPHELD
    assert complaint.closed_at is not None
    assert complaint.events.last().action == "decision: Partly upheld"
    # Every history row fits its columns (SQLite would not say; PostgreSQL refuses).
    longest = ComplaintEvent._meta.get_field("action").max_length
    actions = list(complaint.events.values_list("action", flat=True))
    assert max(map(len, actions)) <= longest, actions

    # Nothing goes past the last stage, by either route, and the refusal changes nothing.
    before = snapshot(complaint)
    with pytest.raises(ComplaintError, match="no further escalation"):
        complaint_escalate(complaint=complaint, actor=complaint.complainant,
                           reason="Still not satisfied.")
    with pytest.raises(ComplaintError, match="no further stage"):
        complaint_refer_on(complaint=complaint, actor=complaint.handler, reason="More.")
    assert snapshot(complaint) == before


@pytest.mark.parametrize(("slug", "kind"), CASES)
def test_at_the_last_stage_the_handler_cannot_refer_it_on(
        slug, kind, council, activate, raise_case, request):
    request.getfixturevalue("parish" if slug == "parish-model" else "governance")
    activate(slug)
    complaint = raise_case(kind)
    for _ in ROUTES[slug][kind][1:]:
        complaint = move_on(complaint, "Next.")
    before = snapshot(complaint)
    assert complaint.stage_position == complaint.stage_count
    with pytest.raises(ComplaintError, match="The route has no further stage"):
        complaint_refer_on(complaint=complaint, actor=complaint.handler, reason="More.")
    assert snapshot(complaint) == before


def test_hounslow_grievance_goes_to_the_leader_where_the_group_has_no_leader(
        council, activate, raise_case):
    # 001 §11.3 "the Leader of the Council and/or relevant political group leader": the Red
    # Group has no group leader of its own here, so the Leader.
    chair = UserFactory(username="chair")
    PostFactory(holder=chair, kind=PostKind.COMMITTEE_CHAIR, committee=council.standards)
    activate("hounslow")
    complaint = raise_case(GRIEVANCE)
    council.chair = chair
    walk(complaint, council, ["monitoring_officer", "leader", "chair"])


def test_hounslow_grievance_about_a_group_leader_skips_them_to_the_leader(
        governance, activate, raise_case):
    activate("hounslow")
    complaint = raise_case(GRIEVANCE, about=governance.red_group_leader)
    walk(complaint, governance, ["monitoring_officer", "leader", "standards_chair"])


def test_hounslow_complaint_about_a_director_starts_with_the_chief_executive(
        governance, activate, raise_case):
    # 003 §31.3(3) / DESIGN: one involving a Director personally goes to the CE; then the
    # Monitoring Officer (the CE has handled it), then the Leader (001 §11.2).
    activate("hounslow")
    complaint = raise_case(OFFICER_CONDUCT, about=governance.director)
    assert complaint.stage_title == "The Chief Executive"
    walk(complaint, governance, ["chief_executive", "monitoring_officer", "leader"])


def test_westminster_complaint_about_the_chief_executive_goes_to_the_monitoring_officer(
        council, activate, raise_case):
    # 001 §11.2, as DESIGN applies it to every profile.
    activate("westminster")
    complaint = raise_case(OFFICER_CONDUCT, about=council.chief_executive)
    assert complaint.handler == council.monitoring_officer
    assert complaint.stage_title == "The Monitoring Officer"


def test_a_last_stage_nobody_can_fairly_take_leaves_the_stage_before_it_to_decide(
        council, activate, raise_case):
    # Westminster's grievance goes to the Standards Committee at stage 2: with no chair or
    # vice-chair, and the Monitoring Officer the stage-1 handler, nobody is left, so the
    # Monitoring Officer's outcome is the decision rather than a dead end.
    activate("westminster")
    complaint = raise_case(GRIEVANCE)
    assert (complaint.stage_position, complaint.stage_count) == (1, 1)
    complaint_give_outcome(complaint=complaint, actor=council.monitoring_officer,
                           outcome=Outcome.NOT_UPHELD, reasons="No breach.")
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED


def test_a_stage_that_has_fallen_vacant_is_refused_and_changes_nothing(
        governance, activate, raise_case):
    # The Standards Committee's chair and vice-chair leave after the case was raised: the
    # referral is refused, and the Monitoring Officer told to act, with nothing changed.
    activate("westminster")
    complaint = raise_case(GRIEVANCE)
    assert complaint.stage_count == 2
    Post.objects.filter(holder__in=[governance.standards_chair,
                                    governance.standards_vice_chair]).delete()
    assert mo_choice.options(active_profile(), complaint) == {}  # no longer offered
    before = snapshot(complaint)
    with pytest.raises(ComplaintError, match="Nobody in post can fairly handle this stage"):
        move_on(complaint, "For a hearing.")
    assert snapshot(complaint) == before
    assert Handling.objects.filter(complaint=complaint).count() == 1


def _to_the_end(complaint) -> list[str]:
    """The complainant, never satisfied, takes the case as far as the route goes: the
    handlers in order. Never refused for want of a fair handler while a stage is left."""
    handlers = []
    while True:
        complaint.refresh_from_db()
        handlers.append(complaint.handler.username)
        complaint_give_outcome(complaint=complaint, actor=complaint.handler,
                               outcome=Outcome.NOT_UPHELD, reasons="No fault found.")
        complaint.refresh_from_db()
        if complaint.state == State.CLOSED:
            return handlers
        complaint_escalate(complaint=complaint, actor=complaint.complainant,
                           reason="Not satisfied.")


def test_hounslow_complaint_about_the_chief_executive_goes_on_to_the_leader(
        governance, activate, raise_case):
    # 001 §11.2: "Where the complaint relates to the Chief Executive, it should be raised
    # with the Monitoring Officer. If the complainant is dissatisfied with the response,
    # they may ask the Leader of the Council to discuss the matter". Stage 2 (the Chief
    # Executive and/or the Monitoring Officer) has nobody fair left: it is skipped.
    activate("hounslow")
    complaint = raise_case(OFFICER_CONDUCT, about=governance.chief_executive)
    assert complaint.handler == governance.monitoring_officer
    assert complaint.stage_count == 3
    assert _to_the_end(complaint) == ["monitoring_officer", "leader"]
    complaint.refresh_from_db()
    assert complaint.stage_position == 3
    escalated = complaint.events.get(action__startswith="escalated")
    assert "nobody in post can fairly take it" in escalated.reason


def test_at_the_leaders_stage_hr_is_told_and_can_read_the_case(
        governance, activate, raise_case):
    # 001 §11.2: the Leader discusses the matter "with the Chief Executive, Monitoring
    # Officer and HR as appropriate".
    from complaints.selectors import complaint_for, visible_to

    activate("hounslow")
    complaint = raise_case(OFFICER_CONDUCT)
    with pytest.raises(Http404):
        complaint_for(governance.hr, complaint.reference)
    walk(complaint, governance, ROUTES["hounslow"][OFFICER_CONDUCT])
    assert complaint_for(governance.hr, complaint.reference) == complaint
    assert complaint in visible_to(governance.hr)
    assert Notification.objects.filter(recipient=governance.hr,
                                       subject__startswith=complaint.reference).exists()


@pytest.mark.parametrize("slug", ["harrow", "westminster", "north-northamptonshire"])
def test_where_no_later_stage_is_fair_the_first_stage_decides(
        slug, governance, activate, raise_case):
    # Two-stage ladders: after the Monitoring Officer (001 §11.2) nobody is left who can
    # fairly take a complaint about the Chief Executive. The case is not left waiting for
    # an escalation that must be refused: the Monitoring Officer's outcome is the decision.
    activate(slug)
    complaint = raise_case(OFFICER_CONDUCT, about=governance.chief_executive)
    assert complaint.stage_count == 1
    assert _to_the_end(complaint) == ["monitoring_officer"]


@pytest.mark.parametrize("slug", ["hounslow", "harrow", "westminster",
                                  "north-northamptonshire"])
@pytest.mark.parametrize("about", ["chief_executive", "monitoring_officer"])
def test_a_complaint_about_a_statutory_officer_never_dead_ends(
        slug, about, governance, activate, raise_case):
    # "never dead-end while a later stage exists": every escalation the route offers is
    # taken by someone fair, and the case ends in a decision.
    activate(slug)
    complaint = raise_case(OFFICER_CONDUCT, about=getattr(governance, about))
    handlers = _to_the_end(complaint)
    assert about not in handlers
    assert len(set(handlers)) == len(handlers)
    if slug == "hounslow":
        assert handlers[-1] == "leader"


def test_a_parish_grievance_with_no_staffing_committee_never_goes_to_the_chair(
        parish, activate, raise_case):
    # 002 'Procedure for officers': the chair of the council never deals with a grievance
    # on their own. With nobody on the staffing committee, the principal council's
    # Monitoring Officer (the next stage) takes it, not the chair.
    Post.objects.filter(holder__in=[parish.staffing_chair, parish.staffing_vice_chair],
                        kind__in=[PostKind.COMMITTEE_CHAIR,
                                  PostKind.COMMITTEE_VICE_CHAIR]).delete()
    activate("parish-model")
    complaint = raise_case(GRIEVANCE)
    assert complaint.handler == parish.monitoring_officer
    assert complaint.handler != parish.civic_head
    assert complaint.stage_position == 2
    assert "skipped" in complaint.events.get().reason


def test_a_parish_grievance_skips_a_staffing_chair_who_also_chairs_the_council(
        parish, activate, raise_case):
    # 002 'Procedure for officers': the chair of the council never deals with a grievance
    # on their own, even when they also chair the staffing committee (common in parishes):
    # the committee's vice-chair takes it.
    Post.objects.filter(holder=parish.civic_head, kind=PostKind.CIVIC_HEAD).delete()
    PostFactory(holder=parish.staffing_chair, kind=PostKind.CIVIC_HEAD)
    activate("parish-model")
    complaint = raise_case(GRIEVANCE)
    assert holder_of(PostKind.CIVIC_HEAD) == parish.staffing_chair
    assert (complaint.stage_position, complaint.handler) == (1, parish.staffing_vice_chair)
