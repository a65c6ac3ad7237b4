"""Retention periods for the profiles: the seeds (000-004) set none, so every profile gets
the council's default schedule (`protocol.machinery.retention.periods.DEFAULTS`), marked as the
council's choice, to change with its profile.

Like `install_profiles`, this takes the model classes as arguments, so that a migration can
pass its historical models."""
from __future__ import annotations

from typing import Any

from django.db import models

from protocol.machinery.retention.periods import DEFAULT_BASIS, DEFAULTS


def retention_rows() -> list[dict[str, Any]]:
    """The default periods as `RetentionPeriod` fields (all but `profile`)."""
    return [{"record_type": str(kind), "years": default.years,
             "basis": f"{default.years} years after {default.after}. {DEFAULT_BASIS}"}
            for kind, default in DEFAULTS.items()]


def install_retention(profile_model: type[models.Model],
                      period_model: type[models.Model]) -> int:
    """Give every profile the default period of each record type it has none for (a period
    the council has set is left alone); returns the number of periods added."""
    # `_default_manager`: migrations pass their historical models, typed only as models.
    added = []
    for profile in profile_model._default_manager.all():
        have = set(period_model._default_manager.filter(profile=profile)
                   .values_list("record_type", flat=True))
        added += [period_model(profile=profile, **row) for row in retention_rows()
                  if row["record_type"] not in have]
    period_model._default_manager.bulk_create(added)
    return len(added)
