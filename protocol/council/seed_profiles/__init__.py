"""The five seed protocols (seeds 000-004) shipped as ready protocol profiles.

`install_profiles` takes the model classes as arguments and uses only their managers and
field names, so the data migration can pass its historical models and the tests the real
ones.
"""
from __future__ import annotations

from typing import Any

from django.db import models, transaction

from .base import SeedProfile, profile_row, stage_rows
from .harrow import HARROW
from .hounslow import HOUNSLOW
from .north_northamptonshire import NORTH_NORTHAMPTONSHIRE
from .parish_model import PARISH_MODEL
from .westminster import WESTMINSTER

PROFILES: tuple[SeedProfile, ...] = (
    HARROW, HOUNSLOW, PARISH_MODEL, WESTMINSTER, NORTH_NORTHAMPTONSHIRE,
)
# Made active only when no profile is: 003 is the one seed that gives a number (§31.15).
DEFAULT_ACTIVE_SLUG = "westminster"

__all__ = ["DEFAULT_ACTIVE_SLUG", "PROFILES", "SeedProfile", "install_profiles", "profile_row",
           "stage_rows"]


def install_profiles(profile_model: type[models.Model], stage_model: type[models.Model]) -> int:
    """Create or update the seed profiles by slug and replace their ladders; make Westminster
    active if no profile is. Returns the number of profiles installed."""
    # `_default_manager`: migrations pass their historical models, typed only as models.
    profile_fields = _field_names(profile_model)
    stage_fields = _field_names(stage_model)
    with transaction.atomic():
        for seed in PROFILES:
            profile, _ = profile_model._default_manager.update_or_create(
                slug=seed.slug, defaults=_known(profile_row(seed), profile_fields))
            stage_model._default_manager.filter(profile=profile).delete()
            stage_model._default_manager.bulk_create([
                stage_model(profile=profile, **_known(row, stage_fields))
                for row in stage_rows(seed)
            ])
        if not profile_model._default_manager.filter(is_active=True).exists():
            profile_model._default_manager.filter(slug=DEFAULT_ACTIVE_SLUG).update(is_active=True)
    return len(PROFILES)


def _field_names(model: type[models.Model]) -> frozenset[str]:
    return frozenset(f.name for f in model._meta.concrete_fields)


def _known(row: dict[str, Any], names: frozenset[str]) -> dict[str, Any]:
    """Keep the fields this (possibly historical) model has, so that the 0002 migration still
    runs once later migrations add fields to the seed data; a test checks nothing is dropped
    against the current models."""
    return {name: value for name, value in row.items() if name in names}
