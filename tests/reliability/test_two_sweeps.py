"""Two reminder sweeps in two processes at once fire each reminder once, and each reminder
notification is sent once (003 §31.15: the relevant Director informed after expiry, once).
The database decides, not timing: a conditional UPDATE claims each reminder, and each
notification's key is unique."""
from collections import Counter

import pytest

from casework.models import EnquiryReminder
from protocol.models import Notification
from tests.reliability.processes import wait_until
from tests.support.mail import sent

pytestmark = [pytest.mark.postgres, pytest.mark.redis,
              pytest.mark.django_db(transaction=True)]

ENQUIRIES = 30


def test_two_sweeps_in_two_processes_send_each_reminder_once(overdue, processes, mail_dir):
    enquiries = overdue(ENQUIRIES)
    due = EnquiryReminder.objects.filter(fired_at__isnull=True, cancelled_at__isnull=True)
    assert due.count() == 2 * ENQUIRIES  # approaching and expired, both past

    barrier = processes.folder
    sweeps = [processes.python(f"sweep-{n}", "-m", "tests.support.reliability", "sweep",
                               str(barrier / f"ready-{n}"), str(barrier / "go"),
                               env={"CASEWORK_TEST_EAGER": "1"}) for n in (1, 2)]
    wait_until(lambda: all((barrier / f"ready-{n}").exists() for n in (1, 2)), timeout=30,
               what="both sweeps to be ready", explain=processes.logs)
    (barrier / "go").touch()
    results = [processes.result(s) for s in sweeps]

    assert sum(r["reminders"] for r in results) == 2 * ENQUIRIES, processes.logs()
    assert due.count() == 0
    # A sweep catching up after the deadline sends the expiry notices (the Director and the
    # councillor), not a late "due soon": two per enquiry, each once.
    keys = Counter(Notification.objects.filter(key__startswith="enquiry-reminder:")
                   .values_list("key", flat=True))
    assert len(keys) == 2 * len(enquiries) and set(keys.values()) == {1}
    # Every one sent at once: delivering one locks only it, not its recipient, to whom the
    # other sweep may be sending another email at that moment.
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    emails = Counter((tuple(m["to"]), m["subject"]) for m in sent(mail_dir))
    assert sum(emails.values()) == 2 * len(enquiries)
    assert set(emails.values()) == {1}, [e for e, n in emails.items() if n > 1]
