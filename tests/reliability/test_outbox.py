"""The outbox, in-process: emails queued while the broker was down go out with the first
run of its safety net after it returns, however recently they were queued; emails whose
tasks were queued are left to those tasks; and two emails to one person can be sent at the
same time."""
import threading

import pytest
from django.db import connection
from kombu.exceptions import OperationalError

from casework.services import NewEnquiry, enquiry_log
from protocol.machinery import outbox
from protocol.machinery.outbox import deliver_pending
from protocol.models import Notification

pytestmark = pytest.mark.django_db


class BrokerDown:
    @staticmethod
    def delay(*args, **kwargs) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def _log(council) -> None:
    enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Street light out", details="Since Monday.", ward=council.north,
        service=council.waste))


def test_emails_queued_while_the_broker_was_down_go_out_with_the_next_safety_net_run(
        council, monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    monkeypatch.setattr("protocol.tasks.deliver_notification", BrokerDown)
    with django_capture_on_commit_callbacks(execute=True):
        _log(council)  # logging succeeds; its two emails wait in the outbox
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2
    monkeypatch.undo()

    assert deliver_pending() == 2
    assert len(mailoutbox) == 2
    assert deliver_pending() == 0


def test_emails_whose_tasks_were_queued_are_left_to_them(
        council, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        _log(council)  # committed, its tasks queued but not yet run
    assert len(queued) == 2
    assert deliver_pending() == 0
    assert mailoutbox == []



@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_emails_to_one_person_go_out_at_the_same_time(council, monkeypatch, mailoutbox):
    """Delivering locks the notification only: two workers sending one person two emails at
    once both send, rather than one skipping its email as locked (left for a later sweep)."""
    first, second = (Notification.objects.create(recipient=council.director, key=key,
                                                 subject=key, body="Text.")
                     for key in ("first", "second"))
    sending, release = threading.Event(), threading.Event()
    real_send_mail = outbox.send_mail

    def slow_first(subject, *args, **kwargs):
        if subject == "first":
            sending.set()
            release.wait(timeout=30)
        return real_send_mail(subject, *args, **kwargs)

    monkeypatch.setattr(outbox, "send_mail", slow_first)
    results = {}

    def deliver_first() -> None:
        try:
            results["first"] = outbox.deliver(first.pk)
        finally:
            connection.close()

    worker = threading.Thread(target=deliver_first)
    worker.start()
    try:
        assert sending.wait(timeout=30)
        assert outbox.deliver(second.pk) is True  # while the first is being sent
    finally:
        release.set()
        worker.join(timeout=30)
    assert results == {"first": True}
    assert sorted(m.subject for m in mailoutbox) == ["first", "second"]
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
