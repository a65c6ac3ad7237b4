"""The hash chain on the registers' timelines (protocol.machinery.history), and the backfill that
links the entries written before it, entry by entry in event order. The chains are frozen
here as they were when this ran, whatever the models say later."""
from django.db import migrations, models

from protocol.machinery.history import Chain, reseal

CONTENT = ("at", "actor_id", "action", "from_state", "to_state", "summary")
CHAINS = {
    "GroupRequestEvent": Chain(on="request_id", fields=("request_id", *CONTENT)),
    "InformationRequestEvent": Chain(on="request_id", fields=("request_id", *CONTENT)),
    "RelationshipEvent": Chain(on="relationship_id", fields=("relationship_id", *CONTENT)),
}


def backfill(apps, schema_editor):
    for name, chain in CHAINS.items():
        reseal(apps.get_model("registers", name), chain,
               using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0003_anonymised_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='grouprequestevent',
            name='hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='grouprequestevent',
            name='prev_hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='informationrequestevent',
            name='hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='informationrequestevent',
            name='prev_hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='relationshipevent',
            name='hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='relationshipevent',
            name='prev_hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
