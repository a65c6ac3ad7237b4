"""A subject access request in a real browser: the Monitoring Officer finds a constituent
by email address, confirms the enquiry that is theirs, reads the summary and downloads the
JSON (UK GDPR Art. 15, 20; protocol.machinery.subject_access). Every page is checked with axe (WCAG
2.2 AA) by `visit` (tests/browser/conftest.py)."""
from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from casework.services import NewEnquiry, enquiry_log, enquiry_respond
from tests.browser.test_sign_in import sign_in

NAME, EMAIL = "Ada Lovelace", "ada@example.org"


def _enquiry(council, name: str, email: str, subject: str):
    enquiry = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject=subject, details="Please look into it.", ward=council.north,
        service=council.waste, on_behalf_of_constituent=True, constituent_name=name,
        constituent_contact=email, constituent_address="12 Park Road\nNorthtown\nNT1 2AB"))
    enquiry_respond(enquiry=enquiry, actor=enquiry.assigned_to, body=f"Done: {subject}.")
    return enquiry


def test_the_monitoring_officer_searches_confirms_and_downloads(visit, council):
    hers = _enquiry(council, NAME, EMAIL, "Fly-tipping behind the shops")
    other = _enquiry(council, "Grace Hopper", "grace@example.org", "Broken bench")
    page = visit.page
    visit.goto("/sign-in/")
    sign_in(visit, "monitoring_officer")
    with visit.lands():
        page.get_by_role("link", name="Subject access requests").click()

    page.get_by_label("Email address", exact=True).fill(EMAIL.upper())
    with visit.lands():
        page.get_by_role("button", name="Search enquiries").click()
    expect(page.get_by_text(f"{hers.reference}, received")).to_be_visible()
    expect(page.get_by_text(other.reference)).to_have_count(0)
    with visit.lands():  # nothing confirmed: the error, with the matches still there
        page.get_by_role("button", name="Show the summary").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the enquiries")
    page.get_by_label(f"{hers.reference}, received").check()
    with visit.lands():
        page.get_by_role("button", name="Show the summary").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Summary of the export")
    expect(page.get_by_text("Done: Fly-tipping behind the shops.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    [enquiries] = [s for s in data["sections"] if s["key"] == "enquiries"]
    assert [r["reference"] for r in enquiries["records"]] == [hers.reference]
    assert enquiries["records"][0]["constituent"]["name"] == NAME
    text = json.dumps(data)
    assert "Grace Hopper" not in text and council.councillor.get_full_name() not in text
