"""The council's protocol as data: one active profile, its escalation ladders, closure days."""
from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from protocol.council.rules.enums import DayKind, ExpiryRecipient, Nation, Seniority

NATION_CHOICES = [
    (Nation.ENGLAND.value, "England"),
    (Nation.WALES.value, "Wales"),
    (Nation.SCOTLAND.value, "Scotland"),
    (Nation.NORTHERN_IRELAND.value, "Northern Ireland"),
]
DAY_KIND_CHOICES = [(DayKind.WORKING.value, "working days"),
                    (DayKind.CALENDAR.value, "calendar days")]
SENIORITY_CHOICES = [
    (Seniority.STAFF.value, "Any officer"),
    (Seniority.HEAD_OF_SERVICE.value, "Head of Service or above"),
    (Seniority.DEPUTY_DIRECTOR.value, "Deputy Director or above"),
    (Seniority.DIRECTOR.value, "Director or above"),
    (Seniority.EXECUTIVE_DIRECTOR.value, "Executive Director or above"),
    (Seniority.CHIEF_EXECUTIVE.value, "Chief Executive / Proper Officer only"),
]


# Who is informed when the deadline passes with nothing sent (003 §31.15): the enum is the
# rules' (protocol.council.rules.expiry.expiry_recipient), the labels are the profile form's.
EXPIRY_RECIPIENT_CHOICES = [
    (ExpiryRecipient.DIRECTOR.value, "The relevant Director"),
    (ExpiryRecipient.HEAD_OF_SERVICE.value, "The Head of Service"),
    (ExpiryRecipient.CHIEF_EXECUTIVE.value, "The Chief Executive"),
    (ExpiryRecipient.PROPER_OFFICER.value, "The Proper Officer (Clerk)"),
    (ExpiryRecipient.NOBODY.value, "Nobody beyond the officer"),
]


ABOVE_DIRECTOR_CHOICES = [
    (Seniority.EXECUTIVE_DIRECTOR.value, "The Executive Director"),
    (Seniority.CHIEF_EXECUTIVE.value, "The Chief Executive"),
]


class ComplaintKind(models.TextChoices):
    OFFICER_CONDUCT = "officer_conduct", "Councillor complaint about an officer"
    COUNCILLOR_CONDUCT = "councillor_conduct", "Officer grievance about a councillor"
    CODE_OF_CONDUCT = "code_of_conduct", "Code of Conduct complaint"
    FRAUD = "fraud", "Concern about fraud, corruption or malpractice"
    CLERK_CONCERN = "clerk_concern", "Councillor concern about the Clerk"


class HandlerRole(models.TextChoices):
    """Who handles a stage of an escalation ladder; resolved to a person at run time."""

    SERVICE_DIRECTOR = "service_director", "The Director of the officer's service"
    SENIOR_OFFICER = "senior_officer", "The relevant senior officer"
    CHIEF_EXECUTIVE = "chief_executive", "The Chief Executive"
    MONITORING_OFFICER = "monitoring_officer", "The Monitoring Officer"
    CE_OR_MONITORING_OFFICER = "ce_or_mo", "The Chief Executive and/or the Monitoring Officer"
    LEADER_PANEL = "leader_panel", "The Leader, with the Chief Executive, Monitoring Officer and HR"
    GROUP_LEADER = "group_leader", "The Leader and/or the councillor's group leader"
    STANDARDS_COMMITTEE = "standards_committee", "The Standards Committee"
    CHIEF_FINANCE_OFFICER = "cfo", "The Chief Finance Officer"
    CHAIR = "chair", "The chair of the council"
    STAFFING_COMMITTEE = "staffing_committee", "The staffing committee"


class ProtocolProfile(models.Model):
    """One council's Councillor-Officer protocol; exactly one is active."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=160)
    council_name = models.CharField(max_length=160)
    source = models.CharField(max_length=200, blank=True,
                              help_text="The protocol text this profile encodes")
    is_active = models.BooleanField(default=False)

    nation = models.CharField(max_length=3, choices=NATION_CHOICES, default="ENG",
                              help_text="Whose bank holidays apply")
    response_days = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(90)])
    response_day_kind = models.CharField(max_length=8, choices=DAY_KIND_CHOICES,
                                         default="working")
    response_days_is_default = models.BooleanField(
        default=True, help_text="Set when the protocol gives no number and the council chose it")
    service_response_days_allowed = models.BooleanField(
        default=False, help_text="Services may set their own response time")
    response_basis = models.TextField(blank=True, help_text="Where the rule comes from")

    holding_reply_needs_reasons = models.BooleanField(default=True)
    holding_reply_needs_revised_date = models.BooleanField(default=True)
    holding_reply_before_expiry = models.BooleanField(default=True)
    holding_reply_basis = models.TextField(blank=True)
    expiry_informs = models.CharField(max_length=20, choices=EXPIRY_RECIPIENT_CHOICES,
                                      default=ExpiryRecipient.DIRECTOR)
    expiry_above_director = models.PositiveSmallIntegerField(
        choices=ABOVE_DIRECTOR_CHOICES, default=Seniority.CHIEF_EXECUTIVE.value,
        db_default=Seniority.CHIEF_EXECUTIVE.value,
        help_text="Who is informed instead when the enquiry is with the Director")
    expiry_basis = models.TextField(blank=True)
    reminder_days_before_expiry = models.PositiveSmallIntegerField(
        default=2, validators=[MaxValueValidator(30)])
    follow_up_window_days = models.PositiveSmallIntegerField(
        default=5, validators=[MaxValueValidator(60)],
        help_text="Working days an answered enquiry stays open for the councillor's follow-up")

    first_contact_min_seniority = models.PositiveSmallIntegerField(
        choices=SENIORITY_CHOICES, default=Seniority.HEAD_OF_SERVICE)
    first_contact_via_proper_officer = models.BooleanField(
        default=False, help_text="The Proper Officer (Clerk) is the single point of contact")
    first_contact_relationship_exception = models.BooleanField(
        default=True, help_text="A recorded on-going relationship on the case allows a more "
        "junior officer")
    first_contact_basis = models.TextField(blank=True)

    no_silent_copies = models.BooleanField(default=True)
    confidential_never_to_third_parties = models.BooleanField(default=True)
    correspondence_basis = models.TextField(blank=True)

    informal_resolution_first = models.BooleanField(default=True)
    conduct_complaint_window_months = models.PositiveSmallIntegerField(default=6)
    complaints_basis = models.TextField(blank=True)
    # Telling the person that something about them was withheld can itself tip them off
    # (ICO right of access guidance, exemptions: "neither confirm nor deny"); a council
    # may choose to say so (DPA 2018 Sch. 2 para. 2 crime and taxation, para. 7 regulatory).
    subject_access_says_withheld = models.BooleanField(
        default=False, db_default=False,  # the 0002 seed, run on historical models, omits it
        help_text="A subject access export says that a record about the "
        "person was withheld while they are not yet told of it (never which record)")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True),
                                    name="profile_one_active"),
        ]

    def __str__(self) -> str:
        return self.name + (" (active)" if self.is_active else "")

    def response_rule(self) -> str:
        return f"{self.response_days} {self.get_response_day_kind_display()}"


class EscalationStage(models.Model):
    """One rung of a ladder: who handles a kind of complaint at this stage, and how long."""

    profile = models.ForeignKey(ProtocolProfile, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=24, choices=ComplaintKind.choices)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=160)
    handler = models.CharField(max_length=24, choices=HandlerRole.choices)
    time_limit_days = models.PositiveSmallIntegerField(null=True, blank=True)
    time_limit_day_kind = models.CharField(max_length=8, choices=DAY_KIND_CHOICES,
                                           default="working")
    subject_told = models.BooleanField(
        default=False, help_text="The person complained about is told from this stage on")
    basis = models.TextField(blank=True)

    class Meta:
        ordering = ["profile", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind", "position"],
                                    name="stage_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}: {self.title}"


class ClosureDay(models.Model):
    """A day the council itself is closed (beyond bank holidays), e.g. between Christmas
    and New Year; deadlines skip it."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=160)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y}: {self.reason}"
