"""Political groups' requests: thin views over registers.services.groups."""
from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from protocol.council.selectors import roles_of
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.retention.hold import may_hold
from protocol.machinery.retention.views import legal_hold_page
from protocol.machinery.views import Action, action_named, action_page, offered, run_form
from protocol.models import PoliticalGroup, User
from registers import forms, rules, selectors, services
from registers.models import GroupFollowUp

ACTIONS: dict[str, Action] = {
    # The transition whose being open to this person offers each action.
    "decide": Action(forms.GroupDecisionForm,
                     lambda r, u, d: services.group_request_decide(
                         request=r, actor=u, decision=d["decision"], reason=d["reason"],
                         officer=d["officer"], version=d["version"]),
                     "Decide the request", "Decision recorded", ("decline",)),
    "resources": Action(forms.NoteForm,
                        lambda r, u, d: services.group_request_discuss_resources(
                            request=r, actor=u, note=d["note"], version=d["version"]),
                        "Record the discussion with the group leaders", "Discussion recorded",
                        ("decline",)),
    "deliver": Action(forms.DeliverForm,
                      lambda r, u, d: services.group_request_deliver(
                          request=r, actor=u, delivered_on=d["delivered_on"],
                          subject=d["subject"], factual_confirmed=d["factual_confirmed"],
                          version=d["version"]),
                      "Record that it was delivered",
                      "Delivered: every other group has been told", ("deliver",)),
    "withdraw": Action(forms.VersionedForm,
                       lambda r, u, d: services.group_request_withdraw(request=r, actor=u,
                                                                       version=d["version"]),
                       "Withdraw the request", "Request withdrawn", ("withdraw",)),
}


def _my_groups(user: User) -> QuerySet[PoliticalGroup]:
    roles = roles_of(user)
    ids = set(roles.led_group_ids) | (set(roles.political_group_ids) if roles.is_leader
                                      else set())
    return PoliticalGroup.objects.filter(pk__in=ids).order_by("name")


@login_required
def group_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    if not (roles.is_councillor or roles.is_officer):
        raise Http404("Only councillors and officers")
    queryset = selectors.group_requests_visible(request.user).order_by("-submitted_at", "-pk")
    oversees = rules.heads_paid_service(roles) or roles.is_monitoring_officer
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    for item in page:
        # Another group sees only what it was told: the subject as delivered (000 §5.12).
        full = rules.can_view_group_request(roles, request.user.pk, item.facts())
        item.shown_subject = item.subject if full else item.delivered_subject
    return render(request, "registers/group_list.html", {
        "page": page,
        "can_ask": _my_groups(request.user).exists(),
        "follow_ups": list(selectors.follow_ups_outstanding()) if oversees else None,
        "is_mo": roles.is_monitoring_officer,
        "rules": selectors.register_rules(),
    })


@login_required
def group_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    groups = _my_groups(request.user)
    if not groups.exists():
        raise Http404("Only a group's leader asks on its behalf")
    form = forms.GroupRequestForm(request.POST or None, groups=groups)
    return run_form(
        request, form,
        lambda d: services.group_request_submit(actor=request.user,
                                                entered=services.NewGroupRequest(**d)),
        template="registers/form.html", action=False, done="Request sent",
        then=lambda r: r, context={"title": "Ask for a report, briefing or attendance",
                                   "back": "registers:group_list",
                                   "intro": "A group asks through its leader, in writing, to "
                                   "the Chief Executive. Officers' reports and advice are "
                                   "factual: options and their merits, no political "
                                   "implications and no recommendation (000 §5.6, §5.10)."})


@login_required
def group_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    group_request, full = selectors.group_request_for(request.user, reference)
    roles = roles_of(request.user)
    mine = rules.follow_up_groups(roles, group_request.facts())
    asked = set(group_request.follow_ups.filter(group_id__in=mine).values_list("group_id",
                                                                                flat=True))
    follow_ups = list(group_request.follow_ups.select_related("group", "requested_by"))
    return render(request, "registers/group_detail.html", {
        "item": group_request, "full": full,
        "actions": offered(ACTIONS, group_request, request.user) if full else [],
        "events": list(group_request.events.select_related("actor")) if full else [],
        "notices": list(group_request.notices.select_related("group")) if full else [],
        "follow_ups": follow_ups if full else [f for f in follow_ups if f.group_id in mine],
        "can_ask_same": bool(mine - asked),
        "can_complete": rules.can_deliver_group_request(roles, request.user.pk,
                                                        group_request.facts()),
        "may_hold": full and may_hold(roles),
    })


@login_required
def group_legal_hold(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The Monitoring Officer sets or releases the request's legal hold."""
    group_request, full = selectors.group_request_for(request.user, reference)
    if not full:
        raise Http404("No such request")
    return legal_hold_page(
        request, group_request, change=lambda **given: services.group_request_legal_hold(
            request=group_request, actor=request.user, http=request, **given))


@login_required
def group_action(request: AuthenticatedHttpRequest, reference: str, name: str) -> HttpResponse:
    chosen = action_named(ACTIONS, name)
    group_request, full = selectors.group_request_for(request.user, reference)
    if not full:
        raise Http404("No such request")
    return action_page(request, chosen, name, group_request, template="registers/action.html",
                       context={"item": group_request,
                                "caption": f"{group_request.reference}: {group_request.subject}"})


@login_required
def group_follow_up(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    group_request, _ = selectors.group_request_for(request.user, reference)
    mine = rules.follow_up_groups(roles_of(request.user), group_request.facts())
    if not mine:
        raise Http404("No such request")
    form = forms.FollowUpForm(request.POST or None,
                              groups=PoliticalGroup.objects.filter(pk__in=mine))
    return run_form(request, form, lambda d: services.group_follow_up_request(
        request=group_request, actor=request.user, group=d["group"]),
        template="registers/action.html", done="Asked: the Chief Executive will arrange it",
        then=lambda f: group_request, context={
            "item": group_request, "record": group_request,
            "title": "Ask for the same for your group",
            "caption": f"{group_request.reference}: {group_request.delivered_subject}"})


@login_required
def follow_up_done(request: AuthenticatedHttpRequest, reference: str, pk: int) -> HttpResponse:
    group_request, full = selectors.group_request_for(request.user, reference)
    if not full:
        raise Http404("No such request")
    follow_up = get_object_or_404(GroupFollowUp, pk=pk, request=group_request)
    form = forms.FollowUpDoneForm(request.POST or None)
    return run_form(request, form, lambda d: services.group_follow_up_done(
        follow_up=follow_up, actor=request.user, note=d["note"]),
        template="registers/action.html", done="Marked as done", then=lambda f: group_request,
        context={"item": group_request, "record": group_request,
                 "title": f"Done for {follow_up.group}",
                 "caption": f"{group_request.reference}: {group_request.subject}"})


@login_required
def equal_treatment(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The Monitoring Officer's view: requests, outcomes and turnaround per group."""
    if not roles_of(request.user).is_monitoring_officer:
        raise Http404("Only the Monitoring Officer")
    form = forms.PeriodForm(request.GET or None)
    today = timezone.localdate()
    start, end = today - timedelta(days=365), today
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    elif form.is_bound:
        errors = " ".join(str(error) for error in form.non_field_errors())
        messages.error(request, errors or "Enter real dates.")
    return render(request, "registers/equal_treatment.html", {
        "rows": selectors.equal_treatment(start, end), "start": start, "end": end,
        "form": form})
