"""How an app tells the retention run about its records, without `protocol` importing it
(DESIGN: `protocol` is the ground floor). Each app lists its erasers in a `retention`
module (`casework/retention.py`, ...) with `register`; the run finds them as the admin
finds `admin` modules."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Eraser:
    """One record type: which rows it covers, the field whose time ends a record (a
    DateTimeField or a DateField), and `erase(ids, at)`, which anonymises those rows and
    their histories inside the caller's transaction and returns how many it did. A record
    with more than one stamp (made, decided, disputed...) names the others in
    `also_ended`: it has expired once every one it has is past the period. An entry there
    may also be a DateTimeField across a to-many relation (`events__at`): every row it
    has there must be past the period too (a step that stamps no field of the record
    itself, such as a withdrawal, still restarts the clock).

    The model has an `anonymised_at` field; `holdable` says it has the legal hold fields
    too (`protocol.models.RetainedRecord`)."""

    record_type: str
    model: type[models.Model]
    ended: str
    erase: Callable[[Sequence[int], datetime], int]
    where: Q = field(default_factory=Q)
    holdable: bool = False
    also_ended: tuple[str, ...] = ()


_ERASERS: dict[str, Eraser] = {}


def register(*erasers: Eraser) -> None:
    """Add erasers to the run (an app's `retention` module calls this on import)."""
    for eraser in erasers:
        _ERASERS[eraser.record_type] = eraser


def erasers() -> list[Eraser]:
    """Every registered eraser, in record type order."""
    autodiscover_modules("retention")
    return [_ERASERS[name] for name in sorted(_ERASERS)]
