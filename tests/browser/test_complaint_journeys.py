"""When Things Go Wrong, in a real browser: a grievance about a councillor from the
Monitoring Officer to the Standards Committee's decision; a councillor's complaint about an
officer from the Director to the next stage; the Monitoring Officer's dashboard, from a
figure to the cases behind it and their CSV; and nobody outside a case sees it.

Every page visited is checked with axe (WCAG 2.2 AA) by `visit`, and the key pages
screenshotted (tests/browser/conftest.py). The routes are the seed profiles'
(protocol/council/seed_profiles/), Westminster's unless a test makes another active.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from casework.services import NewEnquiry, enquiry_log
from complaints.models import Complaint, ComplaintEvent
from complaints.services import (
    NewComplaint,
    complaint_accept,
    complaint_escalate,
    complaint_give_outcome,
    complaint_raise,
)
from protocol.models import ComplaintKind, Notification, PostKind, ProtocolProfile
from tests.factories import PASSWORD, PostFactory, UserFactory


@pytest.fixture(autouse=True)
def celery_runs_tasks_in_process() -> Iterator[None]:
    """Notifications are sent in the request that causes them, not left on a broker."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def activate(slug: str) -> ProtocolProfile:
    ProtocolProfile.objects.update(is_active=False)
    ProtocolProfile.objects.filter(slug=slug).update(is_active=True)
    return ProtocolProfile.objects.get(is_active=True)


@pytest.fixture
def standards_chair(council):
    """The chair of the Standards Committee: a councillor of another ward and group than
    the one complained about."""
    chair = UserFactory(username="standards_chair")
    PostFactory(holder=chair, kind=PostKind.COUNCILLOR, ward=council.south,
                political_group=council.blue)
    PostFactory(holder=chair, kind=PostKind.COMMITTEE_CHAIR, committee=council.standards)
    return chair


# Driving the pages


def sign_in_to(visit, username: str, path: str, shot: str | None = None) -> None:
    """Open `path` signed out, sign in as `username` on the page it sends us to, and land
    back on `path` (a key page, screenshotted, if `shot` names it)."""
    page = visit.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with visit.lands(shot=shot):
        page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(visit.url(path))


def sign_out(visit) -> None:
    with visit.lands():
        visit.page.get_by_role("button", name="Sign out").click()
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Sign in")


def fill_date(page, legend: str, value: date) -> None:
    """A GOV.UK date input: the day, month and year boxes in the group `legend` names."""
    group = page.get_by_role("group", name=legend)
    for part, number in (("Day", value.day), ("Month", value.month), ("Year", value.year)):
        group.get_by_label(part).fill(str(number))


def act(visit, button: str, fields: dict[str, str | date],
        outcome: str | None = None) -> None:
    """On a case page: press an action's button, fill its form and send it; back on the
    case page, the success message shows."""
    page = visit.page
    with visit.lands():
        page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if outcome is not None:
        page.get_by_role("radio", name=outcome, exact=True).check()
    for label, value in fields.items():
        if isinstance(value, date):
            fill_date(page, label, value)
        else:
            page.get_by_label(label, exact=True).fill(value)
    with visit.lands():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def summary(page, key: str):
    """The value of one row of the case's summary list."""
    return page.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text=re.compile(rf"^{re.escape(key)}$"))).locator("dd")


def history(page) -> list[tuple[str, str, str]]:
    """The case's history, oldest first: (what, who, why) for each entry."""
    items = page.locator(".app-timeline__item").evaluate_all("""items => items.map(item => {
        const [when, why] = item.querySelectorAll("p");
        return [item.querySelector("h3").innerText, when.innerText, why ? why.innerText : ""];
    })""")
    entries = []
    for what, when, why in items:
        who = re.search(r" by (.+)$", when)
        entries.append((what, who.group(1) if who else "", why))
    return entries


def reference_from(page) -> str:
    match = re.search(r"/cases/([^/]+)/$", page.url)
    assert match, page.url
    return match.group(1)


def listed_references(page) -> list[str]:
    return page.locator("main table.govuk-table tbody tr td:first-child a").all_inner_texts()


# 1. A grievance about a councillor: Monitoring Officer, then the Standards Committee


def test_a_grievance_goes_from_mediation_to_the_standards_committee_decision(
        visit, council, standards_chair):
    """001 §11.3 (003 §31.2 in the active Westminster profile): an officer's grievance
    about a councillor is taken up with the Monitoring Officer, who may report it to the
    Standards Committee; informal resolution (mediation) is tried first (001 §11.1)."""
    activate("westminster")
    officer, mo, councillor = council.officer, council.monitoring_officer, council.councillor
    page = visit.page

    # The officer raises it, agreeing to try to resolve it informally first.
    sign_in_to(visit, "officer", reverse("complaints:new"))
    page.get_by_role("radio", name="Officer grievance about a councillor").check()
    page.get_by_label("Who is it about").select_option(str(councillor.pk))
    page.get_by_label("Summary").fill("Shouted at me in the planning committee")
    page.get_by_label("What happened").fill("At the meeting on Tuesday the councillor "
                                            "shouted at me in front of the public.")
    page.get_by_label("Both of us agree to try to resolve it informally first").check()
    with visit.lands(shot="case-raised"):
        page.get_by_role("button", name="Raise the case").click()
    reference = reference_from(page)
    case_path = reverse("complaints:detail", args=[reference])
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Case {reference} raised")
    expect(summary(page, "Handler")).to_have_text(str(mo))
    expect(summary(page, "Stage")).to_have_text("1 of 2: The Monitoring Officer")
    expect(page.locator("main .govuk-tag")).to_have_text("Informal resolution")
    expect(page.get_by_role("button", name="Record the outcome")).to_have_count(0)
    sign_out(visit)

    # The Monitoring Officer records that mediation did not resolve it, then reports it to
    # the Standards Committee.
    sign_in_to(visit, "monitoring_officer", case_path)
    mediation = ("Mediation meeting held with both of them; the councillor would not "
                 "apologise, so it was not resolved.")
    act(visit, "Move to the formal route", {"Reason": mediation})
    expect(page.locator("main .govuk-tag")).to_have_text("With the handler")
    referral = "A pattern of conduct: the Standards Committee should consider it."
    # Where it goes next is the Monitoring Officer's decision (001 §11.3).
    expect(page.get_by_role("button", name="Refer to the next stage")).to_have_count(0)
    act(visit, "Decide what happens next", {"Your reasons": referral},
        outcome="Report it to the Standards Committee")
    expect(summary(page, "Stage")).to_have_text("2 of 2: The Standards Committee")
    expect(summary(page, "Handler")).to_have_text(str(standards_chair))
    # Having handled stage 1, the Monitoring Officer cannot decide stage 2.
    expect(page.get_by_role("button", name="Record the outcome")).to_have_count(0)
    sign_out(visit)

    # The chair of the Standards Committee records the committee's decision.
    sign_in_to(visit, "standards_chair", case_path)
    decision = "The committee found the conduct fell short of the protocol (§31.3(1))."
    act(visit, "Record the outcome", {"Reasons": decision}, outcome="Upheld")
    expect(page.locator("main .govuk-tag")).to_have_text("Closed")
    expect(summary(page, "Outcome")).to_contain_text("Upheld")
    expect(summary(page, "Outcome")).to_contain_text(decision)
    expect(page.locator(".govuk-button-group")).to_have_count(0)  # nothing more to do

    assert history(page) == [
        ("Raised", str(officer),
         f"Informal resolution agreed first. Sent to {mo} (The Monitoring Officer)."),
        ("Informal resolution ended", str(mo), mediation),
        ("Monitoring Officer's decision: report it to the Standards Committee; sent to "
         "stage 2: The Standards Committee", str(mo), referral),
        ("Decision: Upheld", str(standards_chair), decision),
    ]
    complaint = Complaint.objects.get(reference=reference)
    assert (complaint.state, complaint.outcome, complaint.handler) == (
        "closed", "upheld", standards_chair)
    assert complaint.events.count() == 4


# 2. A councillor's complaint about an officer: the Director, then the next stage


@pytest.mark.parametrize(("slug", "director_stage", "next_stage", "stage_count"), [
    ("westminster", "The Director of the service where the fault lies",
     "The Chief Executive", 2),
    ("hounslow", "The appropriate Chief Officer",
     "The Chief Executive and/or the Monitoring Officer", 3),
])
def test_a_dissatisfied_councillor_takes_a_complaint_about_an_officer_further(
        visit, council, slug, director_stage, next_stage, stage_count):
    """003 §31.3(3) (Westminster) and 001 §11.2 (Hounslow): a complaint about an officer
    goes to the service's Director first; if the councillor is not satisfied with the
    response, to the Chief Executive (and/or the Monitoring Officer)."""
    activate(slug)
    councillor, director, ce = council.councillor, council.director, council.chief_executive
    page = visit.page

    sign_in_to(visit, "councillor", reverse("complaints:new"))
    page.get_by_role("radio", name="Councillor complaint about an officer").check()
    page.get_by_label("Who is it about").select_option(str(council.officer.pk))
    page.get_by_label("Their service").select_option(label="Waste and Recycling")
    page.get_by_label("Summary").fill("Ignored three emails about missed bins")
    page.get_by_label("What happened").fill("Three emails over a month, no reply at all.")
    with visit.lands(shot="case-raised"):
        page.get_by_role("button", name="Raise the case").click()
    reference = reference_from(page)
    case_path = reverse("complaints:detail", args=[reference])
    expect(summary(page, "Handler")).to_have_text(str(director))
    expect(summary(page, "Stage")).to_have_text(f"1 of {stage_count}: {director_stage}")
    sign_out(visit)

    sign_in_to(visit, "director", case_path)
    response = "The officer was on leave; the emails have now been answered."
    act(visit, "Record the outcome", {"Reasons": response}, outcome="Partly upheld")
    expect(page.locator("main .govuk-tag")).to_have_text("Outcome given")
    sign_out(visit)

    sign_in_to(visit, "councillor", case_path)
    expect(summary(page, "Outcome")).to_contain_text("Partly upheld")
    why = "Nobody covered the leave: it will happen again."
    act(visit, "Not satisfied: take it to the next stage", {"Reason": why})
    expect(summary(page, "Stage")).to_have_text(f"2 of {stage_count}: {next_stage}")
    expect(summary(page, "Handler")).to_have_text(str(ce))
    sign_out(visit)

    # The next stage's handler is told, finds it in their list, and can act on it.
    told = Notification.objects.filter(recipient=ce, url=case_path)
    assert [n.subject for n in told] == [f"{reference}: a case for you to handle"]
    sign_in_to(visit, "chief_executive", reverse("complaints:list"))
    assert listed_references(page) == [reference]
    with visit.lands():
        page.get_by_role("link", name=reference).click()
    expect(page).to_have_url(visit.url(case_path))
    expect(page.get_by_role("button", name="Record the outcome")).to_be_visible()
    assert history(page)[-1] == (f"Escalated to stage 2: {next_stage}", str(councillor), why)


# 3. The Monitoring Officer's dashboard: from a figure to the cases behind it


@pytest.fixture
def cases(council) -> dict[str, list[str]]:
    """Open and finished cases of several kinds and stages, some past their stage's time
    limit; the references of each group the dashboard counts. The seeds set no stage time
    limits (protocol/council/seed_profiles/base.py): this council gives its Directors 20 working
    days."""
    profile = activate("westminster")
    profile.stages.filter(kind=ComplaintKind.OFFICER_CONDUCT, position=1).update(
        time_limit_days=20)
    now = timezone.now()

    def raise_it(kind, by, about, days_ago, **fields):
        entered = NewComplaint(kind=kind, summary=fields.pop("summary", "Rude at a meeting"),
                               details="Shouted across the room.", subject_person=about,
                               **fields)
        return complaint_raise(complainant=by, entered=entered,
                               now=now - timedelta(days=days_ago))

    about_officer = ComplaintKind.OFFICER_CONDUCT
    c = council
    late = raise_it(about_officer, c.councillor, c.officer, 40, subject_service=c.waste)
    recent = raise_it(about_officer, c.other_councillor, c.officer, 1, subject_service=c.waste)
    escalated = raise_it(about_officer, c.leader, c.head_of_service, 2,
                         subject_service=c.waste)
    complaint_give_outcome(complaint=escalated, actor=c.director, outcome="not_upheld",
                           reasons="Handled correctly.")
    complaint_escalate(complaint=escalated, actor=c.leader, reason="Not satisfied.")
    grievance = raise_it(ComplaintKind.COUNCILLOR_CONDUCT, c.officer, c.councillor, 3)
    closed = raise_it(about_officer, c.group_leader, c.officer, 5, subject_service=c.waste)
    complaint_give_outcome(complaint=closed, actor=c.director, outcome="upheld",
                           reasons="An apology has been sent.")
    complaint_accept(complaint=closed, actor=c.group_leader)
    return {"officer stage 1": [recent.reference, late.reference],
            "officer stage 1 overdue": [late.reference],
            "officer stage 2": [escalated.reference],
            "grievances": [grievance.reference]}


def download_csv(visit) -> list[list[str]]:
    page = visit.page
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    path = download.value.path()
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.reader(io.StringIO(file.read())))


def test_a_dashboard_figure_leads_to_exactly_its_cases_and_their_csv(visit, council, cases):
    page = visit.page
    sign_in_to(visit, "monitoring_officer", reverse("complaints:dashboard"), shot="dashboard")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Monitoring Officer.s dashboard$"))

    table = page.locator("table").filter(
        has=page.locator("caption", has_text="Councillor complaint about an officer"))
    stage_1 = table.locator("tr").filter(
        has=page.get_by_role("rowheader", name=re.compile(r"^1\. ")))
    open_figure, overdue_figure = stage_1.get_by_role("link").all()
    expect(open_figure).to_have_text("2")
    expect(overdue_figure).to_have_text("1")

    with visit.lands(shot="the-figures-cases"):
        open_figure.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints and grievances")
    assert sorted(listed_references(page)) == sorted(cases["officer stage 1"])
    rows = download_csv(visit)
    assert rows[0][:3] == ["Reference", "Kind", "State"]
    assert sorted(row[0] for row in rows[1:]) == sorted(cases["officer stage 1"])
    assert {row[3].split(":")[0] for row in rows[1:]} == {"1"}

    with visit.lands():
        page.go_back()
    with visit.lands():
        overdue_figure.click()
    assert listed_references(page) == cases["officer stage 1 overdue"]
    expect(page.get_by_text("Overdue", exact=True)).to_have_count(1)
    rows = download_csv(visit)
    assert [row[0] for row in rows[1:]] == cases["officer stage 1 overdue"]

    # The list says what the figure chose beyond the form's own filters, and lets it go.
    also = page.locator(".govuk-inset-text").filter(has_text="Also filtered by")
    expect(also.get_by_role("listitem")).to_have_text(["Stage 1", "Past the stage's time limit"])
    with visit.lands():
        also.get_by_role("link", name="Remove these filters").click()
    expect(page.get_by_label("Kind")).to_have_value("officer_conduct")
    assert sorted(listed_references(page)) == sorted(
        cases["officer stage 1"] + cases["officer stage 2"])


def test_the_chart_has_a_table_of_its_numbers_each_a_link(visit, council, cases):
    page = visit.page
    sign_in_to(visit, "monitoring_officer", reverse("complaints:dashboard"))
    chart = page.locator(".app-chart")
    expect(chart).to_have_attribute("aria-hidden", "true")  # the table says it instead
    table = page.locator("table").filter(
        has=page.locator("caption", has_text="Cases received, and cases closed or withdrawn"))
    this_month = f"{timezone.localdate():%B %Y}"
    row = table.locator("tr").filter(has=page.get_by_role("rowheader", name=this_month))
    new, finished = row.get_by_role("link").all()
    received = Complaint.objects.filter(
        received_at__gte=timezone.localtime().replace(day=1, hour=0, minute=0, second=0,
                                                      microsecond=0))
    expect(new).to_have_text(str(received.count()))
    expect(finished).to_have_text("1")
    with visit.lands():
        finished.click()
    query = parse_qs(urlsplit(page.url).query)
    assert query["state"] == ["finished"]
    assert len(listed_references(page)) == 1


def test_overdue_enquiries_for_a_directorate_lead_to_those_enquiries(visit, council):
    activate("westminster")
    now = timezone.now()

    def log(service, days_ago):
        return enquiry_log(councillor=council.councillor, now=now - timedelta(days=days_ago),
                           entered=NewEnquiry(subject="Missed bins", details="Three weeks.",
                                              ward=council.north, service=service))

    late_waste, late_roads = log(council.waste, 40), log(council.highways, 30)
    log(council.waste, 1)  # not yet due
    log(council.housing, 40)  # overdue, but in another directorate
    page = visit.page
    sign_in_to(visit, "monitoring_officer", reverse("complaints:dashboard"))
    table = page.locator("table").filter(
        has=page.locator("caption", has_text="Open enquiries overdue now"))
    place = table.locator("tr").filter(has=page.get_by_role("rowheader", name="Place"))
    figure = place.get_by_role("link")
    expect(figure).to_have_text("2")
    with visit.lands():
        figure.click()
    references = page.locator("main table tbody tr td:first-child a").all_inner_texts()
    assert sorted(references) == sorted([late_waste.reference, late_roads.reference])


# 4. Nobody outside a case sees it


@pytest.mark.parametrize("outsider", ["other_councillor", "hr"])
def test_someone_outside_a_case_gets_not_found(visit, council, outsider):
    activate("westminster")
    complaint = complaint_raise(complainant=council.councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Rude on the phone",
        details="Hung up on me.", subject_person=council.officer,
        subject_service=council.waste))
    case_path = complaint.get_absolute_url()
    page = visit.page

    sign_in_to(visit, outsider, "/")
    for path in (case_path, f"{case_path}outcome/", f"{case_path}escalate/"):
        visit.goto(path, status=404)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page.get_by_text("Rude on the phone")).to_have_count(0)
    visit.goto(reverse("complaints:list") + "?state=")  # nor is it in their list
    expect(page.get_by_text("No cases match.")).to_be_visible()
    assert listed_references(page) == []
    assert not complaint.views.exists()
    assert ComplaintEvent.objects.filter(complaint=complaint).count() == 1


# 5. A concern about fraud, corruption or malpractice: its own route, seen by its handlers


def test_a_fraud_concern_reaches_its_handler_and_nobody_else(visit, council):
    """003 §31.3(3): councillors have a duty to raise concerns about fraud, corruption or
    malpractice; the concern has its own route (the Chief Executive and/or the Monitoring
    Officer) and is seen by them alone, not by other councillors or HR."""
    activate("westminster")
    page = visit.page
    sign_in_to(visit, "councillor", reverse("complaints:new"))
    page.get_by_role("radio", name="Concern about fraud, corruption or malpractice").check()
    page.get_by_label("Summary").fill("Contract split to avoid tendering")
    page.get_by_label("What happened").fill("Three invoices of just under the threshold "
                                            "from the same supplier in one week.")
    with visit.lands(shot="case-raised"):
        page.get_by_role("button", name="Raise the case").click()
    reference = reference_from(page)
    case_path = reverse("complaints:detail", args=[reference])
    complaint = Complaint.objects.get(reference=reference)
    assert (complaint.kind, complaint.complainant) == (ComplaintKind.FRAUD, council.councillor)
    handler = complaint.handler
    assert handler in (council.chief_executive, council.monitoring_officer)
    expect(summary(page, "Handler")).to_have_text(str(handler))
    sign_out(visit)

    sign_in_to(visit, handler.username, case_path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Contract split to avoid tendering")
    sign_out(visit)

    for outsider in ("other_councillor", "hr"):
        sign_in_to(visit, outsider, "/")
        visit.goto(case_path, status=404)
        expect(page.get_by_text("Contract split to avoid tendering")).to_have_count(0)
        sign_out(visit)


# 6. A Code of Conduct complaint: the Monitoring Officer, the Independent Person, a response


def test_a_code_of_conduct_complaint_consults_the_independent_person(visit, council):
    """Localism Act 2011 (002; 001 §11.3): a written complaint alleging a breach of the
    Code of Conduct goes to the Monitoring Officer first, who records the Independent
    Person's view and gives the councillor complained about a date to respond by."""
    activate("westminster")
    page = visit.page
    sign_in_to(visit, "officer", reverse("complaints:new"))
    page.get_by_role("radio", name="Code of Conduct complaint").check()
    page.get_by_label("Who is it about").select_option(str(council.councillor.pk))
    page.get_by_label("Summary").fill("Interest not declared")
    page.get_by_label("What happened").fill("Voted on a licence for a relative's business.")
    fill_date(page, "When did it happen", timezone.localdate() - timedelta(days=14))
    with visit.lands(shot="case-raised"):
        page.get_by_role("button", name="Raise the case").click()
    reference = reference_from(page)
    case_path = reverse("complaints:detail", args=[reference])
    expect(summary(page, "Handler")).to_have_text(str(council.monitoring_officer))
    sign_out(visit)

    sign_in_to(visit, "monitoring_officer", case_path)
    advice = "The Independent Person advised that the complaint merits a response."
    act(visit, "Record the Independent Person's view",
        {"What the Independent Person advised": advice})
    respond_by = timezone.localdate() + timedelta(days=21)
    act(visit, "Ask the councillor to respond", {"Respond by": respond_by})

    complaint = Complaint.objects.get(reference=reference)
    assert complaint.kind == ComplaintKind.CODE_OF_CONDUCT
    assert complaint.handler == council.monitoring_officer
    reasons = list(complaint.events.values_list("reason", flat=True))
    assert advice in reasons
    assert complaint.events.count() == 3
