"""Complaints and grievances (001 §11, 002 'If things go wrong', 003 §31.3, 004 'Resolving
Disputes').

One model with a `kind`, not one per kind: every kind climbs a ladder of stages that the
protocol profile defines as data, with the same transitions (informal resolution, outcome,
escalation, decision, withdrawal); only the handlers and stages differ, and those come from
the profile. One table also lets the Monitoring Officer's dashboard count every case in
one query."""
from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from protocol.council.selectors import roles_of
from protocol.machinery.access import AccessGiven
from protocol.machinery.fsm import transition_condition, transition_permission
from protocol.machinery.history import SealedRecord
from protocol.models import ComplaintKind, RetainedRecord, Service, User


class State(models.TextChoices):
    INFORMAL = "informal", "Informal resolution"
    WITH_HANDLER = "with_handler", "With the handler"
    OUTCOME = "outcome", "Outcome given"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN = (State.INFORMAL, State.WITH_HANDLER, State.OUTCOME)
# The open states in which the handler owes the next step. Only these can be overdue: once
# an outcome is given the case waits on the complainant (accept or escalate), and a stage
# whose outcome came in time, or late, is not still running late.
AWAITING_HANDLER = (State.INFORMAL, State.WITH_HANDLER)


class Outcome(models.TextChoices):
    RESOLVED_INFORMALLY = "resolved_informally", "Resolved informally"
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    MEDIATED = "mediated", "Resolved by mediation or conciliation"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    BREACH_FOUND = "breach_found", "Breach of the Code of Conduct found"
    NO_BREACH = "no_breach", "No breach of the Code of Conduct"
    REFERRED = "referred", "Referred to the next stage"
    WITHDRAWN = "withdrawn", "Withdrawn"


@transition_permission
def _handler(complaint: Complaint, user: User) -> bool:
    return complaint.handler_id == user.pk


@transition_permission
def _complainant(complaint: Complaint, user: User) -> bool:
    return complaint.complainant_id == user.pk


@transition_permission
def _handler_or_complainant(complaint: Complaint, user: User) -> bool:
    return _handler(complaint, user) or _complainant(complaint, user)


@transition_permission
def _monitoring_officer(complaint: Complaint, user: User) -> bool:
    # 001 §11.3: the Monitoring Officer decides where a case about a councillor goes next
    # (complaints.services.discretion says when); never one who is a party to it.
    return (roles_of(user).is_monitoring_officer
            and user.pk not in (complaint.subject_person_id, complaint.complainant_id))


@transition_condition
def _has_next(complaint: Complaint) -> bool:
    return complaint.stage_position < complaint.stage_count


@transition_condition
def _is_last(complaint: Complaint) -> bool:
    return complaint.stage_position >= complaint.stage_count


@transition_condition
def _ready_to_decide(complaint: Complaint) -> bool:
    # The Monitoring Officer consults the Independent Person before deciding a Code of
    # Conduct complaint (Localism Act 2011 s28(7)).
    return (complaint.kind != ComplaintKind.CODE_OF_CONDUCT
            or complaint.independent_person_consulted_at is not None)


class Complaint(FSMModelMixin, RetainedRecord, SealedRecord, models.Model):
    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=24, choices=ComplaintKind.choices)
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="complaints_made")
    subject_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="complaints_about", help_text="The person complained about")
    subject_service = models.ForeignKey(Service, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="complaints")
    summary = models.CharField(max_length=200)
    details = models.TextField()
    conduct_date = models.DateField(null=True, blank=True,
                                    help_text="When the conduct complained of happened")
    money_involved = models.BooleanField(default=False)
    source_enquiry_reference = models.CharField(max_length=20, blank=True)

    state = FSMField(default=State.WITH_HANDLER, choices=State.choices, protected=True)
    stage_position = models.PositiveSmallIntegerField(default=1)
    stage_count = models.PositiveSmallIntegerField()
    stage_title = models.CharField(max_length=160)
    stage_started_at = models.DateTimeField()
    stage_due_on = models.DateField(null=True, blank=True)
    subject_told = models.BooleanField(default=False)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="complaints_handling")
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField(blank=True)
    independent_person_consulted_at = models.DateTimeField(null=True, blank=True)
    subject_response_due_on = models.DateField(null=True, blank=True)
    received_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    # What people wrote on it, and what decides who handles it (its kind picks the ladder),
    # sealed on the row (protocol.machinery.history.records).
    sealed_fields = ("complainant_id", "subject_person_id", "summary", "details",
                     "conduct_date", "money_involved", "outcome", "outcome_reasons",
                     "legal_hold_reason", "kind", "subject_service_id")

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["handler", "state"], name="complaint_handler"),
            models.Index(fields=["complainant", "-received_at"], name="complaint_complainant"),
            models.Index(fields=["state", "kind", "stage_position"], name="complaint_dashboard"),
            # With the id: a deep page's ids come from the index alone (DeferredPaginator).
            models.Index(fields=["received_at", "id"], name="complaint_received"),
            models.Index(fields=["closed_at"], name="complaint_closed"),
            # The retention run's queue: closed, not yet anonymised, oldest first.
            models.Index(fields=["closed_at", "id"], name="complaint_retention",
                         condition=models.Q(closed_at__isnull=False,
                                            anonymised_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def awaiting_handler(self) -> bool:
        return self.state in AWAITING_HANDLER

    def is_overdue(self, today: date) -> bool:
        """Past its stage's time limit with the handler's step still to come."""
        return bool(self.awaiting_handler and self.stage_due_on and self.stage_due_on < today)

    # Transitions set state and stamps only; services pick handlers, check and record.
    @transition(field=state, source=State.INFORMAL, target=State.CLOSED,
                permission=_handler_or_complainant)
    def resolve_informally(self, *, at, reasons: str) -> None:
        self.outcome, self.outcome_reasons, self.closed_at = (
            Outcome.RESOLVED_INFORMALLY, reasons, at)

    @transition(field=state, source=State.INFORMAL, target=State.WITH_HANDLER,
                permission=_handler_or_complainant)
    def go_formal(self) -> None:
        pass

    @transition(field=state, source=State.WITH_HANDLER, target=State.OUTCOME,
                permission=_handler, conditions=[_has_next, _ready_to_decide])
    def give_outcome(self, *, outcome: str, reasons: str) -> None:
        self.outcome, self.outcome_reasons = outcome, reasons

    @transition(field=state, source=State.WITH_HANDLER, target=State.CLOSED,
                permission=_handler, conditions=[_is_last, _ready_to_decide])
    def decide(self, *, outcome: str, reasons: str, at) -> None:
        self.outcome, self.outcome_reasons, self.closed_at = outcome, reasons, at

    @transition(field=state, source=State.OUTCOME, target=State.CLOSED, permission=_complainant)
    def accept_outcome(self, *, at) -> None:
        self.closed_at = at

    @transition(field=state, source=State.OUTCOME, target=State.WITH_HANDLER,
                permission=_complainant, conditions=[_has_next])
    def escalate(self, *, position: int, stage_title: str, handler, at, due_on,
                 subject_told: bool) -> None:
        self._next_stage(position, stage_title, handler, at, due_on, subject_told)

    @transition(field=state, source=State.WITH_HANDLER, target=State.WITH_HANDLER,
                permission=_handler, conditions=[_has_next])
    def refer_on(self, *, position: int, stage_title: str, handler, at, due_on,
                 subject_told: bool) -> None:
        self.outcome = Outcome.REFERRED
        self._next_stage(position, stage_title, handler, at, due_on, subject_told)

    @transition(field=state, source=[State.WITH_HANDLER, State.OUTCOME],
                target=State.WITH_HANDLER, permission=_monitoring_officer, conditions=[_has_next])
    def monitoring_officer_refers(self, *, position: int, stage_title: str, handler, at, due_on,
                                  subject_told: bool) -> None:
        self.outcome = Outcome.REFERRED
        self._next_stage(position, stage_title, handler, at, due_on, subject_told)

    @transition(field=state, source=list(OPEN), target=State.WITHDRAWN, permission=_complainant)
    def withdraw(self, *, at) -> None:
        self.outcome, self.closed_at = Outcome.WITHDRAWN, at

    def _next_stage(self, position: int, stage_title: str, handler, at, due_on,
                    subject_told: bool) -> None:
        # Not always the next position: a stage nobody can fairly take is skipped
        # (protocol.council.rules.escalation.stages_ahead).
        self.stage_position = position
        self.stage_title, self.handler, self.stage_started_at = stage_title, handler, at
        self.stage_due_on = due_on
        self.subject_told = self.subject_told or subject_told


class ComplaintAccess(AccessGiven):
    """Someone given sight of one case beyond its facts: HR told at the Leader's stage
    (001 §11.2; rules.can_view)."""

    case = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="access_given")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person", "reason"],
                                               name="complaint_access_once")]
        indexes = [models.Index(fields=["person", "case"], name="complaint_access_person")]
