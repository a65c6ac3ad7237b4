"""The hash chain on a complaint's history (protocol.machinery.history), and the backfill that links the
events written before it, case by case in event order. The chain is frozen here as it was
when this ran, whatever the model says later."""
from django.db import migrations, models

from protocol.machinery.history import Chain, reseal

CHAIN = Chain(on="complaint_id", fields=("complaint_id", "at", "actor_id", "action",
                                         "from_state", "to_state", "stage_position", "reason"))


def backfill(apps, schema_editor):
    event = apps.get_model("complaints", "ComplaintEvent")
    reseal(event, CHAIN, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0003_complaintevent_action_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='complaintevent',
            name='hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='complaintevent',
            name='prev_hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
