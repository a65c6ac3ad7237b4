"""Emails through an outbox: written with the change that causes them, sent after commit.

If the broker is down when the change commits, nothing is lost: `deliver_pending` (run by
every sweep) sends what is still unsent, and the first sweep after the broker returns sends
everything queued while it was down."""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from protocol.models import Heartbeat, Notification, User

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
BROKER_UNAVAILABLE = "broker-unavailable"  # the Heartbeat row: when publishing last failed


def notify(*, recipient: User, key: str, subject: str, body: str, url: str = "") -> bool:
    """Queue one email for `recipient`, once per `key`; True if it was new."""
    if not recipient.email or not recipient.is_active:
        return False
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, key=key[:120], subject=subject[:200], body=body, url=url)
    except IntegrityError:
        return False  # this cause already notified this person
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return True


def _enqueue(notification_id: int) -> None:
    from protocol.tasks import deliver_notification

    try:
        deliver_notification.delay(notification_id)
    except Exception:  # the broker is down: the next sweep sends it
        log.warning("broker unavailable; notification %s left for the sweep", notification_id)
        try:
            Heartbeat.objects.update_or_create(name=BROKER_UNAVAILABLE,
                                               defaults={"last_seen": timezone.now()})
        except DatabaseError:
            log.exception("could not record that the broker is unavailable")


def deliver(notification_id: int) -> bool:
    """Send one queued email if it is still unsent; True if this call sent it."""
    with transaction.atomic():
        # Lock the notification only: locking its recipient's row too would make a second
        # email to the same person, sent by another worker at the same moment, be skipped as
        # locked and wait for a sweep (and would hold that person's row while mail goes out).
        notification = (Notification.objects.select_for_update(skip_locked=True, of=("self",))
                        .select_related("recipient")
                        .filter(pk=notification_id, sent_at__isnull=True).first())
        if notification is None:
            return False
        notification.attempts += 1
        try:
            body = notification.body
            if notification.url:
                body += f"\n\n{settings.CASEWORK_BASE_URL}{notification.url}"
            send_mail(notification.subject, body, None, [notification.recipient.email])
        except Exception:
            log.exception("sending notification %s failed", notification_id)
            Notification.objects.filter(pk=notification_id).update(
                attempts=notification.attempts)
            return False
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at", "attempts"])
    return True


def deliver_pending(*, older_than: timedelta = timedelta(minutes=2), limit: int = 500) -> int:
    """Send queued emails that no task has sent (the broker's safety net): those older than
    `older_than`, whose task has had time to run, and, however recent, every one queued
    before the broker was last found unavailable, whose task may never have been queued."""
    cutoff = timezone.now() - older_than
    unavailable = (Heartbeat.objects.filter(name=BROKER_UNAVAILABLE)
                   .values_list("last_seen", flat=True).first())
    if unavailable is not None:
        cutoff = max(cutoff, unavailable)
    ids = list(Notification.objects.filter(
        sent_at__isnull=True, created_at__lte=cutoff, attempts__lt=MAX_ATTEMPTS,
    ).order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk) for pk in ids)
