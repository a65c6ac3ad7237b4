"""Every list's filters are django-filter FilterSets on the GOV.UK form: a bad value gets
the Design System's error message and filters nothing, while the good ones still apply."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django_filters import FilterSet

from casework.filters import EnquiryFilter, MyEnquiriesFilter
from casework.services import NewEnquiry, enquiry_log
from complaints.filters import ComplaintFilter
from complaints.services import NewComplaint, complaint_raise
from protocol.machinery.filters import month_span
from protocol.models import ComplaintKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiries(council):
    def log(ward, subject):
        return enquiry_log(councillor=council.councillor, entered=NewEnquiry(
            subject=subject, details="Three weeks running.", ward=ward,
            service=council.waste))
    return log(council.north, "Missed bins in the north"), log(council.south, "Fly-tipping south")


def error_summary(page: str) -> list[str]:
    summary = page[page.index("govuk-error-summary"):page.index("<h1")]
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', summary)


def test_each_list_has_a_filterset():
    for filters in (EnquiryFilter, MyEnquiriesFilter, ComplaintFilter):
        assert issubclass(filters, FilterSet)
        assert set(filters.shown) <= set(filters.base_filters)


def test_a_bad_filter_is_said_and_filters_nothing_while_the_good_ones_apply(
        client, council, enquiries):
    north, south = enquiries
    client.force_login(council.director)
    url = reverse("casework:queue")
    response = client.get(url, {"scope": "directorate", "ward": council.north.pk,
                                "service": "²"})
    page = response.content.decode()
    assert response.status_code == 200
    assert error_summary(page) == [("#service", "Select a service from the list")]
    assert "<title>Error: " in page
    assert 'class="govuk-select govuk-select--error"' in page and 'id="service-error"' in page
    assert north.reference in page and south.reference not in page  # the ward still applies
    plain = client.get(url, {"scope": "directorate", "ward": council.north.pk}).content.decode()
    assert "govuk-error-summary" not in plain and north.reference in plain


def test_the_page_shows_the_filters_it_was_given(client, council, enquiries):
    client.force_login(council.director)
    page = client.get(reverse("casework:queue"), {"scope": "directorate", "state": "all_open",
                                                  "q": "bins"}).content.decode()
    assert '<option value="all_open" selected>All open</option>' in page
    assert 'type="search" name="q" value="bins"' in page
    assert '<input type="hidden" name="scope" value="directorate">' in page


def test_a_filter_the_form_does_not_show_is_kept_and_named_when_bad(client, council):
    complaint_raise(complainant=council.councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Rude at the meeting",
        details="Shouted across the room.", subject_person=council.officer))
    client.force_login(council.monitoring_officer)
    page = client.get(reverse("complaints:list"), {
        "stage": "1", "received_month": "9999-12"}).content.decode()
    assert error_summary(page) == [
        ("#filters", "Received in: Enter a month before December 9999")]
    assert '<input type="hidden" name="stage" value="1">' in page
    assert 'name="received_month"' not in page  # a bad one is not kept


@pytest.mark.parametrize(("value", "error"), [
    ("2026-13", "Enter a month as a year and month, like 2026-03"),
    ("march", "Enter a month as a year and month, like 2026-03"),
    ("9999-12", "Enter a month before December 9999"),
])
def test_a_month_filter_refuses_what_is_not_a_month(value, error):
    filters = ComplaintFilter({"closed_month": value})
    assert filters.values().get("closed_month") is None
    assert filters.form.errors["closed_month"] == [error]


def test_a_month_filter_reads_a_month_as_its_span():
    filters = ComplaintFilter({"received_month": "2025-12", "stage": "2", "overdue": "1"})
    criteria = filters.criteria()
    assert (criteria.received_month, criteria.stage, criteria.overdue) == (
        date(2025, 12, 1), 2, True)
    start, end = month_span(date(2025, 12, 1))
    assert (start.date(), end.date()) == (date(2025, 12, 1), date(2026, 1, 1))


@pytest.mark.parametrize("odd", ["²", "1.5", "-1", "99999999999999999999", "1e9"])
def test_an_odd_number_is_refused_before_any_query(odd, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert ComplaintFilter({"stage": odd}).criteria().stage is None
        assert EnquiryFilter({"directorate": odd}).criteria().directorate is None
