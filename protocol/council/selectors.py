"""Reads of the council's people and rules."""
from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from protocol.council.calendar import Closures
from protocol.council.models.people import SENIORITY, Post, PostKind, User
from protocol.council.models.profiles import ClosureDay, ProtocolProfile
from protocol.council.models.structure import Service
from protocol.council.rules.enums import ExpiryRecipient, Seniority
from protocol.council.rules.escalation import Holders, Person
from protocol.council.rules.expiry import ExpiryPosts
from protocol.council.rules.expiry import expiry_recipient as rules_expiry_recipient
from protocol.council.rules.first_contact import Candidate
from protocol.council.rules.roles import PostFacts, Roles, summarise

_ROLES_CACHE = "_protocol_roles"
LINE_ABOVE_SERVICE = (PostKind.DEPUTY_DIRECTOR, PostKind.DIRECTOR, PostKind.EXECUTIVE_DIRECTOR)


def roles_of(user: User) -> Roles:
    """The roles a user's current posts give them (one query, cached on the user)."""
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        roles = Roles()
    else:
        rows = Post.objects.current().filter(holder=user).values_list(
            "kind", "ward_id", "political_group_id", "committee_id", "directorate_id",
            "service_id", "service__directorate_id",
        )
        roles = summarise(
            PostFacts(kind, SENIORITY.get(PostKind(kind)), *rest) for kind, *rest in rows
        )
    setattr(user, _ROLES_CACHE, roles)
    return roles


class ProtocolNotSetUp(ProtocolProfile.DoesNotExist):
    """No protocol profile is active: an administrator has yet to choose one."""


def active_profile() -> ProtocolProfile:
    """The council's active protocol profile; ProtocolNotSetUp if none is."""
    profile = active_profile_or_none()
    if profile is None:
        raise ProtocolNotSetUp("No protocol profile is active.")
    return profile


def closure_days(start=None) -> Closures:
    """The council's own closure days from `start` (default: a year ago) on."""
    start = start or timezone.localdate().replace(day=1, month=1)
    # From the first of the month a year before: 29 February has no date a year before.
    rows = ClosureDay.objects.filter(date__gte=start.replace(year=start.year - 1, day=1))
    return dict(rows.values_list("date", "reason"))


def holder_of(kind: str, **where) -> User | None:
    """The person who currently holds a post of `kind` (e.g. the Monitoring Officer)."""
    post = (Post.objects.current().filter(Q(kind=kind), **where)
            .select_related("holder").order_by("starts_on").first())
    return post.holder if post else None


def active_profile_or_none() -> ProtocolProfile | None:
    """The active profile, or None on a council not yet configured."""
    return ProtocolProfile.objects.filter(is_active=True).first()


def current_posts(user: User) -> list[Post]:
    """A person's current posts with what they are attached to, in one query."""
    return list(
        Post.objects.current().filter(holder=user).select_related(
            "ward", "political_group", "committee", "directorate", "service")
    )


def person_facts(user: User) -> Person:
    """The facts routing needs about one person (protocol.council.rules.escalation)."""
    roles = roles_of(user)
    return Person(user_id=user.pk, seniority=roles.seniority,
                  directorate_ids=roles.directorate_ids, service_ids=roles.service_ids,
                  kinds=roles.kinds)


def _holders(kind: str, **where) -> list[Person]:
    posts = (Post.objects.current().filter(kind=kind, holder__is_active=True, **where)
             .select_related("holder").order_by("starts_on", "pk"))
    return [person_facts(post.holder) for post in posts]


def complaint_holders(subject: User | None, service_id: int | None = None, *,
                      line: User | None = None) -> Holders:
    """Who holds each post that could handle a complaint about `subject`: the senior
    officers above `line` (default: the subject; for a grievance about a councillor, the
    officer who raised it), the leader of the subject's political group."""
    roles = roles_of(subject) if subject is not None else Roles()
    place = roles_of(line) if line is not None else roles
    service_ids = {service_id} if service_id else set(place.service_ids)
    directorate_ids = set(place.directorate_ids) | set(
        Service.objects.filter(pk__in=service_ids).values_list("directorate_id", flat=True))
    by_post: dict[str, list[Person]] = {
        "head_of_service": _holders(PostKind.HEAD_OF_SERVICE, service_id__in=service_ids),
        "service_director": _holders(PostKind.DIRECTOR, directorate_id__in=directorate_ids),
        "executive_director": _holders(PostKind.EXECUTIVE_DIRECTOR,
                                       directorate_id__in=directorate_ids),
        "group_leader": _holders(PostKind.GROUP_LEADER,
                                 political_group_id__in=roles.political_group_ids),
        "standards_chair": _holders(PostKind.COMMITTEE_CHAIR, committee__is_standards=True),
        "standards_vice_chair": _holders(PostKind.COMMITTEE_VICE_CHAIR,
                                         committee__is_standards=True),
        "staffing_chair": _holders(PostKind.COMMITTEE_CHAIR, committee__is_staffing=True),
        "staffing_vice_chair": _holders(PostKind.COMMITTEE_VICE_CHAIR,
                                        committee__is_staffing=True),
    }
    for name, kind in SINGLE_POSTS.items():
        by_post[name] = _holders(kind)
    return Holders(by_post)


SINGLE_POSTS = {
    "chief_executive": PostKind.CHIEF_EXECUTIVE,
    "monitoring_officer": PostKind.MONITORING_OFFICER,
    "chief_finance_officer": PostKind.CHIEF_FINANCE_OFFICER,
    "leader": PostKind.LEADER,
    "deputy_leader": PostKind.DEPUTY_LEADER,
    "civic_head": PostKind.CIVIC_HEAD,
    "proper_officer": PostKind.PROPER_OFFICER,
}


def service_line(service: Service) -> list[Candidate]:
    """The officers over a service, most junior first: Head of Service, the directorate's
    Deputy Director, Director and Executive Director, then the Chief Executive."""
    line = [(holder_of(PostKind.HEAD_OF_SERVICE, service=service), Seniority.HEAD_OF_SERVICE)]
    line += [(holder_of(kind, directorate_id=service.directorate_id), SENIORITY[kind])
             for kind in LINE_ABOVE_SERVICE]
    line.append((holder_of(PostKind.CHIEF_EXECUTIVE), Seniority.CHIEF_EXECUTIVE))
    return [Candidate(user.pk, grade) for user, grade in line if user is not None]


def expiry_recipient(profile: ProtocolProfile, service: Service | None,
                     holder: User | None) -> User | None:
    """Who is told that a councillor's enquiry or request with `holder` is overdue: the
    people in post, then the one rule (protocol.council.rules.expiry.expiry_recipient, 003
    §31.15)."""
    informs = ExpiryRecipient(profile.expiry_informs)
    # Only the post this profile names is looked up (the sweep asks once per overdue item).
    single = {ExpiryRecipient.HEAD_OF_SERVICE: PostKind.HEAD_OF_SERVICE,
              ExpiryRecipient.CHIEF_EXECUTIVE: PostKind.CHIEF_EXECUTIVE,
              ExpiryRecipient.PROPER_OFFICER: PostKind.PROPER_OFFICER}.get(informs)
    person = None
    if single == PostKind.HEAD_OF_SERVICE:
        person = holder_of(single, service=service) if service is not None else None
    elif single is not None:
        person = holder_of(single)
    named = person.pk if person is not None else None
    director = informs == ExpiryRecipient.DIRECTOR
    posts = ExpiryPosts(
        line=_expiry_line(service) if director else [],
        holder=(Candidate(holder.pk, roles_of(holder).seniority or Seniority.STAFF)
                if holder is not None and director else None),
        head_of_service=named if single == PostKind.HEAD_OF_SERVICE else None,
        chief_executive=named if single == PostKind.CHIEF_EXECUTIVE else None,
        proper_officer=named if single == PostKind.PROPER_OFFICER else None)
    chosen = rules_expiry_recipient(informs, posts, Seniority(profile.expiry_above_director))
    if chosen is None:
        return None
    return person if person is not None else User.objects.get(pk=chosen)


def _expiry_line(service: Service | None) -> list[Candidate]:
    """The service's line, most junior first; the Chief Executive alone without a service."""
    if service is not None:
        return service_line(service)
    chief_executive = holder_of(PostKind.CHIEF_EXECUTIVE)
    return [Candidate(chief_executive.pk, Seniority.CHIEF_EXECUTIVE)] if chief_executive else []
