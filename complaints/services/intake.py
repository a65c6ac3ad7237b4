"""Raising a complaint, grievance or concern: who may raise which kind, the Code of
Conduct time window, informal resolution first, and stage 1's fair handler."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from complaints.errors import ComplaintError, NotAllowed
from complaints.models import Complaint, ComplaintEvent, State
from complaints.services.common import (
    ladder,
    record,
    route_stage,
    skipped_note,
    start_handling,
    tell,
)
from protocol.council.selectors import active_profile, holder_of, roles_of
from protocol.machinery.references import next_reference
from protocol.machinery.submissions import once
from protocol.models import ComplaintKind, PostKind, Service, User

# Kinds where informal resolution is not offered: a fraud concern must be investigated, and
# a formal Code of Conduct complaint follows the statutory arrangements (Localism Act 2011).
FORMAL_ONLY = (ComplaintKind.FRAUD, ComplaintKind.CODE_OF_CONDUCT)


@dataclass
class NewComplaint:
    kind: str
    summary: str
    details: str
    subject_person: User | None = None
    subject_service: Service | None = None
    conduct_date: date | None = None
    money_involved: bool = False
    try_informal: bool = False
    source_enquiry_reference: str = ""
    submission: UUID | None = None  # the form's one-time token (protocol.machinery.submissions)


def check_parties(complainant: User, entered: NewComplaint) -> None:
    """Who may raise which kind, about whom (001 §11.2 and §11.3, 002, 003 §31.3)."""
    mine, subject = roles_of(complainant), entered.subject_person
    theirs = roles_of(subject) if subject else None
    if not (mine.is_councillor or mine.is_officer):
        # 001 §11.1: the route is for "Councillors and Officers" to pursue a complaint.
        raise NotAllowed("Only councillors and officers raise cases here.")
    if subject is not None and subject == complainant:
        raise ComplaintError("You cannot raise a case about yourself.")
    kind = entered.kind
    if kind in (ComplaintKind.OFFICER_CONDUCT, ComplaintKind.CLERK_CONCERN):
        if not mine.is_councillor:
            raise NotAllowed("Only councillors raise complaints about an officer.")
        if theirs is None or not theirs.is_officer:
            raise ComplaintError("Choose the officer the complaint is about.")
        if kind == ComplaintKind.CLERK_CONCERN and not theirs.has(PostKind.PROPER_OFFICER):
            raise ComplaintError("A concern about the Clerk must name the Clerk.")
    elif kind in (ComplaintKind.COUNCILLOR_CONDUCT, ComplaintKind.CODE_OF_CONDUCT):
        if kind == ComplaintKind.COUNCILLOR_CONDUCT and not mine.is_officer:
            raise NotAllowed("Only officers raise grievances about a councillor's conduct.")
        if theirs is None or not theirs.is_councillor:
            raise ComplaintError("Choose the councillor the case is about.")


def check_conduct_window(entered: NewComplaint, months: int, today: date) -> None:
    """A Code of Conduct complaint must be about conduct within the profile's window."""
    if entered.kind != ComplaintKind.CODE_OF_CONDUCT:
        return
    if entered.conduct_date is None:
        raise ComplaintError("Enter the date of the conduct you are complaining about.")
    if entered.conduct_date > today:
        raise ComplaintError("The date of the conduct must be today or in the past.")
    if entered.conduct_date < today - relativedelta(months=months):
        raise ComplaintError(f"The conduct must have happened in the last {months} months. "
                             "Talk to the Monitoring Officer about older conduct.")


def complaint_raise(*, complainant: User, entered: NewComplaint,
                    now: datetime | None = None) -> Complaint:
    """Raise a case and send it to stage 1 of the profile's route for its kind; once per
    submission of the form."""
    return once(token=entered.submission, actor=complainant,
                create=lambda: _raise(complainant, entered, now))


def _raise(complainant: User, entered: NewComplaint, now: datetime | None) -> Complaint:
    now = now or timezone.now()
    profile = active_profile()
    if not ladder(profile, entered.kind):
        raise ComplaintError("The council's protocol has no route for that kind of case.")
    check_parties(complainant, entered)
    check_conduct_window(entered, profile.conduct_complaint_window_months,
                         timezone.localdate(now))
    informal = (profile.informal_resolution_first and entered.try_informal
                and entered.kind not in FORMAL_ONLY)
    with transaction.atomic():
        complaint = Complaint(
            reference=next_reference("CMP", now.year), kind=entered.kind,
            complainant=complainant, subject_person=entered.subject_person,
            subject_service=entered.subject_service, summary=entered.summary.strip(),
            details=entered.details.strip(), conduct_date=entered.conduct_date,
            money_involved=entered.money_involved,
            source_enquiry_reference=entered.source_enquiry_reference,
            state=State.INFORMAL if informal else State.WITH_HANDLER, received_at=now,
            stage_started_at=now, stage_count=1, stage_title="")
        stage = route_stage(profile, complaint, 0, now)
        complaint.stage_position, complaint.stage_count = stage.position, stage.count
        complaint.stage_title = stage.title
        complaint.handler, complaint.stage_due_on = stage.handler, stage.due_on
        complaint.subject_told = stage.subject_told and entered.kind != ComplaintKind.FRAUD
        complaint.save()
        start_handling(complaint, stage, now)
        # Those told see it by their posts (rules.can_view), not by a grant of their own.
        informed = _also_informed(complaint)
        event = record(complaint, actor=complainant, action="raised", from_state="-", at=now,
                       reason=("Informal resolution agreed first. " if informal else "")
                       + f"Sent to {stage.handler} ({stage.title})." + skipped_note(stage))
        _tell_raised(complaint, event, informed)
    return complaint


def _also_informed(complaint: Complaint) -> list[User]:
    """A fraud concern goes to the Monitoring Officer too, and to the Chief Finance Officer
    where money is involved (003 §31.3(3)); never to the person it is about, so as not to
    compromise an investigation."""
    if complaint.kind != ComplaintKind.FRAUD:
        return []
    people = [holder_of(PostKind.MONITORING_OFFICER), holder_of(PostKind.CHIEF_EXECUTIVE)]
    if complaint.money_involved:
        people.append(holder_of(PostKind.CHIEF_FINANCE_OFFICER))
    return [p for p in people if p is not None
            and p.pk not in (complaint.handler_id, complaint.subject_person_id)]


def _tell_raised(complaint: Complaint, event: ComplaintEvent, informed: list[User]) -> None:
    tell([complaint.complainant], event, "your case has been received",
         f"Your case \"{complaint.summary}\" is {complaint.reference}. It is with "
         f"{complaint.handler} ({complaint.stage_title}).")
    tell([complaint.handler, *informed], event, "a case for you to handle",
         f"{complaint.get_kind_display()}: \"{complaint.summary}\" ({complaint.stage_title}).")
    if complaint.subject_told:
        tell([complaint.subject_person], event, "a case about you",
             f"A {complaint.get_kind_display().lower()} has been raised that concerns you. "
             f"It is with {complaint.handler}.")
