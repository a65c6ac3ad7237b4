"""Retention: periods per record type in each profile (the seeds set none, so every
profile gets the council's default schedule), the log of retention runs, and an index that
finds the emails about a case by its page."""
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from protocol.machinery.retention.seed import install_retention


def default_periods(apps, schema_editor):
    install_retention(apps.get_model("protocol", "ProtocolProfile"),
                      apps.get_model("protocol", "RetentionPeriod"))


class Migration(migrations.Migration):

    dependencies = [
        ('protocol', '0002_seed_profiles'),
    ]

    operations = [
        migrations.CreateModel(
            name='RetentionPeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('record_type', models.CharField(choices=[('enquiry', 'Councillor enquiries'), ('complaint.officer_conduct', 'Councillor complaints about an officer'), ('complaint.councillor_conduct', 'Officer grievances about a councillor'), ('complaint.code_of_conduct', 'Code of Conduct complaints'), ('complaint.fraud', 'Concerns about fraud, corruption or malpractice'), ('complaint.clerk_concern', 'Councillor concerns about the Clerk'), ('information_request', 'Need-to-know requests for information'), ('group_request', "Political groups' requests"), ('relationship', 'Declared close personal relationships'), ('ward_notice', 'Ward notices')], max_length=32)),
                ('years', models.PositiveSmallIntegerField(help_text='Whole years after the record ends; on that anniversary it is anonymised', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)])),
                ('basis', models.TextField(blank=True, help_text="Why this period: the council's records management policy, a statute, guidance")),
            ],
            options={
                'ordering': ['profile', 'record_type'],
            },
        ),
        migrations.CreateModel(
            name='RetentionRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_at', models.DateTimeField()),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('as_of', models.DateField(help_text='The day expiry was judged for')),
                ('anonymised', models.JSONField(default=dict, help_text='Records anonymised, by type')),
                ('held', models.JSONField(default=dict, help_text='Expired records kept for a legal hold, by type')),
            ],
            options={
                'ordering': ['-started_at'],
            },
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['url'], name='notification_url'),
        ),
        migrations.AddField(
            model_name='retentionperiod',
            name='profile',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='retention_periods', to='protocol.protocolprofile'),
        ),
        migrations.AddConstraint(
            model_name='retentionperiod',
            constraint=models.UniqueConstraint(fields=('profile', 'record_type'), name='retention_period_once_per_type'),
        ),
        migrations.RunPython(default_periods, migrations.RunPython.noop),
    ]
