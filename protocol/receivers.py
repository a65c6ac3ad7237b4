"""Security events from Django's, django-axes' and django-fsm's signals (ASVS 5.0 V16.3.1:
authentication; V16.3.3 business logic): signing in and out, failures and lock-outs, and
every committed state change of a case or register record. Connected in
ProtocolConfig.ready(). Logging only: no business logic here (STYLE.md).

A transition is logged when its transaction commits, never before, so a refused or
rolled-back action leaves no line. Its actor is the actor of the history row the service
writes for it in the same transaction: django-fsm's signal says which transition ran on
which object, the history row says who did it.
"""
from __future__ import annotations

from functools import partial
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models, transaction
from django.db.models.signals import post_save
from django_fsm.signals import post_transition

from protocol.security_events import record

PENDING = "_security_transitions"  # on a model instance: its transitions not yet claimed


def account_id(username: object) -> int | None:
    """The id of the account with this username, if there is one: a failed or locked-out
    sign-in is logged against an account, never with the name that was typed."""
    if not isinstance(username, str) or not username:
        return None
    User = get_user_model()
    return (User._default_manager.filter(**{User.USERNAME_FIELD: username})
            .values_list("pk", flat=True).first())


def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record("sign_in.succeeded", request=request, account=user.pk)


def sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    record("sign_in.failed", request=request, account=account_id(credentials.get("username")))


def locked_out(sender: Any, request: Any, username: Any = None, **kwargs: Any) -> None:
    record("sign_in.locked_out", request=request, account=account_id(username))


def signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record("sign_out", request=request, account=getattr(user, "pk", None))


def transitioned(sender: Any, instance: models.Model, name: str, source: Any, target: Any,
                 **kwargs: Any) -> None:
    """Queue one `transition` event for the commit of the current transaction."""
    if kwargs.get("exception") is not None:
        return
    # A transition that names who makes it (`by=`) says so itself; otherwise the history
    # row claims it below.
    by = (kwargs.get("method_kwargs") or {}).get("by")
    entry: dict[str, Any] = {"model": instance._meta.label_lower, "object": instance.pk,
                             "transition": name, "source": str(source),
                             "target": str(target), "actor": getattr(by, "pk", None),
                             "history_event": None}
    instance.__dict__.setdefault(PENDING, []).append(entry)
    transaction.on_commit(partial(_emit, entry))


def history_written(sender: Any, instance: models.Model, created: bool = False,
                    raw: bool = False, **kwargs: Any) -> None:
    """A new history row recording a state change (it has an actor and a from_state) on a
    record with a transition not yet claimed: that transition's actor is the row's. Rows
    that record no state change (a note, "group told") claim nothing."""
    if not created or raw or not getattr(instance, "from_state", ""):
        return
    if not hasattr(instance, "actor_id"):
        return
    for related in instance._state.fields_cache.values():
        pending = getattr(related, "__dict__", {}).get(PENDING)
        if pending:
            entry = pending.pop(0)
            entry["actor"], entry["history_event"] = instance.actor_id, instance.pk
            return


def _emit(entry: dict[str, Any]) -> None:
    record("transition", **entry)


def connect() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="security.sign_in")
    user_login_failed.connect(sign_in_failed, dispatch_uid="security.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="security.locked_out")
    user_logged_out.connect(signed_out, dispatch_uid="security.sign_out")
    post_transition.connect(transitioned, dispatch_uid="security.transition")
    post_save.connect(history_written, dispatch_uid="security.history")
