"""Legal hold and anonymisation stamps (protocol.machinery.retention), and the retention run's
queue index.

SQLite adds a NOT NULL column by rebuilding the table, which drops its triggers: the
dashboard tally's are put back (and recounted) after, and before on the way back. On
PostgreSQL the columns are added in place and the triggers stay."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from casework.models.tally import TALLY
from protocol.machinery import tally

reinstall_tally = tally.reinstall_on_sqlite(TALLY)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0005_queue_indexes_and_tally'),
        ('protocol', '0003_retention'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, reinstall_tally),
        migrations.AddField(
            model_name='enquiry',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, help_text='When its personal data was replaced under the retention policy', null=True),
        ),
        migrations.AddField(
            model_name='enquiry',
            name='legal_hold',
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddField(
            model_name='enquiry',
            name='legal_hold_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='enquiry',
            name='legal_hold_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='enquiry',
            name='legal_hold_reason',
            field=models.TextField(blank=True, db_default='', default=''),
        ),
        migrations.AlterField(
            model_name='enquiryevent',
            name='kind',
            field=models.CharField(choices=[('logged', 'Logged'), ('assigned', 'Sent to officer'), ('accepted', 'Accepted'), ('reassigned', 'Reassigned'), ('information', 'Information added'), ('message', 'Message'), ('holding_reply', 'Holding reply'), ('response', 'Full response'), ('confirmed', 'Confirmed answered'), ('closed', 'Closed'), ('withdrawn', 'Withdrawn'), ('reopened', 'Reopened'), ('reminder', 'Reminder sent'), ('expired', 'Deadline passed'), ('deadline_changed', 'Deadline recalculated'), ('attachment', 'Attachment added'), ('note', 'Note'), ('legal_hold', 'Legal hold set'), ('legal_hold_released', 'Legal hold released'), ('anonymised', 'Anonymised')], max_length=20),
        ),
        migrations.AddIndex(
            model_name='enquiry',
            index=models.Index(condition=models.Q(('anonymised_at__isnull', True), ('closed_at__isnull', False)), fields=['closed_at', 'id'], name='enquiry_retention'),
        ),
        migrations.RunPython(reinstall_tally, migrations.RunPython.noop),
    ]
