"""Control characters (tab, line breaks, escape, the C1 set...) are refused in every
single-line text field of every form (protocol.machinery.forms.GovukFormMixin): they have no place
in a name, subject or reference, break the pages and exports that show them on one line, and
can hide text from a reader. Boxes for several lines keep their line breaks and tabs;
passwords are never shown, so are left as typed."""
from __future__ import annotations

import importlib

import pytest
from django import forms

from protocol.machinery.forms import GovukFormMixin

MESSAGE = "must not contain tabs, line breaks or other hidden characters"
HIDDEN = ["\t", "\n", "\r", "\x01", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029"]


class Everything(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Full name")
    email = forms.EmailField(required=False)
    carried = forms.CharField(widget=forms.HiddenInput, required=False)
    details = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_a_single_line_field_refuses_each_control_character(char):
    form = Everything(data={"name": f"Ada{char}Lovelace", "carried": f"x{char}y",
                            "email": f"ada{char}@example.com"})
    assert not form.is_valid()
    assert MESSAGE in form.errors["name"][0]
    assert MESSAGE in str(form.errors["carried"])
    assert "email" in form.errors


def test_boxes_for_several_lines_and_passwords_keep_what_was_typed():
    form = Everything(data={"name": "Ada Lovelace", "details": "Line one\r\n\tLine two",
                            "password": "pass\tword"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["details"] == "Line one\r\n\tLine two"
    assert form.cleaned_data["password"] == "pass\tword"


def test_ordinary_text_is_left_alone():
    form = Everything(data={"name": "Zoë O'Brien-Smith (née Ünal) £5 — ok"})
    assert form.is_valid(), form.errors


def _single_line(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput)


def _every_form() -> list[type]:
    for module in ("casework.forms", "complaints.forms", "registers.forms",
                   "protocol.machinery.forms_privacy", "protocol.machinery.mfa.forms",
                   "protocol.views"):
        importlib.import_module(module)
    found, todo = [], [GovukFormMixin]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in ("casework", "complaints", "registers",
                                                "protocol"):
                found.append(sub)
    return found


FORMS = [f for f in _every_form()
         if any(_single_line(field) for field in getattr(f, "base_fields", {}).values())]


def test_the_real_forms_are_found():
    names = {f.__name__ for f in FORMS}
    assert {"EnquiryForm", "SignInForm", "AccountSearchForm"} <= names


def _arguments(form_class: type) -> dict:
    """What a form needs besides its data (the views pass the same)."""
    from protocol.council.selectors import roles_of
    from protocol.models import PoliticalGroup
    from tests.factories import UserFactory

    needs = {
        "EnquiryForm": lambda: {"councillor": UserFactory()},
        "RaiseForm": lambda: {"roles": roles_of(UserFactory()), "offered": set()},
        "GroupRequestForm": lambda: {"groups": PoliticalGroup.objects.all()},
    }
    return needs.get(form_class.__name__, dict)()


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=[f.__name__ for f in FORMS])
def test_every_single_line_field_of_every_form_refuses_them(form_class):
    names = [n for n, field in form_class.base_fields.items() if _single_line(field)]
    arguments = _arguments(form_class)
    blank = form_class(**arguments)  # some forms set their prefix in __init__
    form = form_class(data={blank.add_prefix(name): "a\x1bb" for name in names},
                      **arguments)
    form.is_valid()
    for name in names:
        assert MESSAGE in str(form.errors.get(name, "")), (form_class.__name__, name)
