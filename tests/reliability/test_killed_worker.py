"""A worker killed with SIGKILL in the middle of sending loses no email and sends none twice:
tasks are acknowledged late (`acks_late`), so the message that was running is delivered
again, and the outbox row is marked sent only after it was sent (the redelivered task takes
back its own claim)."""
import os
import signal
from collections import Counter
from pathlib import Path

import pytest

from protocol.models import Notification
from tests.reliability.conftest import publish
from tests.reliability.processes import Processes, wait_until
from tests.support.mail import sent

pytestmark = [pytest.mark.postgres, pytest.mark.redis,
              pytest.mark.django_db(transaction=True)]


def _hold_the_first_send(processes: Processes, mail_dir: Path, prefix: str) -> tuple[int, str]:
    """Run the sweep on the worker and wait until its first email is being sent (and held):
    the sending process's id and the email's subject."""
    (mail_dir / "hold").touch()
    publish("casework.tasks.send_reminders", prefix)
    held = wait_until(lambda: list(mail_dir.glob("held-*")), timeout=30,
                      what="an email to be in the middle of sending", explain=processes.logs)[0]
    subject = wait_until(held.read_text, timeout=5, what="the held email's subject")
    return int(held.name.removeprefix("held-")), subject


def _each_sent_once(mail_dir: Path, processes: Processes, expected: int) -> list[dict]:
    wait_until(lambda: not Notification.objects.filter(sent_at__isnull=True).exists(),
               timeout=30, what="every email to be sent", explain=processes.logs)
    emails = sent(mail_dir)
    counts = Counter((tuple(m["to"]), m["subject"]) for m in emails)
    assert sum(counts.values()) == expected, processes.logs()
    assert set(counts.values()) == {1}
    return emails


def test_a_pool_process_killed_mid_send_is_redelivered_at_once(
        overdue, processes, mail_dir, broker_prefix):
    enquiry, = overdue(1)
    # The default visibility timeout (an hour): the message can only come back at once
    # because the worker rejects it when its pool process is lost.
    worker = processes.worker("worker")
    pid, subject = _hold_the_first_send(processes, mail_dir, broker_prefix)
    assert pid != worker.pid  # a pool process, not the worker itself
    os.kill(pid, signal.SIGKILL)  # the pool process the test's worker forked, by its id

    emails = _each_sent_once(mail_dir, processes, expected=2)  # the Director and councillor
    assert worker.running()
    assert "WorkerLostError" in worker.output()
    resent, = (m for m in emails if m["subject"] == subject)
    assert resent["pid"] != pid
    assert subject.startswith(enquiry.reference)


def test_a_worker_killed_mid_send_loses_nothing(overdue, processes, mail_dir, broker_prefix):
    overdue(1)
    short = {"CASEWORK_TEST_VISIBILITY_TIMEOUT": "3"}
    first = processes.worker("worker-1", env=short)
    pid, subject = _hold_the_first_send(processes, mail_dir, broker_prefix)
    processes.kill(first)  # kill -9 of the worker and its pool
    assert not Notification.objects.get(subject=subject).sent_at

    processes.worker("worker-2", env=short)
    emails = _each_sent_once(mail_dir, processes, expected=2)
    resent, = (m for m in emails if m["subject"] == subject)
    assert resent["pid"] != pid
    # The outbox's safety net finds nothing left to send.
    assert processes.run("outbox", "outbox")["emails_resent"] == 0
    assert len(sent(mail_dir)) == 2
