"""Moving a case along its route (complaints.services.stages, sweep): only the handler
gives outcomes, stale pages are refused, the Code of Conduct steps, withdrawal, one
history row per transition that can never change, and stage time limits."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from casework.models import EnquiryEvent
from casework.services import NewEnquiry, enquiry_log
from complaints.errors import ComplaintError, NotAllowed, StaleComplaint
from complaints.models import (
    Complaint,
    ComplaintEvent,
    ComplaintReminder,
    Handling,
    Outcome,
    State,
)
from complaints.models.records import AppendOnlyError
from complaints.selectors import Filters, complaint_list
from complaints.services import (
    complaint_accept,
    complaint_consult_independent_person,
    complaint_escalate,
    complaint_give_outcome,
    complaint_go_formal,
    complaint_monitoring_officer_decides,
    complaint_refer_on,
    complaint_request_response,
    complaint_resolve_informally,
    complaint_withdraw,
    sweep,
)
from protocol.council.calendar import add_working_days
from protocol.models import ComplaintKind, EscalationStage, Notification, ProtocolProfile

pytestmark = pytest.mark.django_db
OFFICER_CONDUCT, GRIEVANCE = ComplaintKind.OFFICER_CONDUCT, ComplaintKind.COUNCILLOR_CONDUCT
CODE = ComplaintKind.CODE_OF_CONDUCT


def state_of(complaint) -> tuple:
    fresh = Complaint.objects.get(pk=complaint.pk)
    return (fresh.state, fresh.version, fresh.handler_id, fresh.stage_position, fresh.outcome,
            fresh.independent_person_consulted_at, fresh.closed_at,
            ComplaintEvent.objects.filter(complaint=complaint).count())


def refused(error, match, complaint, act) -> None:
    before = state_of(complaint)
    with pytest.raises(error, match=match):
        act()
    assert state_of(complaint) == before


def outcome(complaint, actor, **kwargs):
    return complaint_give_outcome(complaint=complaint, actor=actor,
                                  outcome=kwargs.pop("outcome", Outcome.NOT_UPHELD),
                                  reasons=kwargs.pop("reasons", "No fault found."), **kwargs)


# Only the handler gives outcomes.

def test_only_the_handler_gives_the_outcome(council, raise_case):
    complaint = raise_case()
    assert complaint.handler == council.director
    for person in (council.councillor, council.officer, council.monitoring_officer,
                   council.chief_executive, council.head_of_service):
        refused(NotAllowed, "You cannot do that on this case", complaint,
                lambda p=person: outcome(complaint, p))
    done = outcome(complaint, council.director, outcome=Outcome.UPHELD, reasons="Apology due.")
    assert (done.state, done.outcome, done.outcome_reasons) == (
        State.OUTCOME, Outcome.UPHELD, "Apology due.")
    assert done.closed_at is None  # the complainant may still escalate


def test_an_outcome_needs_reasons_and_a_real_outcome(council, raise_case):
    complaint = raise_case()
    refused(ComplaintError, "Enter the reasons", complaint,
            lambda: outcome(complaint, council.director, reasons="   "))
    for wrong in (Outcome.REFERRED, Outcome.WITHDRAWN, Outcome.RESOLVED_INFORMALLY, "nonsense"):
        refused(ComplaintError, "Choose an outcome", complaint,
                lambda w=wrong: outcome(complaint, council.director, outcome=w))


def test_a_stale_page_is_refused_and_changes_nothing(council, raise_case):
    complaint = raise_case()
    seen = complaint.version
    complaint = outcome(complaint, council.director, version=seen)
    assert complaint.version == seen + 1
    refused(StaleComplaint, "changed while you were looking", complaint,
            lambda: complaint_escalate(complaint=complaint, actor=council.councillor,
                                       reason="Not satisfied.", version=seen))
    refused(StaleComplaint, "changed while you were looking", complaint,
            lambda: complaint_withdraw(complaint=complaint, actor=council.councillor,
                                       version=seen))


def test_only_the_complainant_escalates_or_accepts(council, raise_case):
    complaint = outcome(raise_case(), council.director)
    for person in (council.director, council.monitoring_officer, council.officer):
        refused(NotAllowed, "You cannot do that", complaint,
                lambda p=person: complaint_escalate(complaint=complaint, actor=p,
                                                    reason="Not satisfied."))
        refused(NotAllowed, "You cannot do that", complaint,
                lambda p=person: complaint_accept(complaint=complaint, actor=p))
    refused(ComplaintError, "Enter why you are not satisfied", complaint,
            lambda: complaint_escalate(complaint=complaint, actor=council.councillor,
                                       reason=" "))
    closed = complaint_accept(complaint=complaint, actor=council.councillor)
    assert (closed.state, closed.outcome) == (State.CLOSED, Outcome.NOT_UPHELD)
    assert closed.closed_at is not None


def test_no_escalation_before_an_outcome(council, raise_case):
    complaint = raise_case()
    refused(ComplaintError, "no further escalation", complaint,
            lambda: complaint_escalate(complaint=complaint, actor=council.councillor,
                                       reason="Too slow."))


# The next stage is never an earlier stage's handler.

def test_a_later_stage_never_goes_back_to_an_earlier_handler(council, raise_case):
    # Westminster, about a Director: the Chief Executive first (003 §31.3(3)); stage 2 is
    # the Chief Executive's too, so the next in line, the Monitoring Officer.
    complaint = raise_case(about=council.director)
    assert complaint.handler == council.chief_executive
    complaint = outcome(complaint, council.chief_executive)
    complaint = complaint_escalate(complaint=complaint, actor=council.councillor,
                                   reason="Not satisfied.")
    assert complaint.handler == council.monitoring_officer
    assert complaint.stage_title == "The Chief Executive"
    assert list(Handling.objects.filter(complaint=complaint).order_by("stage_position")
                .values_list("handler", flat=True)) == [council.chief_executive.pk,
                                                        council.monitoring_officer.pk]


def test_escalation_tells_the_new_handler_the_complainant_and_the_previous_handler(
        council, raise_case, mailoutbox, django_capture_on_commit_callbacks):
    complaint = outcome(raise_case(), council.director)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_escalate(complaint=complaint, actor=council.councillor,
                                       reason="The bins are still missed.")
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    ref = complaint.reference
    assert subjects == {
        council.chief_executive.email: f"{ref}: a case for you to handle",
        council.councillor.email: f"{ref}: moved to The Chief Executive",
        council.director.email: f"{ref}: moved to The Chief Executive",
        council.officer.email: f"{ref}: moved to The Chief Executive",  # told since stage 1
    }
    body = next(m.body for m in mailoutbox if m.to == [council.chief_executive.email])
    assert "The bins are still missed." in body


# Every transition: exactly one history row with from, to and actor.

def added_event(complaint, act):
    before = set(ComplaintEvent.objects.filter(complaint=complaint).values_list("pk",
                                                                                 flat=True))
    act()
    new = ComplaintEvent.objects.filter(complaint=complaint).exclude(pk__in=before)
    assert new.count() == 1
    return new.get()


def test_every_transition_writes_exactly_one_event(council, activate, raise_case):
    activate("hounslow")
    complaint = raise_case(try_informal=True)
    c, cl, d = complaint, council.councillor, council.director
    steps = [
        (lambda: complaint_go_formal(complaint=c, actor=d, reason="No agreement."),
         d, State.INFORMAL, State.WITH_HANDLER, "informal resolution ended"),
        (lambda: outcome(c, d), d, State.WITH_HANDLER, State.OUTCOME, "outcome: Not upheld"),
        (lambda: complaint_escalate(complaint=c, actor=cl, reason="Not satisfied."),
         cl, State.OUTCOME, State.WITH_HANDLER,
         "escalated to stage 2: The Chief Executive and/or the Monitoring Officer"),
        (lambda: complaint_refer_on(complaint=c, actor=council.chief_executive,
                                    reason="For the Leader."),
         council.chief_executive, State.WITH_HANDLER, State.WITH_HANDLER,
         "referred to stage 3: The Leader, with the Chief Executive, Monitoring Officer and HR"),
        (lambda: outcome(c, council.leader, outcome=Outcome.UPHELD), council.leader,
         State.WITH_HANDLER, State.CLOSED, "decision: Upheld"),
    ]
    for act, actor, before, after, action in steps:
        event = added_event(c, act)
        assert (event.actor, event.from_state, event.to_state, event.action) == (
            actor, before, after, action)
        assert event.stage_position == Complaint.objects.get(pk=c.pk).stage_position
    assert Complaint.objects.get(pk=c.pk).state == State.CLOSED
    assert c.events.count() == 1 + len(steps)


def test_informal_resolution_is_a_recorded_outcome(council, raise_case):
    complaint = raise_case(try_informal=True)
    refused(NotAllowed, "You cannot do that", complaint,
            lambda: complaint_resolve_informally(complaint=complaint,
                                                 actor=council.monitoring_officer,
                                                 reasons="Talked it through."))
    event = added_event(complaint, lambda: complaint_resolve_informally(
        complaint=complaint, actor=council.councillor, reasons="Talked it through."))
    assert (event.from_state, event.to_state, event.actor) == (
        State.INFORMAL, State.CLOSED, council.councillor)
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.outcome_reasons) == (
        State.CLOSED, Outcome.RESOLVED_INFORMALLY, "Talked it through.")


def test_a_formal_case_cannot_be_resolved_informally(council, raise_case):
    complaint = raise_case()
    refused(ComplaintError, "Only a case in informal resolution", complaint,
            lambda: complaint_resolve_informally(complaint=complaint, actor=council.director,
                                                 reasons="Sorted."))


def test_withdrawal_is_the_complainants_alone(council, raise_case):
    complaint = raise_case()
    for person in (council.director, council.monitoring_officer, council.officer):
        refused(NotAllowed, "You cannot do that", complaint,
                lambda p=person: complaint_withdraw(complaint=complaint, actor=p))
    event = added_event(complaint, lambda: complaint_withdraw(
        complaint=complaint, actor=council.councillor, reason="  Sorted it out.  "))
    assert (event.actor, event.from_state, event.to_state, event.reason) == (
        council.councillor, State.WITH_HANDLER, State.WITHDRAWN, "Sorted it out.")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == (State.WITHDRAWN, Outcome.WITHDRAWN)
    refused(ComplaintError, "Only an open case can be withdrawn", complaint,
            lambda: complaint_withdraw(complaint=complaint, actor=council.councillor))


# The history never changes.

def test_history_rows_cannot_be_changed_or_deleted(raise_case):
    event = raise_case().events.get()
    event.reason = "Nothing happened."
    with pytest.raises(AppendOnlyError, match="cannot be changed"):
        event.save()
    with pytest.raises(AppendOnlyError, match="cannot be deleted"):
        event.delete()
    assert ComplaintEvent.objects.get(pk=event.pk).reason.startswith("Sent to")


def refused_by_the_database(sql: str, *params) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.postgres
def test_postgres_refuses_to_update_or_delete_complaint_history(raise_case):
    event = raise_case().events.get()
    refused_by_the_database(
        "UPDATE complaints_complaintevent SET reason = 'x' WHERE id = %s", event.pk)
    refused_by_the_database("DELETE FROM complaints_complaintevent WHERE id = %s", event.pk)
    assert ComplaintEvent.objects.get(pk=event.pk).reason == event.reason


@pytest.mark.postgres
def test_postgres_refuses_to_update_or_delete_an_enquirys_timeline(council):
    enquiry = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins", details="Three weeks.", ward=council.north,
        service=council.waste))
    event = EnquiryEvent.objects.filter(enquiry=enquiry).first()
    refused_by_the_database(
        "UPDATE casework_enquiryevent SET summary = 'x' WHERE id = %s", event.pk)
    refused_by_the_database("DELETE FROM casework_enquiryevent WHERE id = %s", event.pk)
    assert EnquiryEvent.objects.get(pk=event.pk).summary == event.summary


# Code of Conduct: the Independent Person, the councillor's response (Localism Act 2011).

def test_a_code_complaint_is_decided_only_after_the_independent_person(governance, raise_case):
    council = governance  # with a Standards Committee to go on to
    complaint = raise_case(CODE)
    mo = council.monitoring_officer
    assert complaint.handler == mo
    refused(ComplaintError, "Record the consultation of the Independent Person", complaint,
            lambda: outcome(complaint, mo, outcome=Outcome.NO_BREACH))
    refused(NotAllowed, "Only the handler", complaint,
            lambda: complaint_consult_independent_person(complaint=complaint,
                                                         actor=council.chief_executive,
                                                         note="No breach."))
    refused(ComplaintError, "Enter what the Independent Person advised", complaint,
            lambda: complaint_consult_independent_person(complaint=complaint, actor=mo,
                                                         note=""))
    complaint = complaint_consult_independent_person(complaint=complaint, actor=mo,
                                                     note="No breach in their view.")
    assert complaint.independent_person_consulted_at is not None
    assert complaint.events.last().action == "Independent Person consulted"
    complaint = outcome(complaint, mo, outcome=Outcome.NO_BREACH)
    assert (complaint.state, complaint.outcome) == (State.OUTCOME, Outcome.NO_BREACH)


def test_the_standards_committee_decides_a_code_complaint(governance, raise_case):
    complaint = raise_case(CODE)
    mo = governance.monitoring_officer
    complaint = complaint_consult_independent_person(complaint=complaint, actor=mo,
                                                     note="Merits a hearing.")
    # The Monitoring Officer's decision to refer it for a hearing (Localism Act 2011).
    complaint = complaint_monitoring_officer_decides(complaint=complaint, actor=mo,
                                                     choice="standards",
                                                     reason="For a hearing.")
    assert complaint.handler == governance.standards_chair
    assert complaint.stage_title == "The Standards Committee (hearing)"
    complaint = outcome(complaint, governance.standards_chair, outcome=Outcome.BREACH_FOUND)
    assert (complaint.state, complaint.outcome) == (State.CLOSED, Outcome.BREACH_FOUND)
    actions = list(complaint.events.values_list("action", flat=True))
    assert actions[-2:] == ["Monitoring Officer's decision: report it to the Standards "
                            "Committee; sent to stage 2: The Standards Committee (hearing)",
                            "decision: Breach of the Code of Conduct found"]
    longest = ComplaintEvent._meta.get_field("action").max_length
    assert max(map(len, actions)) <= longest


def test_asking_the_councillor_to_respond_sets_a_date_and_tells_them(council, raise_case):
    ProtocolProfile.objects.get(is_active=True).stages.filter(kind=CODE, position=1).update(
        subject_told=False)
    complaint = raise_case(CODE)
    assert not complaint.subject_told
    due = timezone.localdate() + timedelta(days=14)
    refused(NotAllowed, "Only the handler", complaint,
            lambda: complaint_request_response(complaint=complaint, actor=council.officer,
                                               due_on=due))
    refused(ComplaintError, "must be in the future", complaint,
            lambda: complaint_request_response(complaint=complaint,
                                               actor=council.monitoring_officer,
                                               due_on=timezone.localdate()))
    complaint = complaint_request_response(complaint=complaint,
                                           actor=council.monitoring_officer, due_on=due)
    assert complaint.subject_response_due_on == due
    assert complaint.subject_told
    note = Notification.objects.get(recipient=council.councillor)
    assert note.subject == f"{complaint.reference}: please respond"
    assert f"{due:%A %d %B %Y}" in note.body


def test_the_code_steps_are_for_code_complaints_only(council, raise_case):
    complaint = raise_case(GRIEVANCE)
    refused(ComplaintError, "for Code of Conduct complaints", complaint,
            lambda: complaint_consult_independent_person(
                complaint=complaint, actor=council.monitoring_officer, note="Advice."))


# Stage time limits and the sweep.

@pytest.fixture
def five_day_stage(db):
    """Westminster's first stage for a complaint about an officer, limited to 5 working
    days (no seed sets one: the council may)."""
    EscalationStage.objects.filter(profile__is_active=True, kind=OFFICER_CONDUCT,
                                   position=1).update(time_limit_days=5)


def test_a_stage_past_its_time_limit_reminds_the_handler_once(council, five_day_stage,
                                                               raise_case):
    complaint = raise_case()
    due = add_working_days(timezone.localdate(), 5, "ENG")
    assert complaint.stage_due_on == due
    reminder = ComplaintReminder.objects.get(complaint=complaint)
    assert sweep(today=due) == 0  # not yet past it
    assert sweep(today=due + timedelta(days=1)) == 1
    assert sweep(today=due + timedelta(days=2)) == 0
    note = Notification.objects.get(key__startswith="complaint-reminder:")
    assert (note.key, note.recipient) == (f"complaint-reminder:{reminder.pk}", council.director)
    assert note.subject == f"{complaint.reference}: stage overdue"
    assert complaint.events.filter(action="reminder: stage overdue").count() == 1


def test_an_outcome_in_time_cancels_the_reminder(council, five_day_stage, raise_case):
    complaint = outcome(raise_case(), council.director)
    assert sweep(today=complaint.stage_due_on + timedelta(days=10)) == 0
    assert not Notification.objects.filter(key__startswith="complaint-reminder:").exists()


def test_a_case_with_its_outcome_given_is_no_longer_overdue(council, five_day_stage,
                                                            raise_case):
    """Past the limit the case is overdue while its handler owes the outcome; once it is
    given the case waits on the complainant, and neither the list nor the page calls it
    overdue."""
    complaint = raise_case()
    later = complaint.stage_due_on + timedelta(days=3)
    overdue_list = lambda: list(complaint_list(  # noqa: E731
        council.monitoring_officer, Filters(overdue=True), today=later))
    assert complaint.is_overdue(later) and overdue_list() == [complaint]

    complaint = outcome(complaint, council.director)

    assert complaint.is_open and not complaint.is_overdue(later)
    assert overdue_list() == []


def test_a_stage_without_a_time_limit_has_no_due_date_or_reminder(raise_case):
    complaint = raise_case()
    assert complaint.stage_due_on is None
    assert not ComplaintReminder.objects.exists()


def test_a_handler_with_a_declared_relationship_is_skipped_to_the_next_in_line(
        raise_case, council):
    """001 §10: a close personal relationship declared in the register is a conflict; the
    fair route (DESIGN 'When Things Go Wrong') passes the stage to the next in line."""
    from registers.models import Nature
    from registers.services.relationships import relationship_declare

    assert raise_case().handler == council.director  # the service Director, normally
    relationship_declare(actor=council.director, other=council.councillor,
                         nature=Nature.FRIENDSHIP)
    case = raise_case(summary="Rude again")
    assert case.handler not in (None, council.director)
