"""Sealing rows that did not come through `append`: the backfill of rows written before the
chain existed, and bulk loads. On PostgreSQL set-based, in SQL that hashes exactly as
`encode` and `link` do: a window aggregate runs each case's chain in event order."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

from . import keys
from .chain import Chain, HashChained, encode, link

SQL_STAMP = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
# The append-only triggers let a session through when it sets this (migrations 0002).
BYPASS = "casework.allow_erase"
# The owner's functions that rewrite a history for a role that may not (protocol 0009).
RESEAL = "history_reseal(regclass, bigint[], text[], text[])"
ERASE = "history_erase(regclass, bigint[], text[])"
# Session-temporary, so no migration owns them. HMAC-SHA256 spelt out with sha256 (no
# pgcrypto): the key's inner and outer pads come as parameters (`keys.pads`), never in the
# functions' text, which every session can read in pg_proc. PL/pgSQL: a SQL-language transition
# function is not inlined, and costs several times as much a row.
SQL_FUNCTIONS: Sequence[str] = (
    """CREATE OR REPLACE FUNCTION pg_temp.history_link(prev text, content text,
                                                       ipad bytea, opad bytea)
       RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
       BEGIN
           RETURN encode(sha256(opad || sha256(
               ipad || convert_to(prev || E'\\n' || content, 'UTF8'))), 'hex');
       END $$""",
    """CREATE OR REPLACE AGGREGATE pg_temp.history_chain(text, bytea, bytea) (
       SFUNC = pg_temp.history_link, STYPE = text, INITCOND = '')""",
)
KEYED = "%(history_ipad)s, %(history_opad)s"  # the pads, as named parameters
INTEGERS = ("ForeignKey", "AutoField", "BigAutoField", "IntegerField", "BigIntegerField",
            "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField")
INSERT = re.compile(r"\s*INSERT\s+INTO\s+(\S+)\s*\(([^)]*)\)\s*(SELECT\b.*)", re.S | re.I)


def reseal(model: type[models.Model], chain: Chain, *, after: int = 0,
           cases: Sequence[int] | None = None, using: str = DEFAULT_DB_ALIAS,
           heads: bool = False) -> int:
    """Re-link the chain of every case whose id is above `after` (and, given `cases`, is one
    of them) from its rows as they stand, in event id order, and return the rows changed.
    The append-only trigger lets this transaction through for the length of the call only.
    Retention erasure passes the cases it rewrote: their chains only are re-sealed. With
    `heads`, the cases' heads are set to their re-sealed ends too (migrations that run
    before the heads exist leave them to the heads' own backfill)."""
    if cases is not None and not cases:
        return 0
    with transaction.atomic(using=using):
        if connections[using].vendor != "postgresql":
            changed = _reseal_rows(model, chain, after, using, cases)
        elif cases is not None and _definer(using):
            changed = _reseal_cases_postgres(model, chain, after, using, cases)
        else:
            changed = _reseal_postgres(model, chain, after, using, cases)
        if heads:
            from .heads import write

            write(model, chain, after=after, cases=cases, using=using)
    return changed


def _definer(using: str) -> bool:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regprocedure(%s) IS NOT NULL", [RESEAL])
        return cursor.fetchone()[0]


def _reseal_cases_postgres(model: type[models.Model], chain: Chain, after: int, using: str,
                           cases: Sequence[int]) -> int:
    """Retention's re-seal of a few cases: linked in Python, so only the seals go to the
    server (the key's pads in a statement could reach its logs), written by
    `history_reseal`."""
    changed = _relinked(model, chain, after, using, cases)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT history_reseal(%s::regclass, %s::bigint[], %s::text[], "
                       "%s::text[])", [model._meta.db_table, [pk for pk, _, _ in changed],
                                       [prev for _, prev, _ in changed],
                                       [digest for _, _, digest in changed]])
        return cursor.fetchone()[0]


def _reseal_postgres(model: type[models.Model], chain: Chain, after: int, using: str,
                     cases: Sequence[int] | None) -> int:
    """Computed in SQL, written by `history_reseal` (protocol migration 0009): the app's own
    role may not UPDATE a history. Before that function exists (the migrations that sealed
    the first chains), the owner running them writes directly, past the trigger."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regprocedure(%s) IS NOT NULL", [RESEAL])
        definer = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(current_setting(%s, true), '')", [BYPASS])
        before = cursor.fetchone()[0]
        if not definer:
            cursor.execute("SELECT set_config(%s, 'on', true)", [BYPASS])
        _create_functions(cursor)
        sql = _reseal_sql(model, chain, connection.ops.quote_name, cases is not None, definer)
        cursor.execute(sql, {"after": after, "cases": list(cases or ()),
                             "table": model._meta.db_table, **keys.pads()})
        changed = cursor.fetchone()[0] if definer else cursor.rowcount
        cursor.execute("SELECT set_config(%s, %s, true)", [BYPASS, before])
    return changed


def sealed_insert(model: type[HashChained], statement: str,
                  using: str = DEFAULT_DB_ALIAS) -> str:
    """`INSERT INTO <model's table> (<columns>) SELECT ...` (PostgreSQL) rewritten to insert
    the same rows, in the SELECT's order, each linked to the one before on its case: a bulk
    load seals as it goes, instead of rewriting every row afterwards. The cases must be
    new (each chain starts at its first loaded row). The statement's parameters must be
    named (`%(name)s`); run it with them and `keys.pads()`, which the sealing needs, then
    set the cases' heads with `heads.write`."""
    qn = connections[using].ops.quote_name
    found = INSERT.fullmatch(statement)
    if not found or found[1].strip('"') != model._meta.db_table:
        raise ValueError(f"not an INSERT ... SELECT into {model._meta.db_table}")
    columns = [c.strip().strip('"') for c in found[2].split(",")]
    chain = model.chain
    if chain.on not in columns:
        raise ValueError(f"the rows must name their case ({chain.on})")
    with connections[using].cursor() as cursor:
        _create_functions(cursor)
    listed, on = ", ".join(qn(c) for c in columns), qn(chain.on)
    content = " || ".join(_sql_field(model, name, qn, columns) for name in chain.fields)
    window = f"PARTITION BY {on} ORDER BY history_n"
    return f"""
        WITH loaded ({listed}) AS MATERIALIZED ({found[3]}),
        numbered AS (SELECT *, row_number() OVER () AS history_n FROM loaded),
        linked AS (SELECT *, pg_temp.history_chain({content}, {KEYED}) OVER ({window}) AS history_h
                   FROM numbered)
        INSERT INTO {qn(model._meta.db_table)} ({listed}, prev_hash, hash)
        SELECT {listed}, coalesce(lag(history_h) OVER ({window}), ''), history_h
        FROM linked ORDER BY {on}, history_n"""


def _create_functions(cursor: Any) -> None:
    """The sealing functions, before a statement that sends the key's pads: that statement
    must not reach the server's logs (`log_statement`, `log_min_duration_statement`,
    auto_explain), so logging is turned off for the rest of the transaction where the role
    may (a superuser). Otherwise the server must not log the role's statements (ADR 0010)."""
    cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    if cursor.fetchone()[0]:
        cursor.execute("SET LOCAL log_statement = 'none'")
        cursor.execute("SET LOCAL log_min_duration_statement = -1")
    for statement in SQL_FUNCTIONS:
        cursor.execute(statement)


def _reseal_rows(model: type[models.Model], chain: Chain, after: int, using: str,
                 cases: Sequence[int] | None = None) -> int:
    changed = [model(pk=pk, prev_hash=prev, hash=digest)
               for pk, prev, digest in _relinked(model, chain, after, using, cases)]
    model._base_manager.using(using).bulk_update(changed, ["prev_hash", "hash"],
                                                 batch_size=500)
    return len(changed)


def _relinked(model: type[models.Model], chain: Chain, after: int, using: str,
              cases: Sequence[int] | None) -> list[tuple[Any, str, str]]:
    """The events whose seals differ from their chain's as it stands: (id, new prev_hash,
    new hash) for each."""
    rows = model._base_manager.using(using).filter(**{f"{chain.on}__gt": after})
    if cases is not None:
        rows = rows.filter(**{f"{chain.on}__in": list(cases)})
    linked = (rows
              .order_by(chain.on, "pk")
              .values_list(chain.on, "pk", "prev_hash", "hash", *chain.fields))
    changed: list[tuple[Any, str, str]] = []
    case, prev = None, ""
    for case_id, pk, old_prev, old_hash, *values in linked.iterator(chunk_size=2000):
        if case_id != case:
            case, prev = case_id, ""
        digest = link(prev, encode(values))
        if (old_prev, old_hash) != (prev, digest):
            changed.append((pk, prev, digest))
        prev = digest
    return changed


def _field(model: type[models.Model], name: str) -> tuple[models.Field[Any, Any], str]:
    """One of `model`'s columns (a chain's, a seal's, its case, its key) and the column's
    name: never a reverse relation, which has no column."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise TypeError(f"{model._meta.label}.{name} is not a column")
    return field, field.column


def _pk_column(model: type[models.Model]) -> str:
    return _field(model, model._meta.pk.name)[1]


def _sql_field(model: type[models.Model], name: str, qn: Any,
               present: Sequence[str] | None = None) -> str:
    """`encode` for one column, in SQL, written out (a function call costs more a row). A
    nullable column a bulk insert leaves out is NULL."""
    model_field, column_name = _field(model, name)
    column = qn(column_name)
    internal = model_field.get_internal_type()
    if present is not None and column_name not in present:
        if not model_field.null or model_field.has_db_default():
            raise ValueError(f"the rows must give {name}")
        return "'~'"
    if internal == "DateTimeField":
        text = f"to_char({column} AT TIME ZONE 'UTC', '{SQL_STAMP}')"
    elif internal == "DateField":  # the sealed rows' (`records`) own kinds of field
        text = f"to_char({column}, 'YYYY-MM-DD')"
    elif internal == "BooleanField":
        text = f"(CASE {column} WHEN true THEN 'true' WHEN false THEN 'false' END)"
    elif internal in ("CharField", "TextField", "FileField", *INTEGERS):
        text = f"{column}::text"
    else:
        raise TypeError(f"a history field cannot be a {internal}")
    return f"coalesce(octet_length(convert_to({text}, 'UTF8'))::text || ':' || {text}, '~')"


def _reseal_sql(model: type[models.Model], chain: Chain, qn: Any,
                named_cases: bool = False, definer: bool = True) -> str:
    table, pk = qn(model._meta.db_table), qn(_pk_column(model))
    on = qn(_field(model, chain.on)[1])
    content = " || ".join(_sql_field(model, name, qn) for name in chain.fields)
    window = f"PARTITION BY {on} ORDER BY {pk}"
    where = f"{on} > %(after)s" + (f" AND {on} = ANY(%(cases)s)" if named_cases else "")
    linked = f"""
        WITH linked AS (
            SELECT {pk} AS id, h AS hash, coalesce(lag(h) OVER ({window}), '') AS prev_hash,
                   old_prev, old_hash
            FROM (SELECT {pk}, {on}, prev_hash AS old_prev, hash AS old_hash,
                         pg_temp.history_chain({content}, {KEYED}) OVER ({window}) AS h
                  FROM {table} WHERE {where}) AS running),
        changed AS (SELECT * FROM linked
                    WHERE (old_prev, old_hash) IS DISTINCT FROM (prev_hash, hash))"""
    if definer:
        return linked + """
        SELECT coalesce(history_reseal(%(table)s::regclass, array_agg(id)::bigint[],
                                       array_agg(prev_hash)::text[], array_agg(hash)::text[]),
                        0)
        FROM changed"""
    return linked + f"""
        UPDATE {table} AS t SET prev_hash = changed.prev_hash, hash = changed.hash
        FROM changed WHERE t.{pk} = changed.id"""


def seal_rows_sql(model: type[models.Model], fields: Sequence[str],
                  pks: Sequence[Any] | None, using: str = DEFAULT_DB_ALIAS,
                  key: str = "pk") -> int:
    """`records.seal_rows` on PostgreSQL, in one UPDATE: the same seal, in SQL. An
    append-only register's trigger lets the seal column through for this statement."""
    connection = connections[using]
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(_pk_column(model))
    name = pk if key == "pk" else qn(_field(model, key)[1])
    content = " || ".join(_sql_field(model, name, qn) for name in fields)
    where = "" if pks is None else f"WHERE {pk} = ANY(%(pks)s)"
    with transaction.atomic(using=using), connection.cursor() as cursor:
        _create_functions(cursor)
        cursor.execute("SELECT coalesce(current_setting(%s, true), '')", [BYPASS])
        before = cursor.fetchone()[0]
        cursor.execute("SELECT set_config(%s, 'on', true)", [BYPASS])
        cursor.execute(f"""
            UPDATE {table} AS t SET record_seal = s.seal
            FROM (SELECT {pk} AS id,
                         pg_temp.history_link(%(name)s || {name}::text, {content}, {KEYED}) AS seal
                  FROM {table} {where}) AS s
            WHERE t.{pk} = s.id AND t.record_seal IS DISTINCT FROM s.seal""",
                       {"name": f"{model._meta.label_lower}#", "pks": list(pks or ()),
                        **keys.pads()})
        changed = cursor.rowcount
        cursor.execute("SELECT set_config(%s, %s, true)", [BYPASS, before])
        return changed


def write_heads_sql(model: type[models.Model], chain: Chain, head_model: type[models.Model],
                    after: int, cases: Sequence[int] | None, using: str) -> int:
    """`heads.write` on PostgreSQL, in one INSERT ... ON CONFLICT: the same seals, in SQL."""
    connection = connections[using]
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(_pk_column(model))
    on, heads = qn(_field(model, chain.on)[1]), qn(head_model._meta.db_table)
    where = f"{on} > %(after)s" + (f" AND {on} = ANY(%(cases)s)" if cases is not None else "")
    name = f"'head:' || %(history)s || '#' || {on}::text || '#' || {pk}::text"
    with transaction.atomic(using=using), connection.cursor() as cursor:
        _create_functions(cursor)
        cursor.execute(f"""
            INSERT INTO {heads} (history, "case", event, hash, seal)
            SELECT %(history)s, {on}, {pk}, hash,
                   pg_temp.history_link({name}, length(hash)::text || ':' || hash, {KEYED})
            FROM (SELECT DISTINCT ON ({on}) {on}, {pk}, hash FROM {table} WHERE {where}
                  ORDER BY {on}, {pk} DESC) AS newest
            ON CONFLICT (history, "case") DO UPDATE
            SET event = EXCLUDED.event, hash = EXCLUDED.hash, seal = EXCLUDED.seal""",
                       {"history": model._meta.label_lower, "after": after,
                        "cases": list(cases or ()), **keys.pads()})
        return cursor.rowcount
