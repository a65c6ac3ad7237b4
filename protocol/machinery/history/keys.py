"""The key that seals the histories (HMAC-SHA256). It lives outside the database, in the
environment (CASEWORK_HISTORY_KEY), so that someone who can write to the database but does
not hold the key cannot compute a seal the application would accept.

Rotation: a new key seals from the moment it is set; the keys it replaced stay listed in
CASEWORK_HISTORY_OLD_KEYS so that what they sealed still verifies, until `manage.py
reseal_history` has re-sealed every chain with the new one. No key id is stored: a seal is
accepted if any listed key made it (the other keys are tried only when the current one
fails, so a healthy chain costs one HMAC a row)."""
from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

# Outside production only (config.settings.production refuses to start with it).
DEV_KEY = "dev-only-casework-history-key-not-secret"


def current() -> bytes:
    """The key new seals are made with."""
    return str(getattr(settings, "CASEWORK_HISTORY_KEY", "") or DEV_KEY).encode("utf-8")


def accepted() -> tuple[bytes, ...]:
    """Every key a seal may have been made with: the current one first."""
    old = getattr(settings, "CASEWORK_HISTORY_OLD_KEYS", ()) or ()
    return (current(), *(str(key).encode("utf-8") for key in old if key))


def seal(message: bytes, key: bytes | None = None) -> str:
    """HMAC-SHA256 of `message` under `key` (default: the current key), in hex."""
    return hmac.new(key or current(), message, hashlib.sha256).hexdigest()


def sealed(message: bytes, digest: str) -> bool:
    """Whether `digest` is the seal of `message` under any accepted key."""
    return any(hmac.compare_digest(seal(message, key), digest) for key in accepted())


def pads(key: bytes | None = None) -> dict[str, bytes]:
    """The key's HMAC inner and outer pads (RFC 2104), as named parameters for the SQL that
    seals set-based (`bulk`): `history_ipad` and `history_opad`."""
    key = key or current()
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return {"history_ipad": bytes(b ^ 0x36 for b in key),
            "history_opad": bytes(b ^ 0x5C for b in key)}
