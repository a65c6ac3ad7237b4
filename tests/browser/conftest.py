"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's
live server.

Every distinct page a test loads or lands on is checked with axe-core (WCAG 2.2 AA: no
violations): once a run for each page, told apart by its path with the identifiers in it
left out (/enquiries/*/), its status and whether it shows an error summary. The journeys'
key pages (`shot=`) and the page a test fails on are screenshotted, full page, to
artifacts/screenshots/<test>-<n>-<page>.png, which CI keeps (git ignores it). Console
errors, uncaught exceptions, failed same-origin requests (a missing CSS or JavaScript file,
say) and Content-Security-Policy violations in any document (an inline script or style the
policy refused: ASVS 5.0 V3.4.3) fail the test too. Drive pages
through the `visit` fixture:

    visit.goto("/sign-in/")                 # load a page, then check it
    with visit.lands(shot="home"):          # act, wait for the next page, check it and
        visit.page.get_by_role("button", name="Sign in").click()  # screenshot it

A page that loads and is navigated away from before it is checked fails the test; the
page a test ends on is checked when it ends.

A page expected to answer with an error says so: visit.goto(path, status=404), or
visit.lands(status=429); any other error status fails the test.

Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) missing: in CI (tests.ci.in_ci) the tests
fail; elsewhere they skip with the reason.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

from tests.ci import in_ci

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_SCRIPT = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
AXE_RUN = "options => window.axe ? axe.run(document, options) : null"
# Every document reports each Content-Security-Policy violation to the test as it happens,
# through a binding (so one in a page that is left before it is checked is not lost). Init
# scripts and page.evaluate() are not subject to the policy; nothing here relaxes it
# (bypass_csp stays off), so a violation is the page's own.
CSP_BINDING = "__caseworkCspViolation"
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", event => {
  const report = window.BINDING;
  if (typeof report !== "function") return;
  report({
    document: event.documentURI, directive: event.effectiveDirective,
    blocked: event.blockedURI, source: event.sourceFile, line: event.lineNumber,
    sample: event.sample, disposition: event.disposition,
  });
}, true);
""".replace("BINDING", CSP_BINDING)
# What axe has checked this run (each pytest-xdist worker is a run of its own): page keys.
AXE_CHECKED: set[tuple[str, int, bool]] = set()
IDENTIFIER = re.compile(r"[^/]*\d[^/]*")
HAS_ERROR_SUMMARY = "() => document.querySelector('.govuk-error-summary') !== null"

VISIT = pytest.StashKey["Visit"]()


@functools.cache
def axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (in CI browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser `browser`, before `-m` selects on it."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After the test body: check the page it ended on, then fail the test (not its
    teardown) on every accessibility violation, console error and failed request."""
    visit = item.stash.get(VISIT, None)
    try:
        result = yield
    except BaseException as error:
        if visit is not None and not isinstance(error, pytest.skip.Exception):
            visit.screenshot("failed")
            visit.report_csp_violations()
            if visit.problems:
                item.add_report_section("call", "browser", "\n".join(visit.problems))
        raise
    if visit is not None:
        problems = visit.finish()
        if problems:
            visit.screenshot("failed")
            pytest.fail(f"{len(problems)} problem(s) in the pages this test visited:\n"
                        + "\n".join(f"  - {p}" for p in problems), pytrace=False)
    return result


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    """One headless chromium for the browser tests. Playwright's sync API runs an event
    loop in this thread, so Django's ORM must be told that this is safe while it runs."""
    if not shutil.which(CHROMIUM):
        _unavailable(f"chromium not installed at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright not installed: pip install -e '.[dev]'")
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def csp_violations() -> list[dict]:
    """The Content-Security-Policy violations reported by the page's documents so far."""
    return []


@pytest.fixture
def page(browser, csp_violations: list[dict]) -> Iterator[object]:
    """A page in a fresh context: no cookies or storage from another test; every document
    it opens reports policy violations. axe-core is added only to a page it checks."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB",
                                  bypass_csp=False)
    context.set_default_timeout(10_000)
    context.expose_binding(CSP_BINDING, lambda source, violation: csp_violations.append(
        violation))
    context.add_init_script(script=CSP_LISTENER)
    yield context.new_page()
    context.close()


@pytest.fixture
def visit(page, live_server, request: pytest.FixtureRequest,
          csp_violations: list[dict]) -> Visit:
    """The page, with every page it visits checked (see the module docstring)."""
    helper = Visit(page, live_server.url, request.node.name, csp_violations)
    request.node.stash[VISIT] = helper
    return helper


class Visit:
    """Drives a Playwright page and checks each page it loads: axe, screenshot, errors."""

    def __init__(self, page, base_url: str, test_name: str,
                 csp_violations: list[dict] | None = None) -> None:
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        self._csp_violations = [] if csp_violations is None else csp_violations
        self.shots: list[Path] = []
        self._name = re.sub(r"[^\w.]+", "-", test_name).strip("-")
        self._unchecked: list[str] = []
        self._document_status: int | None = None
        self._expected_status = 200
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        stale = re.compile(rf"{re.escape(self._name)}-\d+-.*\.png")
        for old in SCREENSHOTS.glob(f"{self._name}-*.png"):
            if stale.fullmatch(old.name):
                old.unlink()
        page.on("load", self._on_load)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(
            f"JavaScript error on {self._path(page.url)}: {error}"))
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_request_failed)

    # Driving

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str, *, status: int = 200, shot: str | None = None):
        """Load a page, assert its status, and check it (and screenshot it as `shot`)."""
        with self._expecting(status):
            response = self.page.goto(self.url(path))
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: HTTP {response.status}, not {status}"
        self.check(shot=shot, status=status)
        return self.page

    @contextmanager
    def lands(self, *, status: int = 200, shot: str | None = None) -> Iterator[None]:
        """Around an action that navigates: wait for the next page, then check it (and
        screenshot it as `shot`)."""
        self._document_status = None
        with self._expecting(status), self.page.expect_event("load"):
            yield
        assert self._document_status == status, (
            f"{self._path(self.page.url)}: HTTP {self._document_status}, not {status}")
        self.check(shot=shot, status=status)

    @contextmanager
    def _expecting(self, status: int) -> Iterator[None]:
        self._expected_status = status
        try:
            yield
        finally:
            self._expected_status = 200

    # Checking

    def check(self, *, shot: str | None = None, status: int = 200) -> None:
        """Run axe on the current page unless a page like it was checked this run, and
        screenshot it if it is a key page (`shot`)."""
        page = self.page
        page.wait_for_load_state("load")
        where = self._path(page.url)
        key = (IDENTIFIER.sub("*", where), status, page.evaluate(HAS_ERROR_SUMMARY))
        if key not in AXE_CHECKED:
            AXE_CHECKED.add(key)
            self.axe(where)
        if shot:
            self.screenshot(shot)
        self._unchecked.clear()
        self.report_csp_violations()

    def axe(self, where: str) -> None:
        """Run axe-core on the current page; every violation is a problem."""
        page = self.page
        results = page.evaluate(AXE_RUN, AXE_OPTIONS)
        if results is None:  # not in this document yet
            # Evaluated, not added as a <script> element: the policy would refuse that.
            page.evaluate(axe_source())
            results = page.evaluate(AXE_RUN, AXE_OPTIONS)
        for violation in results["violations"]:
            for node in violation["nodes"]:
                target = " ".join(str(part) for part in node["target"])
                self.problems.append(
                    f"axe {violation['id']} ({violation['impact']}) on {where}: "
                    f"{violation['help']}: {target}")

    def report_csp_violations(self) -> None:
        """Move the violations reported so far into the problems."""
        while self._csp_violations:
            v = self._csp_violations.pop(0)
            where = f" at {self._path(v['source'])}:{v['line']}" if v.get("source") else ""
            sample = f" ({v['sample']!r})" if v.get("sample") else ""
            self.problems.append(
                f"CSP violation on {self._path(v['document'])}: {v['directive']} refused "
                f"{v['blocked'] or 'inline'}{where}{sample}")

    def screenshot(self, slug: str) -> Path | None:
        path = SCREENSHOTS / f"{self._name}-{len(self.shots) + 1}-{slug}.png"
        try:
            self.page.screenshot(path=str(path), full_page=True, animations="disabled")
        except Exception as error:  # the page or browser may be gone after a failure
            self.problems.append(f"could not screenshot {path.name}: {error}")
            return None
        self.shots.append(path)
        return path

    def finish(self) -> list[str]:
        """Check the page the test ended on, if it was not checked; report the problems."""
        if self._unchecked:
            *skipped, _last = self._unchecked
            self.problems.extend(
                f"{url} loaded but was not checked: use visit.goto() or visit.lands()"
                for url in skipped)
            self.check()
        try:  # a round trip, so that every violation reported so far has arrived
            self.page.evaluate("0")
        except Exception as error:
            self.problems.append(f"could not ask the page for policy violations: {error}")
        self.report_csp_violations()
        return self.problems

    # Listening

    def _same_origin(self, url: str) -> bool:
        return url.startswith(self.base_url + "/")

    def _path(self, url: str) -> str:
        return urlsplit(url).path if self._same_origin(url) else url

    def _on_load(self, page) -> None:
        self._unchecked.append(self._path(page.url))

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "")
        # A failed same-origin load is reported, with its address, by _on_response.
        if message.text.startswith("Failed to load resource") and self._same_origin(source):
            return
        self.problems.append(f"console error on {self._path(self.page.url)}: {message.text}")

    def _on_response(self, response) -> None:
        if not self._same_origin(response.url):
            return
        request = response.request
        if request.resource_type == "document" and request.frame == self.page.main_frame:
            self._document_status = response.status
            if response.status >= 400 and response.status != self._expected_status:
                self.problems.append(f"HTTP {response.status} for {self._path(response.url)}")
        elif response.status >= 400:
            self.problems.append(
                f"HTTP {response.status} for {request.resource_type} "
                f"{self._path(response.url)} on {self._path(self.page.url)}")

    def _on_request_failed(self, request) -> None:
        failure = request.failure or ""
        if self._same_origin(request.url) and "ERR_ABORTED" not in failure:
            self.problems.append(f"request failed: {self._path(request.url)}: {failure}")
