"""The heads of the complaints' histories (protocol.machinery.history.heads), set to where each chain
ends now, so that `verify_history` can tell a chain whose newest events were deleted.
The chain is frozen here as it was when this ran, whatever the model says later."""
from django.db import migrations

from protocol.machinery.history import Chain
from protocol.machinery.history.heads import write

CHAINS = {
    "ComplaintEvent": Chain(on="complaint_id", fields=(
        "complaint_id", "at", "actor_id", "action", "from_state", "to_state",
        "stage_position", "reason")),
}


def write_heads(apps, schema_editor):
    for name, chain in CHAINS.items():
        write(apps.get_model("complaints", name), chain, using=schema_editor.connection.alias,
              head_model=apps.get_model("protocol", "HistoryHead"))


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0008_seal_what_people_wrote'),
        ('protocol', '0008_history_heads'),
    ]

    operations = [
        migrations.RunPython(write_heads, migrations.RunPython.noop),
    ]
