"""The application's own PostgreSQL role (docs/decisions/0010): it owns nothing and is no
superuser, so it cannot alter a table, disable a trigger or grant itself more; it may read
and write the ordinary tables, but only SELECT and INSERT the hash-chained histories (no
UPDATE, DELETE or TRUNCATE, so `SET LOCAL casework.allow_erase` gains it nothing), and
SELECT, INSERT and UPDATE their heads; the ward notices and their delivery log likewise
only SELECT and INSERT. Retention's rewrites go through the owner's
SECURITY DEFINER functions (protocol migration 0009), which only it may also run.

Migrations run as the owner; `grant` runs after them (`manage.py migrate` does it when
DATABASE_APP_URL names the app's role, as docker-compose.yml's migrate service does, or
run `manage.py db_roles`), so every table a migration adds is granted too."""
from __future__ import annotations

from collections.abc import Iterable

import dj_database_url
from django.conf import settings
from psycopg import sql

from protocol.machinery.history import chained_models

FUNCTIONS = ("history_erase(regclass, bigint[], text[])",
             "history_reseal(regclass, bigint[], text[], text[])",
             "ward_notice_erase(bigint[], text[], timestamptz)")
# Append-only registers that are no hash chain: what members were told, and when.
APPEND_ONLY = ("registers_wardnotice", "registers_wardnoticedelivery")


def app_role() -> tuple[str, str] | None:
    """(user, password) of DATABASE_APP_URL, or None when it is not set."""
    url = getattr(settings, "DATABASE_APP_URL", "")
    if not url:
        return None
    config = dj_database_url.parse(url)
    return config["USER"], config.get("PASSWORD") or ""


def history_tables() -> list[str]:
    from protocol.models import HistoryHead

    return ([m._meta.db_table for m in chained_models()] + list(APPEND_ONLY)
            + [HistoryHead._meta.db_table])


def statements(role: str, password: str, database: str, exists: bool,
               histories: Iterable[str], heads: str) -> list[sql.Composable]:
    """What makes `role` the application's role, with only the privileges it needs."""
    who = sql.Identifier(role)
    login: sql.Composable = sql.SQL("LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT")
    if password:
        login = login + sql.SQL(" PASSWORD {}").format(sql.Literal(password))
    found: list[sql.Composable] = [
        sql.SQL("ALTER ROLE {} " if exists else "CREATE ROLE {} ").format(who) + login,
        sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(
            sql.Identifier(database), who),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                "TO {}").format(who),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(who)]
    for table in histories:
        kept = "UPDATE, DELETE, TRUNCATE" if table != heads else "DELETE, TRUNCATE"
        found.append(sql.SQL(f"REVOKE {kept} ON TABLE {{}} FROM {{}}").format(
            sql.Identifier(table), who))
    found += [sql.SQL(f"GRANT EXECUTE ON FUNCTION {signature} TO {{}}").format(who)
              for signature in FUNCTIONS]
    return found


def grant(connection, role: str, password: str = "") -> None:
    """Create or update `role` on `connection`'s database (run as the tables' owner)."""
    if role == connection.settings_dict["USER"]:
        raise ValueError("the application's role must not be the role that owns the tables")
    from protocol.models import HistoryHead

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        exists = cursor.fetchone() is not None
        for statement in statements(role, password, connection.settings_dict["NAME"], exists,
                                    history_tables(), HistoryHead._meta.db_table):
            cursor.execute(statement.as_string(cursor.connection))
