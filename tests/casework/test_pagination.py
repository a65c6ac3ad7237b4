"""Long lists page in two queries whatever the page
(protocol.machinery.pagination.DeferredPaginator):
the last of a councillor's pages takes the queries the first does, and shows the same rows
in the same order as plain OFFSET paging would."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import Enquiry
from casework.selectors import Filters, councillor_enquiries
from protocol.machinery.pagination import DeferredPaginator

pytestmark = pytest.mark.django_db


def enquiries(council, n: int) -> None:
    start = timezone.make_aware(datetime(2025, 1, 6, 9))
    for i in range(n):
        at = start + timedelta(hours=i // 2)  # pairs received together: the id decides
        Enquiry.objects.create(
            reference=f"ENQ-2025-{i:06d}", raised_by=council.councillor, ward=council.north,
            service=council.waste, subject=f"Enquiry {i}", details="Details.",
            received_at=at, received_on=at.date(), due_on=at.date() + timedelta(days=14),
            current_due_on=at.date() + timedelta(days=14))


def queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_last_page_takes_the_queries_the_first_does(client, council):
    enquiries(council, 60)
    client.force_login(council.councillor)
    url = reverse("casework:mine")
    first, _ = queries(client, url)
    last, page = queries(client, f"{url}?page=3")
    assert first == last
    assert "ENQ-2025-000000" in page and "ENQ-2025-000059" not in page


def test_pages_are_the_rows_plain_paging_gives(council):
    enquiries(council, 52)
    listed = councillor_enquiries(council.councillor, Filters(state=""))
    for number in (1, 2):
        deferred = DeferredPaginator(listed, 25, orphans=2).page(number)
        plain = Paginator(listed, 25, orphans=2).page(number)
        assert [e.pk for e in deferred] == [e.pk for e in plain]
        assert deferred.has_next() == plain.has_next()
    assert len(DeferredPaginator(listed, 25, orphans=2).page(2)) == 27  # the orphans join
