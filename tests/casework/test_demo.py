"""`manage.py seed_demo` adds the demo council's enquiries (demo.enquiries) through the
services: every state, a full list for the councillor sign-in, and reminders for the first
sweep to send (003 §31.15); a second run adds nothing."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework.models import (
    Correspondence,
    Enquiry,
    EnquiryEvent,
    EnquiryReminder,
    EventKind,
    ReminderKind,
    State,
)
from casework.services import sweep
from demo import steps
from demo.council import seed_demo_council
from demo.enquiries import DEMO_STATES, seed_demo_enquiries
from protocol.council.calendar import working_days_between
from protocol.council.selectors import active_profile, closure_days
from protocol.models import Notification, Post, PostKind
from tests.seeding import seeded_once

pytestmark = pytest.mark.django_db

NOTHING_SENT = [State.NEW, State.ACCEPTED]


@contextmanager
def without_demo_complaints() -> Iterator[None]:
    """Seed the council and its enquiries, not the demo complaints (their own tests,
    tests/complaints/test_demo.py, cover them): a third of the time per seed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "AFTER_COUNCIL",
                      tuple(s for s in steps.AFTER_COUNCIL if s.name != "complaints"))
        yield


@pytest.fixture(autouse=True)
def enquiries_only() -> Iterator[None]:
    with without_demo_complaints():
        yield


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo seeded once for the tests that only read it (tests.seeding.seeded_once)."""
    with without_demo_complaints(), seeded_once(django_db_blocker, seed) as output:
        yield output


@pytest.fixture
def seeded() -> str:
    """The demo seeded for one test that changes it."""
    return seed()


@pytest.mark.embedded  # `make run`'s demo enquiries, seeded on SQLite
class TestWhatTheDemoHolds:
    """Read only: what one run of `seed_demo` on an empty council adds."""

    def test_the_summary_says_what_was_added(self, demo):
        line = next(line for line in demo.splitlines() if "Enquiries:" in line)
        assert f"Enquiries: {Enquiry.objects.count()} in every state" in line

    def test_there_is_an_enquiry_in_every_state(self, demo):
        assert set(Enquiry.objects.values_list("state", flat=True)) == DEMO_STATES

    def test_the_councillor_sign_in_has_a_full_list(self, demo):
        mine = Enquiry.objects.filter(raised_by__username="councillor")
        assert mine.count() >= 8
        assert set(mine.values_list("state", flat=True)) == DEMO_STATES
        assert Enquiry.objects.exclude(raised_by__username="councillor").values(
            "raised_by").distinct().count() >= 10

    def test_some_are_overdue_with_nothing_sent(self, demo):
        overdue = Enquiry.objects.filter(state__in=NOTHING_SENT, holding_reply_at__isnull=True,
                                         current_due_on__lt=timezone.localdate())
        assert overdue.exists()
        assert not overdue.filter(correspondence__kind__in=["holding_reply", "response"]).exists()

    def test_some_fall_due_within_two_working_days(self, demo):
        today, nation = timezone.localdate(), active_profile().nation
        open_ = Enquiry.objects.filter(state__in=NOTHING_SENT, current_due_on__gte=today)
        assert any(working_days_between(today, e.current_due_on, nation, closure_days()) <= 2
                   for e in open_)

    def test_every_timeline_starts_with_logging(self, demo):
        for enquiry in Enquiry.objects.prefetch_related("events"):
            assert enquiry.events.all()[0].kind == EventKind.LOGGED, enquiry

    def test_they_were_logged_in_the_past_by_the_councillors(self, demo):
        now = timezone.now()
        assert not Enquiry.objects.filter(received_at__gte=now).exists()
        assert Enquiry.objects.filter(received_at__lt=now - timedelta(days=14)).exists()

    def test_the_demo_shows_the_protocol_at_work(self, demo):
        assert Enquiry.objects.values("service").distinct().count() >= 10
        assert Enquiry.objects.filter(confidential=True).count() == 1
        assert Enquiry.objects.exclude(visibility="private").filter(confidential=False).exists()
        # A councillor's message copied to a ward colleague, shown as such (002).
        copied = Correspondence.objects.filter(cc__isnull=False).first()
        assert copied is not None
        assert EnquiryEvent.objects.filter(correspondence=copied,
                                           summary__contains="CC councillor").exists()
        on_behalf = Enquiry.objects.filter(on_behalf_of_constituent=True)
        assert on_behalf.filter(constituent_contact__endswith="@example.com").exists()
        for kind in (EventKind.HOLDING_REPLY, EventKind.REASSIGNED, EventKind.REOPENED,
                     EventKind.WITHDRAWN, EventKind.CONFIRMED, EventKind.INFORMATION):
            assert EnquiryEvent.objects.filter(kind=kind).exists(), kind


def test_the_first_sweep_sends_reminders_and_a_second_sends_none(seeded):
    first = sweep()
    assert first.reminders > 0
    assert f"{first.reminders} reminders due at the next sweep" in seeded
    # At expiry with nothing sent the Director is informed, and the councillor told.
    assert EnquiryReminder.objects.filter(kind=ReminderKind.EXPIRED,
                                          fired_at__isnull=False).exists()
    assert EnquiryEvent.objects.filter(kind=EventKind.EXPIRED).exists()
    assert Notification.objects.filter(key__startswith="enquiry-reminder:").exists()
    assert sweep().reminders == 0


def test_a_second_run_adds_no_enquiries(seeded):
    before = (Enquiry.objects.count(), EnquiryEvent.objects.count())
    out = seed()
    assert (Enquiry.objects.count(), EnquiryEvent.objects.count()) == before
    assert f"Enquiries: already in place ({before[0]})" in out


def test_a_council_changed_by_hand_gets_no_enquiries_and_says_why():
    seed_demo_council(password="demo-password")
    # An administrator has ended the councillor sign-in's seat: the demo cannot log as them.
    Post.objects.filter(holder__username="councillor", kind=PostKind.COUNCILLOR).update(
        ends_on=timezone.localdate() - timedelta(days=1))
    assert seed_demo_enquiries().startswith("Enquiries: none added")
    assert not Enquiry.objects.exists()
    assert not Notification.objects.exists()
