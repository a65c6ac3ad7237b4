"""Security events from Django's, django-axes' and django-fsm's signals (ASVS 5.0 V16.3.1:
authentication; V16.3.3 business logic): signing in and out, failures and lock-outs, and
every committed state change of a case or register record. Connected in
ProtocolConfig.ready(). Logging only: no business logic here (STYLE.md).

A transition is logged by the service step that writes its history row
(protocol.machinery.services.record), which knows who made it, from and to: django-fsm's
signal only notes which transition ran on which object. The line is written when the
transaction commits, never before, so a refused or rolled-back action leaves none.
"""
from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django_fsm.signals import post_transition

from protocol.machinery.security_events import record
from protocol.machinery.services import ran


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


def connect() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="security.sign_in")
    user_login_failed.connect(sign_in_failed, dispatch_uid="security.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="security.locked_out")
    user_logged_out.connect(signed_out, dispatch_uid="security.sign_out")
    post_transition.connect(ran, dispatch_uid="security.transition")
