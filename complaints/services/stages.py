"""Moving a case along its route: informal resolution, outcomes, escalation by a
dissatisfied complainant or referral by the handler, the final decision, withdrawal, and
the Code of Conduct steps (Independent Person, the subject's response)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from complaints.errors import ComplaintError, NotAllowed
from complaints.models import Complaint, Outcome
from complaints.services.common import (
    Stage,
    check_transition,
    locked,
    move,
    panel_informed,
    record,
    route_stage,
    save,
    skipped_note,
    start_handling,
    tell,
)
from complaints.services.mo_choice import monitoring_officer_decides
from protocol.council.selectors import active_profile
from protocol.machinery.reminders import cancel_pending
from protocol.models import ComplaintKind, User

FINAL_FIELDS = ("outcome", "outcome_reasons", "closed_at")


def _need(reason: str, what: str) -> str:
    if not reason.strip():
        raise ComplaintError(f"Enter {what}.")
    return reason.strip()


def complaint_resolve_informally(*, complaint: Complaint, actor: User, reasons: str,
                                 version: int | None = None) -> Complaint:
    """Informal resolution worked: a recorded outcome, not a skipped step (DESIGN)."""
    reasons = _need(reasons, "how the matter was resolved")
    with transaction.atomic():
        complaint = locked(complaint, version)
        before = move(complaint.resolve_informally, actor,
                      "Only a case in informal resolution can be resolved informally.",
                      *FINAL_FIELDS, at=timezone.now(), reasons=reasons)
        cancel_pending(complaint.reminders.all())
        event = record(complaint, actor=actor, action="resolved informally", reason=reasons,
                       from_state=before)
        tell([complaint.complainant, complaint.handler], event, "resolved informally", reasons)
    return complaint


def complaint_go_formal(*, complaint: Complaint, actor: User, reason: str,
                        version: int | None = None) -> Complaint:
    """Informal resolution did not work: the formal route starts at stage 1."""
    reason = _need(reason, "why informal resolution did not resolve it")
    with transaction.atomic():
        complaint = locked(complaint, version)
        before = move(complaint.go_formal, actor, "Only a case in informal resolution can "
                      "move to the formal route.")
        event = record(complaint, actor=actor, action="informal resolution ended",
                       reason=reason, from_state=before)
        tell([complaint.complainant, complaint.handler], event, "formal route started", reason)
    return complaint


def complaint_give_outcome(*, complaint: Complaint, actor: User, outcome: str, reasons: str,
                           version: int | None = None) -> Complaint:
    """The handler's outcome at this stage; the complainant may accept or escalate, or,
    at the last stage, it is the decision."""
    reasons = _need(reasons, "the reasons for the outcome")
    if outcome not in Outcome.values or outcome in (Outcome.REFERRED, Outcome.WITHDRAWN,
                                                    Outcome.RESOLVED_INFORMALLY):
        raise ComplaintError("Choose an outcome.")
    with transaction.atomic():
        complaint = locked(complaint, version)
        last = complaint.stage_position >= complaint.stage_count
        method = complaint.decide if last else complaint.give_outcome
        check_transition(method, actor, _outcome_refusal(complaint))
        before = complaint.state
        if last:
            complaint.decide(outcome=outcome, reasons=reasons, at=timezone.now())
        else:
            complaint.give_outcome(outcome=outcome, reasons=reasons)
        save(complaint, *FINAL_FIELDS)
        cancel_pending(complaint.reminders.all())
        event = record(complaint, actor=actor, from_state=before, reason=reasons,
                       action=f"{'decision' if last else 'outcome'}: "
                       f"{complaint.get_outcome_display()}")
        people = [complaint.complainant, complaint.subject_person if complaint.subject_told
                  else None]
        tell(people, event, "decision" if last else "outcome",
             f"{complaint.stage_title}: {complaint.get_outcome_display()}.\n{reasons}")
    return complaint


def _outcome_refusal(complaint: Complaint) -> str:
    if (complaint.kind == ComplaintKind.CODE_OF_CONDUCT
            and complaint.independent_person_consulted_at is None):
        return ("Record the consultation of the Independent Person before deciding a Code of "
                "Conduct complaint.")
    return "An outcome can only be given while the case is with its handler."


def complaint_accept(*, complaint: Complaint, actor: User,
                     version: int | None = None) -> Complaint:
    """The complainant is satisfied with the outcome: the case closes."""
    with transaction.atomic():
        complaint = locked(complaint, version)
        before = move(complaint.accept_outcome, actor, "There is no outcome to accept.",
                      "closed_at", at=timezone.now())
        event = record(complaint, actor=actor, action="outcome accepted", from_state=before)
        tell([complaint.handler], event, "outcome accepted",
             f"{actor} accepted the outcome. The case is closed.")
    return complaint


def move_to(complaint: Complaint, actor: User, reason: str, stage: Stage,
            transition: Callable[..., None], verb: str) -> Complaint:
    """Take the case to `stage` by `transition`, and say so to everyone on it."""
    now = timezone.now()
    before, previous = complaint.state, complaint.handler
    transition(position=stage.position, stage_title=stage.title, handler=stage.handler, at=now,
         due_on=stage.due_on,
         subject_told=stage.subject_told and complaint.kind != ComplaintKind.FRAUD)
    complaint.stage_count = stage.count
    save(complaint, "stage_position", "stage_count", "stage_title", "handler",
         "stage_started_at", "stage_due_on", "subject_told", "outcome")
    start_handling(complaint, stage, now)
    informed = panel_informed(complaint, stage)
    event = record(complaint, actor=actor, from_state=before,
                   reason=reason + skipped_note(stage),
                   action=f"{verb} to stage {stage.position}: {stage.title}")
    tell([stage.handler, *informed], event, "a case for you to handle",
         f"{complaint.get_kind_display()}: \"{complaint.summary}\" now needs you "
         f"({stage.title}). Reason: {reason}")
    tell([complaint.complainant, previous], event, f"moved to {stage.title}",
         f"The case is now with {stage.handler}. Reason: {reason}")
    if complaint.subject_told:
        tell([complaint.subject_person], event, f"moved to {stage.title}",
             f"A case that concerns you is now with {stage.handler}.")
    return complaint


def _move_on(complaint: Complaint, actor: User, reason: str, *, by_handler: bool) -> Complaint:
    profile = active_profile()
    if monitoring_officer_decides(profile, complaint):
        raise ComplaintError("The Monitoring Officer decides whether this case goes further, "
                             "and records it as their decision. You can ask them to.")
    stage = route_stage(profile, complaint, complaint.stage_position, timezone.now())
    move = complaint.refer_on if by_handler else complaint.escalate
    return move_to(complaint, actor, reason, stage, move,
                   "referred" if by_handler else "escalated")


def complaint_escalate(*, complaint: Complaint, actor: User, reason: str,
                       version: int | None = None) -> Complaint:
    """The complainant is not satisfied with the outcome: the next stage of the route
    (001 §11.2). Refused where the route has no further stage, or where the Monitoring
    Officer decides (001 §11.3)."""
    reason = _need(reason, "why you are not satisfied with the outcome")
    with transaction.atomic():
        complaint = locked(complaint, version)
        check_transition(complaint.escalate, actor, "The route allows no further escalation "
                         "from here: the decision at this stage is final.")
        return _move_on(complaint, actor, reason, by_handler=False)


def complaint_refer_on(*, complaint: Complaint, actor: User, reason: str,
                       version: int | None = None) -> Complaint:
    """The handler sends the case to the next stage (for a case about a councillor that
    has reached the Monitoring Officer, their decision instead: discretion.py)."""
    reason = _need(reason, "why the case goes to the next stage")
    with transaction.atomic():
        complaint = locked(complaint, version)
        check_transition(complaint.refer_on, actor, "The route has no further stage to refer "
                         "this case to.")
        return _move_on(complaint, actor, reason, by_handler=True)


def complaint_withdraw(*, complaint: Complaint, actor: User, reason: str = "",
                       version: int | None = None) -> Complaint:
    with transaction.atomic():
        complaint = locked(complaint, version)
        before = move(complaint.withdraw, actor, "Only an open case can be withdrawn.",
                      "outcome", "closed_at", at=timezone.now())
        cancel_pending(complaint.reminders.all())
        event = record(complaint, actor=actor, action="withdrawn", reason=reason.strip(),
                       from_state=before)
        tell([complaint.handler], event, "withdrawn", f"{actor} withdrew the case.")
    return complaint


def _code_of_conduct_handler(complaint: Complaint, actor: User) -> None:
    if complaint.kind != ComplaintKind.CODE_OF_CONDUCT:
        raise ComplaintError("This step is for Code of Conduct complaints.")
    if complaint.handler_id != actor.pk or not complaint.is_open:
        raise NotAllowed("Only the handler of an open case records this step.")


def complaint_consult_independent_person(*, complaint: Complaint, actor: User, note: str,
                                         version: int | None = None) -> Complaint:
    """The Monitoring Officer's consultation of the Independent Person, a recorded step."""
    note = _need(note, "what the Independent Person advised")
    with transaction.atomic():
        complaint = locked(complaint, version)
        _code_of_conduct_handler(complaint, actor)
        complaint.independent_person_consulted_at = timezone.now()
        save(complaint, "independent_person_consulted_at")
        record(complaint, actor=actor, action="Independent Person consulted", reason=note)
    return complaint


def complaint_request_response(*, complaint: Complaint, actor: User, due_on: date,
                               version: int | None = None) -> Complaint:
    """The councillor complained about is told and given a date to respond by."""
    if due_on <= timezone.localdate():
        raise ComplaintError("The date to respond by must be in the future.")
    with transaction.atomic():
        complaint = locked(complaint, version)
        _code_of_conduct_handler(complaint, actor)
        complaint.subject_response_due_on = due_on
        complaint.subject_told = True
        save(complaint, "subject_response_due_on", "subject_told")
        event = record(complaint, actor=actor, action="response requested",
                       reason=f"{complaint.subject_person} to respond by {due_on:%d %B %Y}.")
        tell([complaint.subject_person], event, "please respond",
             f"A Code of Conduct complaint has been made about you. Please respond to "
             f"{actor} by {due_on:%A %d %B %Y}.")
    return complaint
