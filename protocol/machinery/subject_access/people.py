"""The council's people as an export shows them: the subject by name, everyone else by
the posts they hold (ICO right of access guidance: a member of staff acting in their role
may be identified by that role; their name and email address are their own data)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from protocol.models import Post, PostKind, User

NO_POST = "[Someone with no post in the council]"
UNKNOWN = "[Another person]"


@dataclass(frozen=True)
class PostLine:
    """The plain facts of one post, for its label."""

    kind: str
    title: str = ""
    where: str = ""
    current: bool = True


def role_label(posts: Iterable[PostLine]) -> str:
    """A person as their posts: current ones, or else the latest former one."""
    posts = list(posts)
    shown = [p for p in posts if p.current] or posts[-1:]
    if not shown:
        return NO_POST
    names = []
    for post in shown:
        name = post.title or PostKind(post.kind).label
        name = f"{name}, {post.where}" if post.where else name
        names.append(name if post.current else f"Former {name[0].lower()}{name[1:]}")
    return "[" + "; ".join(sorted(set(names))) + "]"


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    email: str
    role: str


@dataclass
class People:
    """Everyone with an account, and which of them (if any) is the subject."""

    persons: dict[int, Person]
    subject_id: int | None = None

    def ref(self, user_id: int | None) -> str | None:
        """How a person appears in the export: the subject by name, others by role."""
        if user_id is None:
            return None
        person = self.persons.get(user_id)
        if person is None:
            return UNKNOWN
        return person.name if user_id == self.subject_id else person.role

    def masks(self) -> dict[str, str]:
        """Every other person's name and email address, with the role shown instead."""
        terms: dict[str, str] = {}
        for person in self.persons.values():
            if person.user_id == self.subject_id:
                continue
            for term in (person.name, person.email):
                if term:
                    terms.setdefault(term, person.role)
        return terms

    @property
    def subject(self) -> Person | None:
        return self.persons.get(self.subject_id) if self.subject_id else None


def _where(post: Post) -> str:
    # Not a ward member's ward or group: a ward's members are few, and "Councillor" is
    # enough to say in what capacity they acted.
    if post.kind == PostKind.COUNCILLOR:
        return ""
    place = post.service or post.directorate or post.committee or post.political_group
    return str(place) if place else ""


def load_people(subject_id: int | None = None) -> People:
    """Every account and its posts (two queries, whatever the number of cases)."""
    today = timezone.localdate()
    posts: dict[int, list[PostLine]] = {}
    rows = Post.objects.select_related("service", "directorate", "committee",
                                       "political_group")
    # Oldest first, so that a former post shown is the one that ended last.
    for post in sorted(rows, key=lambda p: (p.ends_on or date.max, p.pk)):
        current = post.starts_on <= today and (post.ends_on is None or post.ends_on >= today)
        posts.setdefault(post.holder_id, []).append(
            PostLine(post.kind, post.title, _where(post), current))
    persons = {
        pk: Person(pk, " ".join(f"{first} {last}".split()) or username, email,
                   role_label(posts.get(pk, ())))
        for pk, first, last, username, email in User.objects.values_list(
            "pk", "first_name", "last_name", "username", "email")
    }
    return People(persons, subject_id)
