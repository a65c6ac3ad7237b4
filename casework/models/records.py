"""What happens on an enquiry: correspondence, attachments, the timeline, reminders."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from protocol.machinery.history import Chain, SealedRecord
from protocol.machinery.reminders import ScheduledReminder, pending_index
from protocol.machinery.timeline import AppendOnlyError, CaseEvent

from .enquiry import Enquiry

__all__ = ["AppendOnlyError", "Attachment", "Correspondence", "CorrespondenceKind",
           "EnquiryEvent", "EnquiryReminder", "EventKind", "ReminderKind", "upload_path"]


class CorrespondenceKind(models.TextChoices):
    INFORMATION = "information", "More information from the councillor"
    MESSAGE = "message", "Message"
    HOLDING_REPLY = "holding_reply", "Holding reply"
    RESPONSE = "response", "Full response"


class Correspondence(SealedRecord, models.Model):
    """A message on the enquiry's thread. Copies to other councillors are explicit and
    shown to everyone on the thread: no silent copies (002 'Correspondence')."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE,
                                related_name="correspondence")
    kind = models.CharField(max_length=16, choices=CorrespondenceKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    body = models.TextField()
    reasons = models.TextField(blank=True, help_text="Why a full response is not yet possible")
    revised_due_on = models.DateField(null=True, blank=True)
    confidential = models.BooleanField(
        default=False, help_text="Never sent or exported to the constituent or third parties")
    late = models.BooleanField(default=False, help_text="A holding reply sent after expiry")
    cc = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    sent_at = models.DateTimeField()

    sealed_fields = ("enquiry_id", "kind", "author_id", "body", "reasons", "revised_due_on",
                     "confidential", "late", "sent_at")

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name_plural = "correspondence"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.enquiry_id}"


def upload_path(instance: Attachment, filename: str) -> str:
    return f"enquiries/{instance.enquiry_id}/{filename}"


class Attachment(SealedRecord, models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="attachments")
    correspondence = models.ForeignKey(Correspondence, null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=upload_path)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    sealed_fields = ("enquiry_id", "correspondence_id", "file", "name", "uploaded_by_id")

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    LOGGED = "logged", "Logged"
    ASSIGNED = "assigned", "Sent to officer"
    ACCEPTED = "accepted", "Accepted"
    REASSIGNED = "reassigned", "Reassigned"
    INFORMATION = "information", "Information added"
    MESSAGE = "message", "Message"
    HOLDING_REPLY = "holding_reply", "Holding reply"
    RESPONSE = "response", "Full response"
    CONFIRMED = "confirmed", "Confirmed answered"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REOPENED = "reopened", "Reopened"
    REMINDER = "reminder", "Reminder sent"
    EXPIRED = "expired", "Deadline passed"
    DEADLINE_CHANGED = "deadline_changed", "Deadline recalculated"
    ATTACHMENT = "attachment", "Attachment added"
    NOTE = "note", "Note"
    LEGAL_HOLD = "legal_hold", "Legal hold set"
    LEGAL_HOLD_RELEASED = "legal_hold_released", "Legal hold released"
    ANONYMISED = "anonymised", "Anonymised"


class EnquiryEvent(CaseEvent):
    """The enquiry's timeline: who, when, what; appended, never edited, each event linked
    by hash to the one before it on the same enquiry (protocol.machinery.history)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    summary = models.TextField()
    correspondence = models.ForeignKey(Correspondence, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")

    chain = Chain(on="enquiry_id", fields=("enquiry_id", "at", "actor_id", "kind", "from_state",
                                           "to_state", "summary", "correspondence_id"))

    class Meta(CaseEvent.Meta):
        indexes = [models.Index(fields=["enquiry", "at"], name="enquiry_event_timeline")]

    @property
    def heading(self) -> str:
        return self.get_kind_display()

    @property
    def detail(self) -> str:
        return self.summary


class ReminderKind(models.TextChoices):
    APPROACHING = "approaching", "Deadline approaching: officer reminded"
    EXPIRED = "expired", "Deadline passed with nothing sent: Director informed"
    REVISED_DATE_PASSED = "revised_passed", "Holding reply's revised date passed"
    FOLLOW_UP_ENDS = "follow_up_ends", "Follow-up window ended: enquiry closed"


class EnquiryReminder(ScheduledReminder):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="reminders")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "kind", "deadline"],
                                    name="enquiry_reminder_once"),
        ]
        indexes = [pending_index("enquiry_reminder_pending")]
