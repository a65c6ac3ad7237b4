"""The shared steps of anonymising a case: replace its free text with a fixed marker (the
skeleton of references, dates, states, services and outcome codes stays for statistics and
the dashboard tallies), do the same to its append-only history, add an event saying so,
and re-seal the history's hash chain, all in the caller's transaction.

On PostgreSQL the application's own role may not UPDATE a history at all
(protocol.machinery.db_roles):
its events are erased and re-sealed by the owner's functions `history_erase` and
`history_reseal` (protocol migration 0009), which can write only the marker and the seals.
The histories' triggers also refuse UPDATE unless the session opts in with
`casework.allow_erase` (migrations 0002): `allowed` sets it for the current transaction
only (SET LOCAL), for a session that is the owner (the embedded default, the tests)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, models, transaction
from django.db.models import Case, Value, When

from protocol.machinery.history import HashChained, SealedRecord, reseal, seal_rows
from protocol.machinery.history.bulk import BYPASS
from protocol.models import Notification

MARKER = "[anonymised]"


@contextmanager
def allowed() -> Iterator[None]:
    """Let this transaction rewrite the append-only histories (PostgreSQL), and put the
    setting back as it was afterwards."""
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("erasure runs inside a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting(%s, true), '')", [BYPASS])
        before = cursor.fetchone()[0]
        cursor.execute("SELECT set_config(%s, 'on', true)", [BYPASS])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [BYPASS, before])


def marked(field: str) -> Case:
    """The marker in place of the field's text; an empty field stays empty, so that the
    skeleton still shows what was never given (and constraints on blank fields hold)."""
    return Case(When(**{field: ""}, then=Value("")), default=Value(MARKER))


def scrub(queryset: models.QuerySet, fields: Iterable[str], **also: object) -> int:
    """Replace the text of `fields` on every row of `queryset` (one UPDATE), and re-seal
    the rows if what people wrote on them is sealed (protocol.machinery.history.records)."""
    sealed = issubclass(queryset.model, SealedRecord)
    pks = list(queryset.values_list("pk", flat=True)) if sealed else []
    changed = queryset.update(**{name: marked(name) for name in fields}, **also)
    if sealed:
        seal_rows(queryset.model, pks=pks)
    return changed


def scrub_history(model: type[HashChained], cases: Sequence[int], fields: Iterable[str],
                  added: Iterable[HashChained] = ()) -> int:
    """Replace the text of `fields` on every event of these cases, append `added` (the
    events that record the erasure), and re-seal the cases' chains; returns the events
    re-sealed. Must run inside `allowed()`."""
    on = model.chain.on
    if connection.vendor == "postgresql":  # as the owner: the app's role may not UPDATE it
        with connection.cursor() as cursor:  # for cases whose own rows are anonymised only
            cursor.execute("SELECT history_erase(%s::regclass, %s::bigint[], %s::text[])",
                           [model._meta.db_table, list(cases), list(fields)])
    else:
        scrub(model._base_manager.filter(**{f"{on}__in": list(cases)}), fields)
    # Unsealed for a moment: `reseal` links them with the rest, in this transaction.
    model._base_manager.bulk_create(list(added), batch_size=500)
    return reseal(model, model.chain, cases=list(cases), heads=True)


def scrub_notifications(urls: Iterable[str]) -> int:
    """Replace the subject and body of every email about these pages."""
    urls = list(urls)
    if not urls:
        return 0
    return Notification.objects.filter(url__in=urls).update(subject=MARKER, body=MARKER)
