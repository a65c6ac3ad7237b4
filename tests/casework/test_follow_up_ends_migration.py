"""Enquiries answered before the follow-up window's fix (casework.services.schedule: the
enquiry closes itself the day after the window's last working day, 003 §31.15) keep an
unfired reminder on that last day. The data migration moves each to the day the schedule
now computes (casework.deadlines.follow_up_closes_on), once; fired, cancelled and already
right reminders stay as they are."""
from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from casework import deadlines
from casework.models import EnquiryReminder, ReminderKind
from casework.services import enquiry_accept, enquiry_respond
from protocol.council.selectors import active_profile, closure_days

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]  # for the data migration on SQLite
MIGRATION = "casework.migrations.0011_follow_up_ends_day_after"


def run_migration() -> None:
    with transaction.atomic():
        import_module(MIGRATION).move_to_day_after(apps, connection.schema_editor())


@pytest.fixture
def answered(council, with_officer):
    """`answered()`: an enquiry answered today, its reminder put back on the old rule's
    date (the window's last working day, as it was scheduled before the fix)."""

    def answer() -> EnquiryReminder:
        enquiry = with_officer()
        enquiry_accept(enquiry=enquiry, actor=council.officer)
        enquiry_respond(enquiry=enquiry, actor=council.officer, body="Collected.")
        reminder = enquiry.reminders.get(kind=ReminderKind.FOLLOW_UP_ENDS)
        EnquiryReminder.objects.filter(pk=reminder.pk).update(fire_on=old_rule(reminder))
        return EnquiryReminder.objects.get(pk=reminder.pk)

    return answer


def old_rule(reminder: EnquiryReminder):
    return deadlines.follow_up_ends(active_profile(), reminder.deadline,
                                    closure_days(reminder.deadline))


def test_an_unfired_reminder_moves_to_the_day_after_the_last_working_day_once(answered):
    reminder = answered()
    last_day = reminder.fire_on
    run_migration()
    reminder.refresh_from_db()
    new_rule = deadlines.follow_up_closes_on(active_profile(), reminder.deadline,
                                             closure_days(reminder.deadline))
    assert reminder.fire_on == new_rule == last_day + timedelta(days=1)
    run_migration()  # already on the new rule: not moved again
    reminder.refresh_from_db()
    assert reminder.fire_on == new_rule


def test_fired_and_cancelled_reminders_are_left_alone(answered):
    fired, cancelled = answered(), answered()
    EnquiryReminder.objects.filter(pk=fired.pk).update(fired_at=timezone.now())
    EnquiryReminder.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now())
    run_migration()
    assert EnquiryReminder.objects.get(pk=fired.pk).fire_on == fired.fire_on
    assert EnquiryReminder.objects.get(pk=cancelled.pk).fire_on == cancelled.fire_on


def test_other_kinds_of_reminder_are_left_alone(answered, with_officer):
    unanswered = with_officer()
    before = dict(unanswered.reminders.values_list("pk", "fire_on"))
    run_migration()
    assert dict(unanswered.reminders.values_list("pk", "fire_on")) == before
