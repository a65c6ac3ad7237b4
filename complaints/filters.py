"""The case list's filters (django-filter, on the platform's GOV.UK FilterSet), for the
page and its CSV: search, kind and state on the form; the rest set by the dashboard's
figures and kept as they are. Each filter says how it narrows the list; the selectors
apply them (complaints.selectors)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from complaints.models import Complaint, Outcome, State
from complaints.models.complaint import AWAITING_HANDLER, OPEN
from protocol.machinery.filters import (
    SEARCH_LENGTH,
    FilterSet,
    IdFilter,
    MonthFilter,
    SearchInput,
    day_start,
    month_span,
)
from protocol.models import ComplaintKind

AGE_BUCKETS = {  # name: (min days, max days) since the case was received
    "0-30": (0, 30), "31-60": (31, 60), "61-90": (61, 90), "over-90": (91, None),
}


@dataclass
class Filters:
    """What the case list is narrowed by, as values: from the page's query
    (ComplaintFilter.criteria) or given by code."""

    kind: str = ""
    state: str = "open"
    stage: int | None = None
    overdue: bool = False
    age: str = ""
    received_month: date | None = None
    closed_month: date | None = None
    outcome: str = ""
    closed_since: date | None = None  # the dashboard's outcomes count from its window
    q: str = ""


def overdue_on(today: date) -> Q:
    """Cases (or tally rows) past their stage's time limit on `today` with the handler's
    step still to come: the list's `overdue` filter and the dashboard's overdue figures."""
    return Q(state__in=AWAITING_HANDLER, stage_due_on__lt=today)


def _hidden_choice(label: str, choices: list[tuple[str, str]], method: str | None = None
                   ) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(label=label, choices=choices, widget=forms.HiddenInput,
                                       **({"method": method} if method else {}))


class ComplaintFilter(FilterSet):
    shown: tuple[str, ...] = ("q", "kind", "state")

    q = django_filters.CharFilter(label="Search", method="search", widget=SearchInput)
    kind = django_filters.ChoiceFilter(label="Kind", choices=ComplaintKind.choices,
                                       empty_label="Any kind")
    state = django_filters.ChoiceFilter(
        label="State", method="by_state", empty_label=None,
        choices=[("open", "Open"), ("finished", "Closed or withdrawn"), ("", "Any"),
                 *State.choices])
    stage = IdFilter(label="Stage", field_name="stage_position", min_value=1, max_value=99999)
    overdue = _hidden_choice("Past the stage's time limit", [("1", "Yes")], "by_overdue")
    age = _hidden_choice("Received", [(name, name) for name in AGE_BUCKETS], "by_age")
    received_month = MonthFilter(label="Received in", method="by_month",
                                 field_name="received_at", widget=forms.HiddenInput)
    closed_month = MonthFilter(label="Closed or withdrawn in", method="by_month",
                               field_name="closed_at", widget=forms.HiddenInput)
    outcome = _hidden_choice("Outcome", Outcome.choices)
    closed_since = django_filters.DateFilter(
        label="Closed or withdrawn since", method="by_closed_since", widget=forms.HiddenInput,
        input_formats=["%Y-%m-%d"])

    class Meta(FilterSet.Meta):
        model = Complaint
        fields: list[str] = []

    def criteria(self) -> Filters:
        """The valid filters of the query as values; a bad one is left out."""
        v = self.values()
        return Filters(
            kind=v.get("kind") or "", state=v.get("state", "open"),
            stage=v.get("stage"), overdue=v.get("overdue") == "1",
            age=v.get("age") or "", received_month=v.get("received_month"),
            closed_month=v.get("closed_month"), outcome=v.get("outcome") or "",
            closed_since=v.get("closed_since"), q=v.get("q") or "")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        text = value.strip()[:SEARCH_LENGTH]
        if not text:
            return queryset
        return queryset.filter(Q(reference__iexact=text) | Q(summary__icontains=text))

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return queryset.filter(state__in=OPEN)
        if value == "finished":
            return queryset.exclude(state__in=OPEN)
        return queryset.filter(state=value)

    def by_overdue(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset.filter(overdue_on(self.today)) if value else queryset

    def by_age(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        low, high = AGE_BUCKETS[value]
        now = timezone.now()
        queryset = queryset.filter(received_at__lte=now - timedelta(days=low))
        if high is not None:
            queryset = queryset.filter(received_at__gt=now - timedelta(days=high + 1))
        return queryset

    def by_month(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        span = month_span(value)
        if span is None:
            return queryset
        return queryset.filter(**{f"{name}__gte": span[0], f"{name}__lt": span[1]})

    def by_closed_since(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        return queryset.filter(closed_at__gte=day_start(value))
