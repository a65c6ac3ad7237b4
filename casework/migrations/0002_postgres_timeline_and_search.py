"""PostgreSQL only: the timeline refuses UPDATE, DELETE and TRUNCATE in the database
itself (unless the session sets casework.allow_erase, as retention erasure will), and enquiries get a full-text search index. SQLite keeps the model-level guard
and a plain search."""
from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION casework_append_only() RETURNS trigger AS $$
BEGIN
    -- Erasure under the retention policy (and a test database's flush) opt in per session.
    IF current_setting('casework.allow_erase', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'casework timeline is append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER casework_enquiryevent_no_update BEFORE UPDATE OR DELETE ON casework_enquiryevent
    FOR EACH ROW EXECUTE FUNCTION casework_append_only();
CREATE TRIGGER casework_enquiryevent_no_truncate BEFORE TRUNCATE ON casework_enquiryevent
    FOR EACH STATEMENT EXECUTE FUNCTION casework_append_only();
"""
DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS casework_enquiryevent_no_update ON casework_enquiryevent;
DROP TRIGGER IF EXISTS casework_enquiryevent_no_truncate ON casework_enquiryevent;
DROP FUNCTION IF EXISTS casework_append_only();
"""
SEARCH = """
CREATE INDEX IF NOT EXISTS casework_enquiry_search ON casework_enquiry USING gin (
    (to_tsvector('english'::regconfig, coalesce(reference, '') || ' ' || coalesce(subject, '')
     || ' ' || coalesce(details, ''))));
"""
DROP_SEARCH = "DROP INDEX IF EXISTS casework_enquiry_search;"


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [
        migrations.RunPython(on_postgres(APPEND_ONLY), on_postgres(DROP_APPEND_ONLY)),
        migrations.RunPython(on_postgres(SEARCH), on_postgres(DROP_SEARCH)),
    ]
