"""Proving, before a first authenticator app is set up, that whoever has the password is
the account's owner (ASVS 5.0 V6.4.1, V6.4.3): the password alone must not be enough to
tie an app to an account, or a leaked password at go-live, or after an administrator's
reset, would hand the account over for good.

Two ways: a link emailed to the person's work address (the council's mail, which the
password does not open), or a code an administrator issues and gives them in person or by
phone. Each is single-use and expires; a new one of the same kind replaces the last, and
an MFA reset revokes them all. Only a keyed hash is stored, so a copy of the database
opens nothing. The link is sent straight away rather than through the notification outbox
(protocol/machinery/outbox.py), which keeps each email's body.
"""
from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from protocol.machinery.throttle import Scope, spend
from protocol.models import EnrolmentToken, User

LINK_LIFETIME = timedelta(hours=1)
CODE_LIFETIME = timedelta(hours=24)
LINKS_PER_HOUR = 3
CODE_TRIES_PER_HOUR = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 12  # 60 bits


class Sent(enum.Enum):
    SENT = "sent"
    THROTTLED = "throttled"
    NO_EMAIL = "no_email"


class Spent(enum.Enum):
    PROVED = "proved"
    INVALID = "invalid"
    THROTTLED = "throttled"


def _hash(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def _normalised_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def _issue(*, user: User, kind: str, secret: str, lifetime: timedelta,
           issued_by: User | None = None) -> EnrolmentToken:
    now = timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).exists()
        EnrolmentToken.objects.filter(user=user, kind=kind, used_at__isnull=True,
                                      revoked_at__isnull=True).update(revoked_at=now)
        return EnrolmentToken.objects.create(user=user, kind=kind, token_hash=_hash(secret),
                                             expires_at=now + lifetime, issued_by=issued_by)


def live_link(user: User) -> bool:
    """Has the person an unused, unexpired set-up link?"""
    return EnrolmentToken.objects.filter(
        user=user, kind=EnrolmentToken.Kind.EMAIL_LINK, used_at__isnull=True,
        revoked_at__isnull=True, expires_at__gt=timezone.now()).exists()


def enrolment_link_send(*, user: User) -> Sent:
    """Email the person a new single-use set-up link (at most LINKS_PER_HOUR an hour)."""
    if not user.email:
        return Sent.NO_EMAIL
    if not spend("mfa_link", Scope.ACCOUNT, str(user.pk), times=LINKS_PER_HOUR,
                 seconds=3600):
        return Sent.THROTTLED
    secret = secrets.token_urlsafe(32)
    _issue(user=user, kind=EnrolmentToken.Kind.EMAIL_LINK, secret=secret,
           lifetime=LINK_LIFETIME)
    url = settings.CASEWORK_BASE_URL.rstrip("/") + reverse("mfa:link",
                                                           kwargs={"token": secret})
    body = render_to_string("protocol/mfa_enrolment_email.txt", {
        "user": user, "url": url, "minutes": int(LINK_LIFETIME.total_seconds() // 60)})
    send_mail("Set up two-factor authentication for your casework account", body,
              None, [user.email])
    return Sent.SENT


def enrolment_code_issue(*, user: User, by: User) -> str:
    """A new single-use set-up code for the person, issued by an administrator; the code
    itself is returned once, to be shown to that administrator, and never stored."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    _issue(user=user, kind=EnrolmentToken.Kind.ADMIN_CODE, secret=code,
           lifetime=CODE_LIFETIME, issued_by=by)
    return "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def _usable(*, user: User, kind: str, secret: str) -> QuerySet[EnrolmentToken]:
    return EnrolmentToken.objects.filter(
        user=user, kind=kind, token_hash=_hash(secret), used_at__isnull=True,
        revoked_at__isnull=True, expires_at__gt=timezone.now())


def link_valid(*, user: User, token: str) -> bool:
    """Is `token` the person's own set-up link, unused and unexpired?"""
    return _usable(user=user, kind=EnrolmentToken.Kind.EMAIL_LINK, secret=token).exists()


def _spend(*, user: User, kind: str, secret: str) -> EnrolmentToken | None:
    with transaction.atomic():
        token = _usable(user=user, kind=kind, secret=secret).select_for_update().first()
        if token is None:
            return None
        token.used_at = timezone.now()
        token.save(update_fields=["used_at"])
        return token


def enrolment_link_spend(*, user: User, token: str) -> EnrolmentToken | None:
    """Spend the person's own set-up link; None if it is not theirs, used or expired."""
    return _spend(user=user, kind=EnrolmentToken.Kind.EMAIL_LINK, secret=token)


def enrolment_code_spend(*, user: User, code: str) -> tuple[Spent, EnrolmentToken | None]:
    """Spend a set-up code an administrator issued to the person (wrong codes throttled)."""
    if not spend("mfa_code", Scope.ACCOUNT, str(user.pk), times=CODE_TRIES_PER_HOUR,
                 seconds=3600):
        return Spent.THROTTLED, None
    token = _spend(user=user, kind=EnrolmentToken.Kind.ADMIN_CODE,
                   secret=_normalised_code(code))
    return (Spent.PROVED, token) if token else (Spent.INVALID, None)


def proved(*, user: User, token_id: object) -> bool:
    """Does the spent token this session holds still stand for the person?"""
    if not isinstance(token_id, int):
        return False
    return EnrolmentToken.objects.filter(pk=token_id, user=user, used_at__isnull=False,
                                         revoked_at__isnull=True).exists()


def enrolment_tokens_revoke(*, user: User) -> int:
    """Revoke every set-up link and code of the person's, spent or not (an MFA reset, or
    an app now set up)."""
    return EnrolmentToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now())
