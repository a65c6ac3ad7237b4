"""The enquiry lists' filters (django-filter, on the platform's GOV.UK FilterSet): the
councillor's list and the officer's queue, and the queue's CSV. Each filter says how it
narrows the list; the selectors apply them (casework.selectors)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import django_filters
from django.db import connection
from django.db.models import BooleanField, Model, Q, QuerySet
from django.db.models.expressions import RawSQL

from casework.models import Enquiry, State
from casework.models.enquiry import OPEN, OPEN_UNANSWERED
from protocol.machinery.filters import (
    SEARCH_LENGTH,
    FilterSet,
    IdFilter,
    ModelChoiceFilter,
    SearchInput,
)
from protocol.models import Service, Ward

SEARCH_SQL = (
    "to_tsvector('english'::regconfig, coalesce(casework_enquiry.reference, '') || ' ' || "
    "coalesce(casework_enquiry.subject, '') || ' ' || coalesce(casework_enquiry.details, '')) "
    "@@ plainto_tsquery('english'::regconfig, %s)"
)
OPEN_CHOICE = ("open", "Open and unanswered")
ANY = ("", "Any")


@dataclass
class Filters:
    """What an enquiry list is narrowed by, as values: from a page's query
    (EnquiryFilter.criteria) or given by code."""

    state: str = "open"
    service: int | None = None
    ward: int | None = None
    directorate: int | None = None
    due: str = ""
    q: str = ""


def _pk(value: Model | None) -> int | None:
    return value.pk if value is not None else None


class EnquiryFilter(FilterSet):
    """Every filter an enquiry list understands: the officer's queue shows these."""

    shown: tuple[str, ...] = ("q", "state", "due", "ward", "service")

    q = django_filters.CharFilter(label="Search", method="search", widget=SearchInput)
    state = django_filters.ChoiceFilter(
        label="State", method="by_state", empty_label=None,
        choices=[OPEN_CHOICE, ("all_open", "All open"), ANY, *State.choices])
    due = django_filters.ChoiceFilter(
        label="Due", method="by_due", empty_label="Any time",
        choices=[("overdue", "Overdue"), ("week", "In the next 7 days")])
    ward = ModelChoiceFilter(label="Ward", empty_label="Any ward",
                             queryset=Ward.objects.order_by("name").only("pk", "name"))
    service = ModelChoiceFilter(label="Service", empty_label="Any service",
                                queryset=Service.objects.order_by("name").only("pk", "name"))
    # Set by the dashboard's figures; the pages keep it as it is.
    directorate = IdFilter(field_name="service__directorate_id", label="Directorate",
                           min_value=1)

    class Meta(FilterSet.Meta):
        model = Enquiry
        fields: list[str] = []

    def criteria(self, default_state: str = "open") -> Filters:
        """The valid filters of the query as values; a bad one is left out."""
        values = self.values()
        return Filters(state=values.get("state", default_state), service=_pk(values.get(
            "service")), ward=_pk(values.get("ward")), directorate=values.get("directorate"),
            due=values.get("due") or "", q=values.get("q") or "")

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # not a filter: the view reads it (e.g. the order)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, value[:SEARCH_LENGTH])

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return queryset.filter(state__in=OPEN_UNANSWERED)
        if value == "all_open":
            return queryset.filter(state__in=OPEN)
        return queryset.filter(state=value)

    def by_due(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "overdue":
            return queryset.filter(state__in=OPEN_UNANSWERED, current_due_on__lt=self.today)
        return queryset.filter(current_due_on__gte=self.today,
                               current_due_on__lte=self.today + timedelta(days=7))



class MyEnquiriesFilter(EnquiryFilter):
    """A councillor's list: search, state (any by default) and order; the rest kept."""

    shown = ("q", "state", "order")
    state = django_filters.ChoiceFilter(
        label="State", method="by_state", empty_label=None,
        choices=[ANY, OPEN_CHOICE, *State.choices])
    order = django_filters.ChoiceFilter(
        label="Sort by", method="keep", empty_label=None,
        choices=[("newest", "Newest first"), ("due", "Due date")])


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Full-text search on PostgreSQL (uses the GIN index); a plain match on SQLite."""
    text = text.strip()
    if not text:
        return queryset
    # References are stored in capitals: an exact match on the column uses its unique
    # index, so PostgreSQL can OR it with the GIN index instead of reading every row.
    exact = Q(reference=text.upper())
    if connection.vendor == "postgresql":
        match = RawSQL(SEARCH_SQL, [text], output_field=BooleanField())
        return queryset.annotate(matches=match).filter(exact | Q(matches=True))
    return queryset.filter(exact | Q(subject__icontains=text) | Q(details__icontains=text))
