"""The demo council behind `manage.py seed_demo`: the plan in `demo.council_data`, saved
idempotently (natural keys; nothing entered since the last run is changed or duplicated)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from demo import council_data as data
from demo.council_data import PersonPlan, PostPlan, build_plan
from protocol.council.models.people import OFFICER_POSTS, SINGLE_HOLDER_POSTS
from protocol.models import (
    Committee,
    Directorate,
    PoliticalGroup,
    Post,
    PostKind,
    ProtocolProfile,
    Service,
    User,
    Ward,
)

K = PostKind
ELECTED_ON = date(2022, 5, 5)  # the last borough elections
APPOINTED_ON = date(2022, 5, 25)  # annual council: leader, cabinet, committees, mayor
STAFF_SINCE = date(2021, 4, 1)


class DemoSetupError(Exception):
    """The database is not ready for the demo council (e.g. no protocol profiles yet)."""


@dataclass(frozen=True)
class SignIn:
    username: str
    role: str
    name: str


@dataclass(frozen=True)
class DemoSummary:
    profile: str
    councillors: int
    wards: int
    political_groups: int
    committees: int
    directorates: int
    services: int
    officers: int
    people_created: int
    posts_created: int
    sign_ins: list[SignIn]


# Saving: natural keys throughout, so a re-run adds only what is missing.
class PostKey(NamedTuple):
    holder_id: int
    kind: str
    ward_id: int | None
    political_group_id: int | None
    committee_id: int | None
    directorate_id: int | None
    service_id: int | None


# The field each one-at-a-time constraint on Post is keyed by (see Post.Meta).
SLOT_FIELD: dict[str, str] = {
    K.HEAD_OF_SERVICE: "service_id", K.DIRECTOR: "directorate_id",
    K.GROUP_LEADER: "political_group_id", K.COUNCILLOR: "holder_id"}


@dataclass
class _Structure:
    wards: dict[str, Ward]
    groups: dict[str, PoliticalGroup]
    committees: dict[str, Committee]
    directorates: dict[str, Directorate]
    services: dict[tuple[str, str], Service]


# The parts of the structure saved by their unique name.
Named = TypeVar("Named", Ward, PoliticalGroup, Committee, Directorate)
KeyT = TypeVar("KeyT")
RowT = TypeVar("RowT")


def _named(model: type[Named], rows: dict[str, dict[str, object]]) -> dict[str, Named]:
    """Rows of `model` by their unique name, creating the missing ones."""
    existing = model.objects.in_bulk(list(rows), field_name="name")
    model.objects.bulk_create(
        [model(name=name, **extra) for name, extra in rows.items() if name not in existing])
    return model.objects.in_bulk(list(rows), field_name="name")


def _save_structure() -> _Structure:
    directorates = _named(Directorate, {n: {"short_name": s} for n, s, *_ in data.DIRECTORATES})
    wanted = {(d, s) for d, *_, services in data.DIRECTORATES for s in services}

    def services() -> dict[tuple[str, str], Service]:
        rows = Service.objects.filter(directorate__in=directorates.values())
        return {(s.directorate.name, s.name): s for s in rows.select_related("directorate")}

    missing = wanted - services().keys()
    Service.objects.bulk_create(
        Service(directorate=directorates[d], name=s, email=f"{slugify(s)}@{data.EMAIL_DOMAIN}")
        for d, s in sorted(missing))
    return _Structure(
        wards=_named(Ward, {name: {} for name in data.WARDS}),
        groups=_named(PoliticalGroup, {g: {"short_name": s} for g, s, _ in data.GROUPS}),
        committees=_named(Committee, {n: {"is_standards": std} for n, std, *_ in data.COMMITTEES}),
        directorates=directorates,
        services=services(),
    )


def _save_people(people: list[PersonPlan], password: str) -> tuple[dict[str, User], int]:
    """Users by username; only the missing are created, all sharing one password hash
    (hashed once: two hundred PBKDF2 hashes would take a minute)."""
    usernames = [p.username for p in people]
    existing = User.objects.in_bulk(usernames, field_name="username")
    missing = [p for p in people if p.username not in existing]
    hashed = make_password(password) if missing else ""
    User.objects.bulk_create(
        User(username=p.username, first_name=p.first_name, last_name=p.last_name,
             email=f"{p.username}@{data.EMAIL_DOMAIN}", password=hashed,
             is_staff=p.is_admin, is_superuser=p.is_admin)
        for p in missing)
    return User.objects.in_bulk(usernames, field_name="username"), len(missing)


def _lookup(rows: Mapping[KeyT, RowT], key: KeyT | None) -> RowT | None:
    """The row a plan names, if it names one (a post's ward, group, committee...)."""
    return None if key is None else rows.get(key)


def _post(holder: User, plan: PostPlan, s: _Structure) -> Post:
    start = (STAFF_SINCE if plan.kind in OFFICER_POSTS
             else ELECTED_ON if plan.kind == K.COUNCILLOR else APPOINTED_ON)
    return Post(
        holder=holder, kind=plan.kind, title=plan.title, starts_on=start,
        ward=_lookup(s.wards, plan.ward), political_group=_lookup(s.groups, plan.group),
        committee=_lookup(s.committees, plan.committee),
        directorate=_lookup(s.directorates, plan.directorate),
        service=_lookup(s.services, plan.service),
    )


def _key(post: Post) -> PostKey:
    return PostKey(*(getattr(post, f) for f in PostKey._fields))


def _slot(key: PostKey) -> tuple[object, ...] | None:
    """The one-holder-at-a-time slot a post fills, if any (the Post constraints)."""
    if key.kind in SINGLE_HOLDER_POSTS:
        return (key.kind,)
    name = SLOT_FIELD.get(key.kind)
    return (key.kind, getattr(key, name)) if name else None


def _save_posts(people: list[PersonPlan], users: dict[str, User], s: _Structure) -> int:
    """Create each planned post unless its holder has (or had) it, or someone else now
    fills its one-holder slot: a post an administrator ended or reassigned stays so."""
    had = {PostKey(*row) for row in Post.objects.filter(holder__in=users.values())
           .values_list(*PostKey._fields)}
    filled = {_slot(PostKey(*row)) for row in Post.objects.filter(ends_on__isnull=True)
              .values_list(*PostKey._fields)} - {None}
    new = []
    for post in (_post(users[p.username], plan, s) for p in people for plan in p.posts):
        key = _key(post)
        slot = _slot(key)
        if key in had or slot in filled:
            continue
        had.add(key)
        if slot is not None:
            filled.add(slot)
        new.append(post)
    Post.objects.bulk_create(new)
    return len(new)


def ensure_active_profile() -> ProtocolProfile:
    """The active protocol profile; Westminster's (003) is activated if none is."""
    active = ProtocolProfile.objects.filter(is_active=True).first()
    if active:
        return active
    if not ProtocolProfile.objects.exists():
        raise DemoSetupError("No protocol profiles are installed: run "
                             "`python manage.py migrate` first, which installs them.")
    profile = ProtocolProfile.objects.filter(slug="westminster").first()
    if profile is None:
        raise DemoSetupError("No protocol profile is active and there is no 'westminster' "
                             "profile to fall back on: activate one in the admin.")
    profile.is_active = True
    profile.save(update_fields=["is_active"])
    return profile


def seat_ward(seat: Post) -> Ward:
    """A councillor seat's ward: the database holds no seat without one (Post's
    post_ward_required constraint)."""
    assert seat.ward is not None, f"{seat} is a councillor seat without a ward"
    return seat.ward


def _holders(*kinds: str) -> int:
    return Post.objects.current().filter(kind__in=kinds).values("holder").distinct().count()


def seed_demo_council(*, password: str) -> DemoSummary:
    """Build, or top up, the demo council; everything already there is left as it is."""
    people, roles = build_plan()
    with transaction.atomic():
        profile = ensure_active_profile()
        structure = _save_structure()
        users, people_created = _save_people(people, password)
        posts_created = _save_posts(people, users, structure)
    return DemoSummary(
        profile=profile.name, councillors=_holders(K.COUNCILLOR), wards=Ward.objects.count(),
        political_groups=PoliticalGroup.objects.count(), committees=Committee.objects.count(),
        directorates=Directorate.objects.count(), services=Service.objects.count(),
        officers=_holders(*OFFICER_POSTS), people_created=people_created,
        posts_created=posts_created,
        sign_ins=[SignIn(u, roles[u], users[u].get_full_name() or u) for u in data.SIGN_IN_NAMES],
    )
