"""What people wrote on a case is sealed on its own rows (protocol.machinery.history.records):
`record_seal`, and the backfill that seals the rows already there. The fields are frozen
here as they were when this ran, whatever the models say later.

SQLite adds the column by rebuilding the table, which drops its triggers: the dashboard
tally's are put back (and recounted) after, and before on the way back."""
from django.db import migrations, models

from casework.models.tally import TALLY
from protocol.machinery import tally
from protocol.machinery.history import seal_rows

reinstall_tally = tally.reinstall_on_sqlite(TALLY)

SEALED = {
    "Enquiry": ("raised_by_id", "subject", "details", "on_behalf_of_constituent",
                "constituent_name", "constituent_contact", "constituent_address", "confidential",
                "relationship_note", "legal_hold_reason", "visibility", "ward_id", "service_id"),
    "Correspondence": ("enquiry_id", "kind", "author_id", "body", "reasons", "revised_due_on",
                       "confidential", "late", "sent_at"),
    "Attachment": ("enquiry_id", "correspondence_id", "file", "name", "uploaded_by_id"),
}


def seal_existing_rows(apps, schema_editor):
    for name, fields in SEALED.items():
        seal_rows(apps.get_model("casework", name), fields, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0008_reseal_history_with_key'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, reinstall_tally),
        migrations.AddField(
            model_name='attachment',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='correspondence',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='enquiry',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.RunPython(reinstall_tally, migrations.RunPython.noop),
        migrations.RunPython(seal_existing_rows, migrations.RunPython.noop),
    ]
