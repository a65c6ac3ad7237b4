"""Shared pieces of the integrity tests: Hypothesis kept small (and deterministic in CI),
savepoints that undo each generated example, and counts of every row an invalid request
must leave alone."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, settings

# The profile loaded (tests/conftest.py) scales the counts asked for here: the default's
# 100 keeps them, CI's 50 halves them and derandomizes (CI runs the same examples every
# time, so a failure there is reproducible as it stands), `make test-deep`'s 300 triples
# them; a developer's run explores new ones and keeps failures in .hypothesis/.
AS_ASKED = 100


def small(examples: int, steps: int = 1) -> settings:
    """Hypothesis settings for a test that touches the database: few examples, no deadline
    (a query's time is not the property under test), fixtures shared across examples (each
    example runs in a savepoint that is rolled back)."""
    profile = settings.default
    return settings(
        max_examples=max(1, examples * profile.max_examples // AS_ASKED),
        stateful_step_count=steps, deadline=None, derandomize=profile.derandomize,
        print_blob=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.filter_too_much, HealthCheck.data_too_large])


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a savepoint and undo whatever it did."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


class Undo:
    """A savepoint opened by one object and rolled back by another call (a state machine
    opens it in `__init__` and undoes it in `teardown`)."""

    def __init__(self) -> None:
        self._atomic = transaction.atomic()
        self._atomic.__enter__()

    def __call__(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)


# Rows a refused request may add by design: who opened a complaint page (the access log),
# sign-in attempts (django-axes) and sessions.
EXPECTED_ON_REFUSAL = {"complaints.ComplaintView", "axes.AccessAttempt", "axes.AccessLog",
                       "axes.AccessFailureLog", "sessions.Session"}
COUNTED_APPS = ("protocol", "casework", "complaints", "registers", "auth",
                "sessions", "axes")


def row_counts() -> dict[str, int]:
    """How many rows every model of the product (and its permissions) has now."""
    return {model._meta.label: model.objects.count()
            for label in COUNTED_APPS for model in apps.get_app_config(label).get_models()
            if model._meta.label not in EXPECTED_ON_REFUSAL}


@pytest.fixture
def counts() -> Callable[[], dict[str, int]]:
    return row_counts


@pytest.fixture(autouse=True)
def celery_runs_tasks_in_process() -> Iterator[None]:
    """`.delay` after commit runs the task here (as in tests/casework/conftest.py), so a
    test that commits (the two-sessions race on PostgreSQL) leaves nothing on a broker."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


# The posts the complaint routes need beyond the shared council (tests/complaints).
from tests.complaints.conftest import governance, parish  # noqa: E402, F401

# And the register entries their actions need (tests/registers).
from tests.registers.conftest import agreed, ask_group, ask_info  # noqa: E402, F401


def unless(**checks: bool) -> str | None:
    """The first check that fails, by name (why the protocol refuses), or None."""
    return next((name for name, ok in checks.items() if not ok), None)


class RowSnapshot:
    """A case's snapshot: `row` is its table row as a dict (state and version read off it)."""

    row: dict

    @property
    def state(self) -> str:
        return self.row["state"]

    @property
    def version(self) -> int:
        return self.row["version"]
