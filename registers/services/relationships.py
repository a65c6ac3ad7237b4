"""Declaring and ending close personal relationships between councillors and officers
(001 §10.2: 'the Councillor and Officer concerned should be open about the relationship')."""
from __future__ import annotations

from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from protocol.council.selectors import holder_of, roles_of
from protocol.machinery.submissions import once
from protocol.models import PostKind, User
from registers.errors import NotAllowed, RegisterError
from registers.models import Nature, Relationship, RelationshipState
from registers.services.common import check_transition, locked, record, tell


def _pair(actor: User, other: User) -> tuple[User, User]:
    """(councillor, officer): one of each, the actor being one of them."""
    mine, theirs = roles_of(actor), roles_of(other)
    if actor == other:
        raise RegisterError("Choose the other person in the relationship.")
    if mine.is_councillor and theirs.is_officer:
        return actor, other
    if mine.is_officer and theirs.is_councillor:
        return other, actor
    if not (mine.is_councillor or mine.is_officer):
        raise NotAllowed("Only councillors and officers declare relationships here.")
    wanted = "an officer" if mine.is_councillor else "a councillor"
    raise RegisterError("The register is of relationships between a councillor and an "
                        f"officer: choose {wanted}.")


def relationship_declare(*, actor: User, other: User, nature: str, description: str = "",
                         submission: UUID | None = None) -> Relationship:
    """Either person declares it; the other and the Monitoring Officer are told. Once per
    submission of the form."""
    return once(token=submission, actor=actor,
                create=lambda: _declare(actor, other, nature, description))


def _declare(actor: User, other: User, nature: str, description: str) -> Relationship:
    if nature not in Nature.values:
        raise RegisterError("Choose the kind of relationship.")
    councillor, officer = _pair(actor, other)
    monitoring_officer = holder_of(PostKind.MONITORING_OFFICER)
    try:
        with transaction.atomic():
            relationship = Relationship.objects.create(
                councillor=councillor, officer=officer, nature=nature,
                description=description.strip(), declared_by=actor,
                declared_at=timezone.now())
            event = record(relationship.events, actor=actor, action="Declared",
                           to_state=relationship.state,
                           summary=f"{relationship.get_nature_display()}, declared by {actor}.")
            tell([other, monitoring_officer], event, prefix="Relationship register",
                 url=relationship.get_absolute_url(), subject="a relationship declared",
                 body=f"{actor} has declared a close personal relationship between councillor "
                 f"{councillor} and {officer} ({relationship.get_nature_display().lower()}). "
                 "Cases where one is a party will not be handled by the other (001 §10).")
    except IntegrityError as duplicate:
        raise RegisterError(f"A relationship between {councillor} and {officer} is already "
                            "declared.") from duplicate
    return relationship


def relationship_end(*, relationship: Relationship, actor: User, reason: str) -> Relationship:
    """A party or the Monitoring Officer records that it has ended; the entry stays."""
    if not reason.strip():
        raise RegisterError("Say why the declaration no longer applies.")
    with transaction.atomic():
        relationship = locked(Relationship, relationship.pk, None, ("councillor", "officer"))
        check_transition(relationship.end, actor, "This relationship has already ended.")
        relationship.end(by=actor, at=timezone.now(), reason=reason.strip())
        relationship.save(update_fields=["state", "ended_by", "ended_at", "end_reason"])
        event = record(relationship.events, actor=actor, action="Ended",
                       from_state=RelationshipState.DECLARED, to_state=relationship.state,
                       summary=reason.strip())
        others = {relationship.councillor, relationship.officer,
                  holder_of(PostKind.MONITORING_OFFICER)} - {actor}
        tell(others, event, prefix="Relationship register",
             url=relationship.get_absolute_url(), subject="a relationship ended",
             body=f"{actor} has recorded that the relationship between {relationship.councillor}"
             f" and {relationship.officer} has ended: {reason.strip()}")
    return relationship
