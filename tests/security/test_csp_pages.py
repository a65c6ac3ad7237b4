"""Every page of the seeded council carries the enforced Content-Security-Policy, and no
page or template holds what the policy would refuse: a script body, a <style>, a style
attribute, an on* handler or a javascript: URL (ASVS 5.0 V3.4.3). The browser tests catch
violations on the pages they drive; this covers every page the permission matrix names,
for one role per outcome (the page, a refusal, a redirect), the admin's pages included."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from tests.security import matrix
from tests.security.csp import POLICY, assert_strict_policy, inline_markup
from tests.security.urlconf import admin_kwargs, admin_url_names, kwargs_for
from tests.security.world import World

pytestmark = pytest.mark.django_db
GET_CASES = [case for case in matrix.MATRIX if "GET" in case.expect]


def roles_to_try(case: matrix.Case) -> list[str]:
    """One role for each outcome the matrix gives a GET of this page."""
    chosen: dict[str, str] = {}
    for role, outcome in case.expect["GET"].items():
        chosen.setdefault(outcome, role)
    return sorted(chosen.values())


def problems_of(response: HttpResponse, where: str) -> list[str]:
    """What is wrong with one response: its policy, and any inline markup in it."""
    header = response.get("Content-Security-Policy")
    if header is None:
        return [f"{where}: no Content-Security-Policy"]
    try:
        assert_strict_policy(header)
    except AssertionError as error:
        return [f"{where}: {error}"]
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    body = response.content.decode(response.charset or "utf-8")
    return [f"{where}: {found}" for found in inline_markup(body)]


@pytest.mark.parametrize("case", GET_CASES, ids=[case.id for case in GET_CASES])
def test_every_page_carries_the_policy_and_nothing_inline(case: matrix.Case, world: World,
                                                         as_user):
    url = reverse(case.url, kwargs=case.kwargs(world))
    problems = []
    for role in roles_to_try(case):
        problems += problems_of(as_user(role).get(url), f"{role} GET {url}")
    assert problems == []


def test_the_public_pages_carry_the_policy_and_nothing_inline(world: World, client):
    problems = []
    for name in sorted(matrix.PUBLIC):
        url = reverse(name, kwargs=kwargs_for(name, world))
        problems += problems_of(client.get(url), f"anonymous GET {url}")
    assert problems == []


def test_the_admin_pages_carry_the_policy_and_nothing_inline(world: World, as_user):
    """The admin's own markup too: it keeps its scripts in files (data-* for its values)."""
    client = as_user("admin")
    problems = []
    for name in sorted(admin_url_names()):
        url = reverse(name, kwargs=admin_kwargs(name, world))
        problems += problems_of(client.get(url), f"admin GET {url}")
    assert problems == []


def test_error_pages_carry_the_policy(world: World, as_user):
    client = as_user("councillor")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert problems_of(response, "404") == []


def test_the_templates_hold_nothing_inline():
    """Templates a walk may not reach (the 500 page, emails' HTML) are read as source."""
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += [Path(settings.BASE_DIR) / app / "templates"
              for app in ("protocol", "casework", "complaints", "registers")]
    found = {str(path.relative_to(settings.BASE_DIR)): inline_markup(path.read_text())
             for root in roots if root.is_dir() for path in sorted(root.rglob("*.html"))}
    assert {path: items for path, items in found.items() if items} == {}
    assert found  # the walk found the templates


@pytest.mark.parametrize(("markup", "expected"), [
    ('<script>alert(1)</script>', ["inline <script> body"]),
    ('<script src="/static/js/app.js"></script>', []),
    ('<script type="application/json" id="d">{"a": 1}</script>', []),
    ('<style>p {}</style>', ["<style> element"]),
    ('<p style="color: red">x</p>', ["style attribute on <p>"]),
    ('<a href="#" onclick="go()">x</a>', ["onclick handler on <a>"]),
    ('<a href=" JavaScript:go()">x</a>', ["javascript: URL in href on <a>"]),
    ('<svg><rect class="bar" x="1" y="2" width="3" height="4"/></svg>', []),
], ids=["script", "script-src", "json", "style", "style-attr", "handler", "js-url", "svg"])
def test_the_finder_sees_each_kind_of_inline_markup(markup: str, expected: list[str]):
    assert inline_markup(markup) == expected


def test_a_page_without_the_policy_or_with_inline_markup_is_reported():
    bare = HttpResponse("<p>x</p>")
    assert problems_of(bare, "bare") == ["bare: no Content-Security-Policy"]
    weak = HttpResponse("<p>x</p>", headers={"Content-Security-Policy": "default-src *"})
    assert len(problems_of(weak, "weak")) == 1
    inline = HttpResponse('<p style="x">x</p>', headers={"Content-Security-Policy": "; ".join(
        f"{name} {value}" for name, value in POLICY.items())})
    assert problems_of(inline, "inline") == ["inline: style attribute on <p>"]
