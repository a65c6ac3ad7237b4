"""The Monitoring Officer decides where a case about a councillor goes next (001 §11.3;
004 'Resolving Disputes'): the complainant can ask, not push."""
from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.errors import ComplaintError, NotAllowed
from complaints.models import Outcome, State
from complaints.services import (
    complaint_ask_monitoring_officer,
    complaint_consult_independent_person,
    complaint_escalate,
    complaint_give_outcome,
    complaint_monitoring_officer_decides,
    complaint_refer_on,
)
from protocol.models import ComplaintKind, Notification
from tests.complaints.test_profiles_route import snapshot

pytestmark = pytest.mark.django_db
GRIEVANCE = ComplaintKind.COUNCILLOR_CONDUCT


@pytest.fixture
def grievance(governance, activate, raise_case):
    activate("hounslow")
    return raise_case(GRIEVANCE)


def decide(complaint, actor, choice, reason="It merits it."):
    return complaint_monitoring_officer_decides(complaint=complaint, actor=actor,
                                                choice=choice, reason=reason)


def test_the_monitoring_officer_may_go_straight_to_the_standards_committee(
        governance, grievance):
    # 001 §11.3 "may choose to report the matter for consideration by the Standards
    # Committee": the discussion with the Leader or group leader is theirs to skip.
    complaint = decide(grievance, governance.monitoring_officer, "standards")
    assert (complaint.stage_position, complaint.handler) == (3, governance.standards_chair)
    assert complaint.state == State.WITH_HANDLER
    event = complaint.events.last()
    assert event.action.startswith("Monitoring Officer's decision")
    assert event.actor == governance.monitoring_officer


@pytest.mark.parametrize(("choice", "name"), [("leader", "leader"),
                                              ("group_leader", "red_group_leader")])
def test_the_monitoring_officer_chooses_whom_it_is_discussed_with(
        governance, grievance, choice, name):
    # 001 §11.3 "discussed with the Leader of the Council and/or relevant political group
    # leader": the Monitoring Officer's choice.
    complaint = decide(grievance, governance.monitoring_officer, choice)
    assert (complaint.stage_position, complaint.handler) == (2, getattr(governance, name))


def test_the_complainant_can_ask_but_not_push(client, governance, grievance):
    complaint = complaint_give_outcome(complaint=grievance, actor=grievance.handler,
                                       outcome=Outcome.NOT_UPHELD, reasons="No breach.")
    before = snapshot(complaint)
    with pytest.raises(ComplaintError, match="The Monitoring Officer decides"):
        complaint_escalate(complaint=complaint, actor=complaint.complainant,
                           reason="Not satisfied.")
    assert snapshot(complaint) == before
    client.force_login(complaint.complainant)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert reverse("complaints:action", args=[complaint.reference, "escalate"]) not in page
    complaint = complaint_ask_monitoring_officer(
        complaint=complaint, actor=complaint.complainant,
        reason="Please report it to the Standards Committee.")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.stage_position) == (State.OUTCOME, 1)
    event = complaint.events.last()
    assert event.action == "asked the Monitoring Officer to take it further"
    assert not event.to_state  # a request, not a transition
    assert Notification.objects.filter(recipient=governance.monitoring_officer,
                                       subject__contains="asked").exists()
    # The Monitoring Officer may still decide, after the outcome, to report it.
    complaint = decide(complaint, governance.monitoring_officer, "standards")
    assert complaint.handler == governance.standards_chair


def test_after_the_discussion_it_is_the_monitoring_officer_who_reports_it(
        governance, grievance):
    # 001 §11.3 "Depending on the outcome of these discussions, the Monitoring Officer may
    # choose to report the matter": not the group leader, nor the complainant.
    complaint = decide(grievance, governance.monitoring_officer, "group_leader")
    with pytest.raises(ComplaintError, match="The Monitoring Officer decides"):
        complaint_refer_on(complaint=complaint, actor=complaint.handler, reason="Next.")
    complaint = decide(complaint, governance.monitoring_officer, "standards")
    assert (complaint.stage_position, complaint.handler) == (3, governance.standards_chair)


@pytest.mark.parametrize("name", ["officer", "leader", "director", "chief_executive"])
def test_nobody_else_makes_the_monitoring_officers_decision(governance, grievance, name):
    before = snapshot(grievance)
    with pytest.raises(NotAllowed):
        decide(grievance, getattr(governance, name), "standards")
    assert snapshot(grievance) == before


def test_a_choice_the_route_does_not_offer_is_refused(governance, activate, raise_case):
    activate("westminster")  # 003: the Monitoring Officer, then the Standards Committee
    complaint = raise_case(GRIEVANCE)
    before = snapshot(complaint)
    with pytest.raises(ComplaintError, match="Choose"):
        decide(complaint, governance.monitoring_officer, "leader")
    assert snapshot(complaint) == before


def test_a_code_of_conduct_complaint_goes_to_a_hearing_only_if_the_mo_refers_it(
        governance, raise_case):
    complaint = raise_case(ComplaintKind.CODE_OF_CONDUCT)
    mo = governance.monitoring_officer
    complaint_consult_independent_person(complaint=complaint, actor=mo, note="No breach.")
    complaint = complaint_give_outcome(complaint=complaint, actor=mo,
                                       outcome=Outcome.NO_BREACH, reasons="No breach.")
    with pytest.raises(ComplaintError, match="The Monitoring Officer decides"):
        complaint_escalate(complaint=complaint, actor=complaint.complainant, reason="No.")


def test_the_case_page_offers_the_decision_to_the_mo_and_the_request_to_the_complainant(
        client, governance, grievance):
    url = grievance.get_absolute_url()
    decision = reverse("complaints:action", args=[grievance.reference, "decide_next"])
    ask = reverse("complaints:action", args=[grievance.reference, "ask_monitoring_officer"])
    client.force_login(governance.officer)  # who raised it
    page = client.get(url).content.decode()
    assert ask in page and decision not in page
    client.force_login(governance.monitoring_officer)
    page = client.get(url).content.decode()
    assert decision in page and ask not in page
    form = client.get(decision).content.decode()
    assert "Report it to the Standards Committee" in form
    response = client.post(decision, {"version": grievance.version, "choice": "standards",
                                      "reason": "It merits a hearing."})
    assert response.status_code == 302
    grievance.refresh_from_db()
    assert grievance.handler == governance.standards_chair


def test_a_resent_request_to_the_monitoring_officer_is_refused_as_stale(
        client, governance, grievance):
    # 001 §11.3: the complainant asks once; a second sending of the same form (a double
    # click, a browser resend) must not add another request and another email.
    ask = reverse("complaints:action", args=[grievance.reference, "ask_monitoring_officer"])
    form = {"version": grievance.version, "reason": "Please report it."}
    client.force_login(grievance.complainant)
    assert client.post(ask, form).status_code == 302
    events, emails = grievance.events.count(), Notification.objects.count()
    response = client.post(ask, form)
    assert response.status_code == 409
    assert "This case changed while you were looking at it" in response.content.decode()
    assert (grievance.events.count(), Notification.objects.count()) == (events, emails)


def test_a_discussion_nobody_can_fairly_hold_is_not_offered(
        client, governance, activate, raise_case):
    # 001 §11.3 "discussed with the Leader of the Council and/or relevant political group
    # leader": about the Leader, nobody can fairly discuss it as the Leader, so the
    # Monitoring Officer is offered only the group leader and the Standards Committee.
    activate("hounslow")
    complaint = raise_case(GRIEVANCE, about=governance.leader)
    decision = reverse("complaints:action", args=[complaint.reference, "decide_next"])
    client.force_login(governance.monitoring_officer)
    form = client.get(decision).content.decode()
    assert "Discuss it with the Leader of the Council" not in form
    assert "Discuss it with the councillor&#x27;s group leader" in form
    assert "Report it to the Standards Committee" in form
    before = snapshot(complaint)
    with pytest.raises(ComplaintError, match="Nobody in post can fairly handle"):
        decide(complaint, governance.monitoring_officer, "leader")  # sent anyway
    assert snapshot(complaint) == before
