"""The Monitoring Officer's dashboard (DESIGN.md "Who uses it"): exact figures counted by the
database, a constant number of queries, only for the Monitoring Officer, and every figure a
link to the list that shows the same cases."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from itertools import count
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone

import casework.views
import complaints.presenters
import complaints.views
from casework.models import Enquiry
from casework.selectors import officer_queue
from complaints import dashboard as figures
from complaints import views_dashboard
from complaints.models import Complaint
from complaints.selectors import complaint_list
from protocol.models import ComplaintKind as Kind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime(2025, 6, 15, 12, 0))  # London (BST)
TODAY = NOW.date()
serial = count(1)


def _dashboard_registered() -> bool:
    try:
        reverse("complaints:dashboard")
    except NoReverseMatch:
        return False
    return True


if not _dashboard_registered():
    # Until complaints/urls.py (the lead's file) registers the page, route it here.
    from complaints import urls as complaint_urls
    from config import urls as site_urls

    urlpatterns = [
        path("", include(([*complaint_urls.urlpatterns, path(
            "dashboard/", views_dashboard.dashboard, name="dashboard")], "complaints"))),
        *[p for p in site_urls.urlpatterns if getattr(p, "app_name", None) != "complaints"],
    ]
    pytestmark = [pytestmark, pytest.mark.urls(__name__)]


def london(*args: int) -> datetime:
    return timezone.make_aware(datetime(*args))


def case(council, kind=Kind.OFFICER_CONDUCT, state="with_handler", *, received, stage=1,
         title="Service Director", due=None, outcome="", closed=None) -> Complaint:
    return Complaint.objects.create(
        reference=f"C{next(serial)}", kind=kind, state=state, complainant=council.councillor,
        summary="Rude at the meeting", details="Shouted.", stage_position=stage, stage_count=3,
        stage_title=title, stage_started_at=received, stage_due_on=due, outcome=outcome,
        received_at=received, closed_at=closed)


def enquiry(council, *, service, received: date, due: date, state="new", current_due=None,
            holding=None, responded=None, in_time=None) -> Enquiry:
    return Enquiry.objects.create(
        reference=f"E{next(serial)}", raised_by=council.councillor, ward=council.north,
        service=service, subject="Missed bins", details="Three weeks running.",
        received_at=london(received.year, received.month, received.day, 9),
        received_on=received, due_on=due, current_due_on=current_due or due, state=state,
        holding_reply_at=holding, responded_at=responded, answered_in_time=in_time)


def test_open_cases_by_kind_and_stage_and_their_ages(council):
    days = lambda n: NOW - timedelta(days=n)  # noqa: E731
    case(council, received=days(5), due=TODAY + timedelta(days=5))
    case(council, received=days(40), due=TODAY - timedelta(days=1))
    case(council, state="outcome", received=days(70), stage=2, title="Chief Executive")
    # An outcome given, waiting on the complainant: open, but not overdue, whatever its date.
    case(council, state="outcome", received=days(45), due=TODAY - timedelta(days=3))
    case(council, Kind.COUNCILLOR_CONDUCT, "informal", received=days(100),
         title="Monitoring Officer", due=TODAY - timedelta(days=10))
    case(council, Kind.CODE_OF_CONDUCT, received=days(30), title="Monitoring Officer",
         due=TODAY)  # due today is not yet overdue; 30 days old is still "0-30"
    case(council, Kind.CODE_OF_CONDUCT, received=days(31), title="Monitoring Officer")
    case(council, state="closed", received=days(50), due=TODAY - timedelta(days=20),
         outcome="upheld", closed=days(1))
    case(council, Kind.COUNCILLOR_CONDUCT, "withdrawn", received=days(95),
         outcome="withdrawn", closed=days(2))

    kinds = figures.open_by_kind_and_stage(TODAY)
    assert [(k.kind, [(s.stage, s.title, s.open, s.overdue) for s in k.stages])
            for k in kinds] == [
        (Kind.CODE_OF_CONDUCT, [(1, "Monitoring Officer", 2, 0)]),
        (Kind.OFFICER_CONDUCT, [(1, "Service Director", 3, 1), (2, "Chief Executive", 1, 0)]),
        (Kind.COUNCILLOR_CONDUCT, [(1, "Monitoring Officer", 1, 1)]),
    ]
    assert (kinds[1].open, kinds[1].overdue) == (4, 1)
    ageing = figures.ageing(NOW, TODAY)
    assert (ageing.open, ageing.overdue) == (7, 2)
    assert {b.name: b.count for b in ageing.buckets} == {
        "0-30": 2, "31-60": 3, "61-90": 1, "over-90": 1}


def test_new_and_finished_per_month_and_outcomes_over_the_last_twelve_months(council):
    # Months are the council's (London): 00:30 BST on 1 July is still 30 June in UTC.
    case(council, state="closed", received=london(2024, 6, 30, 23, 30), outcome="not_upheld",
         closed=london(2024, 7, 1, 0, 30))
    case(council, received=london(2024, 7, 1, 0, 30))
    case(council, state="closed", received=london(2025, 1, 15, 10), outcome="upheld",
         closed=london(2025, 2, 3, 10))
    case(council, state="withdrawn", received=london(2025, 1, 20, 10), outcome="withdrawn",
         closed=london(2025, 6, 1, 10))
    case(council, received=london(2025, 6, 14, 10))
    case(council, state="closed", received=london(2023, 1, 10, 10), outcome="upheld",
         closed=london(2024, 6, 20, 10))  # before the window: counted nowhere
    case(council, state="closed", received=london(2025, 3, 3, 10), outcome="upheld",
         closed=london(2025, 3, 31, 23, 30))

    since = figures.window_start(TODAY)
    assert since == date(2024, 7, 1)
    months = figures.per_month(since, TODAY)
    assert [m.key for m in months][::11] == ["2024-07", "2025-06"] and len(months) == 12
    assert {m.key: (m.new, m.closed) for m in months if m.new or m.closed} == {
        "2024-07": (1, 1), "2025-01": (2, 0), "2025-02": (0, 1), "2025-03": (1, 1),
        "2025-06": (1, 1)}
    assert [(o.outcome, o.count) for o in figures.outcomes(since)] == [
        ("upheld", 2), ("not_upheld", 1), ("withdrawn", 1)]


@pytest.fixture
def enquiries(council):
    """Enquiries in Place (Waste, Highways), People (Housing) and with no service; the
    dashboard's day is 15 June 2025 and its window starts on 1 July 2024."""
    at = lambda *d: london(*d, 10)  # noqa: E731
    c, waste, highways, housing = council, council.waste, council.highways, council.housing
    enquiry(c, service=waste, received=date(2025, 5, 1), due=date(2025, 5, 15),
            state="answered", responded=at(2025, 5, 10), in_time=True)
    enquiry(c, service=waste, received=date(2025, 5, 1), due=date(2025, 5, 15),
            state="holding", holding=at(2025, 5, 14), current_due=date(2025, 6, 30))
    enquiry(c, service=highways, received=date(2025, 6, 1), due=date(2025, 6, 13))
    enquiry(c, service=highways, received=date(2025, 6, 10), due=date(2025, 6, 24))
    enquiry(c, service=waste, received=date(2025, 3, 1), due=date(2025, 3, 14),
            state="closed", holding=at(2025, 3, 13), responded=at(2025, 3, 20), in_time=False)
    enquiry(c, service=waste, received=date(2025, 6, 1), due=date(2025, 6, 12),
            state="withdrawn")  # withdrawn unanswered: needed no answer
    enquiry(c, service=waste, received=date(2024, 6, 30), due=date(2024, 7, 12))
    enquiry(c, service=housing, received=date(2025, 4, 1), due=date(2025, 4, 14),
            state="closed", responded=at(2025, 4, 14), in_time=True)
    enquiry(c, service=housing, received=date(2025, 6, 14), due=date(2025, 6, 27),
            state="accepted")
    enquiry(c, service=None, received=date(2025, 6, 1), due=date(2025, 6, 12))


def test_casework_compliance_and_overdue_enquiries_by_directorate(council, enquiries):
    d = figures.dashboard(now=NOW)
    rows = {r.name: (r.received, r.due_or_answered, r.in_time, r.in_time_percent, r.holding,
                     r.holding_percent) for r in [*d.compliance, d.compliance_total]}
    assert rows == {
        "Governance": (0, 0, 0, None, 0, None),
        "People": (2, 1, 1, 100.0, 0, 0.0),
        "Place": (6, 4, 1, 25.0, 2, 33.3),
        figures.NO_SERVICE: (1, 1, 0, 0.0, 0, 0.0),
        "All directorates": (9, 6, 2, 33.3, 2, 22.2),
    }
    assert [(r.name, r.count) for r in d.overdue_enquiries] == [
        ("Governance", 0), ("People", 0), ("Place", 2), (figures.NO_SERVICE, 1)]
    assert d.overdue_enquiries_total == 3


def test_a_holding_reply_stops_overdue_but_a_late_full_answer_is_not_in_time(council):
    # 003 §31.15: the holding reply moves the date it is judged overdue by, not the deadline.
    e = enquiry(council, service=council.waste, received=date(2025, 6, 1),
                due=date(2025, 6, 12), state="holding", holding=london(2025, 6, 11, 10),
                current_due=date(2025, 6, 20))
    before = figures.dashboard(now=NOW)
    assert before.overdue_enquiries_total == 0
    assert before.compliance_total.due_or_answered == 1
    assert before.compliance_total.in_time == 0
    e.respond(at=NOW)  # full answer on 15 June, after the 12 June deadline
    e.save()
    assert e.answered_in_time is False
    after = figures.dashboard(now=NOW)
    total = after.compliance_total
    assert (total.due_or_answered, total.in_time, total.in_time_percent) == (1, 0, 0.0)
    assert (total.holding, total.holding_percent) == (1, 100.0)


def test_an_enquiry_redirected_unanswered_needed_no_answer_like_a_withdrawn_one(council):
    """Closed as "being handled another way" (raised as a complaint: no response is needed
    now, casework.services.councillor.enquiry_redirect), an enquiry unanswered past its
    deadline is left out of the compliance figures, as a withdrawn one is."""
    for state in ("withdrawn", "redirected"):
        enquiry(council, service=council.waste, received=date(2025, 6, 1),
                due=date(2025, 6, 12), state=state)
    total = figures.dashboard(now=NOW).compliance_total
    assert (total.received, total.due_or_answered, total.in_time) == (2, 0, 0)
    assert figures.dashboard(now=NOW).overdue_enquiries_total == 0


def test_the_tally_migration_recounts_redirected_enquiries_counted_under_the_old_key(
        council):
    """casework 0012 installs the tally's triggers again and recounts: a redirected enquiry
    counted with its deadline by the old key loses it."""
    from importlib import import_module

    from django.apps import apps
    from django.db import transaction

    from casework.models import EnquiryTally

    enquiry(council, service=council.waste, received=date(2025, 6, 1),
            due=date(2025, 6, 12), state="redirected")
    EnquiryTally.objects.update(due_on=date(2025, 6, 12))  # as the old key counted it
    assert figures.dashboard(now=NOW).compliance_total.due_or_answered == 1
    with transaction.atomic():
        import_module("casework.migrations.0012_tally_leaves_out_redirected").reinstall(
            apps, connection.schema_editor())
    assert list(EnquiryTally.objects.values_list("due_on", "n")) == [(None, 1)]
    assert figures.dashboard(now=NOW).compliance_total.due_or_answered == 0


def _fill(council, n: int) -> None:
    kinds = [Kind.OFFICER_CONDUCT, Kind.COUNCILLOR_CONDUCT, Kind.CODE_OF_CONDUCT]
    states = ["informal", "with_handler", "outcome", "closed", "withdrawn"]
    services = [council.waste, council.highways, council.housing, None]
    now, today = timezone.now(), timezone.localdate()
    for i in range(n):
        state = states[i % 5]
        finished = state in ("closed", "withdrawn")
        case(council, kinds[i % 3], state, received=now - timedelta(days=7 * i),
             stage=1 + i % 2, due=today - timedelta(days=i % 4 - 1),
             outcome="upheld" if finished else "", closed=now if finished else None)
        received = today - timedelta(days=3 * i)
        enquiry(council, service=services[i % 4], received=received,
                due=received + timedelta(days=14), state=["new", "holding", "answered"][i % 3],
                holding=now if i % 3 == 1 else None, responded=now if i % 3 == 2 else None,
                in_time=(i % 2 == 0) if i % 3 == 2 else None)


def test_the_page_takes_the_same_queries_whatever_the_number_of_cases(
        client, council, django_assert_num_queries):
    client.force_login(council.monitoring_officer)
    url = reverse("complaints:dashboard")
    sizes = []
    for n in (5, 45):  # 5 cases, then 50
        _fill(council, n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        sizes.append(len(queries))
    assert Complaint.objects.count() == 50 and Enquiry.objects.count() == 50
    assert sizes[0] == sizes[1]
    with django_assert_num_queries(8):
        figures.dashboard()


@pytest.mark.parametrize("who", ["councillor", "director", "chief_executive", "hr", "admin"])
def test_only_the_monitoring_officer_sees_it(client, council, who):
    user = (UserFactory(username="admin", is_superuser=True, is_staff=True) if who == "admin"
            else getattr(council, who))
    client.force_login(user)
    assert client.get(reverse("complaints:dashboard")).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, council):
    response = client.get(reverse("complaints:dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


class Links(HTMLParser):
    """Each link's href and text, and whether any element has an inline style."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[list[str]] = []
        self.styled = False
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.styled = self.styled or any(name == "style" for name, _ in attrs)
        if tag == "a":
            self._open = [dict(attrs).get("href", ""), ""]
            self.links.append(self._open)

    def handle_endtag(self, tag) -> None:
        if tag == "a":
            self._open = None

    def handle_data(self, data) -> None:
        if self._open is not None:
            self._open[1] += data


def _shown(request_url: str, user) -> int:
    """How many cases the list behind this link shows, read with the list's own filters."""
    request = RequestFactory().get(request_url)
    if urlsplit(request_url).path == reverse("casework:queue"):
        filters = casework.views._filters(request)
        return officer_queue(user, request.GET["scope"], filters).count()
    return complaint_list(user, complaints.views._filters(request)).count()


def test_every_figure_links_to_the_list_that_shows_the_same_cases(client, council):
    _fill(council, 20)
    # Upheld, but before the dashboard's year: its outcomes leave it out, so must the list.
    long_ago = timezone.now() - timedelta(days=800)
    case(council, state="closed", received=long_ago, outcome="upheld",
         closed=long_ago + timedelta(days=30))
    mo = council.monitoring_officer
    client.force_login(mo)
    page = client.get(reverse("complaints:dashboard")).content.decode()
    parser = Links()
    parser.feed(page)
    list_url, queue_url = reverse("complaints:list"), reverse("casework:queue")
    figures_links = [(href, text) for href, text in parser.links
                     if urlsplit(href).path in (list_url, queue_url) and "?" in href]
    hrefs = {href for href, _ in figures_links}
    assert f"{list_url}?state=open&kind=officer_conduct&stage=1" in hrefs
    assert f"{list_url}?state=open&kind=officer_conduct&stage=2&overdue=1" in hrefs
    assert f"{list_url}?state=open&age=31-60" in hrefs
    assert f"{list_url}?state=finished&closed_month={timezone.localdate():%Y-%m}" in hrefs
    since = f"{figures.window_start(timezone.localdate()):%Y-%m-%d}"
    assert f"{list_url}?state=finished&outcome=upheld&closed_since={since}" in hrefs
    assert (f"{queue_url}?scope=all&due=overdue&state=open&directorate={council.place.pk}"
            in hrefs)
    assert all(f"closed_since={since}" in href for href in hrefs if "outcome=" in href)
    checked = 0
    for href, text in figures_links:
        assert _shown(href, mo) == int(re.search(r"\d+", text)[0]), href
        checked += 1
    assert checked > 30
    assert not parser.styled  # the Content-Security-Policy will forbid inline styles
    assert '<div class="app-chart" aria-hidden="true">' in page


def test_a_case_the_monitoring_officer_may_not_know_of_is_not_a_figure_either(
        client, council, raise_case):
    """A fraud concern about the Monitoring Officer goes to the Chief Executive and is
    never shown to its subject (003 §31.3(3); complaints.rules.can_view): it must not be
    counted on the Monitoring Officer's dashboard either, where the number would differ from
    the list it links to and give the concern away."""
    mo = council.monitoring_officer
    ordinary = raise_case(Kind.OFFICER_CONDUCT, subject_service=council.waste)
    secret = raise_case(Kind.FRAUD, about=mo, summary="Contracts steered to a friend")
    assert secret.handler == council.chief_executive

    seen = figures.dashboard(viewer=mo)
    assert seen.ageing.open == 1
    assert [(k.kind, k.open) for k in seen.kinds] == [(Kind.OFFICER_CONDUCT, 1)]
    assert sum(m.new for m in seen.months) == 1
    assert [c.pk for c in complaint_list(mo, complaints.views._filters(
        RequestFactory().get("/?state=open")))] == [ordinary.pk]
    assert figures.dashboard().ageing.open == 2  # the case exists: only its subject is blind

    client.force_login(mo)
    page = client.get(reverse("complaints:dashboard")).content.decode()
    assert re.search(r'app-figure__number">1</span> open complaints', page)
    assert "Concern about fraud" not in page


def test_the_list_says_which_filters_a_dashboard_figure_set(client, council):
    """The form shows search, kind and state; a figure may also set a stage, the overdue
    test, an age, a month or an outcome, and the list must say so and offer a way out."""
    client.force_login(council.monitoring_officer)
    response = client.get(reverse("complaints:list"), {
        "state": "open", "kind": "officer_conduct", "stage": "2", "overdue": "1"})
    page = response.content.decode()
    assert "Also filtered by" in page
    assert "<li>Stage 2</li><li>Past the stage&#x27;s time limit</li>" in page
    assert 'href="?q=&amp;kind=officer_conduct&amp;state=open">Remove these filters' in page

    words = complaints.presenters.narrowed_by(complaints.views._filters(RequestFactory().get(
        "/", {"age": "31-60", "received_month": "2025-03", "closed_month": "nonsense",
              "closed_since": "2025-07-01", "outcome": "not_upheld"})))
    assert words == ["Received 31 to 60 days ago", "Received in March 2025",
                     "Closed or withdrawn since 1 July 2025", "Outcome: Not upheld"]
    plain = client.get(reverse("complaints:list"), {"state": "open", "kind": "fraud"})
    assert "Also filtered by" not in plain.content.decode()


@pytest.mark.parametrize("register", ["registers:group_list", "registers:equal_treatment",
                                      "registers:info_list", "registers:relationships",
                                      "registers:notices"])
def test_the_dashboard_links_to_each_register_and_the_link_opens(client, council, register):
    """Issue 6: the Monitoring Officer's dashboard links to each of the protocol's
    registers, and the Monitoring Officer may open each."""
    client.force_login(council.monitoring_officer)
    page = client.get(reverse("complaints:dashboard")).content.decode()
    assert f'href="{reverse(register)}"' in page
    assert client.get(reverse(register)).status_code == 200
