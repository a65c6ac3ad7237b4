"""The chain itself: the model base, the encoding and the link, appending and checking
(see the package's docstring for the design)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar, cast

from django.db import models, transaction
from django.utils import timezone

from . import keys

NULL = b"~"
STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True)
class Chain:
    """What a history hashes: `on`, the column naming the case (one chain per case), and
    `fields`, the columns of an event's own content, in a fixed order."""

    on: str
    fields: tuple[str, ...]


class UnsealedEvent(RuntimeError):
    pass


class HashChained(models.Model):
    """An append-only history whose rows are linked by hash, one chain per case."""

    prev_hash = models.CharField(max_length=64, default="", db_default="", editable=False)
    hash = models.CharField(max_length=64, default="", db_default="", editable=False)

    chain: ClassVar[Chain]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.hash:
            raise UnsealedEvent("history events are written with protocol.machinery.history.append")
        super().save(*args, **kwargs)


# --- the hash: pure functions --------------------------------------------------------


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)  # as Django does when it saves one
        return value.astimezone(UTC).strftime(STAMP)
    if isinstance(value, str):
        return str.__str__(value)  # a TextChoices member as its value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(int(value))
    raise TypeError(f"a history field cannot hold {type(value).__name__}")


def encode(values: Iterable[object]) -> bytes:
    """An event's content as bytes: each field `<length>:<UTF-8 text>`, or `~` for NULL."""
    parts = []
    for value in values:
        text = _text(value)
        if text is None:
            parts.append(NULL)
        else:
            data = text.encode("utf-8")
            parts.append(b"%d:%s" % (len(data), data))
    return b"".join(parts)


def link(prev_hash: str, content: bytes, key: bytes | None = None) -> str:
    """The seal of an event whose predecessor's seal is `prev_hash` ('' for the first):
    HMAC-SHA256 under the history key (default: the current one)."""
    return keys.seal(prev_hash.encode("ascii") + b"\n" + content, key)


def linked(prev_hash: str, content: bytes, digest: str) -> bool:
    """Whether `digest` seals this event under any accepted key."""
    return keys.sealed(prev_hash.encode("ascii") + b"\n" + content, digest)


@dataclass(frozen=True)
class Break:
    """The first broken link on one case's chain."""

    case: int
    event: int
    problem: str


def _problem(expected_prev: str, prev_hash: str, digest: str, content: bytes) -> str:
    if not digest:
        return "was never sealed: it was written without protocol.machinery.history.append"
    if prev_hash != expected_prev:
        if not expected_prev:
            return "links back to an earlier event that is no longer there"
        return ("does not link to the event before it: an event between them is missing, "
                "or they were reordered")
    if not linked(prev_hash, content, digest):
        return "no longer matches its hash: it was changed after it was written"
    return ""


def first_breaks(rows: Iterable[tuple[int, int, str, str, bytes]]) -> Iterator[Break]:
    """The first broken link of each case, from rows (case, event id, prev_hash, hash,
    content) sorted by case and then by event id."""
    case: int | None = None
    expected, broken = "", False
    for case_id, event_id, prev_hash, digest, content in rows:
        if case_id != case:
            case, expected, broken = case_id, "", False
        if broken:
            continue
        problem = _problem(expected, prev_hash, digest, content)
        if problem:
            broken = True
            yield Break(case_id, event_id, problem)
        expected = digest


# --- writing and checking the chains ------------------------------------------------


def append(event: HashChained) -> HashChained:
    """Write `event` as the newest link of its case's chain, under the case's row lock."""
    from .heads import advance, newest

    model, chain = type(event), type(event).chain
    case_id = getattr(event, chain.on)
    # `chain.on` is the foreign key to the case, so it has a related model.
    case_model = cast("type[models.Model]", model._meta.get_field(chain.on).related_model)
    with transaction.atomic(savepoint=False):
        list(case_model._base_manager.select_for_update().filter(pk=case_id)
             .values_list("pk", flat=True))
        head, event.prev_hash = newest(model, case_id)
        if head is None:  # the case's first event, or one whose head is gone (it shows)
            event.prev_hash = (model._base_manager.filter(**{chain.on: case_id})
                               .order_by("-pk").values_list("hash", flat=True).first()) or ""
        event.hash = link(event.prev_hash, encode(getattr(event, f) for f in chain.fields))
        event.save()
        advance(model, case_id, event.pk, event.hash, head)
    return event


@dataclass
class Verified:
    """What `verify` walked, and the first break of each broken case."""

    events: int = 0
    cases: int = 0
    breaks: list[Break] = field(default_factory=list)


def verify(model: type[HashChained], chain: Chain | None = None) -> Verified:
    """Walk every chain of `model`'s table in one ordered pass, then check that each ends
    where its head says (`heads`)."""
    from .heads import head_breaks

    chain = chain or model.chain
    verified = Verified()
    newest: dict[int, tuple[int, str]] = {}

    def rows() -> Iterator[tuple[int, int, str, str, bytes]]:
        for case_id, pk, prev_hash, digest, *values in (
                model._base_manager.order_by(chain.on, "pk")
                .values_list(chain.on, "pk", "prev_hash", "hash", *chain.fields)
                .iterator(chunk_size=2000)):
            verified.events += 1
            newest[case_id] = (pk, digest)
            yield case_id, pk, prev_hash, digest, encode(values)

    verified.breaks = list(first_breaks(rows()))
    broken = {b.case for b in verified.breaks}
    verified.breaks += head_breaks(model, newest, broken)
    verified.cases = len(newest)
    return verified


def chained_models() -> list[type[HashChained]]:
    """Every installed model whose rows form hash chains."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, HashChained)]
