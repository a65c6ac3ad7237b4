"""Need-to-know requests: asked with the reason, decided by the officer, disputed to the
Monitoring Officer, and what is provided limited to its purpose (002 'Access to
information', 003 §31.12 and §31.16, 004 "Members' Access")."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from protocol.models import Committee, PostKind, ProtocolProfile, Service, User
from protocol.references import next_reference
from protocol.reminders import cancel_pending
from protocol.selectors import active_profile, holder_of, roles_of
from protocol.submissions import once
from registers import rules
from registers.errors import NotAllowed, RegisterError
from registers.models import (
    DEFAULT_PURPOSE,
    InfoReminderKind,
    InformationRequest,
    InformationRequestReminder,
    InfoState,
)
from registers.selectors import conflicted_with
from registers.services.common import (
    bump,
    check_transition,
    locked,
    record,
    reminder_day,
    response_due,
    tell,
)

PERM = "registers.view_informationrequest"
LINE_ABOVE_SERVICE = (PostKind.DEPUTY_DIRECTOR, PostKind.DIRECTOR, PostKind.EXECUTIVE_DIRECTOR)


@dataclass
class NewInformationRequest:
    what: str
    why: str
    committee: Committee | None = None
    personal_data: bool = False
    justification: str = ""
    third_party: bool = False
    service: Service | None = None
    submission: UUID | None = None  # the form's one-time token (protocol.submissions)


def decision_line(profile: ProtocolProfile, service: Service | None) -> list[User]:
    """Who decides, in order: the Clerk where the profile makes them the single point of
    contact (002); else the service's Head of Service and the officers above it, then the
    Chief Executive."""
    if profile.first_contact_via_proper_officer:
        line = [holder_of(PostKind.PROPER_OFFICER)]
    elif service is not None:
        line = [holder_of(PostKind.HEAD_OF_SERVICE, service=service)]
        line += [holder_of(kind, directorate_id=service.directorate_id)
                 for kind in LINE_ABOVE_SERVICE]
    else:
        line = []
    line += [holder_of(PostKind.CHIEF_EXECUTIVE), holder_of(PostKind.PROPER_OFFICER)]
    return [p for p in dict.fromkeys(line) if p is not None]


def route(profile: ProtocolProfile, councillor: User, service: Service | None
          ) -> tuple[User, list[User]]:
    """The first officer in line with no declared relationship with the councillor (001
    §10), and those passed over."""
    line = decision_line(profile, service)
    conflicted = conflicted_with([councillor])
    chosen = rules.first_unconflicted([p.pk for p in line], conflicted)
    if chosen is None:
        raise RegisterError("Nobody in post can fairly decide this request. Tell the "
                            "Monitoring Officer; nothing has been sent.")
    officer = next(p for p in line if p.pk == chosen)
    return officer, [p for p in line[:line.index(officer)] if p.pk in conflicted]


def information_request_submit(*, councillor: User, entered: NewInformationRequest
                               ) -> InformationRequest:
    """A councillor asks for documents or information, saying why they need to know; once
    per submission of the form."""
    return once(token=entered.submission, actor=councillor,
                create=lambda: _submit(councillor, entered))


def _submit(councillor: User, entered: NewInformationRequest) -> InformationRequest:
    roles = roles_of(councillor)
    if not roles.is_councillor:
        raise NotAllowed("Only councillors make need-to-know requests.")
    if not entered.what.strip() or not entered.why.strip():
        raise RegisterError("Say what you are asking for and why you need to know it.")
    problem = rules.submission_problem(personal_data=entered.personal_data,
                                       justification=entered.justification)
    if problem:
        raise RegisterError(problem)
    now, profile = timezone.now(), active_profile()
    today = timezone.localdate(now)
    due = response_due(profile, entered.service, today)
    committee_id = entered.committee.pk if entered.committee else None
    with transaction.atomic():
        officer, passed_over = route(profile, councillor, entered.service)
        request = InformationRequest.objects.create(
            reference=next_reference("INF", today.year), councillor=councillor,
            what=entered.what.strip(), why=entered.why.strip(), committee=entered.committee,
            need_presumed=rules.need_presumed(roles, committee_id),
            personal_data=entered.personal_data,
            justification=entered.justification.strip() if entered.personal_data else "",
            third_party=entered.third_party, service=entered.service, officer=officer,
            submitted_at=now, received_on=today, due_on=due)
        assign_perm(PERM, officer, request)
        _schedule(request, InfoReminderKind.APPROACHING, due, reminder_day(profile, due, today))
        _schedule(request, InfoReminderKind.EXPIRED, due, due + timedelta(days=1))
        skipped = "".join(f" {p} passed over: a declared relationship (001 §10)."
                          for p in passed_over)
        event = record(request.events, actor=councillor, action="Asked", to_state=request.state,
                       summary=f"Sent to {officer}. Decision due by {due:%d %B %Y}."
                       + (" Need to know presumed: a member of the committee." if
                          request.need_presumed else "") + skipped)
        tell([officer], event, prefix=request.reference, url=request.get_absolute_url(),
             subject="a councillor's need-to-know request",
             body=f"Councillor {councillor} asks for: {request.what}\nWhy: {request.why}\n"
             f"Please decide by {due:%A %d %B %Y}.")
        tell([councillor], event, prefix=request.reference, url=request.get_absolute_url(),
             subject="request received", body=f"Your request is with {officer}. A decision "
             f"is due by {due:%A %d %B %Y}.")
    return request


def _schedule(request: InformationRequest, kind: str, deadline, fire_on) -> None:
    # Unique (request, kind, deadline): scheduling twice is a no-op (protocol.reminders).
    InformationRequestReminder.objects.get_or_create(
        request=request, kind=kind, deadline=deadline, defaults={"fire_on": fire_on})


@dataclass
class InformationDecision:
    outcome: str  # "provided", "partly" or "refused"
    provided: str = ""
    purpose: str = ""
    confidential: bool = False
    ground: str = ""
    reasons: str = ""
    chief_officer_consulted: bool = False


def _check_decision(request: InformationRequest, decision: InformationDecision) -> None:
    if decision.outcome in (InfoState.PROVIDED, InfoState.PARTLY_PROVIDED) and not (
            decision.provided.strip()):
        raise RegisterError("Record what was provided.")
    if decision.outcome in (InfoState.PARTLY_PROVIDED, InfoState.REFUSED):
        if not decision.ground:
            raise RegisterError("Choose the ground for refusing.")
        problem = rules.refusal_problem(request.facts(), decision.ground,
                                        reasons=decision.reasons,
                                        chief_officer_consulted=decision.chief_officer_consulted)
        if problem:
            raise RegisterError(problem)


def information_request_decide(*, request: InformationRequest, actor: User,
                               decision: InformationDecision, version: int | None = None
                               ) -> InformationRequest:
    """The officer decides: provided, provided in part, or refused on a ground (002: the
    need to know 'must be determined by the officer')."""
    with transaction.atomic():
        request = locked(InformationRequest, request.pk, version,
                         ("councillor", "service", "committee"))
        _check_decision(request, decision)
        before, now = request.state, timezone.now()
        purpose = decision.purpose.strip() or DEFAULT_PURPOSE
        match decision.outcome:
            case InfoState.PROVIDED:
                check_transition(request.provide, actor, "This request is not awaiting a "
                                 "decision.")
                request.provide(at=now, provided=decision.provided.strip(), purpose=purpose,
                                confidential=decision.confidential)
            case InfoState.PARTLY_PROVIDED:
                check_transition(request.provide_part, actor, "This request is not awaiting "
                                 "a decision.")
                request.provide_part(at=now, provided=decision.provided.strip(),
                                     purpose=purpose, confidential=decision.confidential,
                                     ground=decision.ground, reasons=decision.reasons.strip())
            case InfoState.REFUSED:
                check_transition(request.refuse, actor, "Only a request awaiting its first "
                                 "decision can be refused; after the Monitoring Officer "
                                 "directs release, provide it.")
                request.refuse(at=now, ground=decision.ground, reasons=decision.reasons.strip())
            case _:
                raise RegisterError("Choose provided, provided in part or refused.")
        bump(request, "provided", "purpose", "confidential", "decided_at", "answered_in_time",
             "refusal_ground", "refusal_reasons")
        cancel_pending(request.reminders.exclude(kind=InfoReminderKind.DISPUTE_OVERDUE))
        event = record(request.events, actor=actor, action=request.get_state_display(),
                       from_state=before, to_state=request.state,
                       summary=_decision_summary(request))
        tell([request.councillor], event, prefix=request.reference,
             url=request.get_absolute_url(), subject=request.get_state_display().lower(),
             body=_decision_summary(request) + "\nSign in to read it"
             + (" and acknowledge the purpose it may be used for." if request.provided
                else "; you may dispute a refusal with the Monitoring Officer."))
    return request


def _decision_summary(request: InformationRequest) -> str:
    parts = []
    if request.provided:
        parts.append(("Confidential material provided. " if request.confidential else
                      "Provided. ") + f"Purpose: {request.purpose}")
    if request.refusal_ground:
        parts.append(f"Refused ({request.get_refusal_ground_display()}): "
                     f"{request.refusal_reasons}")
    return " ".join(parts)


def information_request_acknowledge(*, request: InformationRequest, actor: User
                                    ) -> InformationRequest:
    """The councillor acknowledges that what was provided is used only for its purpose and,
    where marked, kept confidential (002; 003 §31.16)."""
    with transaction.atomic():
        request = locked(InformationRequest, request.pk)
        if request.councillor_id != actor.pk:
            raise NotAllowed("Only the councillor who asked acknowledges the purpose.")
        if not request.provided:
            raise RegisterError("Nothing has been provided to acknowledge.")
        if request.acknowledged_at is not None:
            raise RegisterError("You have already acknowledged this.")
        request.acknowledged_at = timezone.now()
        request.version += 1
        request.save(update_fields=["acknowledged_at", "version"])
        record(request.events, actor=actor, action="Purpose acknowledged",
               summary=f"Will be used only for: {request.purpose}"
               + (" Kept confidential (003 §31.16)." if request.confidential else ""))
    return request


def information_request_dispute(*, request: InformationRequest, actor: User, reasons: str,
                                version: int | None = None) -> InformationRequest:
    """The councillor disputes a refusal; the Monitoring Officer decides (004)."""
    if not reasons.strip():
        raise RegisterError("Say why you dispute the refusal.")
    monitoring_officer = holder_of(PostKind.MONITORING_OFFICER)
    if monitoring_officer is None:
        raise RegisterError("No Monitoring Officer is in post to decide a dispute.")
    with transaction.atomic():
        request = locked(InformationRequest, request.pk, version, ("officer",))
        check_transition(request.dispute, actor, "Only a refusal can be disputed.")
        before, now, profile = request.state, timezone.now(), active_profile()
        due = response_due(profile, None, timezone.localdate(now))
        request.dispute(at=now, reasons=reasons.strip(), due_on=due)
        bump(request, "dispute_reasons", "disputed_at", "dispute_due_on")
        _schedule(request, InfoReminderKind.DISPUTE_OVERDUE, due, due + timedelta(days=1))
        event = record(request.events, actor=actor, action="Disputed", from_state=before,
                       to_state=request.state, summary=reasons.strip())
        tell([monitoring_officer, request.officer], event, prefix=request.reference,
             url=request.get_absolute_url(), subject="a refusal disputed",
             body=f"Councillor {actor} disputes the refusal: {reasons.strip()}\nThe "
             f"Monitoring Officer decides, by {due:%A %d %B %Y}.")
    return request


def information_request_resolve(*, request: InformationRequest, actor: User, release: bool,
                                reasons: str, version: int | None = None
                                ) -> InformationRequest:
    """The Monitoring Officer decides the dispute, with reasons (004 "Members' Access")."""
    if not reasons.strip():
        raise RegisterError("Enter the reasons for your decision.")
    with transaction.atomic():
        request = locked(InformationRequest, request.pk, version,
                         ("officer", "councillor", "service"))
        method = request.direct_release if release else request.uphold_refusal
        check_transition(method, actor, "Only a disputed request can be decided.")
        before = request.state
        method(at=timezone.now(), reasons=reasons.strip())
        bump(request, "mo_reasons", "mo_decided_at")
        cancel_pending(request.reminders.all())
        if release:
            # The officer now provides it, within the response time again.
            profile, today = active_profile(), timezone.localdate()
            due = response_due(profile, request.service, today)
            _schedule(request, InfoReminderKind.APPROACHING, due,
                      reminder_day(profile, due, today))
            _schedule(request, InfoReminderKind.EXPIRED, due, due + timedelta(days=1))
        event = record(request.events, actor=actor, action=request.get_state_display(),
                       from_state=before, to_state=request.state, summary=reasons.strip())
        tell([request.councillor, request.officer], event, prefix=request.reference,
             url=request.get_absolute_url(), subject=request.get_state_display().lower(),
             body=f"{request.get_state_display()}: {reasons.strip()}"
             + ("\nThe officer will now provide it." if release else ""))
    return request


def information_request_withdraw(*, request: InformationRequest, actor: User,
                                 version: int | None = None) -> InformationRequest:
    with transaction.atomic():
        request = locked(InformationRequest, request.pk, version)
        check_transition(request.withdraw, actor, "Only an undecided request can be "
                         "withdrawn.")
        request.withdraw()
        bump(request)
        cancel_pending(request.reminders.all())
        record(request.events, actor=actor, action="Withdrawn",
               from_state=InfoState.SUBMITTED, to_state=request.state)
    return request
