"""Ward notices: thin views over registers.services.notices."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from protocol.council.selectors import roles_of
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.views import run_form
from registers import forms, selectors, services


@login_required
def notice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    if not (roles.is_councillor or roles.is_officer):
        raise Http404("Only councillors and officers")
    queryset = selectors.notices_visible(request.user).order_by("-recorded_at", "-pk")
    return render(request, "registers/notice_list.html", {
        "page": Paginator(queryset, 25).get_page(request.GET.get("page")),
        "can_record": roles.is_officer})


@login_required
def notice_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not roles_of(request.user).is_officer:
        raise Http404("Only officers record ward notices")
    form = forms.NoticeForm(request.POST or None)
    return run_form(request, form, lambda d: services.ward_notice_record(
        actor=request.user, entered=services.NewNotice(**d)), template="registers/form.html",
        action=False, done="Recorded: every member for the wards has been told",
        then=lambda n: n, context={
            "title": "Tell ward members", "back": "registers:notices",
            "intro": "Members for the wards affected are told at the outset of public "
            "meetings, consultations and significant or sensitive operational matters "
            "(000 §4.3, 004). Every member is notified at once and the notice is logged; it "
            "cannot be changed afterwards."})


@login_required
def notice_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    notice = selectors.notice_for(request.user, reference)
    roles = roles_of(request.user)
    # Who was told is for officers and the Monitoring Officer; a member sees the notice.
    deliveries = (list(notice.deliveries.select_related("councillor", "ward"))
                  if roles.is_officer else [])
    return render(request, "registers/notice_detail.html", {
        "notice": notice, "deliveries": deliveries, "wards": list(notice.wards.all())})
