"""Readable, unique references for cases: PREFIX-YEAR-NNNNN."""
from django.db import transaction

from protocol.models import ReferenceCounter


def next_reference(prefix: str, year: int) -> str:
    """The next reference for `prefix` in `year` (locks the counter row until commit)."""
    with transaction.atomic():
        counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(
            prefix=prefix, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:05d}"
