"""The request a signed-in page is given: its `user` is the council's User, never
AnonymousUser (the pattern django-stubs documents for views behind `login_required`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from protocol.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """Annotate only views behind `login_required`: Django sends an anonymous visitor to
    the sign-in page before the view runs."""

    user: User


def signed_in(request: HttpRequest) -> User:
    """The person signed in, where Django types the request as any request but only a
    signed-in person gets there (the admin's actions and hooks: every admin page needs an
    active staff member first). Anyone else is refused, never taken for a person."""
    from protocol.models import User

    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first")
    return user
