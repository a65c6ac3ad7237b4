"""What an approved change does to the account: one function per kind of change."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from protocol.machinery.mfa.services import mfa_reset
from protocol.models import AccountChangeKind, AccountChangeRequest, Post, User

# The account fields a change of details may set.
DETAIL_FIELDS = ("first_name", "last_name", "email", "is_active")
POST_FIELDS = ("kind", "title", "ward", "political_group", "committee", "directorate",
               "service")


def _details(change: AccountChangeRequest, person: User) -> None:
    fields = [f for f in DETAIL_FIELDS if f in change.changes]
    for name in fields:
        setattr(person, name, change.changes[name])
    person.full_clean(exclude=["password", "username"])
    person.save(update_fields=fields)


def _password(change: AccountChangeRequest, person: User) -> None:
    person.password = change.changes["password"]  # the hash, made when it was asked for
    person.save(update_fields=["password"])


def _mfa_reset(change: AccountChangeRequest, person: User) -> None:
    mfa_reset(user=person)


def _add_post(change: AccountChangeRequest, person: User) -> None:
    values = change.changes
    post = Post(holder=person, title=values.get("title", ""), kind=values["kind"],
                starts_on=date.fromisoformat(values["starts_on"]),
                **{f"{name}_id": values.get(name) for name in POST_FIELDS[2:]})
    post.full_clean()  # one Monitoring Officer at a time, say, as when it was asked for
    post.save()


def _end_post(change: AccountChangeRequest, person: User) -> None:
    post = (Post.objects.select_for_update().filter(pk=change.post_id, holder=person).first()
            if change.post_id is not None else None)
    if post is None:
        raise ValidationError("The post is no longer theirs.")
    post.ends_on = timezone.localdate()
    post.save(update_fields=["ends_on"])


def _delete(change: AccountChangeRequest, person: User) -> None:
    person.delete()


APPLY: dict[str, Callable[[AccountChangeRequest, User], None]] = {
    AccountChangeKind.DETAILS: _details,
    AccountChangeKind.PASSWORD: _password,
    AccountChangeKind.MFA_RESET: _mfa_reset,
    AccountChangeKind.ADD_POST: _add_post,
    AccountChangeKind.END_POST: _end_post,
    AccountChangeKind.DELETE: _delete,
}
