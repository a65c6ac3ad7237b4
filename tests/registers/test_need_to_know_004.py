"""Need-to-know requests under 004 "Members' Access to Documents and Information": what a
councillor asks for on behalf of a third party is given only once the officer records that
it is public, lawful to give and does not compromise personal confidentiality; a councillor
with a personal or other interest is referred to the Monitoring Officer first."""
import pytest
from django.utils import timezone

from protocol.models import Notification
from registers import services
from registers.errors import NotAllowed, RegisterError
from registers.models import InfoReminderKind, InfoState

pytestmark = pytest.mark.django_db
CLEARED = {"in_public_domain": True, "lawful_to_share": True, "not_personal": True}


def decide(request, actor, **fields):
    return services.information_request_decide(
        request=request, actor=actor, decision=services.InformationDecision(**fields))


def provide(request, actor, **fields):
    return decide(request, actor, outcome="provided", provided="The schedules.", **fields)


# 004: "Where information is requested on behalf of a third party, it will only be provided
# if: it is in the public domain, and it is not barred by legislation from being given, and
# it does not compromise personal confidentiality."

@pytest.mark.parametrize("missing", sorted(CLEARED))
def test_for_a_third_party_it_is_not_provided_until_all_three_are_confirmed(
        council, ask_info, missing):
    request = ask_info(third_party=True)
    with pytest.raises(RegisterError, match="someone else"):
        provide(request, council.head_of_service, **{**CLEARED, missing: False})
    request.refresh_from_db()
    assert request.state == InfoState.SUBMITTED and request.third_party_cleared_at is None


def test_the_officers_three_confirmations_are_recorded_with_who_and_when(council, ask_info):
    request = provide(ask_info(third_party=True), council.head_of_service, **CLEARED)
    assert request.state == InfoState.PROVIDED
    assert request.third_party_cleared_by == council.head_of_service
    assert request.third_party_cleared_at is not None
    assert "public, lawful to share and not personal" in request.events.last().summary


def test_what_is_given_in_part_for_a_third_party_needs_them_too(council, ask_info):
    request = ask_info(third_party=True)
    with pytest.raises(RegisterError, match="someone else"):
        decide(request, council.head_of_service, outcome="partly", provided="Part",
               ground="third_party_not_public", reasons="The rest is private.")


def test_a_refusal_needs_no_confirmation_and_a_request_for_oneself_none(council, ask_info):
    refused = decide(ask_info(third_party=True), council.head_of_service, outcome="refused",
                     ground="third_party_not_public", reasons="Not public.")
    assert refused.state == InfoState.REFUSED
    assert provide(ask_info(), council.head_of_service).state == InfoState.PROVIDED


# 004: "A councillor should obtain advice from the Monitoring Officer ... where the subject
# matter is one in which they have a personal or 'other' interest as defined in the
# Members' Code of Conduct."

def test_a_declared_personal_interest_refers_it_to_the_monitoring_officer_first(
        council, ask_info):
    request = ask_info(personal_interest=True)
    assert request.state == InfoState.REFERRED
    assert not request.reminders.filter(cancelled_at__isnull=True,
                                        kind=InfoReminderKind.EXPIRED).exists()
    told = set(Notification.objects.filter(key__contains=":").values_list("recipient__username",
                                                                          flat=True))
    assert {"monitoring_officer", "councillor"} <= told
    with pytest.raises(RegisterError):
        provide(request, council.head_of_service)
    with pytest.raises(NotAllowed):
        services.information_request_decide_referral(
            request=request, actor=council.head_of_service, clear=True, reasons="Fine.")


def test_once_the_monitoring_officer_clears_it_the_officer_decides_in_a_new_time(
        council, ask_info):
    request = ask_info(personal_interest=True)
    request = services.information_request_decide_referral(
        request=request, actor=council.monitoring_officer, clear=True,
        reasons="The interest does not prevent access.")
    assert request.state == InfoState.SUBMITTED
    assert request.due_on >= timezone.localdate()
    assert set(request.reminders.filter(cancelled_at__isnull=True)
               .values_list("kind", "deadline")) == {
        (InfoReminderKind.APPROACHING, request.due_on), (InfoReminderKind.EXPIRED,
                                                         request.due_on)}
    assert provide(request, council.head_of_service).state == InfoState.PROVIDED


def test_the_monitoring_officer_may_withhold_it(council, ask_info):
    request = services.information_request_decide_referral(
        request=ask_info(personal_interest=True), actor=council.monitoring_officer,
        clear=False, reasons="Your interest is prejudicial.")
    assert request.state == InfoState.WITHHELD
    assert request.mo_reasons == "Your interest is prejudicial."
    with pytest.raises(RegisterError):
        provide(request, council.head_of_service)


def test_a_referral_decision_needs_reasons(council, ask_info):
    with pytest.raises(RegisterError, match="reasons"):
        services.information_request_decide_referral(
            request=ask_info(personal_interest=True), actor=council.monitoring_officer,
            clear=True, reasons=" ")


def test_through_the_pages_the_interest_is_declared_and_the_officer_confirms_all_three(
        client, council, ask_info):
    from django.urls import reverse

    from tests.factories import sent_once

    client.force_login(council.councillor)
    response = client.post(reverse("registers:info_new"), sent_once({
        "what": "The valuation", "why": "The land may be sold.", "personal_interest": "on"}))
    assert response.status_code == 302
    referred = council.councillor.information_requests.get(what="The valuation")
    assert referred.state == InfoState.REFERRED
    page = client.get(referred.get_absolute_url()).content.decode()
    assert "the Monitoring Officer advises before the officer decides" in page
    client.force_login(council.monitoring_officer)
    url = reverse("registers:info_action", args=[referred.reference, "referral"])
    assert client.post(url, {"version": referred.version, "clear": "clear",
                             "reasons": "No bar."}).status_code == 302

    request = ask_info(third_party=True)
    client.force_login(council.head_of_service)
    url = reverse("registers:info_action", args=[request.reference, "decide"])
    data = {"version": request.version, "outcome": "provided", "provided": "The schedules."}
    response = client.post(url, data)
    assert response.status_code == 409  # refused: nothing provided
    assert "in the public domain" in response.content.decode()
    response = client.post(url, {**data, "in_public_domain": "on", "lawful_to_share": "on",
                                 "not_personal": "on"})
    assert response.status_code == 302
    page = client.get(request.get_absolute_url()).content.decode()
    assert f"{council.head_of_service} confirmed on" in page
