"""Structured security events: one JSON line each on the `casework.security` logger.

An event carries a name from EVENTS, the time, and identifiers only (user ids, record
ids, URL names, counts), never free text a person typed: a name, an email address or a
case summary must not reach the log (ASVS 5.0 V16.2, V16.3). `record` refuses a field
that cannot be an identifier (a space, an @, any other punctuation, over 80 characters), so
a careless caller passing a summary or an email address fails its tests rather than
leaking. A single word still passes (a surname looks like a URL name), so callers pass
ids, never a username or a name.

Production ships the logger's lines to the council's log store, like the rest of stdout.
"""
from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest

log = logging.getLogger("casework.security")

EVENTS = frozenset({
    "sign_in.succeeded", "sign_in.failed", "sign_in.locked_out", "sign_out",
    "password_reset.throttled",
    "mfa.enrolled", "mfa.verified", "mfa.failed", "mfa.reset",
    "mfa.setup_link_sent", "mfa.setup_code_issued", "mfa.setup_proved", "mfa.setup_refused",
    "account.changed", "account_change.requested", "account_change.applied",
    "account_change.rejected",
    "access.denied",
    "transition",
    "export",
    "erasure", "retention.run", "legal_hold.set", "legal_hold.released",
})
# Field values: integers, booleans, None, or short machine words (URL names, transition
# names, model labels, ISO dates): letters, digits and . _ : / - only, nothing else.
_WORD = re.compile(r"^[A-Za-z0-9._:/-]{1,80}$")


class NotAnIdentifier(ValueError):
    """A field that could carry personal data was offered to the security log."""


def _checked(name: str, value: Any) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str) and _WORD.match(value):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, int) for v in value):
        return list(value)
    raise NotAnIdentifier(f"security event field {name!r} is not an identifier")


def client_address(request: HttpRequest) -> str | None:
    """The client's address as django-axes resolved it (proxy count applied)."""
    address = getattr(request, "axes_ip_address", None)
    if address:
        return str(address)
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


def record(event: str, *, request: HttpRequest | None = None, **fields: Any) -> dict:
    """Log one security event and return what was logged.

    `request` adds the acting user's id, the client address and the URL name. Any other
    field must be an identifier (see `_checked`)."""
    if event not in EVENTS:
        raise ValueError(f"unknown security event {event!r}")
    entry: dict[str, Any] = {"event": event,
                             "at": datetime.now(UTC).isoformat(timespec="milliseconds")}
    if request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            entry["actor"] = user.pk
        entry["ip"] = client_address(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name:
            entry["url_name"] = match.view_name
    for name, value in sorted(fields.items()):
        entry[name] = _checked(name, value)
    log.info(json.dumps(entry, sort_keys=True), extra={"security_event": entry})
    return entry
