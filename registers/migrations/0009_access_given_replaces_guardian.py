"""The registers' django-guardian grants go (docs/decisions/0013): each was given to the
officer a request is with, who sees it from the request's own facts, so there is nothing
to carry over."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0008_history_heads'),
    ]

    operations = [
        migrations.AlterUniqueTogether(
            name='informationrequestuserobjectpermission',
            unique_together=None,
        ),
        migrations.RemoveField(
            model_name='informationrequestuserobjectpermission',
            name='content_object',
        ),
        migrations.RemoveField(
            model_name='informationrequestuserobjectpermission',
            name='permission',
        ),
        migrations.RemoveField(
            model_name='informationrequestuserobjectpermission',
            name='user',
        ),
        migrations.DeleteModel(
            name='GroupRequestUserObjectPermission',
        ),
        migrations.DeleteModel(
            name='InformationRequestUserObjectPermission',
        ),
    ]
