"""Re-seal every register timeline with the history key (HMAC-SHA256 under
CASEWORK_HISTORY_KEY, protocol.machinery.history.keys): the chains written before were plain SHA-256,
which anyone who can write to the database can recompute. The chains are frozen here as
they were when this ran, whatever the models say later."""
from django.db import migrations

from protocol.machinery.history import Chain, reseal

CONTENT = ("at", "actor_id", "action", "from_state", "to_state", "summary")
CHAINS = {
    "GroupRequestEvent": Chain(on="request_id", fields=("request_id", *CONTENT)),
    "InformationRequestEvent": Chain(on="request_id", fields=("request_id", *CONTENT)),
    "RelationshipEvent": Chain(on="relationship_id", fields=("relationship_id", *CONTENT)),
}


def reseal_with_key(apps, schema_editor):
    for name, chain in CHAINS.items():
        reseal(apps.get_model("registers", name), chain,
               using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0005_need_to_know_third_party_and_interest'),
    ]

    operations = [
        migrations.RunPython(reseal_with_key, migrations.RunPython.noop, elidable=True),
    ]
