"""A "new" form sent twice (a double click, a resend after a slow page) makes one record:
the second submission creates nothing and goes to the record the first one made. Only for
the person who sent it; and on PostgreSQL also when both arrive at the same moment, where
the token's unique constraint decides."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.services import NewEnquiry, enquiry_log
from protocol.machinery.forms import SENT_AGAIN
from protocol.models import ComplaintKind
from registers.selectors import register_rules
from tests.concurrency import at_once
from tests.integrity.conftest import row_counts

TOKEN = re.compile(r'name="submission" value="([0-9a-f-]{36})"')
SOON = (timezone.localdate() + timedelta(days=9)).isoformat()


def from_enquiry(council) -> str:
    enquiry = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins", details="Three weeks running.", ward=council.north,
        service=council.waste, preferred_officer=council.officer,
        relationship_note="Already dealing with the Park Road round."))
    return reverse("complaints:from_enquiry", args=[enquiry.reference])


# form: (who sends it, its address, a good post), for every form that makes a record.
FORMS: dict[str, tuple[str, Callable, Callable]] = {
    "an enquiry": ("councillor", lambda c: reverse("casework:new"), lambda c: {
        "subject": "Missed bins", "details": "Three weeks running.", "ward": c.north.pk,
        "service": c.waste.pk, "visibility": "private"}),
    "a complaint": ("councillor", lambda c: reverse("complaints:new"), lambda c: {
        "kind": ComplaintKind.OFFICER_CONDUCT, "subject_person": c.officer.pk,
        "summary": "Rude at the meeting", "details": "Shouted across the room."}),
    "a complaint from an enquiry": ("councillor", from_enquiry, lambda c: {
        "kind": ComplaintKind.OFFICER_CONDUCT, "subject_person": c.officer.pk,
        "summary": "Rude at the meeting", "details": "Shouted across the room."}),
    "a group's request": ("group_leader", lambda c: reverse("registers:group_new"),
                          lambda c: {"group": c.blue.pk, "kind": "attendance",
                                     "subject": "Local plan", "details": "Please attend.",
                                     "meeting_on": SOON}),
    "a need-to-know request": ("councillor", lambda c: reverse("registers:info_new"),
                               lambda c: {"what": "The bin rounds", "service": c.waste.pk,
                                          "why": "Residents ask me which day is theirs."}),
    "a relationship": ("councillor", lambda c: reverse("registers:relationship_new"),
                       lambda c: {"other": c.officer.pk, "nature": "family"}),
    "a ward notice": ("officer", lambda c: reverse("registers:notice_new"), lambda c: {
        "kind": "public_meeting", "title": "Bus depot", "details": "At the library.",
        "wards": [c.north.pk], "starts_on": SOON}),
}


def opened(client: Client, url: str) -> str:
    """The token on the form the page shows."""
    response = client.get(url)
    assert response.status_code == 200
    found = TOKEN.findall(response.content.decode())
    assert len(found) == 1, "the form carries no one-time token"
    return found[0]


def ready(council, name: str) -> tuple[Client, str, dict]:
    register_rules()  # the profile's register rules, made on first read
    who, url, post = FORMS[name]
    client = Client()
    client.force_login(getattr(council, who))
    address = url(council)
    return client, address, {**post(council), "submission": opened(client, address)}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_sending_a_new_form_twice_makes_one_record(council, name):
    client, url, data = ready(council, name)
    first = client.post(url, data)
    assert first.status_code == 302, first.context["form"].errors
    made = row_counts()
    again = client.post(url, data)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert row_counts() == made
    assert client.get(url).status_code == 200  # a fresh form makes a fresh record
    assert opened(client, url) != data["submission"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_someone_elses_token_shows_them_nothing(council, name):
    client, url, data = ready(council, name)
    assert client.post(url, data).status_code == 302
    made = row_counts()
    who = FORMS[name][0]
    stranger = Client()
    stranger.force_login(council.other_councillor if who != "officer" else council.director)
    response = stranger.post(url, data)
    assert response.status_code == 404
    assert row_counts() == made


@pytest.mark.django_db
def test_the_token_stays_on_the_form_while_it_is_corrected(council):
    client, url, data = ready(council, "an enquiry")
    shown = client.post(url, {**data, "subject": ""}).content.decode()
    assert TOKEN.findall(shown) == [data["submission"]]
    first = client.post(url, data)
    assert first.status_code == 302
    assert client.post(url, data)["Location"] == first["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "not-a-token", "9" * 30])
def test_a_missing_or_broken_token_is_a_clear_refusal_that_keeps_the_answers(council, token):
    client, url, data = ready(council, "an enquiry")
    before = row_counts()
    post = {**data, "submission": token} if token is not None else {
        k: v for k, v in data.items() if k != "submission"}
    response = client.post(url, post)
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [SENT_AGAIN]
    assert "govuk-error-summary" in page and SENT_AGAIN in page
    assert 'value="Missed bins"' in page
    fresh = TOKEN.findall(page)
    assert len(fresh) == 1 and fresh[0] != token
    assert row_counts() == before
    assert client.post(url, {**data, "submission": fresh[0]}).status_code == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["an enquiry", "a complaint", "a ward notice"])
def test_two_submissions_at_the_same_moment_make_one_record(council, name):
    client, url, data = ready(council, name)
    before = row_counts()
    responses, errors = at_once(lambda: client.post(url, data), lambda: client.post(url, data))
    assert not errors, errors
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    made = {label: n - before[label] for label, n in row_counts().items() if n != before[label]}
    assert made["protocol.SubmissionToken"] == 1
