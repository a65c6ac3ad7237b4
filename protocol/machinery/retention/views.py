"""The legal hold page every held kind of case shares: the Monitoring Officer gives the
reason and sets or releases the hold. Each app's view finds the case (404 for those who may
not see it) and passes its own service; this page does the rest."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django import forms
from django.http import Http404, HttpResponse

from protocol.council.selectors import roles_of
from protocol.machinery.forms import GovukFormMixin
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.retention.hold import may_hold
from protocol.machinery.views import run_form


class LegalHoldForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text="Everyone who can see the case can read this in its history",
        error_messages={"required": "Enter the reason"})

    def __init__(self, *args: Any, releasing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = ("Why the hold can be released" if releasing
                                       else "Why the case must be kept")


class HeldCase(Protocol):
    """A case that can be held: a `RetainedRecord` with a version and a page of its own."""

    @property
    def legal_hold(self) -> bool: ...

    @property
    def version(self) -> int: ...

    def get_absolute_url(self) -> str: ...


def legal_hold_page(request: AuthenticatedHttpRequest, case: HeldCase, *,
                    change: Callable[..., object]) -> HttpResponse:
    """GET: the form; POST: `change(hold=..., reason=..., version=...)`, then back to the
    case. Only the Monitoring Officer gets the page; the service checks again."""
    if not may_hold(roles_of(request.user)):
        raise Http404("Only the Monitoring Officer sets a legal hold")
    releasing = case.legal_hold
    form = LegalHoldForm(request.POST or None, initial={"version": case.version},
                         releasing=releasing)
    return run_form(
        request, form, lambda data: change(hold=not releasing, reason=data["reason"],
                                           version=data["version"]),
        template="protocol/legal_hold.html",
        context={"case": case, "releasing": releasing,
                 "title": "Release the legal hold" if releasing else "Put on legal hold"},
        done="Legal hold released" if releasing
        else "Legal hold set: the case will not be anonymised",
        then=lambda _: case.get_absolute_url())
