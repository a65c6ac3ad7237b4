"""Need-to-know requests: thin views over registers.services.information."""
from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from protocol.council.selectors import roles_of
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.retention.hold import may_hold
from protocol.machinery.retention.views import legal_hold_page
from protocol.machinery.views import Action, action_named, action_page, offered, run_form
from protocol.models import User
from registers import forms, selectors, services
from registers.models import InformationRequest


def _decide(r: InformationRequest, u: User, d: dict[str, Any]) -> InformationRequest:
    return services.information_request_decide(
        request=r, actor=u, version=d["version"], decision=services.InformationDecision(
            outcome=d["outcome"], provided=d["provided"], purpose=d["purpose"],
            confidential=d["confidential"], ground=d["ground"], reasons=d["reasons"],
            chief_officer_consulted=d["chief_officer_consulted"],
            in_public_domain=d["in_public_domain"], lawful_to_share=d["lawful_to_share"],
            not_personal=d["not_personal"]))


ACTIONS: dict[str, Action] = {
    # The transitions whose being open to this person offers each action.
    "decide": Action(forms.InformationDecisionForm, _decide, "Decide the request",
                     "Decision sent to the councillor", ("provide", "refuse")),
    "dispute": Action(forms.ReasonsForm,
                      lambda r, u, d: services.information_request_dispute(
                          request=r, actor=u, reasons=d["reasons"], version=d["version"]),
                      "Dispute the refusal", "Sent to the Monitoring Officer to decide",
                      ("dispute",)),
    "resolve": Action(forms.ResolveForm,
                      lambda r, u, d: services.information_request_resolve(
                          request=r, actor=u, release=d["release"], reasons=d["reasons"],
                          version=d["version"]),
                      "Decide the dispute", "Dispute decided", ("uphold_refusal",)),
    "referral": Action(forms.ReferralForm,
                       lambda r, u, d: services.information_request_decide_referral(
                           request=r, actor=u, clear=d["clear"], reasons=d["reasons"],
                           version=d["version"]),
                       "Advise on the request", "Advice recorded", ("clear_referral",)),
    "withdraw": Action(forms.VersionedForm,
                       lambda r, u, d: services.information_request_withdraw(
                           request=r, actor=u, version=d["version"]),
                       "Withdraw the request", "Request withdrawn", ("withdraw",)),
}


@login_required
def info_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    if not (roles.is_councillor or roles.is_officer):
        raise Http404("Only councillors and officers")
    queryset = selectors.information_requests_visible(request.user).order_by("-submitted_at",
                                                                             "-pk")
    return render(request, "registers/info_list.html", {
        "page": Paginator(queryset, 25).get_page(request.GET.get("page")),
        "can_ask": roles.is_councillor, "today": timezone.localdate(),
        "disputes": list(selectors.disputes_open()) if roles.is_monitoring_officer else None,
    })


@login_required
def info_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not roles_of(request.user).is_councillor:
        raise Http404("Only councillors make need-to-know requests")
    form = forms.InformationRequestForm(request.POST or None)
    return run_form(
        request, form,
        lambda d: services.information_request_submit(
            councillor=request.user, entered=services.NewInformationRequest(**d)),
        template="registers/form.html", action=False, done="Request sent", then=lambda r: r,
        context={"title": "Ask for documents or information", "back": "registers:info_list",
                 "intro": "Councillors may see council documents they need to know to carry "
                 "out their role. The officer decides; if they refuse, you may dispute it "
                 "and the Monitoring Officer decides (002; 004)."})


@login_required
def info_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    item = selectors.information_request_for(request.user, reference)
    is_councillor = item.councillor_id == request.user.pk
    return render(request, "registers/info_detail.html", {
        "item": item, "actions": offered(ACTIONS, item, request.user),
        "events": list(item.events.select_related("actor")),
        # Confidential material is shown to the councillor once they acknowledge the
        # purpose limit (002; 003 §31.16).
        "show_provided": bool(item.provided) and (not is_councillor or not item.confidential
                                                  or item.acknowledged_at is not None),
        "must_acknowledge": is_councillor and bool(item.provided)
        and item.acknowledged_at is None,
        "today": timezone.localdate(),
        "may_hold": may_hold(roles_of(request.user)),
    })


@login_required
def info_legal_hold(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The Monitoring Officer sets or releases the request's legal hold."""
    item = selectors.information_request_for(request.user, reference)
    return legal_hold_page(
        request, item, change=lambda **given: services.information_request_legal_hold(
            request=item, actor=request.user, http=request, **given))


@login_required
def info_action(request: AuthenticatedHttpRequest, reference: str, name: str) -> HttpResponse:
    chosen = action_named(ACTIONS, name)
    item = selectors.information_request_for(request.user, reference)
    return action_page(request, chosen, name, item, template="registers/action.html",
                       context={"item": item, "caption": item.reference})


@login_required
@require_POST
def info_acknowledge(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    item = selectors.information_request_for(request.user, reference)
    form = forms.forms.Form(request.POST)
    return run_form(request, form, lambda d: services.information_request_acknowledge(
        request=item, actor=request.user), template="registers/action.html",
        done="Thank you: your acknowledgement is recorded", then=lambda r: r,
        context={"item": item, "record": item, "title": "Acknowledge the purpose",
                 "caption": item.reference})
