"""What officers and the councillor do to an enquiry (casework.services.actions and
.councillor): each refusal is clear and changes nothing; each change is timed, recorded and
told after commit."""
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from casework.errors import EnquiryError, NotAllowed, StaleEnquiry
from casework.models import (
    Correspondence,
    CorrespondenceKind,
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EventKind,
    ReminderKind,
    State,
)
from casework.models.records import AppendOnlyError
from casework.rules import can_view, facts_of
from casework.selectors import enquiry_for, granted
from casework.services import (
    enquiry_accept,
    enquiry_confirm,
    enquiry_hold,
    enquiry_message,
    enquiry_reassign,
    enquiry_reopen,
    enquiry_respond,
    enquiry_withdraw,
)
from protocol.council.calendar import add_working_days
from protocol.council.selectors import roles_of
from protocol.machinery.access import AccessReason
from protocol.models import PostKind, User
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def snapshot(enquiry: Enquiry) -> tuple:
    """What a refused action must leave as it was."""
    enquiry.refresh_from_db()
    return (enquiry.state, enquiry.version, enquiry.assigned_to_id, enquiry.current_due_on,
            enquiry.events.count(), enquiry.correspondence.count(),
            sorted(enquiry.reminders.values_list("kind", "fired_at", "cancelled_at")))


def pending(enquiry: Enquiry) -> dict[str, date]:
    """The reminders still to fire, by kind, with the deadline each is about."""
    return dict(enquiry.reminders.filter(fired_at__isnull=True, cancelled_at__isnull=True)
                .values_list("kind", "deadline"))


def weeks_ago(weeks: int) -> datetime:
    return timezone.now() - timedelta(weeks=weeks)


def hold(enquiry: Enquiry, actor, revised: date | None = None, **changes):
    fields = {"body": "", "reasons": "Waiting for the contractor's report.",
              "revised_due_on": revised or timezone.localdate() + timedelta(days=21), **changes}
    return enquiry_hold(enquiry=enquiry, actor=actor, **fields)


def officer_of(service, username: str):
    user = UserFactory(username=username)
    PostFactory(holder=user, kind=PostKind.OFFICER, service=service)
    return user


# Accepting


def test_the_director_it_is_with_accepts_it(council, log, django_assert_num_queries):
    enquiry = log()
    director = User.objects.get(pk=council.director.pk)  # roles not yet read
    # Savepoint, the row locked, the director's posts, the update, the event (the row
    # locked again by the chain, the chain's head, the insert, the head moved), release.
    with django_assert_num_queries(9):
        accepted = enquiry_accept(enquiry=enquiry, actor=director, version=1)
    assert (accepted.state, accepted.version) == (State.ACCEPTED, 2)
    event = accepted.events.last()
    assert (event.kind, event.actor, event.from_state, event.to_state, event.summary) == (
        EventKind.ACCEPTED, director, State.NEW, State.ACCEPTED, f"Accepted by {director}.")
    enquiry.refresh_from_db()
    assert enquiry.state == State.ACCEPTED


def test_the_head_of_the_service_may_accept_for_the_director(council, log):
    assert enquiry_accept(enquiry=log(), actor=council.head_of_service).state == State.ACCEPTED


@pytest.mark.parametrize("who", ["councillor", "other_director", "officer", "chief_executive"])
def test_no_one_else_may_accept_it_and_nothing_changes(council, log, who):
    enquiry = log()
    before = snapshot(enquiry)
    with pytest.raises(NotAllowed, match="You cannot do that to this enquiry"):
        enquiry_accept(enquiry=enquiry, actor=getattr(council, who))
    assert snapshot(enquiry) == before
    assert before[:2] == (State.NEW, 1)


# Permission before state: an outsider hears nothing of the enquiry's state (STYLE.md,
# "Permission before condition").


@pytest.mark.parametrize("who", ["director", "other_councillor"])
def test_an_outsider_is_refused_as_an_outsider_in_a_state_that_refuses_too(council, log, who):
    """Confirming an unanswered enquiry: the state refuses it, but whoever may not confirm
    is told that, never that the enquiry is not yet answered."""
    enquiry = log()
    before = snapshot(enquiry)
    with pytest.raises(NotAllowed, match="You cannot do that to this enquiry"):
        enquiry_confirm(enquiry=enquiry, actor=getattr(council, who))
    assert snapshot(enquiry) == before


def test_an_outsider_is_refused_as_an_outsider_where_a_condition_fails(council, log):
    """Reopening an anonymised enquiry fails its condition: the councillor who may reopen
    hears that, the Director who may not is refused as an outsider."""
    enquiry = log()
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    Enquiry.objects.filter(pk=enquiry.pk).update(anonymised_at=timezone.now())
    before = snapshot(enquiry)
    with pytest.raises(NotAllowed):
        enquiry_reopen(enquiry=enquiry, actor=council.director, reason="Not done.")
    with pytest.raises(EnquiryError) as refused:
        enquiry_reopen(enquiry=enquiry, actor=council.councillor, reason="Not done.")
    assert not isinstance(refused.value, NotAllowed)
    assert snapshot(enquiry) == before


def test_accepting_twice_is_refused(council, log):
    enquiry = enquiry_accept(enquiry=log(), actor=council.director)
    before = snapshot(enquiry)
    with pytest.raises(EnquiryError, match="not waiting to be accepted") as refused:
        enquiry_accept(enquiry=enquiry, actor=council.director)
    assert not isinstance(refused.value, NotAllowed)
    assert snapshot(enquiry) == before


def test_a_stale_form_is_refused_and_changes_nothing(council, log):
    enquiry = log()
    enquiry_message(enquiry=enquiry, actor=council.councillor, body="Also the recycling.")
    before = snapshot(enquiry)
    with pytest.raises(StaleEnquiry, match="changed while you were looking"):
        enquiry_accept(enquiry=enquiry, actor=council.director, version=1)
    assert snapshot(enquiry) == before


# Holding replies (003 §31.15: reasons, before expiry)


@pytest.mark.parametrize(("reasons", "days_ahead", "message"), [
    ("   ", 21, "Enter the reasons a full response is not yet possible."),
    ("Waiting for the contractor.", None, "Enter the date by which the full response will "
                                          "be sent."),
    ("Waiting for the contractor.", 0, "The revised date must be in the future."),
])
def test_a_holding_reply_needs_reasons_and_a_revised_date(council, log, reasons, days_ahead,
                                                          message):
    enquiry = log()
    before = snapshot(enquiry)
    revised = None if days_ahead is None else timezone.localdate() + timedelta(days=days_ahead)
    with pytest.raises(EnquiryError) as refused:
        enquiry_hold(enquiry=enquiry, actor=council.director, body="", reasons=reasons,
                     revised_due_on=revised)
    assert str(refused.value) == message
    assert snapshot(enquiry) == before
    assert not Correspondence.objects.exists()


def test_a_holding_reply_sets_the_revised_date_and_swaps_the_reminders(
        council, log, mailoutbox, django_capture_on_commit_callbacks):
    enquiry = log()
    revised = enquiry.due_on + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        letter = hold(enquiry, council.director, revised)
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.current_due_on, enquiry.due_on) == (
        State.HOLDING, revised, add_working_days(enquiry.received_on, 10, "ENG"))
    assert enquiry.holding_reply_at == letter.sent_at
    assert (letter.kind, letter.reasons, letter.revised_due_on, letter.late, letter.body) == (
        CorrespondenceKind.HOLDING_REPLY, "Waiting for the contractor's report.", revised,
        False, "Waiting for the contractor's report.")
    # The deadline reminders are cancelled; one is set for the day after the revised date.
    cancelled = enquiry.reminders.filter(cancelled_at__isnull=False)
    assert set(cancelled.values_list("kind", flat=True)) == {ReminderKind.APPROACHING,
                                                             ReminderKind.EXPIRED}
    assert pending(enquiry) == {ReminderKind.REVISED_DATE_PASSED: revised}
    assert enquiry.reminders.get(kind=ReminderKind.REVISED_DATE_PASSED).fire_on == \
        revised + timedelta(days=1)
    event = enquiry.events.last()
    assert (event.kind, event.correspondence, event.from_state, event.to_state) == (
        EventKind.HOLDING_REPLY, letter, State.NEW, State.HOLDING)
    assert event.summary == f"Holding reply sent. Full response by {revised:%d %B %Y}."
    told = [m for m in mailoutbox if m.subject.endswith("holding reply")]
    assert [m.to for m in told] == [[council.councillor.email]]
    assert "Waiting for the contractor's report." in told[0].body


def test_a_holding_reply_after_the_deadline_is_flagged_late(council, log):
    enquiry = log(now=weeks_ago(4))
    letter = hold(enquiry, council.director)
    assert letter.late
    assert enquiry.events.last().summary.startswith("Holding reply sent after the deadline.")


def test_a_second_holding_reply_with_the_same_date_keeps_its_reminder(council, log):
    enquiry = log()
    revised = timezone.localdate() + timedelta(days=30)
    hold(enquiry, council.director, revised)
    hold(enquiry, council.director, revised, reasons="The contractor is still on site.")
    assert pending(enquiry) == {ReminderKind.REVISED_DATE_PASSED: revised}


def test_only_the_officers_on_it_send_a_holding_reply(council, log):
    enquiry = log()
    before = snapshot(enquiry)
    with pytest.raises(NotAllowed):
        hold(enquiry, council.councillor)
    assert snapshot(enquiry) == before


# The full response


def test_the_full_response_answers_it_in_time_and_starts_the_follow_up_window(
        council, log, mailoutbox, django_capture_on_commit_callbacks):
    enquiry = log()
    with django_capture_on_commit_callbacks(execute=True):
        letter = enquiry_respond(enquiry=enquiry, actor=council.director,
                                 body="  Collected this morning.  ")
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.answered_in_time, enquiry.responded_at) == (
        State.ANSWERED, True, letter.sent_at)
    assert (letter.kind, letter.body) == (CorrespondenceKind.RESPONSE, "Collected this morning.")
    today = timezone.localdate()
    assert pending(enquiry) == {ReminderKind.FOLLOW_UP_ENDS: today}
    # Open to the end of the fifth working day: closed from the next morning.
    assert enquiry.reminders.get(kind=ReminderKind.FOLLOW_UP_ENDS).fire_on == \
        add_working_days(today, 5, "ENG") + timedelta(days=1)
    assert enquiry.reminders.filter(cancelled_at__isnull=False).count() == 2
    assert enquiry.events.last().summary == f"Full response sent by {council.director}."
    assert [m.to for m in mailoutbox if m.subject.endswith("response to your enquiry")] == [
        [council.councillor.email]]


def test_a_response_after_the_deadline_is_not_in_time(council, log):
    enquiry = log(now=weeks_ago(4))
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Sorry for the delay.")
    enquiry.refresh_from_db()
    assert enquiry.answered_in_time is False


def test_in_time_is_judged_by_the_councils_date_not_utc(council, log):
    # Due Monday 15 June 2026; sent at 00:30 on Tuesday in London (BST), 23:30 Monday UTC.
    enquiry = log()
    enquiry.due_on = date(2026, 6, 15)
    enquiry.respond(at=datetime(2026, 6, 15, 23, 30, tzinfo=UTC))
    assert enquiry.answered_in_time is False


def test_an_empty_response_is_refused(council, log):
    enquiry = log()
    before = snapshot(enquiry)
    with pytest.raises(EnquiryError, match="Enter the response"):
        enquiry_respond(enquiry=enquiry, actor=council.director, body="  ")
    assert snapshot(enquiry) == before


def test_an_answered_enquiry_cannot_be_answered_again(council, log):
    enquiry = log()
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Done.")
    before = snapshot(enquiry)
    with pytest.raises(EnquiryError, match="Only an open, unanswered enquiry"):
        enquiry_respond(enquiry=enquiry, actor=council.director, body="Done again.")
    assert snapshot(enquiry) == before


# Reassigning within the directorate


def test_reassigning_within_the_directorate_records_why_and_keeps_the_previous_officer_in(
        council, with_officer, mailoutbox, django_capture_on_commit_callbacks):
    enquiry = with_officer()
    enquiry_accept(enquiry=enquiry, actor=council.officer)
    colleague = officer_of(council.highways, "highways_officer")
    with django_capture_on_commit_callbacks(execute=True):
        moved = enquiry_reassign(enquiry=enquiry, actor=council.officer, officer=colleague,
                                 reason="  The bins are on the highway verge.  ",
                                 service=council.highways)
    moved.refresh_from_db()
    assert (moved.assigned_to, moved.service, moved.state) == (colleague, council.highways,
                                                               State.NEW)
    event = moved.events.last()
    assert (event.kind, event.from_state, event.to_state) == (EventKind.REASSIGNED,
                                                              State.ACCEPTED, State.NEW)
    assert event.summary == (f"Reassigned from {council.officer} to {colleague}: The bins are "
                             "on the highway verge.")
    # The officer it was with before keeps sight of it: access given, saying why and by whom.
    given = EnquiryAccess.objects.get(case=moved)
    assert (given.person, given.reason, given.given_by) == (
        council.officer, AccessReason.EARLIER_OFFICER, council.officer)
    officer = User.objects.get(pk=council.officer.pk)
    facts = facts_of(moved)
    assert not can_view(roles_of(officer), officer.pk, facts)
    assert can_view(roles_of(officer), officer.pk, facts, granted=granted(officer, moved))
    assert enquiry_for(officer, moved.reference) == moved
    assert [m.to for m in mailoutbox if m.subject.endswith("enquiry passed to you")] == [
        [colleague.email]]


def test_reassigning_to_an_officer_of_another_directorate_is_refused(council, log):
    enquiry = log()
    housing_officer = officer_of(council.housing, "housing_officer")
    before = snapshot(enquiry)
    with pytest.raises(EnquiryError, match="is not an officer of the directorate for Waste"):
        enquiry_reassign(enquiry=enquiry, actor=council.director, officer=housing_officer,
                         reason="Housing estate bins.")
    assert snapshot(enquiry) == before
    assert not granted(housing_officer, enquiry)


def test_a_director_of_another_directorate_may_take_it(council, log):
    enquiry = enquiry_reassign(enquiry=log(), actor=council.director,
                               officer=council.other_director, reason="Council housing bins.")
    assert enquiry.assigned_to == council.other_director


@pytest.mark.parametrize(("who", "officer", "reason", "error", "message"), [
    ("director", "head_of_service", " ", EnquiryError, "Enter the reason"),
    ("director", "director", "Mine.", EnquiryError, "already with that officer"),
    ("director", "councillor", "Ward knowledge.", EnquiryError, "is not an officer"),
    ("councillor", "head_of_service", "Quicker.", NotAllowed, "You cannot do that"),
])
def test_reassigning_is_refused_with_a_reason(council, log, who, officer, reason, error,
                                              message):
    enquiry = log()
    before = snapshot(enquiry)
    with pytest.raises(error, match=message):
        enquiry_reassign(enquiry=enquiry, actor=getattr(council, who),
                         officer=getattr(council, officer), reason=reason)
    assert snapshot(enquiry) == before


# Messages: no silent copies (002 'Correspondence'), confidential never copied (003 §31.16)


def test_a_copy_to_another_councillor_is_shown_and_lets_them_read_it(
        council, log, mailoutbox, django_capture_on_commit_callbacks):
    enquiry = log()
    with django_capture_on_commit_callbacks(execute=True):
        letter = enquiry_message(enquiry=enquiry, actor=council.director,
                                 body="The round was missed.", cc=[council.other_councillor])
    assert list(letter.cc.all()) == [council.other_councillor]
    assert letter.kind == CorrespondenceKind.MESSAGE
    event = enquiry.events.last()
    assert event.kind == EventKind.MESSAGE
    assert event.summary == (f"Message from {council.director}. "
                             f"CC councillor {council.other_councillor}.")
    given = EnquiryAccess.objects.get(case=enquiry, person=council.other_councillor)
    assert (given.reason, given.given_by) == (AccessReason.COPIED, council.director)
    assert enquiry_for(council.other_councillor, enquiry.reference) == enquiry
    assert sorted(m.to[0] for m in mailoutbox if m.subject.endswith("new message")) == sorted(
        [council.councillor.email, council.other_councillor.email])


def test_the_councillors_own_message_is_more_information_for_the_officer(
        council, log, mailoutbox, django_capture_on_commit_callbacks):
    enquiry = log()
    with django_capture_on_commit_callbacks(execute=True):
        letter = enquiry_message(enquiry=enquiry, actor=council.councillor,
                                 body="It is number 12.")
    assert letter.kind == CorrespondenceKind.INFORMATION
    assert enquiry.events.last().kind == EventKind.INFORMATION
    assert [m.to for m in mailoutbox if m.subject.endswith("new message")] == [
        [council.director.email]]


@pytest.mark.parametrize(("cc", "confidential", "message"), [
    ("officer", False, "is not a councillor: only councillors can be copied"),
    ("other_councillor", True, "Confidential correspondence cannot be copied"),
])
def test_copies_only_to_councillors_and_never_of_confidential_correspondence(
        council, log, cc, confidential, message):
    enquiry = log()
    before = snapshot(enquiry)
    with pytest.raises(EnquiryError, match=message):
        enquiry_message(enquiry=enquiry, actor=council.director, body="Update.",
                        cc=[getattr(council, cc)], confidential=confidential)
    assert snapshot(enquiry) == before
    assert not granted(council.other_councillor, enquiry)


def test_a_confidential_enquiry_is_never_copied_to_another_councillor(council, log):
    enquiry = log(confidential=True)
    before = snapshot(enquiry)
    with pytest.raises(EnquiryError, match="confidential"):
        enquiry_message(enquiry=enquiry, actor=council.director, body="Update.",
                        cc=[council.other_councillor])
    assert snapshot(enquiry) == before
    assert not granted(council.other_councillor, enquiry)


@pytest.mark.parametrize("who", ["other_councillor", "officer", "leader"])
def test_people_not_on_the_enquiry_cannot_write_on_it(council, log, who):
    enquiry = log()
    before = snapshot(enquiry)
    with pytest.raises(NotAllowed, match="You cannot write on this enquiry"):
        enquiry_message(enquiry=enquiry, actor=getattr(council, who), body="Hello.")
    assert snapshot(enquiry) == before


# The raising councillor: withdraw, confirm, reopen


@pytest.mark.parametrize("who", ["other_councillor", "director", "monitoring_officer"])
def test_only_the_raising_councillor_withdraws_confirms_or_reopens(council, log, who):
    enquiry = log()
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    before = snapshot(enquiry)
    actor = getattr(council, who)
    for refused in (lambda: enquiry_withdraw(enquiry=enquiry, actor=actor, reason=""),
                    lambda: enquiry_confirm(enquiry=enquiry, actor=actor),
                    lambda: enquiry_reopen(enquiry=enquiry, actor=actor, reason="Not done.")):
        with pytest.raises(NotAllowed):
            refused()
    assert snapshot(enquiry) == before


def test_the_councillor_withdraws_and_nothing_more_is_sent(council, log):
    enquiry = enquiry_withdraw(enquiry=log(), actor=council.councillor,
                               reason="  Resolved by the contractor.  ")
    enquiry.refresh_from_db()
    assert enquiry.state == State.WITHDRAWN and enquiry.closed_at is not None
    assert pending(enquiry) == {}
    assert enquiry.events.last().summary == (f"Withdrawn by {council.councillor}: Resolved by "
                                             "the contractor.")


def test_the_councillor_confirms_an_answered_enquiry_and_it_closes(council, log):
    enquiry = log()
    with pytest.raises(EnquiryError, match="Only an answered enquiry can be confirmed"):
        enquiry_confirm(enquiry=enquiry, actor=council.councillor)
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    closed = enquiry_confirm(enquiry=enquiry, actor=council.councillor)
    closed.refresh_from_db()
    assert (closed.state, closed.events.last().kind) == (State.CLOSED, EventKind.CONFIRMED)
    assert closed.closed_at is not None
    assert pending(closed) == {}  # no follow-up window left to close it again


def test_reopening_starts_a_new_deadline_from_today_with_new_reminders(council, log):
    enquiry = log(now=weeks_ago(3))
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    with pytest.raises(EnquiryError, match="Enter why"):
        enquiry_reopen(enquiry=enquiry, actor=council.councillor, reason=" ")
    reopened = enquiry_reopen(enquiry=enquiry, actor=council.councillor,
                              reason="Only half the street was done.")
    reopened.refresh_from_db()
    due = add_working_days(timezone.localdate(), 10, "ENG")
    assert (reopened.state, reopened.due_on, reopened.current_due_on, reopened.closed_at) == (
        State.ACCEPTED, due, due, None)
    assert pending(reopened) == {ReminderKind.APPROACHING: due, ReminderKind.EXPIRED: due}
    event = reopened.events.last()
    assert (event.kind, event.from_state, event.to_state) == (EventKind.REOPENED,
                                                              State.ANSWERED, State.ACCEPTED)
    assert event.summary.endswith(f"New deadline {due:%d %B %Y}.")


def test_reopening_on_the_day_it_was_logged_still_reminds(council, log):
    # The new deadline is the old one; its cancelled reminders must apply again.
    enquiry = log()
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    enquiry_reopen(enquiry=enquiry, actor=council.councillor, reason="Not collected.")
    assert pending(enquiry) == {ReminderKind.APPROACHING: enquiry.due_on,
                                ReminderKind.EXPIRED: enquiry.due_on}
    # Answered again the same day: the follow-up window is open again too.
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected now.")
    assert pending(enquiry) == {ReminderKind.FOLLOW_UP_ENDS: timezone.localdate()}


# The timeline is append-only


def test_timeline_events_cannot_be_changed_or_deleted(log):
    event = log().events.first()
    event.summary = "Something else."
    with pytest.raises(AppendOnlyError, match="cannot be changed"):
        event.save()
    with pytest.raises(AppendOnlyError, match="cannot be deleted"):
        event.delete()
    assert EnquiryEvent.objects.get(pk=event.pk).summary.startswith("Logged by")
