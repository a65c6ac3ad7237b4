"""A councillor's enquiry and its lifecycle (003 §31.15, 000/001 §3.1(e), §3.5)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from casework import rules
from protocol.council.selectors import roles_of
from protocol.machinery.access import AccessGiven
from protocol.machinery.fsm import transition_condition, transition_permission
from protocol.machinery.history import SealedRecord
from protocol.models import PoliticalGroup, RetainedRecord, Service, User, Ward


class State(models.TextChoices):
    NEW = "new", "With the officer"
    ACCEPTED = "accepted", "In progress"
    HOLDING = "holding", "Holding reply sent"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # The councillor took the matter forward another way (raised it as a complaint): the
    # enquiry's clock stops. The label names no complaint, as everyone on the enquiry
    # reads it, the officer complained about among them.
    REDIRECTED = "redirected", "Closed: being handled another way"


OPEN_UNANSWERED = (State.NEW, State.ACCEPTED, State.HOLDING)
OPEN = (*OPEN_UNANSWERED, State.ANSWERED)


class Visibility(models.TextChoices):
    PRIVATE = rules.Visibility.PRIVATE, "Nobody else"
    WARD = rules.Visibility.WARD, "The other members for the ward"
    GROUP_WARD = rules.Visibility.GROUP_WARD, "Members of my group for the ward"


@transition_permission
def _handler(enquiry: Enquiry, user: User) -> bool:
    return rules.can_handle(roles_of(user), user.pk, rules.facts_of(enquiry))


@transition_permission
def _raiser(enquiry: Enquiry, user: User) -> bool:
    return enquiry.raised_by_id == user.pk


@transition_condition
def _not_anonymised(enquiry: Enquiry) -> bool:
    # Its text is gone under the retention policy (protocol.machinery.retention): nothing to reopen.
    return enquiry.anonymised_at is None


class Enquiry(FSMModelMixin, RetainedRecord, SealedRecord, models.Model):
    reference = models.CharField(max_length=20, unique=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="enquiries_raised")
    raised_by_group = models.ForeignKey(
        PoliticalGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The councillor's group when the enquiry was logged (for group sharing)")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="enquiries")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="enquiries")
    subject = models.CharField(max_length=200)
    details = models.TextField()
    on_behalf_of_constituent = models.BooleanField(default=False)
    constituent_name = models.CharField(max_length=160, blank=True)
    constituent_contact = models.CharField(max_length=200, blank=True)
    constituent_address = models.TextField(blank=True)
    confidential = models.BooleanField(default=False)
    visibility = models.CharField(max_length=12, choices=Visibility.choices,
                                  default=Visibility.PRIVATE)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="enquiries_assigned")
    relationship_note = models.TextField(
        blank=True, help_text="The on-going relationship with the preferred officer (§3.5)")

    state = FSMField(default=State.NEW, choices=State.choices, protected=True)
    received_at = models.DateTimeField()
    received_on = models.DateField()
    due_on = models.DateField(help_text="The protocol's deadline for a full response")
    current_due_on = models.DateField(
        help_text="The date it is judged overdue by: the deadline, or a holding reply's "
        "revised date")
    holding_reply_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    answered_in_time = models.BooleanField(
        null=True, help_text="First full response on or before the deadline (statistics)")
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    # What people wrote on it, and what decides who sees and handles it, sealed on the row
    # (protocol.machinery.history.records). Not `raised_by_group`: deleting a group sets it NULL in
    # an UPDATE that bypasses save (SET_NULL), which would look like tampering.
    sealed_fields = ("raised_by_id", "subject", "details", "on_behalf_of_constituent",
                     "constituent_name", "constituent_contact", "constituent_address",
                     "confidential", "relationship_note", "legal_hold_reason", "visibility",
                     "ward_id", "service_id")

    class Meta:
        verbose_name_plural = "enquiries"
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["assigned_to", "state", "current_due_on"],
                         name="enquiry_officer_queue"),
            models.Index(fields=["service", "state", "current_due_on"],
                         name="enquiry_service_queue"),
            # The queue of every open, unanswered enquiry in due-date order: a directorate's
            # or a service's first page is its first few entries (`make bench`).
            models.Index(fields=["current_due_on", "id"], name="enquiry_open_due",
                         condition=Q(state__in=OPEN_UNANSWERED)),
            models.Index(fields=["service", "current_due_on", "id"], name="enquiry_service_due"),
            # With the id: a deep page's ids come from the index alone (DeferredPaginator).
            models.Index(fields=["raised_by", "-received_at", "-id"], name="enquiry_councillor"),
            models.Index(fields=["ward", "-received_at"], name="enquiry_ward"),
            models.Index(fields=["state", "current_due_on"], name="enquiry_state_due"),
            # The retention run's queue: closed, not yet anonymised, oldest first.
            models.Index(fields=["closed_at", "id"], name="enquiry_retention",
                         condition=Q(closed_at__isnull=False, anonymised_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("received_on")),
                                   name="enquiry_due_not_before_receipt"),
            models.CheckConstraint(
                condition=Q(on_behalf_of_constituent=True) | Q(constituent_name=""),
                name="enquiry_constituent_only_on_behalf"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("casework:detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def is_unanswered(self) -> bool:
        return self.state in OPEN_UNANSWERED

    # Transitions set state and stamps only; services check, save and record.
    @transition(field=state, source=State.NEW, target=State.ACCEPTED, permission=_handler)
    def accept(self) -> None:
        pass

    @transition(field=state, source=list(OPEN_UNANSWERED), target=State.NEW,
                permission=_handler)
    def reassign(self, officer) -> None:
        self.assigned_to = officer

    @transition(field=state, source=list(OPEN_UNANSWERED), target=State.HOLDING,
                permission=_handler)
    def hold(self, *, at, revised_due_on) -> None:
        self.holding_reply_at = self.holding_reply_at or at
        self.current_due_on = revised_due_on

    @transition(field=state, source=list(OPEN_UNANSWERED), target=State.ANSWERED,
                permission=_handler)
    def respond(self, *, at) -> None:
        if self.responded_at is None:
            self.responded_at = at
            # The council's date, not UTC's: 00:30 in London in summer is still the day
            # before in UTC.
            self.answered_in_time = timezone.localdate(at) <= self.due_on

    @transition(field=state, source=State.ANSWERED, target=State.CLOSED, permission=_raiser)
    def confirm(self, *, at) -> None:
        self.closed_at = at

    @transition(field=state, source=State.ANSWERED, target=State.CLOSED)
    def close_after_follow_up(self, *, at) -> None:
        self.closed_at = at

    @transition(field=state, source=list(OPEN), target=State.WITHDRAWN, permission=_raiser)
    def withdraw(self, *, at) -> None:
        self.closed_at = at

    @transition(field=state, source=list(OPEN), target=State.REDIRECTED, permission=_raiser)
    def redirect(self, *, at) -> None:
        self.closed_at = at

    @transition(field=state, source=[State.ANSWERED, State.CLOSED], target=State.ACCEPTED,
                permission=_raiser, conditions=[_not_anonymised])
    def reopen(self, *, due_on) -> None:
        self.closed_at = None
        self.due_on = due_on
        self.current_due_on = due_on


class EnquiryAccess(AccessGiven):
    """Someone given sight of one enquiry beyond its facts: an officer it was with before,
    a councillor copied into its correspondence, a complaint's handler (rules.can_view)."""

    case = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="access_given")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person", "reason"],
                                               name="enquiry_access_once")]
        indexes = [models.Index(fields=["person", "case"], name="enquiry_access_person")]
