"""Requests the product refuses before any view sees them."""
from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class RefuseNulMiddleware:
    """A NUL character in the address (path or query) is refused with 400: PostgreSQL
    cannot compare text containing one, so a lookup by it would fail with a server error
    instead of finding nothing. No link the product makes carries one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()):
            raise BadRequest("The address contains a NUL character.")
        return self.get_response(request)
