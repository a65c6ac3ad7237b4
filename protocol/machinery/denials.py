"""Every refusal is a security event (ASVS 5.0 V16.3.2): any 403, and any 404 shown to a
signed-in person, who may have guessed at a case that is not theirs (the product answers
404 for objects a person may not see). Logged with the URL name and status only."""
from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from protocol.machinery.security_events import record


def is_denial(request: HttpRequest, status: int) -> bool:
    if status == 403:
        return True
    user = getattr(request, "user", None)
    return status == 404 and user is not None and user.is_authenticated


class AccessDeniedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_denial(request, response.status_code):
            record("access.denied", request=request, status=response.status_code)
        return response
