"""Forms for the registers, in the GOV.UK style (protocol.machinery.forms). They check input and
hand plain values to services; the services decide."""
from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from protocol.council.models.people import COUNCILLOR_POSTS, OFFICER_POSTS
from protocol.machinery.forms import (
    GovukFormMixin,
    ModelChoiceField,
    ModelMultipleChoiceField,
    PersonChoiceField,
    SubmittedOnceMixin,
    declared,
)
from protocol.models import Committee, PoliticalGroup, Service, User, Ward
from registers.models import Decision, GroupRequestKind, Nature, NoticeKind, RefusalGround


def _people(kinds) -> QuerySet:
    return (User.objects.filter(is_active=True, posts__kind__in=kinds,
                                posts__ends_on__isnull=True).distinct()
            .order_by("last_name", "first_name"))


def _text(rows: int = 4, **kwargs) -> forms.CharField:
    return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class VersionedForm(GovukFormMixin, forms.Form):
    """Carries the version the page showed, so a stale action is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


# Political groups ---------------------------------------------------------------------

class GroupRequestForm(SubmittedOnceMixin, GovukFormMixin, forms.Form):
    group = ModelChoiceField(queryset=PoliticalGroup.objects.none(), empty_label=None,
                                   label="Your group")
    kind = forms.ChoiceField(choices=GroupRequestKind.choices, widget=forms.RadioSelect,
                             label="What the group asks for")
    subject = forms.CharField(max_length=200, help_text="For example, 'Options for the "
                              "2027 budget amendment'")
    details = _text(6, max_length=20000, label="What the group would like")
    meeting_on = forms.DateField(required=False, label="Date of the group meeting",
                                 help_text="For a briefing or attendance",
                                 widget=forms.DateInput)
    officer_requested = PersonChoiceField(queryset=User.objects.none(), required=False,
                                          empty_label="The Chief Executive decides",
                                          label="Officer asked for (optional)")
    considerable_resources = forms.BooleanField(
        required=False, label="This will take considerable officer time",
        help_text="The group leaders and the Chief Executive will agree what is provided "
        "(000 §5.3)")

    def __init__(self, *args, groups: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "group", ModelChoiceField).queryset = groups
        declared(self, "officer_requested", PersonChoiceField).queryset = _people(
            OFFICER_POSTS)


class GroupDecisionForm(VersionedForm):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    officer = PersonChoiceField(queryset=User.objects.none(), required=False,
                                empty_label="The officer the group asked for",
                                help_text="Who writes the report or attends")
    reason = _text(3, max_length=5000, required=False,
                   help_text="Required when declining, e.g. the matter is too political for "
                   "an officer to attend (000 §5.9)")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "officer", PersonChoiceField).queryset = _people(OFFICER_POSTS)


class NoteForm(VersionedForm):
    note = _text(4, max_length=5000)


class DeliverForm(VersionedForm):
    delivered_on = forms.DateField(label="Date the report was given or the officer attended",
                                   widget=forms.DateInput)
    subject = forms.CharField(max_length=200, label="Subject, as other groups will be told it")
    factual_confirmed = forms.BooleanField(
        error_messages={"required": "Confirm the advice was factual, gave options and their "
                        "merits, and made no recommendation to the group (000 §5.6, §5.10)."},
        label="The advice was factual, set out options and their merits, did not deal with "
        "political implications and made no recommendation to the group")


class FollowUpForm(GovukFormMixin, forms.Form):
    group = ModelChoiceField(queryset=PoliticalGroup.objects.none(), empty_label=None,
                                   label="For your group")

    def __init__(self, *args, groups: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "group", ModelChoiceField).queryset = groups


class FollowUpDoneForm(GovukFormMixin, forms.Form):
    note = _text(3, max_length=5000, label="What was sent, or when the briefing was given")


class PeriodForm(forms.Form):
    start = forms.DateField(required=False, widget=forms.DateInput)
    end = forms.DateField(required=False, widget=forms.DateInput)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start of the period must be before its end.")
        return data


# Need-to-know -------------------------------------------------------------------------

class InformationRequestForm(SubmittedOnceMixin, GovukFormMixin, forms.Form):
    what = _text(4, max_length=10000, label="What documents or information you need")
    why = _text(4, max_length=10000, label="Why you need to know",
                help_text="Mere curiosity is not enough: say how it helps you carry out your "
                "role as a member (002)")
    committee = ModelChoiceField(queryset=Committee.objects.order_by("name"),
                                       required=False, empty_label="Not for a committee",
                                       label="For a committee's business")
    service = ModelChoiceField(
        queryset=Service.objects.order_by("name"), required=False, empty_label="Not sure",
        help_text="The service that holds it; 'Not sure' sends it to the Chief Executive")
    third_party = forms.BooleanField(required=False,
                                     label="I am asking on behalf of someone else")
    personal_data = forms.BooleanField(required=False,
                                       label="It includes personal information about others")
    personal_interest = forms.BooleanField(
        required=False, label="I have a personal or other interest in this",
        help_text="As the Members' Code of Conduct defines it. The Monitoring Officer will "
        "advise before the officer decides your request")
    justification = _text(3, max_length=10000, required=False,
                          label="Why you need the personal information",
                          help_text="Required if it includes personal information: say "
                          "specifically why (002)")


class InformationDecisionForm(VersionedForm):
    outcome = forms.ChoiceField(widget=forms.RadioSelect, choices=[
        ("provided", "Provided"), ("partly", "Provided in part"), ("refused", "Refused")])
    provided = _text(4, max_length=20000, required=False, label="What was provided")
    purpose = _text(2, max_length=2000, required=False, label="Purpose it may be used for",
                    help_text="Leave blank for: the proper performance of the councillor's "
                    "duties as a member")
    confidential = forms.BooleanField(required=False, label="The material is confidential")
    ground = forms.ChoiceField(choices=[("", "Not refused"), *RefusalGround.choices],
                               required=False, label="Ground for refusing (in whole or part)")
    reasons = _text(3, max_length=5000, required=False, label="Reasons for refusing")
    chief_officer_consulted = forms.BooleanField(
        required=False, label="I sought my Chief Officer's guidance (needed to refuse for "
        "effort, 003 §31.12(2))")
    # Asked on behalf of someone else: nothing is provided until all three are confirmed.
    in_public_domain = forms.BooleanField(
        required=False, label="What I am providing is in the public domain",
        help_text="If the councillor asked on behalf of someone else, confirm all three "
        "before providing anything")
    lawful_to_share = forms.BooleanField(required=False,
                                         label="No law bars giving it to them")
    not_personal = forms.BooleanField(
        required=False, label="It does not compromise anyone's personal confidentiality")


class ReasonsForm(VersionedForm):
    reasons = _text(4, max_length=5000)


class ResolveForm(VersionedForm):
    release = forms.TypedChoiceField(
        coerce=lambda v: v == "release", widget=forms.RadioSelect, label="Your decision",
        choices=[("release", "The councillor needs to know: release it"),
                 ("uphold", "Uphold the refusal")])
    reasons = _text(4, max_length=5000)


class ReferralForm(VersionedForm):
    clear = forms.TypedChoiceField(
        coerce=lambda v: v == "clear", widget=forms.RadioSelect, label="Your advice",
        choices=[("clear", "The officer may decide the request"),
                 ("withhold", "It should not be provided")])
    reasons = _text(4, max_length=5000)


# Relationships ------------------------------------------------------------------------

class RelationshipForm(SubmittedOnceMixin, GovukFormMixin, forms.Form):
    other = PersonChoiceField(queryset=User.objects.none(), label="The other person")
    nature = forms.ChoiceField(choices=Nature.choices, widget=forms.RadioSelect,
                               label="The relationship")
    description = _text(3, max_length=2000, required=False, label="Anything to add (optional)")

    def __init__(self, *args, councillor: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "other", PersonChoiceField).queryset = _people(
            OFFICER_POSTS if councillor else COUNCILLOR_POSTS)


class EndForm(GovukFormMixin, forms.Form):
    reason = _text(3, max_length=2000, label="Why it no longer applies")


# Ward notices -------------------------------------------------------------------------

class NoticeForm(SubmittedOnceMixin, GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=NoticeKind.choices, widget=forms.RadioSelect,
                             label="What it is")
    title = forms.CharField(max_length=200)
    details = _text(6, max_length=20000, label="What members need to know")
    wards = ModelMultipleChoiceField(queryset=Ward.objects.order_by("name"),
                                           widget=forms.CheckboxSelectMultiple,
                                           label="Wards affected")
    starts_on = forms.DateField(label="Date of the meeting, or when it starts",
                                widget=forms.DateInput)
    ends_on = forms.DateField(required=False, label="When it ends (optional)",
                              widget=forms.DateInput)
    sensitive = forms.BooleanField(required=False, label="This is a sensitive matter",
                                   help_text="Only the ward members, the Chief Executive and "
                                   "the Monitoring Officer will see it")
