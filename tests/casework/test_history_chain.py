"""An enquiry's timeline carries a hash chain (protocol.machinery.history; issue 5: "carry a hash
chain that a management command verifies"): built by every service that records an event,
and `manage.py verify_history` finds an edited, missing or unsealed event."""
from __future__ import annotations

import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from casework.models import EnquiryEvent, EventKind
from casework.services import (
    enquiry_accept,
    enquiry_message,
    enquiry_note,
    enquiry_respond,
)
from casework.services.common import record
from protocol.machinery.history import (
    UnsealedEvent,
    encode,
    keys,
    link,
    reseal,
    sealed_insert,
    verify,
)
from protocol.machinery.history.heads import write as write_heads
from tests.tamper import tamper

pytestmark = pytest.mark.django_db
TABLE = "casework_enquiryevent"


def verify_history() -> tuple[int, str]:
    """Run the command: (exit code, what it wrote)."""
    out = StringIO()
    try:
        call_command("verify_history", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


@pytest.fixture
def busy(council, log):
    """An enquiry with a full timeline (a letter, unicode, a system event) and a second one."""
    enquiry = log(subject="Bins at Café Row ½, «soon»")
    enquiry_accept(enquiry=enquiry, actor=council.director)
    enquiry_message(enquiry=enquiry, actor=council.director, body="Looking into it.\r\nA.")
    enquiry_note(enquiry=enquiry, actor=council.councillor, summary="Résident rang: ½ past?")
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    return enquiry, log(subject="Another")


def events(enquiry) -> list[EnquiryEvent]:
    return list(EnquiryEvent.objects.filter(enquiry=enquiry).order_by("pk"))


def test_every_event_links_to_the_one_before_on_its_enquiry(busy):
    enquiry, other = busy
    timeline = events(enquiry)
    assert len(timeline) == 6
    assert {e.correspondence_id is not None for e in timeline} == {True, False}
    prev = ""
    for event in timeline:
        content = encode(getattr(event, f) for f in EnquiryEvent.chain.fields)
        assert (event.prev_hash, event.hash) == (prev, link(prev, content))
        prev = event.hash
    assert events(other)[0].prev_hash == ""
    assert verify(EnquiryEvent).breaks == []
    code, out = verify_history()
    assert code == 0
    assert "casework.EnquiryEvent: 8 events on 2 enquiry chains, 0 broken." in out
    assert "Every chain is intact." in out


def test_an_event_written_without_the_chain_is_refused(busy):
    enquiry, _ = busy
    with pytest.raises(UnsealedEvent, match=r"protocol\.machinery\.history\.append"):
        EnquiryEvent.objects.create(enquiry=enquiry, at=enquiry.received_at,
                                    kind=EventKind.NOTE, summary="Slipped in.")
    assert len(events(enquiry)) == 6


def test_an_edited_event_is_found_by_the_command(busy):
    enquiry, other = busy
    edited = events(enquiry)[3]
    assert tamper(TABLE, f"UPDATE {TABLE} SET summary = %s WHERE id = %s",
                  "Nothing was said.", edited.pk) == 1
    code, out = verify_history()
    assert code == 1
    assert (f"enquiry {enquiry.pk}: event {edited.pk} no longer matches its hash: it was "
            "changed after it was written.") in out
    assert "1 broken chain or seal:" in out
    assert f"enquiry {other.pk}:" not in out


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(busy):
    enquiry, _ = busy
    timeline = events(enquiry)
    edited = timeline[2]
    edited.actor_id = None
    forged = link(edited.prev_hash, encode(getattr(edited, f) for f in EnquiryEvent.chain.fields))
    tamper(TABLE, f"UPDATE {TABLE} SET actor_id = NULL, hash = %s WHERE id = %s", forged,
           edited.pk)
    (found,) = verify(EnquiryEvent).breaks
    assert (found.case, found.event) == (enquiry.pk, timeline[3].pk)
    assert "an event between them is missing, or they were reordered" in found.problem


def test_a_deleted_middle_event_is_found_by_the_command(busy):
    enquiry, _ = busy
    timeline = events(enquiry)
    assert tamper(TABLE, f"DELETE FROM {TABLE} WHERE id = %s", timeline[2].pk) == 1
    code, out = verify_history()
    assert code == 1
    assert f"enquiry {enquiry.pk}: event {timeline[3].pk} does not link to the event " in out


def test_a_row_inserted_behind_the_applications_back_is_found(busy):
    enquiry, _ = busy
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (enquiry_id, at, kind, from_state, to_state, "
                       "summary) VALUES (%s, %s, 'note', '', '', 'Inserted.')",
                       [enquiry.pk, enquiry.received_at])
    (found,) = verify(EnquiryEvent).breaks
    assert found.event == events(enquiry)[-1].pk
    assert found.problem.startswith("was never sealed")


def test_reseal_links_rows_written_before_the_chain_or_in_bulk(busy):
    """The migration's backfill and the bench's bulk load: on PostgreSQL in SQL, which must
    hash exactly as Python does (unicode, CRLF, NULLs, microseconds)."""
    _, other = busy
    sealed = {e.pk: (e.prev_hash, e.hash) for e in EnquiryEvent.objects.all()}
    tamper(TABLE, f"UPDATE {TABLE} SET prev_hash = '', hash = ''")
    assert len(verify(EnquiryEvent).breaks) == 2
    with transaction.atomic():
        assert reseal(EnquiryEvent, EnquiryEvent.chain, after=other.pk) == 0
        assert reseal(EnquiryEvent, EnquiryEvent.chain) == len(sealed)
    assert {e.pk: (e.prev_hash, e.hash) for e in EnquiryEvent.objects.all()} == sealed
    assert reseal(EnquiryEvent, EnquiryEvent.chain) == 0


@pytest.mark.postgres
def test_a_bulk_insert_is_sealed_as_it_goes_in_in_its_own_order(busy):
    """The bench's loads: INSERT ... SELECT rewritten to hash-chain the rows in SQL."""
    enquiry, other = busy
    tamper(TABLE, f"DELETE FROM {TABLE} WHERE enquiry_id = %s", other.pk)
    statement = f"""
        INSERT INTO {TABLE} (enquiry_id, at, actor_id, kind, from_state, to_state, summary)
        SELECT %(other)s, at, actor_id, kind, from_state, to_state, summary
        FROM {TABLE} WHERE enquiry_id = %(enquiry)s ORDER BY id DESC"""
    with connection.cursor() as cursor:
        cursor.execute(sealed_insert(EnquiryEvent, statement),
                       {"other": other.pk, "enquiry": enquiry.pk, **keys.pads()})
    assert [b.case for b in verify(EnquiryEvent).breaks] == [other.pk]  # its head: below
    assert write_heads(EnquiryEvent, EnquiryEvent.chain, cases=[other.pk]) == 1
    copied = events(other)
    assert [e.summary for e in copied] == [e.summary for e in reversed(events(enquiry))]
    assert [e.prev_hash for e in copied] == ["", *(e.hash for e in copied[:-1])]
    assert verify(EnquiryEvent).breaks == []


def test_a_bulk_insert_into_another_table_is_refused():
    with pytest.raises(ValueError, match=r"not an INSERT \.\.\. SELECT into casework_enquiryevent"):
        sealed_insert(EnquiryEvent, "INSERT INTO casework_enquiry (id) SELECT 1")


@pytest.mark.postgres
def test_postgres_refuses_the_edit_unless_its_trigger_is_disabled(busy):
    enquiry, _ = busy
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET summary = 'x' WHERE enquiry_id = %s", [enquiry.pk])
    assert verify(EnquiryEvent).breaks == []


def _wait_until_a_writer_waits_for_a_lock(bound: float = 30.0) -> bool:
    deadline = time.monotonic() + bound
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                           "current_database() AND wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_writers_on_one_enquiry_take_turns_and_the_chain_stays_whole(council, log):
    """The second writer waits for the first's lock on the enquiry, then links to its event;
    without the lock both would link to the same predecessor (a fork)."""
    enquiry = log()
    first_written, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def write(summary: str, hold: bool) -> None:
        try:
            if not hold:
                first_written.wait(30)
            with transaction.atomic():
                record(enquiry, actor=None, kind=EventKind.NOTE, summary=summary)
                if hold:
                    first_written.set()
                    release.wait(30)
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=("First.", True)),
               threading.Thread(target=write, args=("Second.", False))]
    for thread in threads:
        thread.start()
    try:
        first_written.wait(30)
        waited = _wait_until_a_writer_waits_for_a_lock()
    finally:
        release.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors
    assert waited, "the second writer did not wait for the enquiry's lock"
    first, second = events(enquiry)[-2:]
    assert (first.summary, second.summary) == ("First.", "Second.")
    assert second.prev_hash == first.hash
    assert verify(EnquiryEvent).breaks == []


def test_the_key_migration_reseals_chains_sealed_before_the_key(busy):
    """Histories written before the key were plain SHA-256; casework 0007 re-seals them."""
    import hashlib
    from importlib import import_module

    from django.apps import apps

    enquiry, _ = busy
    prev = ""
    for event in events(enquiry):
        content = encode(getattr(event, f) for f in EnquiryEvent.chain.fields)
        digest = hashlib.sha256(prev.encode() + b"\n" + content).hexdigest()
        tamper(TABLE, f"UPDATE {TABLE} SET prev_hash = %s, hash = %s WHERE id = %s",
               prev, digest, event.pk)
        prev = digest
    assert [b.case for b in verify(EnquiryEvent).breaks] == [enquiry.pk]
    migration = import_module("casework.migrations.0008_reseal_history_with_key")
    with transaction.atomic():
        migration.reseal_with_key(apps, connection.schema_editor())
    assert verify(EnquiryEvent).breaks == []


def test_a_letter_edited_in_the_database_is_found_by_the_command(busy):
    """What a person wrote lives on the case's own rows: the letter's body is sealed too."""
    enquiry, other = busy
    letter = enquiry.correspondence.order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE casework_correspondence SET body = %s WHERE id = %s",
                       ["We never said that.", letter.pk])
    code, out = verify_history()
    assert code == 1
    assert f"correspondence {letter.pk} no longer matches its seal" in out
    assert f"correspondence {other.pk}" not in out


def test_two_letters_bodies_swapped_in_the_database_are_found(busy):
    enquiry, _ = busy
    first, second = enquiry.correspondence.order_by("pk")[:2]
    with connection.cursor() as cursor:
        for letter, body in ((first, second.body), (second, first.body)):
            cursor.execute("UPDATE casework_correspondence SET body = %s WHERE id = %s",
                           [body, letter.pk])
    code, out = verify_history()
    assert code == 1
    assert f"correspondence {first.pk} no longer matches its seal" in out
    assert f"correspondence {second.pk} no longer matches its seal" in out


def test_an_enquirys_details_edited_in_the_database_are_found(busy):
    enquiry, _ = busy
    with connection.cursor() as cursor:
        cursor.execute("UPDATE casework_enquiry SET details = 'Other.' WHERE id = %s",
                       [enquiry.pk])
    code, out = verify_history()
    assert code == 1
    assert f"enquiry {enquiry.pk} no longer matches its seal" in out






def test_after_a_key_rotation_reseal_history_seals_everything_with_the_new_key(busy, settings):
    settings.CASEWORK_HISTORY_KEY, old = "new-key-" * 5, keys.current().decode()
    assert verify_history()[0] == 1  # the new key alone accepts nothing sealed before
    settings.CASEWORK_HISTORY_OLD_KEYS = [old]
    assert verify_history()[0] == 0
    call_command("reseal_history", stdout=StringIO())
    settings.CASEWORK_HISTORY_OLD_KEYS = []
    assert verify_history()[0] == 0


def test_reseal_history_refuses_to_launder_a_change(busy):
    enquiry, _ = busy
    tamper(TABLE, f"UPDATE {TABLE} SET summary = 'Laundered.' WHERE id = %s",
           events(enquiry)[1].pk)
    with pytest.raises(CommandError, match="broken"):
        call_command("reseal_history", stdout=StringIO())
    assert verify_history()[0] == 1
