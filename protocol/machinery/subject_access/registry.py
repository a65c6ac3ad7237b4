"""Where each app adds its part of a subject access export.

`protocol` is the ground floor and imports no other app (DESIGN.md, Architecture): each
app that holds records about people adds its sections in its own `subject_access` module,
found the way Django's admin finds `admin` modules. An app's section reads its own models
and returns plain values; the export puts them together and hides other people.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from protocol.machinery.subject_access.matching import ConstituentQuery, Match
from protocol.machinery.subject_access.people import People


@dataclass(frozen=True)
class Subject:
    """Whom the export is about: a person with an account, or a constituent identified by
    the enquiries the Monitoring Officer confirmed as theirs."""

    user_id: int | None = None
    constituent: ConstituentQuery | None = None
    enquiry_references: frozenset[str] = frozenset()

    @property
    def kind(self) -> str:
        return "user" if self.user_id is not None else "constituent"


@dataclass
class Collected:
    """One section's records, and what the export must know about them.

    `ids`: the records' primary keys (for the security log); `others`: identifiers of other
    people met in these records (text to hide, with what to show instead); `withheld`:
    what was left out and why; `notes`: what the Monitoring Officer should check."""

    records: list[dict] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    others: dict[str, str] = field(default_factory=dict)
    withheld: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Collector = Callable[[Subject, People], Collected]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    collect: Collector


_SECTIONS: dict[str, Section] = {}
_FINDERS: list[Callable[[ConstituentQuery], list[Match]]] = []


def section(key: str, title: str, *, order: int) -> Callable[[Collector], Collector]:
    """Register a function as one section of every export."""

    def register(collect: Collector) -> Collector:
        _SECTIONS[key] = Section(key, title, order, collect)
        return collect

    return register


def constituent_finder(find: Callable[[ConstituentQuery], list[Match]]
                       ) -> Callable[[ConstituentQuery], list[Match]]:
    """Register a function that lists the records whose constituent matches a query."""
    if find not in _FINDERS:
        _FINDERS.append(find)
    return find


def _discover() -> None:
    autodiscover_modules("subject_access")


def sections() -> list[Section]:
    """Every app's sections, in their order."""
    _discover()
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def find_constituent(query: ConstituentQuery) -> list[Match]:
    """Every record, in any app, whose constituent matches the query."""
    _discover()
    return [match for find in _FINDERS for match in find(query)]


def when(value: date | datetime | None) -> str | None:
    """A date or time as ISO 8601 (times in the council's time zone), or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()
