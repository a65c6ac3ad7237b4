"""A councillor with a personal or other interest in what they ask for is referred to the
Monitoring Officer, who decides before the officer may provide it (004 "Members' Access":
"A councillor should obtain advice from the Monitoring Officer ... where the subject
matter is one in which they have a personal or 'other' interest")."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from protocol.council.selectors import active_profile, holder_of
from protocol.models import PostKind, User
from registers.errors import RegisterError
from registers.models import InformationRequest, TimelineEvent
from registers.services.common import (
    bump,
    check_transition,
    locked,
    record,
    response_due,
    schedule_decision_reminders,
    tell,
)


def refer(request: InformationRequest, councillor: User) -> None:
    """Send a new request to the Monitoring Officer first (inside the submitting
    transaction); the officer's deadline starts once it is cleared."""
    monitoring_officer = holder_of(PostKind.MONITORING_OFFICER)
    if monitoring_officer is None:
        raise RegisterError("No Monitoring Officer is in post to advise on a request in "
                            "which you have an interest. Nothing has been sent.")
    before = request.state
    request.refer()
    bump(request)
    event = record(request.events, actor=councillor, action="Referred to the Monitoring Officer",
                   from_state=before, to_state=request.state,
                   summary="The councillor declared a personal or other interest, so the "
                   "Monitoring Officer decides first whether the officer may provide it.")
    tell([monitoring_officer], event, prefix=request.reference,
         url=request.get_absolute_url(), subject="a request from a councillor with an interest",
         body=f"Councillor {councillor} asks for: {request.what}\nWhy: {request.why}\nThey "
         "have declared a personal or other interest. Decide whether the officer may "
         "provide it.")
    tell([councillor], event, prefix=request.reference, url=request.get_absolute_url(),
         subject="request referred to the Monitoring Officer",
         body="You declared an interest, so the Monitoring Officer will advise before the "
         "officer decides your request.")


def information_request_decide_referral(*, request: InformationRequest, actor: User,
                                        clear: bool, reasons: str,
                                        version: int | None = None) -> InformationRequest:
    """The Monitoring Officer clears the request for the officer to decide, or withholds
    it, with reasons."""
    if not reasons.strip():
        raise RegisterError("Enter the reasons for your decision.")
    with transaction.atomic():
        request = locked(InformationRequest, request.pk, version,
                         ("officer", "councillor", "service"))
        method = request.clear_referral if clear else request.withhold
        check_transition(method, actor, "Only a request referred to the Monitoring Officer "
                         "can be decided here.")
        before, now = request.state, timezone.now()
        if clear:
            profile, today = active_profile(), timezone.localdate(now)
            due = response_due(profile, request.service, today)
            request.clear_referral(at=now, reasons=reasons.strip(), due_on=due)
            schedule_decision_reminders(request, profile, due, today)
        else:
            request.withhold(at=now, reasons=reasons.strip())
        bump(request, "mo_reasons", "mo_decided_at", "due_on")
        event = record(request.events, actor=actor, action=request.get_state_display(),
                       from_state=before, to_state=request.state, summary=reasons.strip())
        _tell_decision(request, event, clear, reasons.strip())
    return request


def _tell_decision(request: InformationRequest, event: TimelineEvent, clear: bool,
                   reasons: str) -> None:
    if clear:
        from registers.services.information import announce

        announce(request, event)
        return
    tell([request.councillor, request.officer], event, prefix=request.reference,
         url=request.get_absolute_url(), subject="withheld on the Monitoring Officer's advice",
         body=f"The Monitoring Officer has advised that it is not provided: {reasons}")
