"""Per-case heads: what makes a truncated tail visible. A chain only shows what is wrong
inside it; delete a case's newest events and the rest still links. So every append also
records the case's head (`protocol.models.HistoryHead`: the newest event's id and seal,
itself sealed with the key), in the same transaction, under the case's row lock;
`verify` compares each chain's end with its head. Rewriting the head to match a shortened
chain needs the key. What the head cannot show: a head copied earlier and put back with
the events deleted since (docs/decisions/0010)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models

from .chain import Break, Chain, encode, link, linked


def _head_model() -> type[models.Model]:
    from django.apps import apps

    return apps.get_model("protocol", "HistoryHead")


def _name(history: str, case: int, event: int) -> str:
    return f"head:{history}#{case}#{event}"


def head_seal(history: str, case: int, event: int, digest: str) -> str:
    """The seal of a head naming `event` (whose own seal is `digest`) as the newest."""
    return link(_name(history, case, event), encode([digest]))


def newest(model: type[models.Model], case: int) -> tuple[int | None, str]:
    """(the head's own id, the seal of the event it names) for this case, or (None, '')."""
    found = (_head_model()._base_manager.filter(history=model._meta.label_lower, case=case)
             .values_list("pk", "hash").first())
    return found or (None, "")


def advance(model: type[models.Model], case: int, event: int, digest: str,
            head: int | None) -> None:
    """Make `event` the head of its case's history (inside `append`'s transaction, under
    the case's row lock): one UPDATE of the head `newest` found, or the first head."""
    history = model._meta.label_lower
    values = {"event": event, "hash": digest, "seal": head_seal(history, case, event, digest)}
    heads = _head_model()._base_manager
    if head is None:
        heads.create(history=history, case=case, **values)
    else:
        heads.filter(pk=head).update(**values)


def write(model: type[models.Model], chain: Chain, *, after: int = 0,
          cases: Sequence[int] | None = None, using: str = DEFAULT_DB_ALIAS,
          head_model: type[models.Model] | None = None) -> int:
    """Set the heads of these cases' histories (id above `after`, in `cases` if given) to
    their newest events as they stand: after a re-seal, a backfill or a bulk load."""
    head_model = head_model or _head_model()
    if connections[using].vendor == "postgresql" and cases is None:  # as `records.seal_rows`
        from .bulk import write_heads_sql

        return write_heads_sql(model, chain, head_model, after, cases, using)
    rows = model._base_manager.using(using).filter(**{f"{chain.on}__gt": after})
    if cases is not None:
        rows = rows.filter(**{f"{chain.on}__in": list(cases)})
    newest: dict[int, tuple[int, str]] = {}
    for case, pk, digest in (rows.order_by(chain.on, "pk")
                             .values_list(chain.on, "pk", "hash").iterator(chunk_size=2000)):
        newest[case] = (pk, digest)
    history = model._meta.label_lower
    heads = [head_model(history=history, case=case, event=pk, hash=digest,
                        seal=head_seal(history, case, pk, digest))
             for case, (pk, digest) in newest.items()]
    head_model._base_manager.using(using).bulk_create(
        heads, batch_size=500, update_conflicts=True, unique_fields=["history", "case"],
        update_fields=["event", "hash", "seal"])
    return len(heads)


def head_breaks(model: type[models.Model], newest: dict[int, tuple[int, str]],
                broken: set[int]) -> Iterator[Break]:
    """The heads that disagree with the chains' ends (`newest`: case -> (id, seal) of its
    last event), for the cases whose chains are otherwise intact."""
    heads = (_head_model()._base_manager.filter(history=model._meta.label_lower)
             .values_list("case", "event", "hash", "seal").iterator(chunk_size=2000))
    seen: set[int] = set()
    for case, event, digest, seal in heads:
        seen.add(case)
        if case in broken:
            continue
        if not linked(_name(model._meta.label_lower, case, event), encode([digest]), seal):
            yield Break(case, event, "is named by a head that was changed outside the "
                        "application")
        elif newest.get(case) != (event, digest):
            yield _short(case, event, newest.get(case))
    for case in newest.keys() - seen - broken:
        yield Break(case, newest[case][0], "is the newest event of a history with no head: "
                    "the head was deleted, or the events were written outside the application")


def _short(case: int, event: int, last: tuple[int, str] | None) -> Break:
    if last is None or last[0] < event:
        return Break(case, event, "is missing: the newest events were deleted (the history's "
                     "head names it as the newest)")
    return Break(case, last[0], "is newer than the history's head: it was written outside "
                 "the application")
