"""Who may see an enquiry follows from its facts and from EnquiryAccess rows, not from
django-guardian's grants (docs/decisions/0013): each grant the facts do not already cover
(the officer it is with, the councillor who raised it) becomes a row, so nobody loses
sight of an enquiry on upgrade; then the grants' table goes."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def carry_over_grants(apps, schema_editor) -> None:
    """A councillor copied into its correspondence is `copied`; any other grant (an officer
    it was with, a complaint's handler) is `carried_over`."""
    grants = apps.get_model("casework", "EnquiryUserObjectPermission")
    access = apps.get_model("casework", "EnquiryAccess")
    correspondence = apps.get_model("casework", "Correspondence")
    enquiries = apps.get_model("casework", "Enquiry")
    rows = grants.objects.filter(permission__codename="view_enquiry").order_by("pk")
    given = []
    for grant in rows.iterator():
        enquiry = enquiries.objects.get(pk=grant.content_object_id)
        if grant.user_id in (enquiry.assigned_to_id, enquiry.raised_by_id):
            continue
        copied = correspondence.objects.filter(enquiry_id=enquiry.pk,
                                               cc=grant.user_id).exists()
        given.append(access(case_id=enquiry.pk, person_id=grant.user_id,
                            reason="copied" if copied else "carried_over"))
    access.objects.bulk_create(given, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0013_event_states_as_wide_as_the_registers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EnquiryAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('earlier_officer', 'It was with them before it was passed on'), ('copied', 'Copied into its correspondence'), ('complaint_handler', 'Handles a complaint raised from it'), ('hr_told', "Told as HR at the Leader's stage"), ('carried_over', 'Given before these records were kept')], max_length=20)),
                ('given_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='access_given', to='casework.enquiry')),
                ('given_by', models.ForeignKey(blank=True, help_text='Empty where the protocol gave it, not a person', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddIndex(
            model_name='enquiryaccess',
            index=models.Index(fields=['person', 'case'], name='enquiry_access_person'),
        ),
        migrations.AddConstraint(
            model_name='enquiryaccess',
            constraint=models.UniqueConstraint(fields=('case', 'person', 'reason'), name='enquiry_access_once'),
        ),
        migrations.RunPython(carry_over_grants, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='EnquiryUserObjectPermission',
        ),
    ]
