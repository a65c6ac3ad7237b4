"""`make loadtest` (bench/loadtest*.py), checked without a server: the target exists, the
scripts import, the pages are read as a browser would, and the verdict flags every write a
simulated user was told of that the database does not show."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bench import loadtest, loadtest_html
from bench.loadtest_report import (
    Found,
    PageStats,
    lost_writes,
    percentile,
    started_after,
    summarise,
    verdict,
)

ROOT = Path(__file__).resolve().parents[2]
LOGGED = {"reference": "ENQ-2026-00042", "username": "councillor",
          "subject": "Load test abc: fly-tipping"}
RESPONDED = {"reference": "ENQ-2026-00042", "username": "head", "kind": "respond",
             "token": "tok123"}


def _found(**changes) -> Found:
    values = {"raised_by": "councillor", "subject": "Load test abc: fly-tipping",
              "events": (("logged", "councillor", "\n"), ("assigned", "", "\n"),
                         ("response", "head", "Load test tok123: booked\n")),
              "acknowledged": True}
    return Found(**{**values, **changes})


def test_make_loadtest_runs_the_script() -> None:
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert phony and "loadtest" in phony.group(1).split()
    recipe = re.search(r"^loadtest:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "-m bench.loadtest" in recipe.group(1)


def test_the_locustfile_parses_and_names_its_users() -> None:
    # Importing it would let locust monkey-patch this process (gevent): parse it instead.
    tree = ast.parse((ROOT / "bench" / "loadtest_users.py").read_text())
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    assert {"Councillor", "Officer", "MonitoringOfficer"} <= classes


def test_users_and_seconds_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("LOAD_USERS", "7")
    monkeypatch.setenv("LOAD_SECONDS", "15")
    args = loadtest.arguments([])
    assert (args.users, args.seconds, args.spawn_rate) == (7, 15, 1.0)


@pytest.mark.parametrize("url", ["postgres://postgres@127.0.0.1:5432/casework",
                                 "postgres://postgres@127.0.0.1:5432/casework_bench",
                                 "sqlite:///var/load.sqlite3"])
def test_refuses_any_database_but_a_postgresql_load_one(url) -> None:
    with pytest.raises(SystemExit):
        loadtest.load_database(url)


def test_accepts_the_default_load_database() -> None:
    assert loadtest.load_database(loadtest.DEFAULT_DATABASE_URL)["NAME"] == "casework_load"


def test_a_complete_run_has_no_lost_writes() -> None:
    claims = {"logged": [LOGGED], "responses": [RESPONDED]}
    assert lost_writes(claims, {"ENQ-2026-00042": _found()}) == []


def test_a_reference_shown_but_missing_is_a_lost_write() -> None:
    claims = {"logged": [LOGGED, {**LOGGED, "reference": "ENQ-2026-00043"}], "responses": []}
    problems = lost_writes(claims, {"ENQ-2026-00042": _found()})
    assert problems == ["ENQ-2026-00043: shown to councillor as logged, but not in the database"]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"raised_by": "someone"}, "the database says someone"),
    ({"subject": "other"}, "its subject is not the one"),
    ({"events": (("logged", "councillor", ""),)}, "no 'assigned' event"),
    ({"acknowledged": False}, "acknowledgement to councillor was never sent"),
])
def test_an_incomplete_enquiry_is_flagged(changes, expected) -> None:
    problems = lost_writes({"logged": [LOGGED]}, {"ENQ-2026-00042": _found(**changes)})
    assert len(problems) == 1 and expected in problems[0]


def test_a_confirmed_response_missing_from_the_history_is_flagged() -> None:
    other = _found(events=(("logged", "councillor", ""), ("assigned", "", ""),
                           ("response", "head", "some other text")))
    problems = lost_writes({"responses": [RESPONDED]}, {"ENQ-2026-00042": other})
    assert problems == ["ENQ-2026-00042: head was told their respond was saved, but it is "
                        "not in the enquiry's history"]
    held = {**RESPONDED, "kind": "hold"}  # a holding reply must be a holding reply
    assert lost_writes({"responses": [held]}, {"ENQ-2026-00042": _found()})


def _stats(**changes) -> PageStats:
    values = {"name": "All requests", "count": 100, "failures": 0, "server_errors": 0,
              "p50_ms": 40.0, "p95_ms": 300.0, "p99_ms": 700.0, "per_second": 10.0}
    return PageStats(**{**values, **changes})


def test_verdict_passes_only_on_target() -> None:
    assert verdict(_stats(), []) == []
    assert verdict(_stats(server_errors=1, failures=1), []) == ["1 responses were 5xx"]
    assert verdict(_stats(failures=2), []) == ["2 other requests failed"]
    assert verdict(_stats(p95_ms=500.0), []) == ["p95 500 ms is not under 500 ms"]
    assert verdict(_stats(), ["lost"]) == ["1 lost or incomplete writes"]
    assert verdict(_stats(), [], broken_chains=2) == [
        "2 enquiry histories fail their hash-chain check"]


def test_summary_counts_5xx_and_nearest_rank_percentiles() -> None:
    rows = [["GET /a", float(ms), 200, False, 0.0] for ms in range(1, 101)]
    rows.append(["POST /b", 900.0, 502, True, 20.0])
    overall, pages = summarise(rows, seconds=10)
    assert (overall.count, overall.failures, overall.server_errors) == (101, 1, 1)
    assert pages[0].name == "POST /b"  # slowest first
    assert (pages[1].p50_ms, pages[1].p95_ms, pages[1].p99_ms) == (50.0, 95.0, 99.0)
    assert percentile([], 95) == 0.0
    assert started_after(rows, 15) == [rows[-1]]


SIGN_IN = """<form method="get" action="/search"><input name="q"></form>
<form method="post" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="hidden" name="version" value="3">
  <select name="ward"><option value="1">Abbey</option><option value="2" selected>Castle</option>
  </select>
  <input type="radio" name="visibility" value="private" checked>
  <input type="radio" name="visibility" value="ward">
  <input type="checkbox" name="confidential">
  <textarea name="details">Already &amp; here</textarea>
  <button type="submit">Send</button>
</form>"""


def test_a_form_is_read_as_a_browser_would_send_it() -> None:
    form = loadtest_html.post_form(SIGN_IN, "version")
    assert form is not None
    assert form.values == {"csrfmiddlewaretoken": "tok", "version": "3", "ward": "2",
                           "visibility": "private", "details": "Already & here"}
    assert form.options == {"ward": ["1", "2"]}
    assert loadtest_html.post_form(SIGN_IN, "q") is None  # a GET form is not posted


def test_references_are_read_from_lists_and_the_confirmation() -> None:
    page = ('<a class="govuk-link" href="/enquiries/ENQ-2026-00007/">ENQ-2026-00007</a>'
            '<a href="/enquiries/queue/">x</a><a href="/enquiries/ENQ-2026-00007/">again</a>')
    assert loadtest_html.enquiry_references(page) == ["ENQ-2026-00007"]
    # The confirmation page's own template, so that a change to it breaks this test
    # rather than the load test.
    template = (ROOT / "templates" / "casework" / "logged.html").read_text()
    logged = template.replace("{{ enquiry.reference }}", "ENQ-2026-00123")
    assert loadtest_html.confirmed_reference(logged) == "ENQ-2026-00123"
    assert loadtest_html.confirmed_reference("<p>Error</p>") is None
