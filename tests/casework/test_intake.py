"""A councillor logs an enquiry (casework.services.intake): reference, deadline (003 §31.15),
routing (000/001 §3.5, 003 §31.5), acknowledgement after commit, timeline and reminders."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.errors import EnquiryError, NotAllowed
from casework.models import (
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EnquiryReminder,
    EventKind,
    ReminderKind,
    State,
    Visibility,
)
from casework.selectors import enquiry_for
from protocol.council.calendar import add_working_days, working_days_before
from protocol.council.rules.enums import Seniority
from protocol.models import Notification, ReferenceCounter

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_references_run_enq_year_number_and_increase(log):
    first, second = log(), log(subject="Fly-tipping behind the shops")
    year = timezone.localdate().year
    assert first.reference == f"ENQ-{year}-00001"
    assert second.reference == f"ENQ-{year}-00002"


def test_the_reference_takes_the_year_the_enquiry_was_received(log):
    enquiry = log(now=datetime(2025, 12, 31, 23, 30, tzinfo=LONDON))
    assert enquiry.reference == "ENQ-2025-00001"
    assert enquiry.received_on == date(2025, 12, 31)


def test_a_full_response_is_due_in_ten_working_days(log):
    # 003 §31.15 "a full response within 10 days", read by westminster as working days.
    enquiry = log()
    assert enquiry.received_on == timezone.localdate()
    assert enquiry.due_on == add_working_days(enquiry.received_on, 10, "ENG")
    assert enquiry.current_due_on == enquiry.due_on
    assert enquiry.state == State.NEW


def test_christmas_and_new_year_are_not_counted(log):
    # Mon 21 Dec 2026: Christmas Day, the substitute Boxing Day (Mon 28) and New Year's
    # Day are skipped, with the weekends between.
    enquiry = log(now=datetime(2026, 12, 21, 10, 0, tzinfo=LONDON))
    assert enquiry.due_on == date(2027, 1, 7)
    assert enquiry.due_on == add_working_days(date(2026, 12, 21), 10, "ENG")


def test_an_enquiry_logged_on_29_february_gets_its_deadline(log):
    enquiry = log(now=datetime(2028, 2, 29, 10, 0, tzinfo=LONDON))
    assert enquiry.due_on == add_working_days(date(2028, 2, 29), 10, "ENG")


def test_westminster_sends_a_waste_enquiry_to_the_director_of_place(council, log):
    # 003 §31.5: "the relevant Director" (first contact: Director or above).
    enquiry = log()
    assert enquiry.assigned_to == council.director
    assigned = enquiry.events.get(kind=EventKind.ASSIGNED)
    assert assigned.summary == f"Sent to {council.director} (first contact for Waste and " \
                               "Recycling)."


def test_with_heads_of_service_as_first_contact_it_goes_to_the_head_of_waste(
        council, log, profile):
    # 001 §3.5(f): "Heads of Service or above".
    profile(first_contact_min_seniority=Seniority.HEAD_OF_SERVICE)
    assert log().assigned_to == council.head_of_service


def test_not_sure_of_the_service_goes_to_the_chief_executive(council, log):
    enquiry = log(service=None)
    assert enquiry.assigned_to == council.chief_executive
    assert "service not known" in enquiry.events.get(kind=EventKind.ASSIGNED).summary


def test_a_preferred_officer_below_the_grade_is_refused_and_nothing_is_saved(council, log):
    with pytest.raises(EnquiryError, match="below the grade councillors contact first"):
        log(preferred_officer=council.officer)
    assert Enquiry.objects.count() == 0
    assert EnquiryEvent.objects.count() == 0
    assert EnquiryReminder.objects.count() == 0
    assert Notification.objects.count() == 0
    assert not ReferenceCounter.objects.exists()  # no reference used up


def test_an_ongoing_relationship_on_the_case_allows_the_preferred_officer(council, log):
    # 000 §3.5: "unless an on-going relationship with a named officer on that case".
    enquiry = log(preferred_officer=council.officer,
                  relationship_note="  Already dealing with the Park Road round.  ")
    assert enquiry.assigned_to == council.officer
    assert enquiry.relationship_note == "Already dealing with the Park Road round."
    assert "the councillor's preferred officer" in enquiry.events.get(
        kind=EventKind.ASSIGNED).summary


def test_a_preferred_officer_at_the_grade_needs_no_relationship(council, log):
    assert log(preferred_officer=council.chief_executive).assigned_to == council.chief_executive


def test_a_councillor_cannot_be_named_as_the_preferred_officer(council, log):
    with pytest.raises(EnquiryError, match="must be a council officer"):
        log(preferred_officer=council.other_councillor, relationship_note="We know each other.")
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize("who", ["director", "monitoring_officer", "hr"])
def test_only_a_councillor_can_log_an_enquiry(council, log, who):
    with pytest.raises(NotAllowed, match="Only councillors log enquiries"):
        log(councillor=getattr(council, who))
    assert Enquiry.objects.count() == 0


def test_the_councillor_and_the_officer_are_emailed_only_after_commit(
        council, log, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enquiry = log()
        assert mailoutbox == []  # nothing leaves before the enquiry is saved for good
    assert len(callbacks) == 2
    sent = {message.to[0]: message for message in mailoutbox}
    assert set(sent) == {council.councillor.email, council.director.email}
    to_councillor = sent[council.councillor.email]
    assert to_councillor.subject == f"{enquiry.reference}: enquiry received"
    assert f"due by {enquiry.due_on:%A %d %B %Y}" in to_councillor.body
    assert enquiry.get_absolute_url() in to_councillor.body
    assert sent[council.director.email].subject == \
        f"{enquiry.reference}: new enquiry from a councillor"
    logged = enquiry.events.get(kind=EventKind.LOGGED)
    notes = Notification.objects.order_by("key")
    assert [(n.key, n.recipient) for n in notes] == sorted([
        (f"enquiry-event:{logged.pk}:{council.councillor.pk}", council.councillor),
        (f"enquiry-event:{logged.pk}:{council.director.pk}", council.director),
    ], key=lambda pair: pair[0])
    assert all(n.sent_at is not None and n.attempts == 1 for n in notes)


def test_a_rolled_back_enquiry_sends_nothing(log, mailoutbox,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        log()
    assert len(callbacks) == 2  # queued for after commit: none ran, so nothing was sent
    assert mailoutbox == []
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2


def test_the_timeline_starts_with_logged_then_assigned(council, log):
    enquiry = log()
    logged, assigned = enquiry.events.all()
    assert (logged.kind, logged.actor, logged.from_state, logged.to_state) == (
        EventKind.LOGGED, council.councillor, "-", State.NEW)
    assert logged.summary == f"Logged by {council.councillor}. Due by {enquiry.due_on:%d %B %Y}."
    assert (assigned.kind, assigned.actor) == (EventKind.ASSIGNED, None)


def test_the_deadline_reminders_are_scheduled(log):
    enquiry = log()
    reminders = {r.kind: r for r in enquiry.reminders.all()}
    assert set(reminders) == {ReminderKind.APPROACHING, ReminderKind.EXPIRED}
    approaching, expired = reminders[ReminderKind.APPROACHING], reminders[ReminderKind.EXPIRED]
    assert approaching.deadline == expired.deadline == enquiry.due_on
    assert approaching.fire_on == working_days_before(enquiry.due_on, 2, "ENG")
    assert expired.fire_on == enquiry.due_on + timedelta(days=1)
    assert all(r.fired_at is None and r.cancelled_at is None for r in reminders.values())


def test_the_officer_it_is_sent_to_sees_it_from_its_facts_alone(council, log):
    # Who may see it follows from the enquiry (docs/decisions/0013): being the officer it is
    # with needs no row of access given.
    enquiry = log()
    assert not EnquiryAccess.objects.filter(case=enquiry).exists()
    assert enquiry_for(council.director, enquiry.reference) == enquiry
    with pytest.raises(Http404):
        enquiry_for(council.other_director, enquiry.reference)


def test_the_councillors_group_is_kept_for_group_sharing(council, log):
    enquiry = log(visibility=Visibility.GROUP_WARD)
    assert enquiry.raised_by_group == council.red
    assert enquiry.visibility == Visibility.GROUP_WARD


def test_a_confidential_enquiry_is_shared_with_nobody(log):
    # 003 §31.16(1): confidential information is not shared with other members.
    enquiry = log(confidential=True, visibility=Visibility.WARD)
    assert enquiry.confidential and enquiry.visibility == Visibility.PRIVATE


def test_constituent_details_are_kept_only_for_casework_on_their_behalf(log):
    own = log(constituent_name="Ada Lovelace", constituent_contact="ada@example.com")
    assert (own.constituent_name, own.constituent_contact) == ("", "")
    theirs = log(on_behalf_of_constituent=True, constituent_name="Ada Lovelace",
                 constituent_address="1 Park Road")
    assert (theirs.constituent_name, theirs.constituent_address) == ("Ada Lovelace",
                                                                     "1 Park Road")


def test_logging_costs_the_same_queries_however_many_enquiries_are_open(log):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            log()
        return len(context)

    log()  # the first pays for Django's content-type and permission caches
    few = queries()
    for _ in range(10):
        log()
    assert queries() == few


def test_an_officer_with_a_declared_relationship_is_passed_over(log, council):
    """001 §10 and issue 6: a close personal relationship in the register makes the officer
    conflicted; the enquiry goes to the next in line, and a preferred officer it names is
    refused with the reason."""
    from casework.errors import EnquiryError
    from registers.models import Nature
    from registers.services.relationships import relationship_declare

    first = log().assigned_to
    relationship_declare(actor=council.councillor, other=first, nature=Nature.FAMILY)
    assert log(subject="Again").assigned_to not in (None, first)
    with pytest.raises(EnquiryError, match="declared a close personal relationship"):
        log(preferred_officer=first, relationship_note="")
