"""The reminder sweep with `due` reminders due: casework.services.sweep.sweep() timed as
beat runs it (one call fires up to its `limit`; it is called until nothing is left).

Notifications go the production way: written to the outbox, then queued with Celery's
.delay after commit. The broker is REDIS_URL's if set, else the file broker under the
bench's own var directory; no worker runs, so the timing is the sweep's own work (claim,
handler, timeline event, outbox row, commit, publish), never the emails' sending. The
queued messages are removed afterwards.

The bench's reminders are listed in `bench_reminder` (this database only) so that the
next run deletes them; other due reminders (the demo council's) are cancelled first, so
the sweep fires exactly the bench's, and unsent notifications are marked sent, so its
resend step has nothing old to send."""
from __future__ import annotations

import inspect
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import load
from bench.plans import Plan, explain
from casework.models import EnquiryReminder
from casework.services.sweep import sweep
from protocol.machinery.reminders import due_ids

PREPARE = """
CREATE TABLE IF NOT EXISTS bench_reminder (reminder_id bigint PRIMARY KEY);
DELETE FROM casework_enquiryreminder WHERE id IN (SELECT reminder_id FROM bench_reminder);
TRUNCATE bench_reminder;
"""
CANCEL_STRAYS = """
UPDATE casework_enquiryreminder SET cancelled_at = now()
WHERE fired_at IS NULL AND cancelled_at IS NULL AND fire_on <= %(today)s
"""
MARK_SENT = "UPDATE protocol_notification SET sent_at = now() WHERE sent_at IS NULL"
CANDIDATES = """
SELECT count(*) FROM casework_enquiry e
WHERE e.state IN ('new', 'accepted') AND NOT EXISTS (
    SELECT 1 FROM casework_enquiryreminder r
    WHERE r.enquiry_id = e.id AND r.kind = 'approaching' AND r.deadline = e.due_on)
"""
# Due today or in the last two days, on open enquiries still with the officer.
ADD_DUE = """
WITH picked AS (
    SELECT e.id, e.due_on FROM casework_enquiry e
    WHERE e.state IN ('new', 'accepted') AND NOT EXISTS (
        SELECT 1 FROM casework_enquiryreminder r
        WHERE r.enquiry_id = e.id AND r.kind = 'approaching' AND r.deadline = e.due_on)
    ORDER BY random() LIMIT %(n)s
), made AS (
    INSERT INTO casework_enquiryreminder (kind, deadline, fire_on, enquiry_id)
    SELECT 'approaching', p.due_on, %(today)s - floor(random() * 3)::int, p.id FROM picked p
    RETURNING id
)
INSERT INTO bench_reminder (reminder_id) SELECT id FROM made
"""


def _execute(statement: str, params: dict | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


def prepare(due: int, today) -> None:
    _execute(PREPARE)
    strays = _execute(CANCEL_STRAYS, {"today": today})
    sent = _execute(MARK_SENT)
    print(f"  cleared: {strays} other due reminders cancelled, {sent} unsent notifications "
          "marked sent (bench database only)")
    available = load.scalar(CANDIDATES)
    if available < due:
        need = int((due - available) / 0.95) + 500
        print(f"  only {available:,} open enquiries without a reminder: adding {need:,} ...")
        load.load(load.Load(need, state_scale=0.04), load.LoadReport())
        _execute("ANALYZE casework_enquiry")


def time_due_ids(today, limit: int, runs: int) -> tuple[float, int, Plan]:
    due_ids(EnquiryReminder, today, limit)  # warm
    samples, found = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        found = len(due_ids(EnquiryReminder, today, limit))
        samples.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        due_ids(EnquiryReminder, today, limit)
    return statistics.median(samples) * 1000, found, explain(captured.captured_queries[0]["sql"])


class _Counter:
    def __init__(self) -> None:
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        return execute(sql, params, many, context)


def _broker_messages() -> tuple[str, int]:
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        return f"file system ({folder})", sum(1 for _ in folder.glob("*.msg"))
    import redis

    return f"Redis ({settings.CELERY_BROKER_URL})", redis.Redis.from_url(
        settings.CELERY_BROKER_URL).llen("celery")


def _purge_broker() -> None:
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        for message in folder.glob("*.msg"):
            message.unlink(missing_ok=True)
        return
    from config.celery import app

    app.control.purge()


def time_sweep(today, due: int) -> tuple[list[tuple[int, float]], int]:
    counter = _Counter()
    calls: list[tuple[int, float]] = []
    with connection.execute_wrapper(counter):
        for _ in range(due // 100 + 2):
            started = time.perf_counter()
            result = sweep(today)
            calls.append((result.reminders, time.perf_counter() - started))
            if result.reminders == 0:
                break
    return calls, counter.statements


def _print_plan(title: str, median_ms: float, found: int, plan: Plan) -> None:
    print(f"  {title}: {found:,} ids in {median_ms:.2f} ms median "
          f"(PostgreSQL {plan.milliseconds:.2f} ms)")
    print("\n".join(f"      {line}" for line in plan.text.splitlines()))


def _round(today, due: int, limit: int, runs: int) -> dict:
    """One sweep with `due` reminders due: the due-ids query, then sweep() until done."""
    prepare(due, today)
    _, queued_before = _broker_messages()
    _execute(ADD_DUE, {"n": due, "today": today})
    query_ms, found, plan = time_due_ids(today, limit, runs)
    calls, statements = time_sweep(today, due)
    fired = sum(n for n, _ in calls)
    seconds = sum(s for n, s in calls if n)
    broker, queued = _broker_messages()
    _purge_broker()
    left = load.scalar("SELECT count(*) FROM casework_enquiryreminder r JOIN bench_reminder b "
                       "ON b.reminder_id = r.id WHERE r.fired_at IS NULL")
    return {"due": due, "found": found, "query_ms": query_ms, "plan": plan, "calls": calls,
            "fired": fired, "seconds": seconds, "statements": statements, "left": left,
            "broker": broker, "queued": queued - queued_before}


def run(*, due: int, runs: int) -> None:
    """The sweep with a tenth of `due`, then `due`, reminders due, on the same enquiries:
    its time a reminder stays the same, so it grows with the reminders due, not with the
    enquiries open (the due-ids query reads the pending reminders' partial index only)."""
    today = timezone.localdate()
    limit = inspect.signature(sweep).parameters["limit"].default
    print(f"\nReminder sweep (kind approaching), sweep(limit={limit}), beat's calls until "
          "none are left:")
    rounds = [_round(today, n, limit, runs) for n in sorted({max(1, due // 10), due})]
    sizes = {t: load.scalar(f"SELECT count(*) FROM {t}")
             for t in ("casework_enquiry", "casework_enquiryreminder")}
    open_ = load.scalar("SELECT count(*) FROM casework_enquiry "
                        "WHERE state IN ('new', 'accepted', 'holding', 'answered')")
    print(f"  tables: {sizes['casework_enquiry']:,} enquiries ({open_:,} open), "
          f"{sizes['casework_enquiryreminder']:,} reminders")
    print(f"  {'due':>7} {'fired':>7} {'calls':>5} {'seconds':>8} {'ms/reminder':>12} "
          f"{'SQL/reminder':>12} {'due-ids query ms':>17} {'left':>5}")
    for r in rounds:
        print(f"  {r['due']:>7,} {r['fired']:>7,} {len(r['calls']):>5} {r['seconds']:>8.1f} "
              f"{r['seconds'] * 1000 / max(r['fired'], 1):>12.2f} "
              f"{r['statements'] / max(r['fired'], 1):>12.1f} {r['query_ms']:>17.2f} "
              f"{r['left']:>5}")
    for r in rounds:
        _print_plan(f"due-ids query, {r['due']:,} due", r["query_ms"], r["found"], r["plan"])
    last = rounds[-1]
    print(f"  Celery messages published to the {last['broker']} in the last round: "
          f"{last['queued']:,} (no worker; removed)")
