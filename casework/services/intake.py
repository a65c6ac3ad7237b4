"""A councillor logs an enquiry: it is routed, given its deadline and acknowledged."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from casework import deadlines
from casework.errors import EnquiryError, NotAllowed
from casework.models import Enquiry, EventKind
from casework.services.attachments import enquiry_attach
from casework.services.common import record, tell
from casework.services.schedule import schedule_response_reminders
from protocol.council.rules.enums import Seniority
from protocol.council.rules.first_contact import (
    Candidate,
    FirstContactRefused,
    FirstContactRule,
    choose_first_contact,
)
from protocol.council.selectors import active_profile, holder_of, roles_of, service_line
from protocol.machinery.references import next_reference
from protocol.machinery.submissions import once
from protocol.models import PostKind, ProtocolProfile, Service, User, Ward
from registers.selectors import conflicted_with


@dataclass
class NewEnquiry:
    """What the councillor entered."""

    subject: str
    details: str
    ward: Ward
    service: Service | None = None
    on_behalf_of_constituent: bool = False
    constituent_name: str = ""
    constituent_contact: str = ""
    constituent_address: str = ""
    confidential: bool = False
    visibility: str = "private"
    preferred_officer: User | None = None
    relationship_note: str = ""
    submission: UUID | None = None  # the form's one-time token (protocol.machinery.submissions)


def route(profile: ProtocolProfile, entered: NewEnquiry, councillor: User | None = None
          ) -> User:
    """The officer the enquiry goes to first (000/001 §3.5, 002 Proper Officer, 003 §31.5),
    passing over any officer with a declared relationship with the councillor (001 §10)."""
    rule = FirstContactRule(Seniority(profile.first_contact_min_seniority),
                            profile.first_contact_via_proper_officer,
                            profile.first_contact_relationship_exception)
    preferred = None
    if entered.preferred_officer is not None:
        grade = roles_of(entered.preferred_officer).seniority
        if grade is None:
            raise EnquiryError("The preferred officer must be a council officer.")
        preferred = Candidate(entered.preferred_officer.pk, grade)
    proper = holder_of(PostKind.PROPER_OFFICER)
    try:
        chosen = choose_first_contact(
            rule,
            service_line=service_line(entered.service) if entered.service else [],
            proper_officer=Candidate(proper.pk, Seniority.CHIEF_EXECUTIVE) if proper else None,
            preferred=preferred,
            relationship_recorded=bool(entered.relationship_note.strip()),
            conflicted=conflicted_with([councillor]) if councillor else frozenset(),
        )
    except FirstContactRefused as refused:
        raise EnquiryError(str(refused)) from refused
    # "Not sure" of the service, or nobody in post: the Chief Executive's office triages.
    officer = User.objects.get(pk=chosen.user_id) if chosen else holder_of(
        PostKind.CHIEF_EXECUTIVE)
    if officer is None:
        raise EnquiryError("Nobody is in post to receive this enquiry. Tell the council's "
                           "administrator; your enquiry has not been logged.")
    return officer


def enquiry_log(*, councillor: User, entered: NewEnquiry, now: datetime | None = None,
                files: Sequence = ()) -> Enquiry:
    """Log a councillor's enquiry with its files, route it, set its deadline and acknowledge
    it; once per submission of the form."""

    def log() -> Enquiry:
        enquiry = _log(councillor, entered, now)
        enquiry_attach(enquiry=enquiry, actor=councillor, files=list(files))
        return enquiry

    return once(token=entered.submission, actor=councillor, create=log)


def _log(councillor: User, entered: NewEnquiry, now: datetime | None) -> Enquiry:
    roles = roles_of(councillor)
    if not roles.is_councillor:
        raise NotAllowed("Only councillors log enquiries.")
    now = now or timezone.now()
    profile = active_profile()
    received_on = timezone.localdate(now)
    due = deadlines.response_deadline(profile, entered.service, received_on)
    with transaction.atomic():
        officer = route(profile, entered, councillor)
        enquiry = Enquiry.objects.create(
            reference=next_reference("ENQ", received_on.year),
            raised_by=councillor,
            raised_by_group_id=min(roles.political_group_ids, default=None),
            ward=entered.ward, service=entered.service, subject=entered.subject.strip(),
            details=entered.details.strip(),
            on_behalf_of_constituent=entered.on_behalf_of_constituent,
            constituent_name=entered.constituent_name if entered.on_behalf_of_constituent else "",
            constituent_contact=(entered.constituent_contact
                                 if entered.on_behalf_of_constituent else ""),
            constituent_address=(entered.constituent_address
                                 if entered.on_behalf_of_constituent else ""),
            confidential=entered.confidential,
            visibility="private" if entered.confidential else entered.visibility,
            assigned_to=officer, relationship_note=entered.relationship_note.strip(),
            received_at=now, received_on=received_on, due_on=due.due, current_due_on=due.due,
        )
        logged = record(enquiry, actor=councillor, kind=EventKind.LOGGED, from_state="-", at=now,
                        summary=f"Logged by {councillor}. Due by {due.due:%d %B %Y}.")
        record(enquiry, actor=None, kind=EventKind.ASSIGNED, at=now,
               summary=f"Sent to {officer} ({_route_reason(entered, officer)}).")
        schedule_response_reminders(enquiry, profile)
        tell([councillor], logged, "enquiry received",
             f"Your enquiry \"{enquiry.subject}\" has been logged as {enquiry.reference}.\n"
             f"A full response is due by {due.due:%A %d %B %Y}.")
        tell([officer], logged, "new enquiry from a councillor",
             f"Councillor {councillor} has sent you an enquiry: \"{enquiry.subject}\".\n"
             f"A full response is due by {due.due:%A %d %B %Y}.")
    return enquiry


def _route_reason(entered: NewEnquiry, officer: User) -> str:
    if entered.preferred_officer is not None and officer == entered.preferred_officer:
        return "the councillor's preferred officer"
    if entered.service is None:
        return "service not known: for routing"
    return f"first contact for {entered.service}"
