"""Who may see a complaint follows from its facts and from ComplaintAccess rows, not from
django-guardian's grants (docs/decisions/0013): each grant the case's facts do not already
cover (its complainant, its handlers past and present) becomes a row, so nobody loses
sight of a case on upgrade; then the grants' table goes."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def carry_over_grants(apps, schema_editor) -> None:
    """HR told at the Leader's stage, and anyone else given a case, keep it (`carried_over`:
    the grants never said why)."""
    grants = apps.get_model("complaints", "ComplaintUserObjectPermission")
    access = apps.get_model("complaints", "ComplaintAccess")
    handling = apps.get_model("complaints", "Handling")
    complaints = apps.get_model("complaints", "Complaint")
    rows = grants.objects.filter(permission__codename="view_complaint").order_by("pk")
    given = []
    for grant in rows.iterator():
        complaint = complaints.objects.get(pk=grant.content_object_id)
        handlers = set(handling.objects.filter(complaint_id=complaint.pk)
                       .values_list("handler_id", flat=True))
        if grant.user_id in {complaint.complainant_id, complaint.handler_id, *handlers}:
            continue
        given.append(access(case_id=complaint.pk, person_id=grant.user_id,
                            reason="carried_over"))
    access.objects.bulk_create(given, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0010_event_states_as_wide_as_the_registers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ComplaintAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('earlier_officer', 'It was with them before it was passed on'), ('copied', 'Copied into its correspondence'), ('complaint_handler', 'Handles a complaint raised from it'), ('hr_told', "Told as HR at the Leader's stage"), ('carried_over', 'Given before these records were kept')], max_length=20)),
                ('given_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='access_given', to='complaints.complaint')),
                ('given_by', models.ForeignKey(blank=True, help_text='Empty where the protocol gave it, not a person', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddIndex(
            model_name='complaintaccess',
            index=models.Index(fields=['person', 'case'], name='complaint_access_person'),
        ),
        migrations.AddConstraint(
            model_name='complaintaccess',
            constraint=models.UniqueConstraint(fields=('case', 'person', 'reason'), name='complaint_access_once'),
        ),
        migrations.RunPython(carry_over_grants, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='ComplaintUserObjectPermission',
        ),
    ]
