"""No page without a verified one-time code while CASEWORK_MFA_REQUIRED is on (ASVS 5.0
V6.3.3): a signed-in person who has not entered a code this session is sent to enter one,
or to set up an authenticator app if they have none, whatever the address (the admin's
included) and whatever the method. Only signing out, the MFA pages, static files and the
health check are left open. Enforced here on the server, after django-otp's
OTPMiddleware has said whether this session is verified."""
from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django_otp import user_has_device

from .views import mfa_url

OPEN = frozenset({"logout", "admin:logout", "mfa:enrol", "mfa:verify", "mfa:send_link",
                  "mfa:link", "healthz"})


def must_verify(request: HttpRequest) -> bool:
    """A signed-in person without a verified code, asking for anything but an open page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return False
    if request.path_info.startswith(settings.STATIC_URL):
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # not even "no such page" before the code
    return match.view_name not in OPEN


class MfaRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.CASEWORK_MFA_REQUIRED and must_verify(request):
            page = "mfa:verify" if user_has_device(request.user) else "mfa:enrol"
            return HttpResponseRedirect(mfa_url(page, request.get_full_path()))
        return self.get_response(request)
