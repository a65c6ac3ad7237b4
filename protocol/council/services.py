"""Writes to the council's own data: which protocol profile is the council's."""
from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction

from protocol.council.models.people import User
from protocol.council.models.profiles import ProtocolProfile


def profile_activate(*, profile: ProtocolProfile, actor: User) -> ProtocolProfile:
    """Make `profile` the council's protocol; the one active before stops being active in
    the same transaction (the database allows one active profile only)."""
    with transaction.atomic():
        # Every profile row locked, in one order: two administrators choosing at once
        # take turns, and the second's choice is the one left active.
        profiles = list(ProtocolProfile.objects.select_for_update().order_by("pk"))
        chosen = next(p for p in profiles if p.pk == profile.pk)
        before = [p for p in profiles if p.is_active and p.pk != chosen.pk]
        if chosen.is_active:
            return chosen
        for old in before:
            old.is_active = False
            old.save(update_fields=["is_active"])
        chosen.is_active = True
        chosen.save(update_fields=["is_active"])
        _log_profile_change(actor, before, "No longer the active protocol")
        _log_profile_change(actor, [chosen], "Made the active protocol")
    return chosen


def _log_profile_change(actor: User, profiles: list[ProtocolProfile], message: str) -> None:
    if profiles:
        LogEntry.objects.log_actions(actor.pk, profiles, CHANGE, change_message=message)
