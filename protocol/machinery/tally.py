"""Exactly-maintained counts for the dashboard: a tally table holds, for each combination of
a few key values of a source table's rows, how many rows have it; database triggers keep it
exact on every INSERT, UPDATE and DELETE, whoever writes (services, admin, a shell). The
dashboard then sums a few thousand tally rows instead of counting a million cases
(docs/decisions/0002-dashboard-tallies.md; `make bench` measures both).

A tally's key is written once per database vendor as SQL over one row (`{r}` stands for
NEW, OLD or the source table), so the same definition makes the triggers and rebuilds the
table from scratch (a migration's backfill, a bulk load that bypassed the triggers). Each
combination is one row, found by its `key` text (unique), so an insert is an upsert and two
writers adding to the same count take turns on its row instead of creating two."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

VENDORS = ("postgresql", "sqlite")


@dataclass(frozen=True)
class Key:
    """One key column of a tally and its value for a source row, in each vendor's SQL."""

    column: str
    postgresql: str
    sqlite: str

    def value(self, vendor: str, row: str) -> str:
        return getattr(self, vendor).format(r=row)


@dataclass(frozen=True)
class Tally:
    source: str  # the counted table
    table: str  # the tally table: `key` text unique, the key columns, `n`
    keys: tuple[Key, ...]

    def _values(self, vendor: str, row: str) -> list[str]:
        return [k.value(vendor, row) for k in self.keys]

    def _key_text(self, vendor: str, row: str) -> str:
        cast = "({v})::text" if vendor == "postgresql" else "CAST({v} AS TEXT)"
        parts = [f"coalesce({cast.format(v=v)}, '~')" for v in self._values(vendor, row)]
        return " || '|' || ".join(parts)

    def _add(self, vendor: str, row: str) -> str:
        columns = ", ".join(["key", *(k.column for k in self.keys), "n"])
        values = ", ".join([self._key_text(vendor, row), *self._values(vendor, row), "1"])
        return (f"INSERT INTO {self.table} ({columns}) VALUES ({values}) "
                f"ON CONFLICT (key) DO UPDATE SET n = {self.table}.n + 1;")

    def _remove(self, vendor: str, row: str) -> str:
        key = self._key_text(vendor, row)
        return (f"UPDATE {self.table} SET n = n - 1 WHERE key = {key}; "
                f"DELETE FROM {self.table} WHERE key = {key} AND n <= 0;")

    def _changed(self, vendor: str) -> str:
        """The UPDATE trigger's condition: the row's key values changed."""
        old, new = self._values(vendor, "OLD"), self._values(vendor, "NEW")
        if vendor == "postgresql":
            return f"ROW({', '.join(old)}) IS DISTINCT FROM ROW({', '.join(new)})"
        same = " AND ".join(f"({o}) IS ({n})" for o, n in zip(old, new, strict=True))
        return f"NOT ({same})"

    def install(self, vendor: str) -> list[str]:
        """The statements that create the triggers."""
        name = self.table
        if vendor == "postgresql":
            return [
                f"""CREATE OR REPLACE FUNCTION {name}_keep() RETURNS trigger
                    LANGUAGE plpgsql AS $$
                    BEGIN
                        IF TG_OP <> 'INSERT' THEN {self._remove(vendor, 'OLD')} END IF;
                        IF TG_OP <> 'DELETE' THEN {self._add(vendor, 'NEW')} END IF;
                        RETURN NULL;
                    END $$""",
                f"""CREATE TRIGGER {name}_keep AFTER INSERT OR DELETE ON {self.source}
                    FOR EACH ROW EXECUTE FUNCTION {name}_keep()""",
                f"""CREATE TRIGGER {name}_keep_update AFTER UPDATE ON {self.source}
                    FOR EACH ROW WHEN ({self._changed(vendor)})
                    EXECUTE FUNCTION {name}_keep()""",
            ]
        return [
            f"""CREATE TRIGGER {name}_insert AFTER INSERT ON {self.source}
                BEGIN {self._add(vendor, 'NEW')} END""",
            f"""CREATE TRIGGER {name}_delete AFTER DELETE ON {self.source}
                BEGIN {self._remove(vendor, 'OLD')} END""",
            f"""CREATE TRIGGER {name}_update AFTER UPDATE ON {self.source}
                WHEN {self._changed(vendor)}
                BEGIN {self._remove(vendor, 'OLD')} {self._add(vendor, 'NEW')} END""",
        ]

    def uninstall(self, vendor: str) -> list[str]:
        name = self.table
        if vendor == "postgresql":
            return [f"DROP TRIGGER IF EXISTS {name}_keep ON {self.source}",
                    f"DROP TRIGGER IF EXISTS {name}_keep_update ON {self.source}",
                    f"DROP FUNCTION IF EXISTS {name}_keep()"]
        return [f"DROP TRIGGER IF EXISTS {name}_{op}" for op in ("insert", "delete", "update")]

    def rebuild(self, vendor: str) -> list[str]:
        """The statements that recount the tally from its source table, set-based."""
        row = "s"
        columns = ", ".join(["key", *(k.column for k in self.keys), "n"])
        values = ", ".join([self._key_text(vendor, row), *self._values(vendor, row)])
        groups = ", ".join(str(i) for i in range(1, len(self.keys) + 2))
        return [f"DELETE FROM {self.table}",
                f"INSERT INTO {self.table} ({columns}) SELECT {values}, count(*) "
                f"FROM {self.source} {row} GROUP BY {groups}",
                f"ANALYZE {self.table}"]  # the planner's statistics, for a fresh table


def execute(statements: list[str], connection) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(tally: Tally, schema_editor) -> None:
    """Migration step: create the triggers and count what is there already."""
    vendor = schema_editor.connection.vendor
    execute([*tally.install(vendor), *tally.rebuild(vendor)], schema_editor.connection)


def uninstall(tally: Tally, schema_editor) -> None:
    execute(tally.uninstall(schema_editor.connection.vendor), schema_editor.connection)


def rebuild(tally: Tally, connection) -> None:
    """Recount a tally from scratch (after a bulk load that bypassed the triggers)."""
    execute(tally.rebuild(connection.vendor), connection)


def reinstall_on_sqlite(tally: Tally) -> Callable[[object, object], None]:
    """A migration step for a migration that makes SQLite rebuild the counted table (adding
    a NOT NULL column, say), which drops the table's triggers: put them back and recount.
    PostgreSQL alters the table in place and keeps its triggers, so it does nothing there.
    Run it both before (on the way back) and after the operations that rebuild."""
    def reinstall(apps: object, schema_editor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            uninstall(tally, schema_editor)
            install(tally, schema_editor)
    return reinstall
