"""The application's own PostgreSQL role (protocol.machinery.db_roles; docs/decisions/0010): it owns
nothing and is no superuser; on a history it may only SELECT and INSERT, so neither an
UPDATE, a DELETE, a TRUNCATE, disabling the trigger nor `SET LOCAL casework.allow_erase`
gets it past the append-only rule; retention still erases and re-seals, through the
owner's functions. The role is made in the test database, and the test connects as it."""
from __future__ import annotations

from contextlib import contextmanager
from io import StringIO

import psycopg
import pytest
from django.db import connection, transaction
from django.utils import timezone

from casework.models import Correspondence, Enquiry, EnquiryEvent
from casework.retention import erase_enquiries
from casework.services import enquiry_accept, enquiry_respond
from protocol.machinery import db_roles
from protocol.machinery.history import unsealed, verify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
TABLE = "casework_enquiryevent"


@pytest.fixture
def app_role():
    """The role `db_roles.grant` makes, dropped again afterwards (roles are per cluster)."""
    role = f"app_{connection.settings_dict['NAME']}"[:60]
    db_roles.grant(connection, role)
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


@contextmanager
def as_role(role: str):
    config = connection.settings_dict
    with psycopg.connect(host=config["HOST"] or None, port=config["PORT"] or None,
                         dbname=config["NAME"], user=role) as conn:
        yield conn


def refused(conn, statement: str, *params) -> bool:
    """Whether PostgreSQL refuses `statement` for lack of privilege (rolled back)."""
    try:
        with conn.transaction():
            conn.execute(statement, params)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


@pytest.fixture
def answered(council, log):
    enquiry = log()
    enquiry_accept(enquiry=enquiry, actor=council.director)
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected on Monday.")
    return enquiry


def test_the_app_role_owns_nothing_and_is_no_superuser(app_role):
    with as_role(app_role) as conn:
        assert conn.execute("SELECT rolsuper, rolcreaterole, rolbypassrls FROM pg_roles "
                            "WHERE rolname = current_user").fetchone() == (False, False, False)
        assert conn.execute("SELECT count(*) FROM pg_class c JOIN pg_roles r "
                            "ON r.oid = c.relowner WHERE r.rolname = current_user"
                            ).fetchone() == (0,)


def test_the_app_role_may_read_and_append_to_a_history_and_nothing_more(app_role, answered):
    first = EnquiryEvent.objects.filter(enquiry=answered).order_by("pk").first()
    before = EnquiryEvent.objects.count()
    with as_role(app_role) as conn:
        assert conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == before
        with conn.transaction():
            conn.execute(f"INSERT INTO {TABLE} (enquiry_id, at, kind, from_state, to_state, "
                         "summary, prev_hash, hash) VALUES (%s, now(), 'note', '', '', "
                         "'Appended.', '', '')", [answered.pk])
        for statement in (f"UPDATE {TABLE} SET summary = 'Rewritten.' WHERE id = %s",
                          f"DELETE FROM {TABLE} WHERE id = %s"):
            assert refused(conn, statement, first.pk)
        assert refused(conn, f"TRUNCATE {TABLE} CASCADE")
        assert refused(conn, f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        assert refused(conn, "DELETE FROM protocol_historyhead")
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("SET LOCAL casework.allow_erase = 'on'")
            conn.execute(f"DELETE FROM {TABLE} WHERE id = %s", [first.pk])
    assert EnquiryEvent.objects.count() == before + 1


ERASE = "SELECT history_erase(%s::regclass, %s::bigint[], %s::text[])"


def anonymising(enquiry: Enquiry, **also) -> None:
    """What retention does to the case's own row before it erases the history."""
    Enquiry.objects.filter(pk=enquiry.pk).update(anonymised_at=timezone.now(), **also)


def test_the_erase_function_only_marks_text_erased(app_role, answered):
    events = EnquiryEvent.objects.filter(enquiry=answered).count()
    anonymising(answered)
    with as_role(app_role) as conn:
        assert refused(conn, ERASE, TABLE, [answered.pk], ["hash"])
        assert refused(conn, ERASE, TABLE, [answered.pk], ["enquiry_id"])
        assert refused(conn, ERASE, "casework_enquiry", [answered.pk], ["details"])
        with conn.transaction():
            changed = conn.execute(ERASE, [TABLE, [answered.pk], ["summary"]]).fetchone()[0]
    assert changed == events
    assert set(EnquiryEvent.objects.filter(enquiry=answered)
               .values_list("summary", flat=True)) == {"[anonymised]"}


def test_the_erase_function_refuses_a_live_or_held_case(app_role, answered, log):
    """The app's role cannot wipe the history of a case retention is not anonymising."""
    held = log()
    anonymising(held, legal_hold=True)
    with as_role(app_role) as conn:
        assert refused(conn, ERASE, TABLE, [answered.pk], ["summary"])
        assert refused(conn, ERASE, TABLE, [held.pk], ["summary"])
        assert refused(conn, ERASE, TABLE, [999_999], ["summary"])
    assert "[anonymised]" not in set(EnquiryEvent.objects.values_list("summary", flat=True))


@pytest.fixture
def told(council):
    from registers import services

    return services.ward_notice_record(actor=council.officer, entered=services.NewNotice(
        kind="consultation", title="Parking", details="Six weeks.", wards=[council.north],
        starts_on=timezone.localdate()))


def test_the_app_role_cannot_rewrite_ward_notices_or_their_log(app_role, told):
    with as_role(app_role) as conn:
        for table in ("registers_wardnotice", "registers_wardnoticedelivery"):
            for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}",
                              f"TRUNCATE {table} CASCADE"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                    conn.execute("SET LOCAL casework.allow_erase = 'on'")
                    conn.execute(statement)
    assert told.deliveries.count() == 2


def test_retention_still_anonymises_ward_notices_as_the_app_role(app_role, told):
    from registers.models import WardNotice
    from registers.retention import _erase_notices

    with django_as(app_role):
        with transaction.atomic():
            assert _erase_notices([told.pk], timezone.now()) == 1
        assert WardNotice.objects.values_list("title", "details").get(pk=told.pk) == (
            "[anonymised]", "[anonymised]")
        assert list(unsealed(WardNotice)) == []
    assert told.deliveries.count() == 2


@contextmanager
def django_as(role: str):
    """The application's own connection, as `role`, for the length of the block."""
    connection.close()
    owner = connection.settings_dict["USER"]
    connection.settings_dict["USER"] = role
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["USER"] = owner


def test_the_application_works_as_its_role_and_retention_still_erases(app_role, council, log):
    with django_as(app_role):
        enquiry = log()
        enquiry_accept(enquiry=enquiry, actor=council.director)
        enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
        with transaction.atomic():
            assert erase_enquiries([enquiry.pk], timezone.now()) == 1
        assert set(Correspondence.objects.filter(enquiry=enquiry)
                   .values_list("body", flat=True)) == {"[anonymised]"}
        assert verify(EnquiryEvent).breaks == []
        assert list(unsealed(Enquiry)) == list(unsealed(Correspondence)) == []
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == app_role


def drop(role: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


def test_migrate_grants_the_role_named_by_database_app_url(settings):
    """docker-compose.yml's migrate service: DATABASE_URL is the owner, DATABASE_APP_URL
    the application's role, made (or updated) after the migrations."""
    from protocol.apps import grant_app_role

    role = f"migrated_{connection.settings_dict['NAME']}"[:60]
    settings.DATABASE_APP_URL = f"postgres://{role}:not-a-real-password@db:5432/casework"
    try:
        grant_app_role(sender=None, using="default")
        with as_role(role) as conn:
            assert conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone() == (0,)
            assert refused(conn, f"DELETE FROM {TABLE}")
    finally:
        drop(role)


def test_the_command_grants_a_named_role_and_never_the_owner():
    from django.core.management import CommandError, call_command

    role = f"named_{connection.settings_dict['NAME']}"[:60]
    try:
        out = StringIO()
        call_command("db_roles", role=role, stdout=out)
        assert f"The application's role {role} may use the database" in out.getvalue()
        with as_role(role) as conn:
            assert refused(conn, f"TRUNCATE {TABLE} CASCADE")
    finally:
        drop(role)
    with pytest.raises(ValueError, match="must not be the role that owns the tables"):
        db_roles.grant(connection, connection.settings_dict["USER"])
    with pytest.raises(CommandError, match="DATABASE_APP_URL"):
        call_command("db_roles")
