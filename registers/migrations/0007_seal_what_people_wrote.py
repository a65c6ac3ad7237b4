"""What people wrote on a register entry is sealed on its own rows (protocol.machinery.history.records):
`record_seal`, and the backfill that seals the rows already there. The fields are frozen
here as they were when this ran, whatever the models say later."""
from django.db import migrations, models

from protocol.machinery.history import seal_rows

SEALED = {
    "GroupRequest": ("requested_by_id", "kind", "subject", "details", "meeting_on",
                     "officer_requested_id", "resources_note", "decision", "decision_reason",
                     "decided_by_id", "delivered_subject", "factual_confirmed"),
    "GroupFollowUp": ("requested_by_id", "kind", "done_by_id", "done_note"),
    "InformationRequest": ("councillor_id", "what", "why", "personal_data", "justification",
                           "third_party", "provided", "purpose", "confidential", "refusal_ground",
                           "refusal_reasons", "dispute_reasons", "mo_reasons",
                           "personal_interest", "third_party_cleared_by_id", "third_party_cleared_at",
                           "committee_id"),
    "Relationship": ("councillor_id", "officer_id", "nature", "description", "declared_by_id",
                     "ended_by_id", "end_reason"),
    "WardNotice": ("kind", "title", "details", "starts_on", "ends_on", "sensitive",
                   "recorded_by_id", "late"),
}


# What names a row in its seal when not its id: ward notices are append-only, so they are
# sealed before they are inserted, by their reference.
KEYS = {"WardNotice": "reference"}


def seal_existing_rows(apps, schema_editor):
    for name, fields in SEALED.items():
        seal_rows(apps.get_model("registers", name), fields,
                  using=schema_editor.connection.alias, key=KEYS.get(name, "pk"))


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0006_reseal_timelines_with_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='groupfollowup',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='grouprequest',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='informationrequest',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='relationship',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='wardnotice',
            name='record_seal',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.RunPython(seal_existing_rows, migrations.RunPython.noop),
    ]
