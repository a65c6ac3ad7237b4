"""The casework pages, timed in-process with Django's test client: server time (middleware,
view, queries, template), no network. Each page is warmed up, then timed `runs` times;
one more run counts its SQL queries, and each query on the enquiries or complaints is EXPLAINed."""
from __future__ import annotations

import gc
import math
import statistics
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.plans import Plan, explain, touches
from casework.models import Enquiry
from complaints.models import Complaint
from protocol.models import User

TARGET_MS = 50.0
CASEWORK_TABLES = ("casework_enquiry", "casework_enquiryevent", "casework_correspondence",
                   "complaints_complaint", "complaints_complaintevent", "complaints_handling")
PAGE_SIZE = 25


@dataclass(frozen=True)
class Page:
    name: str
    username: str
    path: str
    csv: bool = False


@dataclass
class Timing:
    page: Page
    path: str
    status: int
    samples: list[float]
    queries: list[str]
    rows: int
    plans: list[Plan] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def p95_ms(self) -> float:  # nearest rank
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000


QUEUE, CSV = "/enquiries/queue/", "/enquiries/queue.csv"
CASES, CASES_CSV = "/cases/", "/cases.csv"
PAGES = [
    Page("Officer queue: officer, mine, open", "officer", QUEUE),
    Page("Officer queue: director, mine, open", "director", QUEUE),
    Page("Officer queue: director, directorate, open", "director", QUEUE + "?scope=directorate"),
    Page("Officer queue: head of service, service, open", "head_of_service",
         QUEUE + "?scope=service"),
    Page("Officer queue: head of service, service, any state", "head_of_service",
         QUEUE + "?scope=service&state="),
    Page("Councillor's list, newest first", "councillor", "/enquiries/"),
    Page("Councillor's list, open, by due date", "councillor", "/enquiries/?state=open&order=due"),
    Page("Councillor's list, last page", "councillor", "/enquiries/?page={last_page}"),
    Page("Enquiry page (the councillor's)", "councillor", "/enquiries/{reference}/"),
    Page("Search on the queue: officer, q=pothole", "officer", QUEUE + "?q=pothole&state="),
    Page("Search on the queue: head of service", "head_of_service",
         QUEUE + "?scope=service&q=pothole&state="),
    Page("Search on the queue: director, directorate", "director",
         QUEUE + "?scope=directorate&q=pothole&state="),
    Page("CSV export: officer's queue, any state", "officer", CSV + "?state=", csv=True),
    # Complaints, grievances and concerns (the complaints app).
    Page("Monitoring Officer's dashboard", "monitoring_officer", "/dashboard/"),
    Page("Complaints list: Monitoring Officer, open", "monitoring_officer", CASES),
    Page("Complaints list: Monitoring Officer, any state", "monitoring_officer",
         CASES + "?state="),
    Page("Complaints list: MO, one kind's stage 1, overdue", "monitoring_officer",
         CASES + "?state=open&kind=officer_conduct&stage=1&overdue=1"),
    Page("Complaints list: MO, received in a month", "monitoring_officer",
         CASES + "?state=&received_month={month}"),
    Page("Complaints list: MO, finished in a month", "monitoring_officer",
         CASES + "?state=finished&closed_month={month}"),
    Page("Complaints list: MO, last page of any state", "monitoring_officer",
         CASES + "?state=&page={last_cases_page}"),
    Page("Complaints list: a handler's (director), any state", "director", CASES + "?state="),
    Page("Complaints list: the councillor's own, any state", "councillor", CASES + "?state="),
    Page("Complaint page (Monitoring Officer)", "monitoring_officer", "/cases/{complaint}/"),
]

# The CSV export at growing sizes: memory should not grow with the rows.
EXPORTS = [
    Page("officer, mine, any state", "officer", CSV + "?state=", csv=True),
    Page("head of service, service, any state", "head_of_service",
         CSV + "?scope=service&state=", csv=True),
    Page("director, directorate, any state", "director", CSV + "?scope=directorate&state=",
         csv=True),
    Page("complaints: Monitoring Officer, any state", "monitoring_officer",
         CASES_CSV + "?state=", csv=True),
]

_clients: dict[str, Client] = {}


def client_for(username: str) -> Client:
    if username not in _clients:
        client = Client()
        client.force_login(User.objects.get(username=username))
        _clients[username] = client
    return _clients[username]


def fetch(client: Client, path: str) -> tuple[int, bytes]:
    """One request, its body read to the end (a streamed body chunk by chunk)."""
    response = client.get(path)
    if response.streaming:
        size, rows = 0, 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
        body = b"\n" * rows  # only the row count is kept, never the body
    else:
        body = response.content
    response.close()
    return response.status_code, body


def rows_shown(body: bytes, page: Page) -> int:
    if page.csv:
        return max(body.count(b"\n") - 1, 0)
    if b"app-timeline__item" in body:
        return body.count(b'<li class="app-timeline__item')
    if b"No enquiries match." in body or b"No cases match." in body:
        return 0
    return max(body.count(b'<tr class="govuk-table__row">') - 1, 0)


def placeholders() -> dict[str, str]:
    councillor = User.objects.get(username="councillor")
    enquiry = (Enquiry.objects.filter(raised_by=councillor, state="closed",
                                      correspondence__isnull=False)
               .order_by("-received_at").first()
               or Enquiry.objects.filter(raised_by=councillor).order_by("-received_at").first())
    total = Enquiry.objects.filter(raised_by=councillor).count()
    complaint = (Complaint.objects.filter(state="closed", stage_position=2)
                 .order_by("-received_at").first() or Complaint.objects.first())
    cases = Complaint.objects.count()
    last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
    return {"reference": enquiry.reference if enquiry else "none",
            "last_page": str(max(1, math.ceil(total / PAGE_SIZE))),
            "complaint": complaint.reference if complaint else "none",
            "last_cases_page": str(max(1, math.ceil(cases / PAGE_SIZE))),
            "month": f"{last_month:%Y-%m}"}


def time_page(page: Page, values: dict[str, str], *, runs: int, warmup: int) -> Timing:
    client, path = client_for(page.username), page.path.format(**values)
    for _ in range(warmup):
        fetch(client, path)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fetch(client, path)
        samples.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        status, body = fetch(client, path)
    sqls = [q["sql"] for q in queries.captured_queries]
    plans = [explain(sql) for sql in sqls if sql.lstrip().upper().startswith("SELECT")
             and any(touches(sql, table) for table in CASEWORK_TABLES)]
    return Timing(page, path, status, samples, sqls, rows_shown(body, page), plans)


def print_table(timings: list[Timing]) -> None:
    width = max(len(t.page.name) for t in timings)
    print(f"\n{'Page':<{width}}  {'status':>6} {'rows':>6} {'median ms':>10} {'p95 ms':>8} "
          f"{'queries':>7}  target")
    for t in timings:
        verdict = ("-" if t.page.csv else
                   "ok" if t.median_ms < TARGET_MS and t.status == 200 else "MISSED")
        print(f"{t.page.name:<{width}}  {t.status:>6} {t.rows:>6} {t.median_ms:>10.1f} "
              f"{t.p95_ms:>8.1f} {len(t.queries):>7}  {verdict}")
    print(f"(target: median under {TARGET_MS:.0f} ms a page; the CSV export streams every "
          "row, so it is judged on memory below)")


def print_plans(timings: list[Timing], *, full: bool) -> None:
    print("\nEXPLAIN (ANALYZE) of each query on the enquiries, complaints and their records:")
    for t in timings:
        print(f"  {t.page.name}  [{t.path}]")
        for plan in t.plans:
            verdict = "SEQ SCAN" if plan.full_scans else "index" if plan.scans else "-"
            print(f"    {plan.label:<5} {plan.milliseconds:7.1f} ms  {verdict:<8} "
                  f"{plan.outline}")
            if full:
                print("\n".join(f"        {line}" for line in plan.text.splitlines()))


# --- CSV memory ---------------------------------------------------------------------

def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _rss_kib(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


@dataclass
class Export:
    page: Page
    rows: int
    seconds: float
    traced_peak: int  # bytes, tracemalloc: Python allocations during the export
    rss_growth: int | None  # bytes, peak resident set over the resident set before


def export(page: Page) -> Export:
    client = client_for(page.username)
    fetch(client, page.path)  # warm
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    _, body = fetch(client, page.path)
    traced_peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    gc.collect()
    rss = _reset_peak_rss()
    start_rss = _rss_kib("VmRSS")
    started = time.perf_counter()
    fetch(client, page.path)
    seconds = time.perf_counter() - started
    growth = (_rss_kib("VmHWM") - start_rss) * 1024 if rss else None
    return Export(page, rows_shown(body, page), seconds, traced_peak, growth)


def print_exports(exports: list[Export]) -> None:
    print("\nCSV export, streamed and read to the end (memory of this process):")
    print(f"  {'queue':<38} {'rows':>9} {'seconds':>8} {'rows/s':>8} "
          f"{'tracemalloc peak':>17} {'peak RSS growth':>16}")
    for e in exports:
        rss = "n/a" if e.rss_growth is None else f"{e.rss_growth / 2**20:.1f} MiB"
        print(f"  {e.page.name:<38} {e.rows:>9,} {e.seconds:>8.2f} "
              f"{e.rows / e.seconds if e.seconds else 0:>8,.0f} "
              f"{e.traced_peak / 2**20:>13.2f} MiB {rss:>16}")
    if len(exports) > 1 and exports[0].rows:
        first, last = exports[0], exports[-1]
        print(f"  {last.rows / first.rows:.0f}x the rows: tracemalloc peak "
              f"{last.traced_peak / max(first.traced_peak, 1):.2f}x")


def run(*, runs: int, warmup: int, plans: bool) -> list[Timing]:
    values = placeholders()
    print(f"\nTiming {len(PAGES)} pages: {warmup} warm-up runs, then {runs} timed runs each "
          f"(enquiry page: {values['reference']}) ...", flush=True)
    timings = [time_page(page, values, runs=runs, warmup=warmup) for page in PAGES]
    print_table(timings)
    print_plans(timings, full=plans)
    print_exports([export(page) for page in EXPORTS])
    return timings
