"""The access-control tests share one seeded council (`world`), built once for the package
inside a transaction that is rolled back at the end; each test runs in a savepoint of it
(pytest-django's `db`), so what one test changes the next never sees. Every module here is
marked django_db, which is what makes pytest-django create the test database."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test import Client

from tests.security.world import World, build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    name = str(connection.settings_dict["NAME"])
    if not (name.startswith("test_") or "memorydb" in name):
        # pytest-django sets up the test database only for tests marked django_db (or
        # using `db`): without it this would run on the developer's own database.
        pytest.fail(f"not a test database ({name}): mark the module pytest.mark.django_db")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def as_user(world: World, db, client: Client):
    """`as_user(role)`: the test client signed in as that seed_demo sign-in."""

    def sign_in(role: str) -> Client:
        client.logout()
        client.force_login(world.users[role])
        return client

    return sign_in
