"""Changing a history behind the application's back, as someone with database access
could: on PostgreSQL the append-only trigger is disabled for the one statement, inside a
transaction (ALTER TABLE is transactional, so nothing else ever sees it off). ALTER TABLE
refuses while foreign-key checks are pending, so the deferred ones run first."""
from __future__ import annotations

from django.db import connection, transaction

TRIGGERS = {"casework_enquiryevent": "casework_enquiryevent_no_update",
            "complaints_complaintevent": "complaints_event_no_update",
            **{table: f"{table}_no_update" for table in (
                "registers_grouprequestevent", "registers_informationrequestevent",
                "registers_relationshipevent", "registers_wardnotice")}}


def tamper(table: str, sql: str, *params: object) -> int:
    """Run one UPDATE or DELETE on a history table; returns the rows it touched."""
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGERS[table]}")
        cursor.execute(sql, params)
        touched = cursor.rowcount
        if postgres:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGERS[table]}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return touched


def changed_in_sql_is_reported(model, pk: object, **change: object) -> bool:
    """Whether `manage.py verify_history` names `model`'s row after `change` is made to it
    in SQL (an UPDATE, no save, so no new seal)."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    model._base_manager.filter(pk=pk).update(**change)
    out = StringIO()
    try:
        call_command("verify_history", stdout=out)
    except CommandError as error:
        return model._meta.label_lower in (out.getvalue() + str(error)).lower()
    return False
