"""The request a signed-in page is given: its `user` is the council's User, never
AnonymousUser (the pattern django-stubs documents for views behind `login_required`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from protocol.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """Annotate only views behind `login_required` (or the admin's own sign-in) with it:
    Django sends an anonymous visitor to the sign-in page before the view runs."""

    user: User
