"""Every complaint form and filter, posted or queried with generated input through its view:
never a server error, and a refused post saves nothing and says why."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from casework.services import NewEnquiry, enquiry_log
from complaints import forms
from complaints.services import NewComplaint, complaint_give_outcome, complaint_raise
from complaints.views import ACTIONS
from protocol.council.selectors import active_profile, roles_of
from protocol.models import ComplaintKind
from tests.integrity.conftest import rolled_back, row_counts, small
from tests.integrity.generate import NUMBERS, form_data, post_checked, query, read

pytestmark = pytest.mark.django_db

FILTERS = ["kind", "state", "stage", "overdue", "age", "received_month", "closed_month",
           "outcome", "closed_since", "q"]


@pytest.fixture
def cases(council) -> SimpleNamespace:
    """A case in informal resolution, one with its handler, a Code of Conduct complaint
    with the Monitoring Officer, and one whose first-stage outcome is given."""

    def raise_case(kind, by, about, informal=False):
        return complaint_raise(complainant=by, entered=NewComplaint(
            kind=kind, summary="Rude at the meeting", details="Shouted across the room.",
            subject_person=about, try_informal=informal,
            conduct_date=timezone.localdate() - timedelta(days=10)
            if kind == ComplaintKind.CODE_OF_CONDUCT else None))

    officer_conduct = ComplaintKind.OFFICER_CONDUCT
    found = SimpleNamespace(
        informal=raise_case(officer_conduct, council.councillor, council.officer, True),
        with_handler=raise_case(officer_conduct, council.councillor, council.officer),
        conduct=raise_case(ComplaintKind.CODE_OF_CONDUCT, council.officer, council.councillor),
        outcome=raise_case(officer_conduct, council.councillor, council.officer))
    complaint_give_outcome(complaint=found.outcome, actor=found.outcome.handler,
                           outcome="not_upheld", reasons="No witness supports it.")
    found.outcome.refresh_from_db()
    assert (found.informal.state, found.conduct.handler, found.outcome.state) == (
        "informal", council.monitoring_officer, "outcome")
    return found


def versions(complaint) -> st.SearchStrategy:
    current = complaint.version
    return st.one_of(st.sampled_from([str(current)] * 3 + [str(current - 1), "", "x", "-1"]),
                     NUMBERS)


# action: (which case, who acts): someone who may take it, on a case where they may.
CASES = {"resolve_informally": ("informal", "complainant"), "go_formal": ("informal", "handler"),
         "outcome": ("with_handler", "handler"), "refer_on": ("with_handler", "handler"),
         "withdraw": ("with_handler", "complainant"), "consult": ("conduct", "handler"),
         "request_response": ("conduct", "handler"), "accept": ("outcome", "complainant"),
         "escalate": ("outcome", "complainant"), "decide_next": ("conduct", "handler"),
         "ask_monitoring_officer": ("conduct", "complainant")}


@pytest.mark.parametrize("name", sorted(ACTIONS))
@given(data=st.data())
@small(examples=25)
def test_acting_on_a_case(client, council, cases, name, data):
    assert set(CASES) == set(ACTIONS), "an action with no fuzz test"
    which, who = CASES[name]
    complaint = getattr(cases, which)
    form = ACTIONS[name][0]()
    with rolled_back():
        client.force_login(getattr(complaint, who))
        post_checked(client, reverse("complaints:action", args=[complaint.reference, name]),
                     data.draw(form_data(form, version=versions(complaint))))


def raise_form(person) -> forms.RaiseForm:
    offered = set(active_profile().stages.values_list("kind", flat=True))
    return forms.RaiseForm(roles=roles_of(person), offered=offered)


@pytest.mark.parametrize("who", ["councillor", "officer"])
@given(data=st.data())
@small(examples=30)
def test_raising_a_case(client, council, who, data):
    person = getattr(council, who)
    with rolled_back():
        client.force_login(person)
        post_checked(client, reverse("complaints:new"), data.draw(form_data(raise_form(person))))


@given(data=st.data())
@small(examples=25)
def test_raising_a_case_from_an_enquiry(client, council, data):
    enquiry = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins", details="Three weeks running.", ward=council.north,
        service=council.waste))
    with rolled_back():
        client.force_login(council.councillor)
        post_checked(client, reverse("complaints:from_enquiry", args=[enquiry.reference]),
                     data.draw(form_data(raise_form(council.councillor))))


@pytest.mark.parametrize(("page", "who"), [("complaints:list", "monitoring_officer"),
                                           ("complaints:list", "councillor"),
                                           ("complaints:list_csv", "monitoring_officer")])
@given(params=query(FILTERS))
@small(examples=50)
def test_filtering_the_case_list(client, council, cases, page, who, params):
    client.force_login(getattr(council, who))
    before = row_counts()
    response = client.get(reverse(page), params)
    nul = any("\x00" in key + value for key, value in params.items())
    assert response.status_code == (400 if nul else 200)
    read(response)
    assert row_counts() == before
