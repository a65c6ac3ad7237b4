"""The only ways to rewrite a history on PostgreSQL when the application connects as a role
that may not UPDATE or DELETE it (protocol.machinery.db_roles, docs/decisions/0010): retention's
erasure and the re-seal after it. Both are SECURITY DEFINER, so they run as the role that
ran this migration (the tables' owner), and both work only on hash-chained histories:
- `history_erase` replaces the named text columns of these cases' events with the fixed
  marker (an empty field stays empty); it cannot write any other text, and refuses a case
  whose own row retention is not anonymising, or that is under a legal hold;
- `history_reseal` sets the seals (prev_hash, hash) of these events; it cannot change what
  an event says;
- `ward_notice_erase` does retention's erasure of ward notices (append-only, and the app
  role may not UPDATE them), setting the seals the caller computed.
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

# Which history each table is, fixed here and not taken from the caller: the column naming
# its case, the case's table, whether a case may be under a legal hold, and the text that
# erasure may replace. A history is erased only for cases its parent row says retention
# is anonymising (anonymised_at set, in this transaction or before) and that are not held.
ERASE = """
CREATE OR REPLACE FUNCTION history_erase(tbl regclass, cases bigint[], fields text[])
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    spec record;
    sets text;
    refused bigint;
    changed bigint;
    before text := coalesce(current_setting('casework.allow_erase', true), '');
BEGIN
    SELECT * INTO spec FROM (VALUES
        ('casework_enquiryevent'::regclass, 'enquiry_id', 'casework_enquiry', true,
         ARRAY['summary']),
        ('complaints_complaintevent'::regclass, 'complaint_id', 'complaints_complaint', true,
         ARRAY['reason']),
        ('registers_informationrequestevent'::regclass, 'request_id',
         'registers_informationrequest', false, ARRAY['summary']),
        ('registers_grouprequestevent'::regclass, 'request_id', 'registers_grouprequest',
         false, ARRAY['summary']),
        ('registers_relationshipevent'::regclass, 'relationship_id', 'registers_relationship',
         false, ARRAY['summary'])
    ) AS w (history, case_column, parent, holdable, texts) WHERE w.history = tbl;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not a history retention erases', tbl USING ERRCODE = '42501';
    END IF;
    IF cardinality(fields) = 0 OR NOT fields <@ spec.texts THEN
        RAISE EXCEPTION 'history_erase replaces % only', spec.texts USING ERRCODE = '42501';
    END IF;
    EXECUTE format('SELECT count(*) FROM unnest($1) AS c (id) LEFT JOIN %I AS p ON p.id = c.id '
                   'WHERE p.id IS NULL OR p.anonymised_at IS NULL%s', spec.parent,
                   CASE WHEN spec.holdable THEN ' OR p.legal_hold' ELSE '' END)
        INTO refused USING cases;
    IF refused > 0 THEN
        RAISE EXCEPTION 'history_erase: % case(s) are not being anonymised, or are held',
            refused USING ERRCODE = '42501';
    END IF;
    SELECT string_agg(format('%I = CASE WHEN %I = '''' THEN '''' ELSE ''[anonymised]'' END',
                             f, f), ', ') INTO sets FROM unnest(fields) AS f;
    PERFORM set_config('casework.allow_erase', 'on', true);
    EXECUTE format('UPDATE %s SET %s WHERE %I = ANY($1)', tbl, sets, spec.case_column)
        USING cases;
    GET DIAGNOSTICS changed = ROW_COUNT;
    PERFORM set_config('casework.allow_erase', before, true);
    RETURN changed;
END $$;
"""

# The ward notices are append-only too, and the app's role may not UPDATE them: retention
# replaces a notice's title and details with the marker, stamps it, and sets the seal it
# computed (the key stays in Python), for notices not yet anonymised only.
NOTICE_ERASE = """
CREATE OR REPLACE FUNCTION ward_notice_erase(ids bigint[], seals text[], at timestamptz)
RETURNS bigint
LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    changed bigint;
    before text := coalesce(current_setting('casework.allow_erase', true), '');
BEGIN
    PERFORM set_config('casework.allow_erase', 'on', true);
    UPDATE registers_wardnotice AS n
    SET title = CASE WHEN n.title = '' THEN '' ELSE '[anonymised]' END,
        details = CASE WHEN n.details = '' THEN '' ELSE '[anonymised]' END,
        anonymised_at = at, record_seal = s.seal
    FROM unnest(ids, seals) AS s (id, seal)
    WHERE n.id = s.id AND n.anonymised_at IS NULL;
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
              "history_erase(regclass, bigint[], text[])",
              "history_reseal(regclass, bigint[], text[], text[])",
              "ward_notice_erase(bigint[], text[], timestamptz)")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (CHAINED, ERASE, RESEAL, NOTICE_ERASE):
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
