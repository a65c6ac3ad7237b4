"""Need-to-know requests for documents and information (002 'Access to information', 003
§31.12 and §31.16, 004 "Members' Access to Documents and Information")."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from protocol.council.selectors import roles_of
from protocol.machinery.fsm import transition_condition, transition_permission
from protocol.machinery.history import SealedRecord
from protocol.machinery.reminders import ScheduledReminder, pending_index
from protocol.models import Committee, RetainedRecord, Service, User
from registers import rules

from .common import TimelineEvent, timeline_chain


class InfoState(models.TextChoices):
    SUBMITTED = "submitted", "With the officer"
    PROVIDED = "provided", "Provided"
    PARTLY_PROVIDED = "partly", "Provided in part"
    REFUSED = "refused", "Refused"
    DISPUTED = "disputed", "Disputed: with the Monitoring Officer"
    REFUSAL_UPHELD = "upheld", "Refusal upheld by the Monitoring Officer"
    REFERRED = "referred", "With the Monitoring Officer: a personal interest"
    WITHHELD = "withheld", "Withheld on the Monitoring Officer's advice"
    RELEASE_DIRECTED = "directed", "Release directed by the Monitoring Officer"
    WITHDRAWN = "withdrawn", "Withdrawn"


AWAITING_OFFICER = (InfoState.SUBMITTED, InfoState.RELEASE_DIRECTED)
# Not yet finished: with the officer, or with the Monitoring Officer (a dispute, 004, or a
# declared interest, 004 "Members' Access"). The rest are final (registers.retention).
OPEN_STATES = (*AWAITING_OFFICER, InfoState.DISPUTED, InfoState.REFERRED)
PROVIDED_STATES = (InfoState.PROVIDED, InfoState.PARTLY_PROVIDED)


class RefusalGround(models.TextChoices):
    NO_NEED_TO_KNOW = rules.Ground.NO_NEED_TO_KNOW, "No need to know shown (002)"
    CONFIDENTIAL = rules.Ground.CONFIDENTIAL, "Confidential or exempt information (004)"
    PERSONAL_DATA = rules.Ground.PERSONAL_DATA, "Personal data of others (002; 003 §31.16)"
    THIRD_PARTY = (rules.Ground.THIRD_PARTY,
                   "Asked for a third party and not in the public domain (004)")
    DISPROPORTIONATE = (rules.Ground.DISPROPORTIONATE,
                        "Disproportionate effort, on the Chief Officer's guidance "
                        "(003 §31.12(2))")


DEFAULT_PURPOSE = ("Only for the proper performance of your duties as a member of the "
                   "council (002 'Access to information')")


@transition_permission
def _handler(request: InformationRequest, user: User) -> bool:
    return rules.can_handle_information(roles_of(user), user.pk, request.facts())


@transition_condition
def _cleared_for_third_party(request: InformationRequest) -> bool:
    # 004: for a third party, only what is public, not barred by law and not personal.
    return not request.third_party or request.third_party_cleared_at is not None


@transition_permission
def _councillor(request: InformationRequest, user: User) -> bool:
    return request.councillor_id == user.pk


@transition_permission
def _monitoring_officer(request: InformationRequest, user: User) -> bool:
    return roles_of(user).is_monitoring_officer and request.councillor_id != user.pk


class InformationRequest(FSMModelMixin, RetainedRecord, SealedRecord, models.Model):
    reference = models.CharField(max_length=20, unique=True)
    councillor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="information_requests")
    what = models.TextField(help_text="The documents or information asked for")
    why = models.TextField(help_text="Why the councillor needs to know")
    committee = models.ForeignKey(Committee, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    need_presumed = models.BooleanField(
        default=False, help_text="A member of the committee the papers are for (002)")
    personal_data = models.BooleanField(default=False)
    justification = models.TextField(blank=True, help_text="The specific justification a "
                                     "request touching personal data needs (002)")
    third_party = models.BooleanField(default=False,
                                      help_text="Asked on behalf of a third party (004)")
    personal_interest = models.BooleanField(
        default=False, help_text="The councillor has a personal or other interest in it, as "
        "the Members' Code of Conduct defines (004): the Monitoring Officer decides first")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="information_with")
    state = FSMField(default=InfoState.SUBMITTED, choices=InfoState.choices, protected=True)
    submitted_at = models.DateTimeField()
    received_on = models.DateField()
    due_on = models.DateField()
    decided_at = models.DateTimeField(null=True, blank=True)
    answered_in_time = models.BooleanField(null=True)
    provided = models.TextField(blank=True, help_text="What was provided")
    purpose = models.TextField(blank=True, help_text="The purpose it may be used for")
    confidential = models.BooleanField(default=False)
    third_party_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="The officer who confirmed that what a third party asked "
        "for is public, lawful to share and not personal data (004)")
    third_party_cleared_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    refusal_ground = models.CharField(max_length=32, choices=RefusalGround.choices, blank=True)
    refusal_reasons = models.TextField(blank=True)
    dispute_reasons = models.TextField(blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)
    dispute_due_on = models.DateField(null=True, blank=True)
    mo_reasons = models.TextField(blank=True)
    mo_decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The legal hold and `anonymised_at` come from RetainedRecord (protocol.machinery.retention).

    # What people wrote on it, sealed on the row (protocol.machinery.history.records).
    sealed_fields = ("councillor_id", "what", "why", "personal_data", "justification",
                     "third_party", "provided", "purpose", "confidential", "refusal_ground",
                     "refusal_reasons", "dispute_reasons", "mo_reasons",
                     "personal_interest", "third_party_cleared_by_id", "third_party_cleared_at",
                     "committee_id")

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["councillor", "-submitted_at"], name="info_councillor"),
            models.Index(fields=["officer", "state", "due_on"], name="info_officer_queue"),
            models.Index(fields=["state", "due_on"], name="info_state_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("received_on")),
                                   name="info_due_not_before_receipt"),
            models.CheckConstraint(condition=Q(personal_data=False) | ~Q(justification=""),
                                   name="info_personal_data_justified"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.what[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("registers:info_detail", args=[self.reference])

    def facts(self) -> rules.InformationFacts:
        directorate = self.service.directorate_id if self.service is not None else None
        return rules.InformationFacts(self.councillor_id, self.officer_id, self.service_id,
                                      directorate, self.need_presumed, self.third_party)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def _provided(self, *, at, provided: str, purpose: str, confidential: bool) -> None:
        self.provided, self.purpose, self.confidential = provided, purpose, confidential
        self.decided_at = self.decided_at or at
        if self.answered_in_time is None:
            self.answered_in_time = timezone.localdate(at) <= self.due_on

    @transition(field=state, source=list(AWAITING_OFFICER), target=InfoState.PROVIDED,
                permission=_handler, conditions=[_cleared_for_third_party])
    def provide(self, *, at, provided: str, purpose: str, confidential: bool) -> None:
        self._provided(at=at, provided=provided, purpose=purpose, confidential=confidential)
        self.refusal_ground, self.refusal_reasons = "", ""

    @transition(field=state, source=list(AWAITING_OFFICER), target=InfoState.PARTLY_PROVIDED,
                permission=_handler, conditions=[_cleared_for_third_party])
    def provide_part(self, *, at, provided: str, purpose: str, confidential: bool,
                     ground: str, reasons: str) -> None:
        self._provided(at=at, provided=provided, purpose=purpose, confidential=confidential)
        self.refusal_ground, self.refusal_reasons = ground, reasons

    @transition(field=state, source=InfoState.SUBMITTED, target=InfoState.REFUSED,
                permission=_handler)
    def refuse(self, *, at, ground: str, reasons: str) -> None:
        self.decided_at = at
        self.refusal_ground, self.refusal_reasons = ground, reasons
        self.answered_in_time = timezone.localdate(at) <= self.due_on

    @transition(field=state, source=[InfoState.REFUSED, InfoState.PARTLY_PROVIDED],
                target=InfoState.DISPUTED, permission=_councillor)
    def dispute(self, *, at, reasons: str, due_on) -> None:
        self.dispute_reasons, self.disputed_at, self.dispute_due_on = reasons, at, due_on

    @transition(field=state, source=InfoState.DISPUTED, target=InfoState.REFUSAL_UPHELD,
                permission=_monitoring_officer)
    def uphold_refusal(self, *, at, reasons: str) -> None:
        self.mo_reasons, self.mo_decided_at = reasons, at

    @transition(field=state, source=InfoState.DISPUTED, target=InfoState.RELEASE_DIRECTED,
                permission=_monitoring_officer)
    def direct_release(self, *, at, reasons: str) -> None:
        self.mo_reasons, self.mo_decided_at = reasons, at

    @transition(field=state, source=InfoState.SUBMITTED, target=InfoState.REFERRED)
    def refer(self) -> None:
        """A declared personal or other interest: the Monitoring Officer first (004)."""

    @transition(field=state, source=InfoState.REFERRED, target=InfoState.SUBMITTED,
                permission=_monitoring_officer)
    def clear_referral(self, *, at, reasons: str, due_on) -> None:
        self.mo_reasons, self.mo_decided_at, self.due_on = reasons, at, due_on

    @transition(field=state, source=InfoState.REFERRED, target=InfoState.WITHHELD,
                permission=_monitoring_officer)
    def withhold(self, *, at, reasons: str) -> None:
        self.mo_reasons, self.mo_decided_at = reasons, at

    @transition(field=state, source=[InfoState.SUBMITTED, InfoState.REFERRED],
                target=InfoState.WITHDRAWN, permission=_councillor)
    def withdraw(self) -> None:
        pass


class InformationRequestEvent(TimelineEvent):
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT,
                                related_name="events")

    chain = timeline_chain("request_id")

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["request", "at"], name="info_request_timeline")]


class InfoReminderKind(models.TextChoices):
    APPROACHING = "approaching", "Deadline approaching: officer reminded"
    EXPIRED = "expired", "Deadline passed with no decision: Director informed"
    DISPUTE_OVERDUE = "dispute_overdue", "Dispute undecided: Monitoring Officer reminded"


class InformationRequestReminder(ScheduledReminder):
    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="reminders")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "kind", "deadline"],
                                               name="info_request_reminder_once")]
        indexes = [pending_index("info_request_reminder_pending")]
