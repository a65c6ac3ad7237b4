"""Separation of duties in the admin (ASVS 5.0 V8.2.1, V8.3.1): an administrator who is
not a superuser keeps the council's people and posts, but never their own account or
posts (so nobody makes themselves Monitoring Officer, say, and through the post sees
every complaint), never a superuser's account, and never anyone's admin rights. Who may
do those things is the superusers' business, and each change is in the admin's log.

A protected account (one holding a statutory or HR post, or an administrator's) they do
not change directly either: they ask, and a second administrator approves
(protocol.machinery.approvals), so that taking over the Monitoring Officer's account needs two."""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from protocol.council.models.people import PROTECTED_POSTS
from protocol.models import Post, User

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


def is_protected(person: User) -> bool:
    """Is this an administrator's account, or one holding (or about to hold) a statutory
    or HR post?"""
    if person.is_staff or person.is_superuser:
        return True
    not_ended = Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    return Post.objects.filter(not_ended, holder=person, kind__in=PROTECTED_POSTS).exists()


def may_change_directly(administrator: User | AnonymousUser | None,
                        person: User | None) -> bool:
    """`may_administer`, and for a protected account only a superuser: anyone else asks
    a second administrator (protocol.machinery.approvals)."""
    if not may_administer(administrator, person):
        return False
    # For a particular person may_administer has refused administrator None already.
    superuser = administrator is not None and administrator.is_superuser
    return person is None or superuser or not is_protected(person)
