"""Access given: the few people let see a case beyond what its own facts say (HR told at
the Leader's stage, a complaint's handler reading the enquiry it came from, a councillor
copied into an enquiry's correspondence, an officer it was with before). Each is a row
saying who was given it, why, by whom and when; the app's pure rules read those rows as a
fact of the case and its selectors as an id set. Only services write them
(docs/decisions/0013-one-source-of-truth-for-visibility.md)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

if TYPE_CHECKING:
    from protocol.models import User


class AccessReason(models.TextChoices):
    EARLIER_OFFICER = "earlier_officer", "It was with them before it was passed on"
    COPIED = "copied", "Copied into its correspondence"
    COMPLAINT_HANDLER = "complaint_handler", "Handles a complaint raised from it"
    HR_TOLD = "hr_told", "Told as HR at the Leader's stage"
    CARRIED_OVER = "carried_over", "Given before these records were kept"


class AccessGiven(models.Model):
    """One person given sight of one case. Each app's model adds `case`, the foreign key
    to its own case, a constraint (once per case, person and reason) and an index on
    (person, case) for the lists' lookups."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    reason = models.CharField(max_length=20, choices=AccessReason.choices)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 help_text="Empty where the protocol gave it, not a person")
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.person} ({self.get_reason_display()})"


# Each app's model adds this foreign key to its own case (the abstract model cannot).
CASE = "case"


def give_access(model: type[AccessGiven], *, case: models.Model, person: User,
                reason: AccessReason, by: User | None = None) -> None:
    """Let `person` see `case`, saying why and who gave it (a service's step; once per
    reason)."""
    model._default_manager.get_or_create(**{CASE: case}, person=person, reason=reason,
                                         defaults={"given_by": by})


def given_to(model: type[AccessGiven], case: models.Model) -> frozenset[int]:
    """The ids of the people given sight of this case: the fact the rules read."""
    return frozenset(model._default_manager.filter(**{CASE: case})
                     .values_list("person_id", flat=True))


def has_access(model: type[AccessGiven], case: models.Model, person: User) -> bool:
    """Whether this person was given sight of this case (the page's question)."""
    return model._default_manager.filter(**{CASE: case}, person=person).exists()


def cases_given(model: type[AccessGiven], person: User) -> QuerySet:
    """The ids of the cases this person was given sight of: the lists' id set (the
    person, case index)."""
    return model._default_manager.filter(person=person).order_by().values(f"{CASE}_id")
