"""Need-to-know requests (002 'Access to information', 003 §31.12 and §31.16, 004 "Members'
Access"): asked with the reason, decided by the officer on the protocol's grounds,
disputed to the Monitoring Officer, provided for a purpose the councillor acknowledges."""
from datetime import timedelta

import pytest

from protocol.models import Notification, PostKind, ProtocolProfile
from registers import selectors, services
from registers.errors import NotAllowed, RegisterError
from registers.models import InfoReminderKind, InformationRequest, InfoState
from tests.factories import PostFactory, UserFactory
from tests.registers.conftest import refuse

pytestmark = pytest.mark.django_db


def decide(request, actor, **fields):
    return services.information_request_decide(
        request=request, actor=actor, decision=services.InformationDecision(**fields))


def test_it_goes_to_the_head_of_service_with_a_deadline(council, ask_info):
    request = ask_info()
    assert request.reference.startswith("INF-")
    assert request.officer == council.head_of_service  # first in line for Waste
    assert request.due_on > request.received_on
    assert selectors.information_request_for(council.head_of_service,
                                             request.reference) == request
    kinds = set(request.reminders.values_list("kind", flat=True))
    assert kinds == {InfoReminderKind.APPROACHING, InfoReminderKind.EXPIRED}
    assert Notification.objects.filter(recipient=council.head_of_service).count() == 1


def test_not_sure_of_the_service_goes_to_the_chief_executive(council, ask_info):
    assert ask_info(service=None).officer == council.chief_executive


def test_a_parish_sends_it_to_the_clerk(council, ask_info):
    ProtocolProfile.objects.update(is_active=False)
    ProtocolProfile.objects.filter(slug="parish-model").update(is_active=True)
    clerk = UserFactory(username="clerk")
    PostFactory(holder=clerk, kind=PostKind.PROPER_OFFICER)
    assert ask_info().officer == clerk  # 002: the Proper Officer is the point of contact


def test_a_declared_relationship_sends_it_to_the_next_in_line(council, ask_info):
    services.relationship_declare(actor=council.councillor, other=council.head_of_service,
                                  nature="family")
    request = ask_info()
    assert request.officer == council.director  # 001 §10: the Head of Service is conflicted
    assert "passed over: a declared relationship" in request.events.get().summary


def test_only_councillors_ask(council, ask_info):
    with pytest.raises(NotAllowed):
        ask_info(councillor=council.officer)


def test_personal_data_must_be_justified_and_nothing_is_saved(council, ask_info):
    with pytest.raises(RegisterError, match="personal"):
        ask_info(personal_data=True, justification="")
    assert not InformationRequest.objects.exists()


def test_committee_membership_presumes_need_to_know(council, ask_info):
    request = ask_info(councillor=council.group_leader, committee=council.standards)
    assert request.need_presumed
    with pytest.raises(RegisterError, match="presumed"):
        refuse(request, council.head_of_service, ground="no_need_to_know")
    assert not ask_info(committee=council.standards).need_presumed  # not a member


def test_the_officer_provides_it_for_a_purpose_the_councillor_acknowledges(council, ask_info):
    request = ask_info()
    with pytest.raises(NotAllowed):
        decide(request, council.other_director, outcome="provided", provided="Schedules")
    with pytest.raises(RegisterError, match="what was provided"):
        decide(request, council.head_of_service, outcome="provided", provided=" ")
    request = decide(request, council.head_of_service,
                     outcome="provided", provided="Round schedules, 2026", confidential=True)
    assert request.state == InfoState.PROVIDED
    assert request.purpose.startswith("Only for the proper performance")
    assert request.answered_in_time is True
    assert not request.reminders.filter(cancelled_at__isnull=True, fired_at__isnull=True)
    with pytest.raises(NotAllowed):
        services.information_request_acknowledge(request=request, actor=council.officer)
    services.information_request_acknowledge(request=request, actor=council.councillor)
    request.refresh_from_db()
    assert request.acknowledged_at is not None
    assert "Kept confidential (003 §31.16)" in request.events.last().summary
    with pytest.raises(RegisterError, match="already"):
        services.information_request_acknowledge(request=request, actor=council.councillor)


def test_a_refusal_is_disputed_and_the_monitoring_officer_decides(council, ask_info):
    request = refuse(ask_info(), council.head_of_service)
    with pytest.raises(NotAllowed):
        services.information_request_dispute(request=request, actor=council.officer,
                                             reasons="No")
    request = services.information_request_dispute(
        request=request, actor=council.councillor, reasons="It is not commercial.")
    assert request.state == InfoState.DISPUTED
    assert Notification.objects.filter(recipient=council.monitoring_officer).exists()
    with pytest.raises(NotAllowed):
        services.information_request_resolve(request=request, actor=council.chief_executive,
                                             release=True, reasons="Fine")
    with pytest.raises(RegisterError, match="reasons"):
        services.information_request_resolve(request=request,
                                             actor=council.monitoring_officer,
                                             release=True, reasons=" ")
    request = services.information_request_resolve(
        request=request, actor=council.monitoring_officer, release=True,
        reasons="The councillor needs it for ward casework.")
    assert request.state == InfoState.RELEASE_DIRECTED
    with pytest.raises(RegisterError, match="provide it"):
        refuse(request, council.head_of_service)  # the officer may not refuse again
    request = decide(request, council.head_of_service, outcome="provided",
                     provided="The schedules")
    assert request.state == InfoState.PROVIDED


def test_the_monitoring_officer_upholds_a_refusal(council, ask_info):
    request = refuse(ask_info(), council.head_of_service)
    services.information_request_dispute(request=request, actor=council.councillor,
                                         reasons="I need it.")
    request = services.information_request_resolve(
        request=request, actor=council.monitoring_officer, release=False,
        reasons="Exempt under the Access to Information rules.")
    assert request.state == InfoState.REFUSAL_UPHELD
    with pytest.raises(RegisterError):
        services.information_request_dispute(request=request, actor=council.councillor,
                                             reasons="Again")


def test_partly_provided_needs_a_ground_and_can_be_disputed(council, ask_info):
    request = ask_info(third_party=True)
    with pytest.raises(RegisterError, match="ground"):
        decide(request, council.head_of_service, outcome="partly", provided="Part")
    # For a third party, what is given is confirmed public, lawful and not personal (004).
    request = decide(request, council.head_of_service, outcome="partly", provided="The public "
                     "parts", ground="third_party_not_public", reasons="The rest is private.",
                     in_public_domain=True, lawful_to_share=True, not_personal=True)
    assert request.state == InfoState.PARTLY_PROVIDED
    services.information_request_dispute(request=request, actor=council.councillor,
                                         reasons="All of it is public.")


def test_effort_is_refused_only_on_the_chief_officers_guidance(council, ask_info):
    request = ask_info()
    with pytest.raises(RegisterError, match="Chief Officer"):
        refuse(request, council.head_of_service, ground="disproportionate_effort")
    request = decide(request, council.head_of_service, outcome="refused",
                     ground="disproportionate_effort", reasons="Weeks of work.",
                     chief_officer_consulted=True)
    assert request.state == InfoState.REFUSED


def test_reminders_fire_once_each_and_stop_at_the_decision(
        council, ask_info, django_capture_on_commit_callbacks, mailoutbox):
    request = ask_info()
    approaching = request.reminders.get(kind=InfoReminderKind.APPROACHING)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep(today=approaching.fire_on) == 1
        assert services.sweep(today=approaching.fire_on) == 0
    assert [m.to for m in mailoutbox] == [[council.head_of_service.email]]
    after = request.due_on + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep(today=after) == 1
        assert services.sweep(today=after) == 0
    # 003 §31.15 as for enquiries: the relevant Director informed, the councillor told.
    expired = {m.to[0]: m.subject for m in mailoutbox[1:]}
    assert expired == {
        council.director.email: f"{request.reference}: deadline passed with no decision",
        council.councillor.email: f"{request.reference}: your request is overdue"}


def test_a_request_with_the_director_goes_one_step_up_at_expiry(
        council, ask_info, django_capture_on_commit_callbacks, mailoutbox):
    # 003 §31.15: Housing has no Head of Service, so the Director of People holds it; the
    # expiry goes above them (Westminster: the Chief Executive), not back to them.
    request = ask_info(service=council.housing)
    assert request.officer == council.other_director
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(today=request.due_on + timedelta(days=1))
    passed = [m.to[0] for m in mailoutbox if m.subject.endswith("deadline passed with no "
                                                                "decision")]
    assert passed == [council.chief_executive.email]


@pytest.mark.parametrize(("informs", "post"), [
    ("director", "director"), ("head_of_service", "head_of_service"),
    ("chief_executive", "chief_executive"), ("nobody", None)])
def test_the_expiry_goes_to_whoever_the_profile_names(
        council, ask_info, django_capture_on_commit_callbacks, mailoutbox, informs, post):
    # 003 §31.15 through the one rule the enquiries' sweep follows too
    # (protocol.council.rules.expiry.expiry_recipient).
    ProtocolProfile.objects.filter(is_active=True).update(expiry_informs=informs)
    request = ask_info()
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(today=request.due_on + timedelta(days=1))
    passed = [m.to[0] for m in mailoutbox if m.subject.endswith("deadline passed with no "
                                                                "decision")]
    assert passed == ([getattr(council, post).email] if post else [])


def test_a_decision_before_the_deadline_leaves_nothing_to_send(council, ask_info):
    request = refuse(ask_info(), council.head_of_service)
    assert services.sweep(today=request.due_on + timedelta(days=1)) == 0


def test_an_undecided_dispute_reminds_the_monitoring_officer_once(council, ask_info):
    request = refuse(ask_info(), council.head_of_service)
    request = services.information_request_dispute(request=request, actor=council.councillor,
                                                   reasons="I need it.")
    after = request.dispute_due_on + timedelta(days=1)
    assert services.sweep(today=after) == 1
    assert services.sweep(today=after) == 0
    assert Notification.objects.filter(recipient=council.monitoring_officer,
                                       subject__endswith="awaits your decision").count() == 1


def test_the_councillor_withdraws_only_before_a_decision(council, ask_info):
    request = ask_info()
    with pytest.raises(NotAllowed):
        services.information_request_withdraw(request=request, actor=council.head_of_service)
    request = services.information_request_withdraw(request=request, actor=council.councillor)
    assert request.state == InfoState.WITHDRAWN
    assert not request.reminders.filter(cancelled_at__isnull=True).exists()


def test_a_stale_form_changes_nothing(council, ask_info):
    request = ask_info()
    with pytest.raises(RegisterError, match="changed while you were looking"):
        services.information_request_withdraw(request=request, actor=council.councillor,
                                              version=request.version + 1)
    assert InformationRequest.objects.get().state == InfoState.SUBMITTED
