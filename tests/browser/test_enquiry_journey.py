"""An enquiry from start to finish in a real browser: the councillor logs it for a
constituent, the officer it was routed to sends a holding reply and then the full response,
and the councillor confirms it is answered.

Every page visited is checked with axe (WCAG 2.2 AA) by `visit`, and the key pages
screenshotted (tests/browser/conftest.py). Dates are worked out from today with the
working-day calendar, so the journey runs on any day.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.models import CorrespondenceKind, Enquiry, EventKind, State
from casework.services import NewEnquiry, enquiry_log
from protocol.council.calendar import Deadline, add_working_days, deadline
from protocol.council.selectors import active_profile
from tests.browser.test_sign_in import sign_in

REFERENCE = re.compile(r"ENQ-\d{4}-\d{5}")
SUBJECT = "Fly-tipping behind the Park Road shops"
CONSTITUENT = ("Ada Lovelace", "ada@example.org", "12 Park Road\nNorthtown\nNT1 2AB")


@pytest.fixture(autouse=True)
def emails_are_sent_at_once() -> Iterator[None]:
    """Emails go through Celery after commit; here the task runs in the live server's
    thread, so the test sees them in `mailoutbox`."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def long_date(day: date) -> str:
    """A date as the pages write it ("l j F Y": Monday 6 April 2026)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """A date as the working's list of skipped days writes it ("D j M Y": Sat 4 Apr 2026)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def follow_menu(visit, name: str) -> None:
    """Follow a link in the service navigation."""
    with visit.lands():
        visit.page.get_by_role("navigation", name="Menu").get_by_role("link", name=name).click()


def sign_out(visit) -> None:
    with visit.lands():
        visit.page.get_by_role("button", name="Sign out").click()


def log_the_enquiry(visit, council) -> str:
    """The councillor fills in the new enquiry form; returns the reference."""
    page = visit.page
    follow_menu(visit, "Your enquiries")
    with visit.lands(shot="log-an-enquiry"):
        page.get_by_role("button", name="Log an enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log an enquiry")
    page.get_by_label("Subject", exact=True).fill(SUBJECT)
    page.get_by_label("Details", exact=True).fill(
        "Bags of rubbish have been dumped by the bins for a week. Please clear them and check "
        "the CCTV.")
    page.get_by_label("Service", exact=True).select_option(label="Waste and Recycling")
    page.get_by_label("Ward", exact=True).select_option(label="North")
    page.get_by_label("I am asking on behalf of a constituent").check()
    name, contact, address = CONSTITUENT
    page.get_by_label("Constituent's name").fill(name)
    page.get_by_label("Constituent's email or phone number").fill(contact)
    page.get_by_label("Constituent's address").fill(address)
    with visit.lands(shot="enquiry-logged"):
        page.get_by_role("button", name="Send enquiry").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Enquiry logged")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert REFERENCE.fullmatch(reference), reference
    assert reference.startswith(f"ENQ-{timezone.localdate().year}-")
    expect(page).to_have_url(visit.url(f"/enquiries/{reference}/logged/"))
    return reference


def assert_unchanged(enquiry: Enquiry) -> None:
    """A refused holding reply leaves the enquiry as it was logged."""
    now = Enquiry.objects.get(pk=enquiry.pk)
    assert (now.state, now.version, now.current_due_on) == (
        State.NEW, enquiry.version, enquiry.due_on)
    assert not now.correspondence.exists()
    assert list(now.events.order_by("pk").values_list("kind", flat=True)) == [
        EventKind.LOGGED, EventKind.ASSIGNED]


def test_an_enquiry_for_a_constituent_is_logged_held_answered_and_confirmed(
        visit, council, mailoutbox):
    profile = active_profile()
    today = timezone.localdate()
    # 003 §31.15: a full response within 10 (working) days of receipt; today is day 0.
    working = deadline(today, profile.response_days, profile.response_day_kind, profile.nation)
    # The revised date of the holding reply: a working day after the first deadline.
    revised = add_working_days(working.due, 5, profile.nation)

    visit.goto("/sign-in/")
    sign_in(visit, "councillor")
    reference = log_the_enquiry(visit, council)
    enquiry = Enquiry.objects.get(reference=reference)
    check_the_acknowledgement(visit, council, enquiry, working, mailoutbox)
    sign_out(visit)

    # Routed by the active profile: Westminster sends it to the service's Director, not
    # its Head of Service (003 §31.5, "the relevant Director").
    officer = council.director
    assert enquiry.assigned_to == officer
    sign_in(visit, "director")
    hold_then_answer(visit, enquiry, revised)
    sign_out(visit)

    sign_in(visit, "councillor")
    read_and_confirm(visit, enquiry, officer, revised)
    closed = Enquiry.objects.get(pk=enquiry.pk)
    assert (closed.state, closed.current_due_on) == (State.CLOSED, revised)
    assert list(closed.correspondence.order_by("sent_at").values_list("kind", flat=True)) == [
        CorrespondenceKind.HOLDING_REPLY, CorrespondenceKind.RESPONSE]
    councillor_mail = [m.subject for m in mailoutbox if m.to == [council.councillor.email]]
    assert councillor_mail == [f"{reference}: enquiry received", f"{reference}: holding reply",
                               f"{reference}: response to your enquiry"]


def check_the_acknowledgement(visit, council, enquiry: Enquiry, working: Deadline,
                              mailoutbox) -> None:
    """The reference, the due date with its working shown, and the emails sent."""
    page, reference = visit.page, enquiry.reference
    expect(page.get_by_text(f"It is with {enquiry.assigned_to}.")).to_be_visible()
    expect(page.get_by_text(f"A full response is due by {long_date(working.due)}")
           ).to_be_visible()
    page.get_by_text("How the due date was worked out").click()
    shown = page.locator(".govuk-details__text")
    expect(shown).to_contain_text(f"Received on {long_date(working.start)} (day 0)")
    expect(shown).to_contain_text(f"within {working.days} working days")
    expect(shown).to_contain_text(f"Day 1 was {long_date(working.first_day)}")
    assert working.skipped  # ten working days always span a weekend
    for day, reason in working.skipped:
        expect(shown).to_contain_text(f"{short_date(day)}: {reason}")
    expect(shown).to_contain_text(f"Due date: {long_date(working.due)}")
    visit.screenshot("logged-working")

    # A browser sends a textarea's line breaks as CRLF (HTML's form submission rules).
    assert (enquiry.constituent_name, enquiry.constituent_contact,
            enquiry.constituent_address.replace("\r\n", "\n")) == CONSTITUENT
    assert (enquiry.due_on, enquiry.state) == (working.due, State.NEW)
    acknowledgement = [m for m in mailoutbox if m.to == [council.councillor.email]]
    assert [m.subject for m in acknowledgement] == [f"{reference}: enquiry received"]
    assert f"A full response is due by {working.due:%A %d %B %Y}" in acknowledgement[0].body
    assert [m.subject for m in mailoutbox if m.to == [enquiry.assigned_to.email]] == [
        f"{reference}: new enquiry from a councillor"]


def hold_then_answer(visit, enquiry: Enquiry, revised: date) -> None:
    """The officer finds the enquiry in their queue, sends a holding reply (refused first
    without its reasons and date), then the full response."""
    page = visit.page
    follow_menu(visit, "Enquiries queue")
    row = page.get_by_role("row").filter(has_text=enquiry.reference)
    expect(row).to_contain_text(SUBJECT)
    expect(row).to_contain_text(str(enquiry.raised_by))
    with visit.lands(shot="officer-enquiry"):
        row.get_by_role("link", name=enquiry.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    expect(page.get_by_text(CONSTITUENT[0])).to_be_visible()  # a party sees the details

    with visit.lands():
        page.get_by_role("button", name="Send a holding reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send a holding reply")
    hold = page.get_by_role("button", name="Send a holding reply")
    with visit.lands(status=400, shot="holding-reply-errors"):
        hold.click()
    expect(page).to_have_title(re.compile(r"^Error: Send a holding reply"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text([
        "Enter the reasons a full response is not yet possible",
        "Enter the date the full response will be sent by"])
    date_group = page.get_by_role("group", name="Full response by")
    expect(date_group.locator(".govuk-error-message")).to_have_text(
        "Error: Enter the date the full response will be sent by")
    summary.get_by_role("link", name="Enter the date the full response").click()
    expect(date_group.get_by_label("Day")).to_be_focused()  # the first of its boxes
    assert_unchanged(enquiry)

    # 003 §31.15: the reasons for the delay and when the full response will come.
    page.get_by_label("Reasons").fill("The CCTV footage has to be requested from the police.")
    date_group.get_by_label("Day").fill(str(revised.day))
    date_group.get_by_label("Year").fill(str(revised.year))
    with visit.lands(status=400):
        hold.click()
    expect(summary.get_by_role("link")).to_have_text([
        "The date of the full response must include a month"])
    expect(page.get_by_label("Reasons")).to_have_value(re.compile("^The CCTV footage"))
    expect(date_group.get_by_label("Day")).to_have_value(str(revised.day))
    assert_unchanged(enquiry)

    date_group.get_by_label("Month").fill(str(revised.month))
    with visit.lands():
        hold.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Holding reply sent")
    expect(page.get_by_text(f"full response promised by {long_date(revised)}")).to_be_visible()

    with visit.lands():
        page.get_by_role("button", name="Send the full response").click()
    page.get_by_label("Response", exact=True).fill(
        "The rubbish was cleared on Tuesday and a fixed penalty notice has been issued.")
    with visit.lands():
        page.get_by_role("button", name="Send the full response").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Response sent")


def read_and_confirm(visit, enquiry: Enquiry, officer, revised: date) -> None:
    """The councillor sees the holding reply and the response, and confirms it is answered."""
    page = visit.page
    follow_menu(visit, "Your enquiries")
    with visit.lands():
        page.get_by_role("link", name=enquiry.reference).click()
    letters = page.locator(".app-card")
    expect(letters).to_have_count(2)
    expect(letters.nth(0)).to_contain_text(f"Holding reply from {officer}")
    expect(letters.nth(0)).to_contain_text("The CCTV footage has to be requested")
    expect(letters.nth(0)).to_contain_text(f"Full response by: {long_date(revised)}")
    expect(letters.nth(1)).to_contain_text(f"Full response from {officer}")
    expect(letters.nth(1)).to_contain_text("a fixed penalty notice has been issued")
    timeline = page.locator(".app-timeline__item h3")
    expect(timeline).to_have_text(["Logged", "Sent to officer", "Holding reply",
                                   "Full response"])
    state = page.locator("p.govuk-body .govuk-tag")
    expect(state).to_have_text("Answered")

    with visit.lands():
        page.get_by_role("button", name="Confirm it is answered").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm the enquiry is answered")
    with visit.lands(shot="enquiry-closed"):
        page.get_by_role("button", name="Confirm the enquiry is answered").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Thank you: the enquiry is closed")
    expect(state).to_have_text("Closed")
    expect(timeline.last).to_have_text("Confirmed answered")
    expect(page.get_by_role("button", name="Confirm it is answered")).to_have_count(0)


def test_another_councillor_gets_not_found_for_the_enquiry(visit, council):
    enquiry = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject=SUBJECT, details="Bags of rubbish by the bins.", ward=council.north,
        service=council.waste, on_behalf_of_constituent=True, constituent_name=CONSTITUENT[0]))
    visit.goto("/sign-in/")
    sign_in(visit, "other_councillor")  # ward South, another group: not on the enquiry
    for path in (f"/enquiries/{enquiry.reference}/", f"/enquiries/{enquiry.reference}/logged/"):
        page = visit.goto(path, status=404)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page.locator("body")).not_to_contain_text(SUBJECT)
        expect(page.locator("body")).not_to_contain_text(CONSTITUENT[0])
