"""The only ways to rewrite a history on PostgreSQL when the application connects as a role
that may not UPDATE or DELETE it (protocol.db_roles, docs/decisions/0010): retention's
erasure and the re-seal after it. Both are SECURITY DEFINER, so they run as the role that
ran this migration (the tables' owner), and both work only on hash-chained histories:
- `history_erase` replaces the named text columns of these cases' events with the fixed
  marker (an empty field stays empty); it cannot write any other text;
- `history_reseal` sets the seals (prev_hash, hash) of these events; it cannot change what
  an event says.
Each lets the append-only trigger through for its own statement only (the setting goes back
as it was). Nobody may run them but the owner, until `db_roles` grants the app role."""
from django.db import migrations

CHAINED = """
CREATE OR REPLACE FUNCTION history_is_chained(tbl regclass) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
BEGIN
    IF (SELECT count(*) FROM pg_attribute WHERE attrelid = tbl AND NOT attisdropped
        AND attname IN ('prev_hash', 'hash')) <> 2 THEN
        RAISE EXCEPTION '% is not a hash-chained history', tbl USING ERRCODE = '42501';
    END IF;
END $$;
"""

ERASE = """
CREATE OR REPLACE FUNCTION history_erase(tbl regclass, case_column text, cases bigint[],
                                         fields text[]) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    sets text;
    changed bigint;
    before text := coalesce(current_setting('casework.allow_erase', true), '');
BEGIN
    PERFORM history_is_chained(tbl);
    IF fields && ARRAY['id', 'prev_hash', 'hash', case_column] OR cardinality(fields) = 0 THEN
        RAISE EXCEPTION 'history_erase replaces text only' USING ERRCODE = '42501';
    END IF;
    SELECT string_agg(format('%I = CASE WHEN %I = '''' THEN '''' ELSE ''[anonymised]'' END',
                             f, f), ', ') INTO sets FROM unnest(fields) AS f;
    PERFORM set_config('casework.allow_erase', 'on', true);
    EXECUTE format('UPDATE %s SET %s WHERE %I = ANY($1)', tbl, sets, case_column)
        USING cases;
    GET DIAGNOSTICS changed = ROW_COUNT;
    PERFORM set_config('casework.allow_erase', before, true);
    RETURN changed;
END $$;
"""

RESEAL = """
CREATE OR REPLACE FUNCTION history_reseal(tbl regclass, ids bigint[], prevs text[],
                                          hashes text[]) RETURNS bigint
LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    changed bigint;
    before text := coalesce(current_setting('casework.allow_erase', true), '');
BEGIN
    PERFORM history_is_chained(tbl);
    PERFORM set_config('casework.allow_erase', 'on', true);
    EXECUTE format('UPDATE %s AS t SET prev_hash = s.p, hash = s.h '
                   'FROM unnest($1, $2, $3) AS s (i, p, h) WHERE t.id = s.i', tbl)
        USING ids, prevs, hashes;
    GET DIAGNOSTICS changed = ROW_COUNT;
    PERFORM set_config('casework.allow_erase', before, true);
    RETURN changed;
END $$;
"""

SIGNATURES = ("history_is_chained(regclass)",
              "history_erase(regclass, text, bigint[], text[])",
              "history_reseal(regclass, bigint[], text[], text[])")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (CHAINED, ERASE, RESEAL):
        schema_editor.execute(statement, params=None)
    for signature in SIGNATURES:
        schema_editor.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC", params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for signature in reversed(SIGNATURES):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {signature}", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('protocol', '0008_history_heads'),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
