"""Answered enquiries' follow-up reminders moved to the fixed rule (003 §31.15;
casework.services.schedule.schedule_follow_up_end): the window is open to the end of its
last working day and the enquiry closes itself on the day after. Reminders scheduled before
the fix fire on that last working day, a day early.

Each unfired, uncancelled FOLLOW_UP_ENDS reminder goes to the day the schedule now computes
(casework.deadlines.follow_up_closes_on, from the response day it is keyed on, the active
profile and the closure days): for a reminder scheduled under the old rule with the same
profile and closure days, the day after its fire_on. One already there is left alone, so
a reminder scheduled after the fix is not moved twice. One matching neither was scheduled
under a profile or closure days since changed: it moves by one day, which is what the new
rule gave when it was scheduled. Fired and cancelled ones stay (a cancelled one is given
the new date if it is ever scheduled again). Reversing leaves the dates as they are."""
from datetime import timedelta

from django.db import migrations

from casework.deadlines import follow_up_closes_on

DAY = timedelta(days=1)


def move_to_day_after(apps, schema_editor):
    alias = schema_editor.connection.alias
    reminders = apps.get_model("casework", "EnquiryReminder").objects.using(alias).filter(
        kind="follow_up_ends", fired_at__isnull=True, cancelled_at__isnull=True)
    profile = (apps.get_model("protocol", "ProtocolProfile").objects.using(alias)
               .filter(is_active=True).first())
    closures = dict(apps.get_model("protocol", "ClosureDay").objects.using(alias)
                    .values_list("date", "reason"))
    for pk, deadline, fire_on in reminders.values_list("pk", "deadline", "fire_on"):
        new = follow_up_closes_on(profile, deadline, closures) if profile else None
        if fire_on != new:
            reminders.filter(pk=pk).update(fire_on=fire_on + DAY)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0010_history_heads'),
    ]

    operations = [
        migrations.RunPython(move_to_day_after, migrations.RunPython.noop),
    ]
