"""Two people (or one person in two tabs) act on the same enquiry or case from pages that
showed the same version: exactly one action goes through, the other is told the case
changed while they were looking and changes nothing, and the history gains one event.

First one after the other through the web client (every database), then at the same
moment from two threads on PostgreSQL, where the row lock decides who is first."""
from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.models import Enquiry, EnquiryEvent
from casework.services import NewEnquiry, enquiry_log, enquiry_respond
from complaints.models import Complaint, ComplaintEvent
from complaints.services import NewComplaint, complaint_give_outcome, complaint_raise
from protocol.models import ComplaintKind
from tests.concurrency import at_once

STALE = "changed while you were looking"
VERSION = re.compile(r'name="version" value="(\d+)"')
LATER = (timezone.localdate() + timedelta(days=14)).isoformat()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def opened(client: Client, url: str) -> str:
    """The version the form on the page carries."""
    response = client.get(url)
    assert response.status_code == 200
    found = VERSION.findall(response.content.decode())
    assert len(found) == 1, "the form carries no version"
    return found[0]


def logged_enquiry(council) -> Enquiry:
    """The councillor's enquiry, with the Waste officer they already deal with (§3.5)."""
    return enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins on Park Road", details="Three weeks running.",
        ward=council.north, service=council.waste, preferred_officer=council.officer,
        relationship_note="Already dealing with the Park Road round."))


def answered_enquiry(council) -> Enquiry:
    enquiry = logged_enquiry(council)
    enquiry_respond(enquiry=enquiry, actor=council.officer, body="Collected today.")
    return enquiry


# Each race: (the enquiry's state, first person and action, second person and action, what
# each posts). The data is good for either to go through alone.
ENQUIRY_RACES = {
    "officer responds while the Director sends a holding reply": (
        logged_enquiry, ("officer", "respond", {"body": "Collected today."}),
        ("director", "hold", {"reasons": "Waiting for the contractor.",
                              "revised_due_on": LATER})),
    "the officer accepts it in two tabs": (
        logged_enquiry, ("officer", "accept", {}), ("officer", "accept", {})),
    "the councillor withdraws while the officer responds": (
        logged_enquiry, ("councillor", "withdraw", {"reason": "Sorted now."}),
        ("officer", "respond", {"body": "Collected today."})),
    "the councillor confirms in one tab and reopens in another": (
        answered_enquiry, ("councillor", "confirm", {}),
        ("councillor", "reopen", {"reason": "Still being missed."})),
}


def case_with_handler(council) -> Complaint:
    """The councillor's complaint about the Waste officer, with the Director (stage 1)."""
    return complaint_raise(complainant=council.councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Rude at the meeting",
        details="Shouted across the room.", subject_person=council.officer))


def case_with_outcome(council) -> Complaint:
    complaint = case_with_handler(council)
    complaint_give_outcome(complaint=complaint, actor=complaint.handler, outcome="not_upheld",
                           reasons="No witness supports it.")
    return complaint


CASE_RACES = {
    "the handler gives the outcome while the complainant withdraws": (
        case_with_handler, ("handler", "outcome", {"outcome": "upheld", "reasons": "Seen."}),
        ("complainant", "withdraw", {"reason": "Resolved between us."})),
    "the complainant escalates in two tabs": (
        case_with_outcome, ("complainant", "escalate", {"reason": "Not satisfied."}),
        ("complainant", "escalate", {"reason": "Still not satisfied."})),
    "the complainant accepts in one tab and escalates in another": (
        case_with_outcome, ("complainant", "accept", {}),
        ("complainant", "escalate", {"reason": "Not satisfied."})),
}


def enquiry_side(council, make) -> SimpleNamespace:
    enquiry = make(council)
    return SimpleNamespace(
        record=enquiry, url=lambda name: reverse("casework:action",
                                                 args=[enquiry.reference, name]),
        person=lambda who: council.officer if who == "officer" else getattr(council, who),
        events=lambda: EnquiryEvent.objects.filter(enquiry=enquiry).count(),
        fresh=lambda: Enquiry.objects.get(pk=enquiry.pk))


def case_side(council, make) -> SimpleNamespace:
    complaint = make(council)
    return SimpleNamespace(
        record=complaint, url=lambda name: reverse("complaints:action",
                                                   args=[complaint.reference, name]),
        person=lambda who: getattr(complaint, who),
        events=lambda: ComplaintEvent.objects.filter(complaint=complaint).count(),
        fresh=lambda: Complaint.objects.get(pk=complaint.pk))


SIDES = [(enquiry_side, race) for race in ENQUIRY_RACES.values()] + [
    (case_side, race) for race in CASE_RACES.values()]
IDS = [*ENQUIRY_RACES, *CASE_RACES]


def prepare(council, side, race):
    """Both people open their forms on the same version of the record."""
    make, first, second = race
    subject = side(council, make)
    posts = []
    for who, action, data in (first, second):
        client = signed_in(subject.person(who))
        version = opened(client, subject.url(action))
        posts.append((client, subject.url(action), {**data, "version": version}))
    assert posts[0][2]["version"] == posts[1][2]["version"]
    return subject, posts


def check_one_won(subject, responses, events_before: int, version_before: int) -> None:
    codes = sorted(r.status_code for r in responses)
    assert codes == [302, 409], codes
    loser = next(r for r in responses if r.status_code == 409)
    assert STALE in loser.content.decode()
    assert "govuk-error-summary" in loser.content.decode()
    assert subject.events() == events_before + 1
    assert subject.fresh().version == version_before + 1


@pytest.mark.django_db
@pytest.mark.parametrize(("side", "race"), SIDES, ids=IDS)
def test_the_second_of_two_sessions_is_told_the_record_changed(council, side, race):
    subject, posts = prepare(council, side, race)
    events, version = subject.events(), subject.fresh().version
    first = posts[0][0].post(posts[0][1], posts[0][2])
    after_first = subject.fresh()
    second = posts[1][0].post(posts[1][1], posts[1][2])
    assert first.status_code == 302
    check_one_won(subject, [first, second], events, version)
    # The loser changed nothing: the record is as the winner left it.
    assert subject.fresh().__dict__ | {"_state": None} == after_first.__dict__ | {
        "_state": None}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("side", "race"), SIDES, ids=IDS)
def test_two_sessions_at_the_same_moment_one_wins(council, side, race):
    subject, posts = prepare(council, side, race)
    events, version = subject.events(), subject.fresh().version
    responses, errors = at_once(*(partial(client.post, url, data) for client, url, data in posts))
    assert not errors, errors
    check_one_won(subject, responses, events, version)
