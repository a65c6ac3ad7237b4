"""Shared steps of every enquiry service: lock, check, record, notify."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm

from casework.errors import EnquiryError, NotAllowed, StaleEnquiry
from casework.models import Correspondence, Enquiry, EnquiryEvent
from protocol.history import append
from protocol.machinery.outbox import notify
from protocol.models import User


def locked(enquiry: Enquiry | int, expected_version: int | None = None) -> Enquiry:
    """The enquiry, re-read under a row lock; refuses a stale form (optimistic check)."""
    pk = enquiry.pk if isinstance(enquiry, Enquiry) else enquiry
    fresh = (Enquiry.objects.select_for_update(of=("self",))
             .select_related("service", "raised_by", "assigned_to").get(pk=pk))
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEnquiry()
    return fresh


def check_transition(method, actor: User, refusal: str) -> None:
    """Refuse a transition the state does not allow, or this person may not make."""
    if not can_proceed(method):
        raise EnquiryError(refusal)
    if not has_transition_perm(method, actor):
        raise NotAllowed("You cannot do that to this enquiry.")


def save(enquiry: Enquiry, *fields: str) -> None:
    """Save the changed fields and move the version on."""
    enquiry.version += 1
    enquiry.save(update_fields=["state", "version", "updated_at", *fields])


def record(enquiry: Enquiry, *, actor: User | None, kind: str, summary: str,
           from_state: str = "", correspondence: Correspondence | None = None,
           at: datetime | None = None) -> EnquiryEvent:
    """Append one event to the enquiry's timeline, linked to the one before (hash chain)."""
    return append(EnquiryEvent(
        enquiry=enquiry, at=at or timezone.now(), actor=actor, kind=kind, summary=summary,
        from_state=from_state, to_state=enquiry.state if from_state else "",
        correspondence=correspondence,
    ))


def tell(people: Iterable[User | None], event: EnquiryEvent, subject: str, body: str) -> int:
    """Email each person once about this event (after commit)."""
    enquiry = event.enquiry
    sent = 0
    for person in {p for p in people if p is not None}:
        sent += notify(recipient=person, key=f"enquiry-event:{event.pk}:{person.pk}",
                       subject=f"{enquiry.reference}: {subject}", body=body,
                       url=enquiry.get_absolute_url())
    return sent
