"""Requests the product refuses before any view sees them, and the headers every response
carries."""
from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from protocol.council.selectors import ProtocolNotSetUp


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


class NoStoreForSignedInMiddleware:
    """Every response to a signed-in person says `Cache-Control: no-store` (ASVS 5.0
    V14.3.2): any page may carry case data (a complaint's allegations, a constituent's
    address), and so may every export, and a shared computer's browser cache or a proxy
    must not keep a copy. One rule for every page, not a decorator each view must
    remember. After AuthenticationMiddleware, which tells who is signed in; static files
    are answered earlier (WhiteNoise) and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    """The `Permissions-Policy` header from the PERMISSIONS_POLICY setting (feature: the
    origins allowed, none for "refuse"). Neither Django nor django-csp sets this header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        policy: dict[str, list[str]] = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(origins)})"
                                for feature, origins in policy.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


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
