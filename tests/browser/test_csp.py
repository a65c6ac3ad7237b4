"""The Content-Security-Policy in a real browser (ASVS 5.0 V3.4.3): it is enforced, the
browser tests notice any violation (tests/browser/conftest.py), and the Django admin, which
the council's administrators use, works under it.

The first tests break the policy on purpose; each takes the problems it expects out of
`visit.problems`, so that only an unexpected one fails it.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from protocol.models import User
from tests.factories import PASSWORD, UserFactory

INLINE_SCRIPT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.inlineScriptRan = true;";
  document.body.append(script);
}"""
STYLE_ATTRIBUTE = """() => {
  const box = document.createElement("p");
  box.setAttribute("style", "color: red");
  box.id = "styled";
  document.body.append(box);
}"""
INLINE_HANDLER = """() => {
  const image = document.createElement("img");
  image.setAttribute("src", "data:image/gif;base64,R0lGODlhAQABAAAAACw=");
  image.setAttribute("onerror", "window.handlerRan = true");
  image.alt = "";
  document.body.append(image);
}"""


def take_csp_problems(visit) -> list[str]:
    """The CSP problems the visit has reported, removed from its problems."""
    visit.finish()
    found = [p for p in visit.problems if p.startswith("CSP violation")]
    # Chromium also logs each refusal to the console; that is the same violation.
    visit.problems[:] = [p for p in visit.problems if p not in found
                         and "Content Security Policy" not in p]
    return found


def test_an_inline_script_is_refused_and_reported(visit):
    page = visit.goto("/sign-in/")
    page.evaluate(INLINE_SCRIPT)

    assert page.evaluate("window.inlineScriptRan === undefined")
    problems = take_csp_problems(visit)
    assert any(p.startswith("CSP violation on /sign-in/: script-src-elem refused inline")
               for p in problems), problems


def test_a_style_attribute_is_refused_and_reported(visit):
    page = visit.goto("/sign-in/")
    page.evaluate(STYLE_ATTRIBUTE)

    colour = page.locator("#styled").evaluate("p => getComputedStyle(p).color")
    assert colour != "rgb(255, 0, 0)"
    problems = take_csp_problems(visit)
    assert any("style-src-attr refused inline" in p for p in problems), problems


def test_a_data_image_and_an_inline_handler_are_refused_and_reported(visit):
    page = visit.goto("/sign-in/")
    page.evaluate(INLINE_HANDLER)

    page.wait_for_timeout(100)  # the refused image's error event
    assert page.evaluate("window.handlerRan === undefined")
    problems = take_csp_problems(visit)
    assert any("img-src refused data" in p for p in problems), problems
    assert any("script-src-attr refused inline" in p for p in problems), problems


def test_a_violation_on_a_page_left_before_it_is_checked_is_still_reported(visit):
    """Reported as it happens, not read from the page later: leaving it loses nothing."""
    page = visit.goto("/sign-in/")
    page.evaluate(STYLE_ATTRIBUTE)
    visit.goto("/password-reset/")

    problems = take_csp_problems(visit)
    assert any(p.startswith("CSP violation on /sign-in/: style-src-attr") for p in problems), \
        problems


def test_the_pages_send_the_policy_and_the_visit_reports_nothing_for_them(visit):
    with visit.page.expect_response(lambda r: r.url.endswith("/sign-in/")) as response:
        visit.goto("/sign-in/")
    policy = response.value.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert take_csp_problems(visit) == []


@pytest.fixture
def administrator(council) -> User:
    return UserFactory(username="administrator", is_staff=True, is_superuser=True)


def test_the_admin_works_under_the_policy(administrator, council, page, live_server,
                                          csp_violations):
    """The admin's own scripts and styles are files, so its pages break nothing. Checked
    without axe: the admin's markup is Django's, not this product's."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The admin links no favicon, so the browser asks for /favicon.ico: not a failure.
    page.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)

    def open_page(path: str) -> None:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path

    open_page("/admin/")
    page.get_by_label("Username").fill("administrator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    for path in ("/admin/protocol/user/", f"/admin/protocol/user/{council.director.pk}/change/",
                 "/admin/protocol/closureday/add/"):
        open_page(path)
    # The admin's most script-heavy parts: an inline formset's "Add another" link, and an
    # autocomplete widget (select2, which asks the server for its options).
    open_page("/admin/protocol/directorate/add/")
    rows = page.locator("tr.dynamic-services")
    page.locator(".add-row a").click()
    expect(rows).to_have_count(1)
    open_page("/admin/protocol/post/add/")
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.evaluate("0")  # a round trip: every violation reported so far has arrived

    assert csp_violations == []
    assert errors == []
