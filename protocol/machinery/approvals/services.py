"""Asking for, approving and rejecting a change to a protected account; telling its holder.

Four eyes (ASVS 5.0 V8.2.1): the change is made only when an administrator other than the
one who asked, and other than the account's holder, approves it. Each step is in the
admin's log and the security log, and the holder is emailed at the address the account
had before the change (so a changed address cannot hide the change from them)."""
from __future__ import annotations

import logging

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from protocol.machinery.admin_rules import may_administer
from protocol.machinery.models.approvals import PENDING_MESSAGE
from protocol.machinery.security_events import record
from protocol.models import AccountChangeKind, AccountChangeRequest, AccountChangeState, User

from .apply import APPLY

log = logging.getLogger(__name__)
APPROVE_PERMISSION = "protocol.change_accountchangerequest"


class NotPending(Exception):
    """The change was already approved or rejected."""


class AlreadyPending(Exception):
    """A change of the same kind to the same account already waits for approval."""

    def __init__(self) -> None:
        super().__init__(PENDING_MESSAGE)


def account_change_is_pending(*, person: User, kind: str) -> bool:
    """Does a change of `kind` to `person`'s account already wait for approval?"""
    return AccountChangeRequest.objects.filter(
        person=person, kind=kind, state=AccountChangeState.PENDING).exists()


def account_change_ask(*, change: AccountChangeRequest, actor: User) -> AccountChangeRequest:
    """Record a change to `change.person`'s account that waits for a second administrator."""
    with transaction.atomic():
        if change.person_id is None:  # as the lookup by no id would: no such account
            raise User.DoesNotExist("The change names no account.")
        person = User.objects.select_for_update().get(pk=change.person_id)
        if not actor.is_staff or not may_administer(actor, person):
            raise PermissionDenied("You cannot ask for a change to this account.")
        change.person_name = str(person)[:160]
        change.requested_by, change.state = actor, AccountChangeState.PENDING
        change.requested_at = timezone.now()
        _save_only_pending(change, person)
        _log(actor, change, ADDITION, "Asked for")
        record("account_change.requested", actor=actor.pk, account=person.pk,
               change=change.pk, kind=change.kind)
        _tell([person.email], "A change to your casework account is waiting for approval",
              f"{actor} has asked for this change to your account: "
              f"{change.get_kind_display().lower()}. A second administrator must approve it "
              "before it is made.")
    return change


def account_change_approve(*, change_id: int, actor: User) -> AccountChangeRequest:
    """Make the change, as a second administrator; PermissionDenied if `actor` may not."""
    with transaction.atomic():
        change = AccountChangeRequest.objects.select_for_update().get(pk=change_id)
        person = _check_second_administrator(change, actor)
        addresses = [person.email]
        _log_on_account(actor, change, person)  # before: a deleted account has no id
        APPLY[change.kind](change, person)
        _decided(change, actor, AccountChangeState.APPLIED)
        if change.kind != AccountChangeKind.DELETE:
            addresses.append(person.email)  # a changed address is told too
        _tell(addresses, "Your casework account has been changed",
              f"This change to your account was made: {change.get_kind_display().lower()}. "
              f"{change.requested_by} asked for it and {actor} approved it.")
    return change


def account_change_reject(*, change_id: int, actor: User) -> AccountChangeRequest:
    """Refuse the change, as a second administrator: nothing about the account changes."""
    with transaction.atomic():
        change = AccountChangeRequest.objects.select_for_update().get(pk=change_id)
        person = _check_second_administrator(change, actor)
        _decided(change, actor, AccountChangeState.REJECTED)
        _tell([person.email], "A change to your casework account was not made",
              f"The change to your account that {change.requested_by} asked for "
              f"({change.get_kind_display().lower()}) was rejected by {actor}.")
    return change


def account_changed_directly(*, person: User, actor: User, what: str) -> None:
    """Tell the holder of a protected account that a superuser changed it."""
    record("account.changed", actor=actor.pk, account=person.pk, what=what)
    _tell([person.email], "Your casework account has been changed",
          f"{actor} changed your account ({what}).")


def _save_only_pending(change: AccountChangeRequest, person: User) -> None:
    """Save a new request unless one of its kind waits already (a double submit). The lock
    on `person` makes a concurrent ask wait here and then see the first one; the
    constraint `account_change_one_pending` catches anything else."""
    if account_change_is_pending(person=person, kind=change.kind):
        raise AlreadyPending
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:
        if account_change_is_pending(person=person, kind=change.kind):
            raise AlreadyPending from None
        raise


def _check_second_administrator(change: AccountChangeRequest, actor: User) -> User:
    person = (User.objects.select_for_update().filter(pk=change.person_id).first()
              if change.person_id else None)
    if (person is None or not actor.is_staff or not actor.has_perm(APPROVE_PERMISSION)
            or actor.pk in (change.requested_by_id, person.pk)
            or not may_administer(actor, person)):
        raise PermissionDenied("A second administrator, neither the one who asked nor "
                               "the account's holder, decides this change.")
    if change.state != AccountChangeState.PENDING:
        raise NotPending
    return person


def _decided(change: AccountChangeRequest, actor: User, state: str) -> None:
    change.state, change.decided_by, change.decided_at = state, actor, timezone.now()
    change.save(update_fields=["state", "decided_by", "decided_at"])
    _log(actor, change, CHANGE, change.get_state_display())
    record(f"account_change.{state}", actor=actor.pk, account=change.person_id,
           change=change.pk, kind=change.kind)


def _log(actor: User, change: AccountChangeRequest, flag: int, message: str) -> None:
    LogEntry.objects.log_actions(actor.pk, [change], flag, change_message=message)


def _log_on_account(actor: User, change: AccountChangeRequest, person: User) -> None:
    """The change in the account's own history, as if made on its page."""
    flag = DELETION if change.kind == AccountChangeKind.DELETE else CHANGE
    LogEntry.objects.log_actions(
        actor.pk, [person], flag, change_message=f"{change.get_kind_display()}: approved "
        f"change request {change.pk}, asked for by {change.requested_by}")


def _tell(addresses: list[str], subject: str, body: str) -> None:
    to = sorted({a for a in addresses if a})
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, None, to), robust=True)
