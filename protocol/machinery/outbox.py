"""Emails through an outbox: written with the change that causes them, sent after commit.

Sending holds no transaction and no lock: a worker claims a message in one short
transaction (claim time and token), commits, sends it over SMTP with nothing open, then
marks it sent in a second short transaction. Only one worker holds a live claim, so each
email goes once; a claim left by a worker that died mid-send goes stale and the outbox's
own safety net (`deliver_pending`, protocol.tasks.deliver_pending on the beat schedule)
sends it again. The same task redelivered after its worker died (acks_late) carries the
same token and takes its own claim back at once.

If the broker is down when the change commits, nothing is lost: the safety net sends what
is still unsent, and its first run after the broker returns sends everything queued while
it was down."""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from protocol.models import Heartbeat, Notification, User

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
BROKER_UNAVAILABLE = "broker-unavailable"  # the Heartbeat row: when publishing last failed
# A claim older than this is a worker that died mid-send: well past the SMTP timeout
# (settings.EMAIL_TIMEOUT), so a live send is never taken over.
CLAIM_GOES_STALE = timedelta(minutes=10)
# After a failed send the next try waits longer each time (2, 4, 8 ... minutes, at most
# six hours): the ten attempts outlast an SMTP server that is down for a working day.
LONGEST_WAIT = timedelta(hours=6)


def retry_wait(attempts: int) -> timedelta:
    """How long a message waits after its `attempts`-th failed send before the next."""
    return min(timedelta(minutes=2 ** attempts), LONGEST_WAIT)


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
    except Exception:  # the broker is down: the safety net sends it
        log.warning("broker unavailable; notification %s left for the outbox's safety net",
                    notification_id)
        try:
            Heartbeat.objects.update_or_create(name=BROKER_UNAVAILABLE,
                                               defaults={"last_seen": timezone.now()})
        except DatabaseError:
            log.exception("could not record that the broker is unavailable")


@dataclass(frozen=True)
class Claim:
    """One message claimed for sending, with what goes in the email."""

    pk: int
    token: str
    subject: str
    body: str
    to: str
    attempts: int  # with this one


def _claimable(token: str, now: datetime) -> Q:
    """Unclaimed, claimed by a worker that died (stale), or claimed by this same task before
    its worker died (the redelivered message carries the same token)."""
    return (Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_GOES_STALE)
            | Q(claim_token=token))


def claim(notification_id: int, token: str) -> Claim | None:
    """Claim one unsent message in a short transaction of its own; None if it is sent, or
    another worker holds a live claim on it."""
    now = timezone.now()
    with transaction.atomic():
        # Lock the notification only (not its recipient), and only while claiming.
        found = (Notification.objects.select_for_update(skip_locked=True, of=("self",))
                 .select_related("recipient")
                 .filter(_claimable(token, now), pk=notification_id, sent_at__isnull=True)
                 .first())
        if found is None:
            return None
        found.claimed_at, found.claim_token, found.attempts = now, token, found.attempts + 1
        found.save(update_fields=["claimed_at", "claim_token", "attempts"])
    body = found.body + (f"\n\n{settings.CASEWORK_BASE_URL}{found.url}" if found.url else "")
    return Claim(found.pk, token, found.subject, body, found.recipient.email, found.attempts)


def _mark_sent(sent: Claim) -> None:
    with transaction.atomic():
        marked = Notification.objects.filter(pk=sent.pk, claim_token=sent.token).update(
            sent_at=timezone.now(), claimed_at=None)
    if not marked:
        log.warning("notification %s was sent after its claim went stale", sent.pk)


def _release(failed: Claim) -> None:
    """Give the message back for a later try: its claim is dated so that it goes stale
    (and the safety net takes it) once the wait after this many failures is over."""
    Notification.objects.filter(pk=failed.pk, claim_token=failed.token,
                                sent_at__isnull=True).update(
        claimed_at=timezone.now() - CLAIM_GOES_STALE + retry_wait(failed.attempts))


def deliver(notification_id: int, *, token: str | None = None) -> bool:
    """Send one queued email if it is still unsent and unclaimed; True if this call sent it.
    `token` names the sender (the task's id); by default, a new one."""
    claimed = claim(notification_id, token or uuid.uuid4().hex)
    if claimed is None:
        return False
    try:
        send_mail(claimed.subject, claimed.body, None, [claimed.to])  # nothing open, no lock
    except Exception:
        log.exception("sending notification %s failed", notification_id)
        _release(claimed)
        return False
    _mark_sent(claimed)
    return True


def deliver_pending(*, older_than: timedelta = timedelta(minutes=2), limit: int = 500) -> int:
    """Send queued emails that no task has sent (the broker's safety net): those older than
    `older_than`, whose task has had time to run, and, however recent, every one queued
    before the broker was last found unavailable, whose task may never have been queued;
    and those whose sender died mid-send (a stale claim)."""
    now = timezone.now()
    cutoff = now - older_than
    unavailable = (Heartbeat.objects.filter(name=BROKER_UNAVAILABLE)
                   .values_list("last_seen", flat=True).first())
    if unavailable is not None:
        cutoff = max(cutoff, unavailable)
    ids = list(Notification.objects.filter(
        Q(claimed_at__isnull=True, created_at__lte=cutoff)
        | Q(claimed_at__lt=now - CLAIM_GOES_STALE),
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS,
    ).order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk) for pk in ids)
