"""Separation of duties in the admin (ASVS 5.0 V8.2.1, V8.3.1): an administrator who is
not a superuser keeps the council's people and posts, but never their own account or
posts (so nobody makes themselves Monitoring Officer, say, and through the post sees
every complaint), never a superuser's account, and never anyone's admin rights. Who may
do those things is the superusers' business, and each change is in the admin's log."""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from protocol.models import User

# The fields of a person that grant rights in the admin itself.
PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")


def may_administer(administrator: User | AnonymousUser | None, person: User | None) -> bool:
    """May `administrator` change `person`'s account and posts? None (no particular
    person: a list, or a new one) is decided by the model's permissions alone."""
    if person is None:
        return True
    if administrator is None or not administrator.is_authenticated:
        return False
    if administrator.is_superuser:
        return True
    return person.pk != administrator.pk and not person.is_superuser
