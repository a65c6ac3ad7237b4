"""The heads of the registers' timelines (protocol.machinery.history.heads), set to where each chain
ends now, so that `verify_history` can tell a chain whose newest events were deleted.
The chains are frozen here as they were when this ran, whatever the models say later."""
from django.db import migrations

from protocol.machinery.history import Chain
from protocol.machinery.history.heads import write

CONTENT = ("at", "actor_id", "action", "from_state", "to_state", "summary")
CHAINS = {
    "GroupRequestEvent": Chain(on="request_id", fields=("request_id", *CONTENT)),
    "InformationRequestEvent": Chain(on="request_id", fields=("request_id", *CONTENT)),
    "RelationshipEvent": Chain(on="relationship_id", fields=("relationship_id", *CONTENT)),
}


def write_heads(apps, schema_editor):
    for name, chain in CHAINS.items():
        write(apps.get_model("registers", name), chain, using=schema_editor.connection.alias,
              head_model=apps.get_model("protocol", "HistoryHead"))


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0007_seal_what_people_wrote'),
        ('protocol', '0008_history_heads'),
    ]

    operations = [
        migrations.RunPython(write_heads, migrations.RunPython.noop),
    ]
