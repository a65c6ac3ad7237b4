"""A database upgraded from before keeps django-guardian's two tables, which nothing reads
now (docs/decisions/0013): the protocol's migration drops them where they exist and passes
over a database that never had them."""
from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.django_db
MIGRATION = import_module("protocol.migrations.0013_drop_guardian_tables")


def tables() -> set[str]:
    return set(connection.introspection.table_names())


def test_guardians_tables_go_and_nothing_else_does():
    with connection.cursor() as cursor:
        for table in MIGRATION.GUARDIAN_TABLES:
            cursor.execute(f"CREATE TABLE {table} (id integer PRIMARY KEY)")
    before = tables()
    assert set(MIGRATION.GUARDIAN_TABLES) <= before
    MIGRATION.drop_guardian_tables(apps, connection.schema_editor())
    assert tables() == before - set(MIGRATION.GUARDIAN_TABLES)


def test_a_database_without_them_is_left_as_it_is():
    before = tables()
    MIGRATION.drop_guardian_tables(apps, connection.schema_editor())
    assert tables() == before
