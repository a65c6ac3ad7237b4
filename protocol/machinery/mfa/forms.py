"""The one-time code field, as GOV.UK asks for a security code."""
from __future__ import annotations

import re

from django import forms

from protocol.machinery.forms import GovukFormMixin

from .services import DIGITS

WRONG_CODE = ("The code is not correct. Enter the code your authenticator app shows now: "
              "a code can be used once only")
THROTTLED = ("You entered a wrong code too many times. Wait {seconds} seconds, then enter "
             "the code your authenticator app shows")


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text=f"The {DIGITS}-digit code, for example 123456",
        max_length=20,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={
            "class": "govuk-input--width-10", "autocomplete": "one-time-code",
            "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        # People copy codes with spaces or a hyphen in the middle ("123 456").
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(rf"\d{{{DIGITS}}}", code):
            raise forms.ValidationError(f"Enter the {DIGITS}-digit code from your "
                                        "authenticator app", code="format")
        return code


WRONG_SETUP_CODE = ("The set-up code is not correct, or has expired or been used. Check it "
                    "with the administrator who gave it to you")
THROTTLED_SETUP_CODE = ("You entered a wrong set-up code too many times. Wait an hour, then "
                        "try again")


class SetupCodeForm(GovukFormMixin, forms.Form):
    setup_code = forms.CharField(
        label="Set-up code from an administrator",
        help_text="12 letters and numbers, for example ABCD-EFGH-JKLM",
        max_length=40,
        error_messages={"required": "Enter the set-up code an administrator gave you"},
        widget=forms.TextInput(attrs={
            "class": "govuk-input--width-20", "autocomplete": "off",
            "spellcheck": "false", "autocapitalize": "characters"}),
    )
