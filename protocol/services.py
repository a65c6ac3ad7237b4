"""Writes to the council's own data that other apps must hear about."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from protocol.models import User
from protocol.signals import closure_days_changed


def announce_closure_change(dates: Iterable[date], actor: User | None) -> None:
    """After commit, tell other apps that these closure days changed."""
    changed = sorted(set(dates))
    transaction.on_commit(
        lambda: closure_days_changed.send(sender=None, dates=changed, actor=actor))
