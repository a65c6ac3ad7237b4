"""Ward members kept informed: public meetings, consultations and significant or sensitive
operational matters, notified to every member for the wards at the outset (000 §4.3, 001
§4.3, 003 §31.11, 004 'Ward Members and Officers')."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from protocol.machinery.history import SealedRecord
from protocol.models import Ward

from .common import AppendOnlyError


class NoticeKind(models.TextChoices):
    PUBLIC_MEETING = "public_meeting", "A public meeting on a local issue (000 §4.3)"
    CONSULTATION = "consultation", "A consultation (000 §4.3, 004)"
    OPERATIONAL = "operational", "A significant or sensitive operational matter (004)"
    POLICY = "policy", "Policy in its formative stages (004)"
    SCRUTINY = "scrutiny", "A scrutiny exercise (004)"
    REPORT = "report", "A report affecting the ward (003 §31.11)"


class WardNotice(SealedRecord, models.Model):
    """Recorded once and never edited: what members were told is what it says."""

    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    title = models.CharField(max_length=200)
    details = models.TextField()
    wards = models.ManyToManyField(Ward, related_name="notices")
    starts_on = models.DateField(help_text="The meeting, or the start of the consultation or "
                                 "matter")
    ends_on = models.DateField(null=True, blank=True)
    sensitive = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="ward_notices")
    recorded_at = models.DateTimeField()
    late = models.BooleanField(default=False, help_text="Recorded after the outset")
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="When its personal data was replaced under the "
        "retention policy (protocol.machinery.retention)")

    # What people wrote on it, sealed on the row (protocol.machinery.history.records).
    sealed_fields = ("kind", "title", "details", "starts_on", "ends_on", "sensitive",
                     "recorded_by_id", "late")
    seal_key = "reference"  # append-only on PostgreSQL: sealed before it is inserted

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["-recorded_at"], name="ward_notice_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True)
                                   | Q(ends_on__gte=models.F("starts_on")),
                                   name="ward_notice_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("registers:notice_detail", args=[self.reference])


class WardNoticeDelivery(models.Model):
    """The log: each member told, for which ward, when. Appended, never edited."""

    notice = models.ForeignKey(WardNotice, on_delete=models.PROTECT, related_name="deliveries")
    councillor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    emailed = models.BooleanField(default=False, help_text="False: no email address on file")

    class Meta:
        ordering = ["ward__name", "councillor__last_name"]
        constraints = [models.UniqueConstraint(fields=["notice", "councillor"],
                                               name="ward_notice_once_per_member")]

    def __str__(self) -> str:
        return f"{self.notice_id} to {self.councillor_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the notice log cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the notice log cannot be deleted")
