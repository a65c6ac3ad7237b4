"""Raising a case (complaints.services.intake): who may raise which kind, about whom, the
Code of Conduct window, informal resolution first (001 §11.1), fraud's confidential route
(003 §31.3(3)), references, history and who is told."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from complaints import rules
from complaints.errors import ComplaintError, NotAllowed
from complaints.models import Complaint, ComplaintEvent, Handling, State
from complaints.selectors import facts_of
from complaints.services import NewComplaint, complaint_raise
from protocol.council.selectors import roles_of
from protocol.models import ComplaintKind, Notification, Post, ProtocolProfile, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def readers(complaint: Complaint) -> set[User]:
    """Everyone who may open the case (rules.can_view over its facts)."""
    facts = facts_of(complaint)
    return {user for user in User.objects.all() if rules.can_view(roles_of(user), user.pk, facts)}
LONDON = ZoneInfo("Europe/London")
OFFICER_CONDUCT, GRIEVANCE = ComplaintKind.OFFICER_CONDUCT, ComplaintKind.COUNCILLOR_CONDUCT
CODE, FRAUD = ComplaintKind.CODE_OF_CONDUCT, ComplaintKind.FRAUD


def refused(error, match, raise_it) -> None:
    with pytest.raises(error, match=match):
        raise_it()
    assert Complaint.objects.count() == 0
    assert ComplaintEvent.objects.count() == 0


def told(person) -> list[str]:
    return sorted(Notification.objects.filter(recipient=person).values_list("subject",
                                                                             flat=True))


# References and the first stage.

def test_references_run_cmp_year_number(raise_case):
    first, second = raise_case(), raise_case(GRIEVANCE)
    year = timezone.localdate().year
    assert (first.reference, second.reference) == (f"CMP-{year}-00001", f"CMP-{year}-00002")


def test_the_reference_takes_the_year_the_case_was_received(raise_case):
    complaint = raise_case(now=datetime(2025, 12, 31, 23, 30, tzinfo=LONDON))
    assert complaint.reference == "CMP-2025-00001"


def test_a_complaint_goes_to_stage_one_with_its_history_and_the_people_told(
        council, raise_case, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = raise_case(summary="  Rude on the phone  ")
    assert complaint.summary == "Rude on the phone"
    assert complaint.state == State.WITH_HANDLER
    assert (complaint.stage_position, complaint.stage_count) == (1, 2)  # westminster
    assert complaint.stage_title == "The Director of the service where the fault lies"
    assert complaint.handler == council.director
    assert complaint.subject_told  # westminster's stage 1 tells the officer
    event = complaint.events.get()
    assert (event.action, event.from_state, event.to_state, event.actor) == (
        "raised", "-", State.WITH_HANDLER, council.councillor)
    assert event.reason == f"Sent to {council.director} (The Director of the service where " \
                           "the fault lies)."
    assert list(Handling.objects.values_list("handler", "stage_position")) == [
        (council.director.pk, 1)]
    # The complainant, the handler, the officer it is about (told at this stage) and the
    # Monitoring Officer, from the case's facts (rules.can_view).
    assert readers(complaint) == {council.councillor, council.director, council.officer,
                                  council.monitoring_officer}
    ref = complaint.reference
    assert told(council.councillor) == [f"{ref}: your case has been received"]
    assert told(council.director) == [f"{ref}: a case for you to handle"]
    assert told(council.officer) == [f"{ref}: a case about you"]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        p.email for p in (council.councillor, council.director, council.officer))


def test_a_subject_not_told_at_stage_one_hears_nothing(council, activate, raise_case):
    # Harrow's grievance stage 1 (the officer's Director, 000 §3.4) does not tell them.
    activate("harrow")
    complaint = raise_case(GRIEVANCE)
    assert complaint.handler == council.director
    assert not complaint.subject_told
    assert told(council.councillor) == []


# Who may raise which kind (001 §11.2, §11.3; 002; 003 §31.3).

def test_only_councillors_complain_about_an_officer(council, raise_case):
    refused(NotAllowed, "Only councillors raise complaints about an officer",
            lambda: raise_case(OFFICER_CONDUCT, by=council.head_of_service))


def test_a_complaint_about_an_officer_must_name_an_officer(council, raise_case):
    refused(ComplaintError, "Choose the officer the complaint is about",
            lambda: raise_case(OFFICER_CONDUCT, about=council.other_councillor))
    refused(ComplaintError, "Choose the officer the complaint is about",
            lambda: raise_case(OFFICER_CONDUCT, about=None))


def test_only_officers_raise_grievances_about_a_councillor(council, raise_case):
    refused(NotAllowed, "Only officers raise grievances about a councillor's conduct",
            lambda: raise_case(GRIEVANCE, by=council.other_councillor))


def test_a_grievance_or_code_complaint_must_name_a_councillor(council, raise_case):
    refused(ComplaintError, "Choose the councillor the case is about",
            lambda: raise_case(GRIEVANCE, about=council.director))
    refused(ComplaintError, "Choose the councillor the case is about",
            lambda: raise_case(CODE, by=council.councillor, about=council.officer))


def test_a_concern_about_the_clerk_must_name_the_clerk(parish, activate, raise_case):
    activate("parish-model")
    refused(ComplaintError, "A concern about the Clerk must name the Clerk",
            lambda: raise_case(ComplaintKind.CLERK_CONCERN, about=parish.officer))
    assert raise_case(ComplaintKind.CLERK_CONCERN).handler == parish.civic_head


def test_a_kind_the_profile_has_no_route_for_is_refused(council, raise_case):
    # Westminster has no ladder for concerns about a parish Clerk.
    refused(ComplaintError, "no route for that kind of case",
            lambda: raise_case(ComplaintKind.CLERK_CONCERN, about=council.officer))


def test_someone_with_no_post_raises_nothing(council, raise_case):
    outsider = UserFactory(username="outsider")
    for kind, about in ((FRAUD, None), (CODE, council.councillor),
                        (OFFICER_CONDUCT, council.officer),
                        (GRIEVANCE, council.councillor)):
        refused(NotAllowed, "Only", lambda k=kind, a=about: raise_case(k, by=outsider, about=a))


def test_nobody_raises_a_case_about_themselves(council, raise_case):
    refused(ComplaintError, "You cannot raise a case about yourself",
            lambda: raise_case(CODE, by=council.councillor, about=council.councillor))
    refused(ComplaintError, "You cannot raise a case about yourself",
            lambda: raise_case(FRAUD, by=council.officer, about=council.officer))


def test_a_councillor_may_make_a_code_of_conduct_complaint_about_another(council, raise_case):
    complaint = raise_case(CODE, by=council.other_councillor)
    assert complaint.handler == council.monitoring_officer
    assert complaint.stage_title == "The Monitoring Officer (formal written complaint)"


# The Code of Conduct window (profile.conduct_complaint_window_months).

def test_a_code_complaint_needs_the_date_of_the_conduct(raise_case):
    refused(ComplaintError, "Enter the date of the conduct",
            lambda: raise_case(CODE, conduct_date=None))
    refused(ComplaintError, "must be today or in the past",
            lambda: raise_case(CODE, conduct_date=timezone.localdate() + timedelta(days=1)))


def test_conduct_older_than_the_window_is_refused_at_intake(raise_case):
    today = timezone.localdate()
    refused(ComplaintError, "in the last 6 months",
            lambda: raise_case(CODE, conduct_date=today - relativedelta(months=6, days=1)))
    on_the_edge = raise_case(CODE, conduct_date=today - relativedelta(months=6))
    assert on_the_edge.conduct_date == today - relativedelta(months=6)


def test_the_window_is_the_profiles(raise_case):
    ProtocolProfile.objects.filter(is_active=True).update(conduct_complaint_window_months=3)
    refused(ComplaintError, "in the last 3 months",
            lambda: raise_case(CODE, conduct_date=timezone.localdate()
                               - relativedelta(months=4)))


def test_the_window_is_for_code_of_conduct_complaints_only(council, raise_case):
    complaint = raise_case(GRIEVANCE, conduct_date=date(2020, 1, 1))
    assert complaint.conduct_date == date(2020, 1, 1)


# Informal resolution first (001 §11.1, 002 'If things go wrong').

def test_informal_resolution_first_when_the_parties_agree(council, raise_case):
    complaint = raise_case(try_informal=True)
    assert complaint.state == State.INFORMAL
    assert complaint.handler == council.director  # who tries to resolve it
    event = complaint.events.get()
    assert event.to_state == State.INFORMAL
    assert event.reason.startswith("Informal resolution agreed first. ")


def test_no_informal_stage_unless_the_complainant_agrees(raise_case):
    assert raise_case(try_informal=False).state == State.WITH_HANDLER


def test_no_informal_stage_where_the_profile_does_not_put_it_first(raise_case):
    ProtocolProfile.objects.filter(is_active=True).update(informal_resolution_first=False)
    assert raise_case(try_informal=True).state == State.WITH_HANDLER


def test_fraud_and_code_of_conduct_are_never_informal(council, raise_case):
    assert raise_case(FRAUD, try_informal=True).state == State.WITH_HANDLER
    assert raise_case(CODE, try_informal=True).state == State.WITH_HANDLER


# Fraud, corruption or malpractice (003 §31.3(3)).

def test_fraud_goes_to_the_chief_executive_and_the_monitoring_officer(governance, raise_case):
    c = governance
    complaint = raise_case(FRAUD, about=c.officer)
    assert complaint.handler == c.chief_executive
    assert not complaint.subject_told
    assert readers(complaint) == {c.councillor, c.chief_executive, c.monitoring_officer}
    assert told(c.monitoring_officer) == [f"{complaint.reference}: a case for you to handle"]
    assert told(c.officer) == [] and told(c.cfo) == []


def test_fraud_involving_money_goes_to_the_chief_finance_officer_too(governance, raise_case):
    c = governance
    complaint = raise_case(FRAUD, about=c.officer, money_involved=True)
    assert readers(complaint) == {c.councillor, c.chief_executive, c.monitoring_officer,
                                  c.cfo}
    assert told(c.cfo) == [f"{complaint.reference}: a case for you to handle"]
    assert told(c.officer) == []


def test_the_subject_of_a_fraud_concern_is_never_told_even_at_the_top(governance, raise_case):
    c = governance
    about_ce = raise_case(FRAUD, about=c.chief_executive, money_involved=True)
    assert about_ce.handler == c.monitoring_officer
    assert c.chief_executive not in readers(about_ce)
    assert told(c.chief_executive) == []
    about_cfo = raise_case(FRAUD, about=c.cfo, money_involved=True)
    assert about_cfo.handler == c.chief_executive
    assert c.cfo not in readers(about_cfo)
    assert told(c.cfo) == [f"{about_ce.reference}: a case for you to handle"]


def test_a_fraud_route_stage_telling_the_subject_is_overridden(council, raise_case):
    # Even if a council ticks "subject told" on its fraud ladder, this system never tells.
    ProtocolProfile.objects.get(is_active=True).stages.filter(kind=FRAUD).update(
        subject_told=True)
    complaint = raise_case(FRAUD, about=council.officer)
    assert not complaint.subject_told
    assert told(council.officer) == []


def test_nothing_is_saved_when_nobody_can_handle_stage_one(council):
    # A Code of Conduct complaint goes to the Monitoring Officer, then the Chief Executive:
    # raised by the Monitoring Officer on a council whose Chief Executive has left, nobody
    # fair is left in post.
    Post.objects.filter(holder=council.chief_executive).delete()
    entered = NewComplaint(kind=CODE, summary="Abusive email", details="Sent to all staff.",
                           subject_person=council.councillor,
                           conduct_date=timezone.localdate())
    refused(ComplaintError, "Nobody in post can fairly handle this stage",
            lambda: complaint_raise(complainant=council.monitoring_officer, entered=entered))
    assert Handling.objects.count() == 0
