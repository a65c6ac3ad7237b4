"""The dashboard's enquiry tally (casework.models.tally) keeps the deadline of an enquiry
closed as "being handled another way" no more than a withdrawn one's: it needed no answer.
The key changed, so its triggers are installed again and the tally recounted (0005). Going
back installs them again as the model says then (the key lives in the model, not here)."""
from django.db import migrations, models

from casework.models.tally import TALLY
from protocol.machinery import tally


def reinstall(apps, schema_editor):
    tally.uninstall(TALLY, schema_editor)
    tally.install(TALLY, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0011_follow_up_ends_day_after'),
    ]

    operations = [
        migrations.AlterField(
            model_name='enquirytally',
            name='due_on',
            field=models.DateField(
                help_text='The deadline, while it can still be met or missed: unanswered, '
                'not withdrawn nor redirected', null=True),
        ),
        migrations.RunPython(reinstall, reinstall),
    ]
