"""Every enquiry form and filter, posted or queried with generated input through its view:
never a server error, and a refused post saves nothing and says why."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casework import forms
from casework.services import NewEnquiry, enquiry_log, enquiry_respond
from casework.views import ACTIONS
from tests.integrity.conftest import rolled_back, row_counts, small
from tests.integrity.generate import NUMBERS, UPLOADS, form_data, post_checked, query, read

pytestmark = pytest.mark.django_db

FILTERS = ["state", "service", "ward", "directorate", "due", "q", "order", "tab", "scope"]


@pytest.fixture
def enquiries(council) -> SimpleNamespace:
    """One enquiry with the Waste officer, one the officer has answered."""

    def log():
        return enquiry_log(councillor=council.councillor, entered=NewEnquiry(
            subject="Missed bins on Park Road", details="Three weeks running.",
            ward=council.north, service=council.waste, preferred_officer=council.officer,
            relationship_note="Already dealing with the Park Road round."))

    answered = log()
    enquiry_respond(enquiry=answered, actor=council.officer, body="Collected today.")
    return SimpleNamespace(new=log(), answered=answered)


def versions(enquiry) -> st.SearchStrategy:
    """Mostly the version the page showed; sometimes an old one, or junk."""
    current = enquiry.version
    return st.one_of(st.sampled_from([str(current)] * 3 + [str(current - 1), "", "x", "-1"]),
                     NUMBERS)


@given(data=st.data())
@small(examples=40)
def test_logging_an_enquiry(client, council, data):
    form = forms.EnquiryForm(councillor=council.councillor)
    with rolled_back():
        client.force_login(council.councillor)
        post_checked(client, reverse("casework:new"), data.draw(form_data(form)))


# action: (who, which enquiry): someone who may take the action, on one where they may.
WHO = {"hold": "officer", "respond": "officer", "message": "councillor",
       "reassign": "director", "withdraw": "councillor", "reopen": "councillor",
       "accept": "officer", "confirm": "councillor"}
ON_ANSWERED = {"reopen", "confirm"}


@pytest.mark.parametrize("name", sorted(ACTIONS))
@given(data=st.data())
@small(examples=25)
def test_acting_on_an_enquiry(client, council, enquiries, name, data):
    assert set(WHO) == set(ACTIONS), "an action with no fuzz test"
    enquiry = enquiries.answered if name in ON_ANSWERED else enquiries.new
    form = ACTIONS[name][0]()
    with rolled_back():
        client.force_login(getattr(council, WHO[name]))
        post_checked(client, reverse("casework:action", args=[enquiry.reference, name]),
                     data.draw(form_data(form, version=versions(enquiry))))


@given(files=UPLOADS)
@small(examples=40)
def test_attaching_files(client, council, enquiries, files):
    url = reverse("casework:upload", args=[enquiries.new.reference])
    with rolled_back():
        client.force_login(council.councillor)
        before = row_counts()
        response = client.post(url, {"attachments": files}, follow=True)
        assert response.status_code == 200
        page = read(response)
        if "Attachment added" not in page:
            assert row_counts() == before, "refused files left rows behind"
            assert "govuk-error-summary" in page or "govuk-notification-banner" in page


@pytest.mark.parametrize(("page", "who"), [("casework:mine", "councillor"),
                                           ("casework:queue", "director"),
                                           ("casework:queue_csv", "director")])
@given(params=query(FILTERS))
@small(examples=50)
def test_filtering_lists(client, council, enquiries, page, who, params):
    client.force_login(getattr(council, who))
    before = row_counts()
    response = client.get(reverse(page), params)
    nul = any("\x00" in key + value for key, value in params.items())
    assert response.status_code == (400 if nul else 200)
    read(response)
    assert row_counts() == before


@given(data=st.data())
@small(examples=25)
def test_putting_an_enquiry_on_legal_hold(client, council, enquiries, data):
    from protocol.machinery.retention.views import LegalHoldForm

    enquiry = enquiries.new
    with rolled_back():
        client.force_login(council.monitoring_officer)
        post_checked(client, reverse("casework:legal_hold", args=[enquiry.reference]),
                     data.draw(form_data(LegalHoldForm(releasing=False),
                                         version=versions(enquiry))))
