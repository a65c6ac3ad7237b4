"""No insecure direct object references: whoever holds case A gets 404 on case B, for its
pages, actions, files, exports and timeline alike, and B is left as it was (ASVS 5.0
V8.2.2, V8.3.1; 002 'need to know')."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casework.models import Enquiry
from complaints.models import Complaint
from tests.security import matrix
from tests.security.world import World, pdf

pytestmark = pytest.mark.django_db

# Those who hold enquiry A: the councillor who raised it, the officer it is with, and
# that officer's Head of Service and Director. None of them has any part in B.
ENQUIRY_A_HOLDERS = ["councillor", "officer", "head_of_service", "director"]
# Those who hold complaint A: the complainant, the handler, and the officer it is about.
COMPLAINT_A_HOLDERS = ["councillor", "director", "officer"]


def _snapshot_enquiry(enquiry: Enquiry) -> tuple:
    fresh = Enquiry.objects.get(pk=enquiry.pk)
    return (fresh.state, fresh.version, fresh.assigned_to_id, fresh.events.count(),
            fresh.attachments.count(), fresh.correspondence.count())


def _snapshot_complaint(complaint: Complaint) -> tuple:
    fresh = Complaint.objects.get(pk=complaint.pk)
    return (fresh.state, fresh.version, fresh.handler_id, fresh.events.count())


def _hidden(response, *secrets: str) -> None:
    """A 404 that gives nothing of the case away."""
    assert matrix.outcome_of(response) == matrix.HIDDEN, response.status_code
    body = response.content.decode()
    for secret in secrets:
        assert secret not in body


def _enquiry_b_urls(w: World) -> list[tuple[str, str, dict]]:
    """(method, URL, data) for every enquiry page that names case B."""
    b = w.other_enquiry.reference
    urls = [("GET", reverse("casework:detail", args=[b]), {}),
            ("GET", reverse("casework:logged", args=[b]), {}),
            ("GET", reverse("casework:attachment", args=[b, w.other_attachment.pk]), {}),
            ("GET", reverse("complaints:from_enquiry", args=[b]), {}),
            ("POST", reverse("complaints:from_enquiry", args=[b]), matrix._new_complaint(w))]
    for name, data in matrix.ENQUIRY_ACTIONS.items():
        url = reverse("casework:action", args=[b, name])
        urls += [("GET", url, {}), ("POST", url, data(w))]
    return urls


@pytest.mark.parametrize("holder", ENQUIRY_A_HOLDERS)
def test_enquiry_b_is_hidden_from_the_holders_of_a(holder: str, world: World, as_user):
    client = as_user(holder)
    assert client.get(world.enquiry.get_absolute_url()).status_code == 200  # they hold A
    before = _snapshot_enquiry(world.other_enquiry)

    for method, url, data in _enquiry_b_urls(world):
        response = client.get(url) if method == "GET" else client.post(url, data)
        _hidden(response, world.other_enquiry.subject, "Idris Fenwick")

    upload = reverse("casework:upload", args=[world.other_enquiry.reference])
    _hidden(client.post(upload, {"attachments": [pdf("sneaked-in.pdf")]}))
    assert _snapshot_enquiry(world.other_enquiry) == before


@pytest.mark.parametrize("holder", ENQUIRY_A_HOLDERS)
def test_a_file_of_b_cannot_be_reached_through_a(holder: str, world: World, as_user):
    """The file's number alone opens nothing: it must belong to the case in the URL."""
    client = as_user(holder)
    own = reverse("casework:attachment", args=[world.enquiry.reference, world.attachment.pk])
    assert client.get(own).status_code == 200
    swapped = reverse("casework:attachment",
                      args=[world.enquiry.reference, world.other_attachment.pk])
    _hidden(client.get(swapped))


def test_the_holder_of_b_gets_404_on_a(world: World, client: Client):
    client.force_login(world.other_councillor)
    assert client.get(world.other_enquiry.get_absolute_url()).status_code == 200
    a = world.enquiry.reference
    for url in (reverse("casework:detail", args=[a]), reverse("casework:logged", args=[a]),
                reverse("casework:attachment", args=[a, world.attachment.pk]),
                reverse("casework:attachment", args=[a, world.other_attachment.pk]),
                reverse("complaints:detail", args=[world.complaint.reference]),
                reverse("complaints:detail", args=[world.fraud.reference])):
        _hidden(client.get(url), world.enquiry.subject, "Ruth Ashdown")


@pytest.mark.parametrize("holder", ["officer", "head_of_service", "director"])
def test_queue_exports_have_a_and_never_b(holder: str, world: World, as_user):
    """Every queue this officer has, exported, searched for B's reference too."""
    client = as_user(holder)
    seen = ""
    for scope in ("mine", "service", "directorate", "all"):
        for query in ({}, {"q": world.other_enquiry.reference}, {"state": ""}):
            response = client.get(reverse("casework:queue_csv"), {"scope": scope, **query})
            assert response.status_code == 200
            body = b"".join(response.streaming_content).decode()
            assert world.other_enquiry.reference not in body
            seen += body
    assert world.enquiry.reference in seen  # the export works: A is in it


def test_the_councillors_lists_have_a_and_never_b(world: World, as_user):
    """(A search echoes its words back: what must be absent is B's link and subject.)"""
    client = as_user("councillor")
    pages = [client.get(reverse("casework:mine"), {"state": "", **extra}).content.decode()
             for extra in ({}, {"tab": "shared"}, {"q": world.other_enquiry.reference})]
    assert world.enquiry.get_absolute_url() in pages[0]
    for page in pages:
        assert world.other_enquiry.get_absolute_url() not in page
        assert world.other_enquiry.subject not in page


def test_the_timeline_of_a_shows_nothing_of_b(world: World, as_user):
    page = as_user("councillor").get(world.enquiry.get_absolute_url()).content.decode()
    assert "alder-court-photos.pdf" in page  # A's timeline: its file was attached
    assert "rowan-tower-damp.pdf" not in page
    assert world.other_enquiry.reference not in page


def _complaint_b_urls(w: World, case: Complaint) -> list[tuple[str, str, dict]]:
    urls = [("GET", reverse("complaints:detail", args=[case.reference]), {})]
    for name, data in matrix.COMPLAINT_ACTIONS.items():
        url = reverse("complaints:action", args=[case.reference, name])
        urls += [("GET", url, {}), ("POST", url, data(w))]
    return urls


@pytest.mark.parametrize("holder", COMPLAINT_A_HOLDERS)
def test_complaint_b_is_hidden_from_the_holders_of_a(holder: str, world: World, as_user):
    client = as_user(holder)
    assert client.get(world.complaint.get_absolute_url()).status_code == 200
    before = _snapshot_complaint(world.other_complaint)

    for method, url, data in _complaint_b_urls(world, world.other_complaint):
        response = client.get(url) if method == "GET" else client.post(url, data)
        _hidden(response, world.other_complaint.summary)

    assert _snapshot_complaint(world.other_complaint) == before


@pytest.mark.parametrize("holder", ["councillor", "director"])
def test_a_fraud_concern_is_hidden_from_the_holders_of_other_cases(holder: str,
                                                                    world: World, as_user):
    client = as_user(holder)
    before = _snapshot_complaint(world.fraud)
    for method, url, data in _complaint_b_urls(world, world.fraud):
        response = client.get(url) if method == "GET" else client.post(url, data)
        _hidden(response, world.fraud.summary)
    assert _snapshot_complaint(world.fraud) == before


@pytest.mark.parametrize("holder", COMPLAINT_A_HOLDERS)
def test_complaint_lists_and_exports_have_a_and_never_b(holder: str, world: World, as_user):
    """(A search echoes its words back: in the pages, what must be absent is B's link and
    summary; the export has no search box, so not even B's reference.)"""
    client = as_user(holder)
    pages, exports = [], []
    for query in ({"state": ""}, {"q": world.other_complaint.reference, "state": ""},
                  {"q": world.fraud.reference, "state": ""}):
        pages.append(client.get(reverse("complaints:list"), query).content.decode())
        export = client.get(reverse("complaints:list_csv"), query)
        exports.append(b"".join(export.streaming_content).decode())
    assert world.complaint.get_absolute_url() in pages[0]
    assert world.complaint.reference in exports[0]
    hidden = [world.other_complaint] + ([] if holder == "officer" else [world.fraud])
    for case in hidden:  # (the officer raised the fraud concern)
        for page in pages:
            assert case.get_absolute_url() not in page
            assert case.summary not in page
        for export in exports:
            assert case.reference not in export
