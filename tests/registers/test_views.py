"""The registers' pages: every role's access (404 for anyone outside a record), journeys
through the forms, refusals that change nothing, and a constant number of queries."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registers import services
from registers.models import GroupRequest, InformationRequest, InfoState, WardNotice
from tests.factories import sent_once
from tests.registers.conftest import refuse

pytestmark = pytest.mark.django_db

ROLES = ["councillor", "other_councillor", "leader", "group_leader", "officer",
         "head_of_service", "director", "other_director", "chief_executive",
         "monitoring_officer", "hr"]


def status(client, user, url, data=None):
    client.force_login(user)
    response = client.post(url, data) if data is not None else client.get(url)
    return response.status_code


def statuses(client, council, url, data=None) -> dict[str, int]:
    return {role: status(client, getattr(council, role), url, data) for role in ROLES}


def test_the_registers_page_is_for_councillors_and_officers(client, council, django_user_model):
    assert set(statuses(client, council, reverse("registers:index")).values()) == {200}
    nobody = django_user_model.objects.create_user("nobody", password="x" * 12)
    assert status(client, nobody, reverse("registers:index")) == 404
    client.logout()
    assert client.get(reverse("registers:index")).status_code == 302


def test_who_sees_a_group_request_before_and_after_delivery(client, council, agreed):
    request = agreed()
    url = request.get_absolute_url()
    seen = {role for role, code in statuses(client, council, url).items() if code == 200}
    assert seen == {"group_leader", "officer", "chief_executive", "monitoring_officer"}
    services.group_request_deliver(request=request, actor=council.officer,
                                   delivered_on=timezone.localdate(), subject="Budget options",
                                   factual_confirmed=True)
    seen = {role for role, code in statuses(client, council, url).items() if code == 200}
    assert seen == {"group_leader", "officer", "chief_executive", "monitoring_officer",
                    "leader"}  # the Leader leads the Red group: told, sees the notice only
    client.force_login(council.leader)
    page = client.get(url).content.decode()
    assert "Ask for the same for your group" in page
    assert request.details not in page  # the group's own words stay with it (000 §5.12)


def test_a_group_leader_asks_through_the_form(client, council):
    assert status(client, council.councillor, reverse("registers:group_new")) == 404
    client.force_login(council.group_leader)
    response = client.post(reverse("registers:group_new"), sent_once({
        "group": council.blue.pk, "kind": "attendance", "subject": "Local plan",
        "details": "Please attend to explain the options.",
        "meeting_on": (timezone.localdate() + timedelta(days=9)).isoformat()}))
    request = GroupRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()


def test_a_missing_meeting_date_is_shown_and_nothing_saved(client, council):
    client.force_login(council.group_leader)
    response = client.post(reverse("registers:group_new"), sent_once({
        "group": council.blue.pk, "kind": "briefing", "subject": "Local plan",
        "details": "Please brief us."}))
    assert response.status_code == 200
    assert "Enter the date of the group meeting" in response.content.decode()
    assert not GroupRequest.objects.exists()


def test_deciding_is_the_chief_executives(client, council, ask_group):
    request = ask_group()
    url = reverse("registers:group_action", args=[request.reference, "decide"])
    data = {"version": request.version, "decision": "declined", "reason": "Too political."}
    assert status(client, council.monitoring_officer, url, data) == 403
    assert status(client, council.director, url, data) == 404
    assert status(client, council.chief_executive, url, {"version": request.version}) == 400
    assert GroupRequest.objects.get().state == "submitted"
    assert status(client, council.chief_executive, url, data) == 302
    assert GroupRequest.objects.get().state == "declined"
    assert status(client, council.chief_executive, url, data) == 409  # stale and decided


def test_the_equal_treatment_view_is_the_monitoring_officers(client, council, agreed):
    agreed()
    url = reverse("registers:equal_treatment")
    seen = {role for role, code in statuses(client, council, url).items() if code == 200}
    assert seen == {"monitoring_officer"}
    client.force_login(council.monitoring_officer)
    page = client.get(url).content.decode()
    assert "Blue Group" in page and "Red Group" in page


def test_who_sees_a_need_to_know_request(client, council, ask_info):
    request = ask_info()
    seen = {role for role, code in statuses(client, council, request.get_absolute_url()).items()
            if code == 200}
    # The councillor, the officer deciding it and the Director above, the Monitoring Officer.
    assert seen == {"councillor", "head_of_service", "director", "monitoring_officer"}


def test_confidential_material_is_shown_once_the_purpose_is_acknowledged(client, council,
                                                                         ask_info):
    request = services.information_request_decide(
        request=ask_info(), actor=council.head_of_service,
        decision=services.InformationDecision(outcome="provided", provided="THE-SCHEDULES",
                                              confidential=True))
    client.force_login(council.councillor)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "THE-SCHEDULES" not in page and "I understand" in page
    response = client.post(reverse("registers:info_acknowledge", args=[request.reference]))
    assert response.status_code == 302
    page = client.get(request.get_absolute_url()).content.decode()
    assert "THE-SCHEDULES" in page and "I understand" not in page


def test_a_refusal_the_protocol_does_not_allow_is_shown_and_changes_nothing(client, council,
                                                                            ask_info):
    request = ask_info(councillor=council.group_leader, committee=council.standards)
    url = reverse("registers:info_action", args=[request.reference, "decide"])
    client.force_login(council.head_of_service)
    response = client.post(url, {"version": request.version, "outcome": "refused",
                                 "ground": "no_need_to_know", "reasons": "Curiosity."})
    assert response.status_code == 409
    assert "presumed" in response.content.decode()
    assert InformationRequest.objects.get().state == InfoState.SUBMITTED


def test_the_dispute_journey_through_the_pages(client, council, ask_info):
    request = refuse(ask_info(), council.head_of_service)
    dispute = reverse("registers:info_action", args=[request.reference, "dispute"])
    assert status(client, council.head_of_service, dispute,
                  {"version": request.version, "reasons": "x"}) == 403
    assert status(client, council.councillor, dispute,
                  {"version": request.version, "reasons": "I need it for casework."}) == 302
    resolve = reverse("registers:info_action", args=[request.reference, "resolve"])
    assert status(client, council.councillor, resolve,
                  {"version": request.version + 1, "release": "release", "reasons": "x"}) == 403
    assert status(client, council.monitoring_officer, resolve,
                  {"version": request.version + 1, "release": "uphold",
                   "reasons": "Exempt."}) == 302
    assert InformationRequest.objects.get().state == InfoState.REFUSAL_UPHELD


def test_relationships_are_seen_by_the_parties_and_the_mo(client, council):
    client.force_login(council.councillor)
    response = client.post(reverse("registers:relationship_new"),
                           sent_once({"other": council.officer.pk, "nature": "family"}))
    assert response.status_code == 302
    url = response["Location"]
    seen = {role for role, code in statuses(client, council, url).items() if code == 200}
    assert seen == {"councillor", "officer", "monitoring_officer"}
    assert status(client, council.chief_executive, url, {"reason": "x"}) == 404
    assert status(client, council.officer, url, {"reason": "We separated."}) == 302
    assert status(client, council.officer, url, {"reason": "Again."}) == 404  # nothing to end


def test_ward_notices_through_the_pages(client, council):
    assert status(client, council.councillor, reverse("registers:notice_new")) == 404
    client.force_login(council.officer)
    response = client.post(reverse("registers:notice_new"), sent_once({
        "kind": "public_meeting", "title": "Public meeting on the bus depot",
        "details": "At the library.", "wards": [council.north.pk],
        "starts_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "sensitive": "on"}))
    assert response.status_code == 302
    notice = WardNotice.objects.get()
    seen = {role for role, code in statuses(client, council, notice.get_absolute_url()).items()
            if code == 200}
    assert seen == {"councillor", "group_leader", "officer", "chief_executive",
                    "monitoring_officer"}


def test_lists_take_a_constant_number_of_queries(client, council, ask_info):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("registers:info_list")).status_code == 200
        return len(queries)

    ask_info()
    client.force_login(council.monitoring_officer)
    few = count()
    for _ in range(5):
        ask_info()
    assert count() == few


def test_the_equal_treatment_period_counts_only_requests_in_it(client, council, ask_group):
    ask_group()
    client.force_login(council.monitoring_officer)
    url = reverse("registers:equal_treatment")
    today = timezone.localdate()
    rows = client.get(url).context["rows"]
    assert {g.name: f.requests for g, f in rows} == {"Blue Group": 1, "Red Group": 0}
    earlier = {"start": (today - timedelta(days=30)).isoformat(),
               "end": (today - timedelta(days=1)).isoformat()}
    rows = client.get(url, earlier).context["rows"]
    assert {g.name: f.requests for g, f in rows} == {"Blue Group": 0, "Red Group": 0}
    backwards = {"start": today.isoformat(), "end": (today - timedelta(days=1)).isoformat()}
    response = client.get(url, backwards)
    assert "The start of the period must be before its end." in response.content.decode()
    assert {g.name: f.requests for g, f in response.context["rows"]}["Blue Group"] == 1


def test_the_front_page_counts_a_request_with_the_monitoring_officer_as_open(
        client, council, ask_info):
    """Referred to the Monitoring Officer (004: a declared interest) it is still open
    (InformationRequest.is_open); withheld on her advice, it is not."""
    referred = ask_info(personal_interest=True)
    withheld = services.information_request_decide_referral(
        request=ask_info(personal_interest=True), actor=council.monitoring_officer,
        clear=False, reasons="Your interest is prejudicial.")
    assert (referred.state, withheld.state) == (InfoState.REFERRED, InfoState.WITHHELD)
    client.force_login(council.councillor)
    assert client.get(reverse("registers:index")).context["information_open"] == 1
