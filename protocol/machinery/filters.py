"""List filters, once for every app: django-filter FilterSets whose form is a GOV.UK one
(protocol.machinery.forms), so a bad value gets the Design System's error message and filters
nothing, while the valid ones still apply. Each app declares its FilterSet (its fields,
labels and how each narrows the list); the list page renders it with
templates/includes/filter_panel.html."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BoundField
from django.http import QueryDict
from django.utils import timezone
from django_filters.constants import EMPTY_VALUES

from protocol.machinery.forms import DATABASE_IDS, GovukFormMixin, ModelChoiceField

# The longest search a list takes: what is typed beyond it is not searched for.
SEARCH_LENGTH = 200


class FilterForm(GovukFormMixin, forms.Form):
    """A list's filters: GOV.UK classes and messages; ids are the parameters' own names
    (`#state`), as the pages' labels and error links have always used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


class SearchInput(forms.TextInput):
    input_type = "search"


class MonthField(forms.Field):
    """A month as YYYY-MM: its first day."""

    default_error_messages = {"invalid": "Enter a month as a year and month, like 2026-03"}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        try:
            start = datetime.strptime(str(value), "%Y-%m").date()
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if month_span(start) is None:  # the calendar's last month has no end
            raise ValidationError("Enter a month before December 9999", code="invalid")
        return start


def month_span(month: date) -> tuple[datetime, datetime] | None:
    """The start of `month` and of the next, as aware datetimes; None past the calendar."""
    start = datetime(month.year, month.month, 1)
    try:
        end = (start + timedelta(days=32)).replace(day=1)
    except OverflowError:
        return None
    return timezone.make_aware(start), timezone.make_aware(end)


def day_start(day: date) -> datetime:
    """The start of `day`, aware."""
    return timezone.make_aware(datetime(day.year, day.month, day.day))


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A record chosen from a list, with the platform's field (its message, and ids past
    the database's integers refused before any query)."""

    field_class = ModelChoiceField


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class IdField(forms.IntegerField):
    """A record's id given as a number (no list to choose from): one the database can
    hold (protocol.machinery.forms.DATABASE_IDS), else refused before any query."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", DATABASE_IDS.start)
        kwargs.setdefault("max_value", DATABASE_IDS.stop - 1)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)


class IdFilter(django_filters.Filter):
    field_class = IdField


@dataclass(frozen=True)
class Panel:
    """What the filter panel shows: the fields the page offers, the other valid filters
    kept as they are (set by a link, e.g. a dashboard figure), and each error with where
    its link goes."""

    shown: list[BoundField]
    kept: list[tuple[str, str]]
    errors: list[tuple[str, str]]


class FilterSet(django_filters.FilterSet):
    """A list's filters on the GOV.UK form. `today` is the day the date filters count
    from. `values()` gives the valid input (a bad value is left out, so it filters
    nothing); `apply()` narrows a queryset by such values, given by a page or by code.
    `shown` names the fields the page's panel offers, in order."""

    shown: tuple[str, ...] = ()

    def __init__(self, data: Mapping[str, Any] | None = None, queryset: QuerySet | None = None,
                 *, today: date | None = None, **kwargs: Any) -> None:
        self.today = today or timezone.localdate()
        super().__init__(data, queryset, **kwargs)

    class Meta:
        form = FilterForm

    def values(self) -> dict[str, Any]:
        self.form.is_valid()
        return dict(self.form.cleaned_data)

    def apply(self, queryset: QuerySet, values: Mapping[str, Any]) -> QuerySet:
        for name, value in values.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def panel(self) -> Panel:
        values, form = self.values(), self.form
        kept = [(name, str(self.data.get(name))) for name in form.fields
                if name not in self.shown and values.get(name) not in EMPTY_VALUES]
        errors = [(f"#{name}", str(message)) if name in self.shown
                  else ("#filters", f"{form.fields[name].label}: {message}")
                  for name, messages in form.errors.items() for message in messages]
        return Panel([form[name] for name in self.shown], kept, errors)


def with_defaults(query: QueryDict, **defaults: str) -> QueryDict:
    """The query with a value for each parameter it leaves out (a list's default state)."""
    query = query.copy()
    for name, value in defaults.items():
        query.setdefault(name, value)
    return query
