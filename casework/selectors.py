"""Reads of enquiries: what a person may see, their lists and queues, the enquiry page.

Lists are defined by role (the councillor's own and those shared with them; the officer's
queue), each a single indexed query with its related rows joined: a constant number of
queries per page whatever the number of enquiries."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casework import rules
from casework.filters import EnquiryFilter, Filters
from casework.models import Enquiry, EnquiryAccess
from protocol.council.rules.roles import Roles
from protocol.council.selectors import roles_of
from protocol.machinery.access import cases_given, has_access
from protocol.models import User

LIST_RELATED = ("ward", "service", "assigned_to", "raised_by")


def granted(user: User, enquiry: Enquiry) -> bool:
    """Whether this person was given sight of the enquiry (an EnquiryAccess row)."""
    return has_access(EnquiryAccess, enquiry, user)


def enquiry_for(user: User, reference: str) -> Enquiry:
    """The enquiry if this person may see it; 404 otherwise (never its data)."""
    enquiry = (Enquiry.objects.select_related(*LIST_RELATED, "service__directorate")
               .filter(reference=reference).first())
    if enquiry is None:
        raise Http404("No such enquiry")
    facts = rules.facts_of(enquiry)
    roles = roles_of(user)
    if not rules.can_view(roles, user.pk, facts, granted=granted(user, enquiry)):
        raise Http404("No such enquiry")
    return enquiry


def visible_to(user: User) -> QuerySet:
    """Every enquiry the person may open (the same people as rules.can_view), as id sets
    that read indexes: raised by them, with them, in the services they head or the
    directorates they direct, shared with their ward, or given to them (EnquiryAccess)."""
    roles = roles_of(user)
    if roles.is_monitoring_officer:
        return Enquiry.objects.all()
    enquiries = Enquiry.objects.order_by()
    parties = [enquiries.filter(raised_by=user), enquiries.filter(assigned_to=user),
               enquiries.filter(service_id__in=roles.headed_service_ids),
               enquiries.filter(service__directorate_id__in=roles.directed_directorate_ids),
               enquiries.filter(_shared_with(roles))]
    seen = parties[0].values("pk").union(*(p.values("pk") for p in parties[1:]),
                                         cases_given(EnquiryAccess, user), all=True)
    return Enquiry.objects.filter(pk__in=seen)


def _shared_with(roles: Roles) -> Q:
    """rules.shared_with as a query: a fellow ward member's enquiry they chose to share."""
    return (Q(visibility=rules.Visibility.WARD)
            | Q(visibility=rules.Visibility.GROUP_WARD,
                raised_by_group_id__in=roles.political_group_ids)) & Q(
        ward_id__in=roles.ward_ids, confidential=False)


def _filter(queryset: QuerySet, filters: Filters, today: date) -> QuerySet:
    return EnquiryFilter(queryset=queryset, today=today).apply(queryset, asdict(filters))


def queue_scope(roles: Roles, user: User, scope: str) -> Q:
    """Enquiries with this officer, their services or their directorates (by role)."""
    if scope == "service" and roles.headed_service_ids:
        return Q(service_id__in=roles.headed_service_ids)
    if scope == "directorate" and roles.directed_directorate_ids:
        return Q(service__directorate_id__in=roles.directed_directorate_ids)
    if scope == "all" and roles.is_monitoring_officer:
        return Q()
    return Q(assigned_to=user)


def queue_scopes(roles: Roles) -> list[tuple[str, str]]:
    """The queue views this officer has."""
    scopes = [("mine", "With me")]
    if roles.headed_service_ids:
        scopes.append(("service", "My services"))
    if roles.directed_directorate_ids:
        scopes.append(("directorate", "My directorate"))
    if roles.is_monitoring_officer:
        scopes.append(("all", "All enquiries"))
    return scopes


def officer_queue(user: User, scope: str, filters: Filters,
                  today: date | None = None) -> QuerySet:
    """The officer's queue, overdue first, then by due date."""
    today = today or timezone.localdate()
    queryset = Enquiry.objects.filter(queue_scope(roles_of(user), user, scope))
    return (_filter(queryset, filters, today).select_related(*LIST_RELATED)
            .order_by("current_due_on", "pk"))


def councillor_enquiries(user: User, filters: Filters, *, shared: bool = False,
                         order: str = "newest", today: date | None = None) -> QuerySet:
    """The councillor's own enquiries, or those other ward members shared with them."""
    today = today or timezone.localdate()
    if shared:
        roles = roles_of(user)
        queryset = Enquiry.objects.filter(_shared_with(roles)).exclude(raised_by=user)
    else:
        queryset = Enquiry.objects.filter(raised_by=user)
    ordering = ("current_due_on", "pk") if order == "due" else ("-received_at", "-pk")
    return _filter(queryset, filters, today).select_related(*LIST_RELATED).order_by(*ordering)


def timeline(enquiry: Enquiry) -> QuerySet:
    return enquiry.events.select_related("actor").order_by("at", "pk")


def correspondence(enquiry: Enquiry) -> QuerySet:
    return (enquiry.correspondence.select_related("author").prefetch_related("cc", "attachments")
            .order_by("sent_at", "pk"))
