"""One service per thing a person does to an enquiry: lock, check, transition, save, record,
notify after commit (STYLE.md §3)."""
from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from casework import rules
from casework.errors import EnquiryError, NotAllowed
from casework.models import (
    Correspondence,
    CorrespondenceKind,
    Enquiry,
    EnquiryAccess,
    EventKind,
)
from casework.services import schedule
from casework.services.common import check_transition, locked, move, record, save, tell
from protocol.council.rules.enums import Seniority
from protocol.council.selectors import active_profile, roles_of
from protocol.machinery.access import AccessReason, give_access
from protocol.models import Service, User


def enquiry_accept(*, enquiry: Enquiry, actor: User, version: int | None = None) -> Enquiry:
    """The officer takes the enquiry on."""
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        before = move(enquiry.accept, actor, "This enquiry is not waiting to be accepted.")
        record(enquiry, actor=actor, kind=EventKind.ACCEPTED, from_state=before,
               summary=f"Accepted by {actor}.")
    return enquiry


def reassign_allowed(officer: User, service: Service | None) -> bool:
    """Within the service's directorate, or to a Director or above (DESIGN: officers
    reassign within their directorate)."""
    roles = roles_of(officer)
    if not roles.is_officer:
        return False
    if service is None or (roles.seniority or 0) >= Seniority.DIRECTOR:
        return True
    return service.directorate_id in roles.directorate_ids


def enquiry_reassign(*, enquiry: Enquiry, actor: User, officer: User, reason: str,
                     service: Service | None = None, version: int | None = None) -> Enquiry:
    """Pass the enquiry to another officer, with the reason recorded."""
    if not reason.strip():
        raise EnquiryError("Enter the reason for reassigning the enquiry.")
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        check_transition(enquiry.reassign, actor, "Only an open, unanswered enquiry can be "
                         "reassigned.")
        new_service = service or enquiry.service
        if officer == enquiry.assigned_to and new_service == enquiry.service:
            raise EnquiryError("The enquiry is already with that officer.")
        if not reassign_allowed(officer, new_service):
            raise EnquiryError(f"{officer} is not an officer of the directorate for "
                               f"{new_service}. Choose an officer there, or a Director.")
        before, previous = enquiry.state, enquiry.assigned_to
        enquiry.service = new_service
        enquiry.reassign(officer)
        save(enquiry, "assigned_to", "service")
        if previous is not None:  # who it was with keeps sight of it
            give_access(EnquiryAccess, case=enquiry, person=previous,
                        reason=AccessReason.EARLIER_OFFICER, by=actor)
        event = record(enquiry, actor=actor, kind=EventKind.REASSIGNED, from_state=before,
                       summary=f"Reassigned from {previous} to {officer}: {reason.strip()}")
        tell([officer], event, "enquiry passed to you",
             f"{actor} has passed you the enquiry \"{enquiry.subject}\".\nReason: {reason}\n"
             f"A full response is due by {enquiry.current_due_on:%A %d %B %Y}.")
    return enquiry


def enquiry_hold(*, enquiry: Enquiry, actor: User, body: str, reasons: str,
                 revised_due_on: date | None, version: int | None = None) -> Correspondence:
    """A holding reply: why a full response is not yet possible, and when it will come
    (003 §31.15; 001 §3.1(e) 'where this is not possible an explanation')."""
    profile = active_profile()
    today = timezone.localdate()
    if profile.holding_reply_needs_reasons and not reasons.strip():
        raise EnquiryError("Enter the reasons a full response is not yet possible.")
    if profile.holding_reply_needs_revised_date and revised_due_on is None:
        raise EnquiryError("Enter the date by which the full response will be sent.")
    if revised_due_on is not None and revised_due_on <= today:
        raise EnquiryError("The revised date must be in the future.")
    if revised_due_on is not None and revised_due_on >= date.max:
        # Its reminder fires the day after, and the calendar has no day after this one.
        raise EnquiryError(f"The revised date must be before {date.max:%d %B %Y}.")
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        check_transition(enquiry.hold, actor, "A holding reply can only be sent on an open, "
                         "unanswered enquiry.")
        before, now = enquiry.state, timezone.now()
        late = profile.holding_reply_before_expiry and today > enquiry.due_on
        letter = Correspondence.objects.create(
            enquiry=enquiry, kind=CorrespondenceKind.HOLDING_REPLY, author=actor,
            body=body.strip() or reasons.strip(), reasons=reasons.strip(),
            revised_due_on=revised_due_on, late=late, sent_at=now)
        enquiry.hold(at=now, revised_due_on=revised_due_on or enquiry.current_due_on)
        save(enquiry, "holding_reply_at", "current_due_on")
        when = f" Full response by {revised_due_on:%d %B %Y}." if revised_due_on else ""
        event = record(enquiry, actor=actor, kind=EventKind.HOLDING_REPLY, from_state=before,
                       correspondence=letter,
                       summary=("Holding reply sent after the deadline." if late
                                else "Holding reply sent.") + when)
        schedule.schedule_revised_date(enquiry, enquiry.current_due_on)
        tell([enquiry.raised_by], event, "holding reply",
             f"{actor} has sent a holding reply.\nReasons: {reasons}\n{when.strip()}")
    return letter


def enquiry_respond(*, enquiry: Enquiry, actor: User, body: str, confidential: bool = False,
                    version: int | None = None) -> Correspondence:
    """The full response; the enquiry stays open for the councillor's follow-up."""
    if not body.strip():
        raise EnquiryError("Enter the response.")
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        check_transition(enquiry.respond, actor, "Only an open, unanswered enquiry can be "
                         "answered.")
        before, now = enquiry.state, timezone.now()
        letter = Correspondence.objects.create(
            enquiry=enquiry, kind=CorrespondenceKind.RESPONSE, author=actor, body=body.strip(),
            confidential=confidential, sent_at=now)
        enquiry.respond(at=now)
        save(enquiry, "responded_at", "answered_in_time")
        event = record(enquiry, actor=actor, kind=EventKind.RESPONSE, from_state=before,
                       correspondence=letter, summary=f"Full response sent by {actor}.")
        schedule.schedule_follow_up_end(enquiry, active_profile())
        tell([enquiry.raised_by], event, "response to your enquiry",
             f"{actor} has answered your enquiry \"{enquiry.subject}\". Sign in to read it, "
             "and confirm it is answered or reply.")
    return letter


def enquiry_message(*, enquiry: Enquiry, actor: User, body: str, cc: list[User] | tuple = (),
                    confidential: bool = False, version: int | None = None) -> Correspondence:
    """A message on the thread. Copies are explicit and shown to everyone (002: no silent
    copies); confidential correspondence is never copied on (002, 003 §31.16)."""
    if not body.strip():
        raise EnquiryError("Enter your message.")
    with transaction.atomic():
        enquiry = locked(enquiry, version)
        roles, facts = roles_of(actor), rules.facts_of(enquiry)
        raiser = enquiry.raised_by_id == actor.pk
        if not (raiser or rules.can_handle(roles, actor.pk, facts)
                or roles.is_monitoring_officer):
            raise NotAllowed("You cannot write on this enquiry.")
        if not enquiry.is_open:
            raise EnquiryError("This enquiry is closed. Reopen it to write again.")
        _check_copies(cc, confidential, enquiry.confidential)
        kind = CorrespondenceKind.INFORMATION if raiser else CorrespondenceKind.MESSAGE
        letter = Correspondence.objects.create(
            enquiry=enquiry, kind=kind, author=actor, body=body.strip(),
            confidential=confidential, sent_at=timezone.now())
        letter.cc.set(cc)
        for person in cc:
            give_access(EnquiryAccess, case=enquiry, person=person,
                        reason=AccessReason.COPIED, by=actor)
        copies = "".join(f" CC councillor {person}." for person in cc)
        event = record(enquiry, actor=actor, correspondence=letter,
                       kind=EventKind.INFORMATION if raiser else EventKind.MESSAGE,
                       summary=f"{letter.get_kind_display()} from {actor}.{copies}")
        save(enquiry)
        other_side = enquiry.assigned_to if raiser else enquiry.raised_by
        tell([other_side, *cc], event, "new message",
             f"{actor} wrote on enquiry \"{enquiry.subject}\".{copies}")
    return letter


def _check_copies(cc: list[User] | tuple, confidential: bool, enquiry_confidential: bool
                  ) -> None:
    if cc and confidential:
        raise EnquiryError("Confidential correspondence cannot be copied to anyone else.")
    # A copy grants the councillor sight of the whole enquiry, which for a confidential
    # enquiry would share it with another member (003 §31.16(1)).
    if cc and enquiry_confidential:
        raise EnquiryError("This enquiry is confidential: it cannot be copied to another "
                           "councillor.")
    for person in cc:
        if not roles_of(person).is_councillor:
            raise EnquiryError(f"{person} is not a councillor: only councillors can be copied.")
