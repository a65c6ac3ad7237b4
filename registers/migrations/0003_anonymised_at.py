"""When each register record was anonymised under the retention policy
(protocol.machinery.retention, registers/retention.py). Nullable: added in place on SQLite and
PostgreSQL alike, so the append-only triggers stay untouched."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0002_postgres_append_only'),
    ]

    operations = [
        migrations.AddField(
            model_name='grouprequest',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, help_text='When its personal data was replaced under the retention policy (protocol.machinery.retention)', null=True),
        ),
        migrations.AddField(
            model_name='informationrequest',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, help_text='When its personal data was replaced under the retention policy (protocol.machinery.retention)', null=True),
        ),
        migrations.AddField(
            model_name='relationship',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, help_text='When its personal data was replaced under the retention policy (protocol.machinery.retention)', null=True),
        ),
        migrations.AddField(
            model_name='wardnotice',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, help_text='When its personal data was replaced under the retention policy (protocol.machinery.retention)', null=True),
        ),
    ]
