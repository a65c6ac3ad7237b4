"""EXPLAIN (ANALYZE, BUFFERS) of the queries a page ran: which scans they used, how long
PostgreSQL took, and whether any read a whole table."""
from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection

SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Bitmap Index Scan"}


@dataclass(frozen=True)
class Plan:
    sql: str
    milliseconds: float
    scans: list[str]  # e.g. "Index Scan using enquiry_officer_queue on casework_enquiry"
    outline: str  # the plan's nodes, outermost first
    text: str

    @property
    def full_scans(self) -> list[str]:
        return [s for s in self.scans if s.startswith("Seq Scan on casework_")]

    @property
    def label(self) -> str:
        head = self.sql.lstrip()[:60].upper()
        return "count" if head.startswith("SELECT COUNT(") else "rows"


def _walk(node: dict, depth: int = 0):
    yield depth, node
    for child in node.get("Plans", []):
        yield from _walk(child, depth + 1)


def _describe(node: dict) -> str:
    kind = node["Node Type"]
    if node.get("Index Name"):
        kind += f" using {node['Index Name']}"
    if node.get("Relation Name"):
        kind += f" on {node['Relation Name']}"
    return kind


def explain(sql: str) -> Plan:
    """Run the query under EXPLAIN ANALYZE (it really runs: read-only queries only)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        raw = cursor.fetchone()[0]
        document = (json.loads(raw) if isinstance(raw, str) else raw)[0]
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
    nodes = list(_walk(document["Plan"]))
    scans = [_describe(n) for _, n in nodes if n["Node Type"] in SCANS]
    outline = " > ".join(_describe(n) if n["Node Type"] in SCANS else n["Node Type"]
                         for _, n in nodes)
    return Plan(sql=sql, milliseconds=document["Execution Time"], scans=scans,
                outline=outline, text=text)


def touches(sql: str, table: str) -> bool:
    return f'"{table}"' in sql or f" {table} " in sql
