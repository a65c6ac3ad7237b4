"""The legal hold on the registers' requests (protocol.machinery.legal_hold, as for
enquiries and complaints): only the Monitoring Officer sets or releases it, with a reason,
in the request's history; the retention run leaves a held request alone."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from protocol.machinery.history import verify
from protocol.machinery.retention.periods import years_before
from protocol.machinery.retention.service import retention_run
from registers import services
from registers.errors import NotAllowed, RegisterError
from registers.models import (
    GroupRequest,
    GroupRequestEvent,
    InformationRequest,
    InformationRequestEvent,
)

pytestmark = pytest.mark.django_db
WHAT = "Ruth Ashdown's complaint file"


def years_on(years: int):
    return years_before(timezone.localdate(), -years) + timedelta(days=1)


@pytest.fixture
def withdrawn(council, ask_info, ask_group):
    """A need-to-know and a group's request, both withdrawn (finished, so retention may
    anonymise them once the period has passed)."""
    info = services.information_request_withdraw(request=ask_info(what=WHAT),
                                                 actor=council.councillor)
    group = services.group_request_withdraw(request=ask_group(subject="Parking options"),
                                            actor=council.group_leader)
    return info, group


def hold(council, info, group, *, on: bool = True):
    info = services.information_request_legal_hold(
        request=info, actor=council.monitoring_officer, hold=on, reason="Tribunal claim.")
    group = services.group_request_legal_hold(
        request=group, actor=council.monitoring_officer, hold=on, reason="Tribunal claim.")
    return info, group


def test_a_held_register_request_is_not_anonymised_until_released(council, withdrawn):
    info, group = hold(council, *withdrawn)
    run = retention_run(today=years_on(50))
    assert (run.anonymised["information_request"], run.held["information_request"]) == (0, 1)
    assert (run.anonymised["group_request"], run.held["group_request"]) == (0, 1)
    assert InformationRequest.objects.get(pk=info.pk).what == WHAT
    assert GroupRequest.objects.get(pk=group.pk).subject == "Parking options"

    hold(council, info, group, on=False)
    run = retention_run(today=years_on(50))
    assert (run.anonymised["information_request"], run.anonymised["group_request"]) == (1, 1)


def test_the_history_records_the_hold_and_its_release(council, withdrawn):
    info, group = hold(council, *withdrawn)
    fresh = InformationRequest.objects.get(pk=info.pk)
    assert (fresh.legal_hold, fresh.legal_hold_by, fresh.legal_hold_reason) == (
        True, council.monitoring_officer, "Tribunal claim.")
    for events, on in ((InformationRequestEvent.objects.filter(request=info), "request"),
                       (GroupRequestEvent.objects.filter(request=group), "request")):
        latest = events.latest("pk")
        assert (latest.action, latest.actor, latest.summary) == (
            "Legal hold set", council.monitoring_officer, "Tribunal claim."), on
    hold(council, info, group, on=False)
    latest = InformationRequestEvent.objects.filter(request=info).latest("pk")
    assert latest.action == "Legal hold released"
    assert InformationRequest.objects.get(pk=info.pk).legal_hold_by is None
    assert verify(InformationRequestEvent).breaks == []
    assert verify(GroupRequestEvent).breaks == []


@pytest.mark.parametrize("who", ["councillor", "head_of_service", "chief_executive",
                                 "group_leader"])
def test_only_the_monitoring_officer_may_hold_a_register_request(council, withdrawn, who):
    info, group = withdrawn
    with pytest.raises(NotAllowed, match="Only the Monitoring Officer"):
        services.information_request_legal_hold(request=info, actor=getattr(council, who),
                                                hold=True, reason="x")
    with pytest.raises(NotAllowed, match="Only the Monitoring Officer"):
        services.group_request_legal_hold(request=group, actor=getattr(council, who),
                                          hold=True, reason="x")
    assert not InformationRequest.objects.get(pk=info.pk).legal_hold
    with pytest.raises(RegisterError, match="Enter the reason"):
        services.information_request_legal_hold(
            request=info, actor=council.monitoring_officer, hold=True, reason=" ")


def test_the_hold_pages_are_the_monitoring_officers_alone(council, client, withdrawn):
    info, group = withdrawn
    pages = [(reverse("registers:info_legal_hold", args=[info.reference]), info),
             (reverse("registers:group_legal_hold", args=[group.reference]), group)]
    for url, _ in pages:
        # The councillor and group leader who asked, the officer, the Head of Paid Service.
        for person in (council.councillor, council.group_leader, council.head_of_service,
                       council.chief_executive):
            client.force_login(person)
            assert client.get(url).status_code == 404
            assert client.post(url, {"version": 1, "reason": "x"}).status_code == 404
    client.force_login(council.monitoring_officer)
    for url, item in pages:
        detail = client.get(item.get_absolute_url()).content.decode()
        assert url in detail and "Put on legal hold" in detail
        assert client.post(url, {"version": item.version, "reason": ""}).status_code == 400
        version = type(item).objects.get(pk=item.pk).version
        assert client.post(url, {"version": version, "reason": "Claim."}).status_code == 302
        assert type(item).objects.get(pk=item.pk).legal_hold
        assert "Release the legal hold" in client.get(url).content.decode()
        assert "Legal hold" in client.get(item.get_absolute_url()).content.decode()
