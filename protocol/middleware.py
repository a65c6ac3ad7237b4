"""Requests the product refuses before any view sees them."""
from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from protocol.selectors import ProtocolNotSetUp


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


class ProtocolNotSetUpMiddleware:
    """A page that needs the council's protocol, asked for before an administrator has
    chosen one, says so plainly (503: the service is not available yet) rather than
    failing. The admin, where one is chosen, needs no protocol."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest,
                          exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ProtocolNotSetUp):
            return None
        response = TemplateResponse(request, "protocol/not_set_up.html", status=503)
        return response.render()
