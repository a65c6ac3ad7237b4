"""Political groups' requests for reports, briefings and officers' attendance, and the
equal offer to every other group (000 §5.3-5.12, 001 §5-7, 003 §31.10, 004 'Party Groups
and Officers')."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from protocol.council.selectors import roles_of
from protocol.machinery.fsm import transition_condition, transition_permission
from protocol.machinery.history import SealedRecord
from protocol.machinery.reminders import ScheduledReminder, pending_index
from protocol.models import PoliticalGroup, RetainedRecord, User
from registers import rules

from .common import TimelineEvent, timeline_chain


class GroupRequestKind(models.TextChoices):
    REPORT = "report", "A written report (000 §5.5)"
    BRIEFING = "briefing", "A briefing (003 §31.10)"
    ATTENDANCE = "attendance", "An officer to attend a group meeting (000 §5.8)"


class GroupRequestState(models.TextChoices):
    SUBMITTED = "submitted", "With the Chief Executive"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"
    DELIVERED = "delivered", "Delivered: other groups told"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Decision(models.TextChoices):
    AGREED = "agreed", "Agreed, as asked"
    REPRESENTATIVE = "representative", "Agreed, with a representative (000 §5.9)"
    DECLINED = "declined", "Declined"


@transition_permission
def _head_of_paid_service(request: GroupRequest, user: User) -> bool:
    return rules.heads_paid_service(roles_of(user))


@transition_permission
def _deliverer(request: GroupRequest, user: User) -> bool:
    return rules.can_deliver_group_request(roles_of(user), user.pk, rules.GroupRequestFacts(
        request.group_id, request.requested_by_id, request.officer_id, False))


@transition_permission
def _requester(request: GroupRequest, user: User) -> bool:
    return request.requested_by_id == user.pk


@transition_condition
def _resources_settled(request: GroupRequest) -> bool:
    # 000 §5.3, 001 §5.3: where the resource implications are considerable, the group
    # leaders and the Head of Paid Service discuss and agree what is provided.
    return not request.considerable_resources or request.resources_discussed_at is not None


class GroupRequest(FSMModelMixin, RetainedRecord, SealedRecord, models.Model):
    reference = models.CharField(max_length=20, unique=True)
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT,
                              related_name="requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="group_requests")
    kind = models.CharField(max_length=12, choices=GroupRequestKind.choices)
    subject = models.CharField(max_length=200)
    details = models.TextField()
    meeting_on = models.DateField(null=True, blank=True,
                                  help_text="The group meeting, for a briefing or attendance")
    officer_requested = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="The officer the group asked for, if any")
    considerable_resources = models.BooleanField(default=False)
    resources_note = models.TextField(blank=True, help_text="What the group leaders and the "
                                      "Head of Paid Service agreed (000 §5.3)")
    resources_discussed_at = models.DateTimeField(null=True, blank=True)
    state = FSMField(default=GroupRequestState.SUBMITTED, choices=GroupRequestState.choices,
                     protected=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="group_requests_with",
                                help_text="Who writes the report or attends")
    delivered_on = models.DateField(null=True, blank=True)
    delivered_subject = models.CharField(
        max_length=200, blank=True, help_text="The subject as told to the other groups")
    factual_confirmed = models.BooleanField(
        default=False, help_text="Factual, options only, no political implications and no "
        "recommendation to the group (000 §5.6, §5.10)")
    submitted_at = models.DateTimeField()
    decision_due_on = models.DateField()
    version = models.PositiveIntegerField(default=1)
    # The legal hold and `anonymised_at` come from RetainedRecord (protocol.machinery.retention).

    # What people wrote on it, sealed on the row (protocol.machinery.history.records).
    sealed_fields = ("requested_by_id", "kind", "subject", "details", "meeting_on",
                     "officer_requested_id", "resources_note", "decision", "decision_reason",
                     "decided_by_id", "delivered_subject", "factual_confirmed")

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["group", "-submitted_at"], name="group_request_group"),
                   models.Index(fields=["state", "decision_due_on"], name="group_request_due")]
        constraints = [
            models.CheckConstraint(condition=~Q(state="delivered") | Q(factual_confirmed=True),
                                   name="group_request_delivered_is_factual"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("registers:group_detail", args=[self.reference])

    def facts(self) -> rules.GroupRequestFacts:
        return rules.GroupRequestFacts(self.group_id, self.requested_by_id, self.officer_id,
                                       self.state == GroupRequestState.DELIVERED)

    @transition(field=state, source=GroupRequestState.SUBMITTED,
                target=GroupRequestState.AGREED, permission=_head_of_paid_service,
                conditions=[_resources_settled])
    def agree(self, *, by, at, decision: str, officer, reason: str) -> None:
        self.decision, self.decision_reason = decision, reason
        self.decided_by, self.decided_at, self.officer = by, at, officer

    @transition(field=state, source=GroupRequestState.SUBMITTED,
                target=GroupRequestState.DECLINED, permission=_head_of_paid_service)
    def decline(self, *, by, at, reason: str) -> None:
        self.decision, self.decision_reason = Decision.DECLINED, reason
        self.decided_by, self.decided_at = by, at

    @transition(field=state, source=GroupRequestState.AGREED,
                target=GroupRequestState.DELIVERED, permission=_deliverer)
    def deliver(self, *, on, subject: str) -> None:
        self.delivered_on, self.delivered_subject = on, subject
        self.factual_confirmed = True

    @transition(field=state, source=[GroupRequestState.SUBMITTED, GroupRequestState.AGREED],
                target=GroupRequestState.WITHDRAWN, permission=_requester)
    def withdraw(self) -> None:
        pass


class GroupNotice(models.Model):
    """One other group told of a report prepared or an officer's attendance: what, when, the
    subject (000 §5.7, §5.11), logged when it was sent."""

    request = models.ForeignKey(GroupRequest, on_delete=models.PROTECT, related_name="notices")
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="+")
    told = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "group"],
                                               name="group_notice_once_per_group")]

    def __str__(self) -> str:
        return f"{self.group} told of {self.request_id}"


class FollowUpKind(models.TextChoices):
    COPY = "copy", "A copy of the report (000 §5.7)"
    SAME_BRIEFING = "same_briefing", "The same briefing (003 §31.10, 004)"


class FollowUpState(models.TextChoices):
    REQUESTED = "requested", "Asked for"
    DONE = "done", "Done"


@transition_permission
def _follow_up_doer(follow_up: GroupFollowUp, user: User) -> bool:
    request = follow_up.request
    return _deliverer(request, user)


class GroupFollowUp(FSMModelMixin, SealedRecord, models.Model):
    """Another group asks for a copy or the same briefing; tracked until it is done. An
    officer who advised one group does not decline another on the same matter (004)."""

    request = models.ForeignKey(GroupRequest, on_delete=models.PROTECT,
                                related_name="follow_ups")
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    kind = models.CharField(max_length=16, choices=FollowUpKind.choices)
    state = FSMField(default=FollowUpState.REQUESTED, choices=FollowUpState.choices,
                     protected=True)
    requested_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    done_note = models.TextField(blank=True)

    sealed_fields = ("requested_by_id", "kind", "done_by_id", "done_note")

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "group"],
                                               name="group_follow_up_once_per_group")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.group}"

    @transition(field=state, source=FollowUpState.REQUESTED, target=FollowUpState.DONE,
                permission=_follow_up_doer)
    def complete(self, *, by, at, note: str) -> None:
        self.done_by, self.done_at, self.done_note = by, at, note


class GroupRequestEvent(TimelineEvent):
    request = models.ForeignKey(GroupRequest, on_delete=models.PROTECT, related_name="events")

    chain = timeline_chain("request_id")

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["request", "at"], name="group_request_timeline")]


class GroupRequestReminder(ScheduledReminder):
    """The Head of Paid Service reminded once the decision is overdue."""

    request = models.ForeignKey(GroupRequest, on_delete=models.CASCADE,
                                related_name="reminders")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "kind", "deadline"],
                                               name="group_request_reminder_once")]
        indexes = [pending_index("group_request_reminder_pending")]
