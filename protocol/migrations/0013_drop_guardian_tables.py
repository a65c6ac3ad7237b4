"""django-guardian is no longer installed (docs/decisions/0013): who may see a case follows
from its facts and the rows of access given. A database upgraded from before keeps
guardian's own two tables, never written to; they go here, where they exist."""
from django.db import migrations

GUARDIAN_TABLES = ("guardian_userobjectpermission", "guardian_groupobjectpermission")


def drop_guardian_tables(apps, schema_editor) -> None:
    connection = schema_editor.connection
    present = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in GUARDIAN_TABLES:
            if table in present:
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")


class Migration(migrations.Migration):

    dependencies = [
        ("protocol", "0012_notification_claim"),
    ]

    operations = [
        migrations.RunPython(drop_guardian_tables, migrations.RunPython.noop),
    ]
