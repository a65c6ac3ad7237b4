"""`make loadtest`'s figures and verdict, as pure functions over what the simulated users
recorded and what the database holds (no Django, no server: tests call them directly).

The target (the issue's): no 5xx and no failed request, no lost write, and a 95th
percentile under 500 ms over every request. A lost write is anything a page told a user was
saved that the database does not show: an enquiry whose confirmation page gave its
reference but that is missing, raised by someone else, without its "logged" and "sent to
officer" events or without the councillor's acknowledgement sent (003 §31.15 runs its
clock from that acknowledgement); or a holding reply or response that the enquiry page
confirmed but that is not in the enquiry's history by that officer with that text."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TARGET_P95_MS = 500.0
ACTION_EVENTS = {"hold": "holding_reply", "respond": "response"}
LOGGED_EVENTS = ("logged", "assigned")


@dataclass(frozen=True)
class PageStats:
    name: str
    count: int
    failures: int
    server_errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    per_second: float


@dataclass(frozen=True)
class Found:
    """One enquiry as the database has it after the run."""

    raised_by: str
    subject: str
    events: tuple[tuple[str, str, str], ...]  # (kind, actor's username, correspondence text)
    acknowledged: bool  # the councillor's "enquiry received" email was sent


def percentile(ordered: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an ascending sequence (0 for none)."""
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _stats(name: str, rows: list[Sequence], seconds: float) -> PageStats:
    times = sorted(float(r[1]) for r in rows)
    return PageStats(
        name=name, count=len(rows), failures=sum(1 for r in rows if r[3]),
        server_errors=sum(1 for r in rows if int(r[2]) >= 500),
        p50_ms=percentile(times, 50), p95_ms=percentile(times, 95),
        p99_ms=percentile(times, 99), per_second=len(rows) / seconds if seconds else 0.0)


def summarise(requests: Iterable[Sequence], seconds: float
              ) -> tuple[PageStats, list[PageStats]]:
    """Overall and per-page figures from rows of (name, ms, status, failed, ...)."""
    rows = list(requests)
    pages: dict[str, list[Sequence]] = defaultdict(list)
    for row in rows:
        pages[row[0]].append(row)
    per_page = sorted((_stats(name, group, seconds) for name, group in pages.items()),
                      key=lambda s: -s.p95_ms)
    return _stats("All requests", rows, seconds), per_page


def started_after(requests: Iterable[Sequence], seconds: float) -> list[Sequence]:
    """The requests that started `seconds` or more after the first one (rows whose fifth
    value is the start time, in seconds)."""
    rows = list(requests)
    if not rows:
        return []
    first = min(float(r[4]) for r in rows)
    return [r for r in rows if float(r[4]) - first >= seconds]


def _logged_problems(claim: dict, found: Found | None) -> list[str]:
    ref, who = claim["reference"], claim["username"]
    if found is None:
        return [f"{ref}: shown to {who} as logged, but not in the database"]
    problems = []
    if found.raised_by != who:
        problems.append(f"{ref}: logged by {who}, but the database says {found.raised_by}")
    if found.subject != claim["subject"].strip():
        problems.append(f"{ref}: its subject is not the one {who} entered")
    kinds = {kind for kind, _, _ in found.events}
    problems += [f"{ref}: no '{kind}' event in its history"
                 for kind in LOGGED_EVENTS if kind not in kinds]
    if not found.acknowledged:
        problems.append(f"{ref}: the acknowledgement to {who} was never sent")
    return problems


def _response_problems(claim: dict, found: Found | None) -> list[str]:
    ref, who, kind = claim["reference"], claim["username"], ACTION_EVENTS[claim["kind"]]
    if found is None:
        return [f"{ref}: {who} was told their {claim['kind']} was saved, but the enquiry "
                "is not in the database"]
    if any(k == kind and actor == who and claim["token"] in text
           for k, actor, text in found.events):
        return []
    return [f"{ref}: {who} was told their {claim['kind']} was saved, but it is not in the "
            "enquiry's history"]


def lost_writes(claims: dict, found: dict[str, Found]) -> list[str]:
    """Everything the pages confirmed to a simulated user that the database does not show."""
    problems = []
    for claim in claims.get("logged", []):
        problems += _logged_problems(claim, found.get(claim["reference"]))
    for claim in claims.get("responses", []):
        problems += _response_problems(claim, found.get(claim["reference"]))
    return problems


def verdict(overall: PageStats, problems: Sequence[str], broken_chains: int = 0,
            target_ms: float = TARGET_P95_MS) -> list[str]:
    """Why the run misses the target; empty when it passes."""
    reasons = []
    if overall.count == 0:
        reasons.append("no requests were made")
    if overall.server_errors:
        reasons.append(f"{overall.server_errors} responses were 5xx")
    if overall.failures > overall.server_errors:
        reasons.append(f"{overall.failures - overall.server_errors} other requests failed")
    if problems:
        reasons.append(f"{len(problems)} lost or incomplete writes")
    if broken_chains:
        reasons.append(f"{broken_chains} enquiry histories fail their hash-chain check")
    if overall.p95_ms >= target_ms:
        reasons.append(f"p95 {overall.p95_ms:.0f} ms is not under {target_ms:.0f} ms")
    return reasons


def table(overall: PageStats, pages: list[PageStats]) -> str:
    """The figures as a fixed-width table, slowest page (by p95) first."""
    width = max(len(s.name) for s in [overall, *pages])
    head = (f"{'page':<{width}}  {'requests':>8}  {'req/s':>6}  {'p50 ms':>7}  "
            f"{'p95 ms':>7}  {'p99 ms':>7}  {'failed':>6}  {'5xx':>4}")
    lines = [head, "-" * len(head)]
    for s in [*pages, overall]:
        if s is overall:
            lines.append("-" * len(head))
        lines.append(f"{s.name:<{width}}  {s.count:>8}  {s.per_second:>6.1f}  "
                     f"{s.p50_ms:>7.0f}  {s.p95_ms:>7.0f}  {s.p99_ms:>7.0f}  "
                     f"{s.failures:>6}  {s.server_errors:>4}")
    return "\n".join(lines)
