"""Two sweeps at once on PostgreSQL send each reminder once (003 §31.15 reminders; the
database, not luck, decides: a conditional UPDATE claims each reminder, and each
notification's key is unique)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import EnquiryReminder, ReminderKind
from casework.services import sweep
from protocol.models import Notification
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_sweeps_at_once_fire_each_reminder_once(council, log):
    past = timezone.now() - timedelta(days=30)
    enquiries = [log(subject=f"Overdue {n}", now=past) for n in range(20)]
    today = timezone.localdate()
    due = EnquiryReminder.objects.filter(fire_on__lte=today, fired_at__isnull=True,
                                         cancelled_at__isnull=True)
    expected = due.count()
    assert expected == 2 * len(enquiries)  # approaching and expired, both past due

    results, errors = at_once(lambda: sweep(today).reminders, lambda: sweep(today).reminders)
    assert not errors
    assert sum(results) == expected
    assert due.count() == 0
    keys = list(Notification.objects.filter(key__startswith="enquiry-reminder:")
                .values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    # Both reminders are claimed, but a sweep catching up after the deadline sends only
    # the expiry notice (the Director and the councillor), not a late "due soon" one.
    assert len(keys) == len(enquiries) * 2
    assert all(r.fired_at for r in EnquiryReminder.objects.filter(
        kind__in=[ReminderKind.APPROACHING, ReminderKind.EXPIRED]))
