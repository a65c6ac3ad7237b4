"""Every register's form, new entries and actions alike, posted with generated input through
its view: never a server error, and a refused post saves nothing and says why."""
from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from registers import forms, services
from registers.selectors import register_rules
from registers.views.groups import ACTIONS as GROUP_ACTIONS
from registers.views.groups import _my_groups
from registers.views.information import ACTIONS as INFO_ACTIONS
from tests.integrity.conftest import rolled_back, small
from tests.integrity.generate import NUMBERS, form_data, post_checked
from tests.registers.conftest import refuse

pytestmark = pytest.mark.django_db

# page: (who posts, the form as their page builds it)
NEW = {
    "registers:group_new": ("group_leader", lambda who: forms.GroupRequestForm(
        groups=_my_groups(who))),
    "registers:info_new": ("councillor", lambda who: forms.InformationRequestForm()),
    "registers:relationship_new": ("councillor", lambda who: forms.RelationshipForm(
        councillor=True)),
    "registers:notice_new": ("officer", lambda who: forms.NoticeForm()),
}


@pytest.mark.parametrize("page", sorted(NEW))
@given(data=st.data())
@small(examples=30)
def test_a_new_register_entry(client, council, page, data):
    register_rules()  # the profile's rules, made on first read: not the post's doing
    who, form = NEW[page]
    person = getattr(council, who)
    with rolled_back():
        client.force_login(person)
        post_checked(client, reverse(page), data.draw(form_data(form(person))))


def versions(record) -> st.SearchStrategy:
    current = record.version
    return st.one_of(st.sampled_from([str(current)] * 3 + [str(current - 1), "", "x", "-1"]),
                     NUMBERS)


# action: (the request's step, who acts): someone who may take it, where they may.
GROUP_CASES = {"decide": ("asked", "chief_executive"), "resources": ("asked", "chief_executive"),
               "deliver": ("agreed", "officer"), "withdraw": ("asked", "group_leader")}
INFO_CASES = {"decide": ("asked", "officer"), "dispute": ("refused", "councillor"),
              "resolve": ("disputed", "monitoring_officer"), "withdraw": ("asked", "councillor"),
              "referral": ("referred", "monitoring_officer")}


@pytest.mark.parametrize("name", sorted(GROUP_ACTIONS))
@given(data=st.data())
@small(examples=15)
def test_acting_on_a_groups_request(client, council, ask_group, agreed, name, data):
    assert set(GROUP_CASES) == set(GROUP_ACTIONS), "an action with no fuzz test"
    step, who = GROUP_CASES[name]
    with rolled_back():
        request = (agreed() if step == "agreed" else ask_group(considerable_resources=True))
        form = GROUP_ACTIONS[name][0]()
        client.force_login(getattr(council, who))
        post_checked(client, reverse("registers:group_action", args=[request.reference, name]),
                     data.draw(form_data(form, version=versions(request))))


def _info_at(council, ask_info, step: str):
    # A declared personal interest refers the request to the Monitoring Officer (004).
    request = ask_info(personal_interest=step == "referred")
    if step in ("refused", "disputed"):
        request = refuse(request, request.officer)
    if step == "disputed":
        request = services.information_request_dispute(
            request=request, actor=council.councillor, reasons="I need it for casework.")
    return request


@pytest.mark.parametrize("name", sorted(INFO_ACTIONS))
@given(data=st.data())
@small(examples=15)
def test_acting_on_a_need_to_know_request(client, council, ask_info, name, data):
    assert set(INFO_CASES) == set(INFO_ACTIONS), "an action with no fuzz test"
    step, who = INFO_CASES[name]
    with rolled_back():
        request = _info_at(council, ask_info, step)
        actor = request.officer if who == "officer" else getattr(council, who)
        client.force_login(actor)
        post_checked(client, reverse("registers:info_action", args=[request.reference, name]),
                     data.draw(form_data(INFO_ACTIONS[name][0](), version=versions(request))))


@given(data=st.data())
@small(examples=15)
def test_ending_a_relationship(client, council, data):
    with rolled_back():
        relationship = services.relationship_declare(actor=council.councillor,
                                                     other=council.officer, nature="family")
        client.force_login(council.officer)
        post_checked(client, reverse("registers:relationship_detail", args=[relationship.pk]),
                     data.draw(form_data(forms.EndForm())))
