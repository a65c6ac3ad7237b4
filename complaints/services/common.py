"""Shared steps of complaint services: lock, check, route a stage, record, notify."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from casework.models import Enquiry, EnquiryAccess
from complaints.errors import ERRORS, ComplaintError
from complaints.models import (
    Complaint,
    ComplaintAccess,
    ComplaintEvent,
    ComplaintReminder,
    Handling,
)
from protocol.council.calendar import deadline
from protocol.council.rules.escalation import (
    Holders,
    Person,
    choose_handler,
    first_stage_role,
    stages_ahead,
)
from protocol.council.selectors import closure_days, complaint_holders, holder_of, person_facts
from protocol.machinery import services as steps
from protocol.machinery.access import AccessReason, give_access
from protocol.machinery.reminders import cancel_pending
from protocol.models import (
    ComplaintKind,
    EscalationStage,
    HandlerRole,
    PostKind,
    ProtocolProfile,
    User,
)
from registers.selectors import conflicted_with

STAGE_OVERDUE = "stage_overdue"
ABOUT_COUNCILLORS = (ComplaintKind.COUNCILLOR_CONDUCT, ComplaintKind.CODE_OF_CONDUCT)


def locked(complaint: Complaint | int, expected_version: int | None = None) -> Complaint:
    """The case, re-read under a row lock; refuses a stale form (optimistic check)."""
    pk = complaint.pk if isinstance(complaint, Complaint) else complaint
    return steps.locked(Complaint, pk, expected_version, errors=ERRORS)


def check_transition(method: Callable[..., Any], actor: User, refusal: str) -> None:
    """Refuse a move this person may not make; then one the state or the route's
    conditions refuse (so whoever may act hears why the route says no)."""
    steps.check_transition(method, actor, refusal, errors=ERRORS)


def save(complaint: Complaint, *fields: str) -> None:
    """Save the changed fields and move the version on."""
    steps.bump(complaint, *fields)


# Check and make a transition, save it with the fields given: the state it left.
move = steps.move_with(ERRORS, save)


def record(complaint: Complaint, *, actor: User | None, action: str, reason: str = "",
           from_state: str = "", at: datetime | None = None) -> ComplaintEvent:
    """Append who, when (default: now), from, to and why to the case's history, linked to
    the event before (hash chain)."""
    return steps.record(complaint, ComplaintEvent(
        complaint=complaint, at=at or timezone.now(), actor=actor, action=action, reason=reason,
        from_state=from_state, to_state=complaint.state if from_state else "",
        stage_position=complaint.stage_position))


def tell(people: Iterable[User | None], event: ComplaintEvent, subject: str, body: str) -> None:
    """Email each person once about this event (after commit)."""
    complaint = event.complaint
    steps.tell(people, key=f"complaint-event:{event.pk}",
               subject=f"{complaint.reference}: {subject}", body=body,
               url=complaint.get_absolute_url())


@dataclass(frozen=True)
class Stage:
    position: int
    count: int  # the last stage this case can still reach (stages_ahead)
    title: str
    handler: User
    due_on: date | None
    subject_told: bool
    role: str = ""
    skipped: tuple[str, ...] = ()  # the titles of stages before it nobody can fairly take


def ladder(profile: ProtocolProfile, kind: str) -> list[EscalationStage]:
    return list(profile.stages.filter(kind=kind).order_by("position"))


def route_stage(profile: ProtocolProfile, complaint: Complaint, after: int,
                now: datetime, conflicts: frozenset[int] = frozenset()) -> Stage:
    """The first stage after position `after` that someone can fairly take, its handler
    and limits (a stage nobody can fairly take is skipped: stages_ahead)."""
    stages = ladder(profile, complaint.kind)
    if not 0 <= after < len(stages):
        raise ComplaintError("The protocol's route for this kind of case has no further stage.")
    subject = _subject(complaint)
    roles = ladder_roles(stages, complaint.kind, subject)
    ahead = stages_ahead(roles, _holders(complaint), subject=subject,
                         excluded=_excluded(complaint, conflicts), after=after)
    if not ahead:
        raise ComplaintError("Nobody in post can fairly handle this stage. Tell the "
                             "Monitoring Officer; nothing has been changed.")
    position, chosen = ahead[0]
    stage, role = stages[position - 1], roles[position - 1]
    # A special route (e.g. a complaint about the Chief Executive) names its own handler.
    title = stage.title if role == stage.handler else HandlerRole(role).label
    return Stage(position, ahead[-1][0], title, User.objects.get(pk=chosen.user_id),
                 _due(profile, stage, now), stage.subject_told, role,
                 tuple(s.title for s in stages[after:position - 1]))


def fair_handler(complaint: Complaint, role: str) -> Person | None:
    """Who, if anyone, the chain of `role` gives to fairly take this case now (the subject,
    those they manage, earlier handlers, the complainant and the conflicted never)."""
    return choose_handler(role, _holders(complaint), subject=_subject(complaint),
                          excluded=_excluded(complaint, frozenset()))


def route_chosen(profile: ProtocolProfile, complaint: Complaint, position: int, role: str,
                 title: str, now: datetime) -> Stage:
    """Stage `position` taken by the chain of `role` (someone's decision, e.g. the
    Monitoring Officer's, 001 §11.3), fairness applied as in route_stage."""
    stages, subject = ladder(profile, complaint.kind), _subject(complaint)
    chosen = fair_handler(complaint, role)
    if chosen is None:
        raise ComplaintError("Nobody in post can fairly handle this stage. Tell the "
                             "Monitoring Officer; nothing has been changed.")
    excluded = _excluded(complaint, frozenset()) | {chosen.user_id}
    ahead = stages_ahead(ladder_roles(stages, complaint.kind, subject), _holders(complaint),
                         subject=subject, excluded=excluded, after=position)
    stage = stages[position - 1]
    return Stage(position, ahead[-1][0] if ahead else position, title,
                 User.objects.get(pk=chosen.user_id), _due(profile, stage, now),
                 stage.subject_told, role)


def ladder_roles(stages: list[EscalationStage], kind: str, subject: Person | None
                 ) -> list[str]:
    """The role that takes each stage, stage 1's after the seeds' special cases."""
    roles = [stage.handler for stage in stages]
    if roles:
        roles[0] = first_stage_role(kind, roles[0], subject)
    return roles


def _subject(complaint: Complaint) -> Person | None:
    return person_facts(complaint.subject_person) if complaint.subject_person else None


def _excluded(complaint: Complaint, conflicts: frozenset[int]) -> frozenset[int]:
    earlier = frozenset(Handling.objects.filter(complaint=complaint)
                        .values_list("handler_id", flat=True)) if complaint.pk else frozenset()
    # A handler with a declared close personal relationship with either party (001 §10)
    # has a conflict and is skipped to the next in line.
    declared = conflicted_with([complaint.complainant_id, complaint.subject_person_id])
    return frozenset(earlier | conflicts | declared | {complaint.complainant_id})


def _holders(complaint: Complaint) -> Holders:
    return complaint_holders(complaint.subject_person, complaint.subject_service_id,
                             line=_line(complaint))


def _due(profile: ProtocolProfile, stage: EscalationStage, now: datetime) -> date | None:
    if not stage.time_limit_days:
        return None
    received = timezone.localdate(now)
    return deadline(received, stage.time_limit_days, stage.time_limit_day_kind,
                    profile.nation, closure_days(received)).due


def skipped_note(stage: Stage) -> str:
    """For the history: the stages passed over on the way to this one, and why."""
    return "".join(f" {title}: skipped, as nobody in post can fairly take it."
                   for title in stage.skipped)


def _line(complaint: Complaint) -> User | None:
    """Whose senior officers handle the case. A councillor has no line: for a grievance
    about one, "the relevant Director" is the complaining officer's (000 §3.4), as is "the
    relevant senior officer" (004 'Resolving Disputes')."""
    if complaint.kind in ABOUT_COUNCILLORS:
        return complaint.complainant
    return complaint.subject_person


def start_handling(complaint: Complaint, stage: Stage, now: datetime) -> None:
    """Record who handles this stage, let them see it, and set its reminder."""
    Handling.objects.create(complaint=complaint, handler=stage.handler,
                            stage_position=stage.position, started_at=now)
    _share_source_enquiry(complaint, stage.handler)
    cancel_pending(complaint.reminders.all())
    if stage.due_on:
        ComplaintReminder.objects.get_or_create(
            complaint=complaint, kind=STAGE_OVERDUE, deadline=stage.due_on,
            defaults={"fire_on": stage.due_on + timedelta(days=1)})


def _share_source_enquiry(complaint: Complaint, handler: User) -> None:
    """Each stage's handler may read the enquiry the case was raised from: access given
    on the enquiry (casework.models.EnquiryAccess, which its pages read)."""
    if not complaint.source_enquiry_reference:
        return
    enquiry = Enquiry.objects.filter(reference=complaint.source_enquiry_reference).first()
    if enquiry is not None:
        give_access(EnquiryAccess, case=enquiry, person=handler,
                    reason=AccessReason.COMPLAINT_HANDLER)


def panel_informed(complaint: Complaint, stage: Stage) -> list[User]:
    """At the Leader's stage HR is told and may read the case: the Leader discusses it
    "with the Chief Executive, Monitoring Officer and HR as appropriate" (001 §11.2; the
    others have had it at the earlier stages)."""
    if stage.role != HandlerRole.LEADER_PANEL:
        return []
    hr = holder_of(PostKind.HR)
    if hr is None or hr.pk in (complaint.subject_person_id, complaint.complainant_id):
        return []
    give_access(ComplaintAccess, case=complaint, person=hr, reason=AccessReason.HR_TOLD)
    return [hr]
