"""What an authenticator app does, for the MFA tests: the TOTP code (RFC 6238) of a key
at a given time step, computed here rather than by the code under test."""
from __future__ import annotations

import hashlib
import hmac
import struct
import time
from base64 import b32decode
from binascii import unhexlify


def code(key: bytes, *, steps_ahead: int = 0, at: float | None = None) -> str:
    """The six-digit code for `key` at the current 30-second step (plus `steps_ahead`)."""
    counter = int((time.time() if at is None else at) // 30) + steps_ahead
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def from_hex(key: str) -> bytes:
    return unhexlify(key)


def from_typed(key: str) -> bytes:
    """The key as the enrolment page shows it for typing (base32, in groups)."""
    text = key.replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8))
