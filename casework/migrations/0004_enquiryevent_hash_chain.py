"""The hash chain on an enquiry's history (protocol.machinery.history), and the backfill that links the
events written before it, case by case in event order. The chain is frozen here as it was
when this ran, whatever the model says later."""
from django.db import migrations, models

from protocol.machinery.history import Chain, reseal

CHAIN = Chain(on="enquiry_id", fields=("enquiry_id", "at", "actor_id", "kind", "from_state",
                                       "to_state", "summary", "correspondence_id"))


def backfill(apps, schema_editor):
    event = apps.get_model("casework", "EnquiryEvent")
    reseal(event, CHAIN, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0003_alter_enquiryevent_kind'),
    ]

    operations = [
        migrations.AddField(
            model_name='enquiryevent',
            name='hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='enquiryevent',
            name='prev_hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
