"""The register of close personal relationships between councillors and officers (001 §10,
002 'Some general principles'): kept by the Monitoring Officer, and used to keep a
conflicted handler off a case."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from protocol.council.selectors import roles_of
from protocol.machinery.fsm import transition_permission
from protocol.machinery.history import SealedRecord
from protocol.models import User
from registers import rules

from .common import TimelineEvent, timeline_chain


class Nature(models.TextChoices):
    FAMILY = "family", "Family member"
    PARTNER = "partner", "Partner or former partner"
    FRIENDSHIP = "friendship", "Close friendship"
    BUSINESS = "business", "Business or financial connection"
    OTHER = "other", "Another close personal relationship"


class RelationshipState(models.TextChoices):
    DECLARED = "declared", "Declared"
    ENDED = "ended", "Ended"


@transition_permission
def _party_or_mo(relationship: Relationship, user: User) -> bool:
    return rules.can_view_relationship(roles_of(user), user.pk, relationship.councillor_id,
                                       relationship.officer_id)


class Relationship(FSMModelMixin, SealedRecord, models.Model):
    councillor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="relationships_as_councillor")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="relationships_as_officer")
    nature = models.CharField(max_length=12, choices=Nature.choices)
    description = models.TextField(blank=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    declared_at = models.DateTimeField()
    state = FSMField(default=RelationshipState.DECLARED, choices=RelationshipState.choices,
                     protected=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    end_reason = models.TextField(blank=True)
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="When its personal data was replaced under the "
        "retention policy (protocol.machinery.retention)")

    # What people wrote on it, sealed on the row (protocol.machinery.history.records).
    sealed_fields = ("councillor_id", "officer_id", "nature", "description", "declared_by_id",
                     "ended_by_id", "end_reason")

    class Meta:
        ordering = ["-declared_at"]
        indexes = [models.Index(fields=["councillor", "state"], name="relationship_councillor"),
                   models.Index(fields=["officer", "state"], name="relationship_officer")]
        constraints = [
            models.UniqueConstraint(fields=["councillor", "officer"],
                                    condition=Q(state="declared"),
                                    name="relationship_one_current_per_pair"),
            models.CheckConstraint(condition=~Q(councillor=models.F("officer")),
                                   name="relationship_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.councillor} and {self.officer}: {self.get_nature_display()}"

    def get_absolute_url(self) -> str:
        return reverse("registers:relationship_detail", args=[self.pk])

    @transition(field=state, source=RelationshipState.DECLARED,
                target=RelationshipState.ENDED, permission=_party_or_mo)
    def end(self, *, by, at, reason: str) -> None:
        self.ended_by, self.ended_at, self.end_reason = by, at, reason


class RelationshipEvent(TimelineEvent):
    relationship = models.ForeignKey(Relationship, on_delete=models.PROTECT,
                                     related_name="events")

    chain = timeline_chain("relationship_id")

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["relationship", "at"], name="relationship_timeline")]
