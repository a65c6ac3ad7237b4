"""A complaint's history: transitions, who handled each stage, who looked, reminders."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.text import capfirst

from protocol.machinery.history import Chain
from protocol.machinery.reminders import ScheduledReminder, pending_index
from protocol.machinery.timeline import AppendOnlyError, CaseEvent

from .complaint import Complaint

__all__ = ["AppendOnlyError", "ComplaintEvent", "ComplaintReminder", "ComplaintView",
           "Handling"]


class ComplaintEvent(CaseEvent):
    """Every transition and recorded step: who, when, from, to, why. Never edited; on
    PostgreSQL the database refuses UPDATE, DELETE and TRUNCATE (migration 0002), and each
    event is linked by hash to the one before it on the same case (protocol.machinery.history)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    # Room for "escalated to stage N: " and a stage's title (EscalationStage.title, 160).
    action = models.CharField(max_length=200)
    stage_position = models.PositiveSmallIntegerField()
    reason = models.TextField(blank=True)

    chain = Chain(on="complaint_id", fields=("complaint_id", "at", "actor_id", "action",
                                             "from_state", "to_state", "stage_position",
                                             "reason"))

    class Meta(CaseEvent.Meta):
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_event_history")]

    @property
    def heading(self) -> str:
        return capfirst(self.action)

    @property
    def detail(self) -> str:
        return self.reason


class Handling(models.Model):
    """Who handled which stage: earlier handlers keep sight of the case and never handle a
    later stage."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="handlings")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    stage_position = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["complaint", "stage_position"],
                                               name="handling_one_per_stage")]

    def __str__(self) -> str:
        return f"stage {self.stage_position}: {self.handler_id}"


class ComplaintView(models.Model):
    """Each time someone opened the case (who saw what, when)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=40, default="case")

    class Meta:
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_view_log")]

    def __str__(self) -> str:
        return f"{self.viewer_id} saw {self.complaint_id} at {self.at:%Y-%m-%d %H:%M}"


class ComplaintReminder(ScheduledReminder):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reminders")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["complaint", "kind", "deadline"],
                                               name="complaint_reminder_once")]
        indexes = [pending_index("complaint_reminder_pending")]
