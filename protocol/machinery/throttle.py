"""Counting requests per person or per client address in a fixed window, in the cache
that every web process shares (Redis in production; REDIS_URL is required there). Keys
hold a hash of what they count, never an email address or an IP address in clear.

Used for password reset requests (ASVS 5.0 V6.3.1): per account (the email address
entered, whether or not it matches one, so the answer says nothing about who has an
account) and per client address as django-axes resolves it (proxy count applied).
"""
from __future__ import annotations

import enum
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from protocol.machinery.security_events import client_address


class Scope(enum.Enum):
    ACCOUNT = "account"
    ADDRESS = "address"


def _key(kind: str, scope: Scope, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"{settings.CASEWORK_THROTTLE_PREFIX}:{kind}:{scope.value}:{digest}"


def spend(kind: str, scope: Scope, value: str, *, times: int, seconds: int) -> bool:
    """Count one request for `value`; False once there have been more than `times` in
    the window of `seconds` that began with the first of them."""
    key = _key(kind, scope, value)
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between the two calls
        cache.add(key, 1, timeout=seconds)
        count = 1
    return count <= times


def password_reset_refused(request: HttpRequest, email: str) -> Scope | None:
    """Count a password reset request; the scope whose limit it passes, if any. The
    address is counted first: a refused address spends nothing of the account's."""
    address = client_address(request) or "unknown"
    times, seconds = settings.CASEWORK_PASSWORD_RESET_PER_ADDRESS
    if not spend("password_reset", Scope.ADDRESS, address, times=times, seconds=seconds):
        return Scope.ADDRESS
    times, seconds = settings.CASEWORK_PASSWORD_RESET_PER_ACCOUNT
    if not spend("password_reset", Scope.ACCOUNT, email.strip().casefold(), times=times,
                 seconds=seconds):
        return Scope.ACCOUNT
    return None
