"""Signing in and out, password reset, and each role's home page, in a real browser.

Every page visited is checked with axe (WCAG 2.2 AA) by `visit`
(tests/browser/conftest.py). The pages must render whether or not a protocol profile is
active, so nothing here depends on one.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from protocol.models import ComplaintKind, EscalationStage, HandlerRole, ProtocolProfile
from tests.factories import PASSWORD

# The posts each named person in the `council` fixture holds, as the home page lists them.
POSTS = {
    "councillor": ["Councillor (ward member), North"],
    "officer": ["Officer, Waste and Recycling"],
    "head_of_service": ["Head of Service, Waste and Recycling"],
    "director": ["Director, Place"],
    "chief_executive": ["Chief Executive / Head of Paid Service"],
    "monitoring_officer": ["Director, Governance", "Monitoring Officer"],
    "leader": ["Councillor (ward member), South", "Leader of the Council"],
    "group_leader": ["Committee member, Standards Committee", "Councillor (ward member), North",
                     "Political group leader, Blue Group"],
    "hr": ["Human Resources"],
}


def sign_in(visit, username: str, password: str = PASSWORD) -> None:
    page = visit.page
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with visit.lands():
        page.get_by_role("button", name="Sign in").click()


def test_the_sign_in_page(visit):
    page = visit.goto("/sign-in/")
    expect(page).to_have_title(re.compile(r"^Sign in \u2013 "))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_role("link", name="I have forgotten my password")).to_be_visible()


def test_a_wrong_password_shows_the_error_summary_and_the_field_error(visit, council):
    page = visit.goto("/sign-in/")
    sign_in(visit, "councillor", "not-the-password")

    expect(page).to_have_title(re.compile(r"^Error: Sign in \u2013 "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_username")
    field_error = page.locator(".govuk-form-group--error").filter(
        has=page.get_by_label("Username")).locator(".govuk-error-message")
    expect(field_error).to_contain_text("Error: Please enter a correct username and password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_too_many_failures_lock_the_account_out(visit, council, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):  # quicker than through the browser
        client.post("/sign-in/", {"username": "councillor", "password": "wrong"})
    page = visit.goto("/sign-in/")
    page.get_by_label("Username").fill("councillor")
    page.get_by_label("Password").fill(PASSWORD)
    with visit.lands(status=429):
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts to sign in")


@pytest.mark.parametrize("username", list(POSTS))
def test_each_role_signs_in_to_their_home_page(visit, council, username):
    person = getattr(council, username)
    page = visit.goto("/")  # not signed in: sent to sign in, then back
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    sign_in(visit, username)

    expect(page).to_have_url(visit.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(person.get_full_name())
    posts = page.get_by_role("heading", name="Your posts").locator(
        "xpath=following-sibling::ul[1]/li")
    expect(posts).to_have_text(POSTS[username])
    expect(page.get_by_text(f"Signed in as {person.get_full_name()}.")).to_be_visible()

    with visit.lands():
        page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(visit.url("/sign-in/"))
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def make_profile_active(active: bool) -> None:
    """Whatever profiles migrations installed, none active; or ours, with a ladder."""
    ProtocolProfile.objects.update(is_active=False)
    if active:
        profile = ProtocolProfile.objects.create(
            slug="browser-test", name="Browser Test Protocol", council_name="Testshire Council",
            source="Member-Officer Protocol, 2026", is_active=True, response_days=10,
            response_basis="Paragraph 4.2", complaints_basis="Part 5 of the constitution")
        EscalationStage.objects.create(
            profile=profile, kind=ComplaintKind.OFFICER_CONDUCT, position=1,
            title="Informal resolution", handler=HandlerRole.SERVICE_DIRECTOR,
            time_limit_days=10, basis="Paragraph 9.1")


@pytest.mark.parametrize("active", [False, True], ids=["no-profile", "active-profile"])
def test_the_protocol_page(visit, council, active):
    make_profile_active(active)
    page = visit.goto("/sign-in/?next=/protocol/")
    sign_in(visit, "officer")

    expect(page).to_have_url(visit.url("/protocol/"))
    heading = page.get_by_role("heading", level=1)
    if active:
        expect(heading).to_have_text("Browser Test Protocol")
        expect(page.get_by_text("Informal resolution: The Director of")).to_be_visible()
        expect(page).to_have_title(re.compile(r"Testshire Council$"))
    else:
        expect(heading).to_have_text("No protocol profile is active")


def test_password_reset_sends_a_link_that_sets_a_new_password(visit, council, mailoutbox):
    page = visit.goto("/sign-in/")
    with visit.lands():
        page.get_by_role("link", name="I have forgotten my password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")

    page.get_by_label("Email").fill(council.officer.email)
    with visit.lands():
        page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    assert [m.to for m in mailoutbox] == [[council.officer.email]]
    link = re.search(r"https?://\S+/password-reset/\S+/", mailoutbox[0].body)
    assert link, mailoutbox[0].body
    # The link redirects to a tokenless address, which shows the form.
    with visit.lands():
        page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    new_password = "a-new-and-longer-password-2026"
    page.get_by_label("New password", exact=True).fill(new_password)
    page.get_by_label("New password confirmation").fill(new_password)
    with visit.lands():
        page.get_by_role("button", name="Save password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password changed")

    with visit.lands():
        page.get_by_role("link", name="Sign in", exact=True).click()
    sign_in(visit, "officer", new_password)
    expect(page).to_have_url(visit.url("/"))
