"""Seals on the rows a history points at: what a person wrote on a case (a letter's body, a
complaint's outcome and reasons, a request's details) lives on the case's own rows, not in
its events, and can change lawfully (an outcome is decided, a hold is set). Each such row
carries `record_seal`, the HMAC under the history key of its table, its id and its
person-written fields (`sealed_fields`), renewed by every save through the application;
`manage.py verify_history` recomputes it, so an edit in the database shows. The id is in
the seal, so swapping two letters' bodies shows too.

The seal is `link('<app_label.model>#<id>', encode(fields))`, the chain's own link with the
row's name in place of a predecessor's hash, so that PostgreSQL can seal set-based with the
same SQL functions (`bulk`)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, ClassVar, cast

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

from .chain import encode, link, linked


class SealedRecord(models.Model):
    """A row whose person-written fields (`sealed_fields`, attribute names) are sealed."""

    record_seal = models.CharField(max_length=64, default="", db_default="", editable=False)

    sealed_fields: ClassVar[tuple[str, ...]]
    # What names the row in its seal: its id, or, for a row that may not be updated once
    # written (an append-only register), a unique field known before it is inserted.
    seal_key: ClassVar[str] = "pk"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if self.pk is None and self.seal_key == "pk":  # the id is in the seal: seal once set
            super().save(*args, **kwargs)
            self.record_seal = record_seal(self)
            type(self)._base_manager.using(self._state.db).filter(pk=self.pk).update(
                record_seal=self.record_seal)
            return
        if fields is not None:
            if not set(fields) & {*self.sealed_fields, *_names(self)}:
                super().save(*args, **kwargs)
                return
            kwargs["update_fields"] = [*fields, "record_seal"]
        self.record_seal = record_seal(self)
        super().save(*args, **kwargs)


def _names(record: SealedRecord) -> set[str]:
    """The field names of sealed attnames (`author` for `author_id`)."""
    return {f.name for f in record._meta.concrete_fields if f.attname in record.sealed_fields}


def _value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def content(values: Iterable[object]) -> bytes:
    """A sealed row's fields as bytes, in `encode`'s encoding."""
    return encode(_value(v) for v in values)


def _name(model: type[models.Model], pk: object) -> str:
    return f"{model._meta.label_lower}#{pk}"


def record_seal(record: SealedRecord) -> str:
    """The seal `record` should carry, from its fields as they are in memory."""
    values = (getattr(record, name) for name in record.sealed_fields)
    return link(_name(type(record), getattr(record, record.seal_key)), content(values))


def _rows(model: type[models.Model], fields: Sequence[str], pks: Sequence[Any] | None,
          using: str, key: str) -> Iterator[tuple]:
    rows = model._base_manager.using(using).order_by("pk")
    if pks is not None:
        rows = rows.filter(pk__in=list(pks))
    return rows.values_list("pk", key, "record_seal", *fields).iterator(chunk_size=2000)


def seal_rows(model: type[models.Model], fields: Sequence[str] | None = None,
              pks: Sequence[Any] | None = None, using: str = DEFAULT_DB_ALIAS,
              key: str | None = None) -> int:
    """Seal `model`'s rows (those in `pks`, or all) from their fields as they stand: the
    backfill, retention's rewrites, a re-seal with a new key. Returns the rows changed.
    `fields` and `key` default to the model's own; migrations pass the ones frozen in them."""
    # Without `fields` the model is a live SealedRecord; a migration's models are not, and
    # pass their frozen fields (and have no `seal_key`: theirs is the id).
    fields = tuple(fields or cast("type[SealedRecord]", model).sealed_fields)
    key = key or cast(str, getattr(model, "seal_key", "pk"))
    # Set-based SQL for a whole table (migrations, `reseal_history`, bench loads); a few
    # rows (retention) are sealed here, so the key's pads never go to the server for them.
    if connections[using].vendor == "postgresql" and pks is None:
        from .bulk import seal_rows_sql

        return seal_rows_sql(model, fields, pks, using, key)
    changed = [model(pk=pk, record_seal=digest) for pk, name, old, *values in
               _rows(model, fields, pks, using, key)
               if (digest := link(_name(model, name), content(values))) != old]
    with transaction.atomic(using=using):
        model._base_manager.using(using).bulk_update(changed, ["record_seal"], batch_size=500)
    return len(changed)


def unsealed(model: type[SealedRecord], using: str = DEFAULT_DB_ALIAS) -> Iterator[tuple]:
    """(id, problem) for every row of `model` whose seal does not match its fields."""
    for pk, name, digest, *values in _rows(model, model.sealed_fields, None, using,
                                           model.seal_key):
        if not digest:
            yield pk, "was never sealed: it was written outside the application"
        elif not linked(_name(model, name), content(values), digest):
            yield pk, "no longer matches its seal: what was written on it was changed"


def sealed_models() -> list[type[SealedRecord]]:
    """Every installed model whose rows carry a seal."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, SealedRecord)]
