"""Changes to a protected account that wait for a second administrator (four eyes)."""
from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from protocol.council.models.people import Post, User


class AccountChangeKind(models.TextChoices):
    DETAILS = "details", "Change their name, email address or whether the account is active"
    PASSWORD = "password", "Set a new password"
    MFA_RESET = "mfa_reset", "Reset two-factor authentication"
    ADD_POST = "add_post", "Give them a post"
    END_POST = "end_post", "End one of their posts"
    DELETE = "delete", "Delete the account"


class AccountChangeState(models.TextChoices):
    PENDING = "pending", "Waiting for a second administrator"
    APPLIED = "applied", "Approved and made"
    REJECTED = "rejected", "Rejected"


PENDING_MESSAGE = "A change of this kind is already waiting for approval"


class AccountChangeRequest(models.Model):
    """One administrator's change to a protected account, made only when a second,
    different administrator (neither the one who asked nor the account's holder) approves
    it. `changes` holds the new values; a new password only as its hash."""

    person = models.ForeignKey(User, null=True, on_delete=models.SET_NULL,
                               related_name="change_requests")
    person_name = models.CharField(max_length=160, help_text="Kept if the account is deleted")
    kind = models.CharField(max_length=16, choices=AccountChangeKind.choices)
    changes = models.JSONField(default=dict, blank=True)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    state = models.CharField(max_length=8, choices=AccountChangeState.choices,
                             default=AccountChangeState.PENDING)
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["state", "requested_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(requested_by=F("person")),
                                   name="account_change_not_own"),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | (~Q(decided_by=F("requested_by")) & ~Q(decided_by=F("person"))),
                name="account_change_four_eyes"),
            # A double submit must not make two requests (two emails, two approvals).
            models.UniqueConstraint(
                fields=["person", "kind"], condition=Q(state=AccountChangeState.PENDING),
                name="account_change_one_pending",
                violation_error_message=PENDING_MESSAGE),
        ]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.get_kind_display()} ({self.get_state_display()})"
