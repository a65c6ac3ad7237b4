"""Forms for complaints and grievances, in the GOV.UK style."""
from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from complaints.models import Outcome
from protocol.council.models.people import COUNCILLOR_POSTS, OFFICER_POSTS
from protocol.council.rules.discretion import CHOICE_LABELS
from protocol.council.rules.roles import Roles
from protocol.machinery.forms import (
    GovukDateField,
    GovukFormMixin,
    ModelChoiceField,
    PersonChoiceField,
    SubmittedOnceMixin,
    declared,
)
from protocol.models import ComplaintKind, Service, User

DECISION_OUTCOMES = [(value, label) for value, label in Outcome.choices
                     if value not in ("referred", "withdrawn", "resolved_informally")]
KINDS_FOR = {  # who may raise which kind (complaints.services.intake.check_parties)
    "councillor": {ComplaintKind.OFFICER_CONDUCT, ComplaintKind.CLERK_CONCERN,
                   ComplaintKind.CODE_OF_CONDUCT, ComplaintKind.FRAUD},
    "officer": {ComplaintKind.COUNCILLOR_CONDUCT, ComplaintKind.CODE_OF_CONDUCT,
                ComplaintKind.FRAUD},
}


def people_in_post() -> QuerySet:
    return (User.objects.filter(is_active=True, posts__ends_on__isnull=True,
                                posts__kind__in=COUNCILLOR_POSTS | OFFICER_POSTS)
            .distinct().order_by("last_name", "first_name"))


def kinds_for(roles: Roles, offered: set[str]) -> list[tuple[str, str]]:
    allowed: set[str] = set()
    if roles.is_councillor:
        allowed |= KINDS_FOR["councillor"]
    if roles.is_officer:
        allowed |= KINDS_FOR["officer"]
    return [(v, label) for v, label in ComplaintKind.choices if v in allowed and v in offered]


class RaiseForm(SubmittedOnceMixin, GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(widget=forms.RadioSelect, label="What kind of case is it")
    subject_person = PersonChoiceField(queryset=User.objects.none(), required=False,
                                       label="Who is it about",
                                       empty_label="Nobody in particular (fraud concerns)")
    subject_service = ModelChoiceField(
        queryset=Service.objects.order_by("name"), required=False, label="Their service",
        empty_label="Not known", help_text="For a complaint about an officer")
    summary = forms.CharField(max_length=200, label="Summary")
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000,
                              label="What happened")
    conduct_date = GovukDateField(
        required=False, label="When did it happen",
        help_text="Needed for a Code of Conduct complaint. For example, 27 3 2026",
        error_messages={"incomplete": "The date it happened must include a %(parts)s",
                        "invalid": "The date it happened must be a real date"})
    money_involved = forms.BooleanField(required=False, label="Council money is involved")
    try_informal = forms.BooleanField(
        required=False, label="Both of us agree to try to resolve it informally first",
        help_text="Informal resolution is recorded as an outcome; you can still go formal")

    def __init__(self, *args, roles: Roles, offered: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "kind", forms.ChoiceField).choices = kinds_for(roles, offered)
        declared(self, "subject_person", PersonChoiceField).queryset = people_in_post()


class VersionedForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(choices=DECISION_OUTCOMES, widget=forms.RadioSelect)
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)


class ReasonForm(VersionedForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class OptionalReasonForm(VersionedForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                             required=False, label="Reason (optional)")


class NoteForm(VersionedForm):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                           label="What the Independent Person advised")


class ResponseDueForm(VersionedForm):
    due_on = GovukDateField(
        label="Respond by", help_text="For example, 27 3 2027", error_messages={
            "required": "Enter the date the councillor is to respond by",
            "incomplete": "The date to respond by must include a %(parts)s",
            "invalid": "The date to respond by must be a real date"})


class DecisionForm(VersionedForm):
    """The Monitoring Officer's decision on where a case about a councillor goes next."""

    choice = forms.ChoiceField(widget=forms.RadioSelect, label="What happens next")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                             label="Your reasons")

    def __init__(self, *args, options: list[tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "choice", forms.ChoiceField).choices = (
            options or list(CHOICE_LABELS.items()))


class RequestForm(VersionedForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
        label="What you would like the Monitoring Officer to do, and why",
        help_text="The Monitoring Officer decides whether the case goes further")
