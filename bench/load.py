"""Bulk-loading the bench database with set-based SQL (INSERT ... SELECT FROM
generate_series), never the ORM row by row.

One transaction loads everything: the enquiries (spread over the demo council's 30
services, 54 councillors and their 18 wards, over ten years), 2-4 timeline events each,
the reminders their deadlines had (fired or cancelled long ago, a few still pending) and
the correspondence on the demo councillor's own enquiries. For a large load the tables'
secondary indexes are dropped first and rebuilt after (much faster than updating them row
by row), and foreign-key triggers are skipped (`session_replication_role = replica`, as
pg_restore does) because every id comes from the demo council's own tables; `check_keys`
then verifies the loaded rows' foreign keys set-based. VACUUM ANALYZE follows, as
autovacuum would on a live database."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from casework.models import Correspondence, Enquiry, EnquiryEvent
from casework.models.tally import TALLY as ENQUIRY_TALLY
from demo.council_data import FIRST_NAMES, LAST_NAMES
from protocol.machinery import tally
from protocol.machinery.history import keys, seal_rows, sealed_insert
from protocol.machinery.history.heads import write as write_heads
from protocol.machinery.tally import Tally

SEED = 0.2026
REBUILD_INDEXES_FROM = 100_000  # rows; below this the indexes are updated as rows go in
TABLES = ("casework_enquiry", "casework_enquiryevent", "casework_enquiryreminder",
          "casework_correspondence")

# (subject, details): %1$s is the street, %2$s a house number. "Pothole" is one in twenty,
# so the bench's search (?q=pothole) matches about 5% of every queue.
TOPICS = [
    ("Pothole", "Residents report a deep pothole outside %2$s %1$s; a cyclist came off "
     "there last week and cars swerve round it into oncoming traffic."),
    ("Missed bin collection", "The recycling at %2$s %1$s has been missed three weeks "
     "running and the bins are now overflowing onto the pavement."),
    ("Fly-tipping", "Mattresses and builders' rubble have been dumped on the verge by "
     "%2$s %1$s and are attracting rats."),
    ("Street light out", "The street light opposite %2$s %1$s has been out for a month, "
     "leaving the footpath to the bus stop unlit."),
    ("Overgrown hedge", "An overgrown hedge at %2$s %1$s forces pushchairs and wheelchair "
     "users into the road."),
    ("Noise from licensed premises", "Neighbours of %2$s %1$s complain of loud music after "
     "midnight from the bar on the corner, most weekends."),
    ("Damp and mould", "A tenant at %2$s %1$s reports black mould in the children's bedroom "
     "and has been waiting months for a surveyor."),
    ("Housing repair", "The boiler at %2$s %1$s has failed again; the family has had no "
     "heating or hot water for nine days."),
    ("Parking permit", "A resident of %2$s %1$s renewed their parking permit online but "
     "has still received a penalty charge notice."),
    ("Blue badge delay", "A disabled resident at %2$s %1$s applied for a blue badge twelve "
     "weeks ago and has heard nothing."),
    ("School place", "A family who moved to %2$s %1$s has been offered a school place four "
     "miles away and asks about the waiting list."),
    ("Council tax bill", "The council tax bill for %2$s %1$s shows the wrong band and the "
     "single person discount has been removed."),
    ("Planning objection", "Residents near %2$s %1$s object to the extension application "
     "next door and ask how to speak at committee."),
    ("Graffiti", "Offensive graffiti has appeared on the underpass by %2$s %1$s and needs "
     "removing quickly."),
    ("Dog fouling", "Dog fouling along the path behind %2$s %1$s is getting worse; residents "
     "ask for more bins and enforcement patrols."),
    ("Blocked drain", "The road drain outside %2$s %1$s is blocked and the street floods "
     "whenever it rains."),
    ("Abandoned vehicle", "A car with no tax or plates has been parked outside %2$s %1$s "
     "for six weeks."),
    ("Library hours", "Users of the library near %1$s ask why Saturday opening has been "
     "cut and whether it will return."),
    ("Care assessment delay", "An elderly resident at %2$s %1$s has waited three months for "
     "a social care assessment after leaving hospital."),
    ("Housing benefit payment", "The housing benefit for %2$s %1$s stopped without notice "
     "and the tenant now has rent arrears."),
]
STREETS = [
    "Station Road", "High Street", "Church Lane", "Mill Road", "Victoria Street",
    "Park Avenue", "London Road", "Queen's Drive", "Orchard Close", "Manor Way",
    "Albert Terrace", "Green Lane", "North Street", "Riverside Walk", "Chapel Row",
    "Beech Grove", "Market Square", "School Lane", "Elm Crescent", "King Street",
    "Meadow View", "Castle Hill", "Bridge Street", "Windsor Road",
]


@dataclass
class LoadReport:
    steps: list[tuple[str, float, int]] = field(default_factory=list)

    def add(self, name: str, seconds: float, rows: int) -> None:
        self.steps.append((name, seconds, rows))
        print(f"  {name:<44} {rows:>10,} rows {seconds:8.1f} s", flush=True)

    @property
    def seconds(self) -> float:
        return sum(s for _, s, _ in self.steps)


def _run(report: LoadReport, name: str, statement: str, params: dict | None = None) -> int:
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = max(cursor.rowcount, 0)
    report.add(name, time.monotonic() - started, rows)
    return rows


def scalar(statement: str, params: dict | list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    return row[0] if row else None


def _execute(statement: str, params: dict | list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


# --- the demo council, as lookup tables for the generator ------------------------------

LOOKUPS = """
CREATE TEMP TABLE bench_cllr ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY p.holder_id)::int AS idx, p.holder_id,
           p.ward_id, p.political_group_id
    FROM protocol_post p WHERE p.kind = 'councillor' AND p.ends_on IS NULL;
CREATE TEMP TABLE bench_svc ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY s.id)::int AS idx, s.id AS service_id,
           (SELECT array_agg(p.holder_id ORDER BY p.holder_id) FROM protocol_post p
             WHERE p.service_id = s.id AND p.kind = 'officer' AND p.ends_on IS NULL)
             AS officers,
           (SELECT p.holder_id FROM protocol_post p WHERE p.service_id = s.id
             AND p.kind = 'head_of_service' AND p.ends_on IS NULL LIMIT 1) AS head_id,
           (SELECT p.holder_id FROM protocol_post p WHERE p.directorate_id = s.directorate_id
             AND p.kind = 'director' AND p.ends_on IS NULL LIMIT 1) AS director_id
    FROM protocol_service s;
CREATE TEMP TABLE bench_topic ON COMMIT DROP AS
    SELECT idx::int, subject, details
    FROM unnest(%(subjects)s::text[], %(details)s::text[]) WITH ORDINALITY
         AS t(subject, details, idx);
CREATE TEMP TABLE bench_street ON COMMIT DROP AS
    SELECT idx::int, name FROM unnest(%(streets)s::text[]) WITH ORDINALITY AS t(name, idx);
CREATE TEMP TABLE bench_refs ON COMMIT DROP AS
    SELECT yr, max(last) AS last FROM (
        SELECT substr(reference, 5, 4)::int AS yr, substr(reference, 10)::int AS last
        FROM casework_enquiry WHERE reference ~ '^ENQ-[0-9]{4}-[0-9]+$'
        UNION ALL
        SELECT year, last FROM protocol_referencecounter WHERE prefix = 'ENQ'
    ) r GROUP BY yr;
"""


def _lookups() -> dict:
    _execute(LOOKUPS, {"subjects": [s for s, _ in TOPICS], "details": [d for _, d in TOPICS],
                       "streets": STREETS})
    counts = {name: scalar(f"SELECT count(*) FROM {table}") for name, table in
              (("n_cllr", "bench_cllr"), ("n_svc", "bench_svc"))}
    if counts["n_cllr"] == 0 or counts["n_svc"] == 0:
        raise SystemExit("The demo council is missing: run `manage.py seed_demo` first.")
    return counts


# --- enquiries ------------------------------------------------------------------------

# State mix (r_state in [0, 1)): 2% new, 2% accepted, 1% holding (5% open and unanswered,
# received in the last six months, most of them recently), 1.5% answered (the last 40
# days), 3% withdrawn, 90.5% closed (uniform over ten years). `state_scale` 0.04 makes
# new and accepted only (the sweep's open enquiries).
ENQUIRIES = """
INSERT INTO casework_enquiry (
    reference, raised_by_id, raised_by_group_id, ward_id, service_id, subject, details,
    on_behalf_of_constituent, constituent_name, constituent_contact, constituent_address,
    confidential, visibility, assigned_to_id, relationship_note, state, received_at,
    received_on, due_on, current_due_on, holding_reply_at, responded_at, answered_in_time,
    closed_at, version, updated_at)
WITH base AS (
    SELECT g, random() * %(state_scale)s AS r_state, random() AS r_age, random() AS r_resp,
           random() AS r_close, random() AS r_off, random() AS r_vis, random() AS r_conf,
           random() AS r_behalf,
           1 + floor(random() * %(n_cllr)s)::int AS c_idx,
           1 + floor(random() * %(n_svc)s)::int AS s_idx,
           1 + floor(random() * %(n_topic)s)::int AS t_idx,
           1 + floor(random() * %(n_street)s)::int AS st_idx,
           1 + floor(random() * 240)::int AS house,
           1 + floor(random() * %(n_first)s)::int AS fn_idx,
           1 + floor(random() * %(n_last)s)::int AS ln_idx
    FROM generate_series(1, %(n)s) AS g
), staged AS (
    SELECT b.*, CASE WHEN r_state < 0.02 THEN 'new' WHEN r_state < 0.04 THEN 'accepted'
                     WHEN r_state < 0.05 THEN 'holding' WHEN r_state < 0.065 THEN 'answered'
                     WHEN r_state < 0.095 THEN 'withdrawn' ELSE 'closed' END AS state
    FROM base b
), timed AS (
    SELECT s.*, %(now)s::timestamptz - CASE
            WHEN s.state IN ('new', 'accepted', 'holding')
                THEN interval '180 days' * (s.r_age * s.r_age)
            WHEN s.state = 'answered' THEN interval '40 days' * s.r_age
            ELSE interval '3650 days' * s.r_age END AS received_at
    FROM staged s
), dated AS (
    SELECT t.*, (t.received_at AT TIME ZONE %(tz)s)::date AS received_on,
           %(now)s::timestamptz - t.received_at AS age,
           CASE WHEN t.state IN ('answered', 'closed') THEN t.received_at
                + least(interval '20 days', %(now)s::timestamptz - t.received_at) * t.r_resp
           END AS responded_at
    FROM timed t
), shaped AS (
    SELECT d.*, d.received_on + 14 AS due_on,
           CASE WHEN d.state = 'holding' THEN d.received_at + least(interval '9 days', d.age / 2)
           END AS holding_reply_at,
           CASE WHEN d.state = 'closed' THEN d.responded_at
                    + least(interval '7 days', %(now)s::timestamptz - d.responded_at) * d.r_close
                WHEN d.state = 'withdrawn'
                    THEN d.received_at + least(interval '10 days', d.age) * d.r_close
           END AS closed_at,
           extract(year FROM d.received_on)::int AS yr
    FROM dated d
), numbered AS (
    SELECT s.*, coalesce(r.last, 0)
               + row_number() OVER (PARTITION BY s.yr ORDER BY s.received_at, s.g) AS number
    FROM shaped s LEFT JOIN bench_refs r ON r.yr = s.yr
)
SELECT
    'ENQ-' || x.yr || '-' || lpad(x.number::text, greatest(6, length(x.number::text)), '0'),
    c.holder_id, c.political_group_id, c.ward_id, sv.service_id,
    t.subject || ' on ' || st.name,
    format(t.details, st.name, x.house)
        || ' The councillor asks for an update and a date by which it will be put right.',
    x.r_behalf < 0.6,
    CASE WHEN x.r_behalf < 0.6 THEN (%(first)s::text[])[x.fn_idx] || ' '
                                    || (%(last)s::text[])[x.ln_idx] ELSE '' END,
    CASE WHEN x.r_behalf < 0.6 THEN lower((%(first)s::text[])[x.fn_idx]) || '.'
                                    || x.house || '@example.org' ELSE '' END,
    CASE WHEN x.r_behalf < 0.6 THEN x.house || ' ' || st.name ELSE '' END,
    x.r_conf < 0.05,
    CASE WHEN x.r_conf < 0.05 OR x.r_vis < 0.7 THEN 'private'
         WHEN x.r_vis < 0.9 THEN 'ward' ELSE 'group_ward' END,
    CASE WHEN x.r_off < 0.03 THEN sv.director_id
         WHEN x.r_off < 0.33 OR sv.officers IS NULL THEN sv.head_id
         ELSE sv.officers[1 + floor((x.r_off - 0.33) / 0.67 * cardinality(sv.officers))::int]
    END,
    '', x.state, x.received_at, x.received_on, x.due_on,
    x.due_on + CASE WHEN x.state = 'holding' THEN 14 ELSE 0 END,
    x.holding_reply_at, x.responded_at,
    CASE WHEN x.responded_at IS NOT NULL
         THEN (x.responded_at AT TIME ZONE %(tz)s)::date <= x.due_on END,
    x.closed_at, 1, coalesce(x.closed_at, x.responded_at, x.holding_reply_at, x.received_at)
FROM numbered x
JOIN bench_cllr c ON c.idx = x.c_idx
JOIN bench_svc sv ON sv.idx = x.s_idx
JOIN bench_topic t ON t.idx = x.t_idx
JOIN bench_street st ON st.idx = x.st_idx
ORDER BY x.received_at, x.g
"""

COUNTERS = """
INSERT INTO protocol_referencecounter (prefix, year, last)
SELECT 'ENQ', substr(reference, 5, 4)::int, max(substr(reference, 10)::int)
FROM casework_enquiry WHERE id > %(after)s AND reference ~ '^ENQ-[0-9]{4}-[0-9]+$'
GROUP BY 1, 2
ON CONFLICT (prefix, year) DO UPDATE
    SET last = greatest(protocol_referencecounter.last, EXCLUDED.last)
"""

# --- timelines, reminders, correspondence --------------------------------------------

# 2-4 events an enquiry, consistent with its state: new 2, accepted 3, holding 4,
# answered 3, closed 4, withdrawn 3 (about 3.9 a enquiry).
EVENTS = """
INSERT INTO casework_enquiryevent (enquiry_id, at, actor_id, kind, from_state, to_state,
                                   summary)
SELECT e.id, ev.at, ev.actor_id, ev.kind, ev.from_state, ev.to_state, ev.summary
FROM casework_enquiry e
JOIN protocol_user c ON c.id = e.raised_by_id
LEFT JOIN protocol_user o ON o.id = e.assigned_to_id
CROSS JOIN LATERAL (VALUES
    (true, e.received_at, e.raised_by_id, 'logged', '-', 'new',
     format('Logged by %%s %%s. Due by %%s.', c.first_name, c.last_name,
            to_char(e.due_on, 'FMDD FMMonth YYYY'))),
    (true, e.received_at + interval '1 second', NULL::bigint, 'assigned', '', '',
     format('Sent to %%s %%s (first contact for the service).', o.first_name, o.last_name)),
    (e.state IN ('accepted', 'holding'),
     e.received_at + least(interval '1 day', (%(now)s::timestamptz - e.received_at) / 4),
     e.assigned_to_id, 'accepted', 'new', 'accepted',
     format('Accepted by %%s %%s.', o.first_name, o.last_name)),
    (e.state = 'holding', e.holding_reply_at, e.assigned_to_id, 'holding_reply', 'accepted',
     'holding', format('Holding reply sent: a full response by %%s.',
                       to_char(e.current_due_on, 'FMDD FMMonth YYYY'))),
    (e.state IN ('answered', 'closed'), e.responded_at, e.assigned_to_id, 'response', 'new',
     'answered', format('Full response sent by %%s %%s.', o.first_name, o.last_name)),
    (e.state = 'closed', e.closed_at, e.raised_by_id, 'confirmed', 'answered', 'closed',
     format('Confirmed answered by %%s %%s.', c.first_name, c.last_name)),
    (e.state = 'withdrawn', e.closed_at, e.raised_by_id, 'withdrawn', 'new', 'withdrawn',
     format('Withdrawn by %%s %%s.', c.first_name, c.last_name))
) AS ev(wanted, at, actor_id, kind, from_state, to_state, summary)
WHERE e.id > %(after)s AND ev.wanted AND (%(all)s OR e.raised_by_id = %(councillor)s
                                           OR e.id %% 10 = 0)
ORDER BY e.id, ev.at
"""

# What each deadline's reminders did: cancelled by the response or holding reply, fired
# otherwise; an open enquiry's expiry reminder is still pending if its day is to come.
REMINDERS = """
INSERT INTO casework_enquiryreminder (kind, deadline, fire_on, fired_at, cancelled_at,
                                      enquiry_id)
SELECT r.kind, e.due_on, r.fire_on,
       CASE WHEN r.fire_on <= %(today)s AND (stop.at IS NULL OR stop.at > r.fire_at)
            THEN r.fire_at END,
       CASE WHEN stop.at IS NOT NULL AND (r.fire_on > %(today)s OR stop.at <= r.fire_at)
            THEN stop.at END,
       e.id
FROM casework_enquiry e
CROSS JOIN LATERAL (SELECT coalesce(e.responded_at, e.holding_reply_at, e.closed_at) AS at)
    AS stop
CROSS JOIN LATERAL (VALUES
    ('approaching', e.due_on - 2, e.state NOT IN ('new', 'accepted', 'holding')),
    ('expired', e.due_on + 1, true)
) AS k(kind, fire_on, wanted)
CROSS JOIN LATERAL (SELECT k.kind, k.fire_on,
                           (k.fire_on + time '07:00') AT TIME ZONE %(tz)s AS fire_at) AS r
WHERE e.id > %(after)s AND k.wanted
ORDER BY e.id
"""

CORRESPONDENCE = """
INSERT INTO casework_correspondence (enquiry_id, kind, author_id, body, reasons,
                                     revised_due_on, confidential, late, sent_at)
SELECT e.id, CASE WHEN e.state = 'holding' THEN 'holding_reply' ELSE 'response' END,
       e.assigned_to_id,
       CASE WHEN e.state = 'holding'
            THEN 'We are still looking into this and will send a full response by '
                 || to_char(e.current_due_on, 'FMDD FMMonth YYYY') || '.'
            ELSE 'Thank you for raising this. The team visited on '
                 || to_char(e.responded_at, 'FMDD FMMonth') || ' and the work has been '
                 || 'ordered; we will write again if anything changes.' END,
       CASE WHEN e.state = 'holding'
            THEN 'A contractor has to inspect the site first.' ELSE '' END,
       CASE WHEN e.state = 'holding' THEN e.current_due_on END, false, false,
       coalesce(e.responded_at, e.holding_reply_at)
FROM casework_enquiry e
WHERE e.id > %(after)s AND e.raised_by_id = %(councillor)s
  AND (e.responded_at IS NOT NULL OR e.holding_reply_at IS NOT NULL)
"""

SECONDARY_INDEXES = """
SELECT i.relname, pg_get_indexdef(i.oid)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
ORDER BY i.relname
"""


@contextmanager
def indexes_rebuilt(report: LoadReport, rebuild: bool,
                    tables: tuple[str, ...] = TABLES) -> Iterator[None]:
    """Drop the tables' secondary indexes (not primary keys or unique constraints) and
    create them again afterwards, inside the caller's transaction."""
    if not rebuild:
        yield
        return
    saved: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(SECONDARY_INDEXES, [table])
            saved += cursor.fetchall()
        for name, _ in saved:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    started = time.monotonic()
    with connection.cursor() as cursor:
        for _, definition in saved:
            cursor.execute(definition)
    report.add(f"rebuild {len(saved)} indexes", time.monotonic() - started, 0)


def session_for_bulk_load() -> None:
    # jit off: the generators' estimates are wild, and compiling them costs seconds.
    _execute("SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '1GB'; "
             "SET LOCAL synchronous_commit = off; SET LOCAL jit = off")
    if scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
        _execute("SET LOCAL session_replication_role = replica")  # no per-row FK triggers
    _execute("SELECT setseed(%s)", [SEED])


KEY_CHECKS = [
    ("casework_enquiry", "raised_by_id", "protocol_user"),
    ("casework_enquiry", "assigned_to_id", "protocol_user"),
    ("casework_enquiry", "ward_id", "protocol_ward"),
    ("casework_enquiry", "service_id", "protocol_service"),
    ("casework_enquiry", "raised_by_group_id", "protocol_politicalgroup"),
    ("casework_enquiryevent", "enquiry_id", "casework_enquiry"),
    ("casework_enquiryevent", "actor_id", "protocol_user"),
    ("casework_enquiryreminder", "enquiry_id", "casework_enquiry"),
    ("casework_correspondence", "enquiry_id", "casework_enquiry"),
    ("casework_correspondence", "author_id", "protocol_user"),
]


def recount(report: LoadReport, definition: Tally) -> None:
    """The dashboard's tally counted again from its table, set-based: the per-row triggers
    that keep it exact do not fire in a bulk load's `replica` session."""
    started = time.monotonic()
    tally.rebuild(definition, connection)
    report.add(f"recount {definition.table}", time.monotonic() - started,
               scalar(f"SELECT count(*) FROM {definition.table}"))


def seal_loaded(report: LoadReport, events: type, *models: type) -> None:
    """Set the loaded histories' heads and seal what people wrote on the loaded rows,
    set-based, as appending and saving would have (protocol.machinery.history.heads, .records), so
    that `verify_history` passes here too."""
    started = time.monotonic()
    heads = write_heads(events, events.chain)
    report.add("history heads", time.monotonic() - started, heads)
    started = time.monotonic()
    sealed = sum(seal_rows(model) for model in models)
    report.add("seal what people wrote", time.monotonic() - started, sealed)


def check_keys(report: LoadReport,
               checks: list[tuple[str, str, str]] = KEY_CHECKS) -> None:
    """The foreign keys the load skipped checking, checked set-based (anti-joins)."""
    started = time.monotonic()
    broken = []
    for table, column, target in checks:
        bad = scalar(f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT "
                     f"EXISTS (SELECT 1 FROM {target} x WHERE x.id = t.{column})")
        if bad:
            broken.append(f"{table}.{column}: {bad}")
    if broken:
        raise SystemExit("Loaded rows with broken foreign keys: " + "; ".join(broken))
    report.add("check foreign keys (anti-joins)", time.monotonic() - started, 0)


@dataclass(frozen=True)
class Load:
    enquiries: int
    events_for_all: bool = True
    state_scale: float = 1.0  # 0.04: new and accepted enquiries only


def load(plan: Load, report: LoadReport, now: datetime | None = None) -> int:
    """Add `plan.enquiries` enquiries with their timelines, reminders and letters."""
    now = now or timezone.now()
    councillor = scalar("SELECT id FROM protocol_user WHERE username = 'councillor'")
    after = scalar("SELECT coalesce(max(id), 0) FROM casework_enquiry")
    params = {"n": plan.enquiries, "state_scale": plan.state_scale, "now": now,
              "tz": settings.TIME_ZONE, "today": timezone.localdate(now), "after": after,
              "all": plan.events_for_all, "councillor": councillor,
              "n_topic": len(TOPICS), "n_street": len(STREETS), "first": FIRST_NAMES,
              "last": LAST_NAMES, "n_first": len(FIRST_NAMES), "n_last": len(LAST_NAMES)}
    with transaction.atomic():
        session_for_bulk_load()
        params |= _lookups()
        with indexes_rebuilt(report, plan.enquiries >= REBUILD_INDEXES_FROM):
            added = _run(report, "enquiries", ENQUIRIES, params)
            _run(report, "reference counters", COUNTERS, params)
            # Hash-chained as they go in, so that `verify_history` passes here too.
            _run(report, "timeline events", sealed_insert(EnquiryEvent, EVENTS),
                 params | keys.pads())
            _run(report, "reminders (fired, cancelled, pending)", REMINDERS, params)
            _run(report, "correspondence (the councillor's)", CORRESPONDENCE, params)
        seal_loaded(report, EnquiryEvent, Enquiry, Correspondence)
        check_keys(report)
        recount(report, ENQUIRY_TALLY)
    return added


def vacuum_analyze(report: LoadReport, tables: tuple[str, ...] = TABLES) -> None:
    started = time.monotonic()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    report.add("VACUUM (ANALYZE)", time.monotonic() - started, 0)


def enquiry_count() -> int:
    return scalar("SELECT count(*) FROM casework_enquiry")


def load_to(target: int, *, events_for_all: bool, progress: Callable[[str], None] = print
            ) -> LoadReport:
    """Top the enquiries up to `target` (nothing if there are that many already)."""
    report = LoadReport()
    have = enquiry_count()
    if have >= target:
        progress(f"casework_enquiry already has {have:,} rows (target {target:,}): no load.")
        return report
    progress(f"Loading {target - have:,} enquiries ({have:,} there already) ...")
    load(Load(target - have, events_for_all=events_for_all), report)
    vacuum_analyze(report)
    progress(f"Loaded in {report.seconds:.1f} s.")
    return report


def today() -> date:
    return timezone.localdate()
