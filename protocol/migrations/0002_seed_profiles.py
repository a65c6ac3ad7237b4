"""Ship the five seed protocols (seeds 000-004) as ready profiles; Westminster active."""
from django.db import migrations

from protocol.council.seed_profiles import install_profiles


def seed_profiles(apps, schema_editor):
    install_profiles(apps.get_model("protocol", "ProtocolProfile"),
                     apps.get_model("protocol", "EscalationStage"))


class Migration(migrations.Migration):

    dependencies = [
        # After the other 0002 so that the graph has one leaf; the seed needs only 0001.
        ("protocol", "0002_referencecounter_notification"),
    ]

    operations = [
        migrations.RunPython(seed_profiles, migrations.RunPython.noop),
    ]
