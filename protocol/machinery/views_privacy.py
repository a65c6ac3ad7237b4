"""The Monitoring Officer's subject access pages: search for the person, confirm the
matches, read the summary, download the JSON. Thin views over protocol.machinery.subject_access.

Everything is sent by POST, never in the address: names and email addresses must not reach
access logs or browser history (ASVS 5.0 V14.2.1). Anyone but the Monitoring Officer gets
404, an administrator without the post included (004: the Monitoring Officer decides
need-to-know disputes; the custodian of the council's data and standards)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from protocol.council.selectors import roles_of
from protocol.machinery.forms_privacy import (
    ACCOUNT,
    CONSTITUENT,
    AccountSearchForm,
    ChooseAccountForm,
    ConfirmEnquiriesForm,
    ConstituentSearchForm,
    HideForm,
)
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.presenters_privacy import present
from protocol.machinery.security_events import record
from protocol.machinery.subject_access import (
    Export,
    Subject,
    build_export,
    find_constituent,
    find_users,
)
from protocol.machinery.subject_access.export import MAX_PEOPLE


@dataclass
class Step:
    """How far the Monitoring Officer has got: a search, what it found, the choice made."""

    kind: str
    search: forms.Form
    found: list = field(default_factory=list)
    choice: forms.Form | None = None
    subject: Subject | None = None

    def carried(self) -> list[tuple[str, str]]:
        """The search and the choice, as hidden fields for the next step."""
        pairs = [("search", self.kind)]
        pairs += [(bound.html_name, bound.value() or "") for bound in self.search]
        if self.subject is not None and self.subject.user_id is not None:
            pairs.append(("user", str(self.subject.user_id)))
        if self.subject is not None:
            pairs += [("references", ref) for ref in sorted(self.subject.enquiry_references)]
        return pairs

    def form_in_error(self) -> forms.Form:
        """The form whose errors the page shows: the choice once made, else the search."""
        return self.choice if self.choice is not None and self.choice.is_bound \
            else self.search


def _account(post: QueryDict, confirming: bool) -> Step:
    search = AccountSearchForm(post)
    if not search.is_valid():
        return Step(ACCOUNT, search)
    people = find_users(search.cleaned_data["person"])
    choose = ChooseAccountForm(post if confirming else None, people=people)
    subject = (Subject(user_id=choose.cleaned_data["user"])
               if confirming and choose.is_valid() else None)
    return Step(ACCOUNT, search, people, choose, subject)


def _constituent(post: QueryDict, confirming: bool) -> Step:
    search = ConstituentSearchForm(post)
    if not search.is_valid():
        return Step(CONSTITUENT, search)
    query = search.query()
    matches = find_constituent(query)
    choice = ConfirmEnquiriesForm(post if confirming else None, matches=matches)
    subject = (Subject(constituent=query,
                       enquiry_references=frozenset(choice.cleaned_data["references"]))
               if confirming and choice.is_valid() else None)
    return Step(CONSTITUENT, search, matches, choice, subject)


def _step(request: HttpRequest, *, confirming: bool) -> Step | None:
    kind = request.POST.get("search")
    if kind == ACCOUNT:
        return _account(request.POST, confirming)
    if kind == CONSTITUENT:
        return _constituent(request.POST, confirming)
    return None


def _only_the_monitoring_officer(request: AuthenticatedHttpRequest) -> None:
    if not roles_of(request.user).is_monitoring_officer:
        raise Http404("No such page")


def _search_page(request: HttpRequest, step: Step | None) -> HttpResponse:
    kind = step.kind if step else None
    return render(request, "protocol/subject_access.html", {
        "step": step,
        "account": step.search if step and kind == ACCOUNT else AccountSearchForm(),
        "constituent": step.search if step and kind == CONSTITUENT else ConstituentSearchForm(),
        "form": step.form_in_error() if step else None,
        "carried": step.carried() if step and step.choice else [],
        "more_people": bool(step and step.kind == ACCOUNT and len(step.found) >= MAX_PEOPLE),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def subject_access(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Search for the subject (POST), and list the matches to confirm."""
    _only_the_monitoring_officer(request)
    step = _step(request, confirming=False) if request.method == "POST" else None
    return _search_page(request, step)


def _log(request: HttpRequest, subject: Subject, export: Export, form: str) -> None:
    # Identifiers and counts only (protocol.machinery.security_events): never the name searched for.
    record("export", request=request, format=form, subject_kind=subject.kind,
           subject_user=subject.user_id, enquiries=export.ids.get("enquiries", []),
           complaints=export.ids.get("complaints", []),
           records=sum(export.counts.values()),
           withheld=len(export.data["withheld"]))


@dataclass
class Ready:
    """The export of the subject confirmed, the step that chose them, and what to hide."""

    step: Step
    subject: Subject
    export: Export
    hide: HideForm


def _export(request: AuthenticatedHttpRequest) -> Ready | Step | None:
    """The export, or the step to show again when no subject is confirmed (None: no
    search at all)."""
    _only_the_monitoring_officer(request)
    step = _step(request, confirming=True)
    if step is None or step.subject is None:
        return step
    hide = HideForm(request.POST)
    return Ready(step, step.subject, build_export(step.subject, hide=hide.terms()), hide)


def _summary_page(request: HttpRequest, step: Step, export: Export,
                  hide: HideForm) -> HttpResponse:
    return render(request, "protocol/subject_access_summary.html", {
        "export": export.data, "carried": step.carried(), "hide": hide,
        "sections": [(s["key"], s["title"], len(s["records"]), present(s["records"]))
                     for s in export.data["sections"]],
        "withheld": present(export.data["withheld"])})


@login_required
@require_POST
@never_cache
def subject_access_summary(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The export as a page, to read before release; the choices carried for the download."""
    ready = _export(request)
    if not isinstance(ready, Ready):
        return _search_page(request, ready)
    _log(request, ready.subject, ready.export, "html")
    return _summary_page(request, ready.step, ready.export, ready.hide)


@login_required
@require_POST
@never_cache
def subject_access_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The export as a JSON file (UK GDPR Art. 20: structured, machine-readable)."""
    ready = _export(request)
    if not isinstance(ready, Ready):
        return _search_page(request, ready)
    export = ready.export
    if not ready.hide.is_valid():  # what to hide is in error: show it, release nothing
        return _summary_page(request, ready.step, export, ready.hide)
    _log(request, ready.subject, export, "json")
    name = f"subject-access-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(json.dumps(export.data, indent=2, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
