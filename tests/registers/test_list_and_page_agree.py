"""One source of truth for who sees a register's record (docs/decisions/0013): the request's
page (selectors.group_request_for, information_request_for: the rules over its facts) and
the lists (group_requests_visible, information_requests_visible) give the same answer for
every kind of reader. The officer a request is with sees it from its facts; nothing is
granted."""
from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import timezone

from registers import selectors, services
from registers.models import GroupRequest, InformationRequest
from tests.registers.conftest import refuse

pytestmark = pytest.mark.django_db
READERS = ["councillor", "other_councillor", "leader", "group_leader", "officer",
           "head_of_service", "director", "other_director", "chief_executive",
           "monitoring_officer", "hr"]


def sees(find, person, reference: str) -> bool:
    try:
        find(person, reference)
    except Http404:
        return False
    return True


@pytest.fixture
def records(council, ask_group, agreed, ask_info):
    delivered = agreed(subject="Delivered")
    services.group_request_deliver(request=delivered, actor=council.officer,
                                   delivered_on=timezone.localdate(), subject="Budget options",
                                   factual_confirmed=True)
    ask_group(subject="Asked")
    agreed(subject="Agreed")
    ask_group(actor=council.leader, group=council.red, subject="Red's")
    refuse(ask_info(), council.head_of_service)
    ask_info(service=council.housing)
    ask_info(service=None)
    ask_info(councillor=council.other_councillor)


@pytest.mark.parametrize("name", READERS)
def test_the_group_requests_list_and_page_agree_for_every_reader(council, records, name):
    reader = getattr(council, name)
    listed = set(selectors.group_requests_visible(reader).values_list("reference", flat=True))
    opened = {r.reference for r in GroupRequest.objects.all()
              if sees(selectors.group_request_for, reader, r.reference)}
    assert listed == opened


@pytest.mark.parametrize("name", READERS)
def test_the_need_to_know_list_and_page_agree_for_every_reader(council, records, name):
    reader = getattr(council, name)
    listed = set(selectors.information_requests_visible(reader)
                 .values_list("reference", flat=True))
    opened = {r.reference for r in InformationRequest.objects.all()
              if sees(selectors.information_request_for, reader, r.reference)}
    assert listed == opened


def test_the_officer_it_is_with_sees_it_from_its_facts(council, records):
    with_officer = GroupRequest.objects.filter(officer=council.officer)
    assert with_officer.count() == 2
    for request in with_officer:
        assert selectors.group_request_for(council.officer, request.reference) == (request,
                                                                                   True)
    assert set(selectors.group_requests_visible(council.officer)) == set(with_officer)
