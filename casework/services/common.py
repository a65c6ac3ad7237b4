"""Shared steps of every enquiry service: lock, check, record, notify."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone

from casework.errors import ERRORS
from casework.models import Correspondence, Enquiry, EnquiryEvent
from protocol.machinery import services as steps
from protocol.models import User


def locked(enquiry: Enquiry | int, expected_version: int | None = None) -> Enquiry:
    """The enquiry, re-read under a row lock; refuses a stale form (optimistic check)."""
    pk = enquiry.pk if isinstance(enquiry, Enquiry) else enquiry
    return steps.locked(Enquiry, pk, expected_version, errors=ERRORS,
                        related=("service", "raised_by", "assigned_to"))


def check_transition(method: Callable[..., Any], actor: User, refusal: str) -> None:
    """Refuse a transition this person may not make, then one the state does not allow."""
    steps.check_transition(method, actor, refusal, errors=ERRORS)


def save(enquiry: Enquiry, *fields: str) -> None:
    """Save the changed fields and move the version on."""
    steps.bump(enquiry, "updated_at", *fields)


# Check and make a transition, save it with the fields given: the state it left.
move = steps.move_with(ERRORS, save)


def record(enquiry: Enquiry, *, actor: User | None, kind: str, summary: str,
           from_state: str = "", correspondence: Correspondence | None = None,
           at: datetime | None = None) -> EnquiryEvent:
    """Append one event to the enquiry's timeline, linked to the one before (hash chain)."""
    return steps.record(enquiry, EnquiryEvent(
        enquiry=enquiry, at=at or timezone.now(), actor=actor, kind=kind, summary=summary,
        from_state=from_state, to_state=enquiry.state if from_state else "",
        correspondence=correspondence,
    ))


def tell(people: Iterable[User | None], event: EnquiryEvent, subject: str, body: str) -> int:
    """Email each person once about this event (after commit)."""
    enquiry = event.enquiry
    return steps.tell(people, key=f"enquiry-event:{event.pk}",
                      subject=f"{enquiry.reference}: {subject}", body=body,
                      url=enquiry.get_absolute_url())
