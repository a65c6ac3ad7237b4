"""Before a first authenticator app: the person proves they are the account's owner with
the link emailed to their work address or a code from an administrator
(protocol/machinery/mfa/enrolment.py). Thin views: the form or the link, then a service, then a
redirect to the set-up page."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.security_events import record

from . import enrolment
from .enrolment import Sent, Spent
from .forms import THROTTLED_SETUP_CODE, WRONG_SETUP_CODE, SetupCodeForm
from .navigation import mfa_url, next_url

PROOF = "mfa_enrol_proof"  # the session's spent set-up link or code (its id)
NEXT = "mfa_enrol_next"  # the page asked for, for when the emailed link is opened
NOT_SENT = ("We could not send another link just now, because several have been sent in "
            "the last hour. Use the newest link in your email, or wait an hour and try again")
SENT = "We have sent a new link to your work email address. Earlier links no longer work"


def _send(request: AuthenticatedHttpRequest) -> Sent:
    sent = enrolment.enrolment_link_send(user=request.user)
    record("mfa.setup_link_sent" if sent is Sent.SENT else "mfa.setup_refused",
           request=request, method="email_link", reason=sent.value)
    return sent


def _proved(request: HttpRequest, token_id: int, method: str) -> HttpResponse:
    request.session[PROOF] = token_id
    record("mfa.setup_proved", request=request, method=method)
    # next_url checked the page asked for when it was stored.
    return redirect(mfa_url("mfa:enrol", request.session.pop(NEXT, None) or next_url(request)))


def prove(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The set-up page before the proof: a link is on its way; or enter a code."""
    request.session[NEXT] = next_url(request)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        spent, token = enrolment.enrolment_code_spend(
            user=request.user, code=form.cleaned_data["setup_code"])
        if spent is Spent.PROVED and token is not None:
            return _proved(request, token.pk, "admin_code")
        record("mfa.setup_refused", request=request, method="admin_code", reason=spent.value)
        form.add_error("setup_code", THROTTLED_SETUP_CODE if spent is Spent.THROTTLED
                       else WRONG_SETUP_CODE)
    elif request.method == "GET" and request.user.email and not enrolment.live_link(
            request.user):
        _send(request)
    return render(request, "protocol/mfa_prove.html", {
        "form": form, "next": next_url(request), "has_email": bool(request.user.email),
        "link_sent": enrolment.live_link(request.user),
        "minutes": int(enrolment.LINK_LIFETIME.total_seconds() // 60)})


@login_required
@require_POST
def send_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send a new set-up link (a limited number an hour)."""
    sent = _send(request)
    if sent is Sent.SENT:
        messages.success(request, SENT)
    else:
        messages.warning(request, NOT_SENT)
    return redirect(mfa_url("mfa:enrol", next_url(request)))


@never_cache
@login_required
def link(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """The emailed link: a button to continue (so a mail scanner that opens links spends
    nothing), then the link is spent and the set-up page opens. A link that is not the
    signed-in person's, or is used or expired, gets the same "not found" page."""
    valid = enrolment.link_valid(user=request.user, token=token)
    if valid and request.method == "POST":
        spent = enrolment.enrolment_link_spend(user=request.user, token=token)
        if spent is not None:
            return _proved(request, spent.pk, "email_link")
        valid = False
    if not valid:
        record("mfa.setup_refused", request=request, method="email_link", reason="invalid")
        return render(request, "protocol/mfa_link_invalid.html", status=404)
    return render(request, "protocol/mfa_link.html")
