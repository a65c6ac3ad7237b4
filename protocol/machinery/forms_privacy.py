"""Forms for the Monitoring Officer's subject access pages, in the GOV.UK style. They check
what was typed and hand plain values to protocol.machinery.subject_access, which decides."""
from __future__ import annotations

from typing import Any

from django import forms

from protocol.machinery.forms import GovukFormMixin, declared
from protocol.machinery.subject_access import ConstituentQuery, Match
from protocol.machinery.subject_access.matching import normalise_email, normalise_postcode
from protocol.machinery.subject_access.redaction import MIN_TERM, shape

ACCOUNT, CONSTITUENT = "account", "constituent"


class AccountSearchForm(GovukFormMixin, forms.Form):
    person = forms.CharField(
        label="Name, username or email address", max_length=200,
        help_text="A username or email address is matched exactly; each word of a name "
        "must appear in the first or last name.",
        error_messages={"required": "Enter the person's name, username or email address"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix=ACCOUNT, **kwargs)

    def clean_person(self) -> str:
        person = " ".join(self.cleaned_data["person"].split())
        if len(person) < 2:
            raise forms.ValidationError("Enter at least 2 characters")
        return person


class ConstituentSearchForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address", required=False, max_length=200,
        help_text="Matched exactly (capital letters aside) against the contact details "
        "recorded on enquiries.",
        error_messages={"invalid": "Enter an email address in the correct format, like "
                        "name@example.com"})
    full_name = forms.CharField(
        label="Full name", required=False, max_length=160,
        help_text="Matched exactly (capital letters and extra spaces aside), and only "
        "together with the postcode.")
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10,
        help_text="Must appear in the address recorded on the enquiry.",
        error_messages={"max_length": "Enter a real postcode, like SW1A 1AA"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix=CONSTITUENT, **kwargs)
        self.fields["postcode"].widget.attrs.update(autocomplete="postal-code",
                                                    spellcheck="false")
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["full_name"].widget.attrs.update(autocomplete="name", spellcheck="false")

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        postcode = normalise_postcode(value)
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode, like SW1A 1AA")
        return postcode

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        email, name = data.get("email"), " ".join(data.get("full_name", "").split())
        postcode = data.get("postcode")
        data["full_name"] = name
        if "email" in self.errors or "postcode" in self.errors:
            return data
        if name and not postcode:
            self.add_error("postcode", "Enter the postcode: a name is matched only with it")
        elif postcode and not name:
            self.add_error("full_name", "Enter the full name: a postcode is matched only "
                           "with it")
        elif not (email or name):
            self.add_error("email", "Enter an email address, or a full name and postcode")
        return data

    def query(self) -> ConstituentQuery:
        data = self.cleaned_data
        return ConstituentQuery(email=normalise_email(data.get("email") or ""),
                                name=data["full_name"], postcode=data["postcode"])


class ChooseAccountForm(GovukFormMixin, forms.Form):
    user = forms.TypedChoiceField(
        label="Who is the request from?", coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Select the person the request is from",
                        "invalid_choice": "Select the person the request is from"})

    def __init__(self, *args, people: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "user", forms.ChoiceField).choices = [
            (p.pk, _person_label(p)) for p in people]


def _person_label(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.username}{', ' + user.email if user.email else ''})"


class ConfirmEnquiriesForm(GovukFormMixin, forms.Form):
    references = forms.MultipleChoiceField(
        label="Which enquiries are about the person who asked?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the enquiries that are about the person who "
                        "asked", "invalid_choice": "Select enquiries from the list"})

    def __init__(self, *args, matches: list[Match], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "references", forms.ChoiceField).choices = [
            (m.reference, m.reference) for m in matches]


class HideForm(GovukFormMixin, forms.Form):
    hide = forms.CharField(
        label="Other people to hide", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text="One a line: names or details of other people you found in the text "
        "below. Each is replaced by “[Withheld: another person]” in the summary and the "
        "download.",
        error_messages={"max_length": "Enter 4,000 characters or fewer"})

    def clean_hide(self) -> str:
        text = self.cleaned_data["hide"]
        # The redactor skips shorter terms (they would hide ordinary words): say so, rather
        # than promise a replacement that does not happen.
        short = [line.strip() for line in text.splitlines()
                 if line.strip() and len("".join(shape(line)[0])) < MIN_TERM]
        if short:
            raise forms.ValidationError(
                f"Enter at least {MIN_TERM} letters or digits on each line: "
                f"“{short[0]}” is too short to hide")
        return text

    def terms(self) -> list[str]:
        text = self.cleaned_data.get("hide", "") if self.is_valid() else ""
        return [line.strip() for line in text.splitlines() if line.strip()]
