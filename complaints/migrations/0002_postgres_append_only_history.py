"""PostgreSQL only: a complaint's history refuses UPDATE, DELETE and TRUNCATE in the
database itself (DESIGN: 'cannot be edited afterwards'), unless the session opts in with
casework.allow_erase, as retention erasure and a test database's flush do."""
from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION complaints_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('casework.allow_erase', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'complaint history is append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER complaints_event_no_update BEFORE UPDATE OR DELETE ON complaints_complaintevent
    FOR EACH ROW EXECUTE FUNCTION complaints_append_only();
CREATE TRIGGER complaints_event_no_truncate BEFORE TRUNCATE ON complaints_complaintevent
    FOR EACH STATEMENT EXECUTE FUNCTION complaints_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS complaints_event_no_update ON complaints_complaintevent;
DROP TRIGGER IF EXISTS complaints_event_no_truncate ON complaints_complaintevent;
DROP FUNCTION IF EXISTS complaints_append_only();
"""


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(on_postgres(APPEND_ONLY), on_postgres(DROP))]
