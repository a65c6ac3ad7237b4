"""Complaint pages: thin views over selectors and services. Anyone outside a case gets 404."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from casework.selectors import enquiry_for
from complaints import forms, selectors, services
from complaints.errors import ComplaintError
from complaints.filters import ComplaintFilter, Filters
from complaints.models import Complaint
from complaints.presenters import complaint_page_context, decision_choices, narrowed_by
from protocol.council.selectors import active_profile, roles_of
from protocol.machinery.csv_export import csv_response
from protocol.machinery.filters import with_defaults
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.pagination import DeferredPaginator
from protocol.machinery.retention.views import legal_hold_page
from protocol.machinery.views import Action, action_named, action_page
from protocol.models import ComplaintKind, User


def _filterset(request: HttpRequest) -> ComplaintFilter:
    return ComplaintFilter(with_defaults(request.GET, state="open"))


def _filters(request: HttpRequest) -> Filters:
    """The list's filters from the query (complaints.filters); a bad value filters nothing."""
    return _filterset(request).criteria()


@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filterset = _filterset(request)
    filters = filterset.criteria()
    queryset = selectors.complaint_list(request.user, filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/list.html", {
        "page": DeferredPaginator(queryset, 25).get_page(request.GET.get("page")),
        "panel": filterset.panel(), "today": timezone.localdate(),
        "query_without_page": query.urlencode(),
        "csv_url": f"{reverse('complaints:list_csv')}?{query.urlencode()}",
        "narrowed_by": narrowed_by(filters),  # and a link to the list without them:
        "query_shown": urlencode({"q": filters.q, "kind": filters.kind,
                                  "state": filters.state}),
    })


@login_required
def case_list_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The list as CSV: references, kinds, stages and dates; no case details."""
    queryset = selectors.complaint_list(request.user, _filters(request))

    def rows() -> Iterator[list[str]]:
        yield ["Reference", "Kind", "State", "Stage", "Handler", "Received", "Stage due",
               "Outcome", "Closed"]
        for c in queryset.iterator(chunk_size=2000):
            yield [c.reference, c.get_kind_display(), c.get_state_display(),
                   f"{c.stage_position}: {c.stage_title}", str(c.handler or ""),
                   c.received_at.date().isoformat(),
                   c.stage_due_on.isoformat() if c.stage_due_on else "",
                   c.get_outcome_display(), c.closed_at.date().isoformat() if c.closed_at else ""]

    return csv_response(request, rows(), filename="cases.csv")


def _raise_form(request: AuthenticatedHttpRequest,
                initial: dict[str, Any] | None = None) -> forms.RaiseForm:
    offered = set(active_profile().stages.values_list("kind", flat=True))
    return forms.RaiseForm(request.POST or None, initial=initial, roles=roles_of(request.user),
                           offered=offered)


@login_required
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Raise a complaint, grievance or concern."""
    roles = roles_of(request.user)
    if not (roles.is_councillor or roles.is_officer):
        raise Http404("Only councillors and officers raise cases")
    form = _raise_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_raise(
                complainant=request.user, entered=services.NewComplaint(**form.cleaned_data))
        except ComplaintError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Case {complaint.reference} raised")
            return redirect(complaint)
    return render(request, "complaints/new.html", {"form": form})


@login_required
def from_enquiry(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """Turn an enquiry into a complaint about the officer it was with."""
    enquiry = enquiry_for(request.user, reference)
    if enquiry.raised_by_id != request.user.pk:
        raise Http404("Only the councillor who raised it can do this")
    form = _raise_form(request, initial={
        "kind": ComplaintKind.OFFICER_CONDUCT, "subject_person": enquiry.assigned_to_id,
        "subject_service": enquiry.service_id, "summary": enquiry.subject})
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_from_enquiry(
                enquiry=enquiry, actor=request.user,
                entered=services.NewComplaint(**form.cleaned_data))
        except ComplaintError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Case {complaint.reference} raised from "
                                      f"{enquiry.reference}")
            return redirect(complaint)
    return render(request, "complaints/new.html", {"form": form, "enquiry": enquiry})


@login_required
def detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = selectors.complaint_for(request.user, reference)
    return render(request, "complaints/detail.html",
                  complaint_page_context(request.user, complaint))


def _service(name: str, **fields: str) -> Callable[[Complaint, User, dict[str, Any]], object]:
    """The service complaint_<name>, given these form fields as its arguments."""
    return lambda complaint, actor, data: getattr(services, f"complaint_{name}")(
        complaint=complaint, actor=actor, version=data["version"],
        **{arg: data[field] for arg, field in fields.items()})


ACTIONS: dict[str, Action] = {
    "resolve_informally": Action(forms.ReasonForm, _service("resolve_informally",
                                                            reasons="reason"),
                                 "Record informal resolution", "Resolved informally"),
    "go_formal": Action(forms.ReasonForm, _service("go_formal", reason="reason"),
                        "Move to the formal route", "Formal route started"),
    "outcome": Action(forms.OutcomeForm,
                      _service("give_outcome", outcome="outcome", reasons="reasons"),
                      "Record the outcome", "Outcome recorded"),
    "accept": Action(forms.VersionedForm, _service("accept"), "Accept the outcome",
                     "Case closed"),
    "escalate": Action(forms.ReasonForm, _service("escalate", reason="reason"),
                       "Take it to the next stage", "Escalated"),
    "refer_on": Action(forms.ReasonForm, _service("refer_on", reason="reason"),
                       "Refer to the next stage", "Referred"),
    "withdraw": Action(forms.OptionalReasonForm, _service("withdraw", reason="reason"),
                       "Withdraw the case", "Withdrawn"),
    "consult": Action(forms.NoteForm, _service("consult_independent_person", note="note"),
                      "Record the Independent Person's view", "Consultation recorded"),
    "request_response": Action(forms.ResponseDueForm,
                               _service("request_response", due_on="due_on"),
                               "Ask the councillor to respond", "Response requested"),
    "decide_next": Action(forms.DecisionForm,
                          _service("monitoring_officer_decides", choice="choice",
                                   reason="reason"),
                          "Decide what happens next", "Decision recorded"),
    "ask_monitoring_officer": Action(forms.RequestForm,
                                     _service("ask_monitoring_officer", reason="reason"),
                                     "Ask the Monitoring Officer to take it further",
                                     "Your request has been sent to the Monitoring Officer"),
}


@login_required
def action(request: AuthenticatedHttpRequest, reference: str, name: str) -> HttpResponse:
    chosen = action_named(ACTIONS, name)
    complaint = selectors.complaint_for(request.user, reference, what=f"action:{name}")
    extra = ({"options": decision_choices(complaint)} if chosen.form is forms.DecisionForm
             else {})
    return action_page(request, chosen, name, complaint, template="complaints/action.html",
                       context={"complaint": complaint}, form_kwargs=extra)


@login_required
def legal_hold(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The Monitoring Officer sets or releases the case's legal hold."""
    complaint = selectors.complaint_for(request.user, reference, what="legal_hold")
    return legal_hold_page(
        request, complaint, change=lambda **given: services.complaint_legal_hold(
            complaint=complaint, actor=request.user, request=request, **given))
