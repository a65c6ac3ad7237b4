"""Proof, before a first authenticator app is set up, that the person signing in is the
account's owner and not only someone who has the password (ASVS 5.0 V6.4.1): a one-time
link emailed to their work address, or a one-time code an administrator gives them."""
from django.db import models


class EnrolmentToken(models.Model):
    """One single-use, expiring set-up link or code. Only a keyed hash of it is stored: the
    link or code itself is in the email, or shown once to the administrator who issued it."""

    class Kind(models.TextChoices):
        EMAIL_LINK = "email_link", "Link sent to their work email"
        ADMIN_CODE = "admin_code", "Code from an administrator"

    user = models.ForeignKey("protocol.User", on_delete=models.CASCADE,
                             related_name="mfa_enrolment_tokens")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey("protocol.User", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer link or code of the same kind is issued, or MFA is reset.
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "kind"], name="mfa_token_user_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for user {self.user_id}"
