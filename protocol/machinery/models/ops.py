"""Operational records: proof that the worker and the scheduler are running."""
from django.db import models


class Heartbeat(models.Model):
    """The last time a process (worker, scheduler) reported in."""

    name = models.CharField(max_length=60, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.last_seen:%Y-%m-%d %H:%M:%S}"


class ReferenceCounter(models.Model):
    """The last number issued for a prefix in a year, for gap-free readable references
    such as ENQ-2026-00042."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class Notification(models.Model):
    """An email to one person, written to this outbox in the same transaction as the change
    that caused it and sent after commit, outside any transaction: a sender claims it
    (`claimed_at`, `claim_token`), sends, then marks it sent; the outbox's safety net
    resends any the broker lost or whose sender died (protocol.machinery.outbox).

    `key` names the cause (e.g. a reminder and its recipient): unique, so a cause can never
    notify the same person twice, however often a task runs."""

    recipient = models.ForeignKey("protocol.User", on_delete=models.CASCADE,
                                  related_name="notifications")
    key = models.CharField(max_length=120, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Being sent: since when, and by whom (a task's id); cleared when sent or when it failed.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True),
                         name="notification_unsent"),
            # Retention finds the emails about a case by its page (protocol.machinery.retention).
            models.Index(fields=["url"], name="notification_url"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.recipient}"


class SubmissionToken(models.Model):
    """A "new" form's one-time token, claimed by the first submission that creates a record
    (protocol.machinery.submissions.once): a second post of the same form creates nothing more."""

    token = models.UUIDField(unique=True)
    actor = models.ForeignKey("protocol.User", on_delete=models.CASCADE,
                              related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE,
                                     null=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.token} by {self.actor_id}"
