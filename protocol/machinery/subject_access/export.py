"""A subject access export put together: every app's sections, other people hidden."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from protocol.machinery.subject_access.people import People, load_people
from protocol.machinery.subject_access.redaction import Redactor
from protocol.machinery.subject_access.registry import Collected, Section, Subject, sections
from protocol.models import User

FORMAT = "council-casework/subject-access/1"
HIDDEN_BY_HAND = "[Withheld: another person]"
MAX_PEOPLE = 20
RULES = (
    "Everything recorded about the subject in enquiries, complaints and grievances, "
    "messages, emails, history and the protocol's registers.",
    "Other council staff and councillors appear only by their posts, in square brackets, "
    "never by name or email address.",
    "Other constituents' names, contact details and addresses are left out, and hidden "
    "wherever they appear in the text.",
    "Text is otherwise as written. Names the system cannot recognise may remain: read the "
    "summary before it is released, and hide any you find.",
    "A case about the person is included only once the council's protocol has told them of "
    "it, as on the case pages; a concern about fraud never is.",
    "Correspondence marked confidential is not released to a constituent (002 "
    "'Correspondence'; 003 §31.16). Files are listed, not included.",
)


@dataclass(frozen=True)
class Export:
    """The export as a JSON-ready document, with its counts and record ids."""

    data: dict
    counts: dict[str, int]
    ids: dict[str, list[int]]


def find_users(text: str, *, limit: int = MAX_PEOPLE) -> list[User]:
    """People with an account whose username or email address is `text`, or whose names
    contain every word of it."""
    text = " ".join(text.split())
    exact = Q(username__iexact=text) | Q(email__iexact=text)
    words = Q()
    for word in text.split():
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return list(User.objects.filter(exact | words).order_by("last_name", "first_name",
                                                             "username")[:limit])


def _subject_part(subject: Subject, people: People) -> dict:
    if subject.user_id is not None:
        return {"kind": "person with an account", "name": people.ref(subject.user_id)}
    query = subject.constituent
    return {"kind": "constituent", "matched_by": query.describe() if query else "",
            "enquiries_confirmed": sorted(subject.enquiry_references)}


def _keep(subject: Subject, people: People) -> list[str]:
    """The subject's own identifiers, which are never hidden."""
    if subject.user_id is not None and people.subject is not None:
        return [people.subject.name, people.subject.email]
    query = subject.constituent
    return [query.name, query.email] if query else []


def build_export(subject: Subject, *, hide: Sequence[str] = (),
                 now: datetime | None = None) -> Export:
    """Everything about the subject, with other people hidden (see the package docstring)."""
    people = load_people(subject.user_id)
    parts = [(s, s.collect(subject, people)) for s in sections()]
    terms = people.masks()
    for _, collected in parts:
        terms.update(collected.others)
    terms.update(dict.fromkeys((t.strip() for t in hide if t.strip()), HIDDEN_BY_HAND))
    redactor = Redactor(terms, keep=_keep(subject, people))
    data = {
        "format": FORMAT,
        "generated_at": (now or timezone.now()).isoformat(timespec="seconds"),
        "subject": _subject_part(subject, people),
        "how_this_was_made": list(RULES),
        "sections": [{"key": s.key, "title": s.title, "records": redactor.tree(c.records)}
                     for s, c in parts],
        "withheld": redactor.tree(_all(parts, "withheld")),
        "notes_for_the_monitoring_officer": redactor.tree(_all(parts, "notes")),
    }
    return Export(data, {s.key: len(c.records) for s, c in parts},
                  {s.key: c.ids for s, c in parts})


def _all(parts: list[tuple[Section, Collected]], name: str) -> list:
    return [item for _, collected in parts for item in getattr(collected, name)]
