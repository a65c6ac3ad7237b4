"""Who may see and act on an enquiry: pure rules over plain values (the protocol's
people: the raising councillor, the officers it is with and their Head of Service and
Director, the Monitoring Officer; 002 'need to know', DESIGN 'Object permissions')."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from protocol.council.rules.roles import Roles


class Visibility:
    PRIVATE = "private"
    WARD = "ward"
    GROUP_WARD = "group_ward"


@dataclass(frozen=True)
class EnquiryFacts:
    raised_by_id: int
    assigned_to_id: int | None
    service_id: int | None
    directorate_id: int | None
    ward_id: int
    raised_by_group_id: int | None
    visibility: str
    confidential: bool


def facts_of(enquiry) -> EnquiryFacts:
    """The plain facts of an Enquiry (or of any object with the same attributes)."""
    return EnquiryFacts(
        raised_by_id=enquiry.raised_by_id, assigned_to_id=enquiry.assigned_to_id,
        service_id=enquiry.service_id,
        directorate_id=enquiry.service.directorate_id if enquiry.service_id else None,
        ward_id=enquiry.ward_id, raised_by_group_id=enquiry.raised_by_group_id,
        visibility=enquiry.visibility, confidential=enquiry.confidential,
    )


def can_handle(roles: Roles, user_id: int, facts: EnquiryFacts) -> bool:
    """The officer it is with, or their Head of Service or Director, may act on it."""
    return (
        facts.assigned_to_id == user_id
        or (facts.service_id is not None and facts.service_id in roles.headed_service_ids)
        or (facts.directorate_id is not None
            and facts.directorate_id in roles.directed_directorate_ids)
    )


def shared_with(roles: Roles, facts: EnquiryFacts) -> bool:
    """A fellow ward member the raising councillor chose to share with. Never for a
    confidential enquiry."""
    if facts.confidential or facts.ward_id not in roles.ward_ids:
        return False
    if facts.visibility == Visibility.WARD:
        return True
    return (facts.visibility == Visibility.GROUP_WARD
            and facts.raised_by_group_id is not None
            and facts.raised_by_group_id in roles.political_group_ids)


def can_view(roles: Roles, user_id: int, facts: EnquiryFacts, *, granted: bool = False) -> bool:
    """May this person open the enquiry at all? `granted`: they were given sight of it
    (an EnquiryAccess row: a councillor copied into the correspondence, an officer it was
    with before, the handler of a complaint raised from it)."""
    return (
        facts.raised_by_id == user_id
        or can_handle(roles, user_id, facts)
        or roles.is_monitoring_officer
        or granted
        or shared_with(roles, facts)
    )


def can_see_personal_data(roles: Roles, user_id: int, facts: EnquiryFacts) -> bool:
    """The constituent's details go only to those who need them to deal with the case."""
    return (facts.raised_by_id == user_id or can_handle(roles, user_id, facts)
            or roles.is_monitoring_officer)


def is_overdue(*, open_unanswered: bool, current_due_on: date, today: date) -> bool:
    """Past its current due date (a holding reply's revised date replaces the deadline
    for this purpose, 003 §31.15) with no full response."""
    return open_unanswered and current_due_on < today


def days_left(current_due_on: date, today: date) -> int:
    """Calendar days until the due date; negative when overdue."""
    return (current_due_on - today).days
