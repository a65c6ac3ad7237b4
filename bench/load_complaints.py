"""Bulk-loading complaints, grievances and concerns with their history (set-based SQL:
INSERT ... SELECT FROM generate_series, never the ORM row by row).

Every case is drawn once into a temporary table (kind, parties, the stage it reached, the
times of each step) and the three tables are filled from it: the cases, who handled each
stage (`Handling`) and the append-only history (`ComplaintEvent`), whose steps follow
the services' own (complaints/services/intake.py and stages.py): raised; resolved
informally; the Independent Person consulted (a Code of Conduct case, before any outcome,
Localism Act 2011 s28(7)); outcome or decision; outcome accepted; escalated; withdrawn.

The ladders are the active profile's (seed 003 §31.3 for the demo council); the parties
the demo council's people, never anyone a ladder names as a handler (so nobody handles a
case they raised or are the subject of). The demo profiles set no stage time limits, so
the bench gives every stage 28 days (20 working days) to have cases overdue."""
from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bench.load import (
    REBUILD_INDEXES_FROM,
    LoadReport,
    _execute,
    _run,
    check_keys,
    indexes_rebuilt,
    recount,
    scalar,
    seal_loaded,
    session_for_bulk_load,
    vacuum_analyze,
)
from complaints.models import Complaint, ComplaintEvent, Outcome
from complaints.models.tally import TALLY as TALLY_OF_CASES
from protocol.machinery.history import keys, sealed_insert

TABLES = ("complaints_complaint", "complaints_handling", "complaints_complaintevent")
STAGE_DAYS = 28
# How often each kind is raised, where the active profile has a route for it.
KIND_WEIGHTS = {"officer_conduct": 45, "councillor_conduct": 20, "code_of_conduct": 25,
                "fraud": 10}
INFORMAL_KINDS = ("officer_conduct", "councillor_conduct")  # not fraud or Code of Conduct
SUMMARIES = {
    "officer_conduct": ["Rude to a resident at a ward surgery",
                        "Ignored three requests for an update",
                        "Shared a confidential enquiry with a third party",
                        "Misled the committee about a planning report"],
    "councillor_conduct": ["Shouted at me in a public meeting",
                           "Criticised me by name on social media",
                           "Pressed me to change a licensing recommendation",
                           "Repeated calls to my personal phone"],
    "code_of_conduct": ["Failed to declare an interest at planning committee",
                        "Bullying behaviour towards a fellow councillor",
                        "Disclosed confidential information from a closed session",
                        "Used council resources for a party campaign"],
    "fraud": ["Invoices paid twice to the same contractor",
              "Grant awarded to a relative's company",
              "Overtime claimed for shifts not worked",
              "Contract split to avoid tendering rules"],
}
CHECKS = [
    ("complaints_complaint", "complainant_id", "protocol_user"),
    ("complaints_complaint", "subject_person_id", "protocol_user"),
    ("complaints_complaint", "subject_service_id", "protocol_service"),
    ("complaints_complaint", "handler_id", "protocol_user"),
    ("complaints_handling", "complaint_id", "complaints_complaint"),
    ("complaints_handling", "handler_id", "protocol_user"),
    ("complaints_complaintevent", "complaint_id", "complaints_complaint"),
    ("complaints_complaintevent", "actor_id", "protocol_user"),
]

LOOKUPS = """
CREATE TEMP TABLE bench_cstage ON COMMIT DROP AS
    SELECT s.kind, s.position, s.title, s.handler, s.subject_told,
           count(*) OVER (PARTITION BY s.kind)::int AS n_stages
    FROM protocol_escalationstage s JOIN protocol_protocolprofile p ON p.id = s.profile_id
    WHERE p.is_active;
CREATE TEMP TABLE bench_ckind ON COMMIT DROP AS
    SELECT k.kind, k.lo, k.hi, s.n_stages, k.kind = ANY(%(informal_kinds)s) AS informal_ok
    FROM unnest(%(kinds)s::text[], %(lo)s::float8[], %(hi)s::float8[]) AS k(kind, lo, hi)
    JOIN bench_cstage s ON s.kind = k.kind AND s.position = 1;
CREATE TEMP TABLE bench_role ON COMMIT DROP AS
    SELECT r.role, min(p.holder_id) AS holder_id
    FROM (VALUES ('chief_executive', 'chief_executive', NULL),
                 ('ce_or_mo', 'chief_executive', NULL),
                 ('monitoring_officer', 'monitoring_officer', NULL),
                 ('cfo', 'chief_finance_officer', NULL), ('leader_panel', 'leader', NULL),
                 ('chair', 'civic_head', NULL),
                 ('standards_committee', 'committee_chair', 'standards'),
                 ('staffing_committee', 'committee_chair', 'staffing'))
         AS r(role, post, committee)
    JOIN protocol_post p ON p.kind = r.post AND p.ends_on IS NULL
    LEFT JOIN protocol_committee c ON c.id = p.committee_id
    WHERE r.committee IS NULL OR (r.committee = 'standards' AND c.is_standards)
       OR (r.committee = 'staffing' AND c.is_staffing)
    GROUP BY r.role;
CREATE TEMP TABLE bench_handlers ON COMMIT DROP AS
    SELECT holder_id FROM bench_role
    UNION SELECT holder_id FROM protocol_post WHERE ends_on IS NULL AND kind IN (
        'leader', 'group_leader', 'director', 'head_of_service', 'executive_director',
        'committee_chair', 'committee_vice_chair');
CREATE TEMP TABLE bench_cofficer ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY p.holder_id)::int AS idx, p.holder_id,
           p.service_id, d.holder_id AS director_id, h.holder_id AS head_id
    FROM protocol_post p JOIN protocol_service s ON s.id = p.service_id
    LEFT JOIN protocol_post d ON d.kind = 'director' AND d.ends_on IS NULL
                             AND d.directorate_id = s.directorate_id
    LEFT JOIN protocol_post h ON h.kind = 'head_of_service' AND h.ends_on IS NULL
                             AND h.service_id = s.id
    WHERE p.kind = 'officer' AND p.ends_on IS NULL
      AND p.holder_id NOT IN (SELECT holder_id FROM bench_handlers);
CREATE TEMP TABLE bench_ccllr ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY p.holder_id)::int AS idx, p.holder_id,
           coalesce(g.holder_id, (SELECT holder_id FROM bench_role
                                  WHERE role = 'leader_panel')) AS group_leader_id
    FROM protocol_post p
    LEFT JOIN protocol_post g ON g.kind = 'group_leader' AND g.ends_on IS NULL
        AND g.political_group_id = (SELECT political_group_id FROM protocol_post x
            WHERE x.holder_id = p.holder_id AND x.kind = 'councillor' AND x.ends_on IS NULL)
    WHERE p.kind = 'councillor' AND p.ends_on IS NULL
      AND p.holder_id NOT IN (SELECT holder_id FROM bench_handlers);
CREATE TEMP TABLE bench_outcome ON COMMIT DROP AS
    SELECT * FROM unnest(%(outcomes)s::text[], %(labels)s::text[]) AS o(value, label);
CREATE TEMP TABLE bench_csummary ON COMMIT DROP AS
    SELECT kind, idx::int, summary FROM (
        SELECT k AS kind, s AS summaries
        FROM unnest(%(summary_kinds)s::text[], %(summary_rows)s::text[]) AS t(k, s)) x
    CROSS JOIN LATERAL unnest(string_to_array(x.summaries, '|')) WITH ORDINALITY AS u(summary, idx);
CREATE TEMP TABLE bench_crefs ON COMMIT DROP AS
    SELECT yr, max(last) AS last FROM (
        SELECT substr(reference, 5, 4)::int AS yr, substr(reference, 10)::int AS last
        FROM complaints_complaint WHERE reference ~ '^CMP-[0-9]{4}-[0-9]+$'
        UNION ALL
        SELECT year, last FROM protocol_referencecounter WHERE prefix = 'CMP'
    ) r GROUP BY yr;
"""

# Scenarios (r_state in [0, 1)): open 6% (informal 1%, with the stage 1 handler 3%, an
# outcome given at stage 1 1%, with the stage 2 handler after escalation 1%), received in
# the last six months, most of them recently; withdrawn 5%; resolved informally 9%; closed
# at stage 1 58% and at stage 2 22%, uniform over ten years. Each step's time is a share
# of the case's age (at most 120 days in all), so every step is in the past.
STAGED = """
CREATE TEMP TABLE bench_cmp ON COMMIT DROP AS
WITH base AS (
    SELECT g, random() AS r_kind, random() AS r_state, random() AS r_age, random() AS r1,
           random() AS r2, random() AS r3, random() AS r_out, random() AS r_out2,
           random() AS r_who, random() AS r_who2, random() AS r_money,
           1 + floor(random() * 4)::int AS t_idx,
           1 + floor(random() * %(n_officer)s)::int AS o1,
           1 + floor(random() * (%(n_officer)s - 1))::int AS o_step,
           1 + floor(random() * %(n_cllr)s)::int AS c1,
           1 + floor(random() * (%(n_cllr)s - 1))::int AS c_step,
           1 + floor(random() * %(n_officer)s)::int AS sv_idx
    FROM generate_series(1, %(n)s) AS g
), kinded AS (
    SELECT b.*, k.kind, k.n_stages, k.informal_ok
    FROM base b JOIN bench_ckind k ON b.r_kind >= k.lo AND b.r_kind < k.hi
), scenario AS (
    SELECT k.*, CASE
        WHEN r_state < 0.01 THEN CASE WHEN informal_ok THEN 'informal' ELSE 'open1' END
        WHEN r_state < 0.04 THEN 'open1'
        WHEN r_state < 0.05 THEN CASE WHEN n_stages > 1 THEN 'outcome1' ELSE 'open1' END
        WHEN r_state < 0.06 THEN CASE WHEN n_stages > 1 THEN 'open2' ELSE 'open1' END
        WHEN r_state < 0.11 THEN 'withdrawn'
        WHEN r_state < 0.20 THEN CASE WHEN informal_ok THEN 'resolved' ELSE 'closed1' END
        WHEN r_state < 0.78 THEN 'closed1'
        ELSE CASE WHEN n_stages > 1 THEN 'closed2' ELSE 'closed1' END END AS scenario
    FROM kinded k
), timed AS (
    SELECT s.*, %(now)s::timestamptz - CASE
            WHEN s.scenario IN ('informal', 'open1', 'outcome1', 'open2')
                THEN interval '180 days' * (s.r_age * s.r_age)
            ELSE interval '3650 days' * s.r_age END AS received_at
    FROM scenario s
), stepped AS (
    SELECT t.*, least((%(now)s::timestamptz - t.received_at) * 0.9, interval '120 days') AS span
    FROM timed t
), steps AS (
    SELECT s.*, s.received_at + s.span * (0.2 + 0.3 * s.r1) AS t1
    FROM stepped s
), steps2 AS (
    SELECT s.*, s.t1 + s.span * (0.02 + 0.1 * s.r2) AS t2 FROM steps s
), parties AS (
    SELECT s.*, s.t2 + s.span * (0.1 + 0.3 * s.r3) AS t3,
        -- officer_conduct: a councillor about an officer; councillor_conduct: an officer
        -- about a councillor; code_of_conduct: mostly a councillor about another; fraud:
        -- anyone, mostly about an officer.
        CASE WHEN s.kind = 'councillor_conduct' OR (s.kind = 'code_of_conduct' AND s.r_who >= 0.7)
                  OR (s.kind = 'fraud' AND s.r_who < 0.5) THEN 'officer' ELSE 'councillor'
        END AS complainant_is,
        CASE WHEN s.kind IN ('officer_conduct', 'clerk_concern')
                  OR (s.kind = 'fraud' AND s.r_who2 < 0.8) THEN 'officer'
             WHEN s.kind IN ('councillor_conduct', 'code_of_conduct') THEN 'councillor'
        END AS subject_is
    FROM steps2 s
), people AS (
    SELECT p.*,
        CASE WHEN p.complainant_is = 'officer' THEN o1.holder_id ELSE c1.holder_id END
            AS complainant_id,
        CASE WHEN p.subject_is = 'officer' THEN
                 CASE WHEN p.complainant_is = 'officer' THEN o2.holder_id ELSE o1.holder_id END
             WHEN p.subject_is = 'councillor' THEN
                 CASE WHEN p.complainant_is = 'councillor' THEN c2.holder_id ELSE c1.holder_id END
        END AS subject_id,
        -- Whose line the senior officers come from: the officer complained about, or
        -- the officer who complained (a grievance about a councillor, 000 §3.4).
        CASE WHEN p.subject_is = 'officer' AND p.complainant_is = 'officer' THEN o2.service_id
             ELSE o1.service_id END AS line_service_id,
        CASE WHEN p.subject_is = 'officer' AND p.complainant_is = 'officer' THEN o2.director_id
             ELSE o1.director_id END AS line_director_id,
        CASE WHEN p.subject_is = 'officer' AND p.complainant_is = 'officer' THEN o2.head_id
             ELSE o1.head_id END AS line_head_id,
        CASE WHEN p.complainant_is = 'councillor' THEN c2.group_leader_id
             ELSE c1.group_leader_id END AS subject_group_leader_id
    FROM parties p
    JOIN bench_cofficer o1 ON o1.idx = p.o1
    JOIN bench_cofficer o2 ON o2.idx = 1 + (p.o1 - 1 + p.o_step) %% %(n_officer)s
    JOIN bench_ccllr c1 ON c1.idx = p.c1
    JOIN bench_ccllr c2 ON c2.idx = 1 + (p.c1 - 1 + p.c_step) %% %(n_cllr)s
), staged AS (
    SELECT p.*, CASE WHEN p.scenario IN ('open2', 'closed2') THEN 2 ELSE 1 END AS reached,
        s1.title AS title1, s2.title AS title2,
        coalesce(s1.subject_told, false) OR (p.scenario IN ('open2', 'closed2')
                                              AND coalesce(s2.subject_told, false)) AS told,
        coalesce(CASE s1.handler WHEN 'service_director' THEN p.line_director_id
                                 WHEN 'senior_officer' THEN p.line_head_id
                                 WHEN 'group_leader' THEN p.subject_group_leader_id
                                 ELSE r1.holder_id END, mo.holder_id) AS h1,
        coalesce(CASE s2.handler WHEN 'service_director' THEN p.line_director_id
                                 WHEN 'senior_officer' THEN p.line_head_id
                                 WHEN 'group_leader' THEN p.subject_group_leader_id
                                 ELSE r2.holder_id END, mo.holder_id) AS h2,
        CASE WHEN p.kind = 'code_of_conduct'
                 THEN CASE WHEN p.r_out < 0.3 THEN 'breach_found' ELSE 'no_breach' END
             WHEN p.r_out < 0.25 THEN 'upheld' WHEN p.r_out < 0.5 THEN 'partly_upheld'
             WHEN p.r_out < 0.9 THEN 'not_upheld' ELSE 'no_further_action' END AS outcome1,
        CASE WHEN p.kind = 'code_of_conduct'
                 THEN CASE WHEN p.r_out2 < 0.3 THEN 'breach_found' ELSE 'no_breach' END
             WHEN p.r_out2 < 0.2 THEN 'upheld' WHEN p.r_out2 < 0.4 THEN 'partly_upheld'
             ELSE 'not_upheld' END AS outcome2,
        extract(year FROM (p.received_at AT TIME ZONE %(tz)s))::int AS yr
    FROM people p
    JOIN bench_cstage s1 ON s1.kind = p.kind AND s1.position = 1
    LEFT JOIN bench_cstage s2 ON s2.kind = p.kind AND s2.position = 2
    LEFT JOIN bench_role r1 ON r1.role = s1.handler
    LEFT JOIN bench_role r2 ON r2.role = s2.handler
    LEFT JOIN bench_role mo ON mo.role = 'monitoring_officer'
)
SELECT s.*, coalesce(r.last, 0)
            + row_number() OVER (PARTITION BY s.yr ORDER BY s.received_at, s.g) AS number,
       s.reached = s.n_stages AS last_reached,
       CASE s.scenario WHEN 'informal' THEN 'informal' WHEN 'open1' THEN 'with_handler'
            WHEN 'outcome1' THEN 'outcome' WHEN 'open2' THEN 'with_handler'
            WHEN 'withdrawn' THEN 'withdrawn' ELSE 'closed' END AS state,
       CASE s.scenario WHEN 'resolved' THEN 'resolved_informally' WHEN 'withdrawn' THEN 'withdrawn'
            WHEN 'closed2' THEN s.outcome2
            WHEN 'informal' THEN '' WHEN 'open1' THEN '' ELSE s.outcome1 END AS outcome,
       CASE WHEN s.scenario IN ('open2', 'closed2') THEN s.t2 ELSE s.received_at END
           AS stage_started_at,
       CASE s.scenario WHEN 'resolved' THEN s.t1 WHEN 'withdrawn' THEN s.t1
            WHEN 'closed1' THEN CASE WHEN s.n_stages = 1 THEN s.t1 ELSE s.t2 END
            WHEN 'closed2' THEN s.t3 END AS closed_at,
       s.kind = 'code_of_conduct' AND s.scenario IN ('outcome1', 'open2', 'closed1', 'closed2')
           AS consulted
FROM staged s LEFT JOIN bench_crefs r ON r.yr = s.yr
"""

COMPLAINTS = """
INSERT INTO complaints_complaint (
    reference, kind, summary, details, conduct_date, money_involved, source_enquiry_reference,
    state, stage_position, stage_count, stage_title, stage_started_at, stage_due_on,
    subject_told, outcome, outcome_reasons, independent_person_consulted_at,
    subject_response_due_on, received_at, closed_at, version, complainant_id, handler_id,
    subject_person_id, subject_service_id)
SELECT 'CMP-' || b.yr || '-' || lpad(b.number::text, greatest(5, length(b.number::text)), '0'),
       b.kind, cs.summary,
       cs.summary || '. This has happened more than once and I would like it looked into '
       || 'under the protocol.',
       CASE WHEN b.kind = 'code_of_conduct'
            THEN (b.received_at AT TIME ZONE %(tz)s)::date - floor(b.r_money * 60)::int END,
       b.kind = 'fraud' AND b.r_money < 0.5, '', b.state, b.reached, b.n_stages,
       CASE WHEN b.reached = 2 THEN b.title2 ELSE b.title1 END, b.stage_started_at,
       (b.stage_started_at AT TIME ZONE %(tz)s)::date + %(stage_days)s,
       b.told AND b.kind <> 'fraud', b.outcome,
       CASE WHEN b.outcome IN ('', 'withdrawn') THEN ''
            ELSE 'The handler interviewed both parties and read the papers.' END,
       CASE WHEN b.consulted THEN b.received_at + (b.t1 - b.received_at) * 0.8 END,
       NULL, b.received_at, b.closed_at,
       1 + CASE b.scenario WHEN 'informal' THEN 0 WHEN 'open1' THEN 0 WHEN 'outcome1' THEN 1
                WHEN 'open2' THEN 2 WHEN 'withdrawn' THEN 1 WHEN 'resolved' THEN 1
                WHEN 'closed1' THEN CASE WHEN b.n_stages = 1 THEN 1 ELSE 2 END
                WHEN 'closed2' THEN CASE WHEN b.last_reached THEN 3 ELSE 4 END END
           + CASE WHEN b.consulted THEN 1 ELSE 0 END,
       b.complainant_id, CASE WHEN b.reached = 2 THEN b.h2 ELSE b.h1 END, b.subject_id,
       CASE WHEN b.subject_is = 'officer' THEN b.line_service_id
            WHEN b.kind = 'fraud' THEN (SELECT service_id FROM bench_cofficer
                                        WHERE idx = b.sv_idx) END
FROM bench_cmp b
JOIN bench_csummary cs ON cs.kind = b.kind AND cs.idx = b.t_idx
ORDER BY b.received_at, b.g
"""

COUNTERS = """
INSERT INTO protocol_referencecounter (prefix, year, last)
SELECT 'CMP', substr(reference, 5, 4)::int, max(substr(reference, 10)::int)
FROM complaints_complaint WHERE id > %(after)s AND reference ~ '^CMP-[0-9]{4}-[0-9]+$'
GROUP BY 1, 2
ON CONFLICT (prefix, year) DO UPDATE
    SET last = greatest(protocol_referencecounter.last, EXCLUDED.last)
"""

# The loaded rows found again by reference (unique) for their ids.
JOINED = """
FROM bench_cmp b
JOIN complaints_complaint c
    ON c.reference = 'CMP-' || b.yr || '-'
                     || lpad(b.number::text, greatest(5, length(b.number::text)), '0')
"""

HANDLINGS = """
INSERT INTO complaints_handling (complaint_id, handler_id, stage_position, started_at)
SELECT c.id, h.handler_id, h.position, h.started_at
""" + JOINED + """
CROSS JOIN LATERAL (VALUES (1, b.h1, b.received_at, true),
                           (2, b.h2, b.t2, b.reached = 2)) AS h(position, handler_id,
                                                                 started_at, wanted)
WHERE h.wanted
ORDER BY c.id, h.position
"""

EVENTS = """
INSERT INTO complaints_complaintevent (complaint_id, at, actor_id, action, from_state,
                                       to_state, stage_position, reason)
SELECT c.id, ev.at, ev.actor_id, ev.action, ev.from_state, ev.to_state, ev.position, ev.reason
""" + JOINED + """
JOIN protocol_user h1 ON h1.id = b.h1
LEFT JOIN bench_outcome o1 ON o1.value = b.outcome1
LEFT JOIN bench_outcome o2 ON o2.value = b.outcome2
CROSS JOIN LATERAL (VALUES
    (true, b.received_at, b.complainant_id, 'raised', '-',
     CASE WHEN b.scenario IN ('informal', 'resolved') THEN 'informal' ELSE 'with_handler' END,
     1, CASE WHEN b.scenario IN ('informal', 'resolved')
             THEN 'Informal resolution agreed first. ' ELSE '' END
        || format('Sent to %%s %%s (%%s).', h1.first_name, h1.last_name, b.title1)),
    (b.scenario = 'resolved', b.t1, b.h1, 'resolved informally', 'informal', 'closed', 1,
     'Apology given and accepted at a meeting.'),
    (b.consulted, b.received_at + (b.t1 - b.received_at) * 0.8, b.h1,
     'Independent Person consulted', '', '', 1, 'The Independent Person agreed the assessment.'),
    (b.scenario IN ('outcome1', 'open2', 'closed1', 'closed2'), b.t1, b.h1,
     CASE WHEN b.n_stages = 1 THEN 'decision: ' ELSE 'outcome: ' END || o1.label, 'with_handler',
     CASE WHEN b.n_stages = 1 THEN 'closed' ELSE 'outcome' END, 1,
     'The handler interviewed both parties and read the papers.'),
    (b.scenario = 'closed1' AND b.n_stages > 1, b.t2, b.complainant_id, 'outcome accepted',
     'outcome', 'closed', 1, ''),
    (b.scenario IN ('open2', 'closed2'), b.t2, b.complainant_id,
     'escalated to stage 2: ' || b.title2, 'outcome', 'with_handler', 2,
     'I am not satisfied that the outcome dealt with what I raised.'),
    (b.scenario = 'closed2', b.t3, b.h2,
     CASE WHEN b.last_reached THEN 'decision: ' ELSE 'outcome: ' END || o2.label, 'with_handler',
     CASE WHEN b.last_reached THEN 'closed' ELSE 'outcome' END, 2,
     'The panel reviewed the investigation and heard from both parties.'),
    (b.scenario = 'closed2' AND NOT b.last_reached, b.t3 + interval '1 day', b.complainant_id,
     'outcome accepted', 'outcome', 'closed', 2, ''),
    (b.scenario = 'withdrawn', b.t1, b.complainant_id, 'withdrawn', 'with_handler',
     'withdrawn', 1, '')
) AS ev(wanted, at, actor_id, action, from_state, to_state, position, reason)
WHERE ev.wanted
ORDER BY c.id, ev.at
"""


def _lookups() -> dict:
    kinds = [k for k in KIND_WEIGHTS if scalar(
        "SELECT count(*) FROM protocol_escalationstage s JOIN protocol_protocolprofile p "
        "ON p.id = s.profile_id WHERE p.is_active AND s.kind = %s", [k])]
    if not kinds:
        raise SystemExit("The active protocol profile has no complaint routes to load.")
    total = sum(KIND_WEIGHTS[k] for k in kinds)
    bounds, lo = [], 0.0
    for kind in kinds:
        hi = lo + KIND_WEIGHTS[kind] / total
        bounds.append((lo, 1.0 if kind == kinds[-1] else hi))
        lo = hi
    _execute(LOOKUPS, {
        "kinds": kinds, "lo": [b[0] for b in bounds], "hi": [b[1] for b in bounds],
        "informal_kinds": list(INFORMAL_KINDS),
        "outcomes": [v for v, _ in Outcome.choices],
        "labels": [str(label) for _, label in Outcome.choices],
        "summary_kinds": list(SUMMARIES),
        "summary_rows": ["|".join(s) for s in SUMMARIES.values()],
    })
    counts = {"n_officer": scalar("SELECT count(*) FROM bench_cofficer"),
              "n_cllr": scalar("SELECT count(*) FROM bench_ccllr")}
    if counts["n_officer"] < 2 or counts["n_cllr"] < 2:
        raise SystemExit("The demo council is missing: run `manage.py seed_demo` first.")
    return counts


def load(n: int, report: LoadReport) -> int:
    """Add `n` complaints with who handled them and their history."""
    after = scalar("SELECT coalesce(max(id), 0) FROM complaints_complaint")
    params = {"n": n, "now": timezone.now(), "tz": settings.TIME_ZONE, "after": after,
              "stage_days": STAGE_DAYS}
    with transaction.atomic():
        session_for_bulk_load()
        params |= _lookups()
        started = time.monotonic()
        _execute(STAGED, params)
        report.add("complaints drawn (temporary table)", time.monotonic() - started, n)
        with indexes_rebuilt(report, n >= REBUILD_INDEXES_FROM, TABLES):
            added = _run(report, "complaints", COMPLAINTS, params)
            _run(report, "complaint reference counters", COUNTERS, params)
            _run(report, "handlings (who handled each stage)", HANDLINGS, params)
            _run(report, "complaint history events",
                 sealed_insert(ComplaintEvent, EVENTS), params | keys.pads())  # hash-chained
        seal_loaded(report, ComplaintEvent, Complaint)
        check_keys(report, CHECKS)
        recount(report, TALLY_OF_CASES)
    return added


def complaint_count() -> int:
    return scalar("SELECT count(*) FROM complaints_complaint")


def load_to(target: int, progress=print) -> LoadReport:
    """Top the complaints up to `target` (nothing if there are that many already)."""
    report = LoadReport()
    have = complaint_count()
    if have >= target:
        progress(f"complaints_complaint already has {have:,} rows (target {target:,}): "
                 "no load.")
        return report
    progress(f"Loading {target - have:,} complaints ({have:,} there already) ...")
    load(target - have, report)
    vacuum_analyze(report, TABLES)
    progress(f"Loaded in {report.seconds:.1f} s.")
    return report
