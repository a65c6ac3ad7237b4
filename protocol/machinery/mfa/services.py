"""Enrolling an authenticator app, checking its codes, and resetting it (ASVS 5.0 V6.5).

A code is accepted once only: django-otp's TOTP device remembers the time step of the last
code it accepted and refuses that step and every earlier one. Wrong codes are throttled by
django-otp: after n wrong codes in a row the next is refused for 2**(n-1) seconds
(OTP_TOTP_THROTTLE_FACTOR), whatever the code.

The secret of an app being enrolled lives in the person's (server-side) session until a
code from it is right; only then is a confirmed device stored, so an abandoned enrolment
leaves nothing behind and a wrong code during enrolment changes nothing.
"""
from __future__ import annotations

import enum
import time
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from protocol.models import User

from . import enrolment

DEVICE_NAME = "Authenticator app"
KEY_BYTES = 20  # 160 bits, RFC 4226's recommended length for HMAC-SHA-1
DIGITS = 6
STEP = 30
TOLERANCE = 1  # the code before and the code after the current one are accepted too


class Checked(enum.Enum):
    VERIFIED = "verified"
    WRONG = "wrong_code"
    THROTTLED = "throttled"
    NO_DEVICE = "no_device"


@dataclass(frozen=True)
class CodeCheck:
    outcome: Checked
    device: TOTPDevice | None = None
    wait_seconds: int = 0


def confirmed_device(user: User) -> TOTPDevice | None:
    """The person's enrolled authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def new_key() -> str:
    """A fresh TOTP secret, hex-encoded, as django-otp stores it."""
    return random_hex(KEY_BYTES)


def key_for_typing(key: str) -> str:
    """The secret as an authenticator app takes it by hand: base32, in groups of four."""
    text = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user: User, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key, digits=DIGITS, step=STEP).config_url


def mfa_enrol(*, user: User, key: str, code: str, proof: object) -> TOTPDevice | None:
    """Store the app whose secret is `key` as the person's device if `code` is its current
    code and `proof` is the set-up link or code they spent this session (enrolment.py);
    None (nothing stored) if not, or if they already have a device."""
    totp = TOTP(unhexlify(key), step=STEP, digits=DIGITS)
    totp.time = time.time()
    if not totp.verify(int(code), tolerance=TOLERANCE):
        return None
    with transaction.atomic():
        # One enrolment at a time per person: a second, concurrent one finds the first.
        User.objects.select_for_update().filter(pk=user.pk).exists()
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return None
        if not enrolment.proved(user=user, token_id=proof):
            return None
        enrolment.enrolment_tokens_revoke(user=user)
        # last_t: the code just used is spent, and so is every earlier one. The drift
        # stays 0: a code typed just before its step ended matches at offset -1, which
        # says nothing about the phone's clock, and keeping it would move the window the
        # next codes are accepted in a step into the past.
        return TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=key, digits=DIGITS, step=STEP,
            tolerance=TOLERANCE, drift=0, last_t=totp.t(), confirmed=True,
            last_used_at=timezone.now())


def mfa_check(*, user: User, code: str) -> CodeCheck:
    """Check a code against the person's device, under its row lock so that two requests
    cannot both spend one code or both skip the throttle."""
    with transaction.atomic():
        device = (TOTPDevice.objects.select_for_update()
                  .filter(user=user, confirmed=True).order_by("pk").first())
        if device is None:
            return CodeCheck(Checked.NO_DEVICE)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            wait = (details or {}).get("locked_until")
            seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1) if wait else 1
            return CodeCheck(Checked.THROTTLED, device, seconds)
        if device.verify_token(code):
            return CodeCheck(Checked.VERIFIED, device)
    return CodeCheck(Checked.WRONG, device)


def mfa_reset(*, user: User) -> int:
    """Remove the person's devices (an administrator's act): they enrol afresh at their
    next sign-in, with a new set-up link or code, and a session verified with a removed
    device, or holding a spent link or code, is verified or proved no longer."""
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        enrolment.enrolment_tokens_revoke(user=user)
    return deleted
