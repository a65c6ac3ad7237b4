"""Two beat schedulers (a second one started by mistake, or two during a deploy) and a worker:
each sweep runs twice as often, and each reminder is still sent once (003 §31.15)."""
from collections import Counter

import pytest

from casework.models import EnquiryReminder
from protocol.models import Notification
from tests.reliability.processes import wait_until
from tests.support.mail import sent

pytestmark = [pytest.mark.postgres, pytest.mark.redis,
              pytest.mark.django_db(transaction=True)]

ENQUIRIES = 10
SWEEPS_EACH = 2


def _sends(beat) -> int:
    return beat.output().count("Sending due task send-reminders ")


def _sweeps_done(worker) -> int:
    return sum("casework.tasks.send_reminders[" in line and " succeeded " in line
               for line in worker.output().splitlines())


def test_two_schedulers_send_each_reminder_once(overdue, processes, mail_dir):
    enquiries = overdue(ENQUIRIES)
    every_second = {"REMINDER_SWEEP_SECONDS": "1"}
    worker = processes.worker("worker", concurrency=2)
    beats = [processes.beat(f"beat-{n}", env=every_second) for n in (1, 2)]
    wait_until(lambda: all(_sends(b) >= SWEEPS_EACH for b in beats), timeout=20,
               what=f"each scheduler to send {SWEEPS_EACH} sweeps", explain=processes.logs)
    for beat in beats:
        processes.stop(beat)
    sweeps = sum(_sends(b) for b in beats)
    wait_until(lambda: _sweeps_done(worker) >= sweeps, timeout=20,
               what=f"the worker to run all {sweeps} sweeps", explain=processes.logs)
    unsent = Notification.objects.filter(sent_at__isnull=True)
    wait_until(lambda: not unsent.exists(), timeout=20, what="every email to be sent",
               explain=processes.logs)

    assert not EnquiryReminder.objects.filter(fired_at__isnull=True,
                                              cancelled_at__isnull=True).exists()
    keys = Counter(Notification.objects.filter(key__startswith="enquiry-reminder:")
                   .values_list("key", flat=True))
    assert len(keys) == 2 * len(enquiries) and set(keys.values()) == {1}
    emails = Counter((tuple(m["to"]), m["subject"]) for m in sent(mail_dir))
    assert sum(emails.values()) == 2 * len(enquiries), processes.logs()
    assert set(emails.values()) == {1}, [e for e, n in emails.items() if n > 1]
