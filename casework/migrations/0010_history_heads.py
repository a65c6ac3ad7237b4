"""The heads of the enquiries' histories (protocol.machinery.history.heads), set to where each chain
ends now, so that `verify_history` can tell a chain whose newest events were deleted.
The chain is frozen here as it was when this ran, whatever the model says later."""
from django.db import migrations

from protocol.machinery.history import Chain
from protocol.machinery.history.heads import write

CHAINS = {
    "EnquiryEvent": Chain(on="enquiry_id", fields=(
        "enquiry_id", "at", "actor_id", "kind", "from_state", "to_state", "summary",
        "correspondence_id")),
}


def write_heads(apps, schema_editor):
    for name, chain in CHAINS.items():
        write(apps.get_model("casework", name), chain, using=schema_editor.connection.alias,
              head_model=apps.get_model("protocol", "HistoryHead"))


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0009_seal_what_people_wrote'),
        ('protocol', '0008_history_heads'),
    ]

    operations = [
        migrations.RunPython(write_heads, migrations.RunPython.noop),
    ]
