"""The registers' front page: each register, with what awaits this person."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from protocol.council.selectors import roles_of
from protocol.machinery.http import AuthenticatedHttpRequest
from registers import rules, selectors
from registers.models import GroupRequestState
from registers.models.information import OPEN_STATES


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles, user = roles_of(request.user), request.user
    if not (roles.is_councillor or roles.is_officer):
        raise Http404("The registers are for councillors and officers")
    oversees = rules.heads_paid_service(roles) or roles.is_monitoring_officer
    return render(request, "registers/index.html", {
        "is_mo": roles.is_monitoring_officer,
        "is_officer": roles.is_officer,
        "groups_open": selectors.group_requests_visible(user).filter(
            state__in=[GroupRequestState.SUBMITTED, GroupRequestState.AGREED]).count(),
        "follow_ups": selectors.follow_ups_outstanding().count() if oversees else None,
        "information_open": selectors.information_requests_visible(user).filter(
            state__in=OPEN_STATES).count(),
        "disputes": selectors.disputes_open().count() if roles.is_monitoring_officer else None,
        "relationships": selectors.relationships_visible(user).filter(
            state="declared").count(),
        "notices": selectors.notices_visible(user).count(),
    })
