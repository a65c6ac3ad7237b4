"""Who is informed at expiry when the enquiry is with the Director (003 §31.15): the field,
and each shipped profile's value on existing rows (a council's own profile keeps the
default, the Chief Executive)."""
from django.db import migrations, models

EXECUTIVE_DIRECTOR, CHIEF_EXECUTIVE = 50, 60
SEED_VALUES = {
    "westminster": CHIEF_EXECUTIVE,
    "harrow": EXECUTIVE_DIRECTOR,
    "hounslow": EXECUTIVE_DIRECTOR,
    "north-northamptonshire": EXECUTIVE_DIRECTOR,
}


def set_seed_values(apps, schema_editor):
    profiles = apps.get_model("protocol", "ProtocolProfile")
    for slug, value in SEED_VALUES.items():
        profiles.objects.filter(slug=slug).update(expiry_above_director=value)


class Migration(migrations.Migration):

    dependencies = [
        ('protocol', '0006_account_change_requests'),
    ]

    operations = [
        migrations.AddField(
            model_name='protocolprofile',
            name='expiry_above_director',
            field=models.PositiveSmallIntegerField(choices=[(50, 'The Executive Director'), (60, 'The Chief Executive')], default=60, db_default=60, help_text='Who is informed instead when the enquiry is with the Director'),
        ),
        migrations.RunPython(set_seed_values, migrations.RunPython.noop),
    ]
