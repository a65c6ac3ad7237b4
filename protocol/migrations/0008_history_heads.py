"""The heads of the case histories (protocol.machinery.history.heads); each app's own migration sets
them for the histories it holds."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('protocol', '0007_profile_expiry_above_director'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoryHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('history', models.CharField(help_text="The history's model, app.model", max_length=100)),
                ('case', models.BigIntegerField()),
                ('event', models.BigIntegerField(help_text="The newest event's id")),
                ('hash', models.CharField(help_text="The newest event's seal", max_length=64)),
                ('seal', models.CharField(max_length=64)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('history', 'case'), name='history_head_one_per_case')],
            },
        ),
    ]
