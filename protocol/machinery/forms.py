"""Forms rendered the GOV.UK Design System way: labels, hints, error messages, summary."""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import uuid4

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.http import QueryDict

WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


# C0 and C1 control characters (tab and line breaks among them), DEL, and Unicode's line and
# paragraph separators: nothing a person means to type on one line.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_MESSAGE = "must not contain tabs, line breaks or other hidden characters"


def has_control_characters(value: str) -> bool:
    """Does the text hold a character no one-line field should (CONTROL_CHARACTERS)?"""
    return bool(CONTROL_CHARACTERS.search(value))


def refuse_control_characters(value: Any) -> None:
    """A validator for one-line text: refuse control characters, with the reason."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(f"The text {CONTROL_MESSAGE}", code="control_characters")


def is_single_line(field: forms.Field) -> bool:
    """A text field typed on one line: not a box for several lines, and not a password,
    which is never shown again and is kept as typed."""
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput)


class GovukRenderer(TemplatesSetting):
    """Renders forms and fields with the templates in templates/forms/."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def widget_class(widget: forms.Widget) -> str:
    for widget_type in type(widget).__mro__:
        if widget_type in WIDGET_CLASSES:
            return WIDGET_CLASSES[widget_type]
    return "govuk-input"


if TYPE_CHECKING:
    # The mixins below go before a Django form in its bases: typed as one, they may use
    # its fields and errors (at run time they stay plain mixins).
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class SingleLinesMixin(_FormBase):
    """A form whose one-line text fields refuse control characters, as every form here
    does: for the admin's forms, which are not GOV.UK ones (see `_guard_single_lines`)."""

    def full_clean(self) -> None:
        _guard_single_lines(self.fields)
        super().full_clean()


class GovukFormMixin(SingleLinesMixin):
    """Adds GOV.UK classes and ARIA error links to every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = widget_class(field.widget)
            if css:
                field.widget.attrs["class"] = (
                    f"{css} {field.widget.attrs.get('class', '')}".strip())
            if isinstance(field.widget, forms.DateInput):
                field.widget.input_type = "date"

    def full_clean(self) -> None:
        """Mark the widgets of fields in error once the form is validated: never from
        `__init__`, where a subclass has yet to set its choices and querysets (validating
        there refused every choice), and not every widget has a class (radios)."""
        super().full_clean()  # one-line fields guarded first (SingleLinesMixin)
        for name in self.errors:  # full_clean has just set them
            field = self.fields.get(name)
            if field is None:
                continue
            css = ERROR_CLASSES.get(widget_class(field.widget), "")
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
            # The hint stays described once the field is in error (GOV.UK: hint, then error).
            hint = f"{self[name].auto_id}_helptext " if field.help_text else ""
            field.widget.attrs["aria-describedby"] = f"{hint}{name}-error"


def _guard_single_lines(fields: dict[str, forms.Field]) -> None:
    """Every one-line text field of every form refuses control characters: here, at clean
    time, so that a field a form adds or changes after `__init__` is covered too. Each
    form's fields are its own copies, so this never touches the class's fields."""
    for field in fields.values():
        if is_single_line(field) and refuse_control_characters not in field.validators:
            field.validators.append(refuse_control_characters)


FieldT = TypeVar("FieldT", bound=forms.Field)


def declared(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """The form's own copy of the field it declares as `name`, as the kind declared: to
    set the choices or the queryset it offers."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is not a {kind.__name__}")
    return field


DATE_PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))


class DateParts(forms.MultiWidget):
    """Day, month and year boxes: the GOV.UK date input pattern, not the browser's own date
    picker, which GOV.UK advises against. One ISO date (YYYY-MM-DD) posted under the field's
    own name is read too."""

    template_name = "forms/date_input.html"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({part: forms.TextInput for part, _, _ in DATE_PARTS}, attrs)

    def decompress(self, value: date | None) -> list:
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        for widget, (_, label, width) in zip(context["widget"]["subwidgets"], DATE_PARTS,
                                             strict=True):
            widget.update(label=label, width=width)
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else ""  # the day's box: where the error summary links

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list:
        parts = super().value_from_datadict(data, files, name)
        whole = data.get(name)
        if not any(parts) and isinstance(whole, str) and whole.count("-") == 2:
            year, month, day = whole.strip().split("-")
            return [day, month, year]
        return parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return super().value_omitted_from_data(data, files, name) and name not in data


class GovukDateField(forms.DateField):
    """A date entered as day, month and year, with GOV.UK's error messages: which part is
    missing, or that the date is not a real one."""

    widget = DateParts
    default_error_messages = {
        "required": "Enter a date",
        "incomplete": "The date must include a %(parts)s",
        "invalid": "The date must be a real date",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("template_name", "forms/date_field.html")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if not isinstance(value, list | tuple):
            return super().to_python(value)
        parts = [str(part if part is not None else "").strip() for part in value]
        if not any(parts):
            return None
        missing = [part for (part, _, _), given in zip(DATE_PARTS, parts, strict=True)
                   if not given]
        if missing:
            raise ValidationError(self.error_messages["incomplete"], code="incomplete",
                                  params={"parts": " and ".join(missing)})
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1000:  # "27" is not a year
                raise ValueError(year)
            return date(year, month, day)
        except (ValueError, OverflowError) as error:  # "9" * 30 is an int, not a C long
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


# The ids every database can hold and compare: SQLite's and PostgreSQL's bigint. SQLite
# raises OverflowError on a lookup by a bigger one (a 500), so it is refused before any query.
DATABASE_IDS = range(-(2**63), 2**63)


def _is_impossible_id(value: Any) -> bool:
    try:
        return int(str(value).strip()) not in DATABASE_IDS
    except ValueError:
        return False  # not a number at all: Django's own check refuses it


class _ChoiceFromTheList:
    """Refuses an id outside the database's integers with the field's own message, which
    says in the council's words what to choose ("Select a ward from the list")."""

    choice_message: str | None = None  # a subclass may name its choices its own way

    queryset: Any
    to_field_name: str | None
    error_messages: dict

    def _set_choice_message(self, given: dict | None, default: str) -> None:
        if "invalid_choice" not in (given or {}):
            message = self.choice_message or default
            self.error_messages.update(invalid_choice=message, invalid_pk_value=message)

    def _refuse_impossible(self, values: list) -> None:
        model = self.queryset.model
        key = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        if isinstance(key, models.IntegerField) and any(map(_is_impossible_id, values)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


class ModelChoiceField(_ChoiceFromTheList, forms.ModelChoiceField):
    """One record chosen from a list: every form's, in place of Django's own."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, **kwargs)
        noun = str(queryset.model._meta.verbose_name)
        self._set_choice_message(kwargs.get("error_messages"), f"Select {_a(noun)} from the list")

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:
            self._refuse_impossible([value])
        return super().to_python(value)


class ModelMultipleChoiceField(_ChoiceFromTheList, forms.ModelMultipleChoiceField):
    """Records chosen from a list: every form's, in place of Django's own."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, **kwargs)
        nouns = str(queryset.model._meta.verbose_name_plural)
        self._set_choice_message(kwargs.get("error_messages"), f"Select {nouns} from the list")

    def _check_values(self, value: Any) -> Any:
        self._refuse_impossible(list(value))
        # Django's own hook for the chosen values, which django-stubs does not declare.
        return super()._check_values(value)  # type: ignore[misc]


def _name(person: Any) -> str:
    return person.get_full_name() or person.username


class PersonChoiceField(ModelChoiceField):
    """A person chosen by name."""

    choice_message = "Select a person from the list"

    def label_from_instance(self, obj: Any) -> str:
        return _name(obj)


class PeopleChoiceField(ModelMultipleChoiceField):
    """People chosen by name."""

    choice_message = "Select people from the list"

    def label_from_instance(self, obj: Any) -> str:
        return _name(obj)


SENT_AGAIN = "Check your answers and send the form again"


class SubmittedOnceMixin(_FormBase):
    """A "new" form's one-time token (protocol.machinery.submissions.once): a hidden UUID made when
    the form is first shown, kept on the page when it is shown again with errors, so that
    sending it twice makes one record. A missing or broken token is a form error, and the
    page comes back with a fresh one and everything else as entered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"] = forms.UUIDField(
            widget=forms.HiddenInput, initial=uuid4,
            error_messages={"required": SENT_AGAIN, "invalid": SENT_AGAIN})

    def full_clean(self) -> None:
        super().full_clean()
        errors = self.errors  # full_clean has just set them
        if "submission" in errors:  # said once, at the top: a hidden field has no box
            del errors["submission"]
            self.add_error(None, SENT_AGAIN)
            # A bound form's data: the request's QueryDict (a dict in tests), both copyable.
            data = cast("QueryDict | dict[str, Any]", self.data).copy()
            data[self.add_prefix("submission")] = str(uuid4())
            self.data = data
