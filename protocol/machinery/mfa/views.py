"""The two MFA pages: set up an authenticator app, and enter a code from it. Thin views:
the form, then a service in protocol.machinery.mfa.services, then a redirect."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.middleware import is_verified
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.security_events import record

from . import enrolment, services
from .forms import THROTTLED, WRONG_CODE, CodeForm
from .navigation import mfa_url, next_url
from .qr import qr_svg
from .setup_views import PROOF, prove

ENROL_KEY = "mfa_enrol_key"  # the session's secret of the app being set up
# is_verified(user): what OTPMiddleware installs as the signed-in user's own is_verified(),
# a device verified this session (called as a function, the user's type knows no such method).


def _signed_in_with(request: HttpRequest, device: TOTPDevice) -> None:
    otp_login(request, device)
    # A new session key once the second factor is in, as at the password (ASVS V7.2.4).
    request.session.cycle_key()


# never_cache: the set-up page shows the secret key; no browser or proxy keeps a copy.
@never_cache
@login_required
def enrol(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code or type the key, then enter a code."""
    user = request.user
    if services.confirmed_device(user) is not None:
        # Only an administrator's reset makes way for another app (protocol/admin.py).
        if is_verified(user):
            return redirect(next_url(request))
        return redirect(mfa_url("mfa:verify", next_url(request)))
    proof = request.session.get(PROOF)
    if not enrolment.proved(user=user, token_id=proof):
        # The password alone sets up nothing: first the emailed link or an
        # administrator's code (protocol/machinery/mfa/enrolment.py).
        return prove(request)
    key = request.session.get(ENROL_KEY) or services.new_key()
    request.session[ENROL_KEY] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.mfa_enrol(user=user, key=key, code=form.cleaned_data["code"],
                                    proof=proof)
        if device is not None:
            del request.session[ENROL_KEY]
            del request.session[PROOF]
            _signed_in_with(request, device)
            record("mfa.enrolled", request=request, device=device.pk)
            return redirect(next_url(request))
        record("mfa.failed", request=request, step="enrol", reason=services.Checked.WRONG.value)
        form.add_error("code", WRONG_CODE)
    uri = services.provisioning_uri(user, key)
    return render(request, "protocol/mfa_enrol.html", {
        "form": form, "next": next_url(request),
        "qr_code": qr_svg(uri, title="QR code to scan with your authenticator app"),
        "typed_key": services.key_for_typing(key),
    })


@never_cache
@login_required
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enter the code the person's authenticator app shows now."""
    user = request.user
    if is_verified(user):
        return redirect(next_url(request))
    if services.confirmed_device(user) is None:
        return redirect(mfa_url("mfa:enrol", next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checked = services.mfa_check(user=user, code=form.cleaned_data["code"])
        if checked.outcome is services.Checked.VERIFIED and checked.device is not None:
            _signed_in_with(request, checked.device)
            record("mfa.verified", request=request, device=checked.device.pk)
            return redirect(next_url(request))
        record("mfa.failed", request=request, step="verify", reason=checked.outcome.value,
               device=checked.device.pk if checked.device else None)
        if checked.outcome is services.Checked.THROTTLED:
            form.add_error("code", THROTTLED.format(seconds=checked.wait_seconds))
        else:
            form.add_error("code", WRONG_CODE)
    return render(request, "protocol/mfa_verify.html", {"form": form,
                                                        "next": next_url(request)})
