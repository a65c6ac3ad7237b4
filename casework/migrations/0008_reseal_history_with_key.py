"""Re-seal every enquiry's history with the history key (HMAC-SHA256 under
CASEWORK_HISTORY_KEY, protocol.machinery.history.keys): the chains written before were plain SHA-256,
which anyone who can write to the database can recompute. The chain is frozen here as it
was when this ran, whatever the model says later."""
from django.db import migrations

from protocol.machinery.history import Chain, reseal

CHAIN = Chain(on="enquiry_id", fields=("enquiry_id", "at", "actor_id", "kind", "from_state",
                                       "to_state", "summary", "correspondence_id"))


def reseal_with_key(apps, schema_editor):
    reseal(apps.get_model("casework", "EnquiryEvent"), CHAIN,
           using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0007_enquiry_state_redirected'),
    ]

    operations = [
        migrations.RunPython(reseal_with_key, migrations.RunPython.noop, elidable=True),
    ]
