"""Enquiry pages: thin views that read through selectors and write through services."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casework import forms, rules, selectors, services
from casework.errors import EnquiryError
from casework.filters import EnquiryFilter, MyEnquiriesFilter
from casework.models import Attachment, Enquiry
from casework.presenters import due_working, enquiry_page_context
from protocol.council.selectors import roles_of
from protocol.machinery.csv_export import csv_response
from protocol.machinery.filters import with_defaults
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.pagination import DeferredPaginator
from protocol.machinery.retention.views import legal_hold_page
from protocol.machinery.views import Action, action_named, action_page

PAGE_SIZE = 25


def _filterset(request: HttpRequest, kind: type[EnquiryFilter] = EnquiryFilter,
               default_state: str = "open") -> EnquiryFilter:
    return kind(with_defaults(request.GET, state=default_state))


def _filters(request: HttpRequest, default_state: str = "open") -> selectors.Filters:
    """The queue's filters from the query (casework.filters); a bad value filters nothing."""
    return _filterset(request, default_state=default_state).criteria(default_state)


def _page(request: HttpRequest, queryset: QuerySet[Enquiry]) -> Page[Any]:
    return DeferredPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()



@login_required
def my_enquiries(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A councillor's enquiries (or those shared with them), newest first or by due date."""
    if not roles_of(request.user).is_councillor:
        raise Http404("Only councillors have enquiries of their own")
    shared = request.GET.get("tab") == "shared"
    filterset = _filterset(request, MyEnquiriesFilter, default_state="")
    order = "due" if filterset.values().get("order") == "due" else "newest"
    queryset = selectors.councillor_enquiries(
        request.user, filterset.criteria(default_state=""), shared=shared, order=order)
    return render(request, "casework/my_enquiries.html", {
        "page": _page(request, queryset), "panel": filterset.panel(), "shared": shared,
        "keep": [("tab", "shared")] if shared else [], "today": timezone.localdate(),
        "query_without_page": _query_without_page(request),
    })


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An officer's queue: overdue first, then by due date; filters, search, export."""
    roles = roles_of(request.user)
    if not roles.is_officer:
        raise Http404("Only officers have a queue")
    scope = request.GET.get("scope", "mine")
    filterset = _filterset(request)
    queryset = selectors.officer_queue(request.user, scope, filterset.criteria())
    return render(request, "casework/queue.html", {
        "page": _page(request, queryset), "panel": filterset.panel(), "scope": scope,
        "keep": [("scope", scope)], "scopes": selectors.queue_scopes(roles),
        "today": timezone.localdate(),
        "csv_url": f"{reverse('casework:queue_csv')}?{request.GET.urlencode()}",
        "query_without_page": _query_without_page(request),
    })


def _csv_rows(queryset: QuerySet[Enquiry]) -> Iterator[list[str]]:
    yield ["Reference", "Subject", "State", "Ward", "Service", "Officer", "Councillor",
           "Received", "Due", "Current due", "Answered in time"]
    for e in queryset.iterator(chunk_size=2000):
        yield [e.reference, e.subject, e.get_state_display(), e.ward.name,
               e.service.name if e.service else "Not sure",
               str(e.assigned_to or ""), str(e.raised_by), e.received_on.isoformat(),
               e.due_on.isoformat(), e.current_due_on.isoformat(),
               "" if e.answered_in_time is None else ("yes" if e.answered_in_time else "no")]


@login_required
def queue_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The queue as CSV, streamed row by row (constant memory). Constituents' details and
    correspondence are never exported here (002: confidential correspondence)."""
    if not roles_of(request.user).is_officer:
        raise Http404("Only officers have a queue")
    queryset = selectors.officer_queue(request.user, request.GET.get("scope", "mine"),
                                       _filters(request))
    return csv_response(request, _csv_rows(queryset), filename="enquiries.csv")


@login_required
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A councillor logs an enquiry."""
    if not roles_of(request.user).is_councillor:
        raise Http404("Only councillors log enquiries")
    form = forms.EnquiryForm(request.POST or None, request.FILES or None,
                             councillor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entered = services.NewEnquiry(**{k: v for k, v in data.items() if k != "attachments"})
        try:
            enquiry = services.enquiry_log(councillor=request.user, entered=entered,
                                           files=data["attachments"])
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            return redirect("casework:logged", reference=enquiry.reference)
    return render(request, "casework/new.html", {"form": form})


@login_required
def logged(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The acknowledgement: reference and due date, with its working shown."""
    enquiry = selectors.enquiry_for(request.user, reference)
    return render(request, "casework/logged.html", {"enquiry": enquiry, **due_working(enquiry)})


@login_required
def detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    enquiry = selectors.enquiry_for(request.user, reference)
    return render(request, "casework/detail.html", enquiry_page_context(request.user, enquiry))


@login_required
def attachment(request: AuthenticatedHttpRequest, reference: str, pk: int) -> FileResponse:
    """Download an attachment: only for those who may see the enquiry."""
    enquiry = selectors.enquiry_for(request.user, reference)
    item = get_object_or_404(Attachment, pk=pk, enquiry=enquiry)
    facts = rules.facts_of(enquiry)
    if not rules.can_see_personal_data(roles_of(request.user), request.user.pk, facts):
        raise Http404("No such attachment")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name,
                        content_type="application/octet-stream")


ACTIONS: dict[str, Action] = {
    "hold": Action(forms.HoldingReplyForm,
                   lambda e, u, d: services.enquiry_hold(
                       enquiry=e, actor=u, body=d["body"], reasons=d["reasons"],
                       revised_due_on=d["revised_due_on"], version=d["version"]),
                   "Send a holding reply", "Holding reply sent"),
    "respond": Action(forms.ResponseForm,
                      lambda e, u, d: services.enquiry_respond(
                          enquiry=e, actor=u, body=d["body"], confidential=d["confidential"],
                          version=d["version"]),
                      "Send the full response", "Response sent"),
    "message": Action(forms.MessageForm,
                      lambda e, u, d: services.enquiry_message(
                          enquiry=e, actor=u, body=d["body"], cc=list(d["cc"]),
                          confidential=d["confidential"], version=d["version"]),
                      "Write a message", "Message sent"),
    "reassign": Action(forms.ReassignForm,
                       lambda e, u, d: services.enquiry_reassign(
                           enquiry=e, actor=u, officer=d["officer"], reason=d["reason"],
                           service=d["service"], version=d["version"]),
                       "Reassign the enquiry", "Enquiry reassigned"),
    "withdraw": Action(forms.OptionalReasonForm,
                       lambda e, u, d: services.enquiry_withdraw(
                           enquiry=e, actor=u, reason=d["reason"], version=d["version"]),
                       "Withdraw the enquiry", "Enquiry withdrawn"),
    "reopen": Action(forms.ReasonForm,
                     lambda e, u, d: services.enquiry_reopen(
                         enquiry=e, actor=u, reason=d["reason"], version=d["version"]),
                     "Reopen the enquiry", "Enquiry reopened with a new deadline"),
    "accept": Action(forms.VersionedForm,
                     lambda e, u, d: services.enquiry_accept(enquiry=e, actor=u,
                                                             version=d["version"]),
                     "Accept the enquiry", "Enquiry accepted"),
    "confirm": Action(forms.VersionedForm,
                      lambda e, u, d: services.enquiry_confirm(enquiry=e, actor=u,
                                                               version=d["version"]),
                      "Confirm the enquiry is answered", "Thank you: the enquiry is closed"),
}


@login_required
def action(request: AuthenticatedHttpRequest, reference: str, name: str) -> HttpResponse:
    """Any action on an enquiry: a form (GET), then the service (POST). Refusals come back
    as form errors and change nothing."""
    chosen = action_named(ACTIONS, name)
    enquiry = selectors.enquiry_for(request.user, reference)
    return action_page(request, chosen, name, enquiry, template="casework/action.html",
                       context={"enquiry": enquiry, "today": timezone.localdate()})


@login_required
@require_POST
def upload(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    enquiry = selectors.enquiry_for(request.user, reference)
    field = forms.AttachmentsField(required=True)
    try:
        files = field.clean(request.FILES.getlist("attachments"))
        services.enquiry_attach(enquiry=enquiry, actor=request.user, files=files)
    except (EnquiryError, forms.ValidationError) as error:
        text = error.messages[0] if hasattr(error, "messages") else str(error)
        messages.error(request, text)
    else:
        messages.success(request, "Attachment added")
    return redirect(enquiry)


@login_required
def legal_hold(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The Monitoring Officer sets or releases the enquiry's legal hold."""
    enquiry = selectors.enquiry_for(request.user, reference)
    return legal_hold_page(
        request, enquiry, change=lambda **given: services.enquiry_legal_hold(
            enquiry=enquiry, actor=request.user, request=request, **given))
