"""Input the fuzz tests found giving a server error, kept as plain tests: each is now a
clear refusal, or ignored where it is only a filter, and saves nothing."""
from __future__ import annotations

import pytest
from django.urls import reverse

from casework.models import Correspondence, Enquiry, EnquiryEvent
from casework.services import NewEnquiry, enquiry_log
from complaints.services import NewComplaint, complaint_raise
from protocol.models import ComplaintKind
from tests.integrity.conftest import row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(council) -> Enquiry:
    return enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins on Park Road", details="Three weeks running.",
        ward=council.north, service=council.waste, preferred_officer=council.officer,
        relationship_note="Already dealing with the Park Road round."))


@pytest.fixture
def case(council):
    return complaint_raise(complainant=council.councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Rude at the meeting",
        details="Shouted across the room.", subject_person=council.officer))


@pytest.mark.parametrize(("page", "who", "params"), [
    # "²".isdigit() is True, and int("²") raises.
    ("casework:queue", "director", {"service": "²"}),
    ("complaints:list", "monitoring_officer", {"stage": "²"}),
    # An id past SQLite's integers cannot even be compared.
    ("casework:queue", "director", {"ward": "99999999999999999999"}),
    # The calendar has no month after December 9999.
    ("complaints:list", "monitoring_officer", {"received_month": "9999-12"}),
    ("complaints:list", "monitoring_officer", {"closed_month": "9999-12"}),
])
def test_an_odd_filter_is_ignored(client, council, enquiry, case, page, who, params):
    client.force_login(getattr(council, who))
    plain = client.get(reverse(page), {"scope": "directorate"}).content.decode()
    response = client.get(reverse(page), {"scope": "directorate", **params})
    assert response.status_code == 200
    listed = [ref for ref in (enquiry.reference, case.reference) if ref in plain]
    assert listed, "the list shows nothing to compare"
    assert listed == [ref for ref in (enquiry.reference, case.reference)
                      if ref in response.content.decode()]


@pytest.mark.parametrize("address", [
    "/enquiries/%00/", "/enquiries/ENQ%00/respond/", "/cases/%00/", "/cases/%00/withdraw/",
    "/cases/from-enquiry/%00/", "/enquiries/queue/?q=bins%00", "/cases/?kind=%00",
    "/enquiries/?state=open&x%00=1",
])
def test_a_nul_in_the_address_is_a_bad_request(client, council, address):
    """PostgreSQL refuses NUL in text, so a lookup by one failed with a server error."""
    client.force_login(council.monitoring_officer)
    response = client.get(address)
    assert response.status_code == 400
    assert "cannot accept. Nothing has been changed." in response.content.decode()


def test_a_holding_reply_dated_the_calendars_last_day_is_refused(client, council, enquiry):
    """Its reminder would fire the day after, which does not exist (003 §31.15)."""
    client.force_login(council.officer)
    before = row_counts()
    response = client.post(reverse("casework:action", args=[enquiry.reference, "hold"]), {
        "version": enquiry.version, "reasons": "Waiting for the contractor.",
        "revised_due_on_day": "31", "revised_due_on_month": "12",
        "revised_due_on_year": "9999"})
    assert response.status_code == 409
    assert "The revised date must be before 31 December 9999" in response.content.decode()
    assert row_counts() == before
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.version) == ("new", 1)


def test_a_copy_to_an_impossible_person_is_refused(client, council, enquiry):
    client.force_login(council.councillor)
    events = EnquiryEvent.objects.count()
    response = client.post(reverse("casework:action", args=[enquiry.reference, "message"]), {
        "version": enquiry.version, "body": "Any news?", "cc": "99999999999999999999"})
    assert response.status_code == 400
    assert response.context["form"].errors["cc"]  # its own message on each database
    assert "There is a problem" in response.content.decode()
    assert (EnquiryEvent.objects.count(), Correspondence.objects.count()) == (events, 0)


HUGE = "9" * 30  # past any C long, and past the 64-bit integers of every database


@pytest.mark.parametrize("part", ["day", "month", "year"])
def test_a_date_part_past_any_integer_is_not_a_real_date(client, council, enquiry, part):
    """int("9" * 30) is a number, but date() cannot take it: OverflowError, not ValueError."""
    client.force_login(council.officer)
    before = row_counts()
    parts = {"day": "27", "month": "3", "year": "2027", part: HUGE}
    response = client.post(reverse("casework:action", args=[enquiry.reference, "hold"]), {
        "version": enquiry.version, "reasons": "Waiting for the contractor.",
        **{f"revised_due_on_{name}": value for name, value in parts.items()}})
    assert response.status_code == 400
    assert response.context["form"].errors["revised_due_on"] == [
        "The date of the full response must be a real date"]
    assert "There is a problem" in response.content.decode()
    assert row_counts() == before


@pytest.mark.parametrize("ward", ["99999999999999999999", "9223372036854775808", HUGE,
                                  "-9223372036854775809"])
def test_a_ward_notice_for_an_impossible_ward_is_refused(client, council, ward):
    """A 20-digit id could not even be compared on SQLite ("id IN (...)")."""
    from registers.models import WardNotice

    client.force_login(council.officer)
    response = client.post(reverse("registers:notice_new"), {
        "kind": "public_meeting", "title": "Public meeting on the bus depot",
        "details": "At the library.", "wards": [council.north.pk, ward],
        "starts_on": "2027-03-27"})
    assert response.status_code == 200
    assert response.context["form"].errors["wards"] == ["Select wards from the list"]
    assert "There is a problem" in response.content.decode()
    assert not WardNotice.objects.exists()


@pytest.mark.parametrize("ward", ["99999999999999999999", HUGE, "999999"])
def test_an_enquiry_for_an_impossible_ward_is_refused(client, council, ward):
    client.force_login(council.councillor)
    before = row_counts()
    response = client.post(reverse("casework:new"), {
        "subject": "Missed bins", "details": "Three weeks running.", "ward": ward,
        "visibility": "private"})
    assert response.status_code == 200
    assert response.context["form"].errors["ward"] == ["Select a ward from the list"]
    assert row_counts() == before


def test_ending_a_relationship_with_nothing_posted_says_what_is_missing(client, council):
    """An empty post left the form unbound: a 400 with no message."""
    from registers.services import relationship_declare

    relationship = relationship_declare(actor=council.councillor, other=council.officer,
                                        nature="family")
    client.force_login(council.officer)
    response = client.post(reverse("registers:relationship_detail", args=[relationship.pk]))
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert "There is a problem" in response.content.decode()
    relationship.refresh_from_db()
    assert relationship.state == "declared"
