"""Need-to-know requests: asked with the reason, decided by the officer, disputed to the
Monitoring Officer, and what is provided limited to its purpose (002 'Access to
information', 003 §31.12 and §31.16, 004 "Members' Access")."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from protocol.council.selectors import active_profile, holder_of, roles_of
from protocol.machinery.references import next_reference
from protocol.machinery.reminders import cancel_pending
from protocol.machinery.submissions import once
from protocol.models import Committee, PostKind, Service, User
from registers import rules
from registers.errors import NotAllowed, RegisterError
from registers.models import (
    DEFAULT_PURPOSE,
    InfoReminderKind,
    InformationRequest,
    InformationRequestReminder,
    InfoState,
    TimelineEvent,
)
from registers.services.common import (
    bump,
    check_transition,
    locked,
    move,
    record,
    response_due,
    schedule_decision_reminders,
    tell,
)
from registers.services.referral import refer
from registers.services.routing import route


@dataclass
class NewInformationRequest:
    what: str
    why: str
    committee: Committee | None = None
    personal_data: bool = False
    justification: str = ""
    third_party: bool = False
    service: Service | None = None
    personal_interest: bool = False
    submission: UUID | None = None  # the form's one-time token (protocol.machinery.submissions)


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
            third_party=entered.third_party, personal_interest=entered.personal_interest,
            service=entered.service, officer=officer, submitted_at=now, received_on=today,
            due_on=due)
        skipped = "".join(f" {p} passed over: a declared relationship (001 §10)."
                          for p in passed_over)
        event = record(request.events, actor=councillor, action="Asked", to_state=request.state,
                       summary=f"Sent to {officer}. Decision due by {due:%d %B %Y}."
                       + (" Need to know presumed: a member of the committee." if
                          request.need_presumed else "") + skipped)
        if entered.personal_interest:
            refer(request, councillor)
        else:
            schedule_decision_reminders(request, profile, due, today)
            announce(request, event)
    return request


def announce(request: InformationRequest, event: TimelineEvent) -> None:
    """Ask the officer to decide by the deadline, and tell the councillor who has it."""
    due = f"{request.due_on:%A %d %B %Y}"
    tell([request.officer], event, prefix=request.reference, url=request.get_absolute_url(),
         subject="a councillor's need-to-know request",
         body=f"Councillor {request.councillor} asks for: {request.what}\nWhy: {request.why}"
         f"\nPlease decide by {due}.")
    tell([request.councillor], event, prefix=request.reference,
         url=request.get_absolute_url(), subject="request received",
         body=f"Your request is with {request.officer}. A decision is due by {due}.")


def _schedule(request: InformationRequest, kind: str, deadline: date, fire_on: date) -> None:
    # Unique (request, kind, deadline): scheduling twice is a no-op (protocol.machinery.reminders).
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
    # For a third party (004): public, lawful to share, and not personal data.
    in_public_domain: bool = False
    lawful_to_share: bool = False
    not_personal: bool = False


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
    if decision.outcome in (InfoState.PROVIDED, InfoState.PARTLY_PROVIDED) and (
            problem := rules.third_party_problem(
                third_party=request.third_party, in_public_domain=decision.in_public_domain,
                lawful_to_share=decision.lawful_to_share, not_personal=decision.not_personal)):
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
        if request.third_party and decision.outcome != InfoState.REFUSED:
            request.third_party_cleared_by, request.third_party_cleared_at = actor, now
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
             "refusal_ground", "refusal_reasons", "third_party_cleared_by",
             "third_party_cleared_at")
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
    if request.provided and request.third_party_cleared_by_id:
        parts.append(f"For a third party: {request.third_party_cleared_by} confirmed it is "
                     "public, lawful to share and not personal data.")
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
        cancel_pending(request.reminders.all())
        if release:
            # The officer now provides it, within the response time again (004 "Members'
            # Access"): the request's deadline, which closure days move like any other
            # (registers.services.deadlines).
            profile, today = active_profile(), timezone.localdate()
            request.due_on = response_due(profile, request.service, today)
            schedule_decision_reminders(request, profile, request.due_on, today)
        bump(request, "mo_reasons", "mo_decided_at", "due_on")
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
        before = move(request.withdraw, actor, "Only an undecided request can be withdrawn.")
        cancel_pending(request.reminders.all())
        record(request.events, actor=actor, action="Withdrawn", from_state=before,
               to_state=request.state)
    return request
