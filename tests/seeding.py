"""The demo council seeded once for a class of tests that only read it (`manage.py
seed_demo` takes seconds: every case goes through the services)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def seeded_once(django_db_blocker, seed: Callable[[], str]) -> Iterator[str]:
    """Run `seed` in a transaction that the tests run inside (each test's own changes roll
    back as usual, in a savepoint), and roll it back at the end. For a class- or
    module-scoped fixture that asks for `django_db_setup`; only for tests that read."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)
