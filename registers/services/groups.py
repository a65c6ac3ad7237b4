"""Political groups' requests: asked in writing, decided by the Head of Paid Service, and
when delivered every other group told at once and offered the same (000 §5.3-5.12, 001
§5-7, 003 §31.10, 004 'Party Groups and Officers')."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from protocol.council.selectors import active_profile, holder_of, roles_of
from protocol.machinery.references import next_reference
from protocol.machinery.reminders import cancel_pending
from protocol.machinery.submissions import once
from protocol.models import PoliticalGroup, PostKind, User
from registers import rules
from registers.errors import NotAllowed, RegisterError
from registers.models import (
    Decision,
    FollowUpKind,
    GroupFollowUp,
    GroupNotice,
    GroupRequest,
    GroupRequestKind,
    GroupRequestReminder,
    GroupRequestState,
)
from registers.selectors import group_leaders, register_rules
from registers.services.common import (
    bump,
    check_transition,
    locked,
    move,
    record,
    response_due,
    tell,
)

DECISION_OVERDUE = "decision_overdue"


@dataclass
class NewGroupRequest:
    group: PoliticalGroup
    kind: str
    subject: str
    details: str
    meeting_on: date | None = None
    officer_requested: User | None = None
    considerable_resources: bool = False
    submission: UUID | None = None  # the form's one-time token (protocol.machinery.submissions)


def decision_makers() -> list[User]:
    """The Chief Executive (or a parish's Clerk), and the Monitoring Officer where the
    profile says requests go to both (004)."""
    people = [holder_of(PostKind.CHIEF_EXECUTIVE) or holder_of(PostKind.PROPER_OFFICER)]
    if register_rules().group_requests_to_monitoring_officer:
        people.append(holder_of(PostKind.MONITORING_OFFICER))
    return [p for p in dict.fromkeys(people) if p is not None]


def _check_new(actor: User, entered: NewGroupRequest, today: date) -> None:
    if not register_rules().group_requests_enabled:
        raise RegisterError("The council's protocol has no requests from political groups.")
    if not rules.may_request_for_group(roles_of(actor), entered.group.pk):
        raise NotAllowed("A group asks through its leader: only the leader of "
                         f"{entered.group} can ask on its behalf.")
    if not entered.subject.strip() or not entered.details.strip():
        raise RegisterError("Enter the subject and what the group is asking for.")
    if entered.kind != GroupRequestKind.REPORT and entered.meeting_on is None:
        raise RegisterError("Enter the date of the group meeting.")
    if entered.meeting_on is not None and entered.meeting_on < today:
        raise RegisterError("The group meeting must be today or later.")
    if entered.officer_requested is not None and not roles_of(
            entered.officer_requested).is_officer:
        raise RegisterError(f"{entered.officer_requested} is not a council officer.")


def group_request_submit(*, actor: User, entered: NewGroupRequest) -> GroupRequest:
    """A group's written request, to the Chief Executive (and the Monitoring Officer where
    the profile says so); decided within the profile's response time. Once per submission
    of the form."""
    return once(token=entered.submission, actor=actor, create=lambda: _submit(actor, entered))


def _submit(actor: User, entered: NewGroupRequest) -> GroupRequest:
    now = timezone.now()
    today = timezone.localdate(now)
    _check_new(actor, entered, today)
    deciders = decision_makers()
    if not deciders:
        raise RegisterError("Nobody is in post to decide this request. Tell the council's "
                            "administrator; nothing has been sent.")
    due = response_due(active_profile(), None, today)
    with transaction.atomic():
        request = GroupRequest.objects.create(
            reference=next_reference("GRP", today.year), group=entered.group,
            requested_by=actor, kind=entered.kind, subject=entered.subject.strip(),
            details=entered.details.strip(), meeting_on=entered.meeting_on,
            officer_requested=entered.officer_requested,
            considerable_resources=entered.considerable_resources, submitted_at=now,
            decision_due_on=due)
        GroupRequestReminder.objects.get_or_create(
            request=request, kind=DECISION_OVERDUE, deadline=due,
            defaults={"fire_on": due + timedelta(days=1)})
        event = record(request.events, actor=actor, action="Asked in writing",
                       to_state=request.state,
                       summary=f"{request.get_kind_display()} asked for by {entered.group}. "
                       f"Sent to {' and '.join(map(str, deciders))}; decision due by "
                       f"{due:%d %B %Y}.")
        tell(deciders, event, prefix=request.reference, url=request.get_absolute_url(),
             subject=f"request from {entered.group}",
             body=f"{entered.group} asks for {request.get_kind_display().lower()}: "
             f"\"{request.subject}\". Please decide by {due:%A %d %B %Y}.")
    return request


def group_request_discuss_resources(*, request: GroupRequest, actor: User, note: str,
                                    version: int | None = None) -> GroupRequest:
    """Record what the group leaders and the Head of Paid Service agreed where the resource
    implications are considerable (000 §5.3, 001 §5.3)."""
    if not note.strip():
        raise RegisterError("Enter what was discussed and agreed with the group leaders.")
    if not rules.heads_paid_service(roles_of(actor)):
        raise NotAllowed("Only the Head of Paid Service records this discussion.")
    with transaction.atomic():
        request = locked(GroupRequest, request.pk, version)
        if request.state != GroupRequestState.SUBMITTED:
            raise RegisterError("This request has already been decided.")
        request.considerable_resources = True
        request.resources_note, request.resources_discussed_at = note.strip(), timezone.now()
        bump(request, "considerable_resources", "resources_note", "resources_discussed_at")
        record(request.events, actor=actor, action="Resources discussed with group leaders",
               summary=note.strip())
    return request


def group_request_decide(*, request: GroupRequest, actor: User, decision: str,
                         reason: str = "", officer: User | None = None,
                         version: int | None = None) -> GroupRequest:
    """The Head of Paid Service agrees, agrees a representative, or declines with a reason
    (000 §5.9, 001 §7.2; 003 §31.10 'express permission')."""
    if decision == Decision.DECLINED and not reason.strip():
        raise RegisterError("Enter the reason for declining, for example that the matter is "
                            "too political for an officer to attend (000 §5.9).")
    with transaction.atomic():
        request = locked(GroupRequest, request.pk, version, ("group", "requested_by"))
        if decision == Decision.DECLINED:
            check_transition(request.decline, actor, "This request has already been decided.")
            request.decline(by=actor, at=timezone.now(), reason=reason.strip())
            officer = None
        else:
            check_transition(request.agree, actor, _agree_refusal(request))
            officer = _check_officer(request, decision, officer)
            request.agree(by=actor, at=timezone.now(), decision=decision, officer=officer,
                          reason=reason.strip())
        bump(request, "decision", "decision_reason", "decided_by", "decided_at", "officer")
        cancel_pending(request.reminders.all())
        event = record(request.events, actor=actor, action=request.get_decision_display(),
                       from_state=GroupRequestState.SUBMITTED, to_state=request.state,
                       summary=(f"{officer} to deliver. " if officer else "")
                       + reason.strip())
        tell([request.requested_by], event, prefix=request.reference,
             url=request.get_absolute_url(), subject=request.get_decision_display().lower(),
             body=f"Your group's request \"{request.subject}\": "
             f"{request.get_decision_display()}." + (f"\nReason: {reason}" if reason else ""))
        tell([officer], event, prefix=request.reference, url=request.get_absolute_url(),
             subject="a political group's request for you",
             body=f"{actor} has agreed that you deliver {request.get_kind_display().lower()} "
             f"for {request.group}: \"{request.subject}\". Keep it factual: options and their "
             "merits, no political implications, no recommendation (000 §5.6, §5.10).")
    return request


def _agree_refusal(request: GroupRequest) -> str:
    if request.state == GroupRequestState.SUBMITTED and request.considerable_resources:
        return ("The resource implications are considerable: record what was agreed with the "
                "group leaders before agreeing (000 §5.3).")
    return "This request has already been decided."


def _check_officer(request: GroupRequest, decision: str, officer: User | None) -> User:
    officer = officer or (request.officer_requested if decision == Decision.AGREED else None)
    if officer is None:
        raise RegisterError("Choose the officer who will write the report or attend.")
    if not roles_of(officer).is_officer:
        raise RegisterError(f"{officer} is not a council officer.")
    if decision == Decision.REPRESENTATIVE and officer == request.officer_requested:
        raise RegisterError("A representative is someone other than the officer asked for.")
    return officer


def group_request_deliver(*, request: GroupRequest, actor: User, delivered_on: date,
                          subject: str, factual_confirmed: bool,
                          version: int | None = None) -> GroupRequest:
    """The report is prepared or the officer attended; every other group is told at once
    what, when and the subject (000 §5.7, §5.11)."""
    if not factual_confirmed:
        raise RegisterError("Confirm the advice was factual, gave options and their merits, "
                            "and made no recommendation to the group (000 §5.6, §5.10).")
    if delivered_on > timezone.localdate():
        raise RegisterError("The date it was delivered cannot be in the future.")
    if not subject.strip():
        raise RegisterError("Enter the subject, as the other groups will be told it.")
    with transaction.atomic():
        request = locked(GroupRequest, request.pk, version, ("group",))
        check_transition(request.deliver, actor, "Only an agreed request can be delivered.")
        request.deliver(on=delivered_on, subject=subject.strip())
        bump(request, "delivered_on", "delivered_subject", "factual_confirmed")
        told = _tell_other_groups(request)
        record(request.events, actor=actor, action="Delivered",
               from_state=GroupRequestState.AGREED, to_state=request.state,
               summary=f"Delivered on {delivered_on:%d %B %Y}. Other groups told: "
               + (", ".join(told) or "none"))
    return request


def _tell_other_groups(request: GroupRequest) -> list[str]:
    offer = register_rules().offer_same_to_all_groups
    what = {GroupRequestKind.REPORT: "a report has been prepared for",
            GroupRequestKind.BRIEFING: "an officer has briefed",
            GroupRequestKind.ATTENDANCE: "an officer has attended a meeting of",
            }[GroupRequestKind(request.kind)]
    same = "copy of the report" if request.kind == GroupRequestKind.REPORT else "same briefing"
    names = []
    now = timezone.now()
    for group in PoliticalGroup.objects.exclude(pk=request.group_id).order_by("name"):
        leaders = group_leaders(group)
        notice = GroupNotice.objects.create(request=request, group=group, at=now)
        notice.told.set(leaders)
        event = record(request.events, actor=None, action=f"{group} told",
                       summary=f"Told: {', '.join(map(str, leaders)) or 'nobody in post'}.")
        tell(leaders, event, prefix=request.reference, url=request.get_absolute_url(),
             subject=f"{what} {request.group}",
             body=f"For your information: {what} {request.group} on "
             f"{request.delivered_on:%d %B %Y}. Subject: {request.delivered_subject}.\n"
             + (f"The {same} is offered to your group (003 §31.10)." if offer else
                f"Your group may ask for the {same}."))
        names.append(group.name)
    return names


def group_follow_up_request(*, request: GroupRequest, actor: User, group: PoliticalGroup
                            ) -> GroupFollowUp:
    """Another group asks for a copy or the same briefing; it cannot be declined (004: an
    officer 'shall not decline an invitation to advise another group about the same
    matter')."""
    if group.pk not in rules.follow_up_groups(roles_of(actor), request.facts()):
        raise NotAllowed("Only the leader of another group can ask for this, once it has "
                         "been delivered.")
    kind = (FollowUpKind.COPY if request.kind == GroupRequestKind.REPORT
            else FollowUpKind.SAME_BRIEFING)
    try:
        with transaction.atomic():
            follow_up = GroupFollowUp.objects.create(
                request=request, group=group, requested_by=actor, kind=kind,
                requested_at=timezone.now())
            event = record(request.events, actor=actor,
                           action=f"{group} asked for the same",
                           summary=follow_up.get_kind_display())
            tell([request.officer, *decision_makers()], event, prefix=request.reference,
                 url=request.get_absolute_url(), subject=f"{group} asks for the same",
                 body=f"{group} asks for {follow_up.get_kind_display().lower()}: "
                 f"\"{request.delivered_subject}\".")
    except IntegrityError as duplicate:
        raise RegisterError(f"{group} has already asked for this.") from duplicate
    return follow_up


def group_follow_up_done(*, follow_up: GroupFollowUp, actor: User, note: str
                         ) -> GroupFollowUp:
    """The copy was sent or the same briefing given."""
    if not note.strip():
        raise RegisterError("Enter what was sent or when the briefing was given.")
    with transaction.atomic():
        follow_up = locked(GroupFollowUp, follow_up.pk, None, ("request", "group"))
        check_transition(follow_up.complete, actor, "This has already been done.")
        follow_up.complete(by=actor, at=timezone.now(), note=note.strip())
        follow_up.save(update_fields=["state", "done_by", "done_at", "done_note"])
        request = follow_up.request
        event = record(request.events, actor=actor, action=f"Done for {follow_up.group}",
                       summary=note.strip())
        tell([follow_up.requested_by], event, prefix=request.reference,
             url=request.get_absolute_url(), subject="done", body=note.strip())
    return follow_up


def group_request_withdraw(*, request: GroupRequest, actor: User,
                           version: int | None = None) -> GroupRequest:
    with transaction.atomic():
        request = locked(GroupRequest, request.pk, version)
        before = move(request.withdraw, actor, "Only an undelivered request can be withdrawn.")
        cancel_pending(request.reminders.all())
        record(request.events, actor=actor, action="Withdrawn", from_state=before,
               to_state=request.state)
    return request
