"""The reminder sweep (003 §31.15): the officer reminded before the deadline, the Director
informed after it, each exactly once; a holding reply's date; the follow-up window."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.models import EnquiryReminder, EventKind, ReminderKind, State
from casework.services import enquiry_hold, enquiry_reassign, enquiry_respond, sweep
from casework.services.sweep import HANDLERS
from protocol.council.calendar import add_working_days, working_days_before
from protocol.council.rules.enums import Seniority
from protocol.machinery.outbox import deliver_pending
from protocol.models import Notification, Post, PostKind
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """`run(today)`: one sweep, committed, so that its emails are sent."""

    def run_sweep(today):
        with django_capture_on_commit_callbacks(execute=True):
            return sweep(today=today)

    return run_sweep


def reminder(enquiry, kind) -> EnquiryReminder:
    return enquiry.reminders.get(kind=kind)


def mail_to(mailoutbox, user) -> list[str]:
    return [m.subject for m in mailoutbox if m.to == [user.email]]


def test_the_officer_is_reminded_once_and_only_when_it_is_due(council, with_officer, run,
                                                              mailoutbox):
    enquiry = with_officer()
    remind_on = working_days_before(enquiry.due_on, 2, "ENG")
    assert run(remind_on - timedelta(days=1)).reminders == 0
    assert mailoutbox == []
    assert run(remind_on).reminders == 1
    assert mail_to(mailoutbox, council.officer) == [f"{enquiry.reference}: response due soon"]
    assert f"due by {enquiry.due_on:%A %d %B %Y}" in mailoutbox[0].body
    assert reminder(enquiry, ReminderKind.APPROACHING).fired_at is not None
    event = enquiry.events.last()
    assert (event.kind, event.actor) == (EventKind.REMINDER, None)
    assert event.summary == f"{council.officer} reminded that the response is due by " \
                            f"{enquiry.due_on:%A %d %B %Y}."
    # Nobody else hears of it before the deadline.
    assert {m.to[0] for m in mailoutbox} == {council.officer.email}


def test_a_second_sweep_sends_nothing_twice(with_officer, run, mailoutbox):
    enquiry = with_officer()
    after_expiry = enquiry.due_on + timedelta(days=1)
    first = run(after_expiry)
    notes, sent = Notification.objects.count(), len(mailoutbox)
    # The officer reminded; the Director and the councillor told of the expiry (and the two
    # acknowledgements from logging, never committed, so never sent).
    assert (first.reminders, notes, sent) == (2, 3 + 2, 3)
    second = run(after_expiry)
    assert second.reminders == 0
    assert (Notification.objects.count(), len(mailoutbox)) == (notes, sent)
    assert enquiry.events.filter(kind=EventKind.EXPIRED).count() == 1


def test_at_expiry_the_director_of_the_service_and_the_councillor_are_told(
        council, with_officer, run, mailoutbox):
    # 003 §31.15: "If Members have not received any response after the expiry of 10 days
    # the relevant Director should be informed."
    enquiry = with_officer()
    expired = reminder(enquiry, ReminderKind.EXPIRED)
    assert expired.fire_on == enquiry.due_on + timedelta(days=1)
    run(enquiry.due_on)
    assert mail_to(mailoutbox, council.director) == []  # not on the deadline day itself
    run(expired.fire_on)
    assert mail_to(mailoutbox, council.director) == [
        f"{enquiry.reference}: deadline passed with no response"]
    assert mail_to(mailoutbox, council.councillor) == [
        f"{enquiry.reference}: your enquiry is overdue"]
    assert mail_to(mailoutbox, council.other_director) == []
    keys = set(Notification.objects.filter(key__startswith=f"enquiry-reminder:{expired.pk}:")
               .values_list("recipient", flat=True))
    assert keys == {council.director.pk, council.councillor.pk}
    event = enquiry.events.get(kind=EventKind.EXPIRED)
    assert event.summary == (f"Deadline {enquiry.due_on:%A %d %B %Y} passed with nothing sent. "
                             f"{council.director} informed; the councillor told.")


@pytest.mark.parametrize(("informs", "post"), [
    ("director", "director"), ("head_of_service", "head_of_service"),
    ("chief_executive", "chief_executive"), ("nobody", None)])
def test_the_expiry_goes_to_whoever_the_profile_names(council, with_officer, run, mailoutbox,
                                                      profile, informs, post):
    # 003 §31.15 through the one rule the registers' sweep follows too
    # (protocol.council.rules.expiry.expiry_recipient).
    profile(expiry_informs=informs)
    enquiry = with_officer()
    run(enquiry.due_on + timedelta(days=1))
    told = [m.to[0] for m in mailoutbox
            if m.subject == f"{enquiry.reference}: deadline passed with no response"]
    assert told == ([getattr(council, post).email] if post else [])


def test_where_the_profile_informs_nobody_the_councillor_is_not_told_someone_was(
        council, with_officer, run, mailoutbox, profile):
    profile(expiry_informs="nobody")
    enquiry = with_officer()
    run(enquiry.due_on + timedelta(days=1))
    assert mail_to(mailoutbox, council.director) == []
    overdue = [m for m in mailoutbox if m.to == [council.councillor.email]]
    assert [m.subject for m in overdue] == [f"{enquiry.reference}: your enquiry is overdue"]
    assert "informed" not in overdue[0].body
    assert enquiry.events.get(kind=EventKind.EXPIRED).summary == (
        f"Deadline {enquiry.due_on:%A %d %B %Y} passed with nothing sent; the councillor told.")


def test_an_enquiry_held_by_the_director_goes_one_step_up_at_expiry(council, log, run,
                                                                    mailoutbox):
    # 003 §31.15 "the relevant Director should be informed": under the first-contact rule
    # (§31.5) the enquiry is with the Director already, so the expiry goes to whoever the
    # profile names above the Director (Westminster: the Chief Executive, as §31.3(3)).
    enquiry = log(service=council.housing)
    assert enquiry.assigned_to == council.other_director
    run(enquiry.due_on + timedelta(days=1))
    assert mail_to(mailoutbox, council.other_director) == [
        f"{enquiry.reference}: response due soon"]
    assert mail_to(mailoutbox, council.chief_executive) == [
        f"{enquiry.reference}: deadline passed with no response"]
    assert mail_to(mailoutbox, council.director) == []
    assert f"{council.chief_executive} informed" in enquiry.events.get(
        kind=EventKind.EXPIRED).summary


def test_where_the_profile_names_executive_directors_one_is_informed(
        council, log, run, mailoutbox, profile):
    # 001 §3.5 (Hounslow) ranks Executive Directors above Directors.
    profile(expiry_above_director=Seniority.EXECUTIVE_DIRECTOR)
    executive = UserFactory(username="executive_director")
    PostFactory(holder=executive, kind=PostKind.EXECUTIVE_DIRECTOR, directorate=council.people)
    enquiry = log(service=council.housing)
    run(enquiry.due_on + timedelta(days=1))
    assert mail_to(mailoutbox, executive) == [
        f"{enquiry.reference}: deadline passed with no response"]
    assert mail_to(mailoutbox, council.chief_executive) == []


def test_a_holding_reply_before_expiry_means_the_director_is_not_informed(
        council, with_officer, run, mailoutbox):
    enquiry = with_officer()
    enquiry_hold(enquiry=enquiry, actor=council.officer, body="",
                 reasons="Waiting for the contractor's report.",
                 revised_due_on=enquiry.due_on + timedelta(days=14))
    assert run(enquiry.due_on + timedelta(days=1)).reminders == 0
    assert mailoutbox == []
    assert not enquiry.events.filter(kind=EventKind.EXPIRED).exists()


def test_a_passed_revised_date_reminds_the_officer_and_the_director(
        council, with_officer, run, mailoutbox):
    enquiry = with_officer()
    revised = timezone.localdate() + timedelta(days=5)
    enquiry_hold(enquiry=enquiry, actor=council.officer, body="", reasons="Contractor.",
                 revised_due_on=revised)
    assert run(revised).reminders == 0
    assert run(revised + timedelta(days=1)).reminders == 1
    subject = f"{enquiry.reference}: holding reply's date passed"
    assert mail_to(mailoutbox, council.officer) == [subject]
    assert mail_to(mailoutbox, council.director) == [subject]
    assert mail_to(mailoutbox, council.councillor) == []
    assert enquiry.events.last().summary == (
        f"Revised date {revised:%A %d %B %Y} passed without a full response; "
        f"{council.officer} and {council.director} reminded.")


def test_the_follow_up_window_closes_an_answered_enquiry(council, log, run):
    enquiry = log()
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    last_day = add_working_days(timezone.localdate(), 5, "ENG")
    # Open all of its last working day; closed from the day after.
    assert run(last_day).reminders == 0
    assert run(last_day + timedelta(days=1)).reminders == 1
    enquiry.refresh_from_db()
    assert enquiry.state == State.CLOSED and enquiry.closed_at is not None
    event = enquiry.events.last()
    assert (event.kind, event.from_state, event.to_state) == (EventKind.CLOSED, State.ANSWERED,
                                                              State.CLOSED)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(("responded", "last_minute", "midnight"), [
    # Answered in BST; 5 working days end on Monday 26 October, after the clocks go back.
    (london(2026, 10, 19, 10), london(2026, 10, 26, 23, 59), london(2026, 10, 27)),
    # Answered in GMT; the window ends on Monday 30 March in BST, when 23:59 in London is
    # 22:59 UTC and midnight in London is still 30 March in UTC.
    (london(2026, 3, 23, 10), london(2026, 3, 30, 23, 59), london(2026, 3, 31)),
], ids=["into-gmt", "into-bst"])
def test_the_follow_up_window_ends_at_the_end_of_its_last_working_day_in_london(
        council, log, django_capture_on_commit_callbacks, monkeypatch,
        responded, last_minute, midnight):
    Post.objects.update(starts_on=date(2026, 1, 1))  # in post on the days the test visits
    clock = {"now": responded}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    enquiry = log(now=responded)
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")

    def sweep_at(instant: datetime) -> str:
        clock["now"] = instant
        with django_capture_on_commit_callbacks(execute=True):
            sweep()
        enquiry.refresh_from_db()
        return enquiry.state

    assert sweep_at(last_minute) == State.ANSWERED
    assert sweep_at(midnight) == State.CLOSED


def test_a_held_enquiry_passed_to_another_officer_is_still_chased_at_its_revised_date(
        council, with_officer, run, mailoutbox):
    enquiry = with_officer()
    revised = timezone.localdate() + timedelta(days=5)
    enquiry_hold(enquiry=enquiry, actor=council.officer, body="", reasons="Contractor.",
                 revised_due_on=revised)
    enquiry_reassign(enquiry=enquiry, actor=council.officer, officer=council.head_of_service,
                     reason="Needs a decision on a new bin.")
    assert run(revised + timedelta(days=1)).reminders == 1
    subject = f"{enquiry.reference}: holding reply's date passed"
    assert mail_to(mailoutbox, council.head_of_service) == [subject]
    assert mail_to(mailoutbox, council.director) == [subject]


def test_an_answered_enquiry_is_not_chased(council, log, run, mailoutbox):
    enquiry = log(now=timezone.now() - timedelta(weeks=4))
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected, late.")
    assert run(timezone.localdate()).reminders == 0
    assert mailoutbox == []
    assert not enquiry.events.filter(kind__in=[EventKind.REMINDER, EventKind.EXPIRED]).exists()


def test_the_sweep_costs_the_same_however_many_enquiries_are_not_due(log, run):
    def sweep_with_one_due(open_not_due: int) -> int:
        log(now=timezone.now() - timedelta(weeks=4))  # both its reminders are due
        for _ in range(open_not_due):
            log()
        with CaptureQueriesContext(connection) as context:
            assert run(timezone.localdate()).reminders == 2
        return len(context)

    sweep_with_one_due(1)  # warms Django's caches
    assert sweep_with_one_due(5) == sweep_with_one_due(30)


def test_a_reminder_whose_handler_fails_is_rolled_back_and_fired_by_the_next_sweep(
        council, with_officer, run, mailoutbox, monkeypatch):
    enquiry = with_officer()
    real = HANDLERS[ReminderKind.APPROACHING]
    failures = []

    def fails_once(reminder, *args):
        if not failures:
            failures.append(reminder.pk)
            # It got as far as writing its email and timeline entry before failing.
            real(reminder, *args)
            raise RuntimeError("the mail template is broken")
        real(reminder, *args)

    monkeypatch.setitem(HANDLERS, ReminderKind.APPROACHING, fails_once)
    after_expiry = enquiry.due_on + timedelta(days=1)
    result = run(after_expiry)
    approaching = reminder(enquiry, ReminderKind.APPROACHING)
    assert failures == [approaching.pk]
    assert approaching.fired_at is None  # the claim rolled back with the handler's writes
    assert not enquiry.events.filter(kind=EventKind.REMINDER).exists()
    assert mail_to(mailoutbox, council.officer) == []
    # The failure does not hold up the other reminders due.
    assert result.reminders == 1
    assert reminder(enquiry, ReminderKind.EXPIRED).fired_at is not None
    assert run(after_expiry).reminders == 1
    assert reminder(enquiry, ReminderKind.APPROACHING).fired_at is not None
    assert mail_to(mailoutbox, council.officer) == [f"{enquiry.reference}: response due soon"]


def test_the_outbox_not_the_sweep_resends_emails_the_broker_lost(council, log, monkeypatch):
    enquiry = log()
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2  # never committed
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    sweep(today=timezone.localdate())
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2
    assert deliver_pending() == 2
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert enquiry.reference in Notification.objects.first().subject
