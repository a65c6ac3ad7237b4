"""The Monitoring Officer puts a closed enquiry on legal hold in a real browser, the
retention run leaves it alone, and once released and anonymised its page says so. Every
page is checked with axe (WCAG 2.2 AA) by `visit` (tests/browser/conftest.py)."""
from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from casework.models import Enquiry
from casework.services import (
    NewEnquiry,
    enquiry_accept,
    enquiry_confirm,
    enquiry_legal_hold,
    enquiry_log,
    enquiry_respond,
)
from protocol.machinery.retention.periods import years_before
from protocol.machinery.retention.service import retention_run
from tests.browser.test_sign_in import sign_in


def closed_enquiry(council) -> Enquiry:
    enquiry = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Damp at Flat 4, Alder Court", details="Mould in every room.",
        ward=council.north, service=council.waste, on_behalf_of_constituent=True,
        constituent_name="Ruth Ashdown"))
    enquiry_accept(enquiry=enquiry, actor=enquiry.assigned_to)
    enquiry_respond(enquiry=enquiry, actor=enquiry.assigned_to, body="Treated on Tuesday.")
    return enquiry_confirm(enquiry=enquiry, actor=council.councillor)


def test_the_monitoring_officer_holds_and_releases_an_enquiry(visit, council):
    enquiry = closed_enquiry(council)
    two_years_on = years_before(timezone.localdate(), -2) + timedelta(days=1)
    visit.goto("/sign-in/")
    sign_in(visit, "monitoring_officer")
    page = visit.goto(f"/enquiries/{enquiry.reference}/")
    with visit.lands():
        page.get_by_role("link", name="Put on legal hold").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Put on legal hold")
    with visit.lands(status=400):
        page.get_by_role("button", name="Put on legal hold").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    page.get_by_label("Why the case must be kept").fill("A claim has been notified.")
    with visit.lands():
        page.get_by_role("button", name="Put on legal hold").click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("Legal hold")
    expect(page.locator(".app-timeline__item").last).to_contain_text("Legal hold set")

    assert retention_run(today=two_years_on).held["enquiry"] == 1
    page = visit.goto(f"/enquiries/{enquiry.reference}/")
    expect(page.locator("h1")).to_have_text("Damp at Flat 4, Alder Court")

    enquiry_legal_hold(enquiry=enquiry, actor=council.monitoring_officer, hold=False,
                       reason="Claim withdrawn.")
    assert retention_run(today=two_years_on).anonymised["enquiry"] == 1
    page = visit.goto(f"/enquiries/{enquiry.reference}/")
    expect(page.locator("h1")).to_have_text("[anonymised]")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Anonymised on")
    expect(page.get_by_role("link", name="Put on legal hold")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Ruth Ashdown")
