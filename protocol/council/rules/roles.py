"""What a person may do follows from the posts they hold: a pure summary of those posts."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .enums import Seniority


@dataclass(frozen=True)
class PostFacts:
    """The plain facts of one current post."""

    kind: str
    seniority: Seniority | None = None
    ward_id: int | None = None
    political_group_id: int | None = None
    committee_id: int | None = None
    directorate_id: int | None = None
    service_id: int | None = None
    service_directorate_id: int | None = None


@dataclass(frozen=True)
class Roles:
    """Everything the application needs to know about a person's standing."""

    kinds: frozenset[str] = frozenset()
    seniority: Seniority | None = None
    ward_ids: frozenset[int] = frozenset()
    political_group_ids: frozenset[int] = frozenset()
    led_group_ids: frozenset[int] = frozenset()
    committee_ids: frozenset[int] = frozenset()
    directorate_ids: frozenset[int] = frozenset()
    service_ids: frozenset[int] = frozenset()
    headed_service_ids: frozenset[int] = frozenset()
    directed_directorate_ids: frozenset[int] = frozenset()

    @property
    def is_councillor(self) -> bool:
        return "councillor" in self.kinds

    @property
    def is_officer(self) -> bool:
        return self.seniority is not None or bool(self.kinds & STATUTORY)

    @property
    def is_monitoring_officer(self) -> bool:
        return "monitoring_officer" in self.kinds

    @property
    def is_chief_executive(self) -> bool:
        return "chief_executive" in self.kinds

    @property
    def is_leader(self) -> bool:
        return "leader" in self.kinds

    def has(self, kind: str) -> bool:
        return kind in self.kinds


STATUTORY = frozenset({"monitoring_officer", "chief_finance_officer", "hr"})


def summarise(posts: Iterable[PostFacts]) -> Roles:
    """Fold a person's current posts into one `Roles`."""
    posts = list(posts)
    grades = [p.seniority for p in posts if p.seniority is not None]

    def ids(attr: str, *kinds: str) -> frozenset[int]:
        return frozenset(
            getattr(p, attr) for p in posts
            if getattr(p, attr) is not None and (not kinds or p.kind in kinds)
        )

    return Roles(
        kinds=frozenset(p.kind for p in posts),
        seniority=max(grades) if grades else None,
        ward_ids=ids("ward_id"),
        political_group_ids=ids("political_group_id", "councillor"),
        led_group_ids=ids("political_group_id", "group_leader"),
        committee_ids=ids("committee_id"),
        directorate_ids=ids("directorate_id") | ids("service_directorate_id"),
        service_ids=ids("service_id"),
        headed_service_ids=ids("service_id", "head_of_service"),
        directed_directorate_ids=ids("directorate_id", "director", "executive_director"),
    )
