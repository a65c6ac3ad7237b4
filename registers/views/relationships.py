"""The relationship register: thin views over registers.services.relationships."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django_fsm import can_proceed, has_transition_perm

from protocol.council.selectors import roles_of
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.views import run_form
from registers import forms, selectors, services


@login_required
def relationship_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    if not (roles.is_councillor or roles.is_officer):
        raise Http404("Only councillors and officers")
    return render(request, "registers/relationship_list.html", {
        "items": list(selectors.relationships_visible(request.user)
                      .order_by("state", "-declared_at")),
        "is_mo": roles.is_monitoring_officer,
    })


@login_required
def relationship_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    if not (roles.is_councillor or roles.is_officer):
        raise Http404("Only councillors and officers")
    form = forms.RelationshipForm(request.POST or None, councillor=roles.is_councillor)
    return run_form(request, form, lambda d: services.relationship_declare(
        actor=request.user, other=d["other"], nature=d["nature"],
        description=d["description"], submission=d["submission"]),
        template="registers/form.html", action=False,
        done="Declared: the other person and the Monitoring Officer have been told",
        then=lambda r: r, context={
            "title": "Declare a close personal relationship", "back": "registers:relationships",
            "intro": "Councillors and officers with a close personal relationship should be "
            "open about it (001 §10.2). The Monitoring Officer keeps the register; you see "
            "your own entries. Neither of you will handle a case the other is party to."})


@login_required
def relationship_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.relationship_for(request.user, pk)
    can_end = can_proceed(item.end) and has_transition_perm(item.end, request.user)
    form = (forms.EndForm(request.POST if request.method == "POST" else None) if can_end
            else None)  # bound on any post, an empty one too: it is told what is missing
    if request.method == "POST":
        if form is None:
            raise Http404("Nothing to change")
        return run_form(request, form, lambda d: services.relationship_end(
            relationship=item, actor=request.user, reason=d["reason"]),
            template="registers/relationship_detail.html", done="Recorded as ended",
            then=lambda r: r, context={"item": item, "events": list(item.events.all())})
    return render(request, "registers/relationship_detail.html", {
        "item": item, "form": form, "events": list(item.events.select_related("actor"))})
