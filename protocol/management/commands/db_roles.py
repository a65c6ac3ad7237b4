"""`manage.py db_roles`: create or update the application's PostgreSQL role (the user of
DATABASE_APP_URL, or --role) with only the privileges it needs (protocol.machinery.db_roles). Run as
the tables' owner, after `migrate` (which does it too when DATABASE_APP_URL is set)."""
from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from protocol.machinery import db_roles


class Command(BaseCommand):
    help = "Create or update the application's own PostgreSQL role and its privileges."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--role", help="the role's name (default: DATABASE_APP_URL's user)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, role: str | None = None, database: str = DEFAULT_DB_ALIAS,
               **options) -> None:
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("db_roles is for PostgreSQL; SQLite has no roles")
        found = db_roles.app_role()
        if role:
            name, password = role, os.environ.get("DATABASE_APP_PASSWORD", "")
        elif found is not None:
            name, password = found
        else:
            raise CommandError("set DATABASE_APP_URL or pass --role")
        with transaction.atomic(using=database):
            db_roles.grant(connection, name, password)
        self.stdout.write(f"The application's role {name} may use the database, and only "
                          "append to its histories.")
