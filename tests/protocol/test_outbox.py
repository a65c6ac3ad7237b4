"""The outbox sends with no transaction open and no lock held: a short transaction claims
the message, SMTP runs with nothing open, a second short transaction marks it sent. A claim
whose sender died goes stale and the outbox's own safety net sends it; a live claim is left
alone, so each email goes once."""
from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend
from django.core.mail.message import EmailMessage
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from protocol.machinery import outbox
from protocol.models import Notification
from protocol.tasks import deliver_notification, deliver_pending

SEEN: list[dict] = []


class WatchingBackend(EmailBackend):
    """Records, for each email, whether a transaction was open while it was sent."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        SEEN.extend({"subject": m.subject, "in_transaction": connection.in_atomic_block}
                    for m in messages)
        return super().send_messages(messages)


@pytest.fixture
def watching(settings):
    SEEN.clear()
    settings.EMAIL_BACKEND = "tests.protocol.test_outbox.WatchingBackend"
    return SEEN


def queued(council, key: str = "one", **fields) -> Notification:
    return Notification.objects.create(recipient=council.director, key=key, subject=key,
                                       body="Text.", **fields)


@pytest.mark.django_db(transaction=True)
def test_mail_goes_out_with_no_transaction_open(council, watching):
    message = queued(council)
    assert outbox.deliver(message.pk) is True
    assert watching == [{"subject": "one", "in_transaction": False}]
    message.refresh_from_db()
    assert message.sent_at is not None and message.claimed_at is None
    assert message.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_the_task_sends_once_and_a_second_run_sends_nothing(council, watching):
    message = queued(council)
    assert deliver_notification.apply(args=(message.pk,)).get() is True
    assert deliver_notification.apply(args=(message.pk,)).get() is False
    assert [m["subject"] for m in watching] == ["one"]


class LockProbe(EmailBackend):
    """While each email is sent, tries to lock its outbox row from another connection."""

    pk: int = 0
    lockable: list[bool] = []

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        worker = threading.Thread(target=self.try_the_lock)
        worker.start()
        worker.join(timeout=30)
        return super().send_messages(messages)

    def try_the_lock(self) -> None:
        try:
            with transaction.atomic():
                Notification.objects.select_for_update(nowait=True).get(pk=self.pk)
            LockProbe.lockable.append(True)
        except DatabaseError:
            LockProbe.lockable.append(False)
        finally:
            connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_no_row_lock_is_held_while_mail_goes_out(council, settings):
    """While SMTP runs, another connection can lock the message's row at once."""
    LockProbe.pk, LockProbe.lockable = queued(council).pk, []
    settings.EMAIL_BACKEND = "tests.protocol.test_outbox.LockProbe"
    assert outbox.deliver(LockProbe.pk) is True
    assert LockProbe.lockable == [True]


@pytest.mark.django_db
def test_a_live_claim_is_left_to_its_sender(council, mailoutbox):
    message = queued(council, claimed_at=timezone.now(), claim_token="another-worker")
    Notification.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(hours=1))
    assert outbox.deliver(message.pk) is False
    assert outbox.deliver_pending() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_same_task_redelivered_takes_its_own_claim_back(council, mailoutbox):
    """acks_late: a worker killed mid-send gives its message to another worker at once,
    with the same task id; the claim it left is its own."""
    message = queued(council, claimed_at=timezone.now(), claim_token="task-1", attempts=1)
    assert outbox.deliver(message.pk, token="task-2") is False
    assert outbox.deliver(message.pk, token="task-1") is True
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2


@pytest.mark.django_db
def test_the_safety_net_sends_a_message_whose_sender_died(council, mailoutbox):
    died = timezone.now() - outbox.CLAIM_GOES_STALE - timedelta(seconds=1)
    message = queued(council, claimed_at=died, claim_token="dead-worker", attempts=1)
    assert deliver_pending.apply().get() == 1
    assert [m.subject for m in mailoutbox] == ["one"]
    assert outbox.deliver_pending() == 0
    message.refresh_from_db()
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_failed_send_releases_its_claim_for_the_safety_net(council, monkeypatch, mailoutbox):
    message = queued(council)

    def smtp_down(*args: object, **kwargs: object) -> int:
        raise OSError("Connection refused")

    monkeypatch.setattr(outbox, "send_mail", smtp_down)
    assert outbox.deliver(message.pk) is False
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1
    monkeypatch.undo()
    Notification.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=5))
    # Not at once: the message waits out its first retry (two minutes), then goes.
    assert outbox.deliver_pending() == 0 and outbox.deliver(message.pk) is False
    Notification.objects.filter(pk=message.pk).update(
        claimed_at=F("claimed_at") - outbox.retry_wait(1))
    assert outbox.deliver_pending() == 1
    assert len(mailoutbox) == 1


def test_ten_tries_outlast_an_smtp_server_down_for_a_working_day():
    waits = [outbox.retry_wait(n) for n in range(1, outbox.MAX_ATTEMPTS)]
    assert waits == sorted(waits) and waits[-1] == outbox.LONGEST_WAIT
    assert sum(waits, timedelta()) > timedelta(hours=8)


def test_every_failure_waits_longer_before_the_next_try(council, monkeypatch):
    message = queued(council)

    def smtp_down(*args: object, **kwargs: object) -> int:
        raise OSError("Connection refused")

    monkeypatch.setattr(outbox, "send_mail", smtp_down)
    stale_after = []
    for attempt in (1, 2, 3):
        Notification.objects.filter(pk=message.pk).update(claimed_at=None)
        assert outbox.deliver(message.pk) is False
        message.refresh_from_db()
        assert message.attempts == attempt
        stale_after.append(message.claimed_at + outbox.CLAIM_GOES_STALE - timezone.now())
    assert stale_after[0] < stale_after[1] < stale_after[2]


def test_a_claim_outlives_the_smtp_timeout():
    assert timedelta(seconds=settings.EMAIL_TIMEOUT) * 2 < outbox.CLAIM_GOES_STALE


def test_the_outbox_has_its_own_beat_entry_and_the_casework_sweep_none():
    from casework.services.sweep import SweepResult

    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert tasks.count("protocol.tasks.deliver_pending") == 1
    assert "emails_resent" not in SweepResult.__dataclass_fields__
