"""GOV.UK form rendering: the date input pattern (day, month and year in a fieldset) and
field errors that keep the hint described."""
from datetime import date

import pytest
from django import forms
from django.utils.html import escape

from protocol.machinery.forms import GovukDateField, GovukFormMixin


class WhenForm(GovukFormMixin, forms.Form):
    when = GovukDateField(label="Full response by", help_text="For example, 27 3 2027")
    note = forms.CharField(help_text="Anything else")


def submitted(**data: str) -> WhenForm:
    form = WhenForm(data={"note": "x", **data})
    form.is_valid()
    return form


def test_day_month_and_year_make_the_date():
    form = submitted(when_day=" 5 ", when_month="1", when_year="2099")
    assert form.errors == {}
    assert form.cleaned_data["when"] == date(2099, 1, 5)


def test_one_iso_date_under_the_fields_own_name_is_read_too():
    assert submitted(when="2099-01-05").cleaned_data["when"] == date(2099, 1, 5)


def test_nothing_entered_is_the_required_message():
    assert submitted().errors["when"] == ["Enter a date"]


@pytest.mark.parametrize(("parts", "message"), [
    ({"when_day": "5", "when_year": "2099"}, "The date must include a month"),
    ({"when_year": "2099"}, "The date must include a day and month"),
    ({"when_day": "5", "when_month": "1"}, "The date must include a year"),
])
def test_a_missing_part_is_named(parts, message):
    assert submitted(**parts).errors["when"] == [message]


@pytest.mark.parametrize("day_month_year", [
    ("31", "2", "2099"), ("5", "13", "2099"), ("5", "1", "99"), ("five", "1", "2099"),
    ("5", "1", "20999"), ("-1", "1", "2099"), ("1.5", "1", "2099"),
])
def test_a_date_that_is_not_real_is_refused(day_month_year):
    day, month, year = day_month_year
    form = submitted(when_day=day, when_month=month, when_year=year)
    assert form.errors["when"] == ["The date must be a real date"]


def test_it_renders_as_a_fieldset_with_a_labelled_box_per_part():
    html = str(WhenForm(initial={"when": date(2099, 1, 5)})["when"].as_field_group())
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_when_helptext">'\
        in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Full response by'\
        in html
    for index, (part, label, value, width) in enumerate([
            ("day", "Day", "5", 2), ("month", "Month", "1", 2), ("year", "Year", "2099", 4)]):
        assert f'<label class="govuk-label govuk-date-input__label" for="id_when_{index}">'\
            f'{label}</label>' in html
        assert (f'class="govuk-input govuk-date-input__input govuk-input--width-{width}" '
                f'id="id_when_{index}" name="when_{part}" type="text" inputmode="numeric" '
                f'value="{value}"') in html
    assert 'type="date"' not in html


def test_in_error_the_group_is_described_by_its_hint_and_its_error_and_typing_is_kept():
    form = submitted(when_day="5", when_year="2099")
    html = str(form["when"].as_field_group())
    assert "govuk-form-group--error" in html
    assert 'aria-describedby="id_when_helptext when-error"' in html
    assert '<p id="when-error" class="govuk-error-message">' in html
    assert escape("The date must include a month") in html
    assert 'value="5"' in html and 'value="2099"' in html
    assert html.count("govuk-input--error") == 3
    # The error summary links to the day's box.
    assert form["when"].id_for_label == "id_when_0"


def test_a_field_in_error_stays_described_by_its_hint():
    form = WhenForm(data={"when": "2099-01-05"})
    assert not form.is_valid()
    html = str(form["note"])
    assert 'aria-describedby="id_note_helptext note-error"' in html


def test_every_form_chooses_records_with_the_fields_that_refuse_impossible_ids():
    """Django's own ModelChoiceField lets a 20-digit id reach SQLite (OverflowError, a 500):
    the product's forms use protocol.machinery.forms' fields, which refuse it with a message."""
    import ast

    from tests.security.source import parse, python_files

    plain = [f"{path.name}:{node.lineno}" for path in python_files("**/*.py")
             if path.name != "admin.py" for node in ast.walk(parse(path))
             if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
             and node.value.id == "forms"
             and node.attr in ("ModelChoiceField", "ModelMultipleChoiceField")
             and not (path.parent.name == "machinery" and path.name == "forms.py")]
    assert plain == []


@pytest.mark.parametrize("value", ["9" * 30, "99999999999999999999", str(2**63),
                                   str(-(2**63) - 1)])
def test_an_id_past_the_databases_integers_is_not_on_the_list(value):
    from protocol.machinery.forms import ModelChoiceField, ModelMultipleChoiceField
    from protocol.models import Ward

    one = ModelChoiceField(queryset=Ward.objects.all())
    many = ModelMultipleChoiceField(queryset=Ward.objects.all())
    for field, posted, message in ((one, value, "Select a ward from the list"),
                                   (many, [value], "Select wards from the list")):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(posted)  # refused before any query: no database needed
        assert refused.value.messages == [message]
