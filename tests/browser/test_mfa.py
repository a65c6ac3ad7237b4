"""Two-factor authentication in a real browser, as a person meets it (ASVS 5.0 V6.3.3,
V6.5): open the set-up link emailed after the password, set up an authenticator app from
the enrolment page with a real code, sign out,
sign back in with a new code, and see a code that was used once refused the second time.
The codes are computed here from the key the page shows for typing, as the app would."""
from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_sign_in import sign_in
from tests.protocol.otp import code, from_typed

CODE_LABEL = "Code from your authenticator app"


def enter_code(visit, typed: str) -> None:
    page = visit.page
    page.get_by_label(CODE_LABEL).fill(typed)
    with visit.lands():
        page.get_by_role("button", name="Continue").click()


def sign_out(visit) -> None:
    with visit.lands():
        visit.page.get_by_role("button", name="Sign out").click()
    expect(visit.page).to_have_url(visit.url("/sign-in/"))


def test_set_up_sign_in_again_and_a_used_code_is_refused(visit, council, settings):
    settings.CASEWORK_MFA_REQUIRED = True
    page = visit.goto("/sign-in/?next=/protocol/")
    sign_in(visit, "councillor")

    # After the password: set up the app before any page, once the link emailed to the
    # person's work address shows the account is theirs.
    expect(page).to_have_url(re.compile(r"/mfa/set-up/\?next=%2Fprotocol%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator("#mfa-setup-key")).to_have_count(0)
    [sent] = mail.outbox
    visit.goto(re.search(r"https?://[^/\s]+(/mfa/set-up/link/[^/\s]+/)", sent.body)[1])
    with visit.lands():
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-factor authentication")
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")
           ).to_be_visible()
    key = from_typed(page.locator("#mfa-setup-key").inner_text())
    enter_code(visit, code(key))
    expect(page).to_have_url(visit.url("/protocol/"))

    # Next time: the password, then a new code.
    sign_out(visit)
    sign_in(visit, "councillor")
    expect(page).to_have_url(re.compile(r"/mfa/code/\?next=%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app")
    fresh = code(key, steps_ahead=1)  # the set-up code is spent
    enter_code(visit, fresh)
    expect(page).to_have_url(visit.url("/"))
    expect(page.get_by_text(f"Signed in as {council.councillor.get_full_name()}.")
           ).to_be_visible()

    # The same code again: refused, with the GOV.UK error pattern, and no way in.
    sign_out(visit)
    sign_in(visit, "councillor")
    enter_code(visit, fresh)
    expect(page).to_have_title(re.compile(r"^Error: Enter the code from your authenticator app"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_code")
    expect(page.locator(".govuk-error-message")).to_contain_text(
        "The code is not correct")
    visit.goto("/protocol/", status=200)
    expect(page).to_have_url(re.compile(r"/mfa/code/\?next=%2Fprotocol%2F$"))
