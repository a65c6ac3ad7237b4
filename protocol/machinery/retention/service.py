"""The retention run: find what has outlived its period, anonymise it batch by batch (each
batch one transaction, so memory and lock time stay bounded and a failure loses at most one
batch), skip what is on legal hold, and log the run (a `RetentionRun` row, a
`retention.run` security event, and an `erasure` event for each batch with its count).

Idempotent: an anonymised record has `anonymised_at` set and is never selected again, so a
second run on the same day anonymises nothing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone

from protocol.council.selectors import active_profile_or_none
from protocol.machinery import security_events
from protocol.models import ProtocolProfile, RetentionPeriod, RetentionRun

from .periods import DEFAULT_BASIS, DEFAULTS, last_expired_day, periods
from .registry import Eraser, erasers

BATCH_SIZE = 500


def periods_in_force() -> dict[str, int]:
    """Each record type's period in years under the active profile (defaults where it sets
    none, or where no profile is active yet)."""
    profile = active_profile_or_none()
    rows = (RetentionPeriod.objects.filter(profile=profile).values_list("record_type", "years")
            if profile else [])
    return periods(dict(rows))


@dataclass(frozen=True)
class Scheduled:
    """One line of the retention schedule, as the profile page shows it."""

    label: str
    years: int
    after: str
    basis: str


def retention_schedule(profile: ProtocolProfile) -> list[Scheduled]:
    """How long each kind of record is kept under this profile, and why."""
    rows = {row.record_type: row for row in RetentionPeriod.objects.filter(profile=profile)}
    return [Scheduled(kind.label, rows[kind].years if kind in rows else default.years,
                      default.after, rows[kind].basis if kind in rows else DEFAULT_BASIS)
            for kind, default in DEFAULTS.items()]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def expired(eraser: Eraser, today: date, years: int) -> QuerySet:
    """The records of this type that ended at least `years` years before `today` and are
    not anonymised yet, legal holds included (the council's day: a record closed late on
    31 May is kept until the anniversary, as the council reckons it)."""
    last_day = last_expired_day(today, years)

    def past(name: str) -> Q:
        if isinstance(eraser.model._meta.get_field(name), models.DateTimeField):
            return Q(**{f"{name}__lt": _start_of(last_day + timedelta(days=1))})
        return Q(**{f"{name}__lte": last_day})

    also = [~Q(**{f"{name}__gte": _start_of(last_day + timedelta(days=1))})
            if LOOKUP_SEP in name  # a timeline's stamps: none of them after the last day
            else past(name) | Q(**{f"{name}__isnull": True}) for name in eraser.also_ended]
    return eraser.model._base_manager.filter(eraser.where, past(eraser.ended), *also,
                                             anonymised_at__isnull=True)


def _batches(eraser: Eraser, queryset: QuerySet, size: int, run: RetentionRun) -> int:
    """Anonymise `queryset` in batches of `size`, in the order the records ended; returns
    how many. Rows another transaction holds locked are left for the next run."""
    ended, done, after = eraser.ended, 0, None
    ordered = queryset.order_by(ended, "pk")
    while True:
        page = ordered
        if after is not None:
            page = page.filter(Q(**{f"{ended}__gt": after[0]})
                               | Q(**{ended: after[0], "pk__gt": after[1]}))
        with transaction.atomic():
            rows = list(page.select_for_update(skip_locked=True, of=("self",))
                        .values_list(ended, "pk")[:size])
            if not rows:
                return done
            count = eraser.erase([pk for _, pk in rows], timezone.now())
        after, done = rows[-1], done + count
        security_events.record("erasure", run=run.pk, record_type=str(eraser.record_type),
                               count=count)


def retention_run(*, today: date | None = None, batch_size: int = BATCH_SIZE) -> RetentionRun:
    """Anonymise every record whose retention period has expired by `today` (default: the
    council's today), except those on legal hold, and log the run."""
    today = today or timezone.localdate()
    run = RetentionRun.objects.create(started_at=timezone.now(), as_of=today)
    years = periods_in_force()
    for eraser in erasers():
        name = str(eraser.record_type)
        queryset = expired(eraser, today, years[name])
        if eraser.holdable:
            run.held[name] = queryset.filter(legal_hold=True).count()
            queryset = queryset.filter(legal_hold=False)
        run.anonymised[name] = _batches(eraser, queryset, batch_size, run)
        run.save(update_fields=["anonymised", "held"])
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    security_events.record("retention.run", run=run.pk, as_of=today.isoformat(),
                           anonymised=run.total_anonymised, held=run.total_held)
    return run
