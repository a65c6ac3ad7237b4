"""Structured security events (ASVS 5.0 V16.2, V16.3): signing in and out, failures and
lock-outs, refusals, and every committed state change, each a JSON line of identifiers
on the `casework.security` logger; never a name, an email address or a typed username.
The MFA events are tested with the MFA pages (test_mfa.py)."""
from __future__ import annotations

import json
import logging
from collections import Counter

import pytest
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.errors import EnquiryError, NotAllowed
from casework.models import EnquiryEvent, EventKind, State
from casework.services import NewEnquiry, enquiry_accept, enquiry_log
from complaints.models import ComplaintEvent
from protocol.machinery import services as steps
from protocol.machinery.security_events import EVENTS, NotAnIdentifier, record
from protocol.models import User
from tests.factories import PASSWORD
from tests.security.world import build_world

pytestmark = pytest.mark.django_db
TYPED_NAME = "zz-someone-who-is-not-here"


@pytest.fixture
def events(caplog):
    """`events(name=None)`: the events logged so far; `events.lines()`: their text."""
    caplog.set_level(logging.INFO, logger="casework.security")

    class Events:
        def __call__(self, name: str | None = None) -> list[dict]:
            return [json.loads(r.getMessage()) for r in caplog.records
                    if r.name == "casework.security"
                    and (name is None or json.loads(r.getMessage())["event"] == name)]

        def lines(self) -> list[str]:
            return [r.getMessage() for r in caplog.records if r.name == "casework.security"]

    return Events()


def assert_no_personal_data(lines: list[str]) -> None:
    """No line names a person or gives their email address (or a typed username)."""
    people = User.objects.values_list("first_name", "last_name", "email")
    words = {w for person in people for w in person if len(w) >= 3} | {TYPED_NAME}
    assert lines
    leaks = {w for w in words for line in lines if w in line}
    assert leaks == set()


# --- record: identifiers only ---------------------------------------------------------


@pytest.mark.parametrize("value", ["Jane Smith", "jane.smith@council.example",
                                   "Missed bins on Park Road", "x" * 81, 1.5, {"a": 1},
                                   ["Jane"]])
def test_record_refuses_anything_but_an_identifier(value, events):
    with pytest.raises(NotAnIdentifier):
        record("sign_in.failed", account=value)
    assert events() == []


def test_record_refuses_an_unknown_event(events):
    with pytest.raises(ValueError, match="unknown security event"):
        record("sign_in.guessed")
    assert events() == []


def test_record_takes_ids_words_and_lists_of_ids(events):
    entry = record("export", model="casework.enquiry", rows=3, ids=[1, 2], done=True,
                   after=None, on="2026-01-31")
    [logged] = events("export")
    assert logged == entry
    assert logged["ids"] == [1, 2] and logged["model"] == "casework.enquiry"


def test_every_event_this_module_emits_is_known():
    assert {"sign_in.succeeded", "sign_in.failed", "sign_in.locked_out", "sign_out",
            "mfa.enrolled", "mfa.verified", "mfa.failed", "mfa.reset", "access.denied",
            "transition"} <= EVENTS


# --- signing in and out ---------------------------------------------------------------


def test_signing_in_and_out(client, council, events):
    client.post(reverse("login"), {"username": "councillor", "password": PASSWORD})
    client.post(reverse("logout"))
    [signed_in] = events("sign_in.succeeded")
    [signed_out] = events("sign_out")
    me = council.councillor.pk
    assert signed_in["account"] == me and signed_in["actor"] == me
    assert signed_in["url_name"] == "login" and signed_in["ip"] == "127.0.0.1"
    assert signed_out["account"] == me and signed_out["url_name"] == "logout"


def test_a_failed_sign_in_names_the_account_not_the_username(client, council, events):
    client.post(reverse("login"), {"username": "councillor", "password": "wrong"})
    client.post(reverse("login"), {"username": TYPED_NAME, "password": "wrong"})
    failed = events("sign_in.failed")
    assert [e["account"] for e in failed] == [council.councillor.pk, None]
    assert all("actor" not in e for e in failed)
    assert_no_personal_data(events.lines())


def test_a_lockout_is_logged_once_it_happens(client, council, settings, events):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "councillor", "password": "wrong"})
    locked = events("sign_in.locked_out")
    assert [e["account"] for e in locked] == [council.councillor.pk]
    assert len(events("sign_in.failed")) == settings.AXES_FAILURE_LIMIT


def test_a_sign_in_failure_without_a_request_is_logged_too(council, events):
    user_login_failed.send(sender=__name__, credentials={"username": "officer"})
    [failed] = events("sign_in.failed")
    assert failed["account"] == council.officer.pk and "ip" not in failed


# --- refusals -------------------------------------------------------------------------


@pytest.fixture
def enquiry(council):
    return enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins on Park Road", details="Three weeks running.",
        ward=council.north, service=council.waste, preferred_officer=council.officer,
        relationship_note="Already dealing with the Park Road round."))


def test_a_hidden_case_is_a_logged_refusal(client, council, enquiry, events):
    client.force_login(council.other_councillor)
    response = client.get(reverse("casework:detail", kwargs={"reference": enquiry.reference}))
    assert response.status_code == 404
    [denied] = events("access.denied")
    assert denied == {**denied, "status": 404, "url_name": "casework:detail",
                      "actor": council.other_councillor.pk}
    assert enquiry.reference not in json.dumps(denied)  # the address is not logged


def test_a_page_that_is_not_there_is_not_a_refusal_for_a_visitor(client, events):
    assert client.get("/no-such-page/").status_code == 404
    assert events("access.denied") == []


def test_a_403_is_logged_for_anyone(council, events):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "councillor", "password": "x"})
    assert response.status_code == 403
    [denied] = events("access.denied")
    assert denied["status"] == 403 and denied["url_name"] == "login"
    assert "actor" not in denied


def test_a_page_that_opens_is_not_logged(client, council, events):
    client.force_login(council.councillor)
    assert client.get(reverse("home")).status_code == 200
    assert events("access.denied") == []


# --- transitions ----------------------------------------------------------------------


def test_a_transition_is_logged_when_it_commits(council, enquiry, events,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        enquiry_accept(enquiry=enquiry, actor=council.officer)
        assert events("transition") == []  # not before the commit
    for callback in callbacks:
        callback()
    [moved] = events("transition")
    history = EnquiryEvent.objects.filter(enquiry=enquiry).latest("pk")
    assert moved == {**moved, "model": "casework.enquiry", "object": enquiry.pk,
                     "transition": "accept", "source": "new", "target": "accepted",
                     "actor": council.officer.pk, "history_event": history.pk}


def test_a_refused_or_rolled_back_transition_is_not_logged(
        council, enquiry, events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises((NotAllowed, EnquiryError)):
            enquiry_accept(enquiry=enquiry, actor=council.other_councillor)
        with pytest.raises(RuntimeError), transaction.atomic():
            enquiry_accept(enquiry=enquiry, actor=council.officer)
            raise RuntimeError("the request failed after the service")
    assert events("transition") == []


def test_history_rows_written_together_from_ids_each_log_their_own_actor(
        council, enquiry, events, django_capture_on_commit_callbacks):
    """Two enquiries moved in one transaction and their history rows written afterwards in
    one go, built from ids as a bulk writer builds them (no enquiry cached on the row): each
    line names the actor of its own row. The post_save hook this replaces looked for the
    enquiry in the row's cache, found none and logged actor=None."""
    second = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Fly-tipping on Mill Lane", details="A sofa.", ward=council.north,
        service=council.waste))
    movers = ((enquiry, council.officer), (second, council.director))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for case, _ in movers:
            case.accept()
            steps.bump(case)
        rows = [steps.record(case, EnquiryEvent(
            enquiry_id=case.pk, at=timezone.now(), actor_id=actor.pk, kind=EventKind.ACCEPTED,
            summary="Accepted.", from_state=State.NEW, to_state=State.ACCEPTED))
            for case, actor in movers]
    logged = sorted((e["object"], e["actor"], e["history_event"], e["transition"])
                    for e in events("transition"))
    assert logged == sorted((case.pk, actor.pk, row.pk, "accept")
                            for (case, actor), row in zip(movers, rows, strict=True))


def test_every_committed_state_change_is_logged_once_with_its_actor(
        events, django_capture_on_commit_callbacks):
    """The access-control tests' council: seed_demo and the cases made through the
    services, every enquiry, complaint and register record moved by a service."""
    with django_capture_on_commit_callbacks(execute=True):
        build_world()
    moved = events("transition")
    by_model = Counter(e["model"] for e in moved)
    changes = {"casework.enquiry": EnquiryEvent, "complaints.complaint": ComplaintEvent}
    for label, history in changes.items():
        # The history rows of state changes, creation ("-") apart.
        assert by_model[label] == (history.objects.exclude(from_state__in=("", "-"))
                                   .count()), label
    assert {"registers.grouprequest", "registers.informationrequest"} <= set(by_model)
    assert [e for e in moved if e["actor"] is None] == []
    logged = [(e["model"], e["object"], e["history_event"]) for e in moved
              if e["history_event"] is not None]
    assert len(logged) == len(set(logged))
    assert_no_personal_data(events.lines())
