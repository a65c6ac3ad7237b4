"""PostgreSQL only: the registers' timelines, ward notices and their delivery log refuse
UPDATE, DELETE and TRUNCATE in the database itself (DESIGN: 'cannot be edited afterwards'),
unless the session opts in with casework.allow_erase, as retention erasure and a test
database's flush do (as complaints migration 0002)."""
from django.db import migrations

TABLES = ("registers_grouprequestevent", "registers_informationrequestevent",
          "registers_relationshipevent", "registers_wardnotice", "registers_wardnoticedelivery")

FUNCTION = """
CREATE OR REPLACE FUNCTION registers_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('casework.allow_erase', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'the register is append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGERS = "".join(f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION registers_append_only();
CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION registers_append_only();
""" for table in TABLES)
DROP = "".join(f"""
DROP TRIGGER IF EXISTS {table}_no_update ON {table};
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
""" for table in TABLES) + "DROP FUNCTION IF EXISTS registers_append_only();"


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]

    operations = [migrations.RunPython(on_postgres(FUNCTION + TRIGGERS), on_postgres(DROP))]
