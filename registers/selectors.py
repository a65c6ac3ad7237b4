"""Reads of the registers: the council's register rules, what a person may see (404
otherwise), their lists, conflicts, and the Monitoring Officer's figures."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from protocol.council.selectors import active_profile, roles_of
from protocol.models import PoliticalGroup, Post, PostKind, User
from registers import rules
from registers.models import (
    GroupFollowUp,
    GroupNotice,
    GroupRequest,
    InformationRequest,
    InfoState,
    RegisterRules,
    Relationship,
    RelationshipState,
    WardNotice,
)
from registers.profile_rules import defaults_for


def register_rules() -> RegisterRules:
    """The active profile's register rules, created from the shipped defaults if new."""
    profile = active_profile()
    found, _ = RegisterRules.objects.get_or_create(profile=profile,
                                                   defaults=defaults_for(profile.slug))
    return found


# Political groups ---------------------------------------------------------------------

def group_request_for(user: User, reference: str) -> tuple[GroupRequest, bool]:
    """The request and whether this person sees all of it (False: the notice other groups
    get); 404 for anyone else."""
    request = (GroupRequest.objects.select_related("group", "requested_by", "officer",
                                                   "decided_by", "officer_requested")
               .filter(reference=reference).first())
    if request is None:
        raise Http404("No such request")
    roles, facts = roles_of(user), request.facts()
    if rules.can_view_group_request(roles, user.pk, facts):
        return request, True
    if rules.can_view_group_notice(roles, facts):
        return request, False
    raise Http404("No such request")


def group_requests_visible(user: User) -> QuerySet:
    """Requests this person sees in full, or as the notice to other groups."""
    roles = roles_of(user)
    base = GroupRequest.objects.select_related("group", "officer", "requested_by")
    if rules.heads_paid_service(roles) or roles.is_monitoring_officer:
        return base
    mine = set(roles.led_group_ids) | (set(roles.political_group_ids) if roles.is_leader
                                       else set())
    return base.filter(Q(requested_by=user) | Q(officer=user) | Q(group_id__in=mine)
                       | Q(pk__in=GroupNotice.objects.filter(group_id__in=mine)
                           .values("request_id")))


def group_leaders(group: PoliticalGroup) -> list[User]:
    """Who is told for a group: its leader, or its members where no leader is in post."""
    leader = (Post.objects.current().filter(kind=PostKind.GROUP_LEADER, political_group=group,
                                            holder__is_active=True)
              .select_related("holder").first())
    if leader is not None:
        return [leader.holder]
    seats = (Post.objects.current().filter(kind=PostKind.COUNCILLOR, political_group=group,
                                           holder__is_active=True).select_related("holder"))
    return [seat.holder for seat in seats]


def equal_treatment(start: date, end: date) -> list[tuple[PoliticalGroup, rules.GroupFigures]]:
    """Requests, outcomes and turnaround per group for requests submitted in the period."""
    requests = (GroupRequest.objects.filter(submitted_at__date__gte=start,
                                            submitted_at__date__lte=end)
                .annotate(n_follow_ups=Count("follow_ups", distinct=True),
                          n_done=Count("follow_ups", distinct=True,
                                       filter=Q(follow_ups__state="done"))))
    rows = [rules.GroupOutcome(
        group_id=r.group_id,
        outcome=("declined" if r.decision == "declined" else "agreed" if r.decision else ""),
        turnaround_days=(r.decided_at.date() - r.submitted_at.date()).days
        if r.decided_at else None,
        follow_ups=r.n_follow_ups, follow_ups_done=r.n_done) for r in requests]
    groups = list(PoliticalGroup.objects.order_by("name"))
    figures = {f.group_id: f for f in rules.equal_treatment([g.pk for g in groups], rows)}
    return [(g, figures[g.pk]) for g in groups]


def follow_ups_outstanding() -> QuerySet:
    return (GroupFollowUp.objects.filter(state="requested")
            .select_related("request", "group", "requested_by").order_by("requested_at"))


# Need-to-know requests ----------------------------------------------------------------

def information_request_for(user: User, reference: str) -> InformationRequest:
    request = (InformationRequest.objects
               .select_related("councillor", "officer", "service__directorate", "committee")
               .filter(reference=reference).first())
    if request is None:
        raise Http404("No such request")
    if not rules.can_view_information(roles_of(user), user.pk, request.facts()):
        raise Http404("No such request")
    return request


def information_requests_visible(user: User) -> QuerySet:
    roles = roles_of(user)
    base = InformationRequest.objects.select_related("councillor", "officer", "service")
    if roles.is_monitoring_officer:
        return base
    return base.filter(Q(councillor=user) | Q(officer=user)
                       | Q(service_id__in=roles.headed_service_ids)
                       | Q(service__directorate_id__in=roles.directed_directorate_ids))


def disputes_open() -> QuerySet:
    return (InformationRequest.objects.filter(state=InfoState.DISPUTED)
            .select_related("councillor", "officer").order_by("dispute_due_on"))


# Relationships ------------------------------------------------------------------------

def relationship_for(user: User, pk: int) -> Relationship:
    relationship = (Relationship.objects.select_related("councillor", "officer", "declared_by",
                                                        "ended_by").filter(pk=pk).first())
    if relationship is None or not rules.can_view_relationship(
            roles_of(user), user.pk, relationship.councillor_id, relationship.officer_id):
        raise Http404("No such declaration")
    return relationship


def relationships_visible(user: User) -> QuerySet:
    base = Relationship.objects.select_related("councillor", "officer", "declared_by")
    if roles_of(user).is_monitoring_officer:
        return base
    return base.filter(Q(councillor=user) | Q(officer=user))


def conflicted_with(people: Iterable[User | int | None]) -> frozenset[int]:
    """Everyone with a current declared relationship with any of these people: as handlers
    of their cases they are conflicted (001 §10)."""
    ids = {p if isinstance(p, int) else p.pk for p in people if p is not None}
    if not ids:
        return frozenset()
    pairs = Relationship.objects.filter(
        Q(councillor_id__in=ids) | Q(officer_id__in=ids),
        state=RelationshipState.DECLARED).values_list("councillor_id", "officer_id")
    return frozenset(person for pair in pairs for person in pair) - ids


# Ward notices -------------------------------------------------------------------------

def notice_for(user: User, reference: str) -> WardNotice:
    notice = (WardNotice.objects.select_related("recorded_by").prefetch_related("wards")
              .filter(reference=reference).first())
    if notice is None:
        raise Http404("No such notice")
    facts = rules.NoticeFacts(notice.recorded_by_id,
                              frozenset(w.pk for w in notice.wards.all()), notice.sensitive)
    if not rules.can_view_notice(roles_of(user), user.pk, facts):
        raise Http404("No such notice")
    return notice


def notices_visible(user: User) -> QuerySet:
    """The notices for this councillor's wards; for officers, all but others' sensitive
    ones (rules.can_view_notice, as a query)."""
    roles = roles_of(user)
    base = WardNotice.objects.select_related("recorded_by").prefetch_related("wards")
    if roles.is_monitoring_officer:
        return base
    seen = Q(recorded_by=user) | Q(wards__in=roles.ward_ids)
    if rules.heads_paid_service(roles):
        return base
    if roles.is_officer:
        seen |= Q(sensitive=False)
    return base.filter(seen).distinct()
