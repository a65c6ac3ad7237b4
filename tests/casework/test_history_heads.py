"""A truncated tail shows (protocol.machinery.history.heads): each enquiry's head, moved by every
append, names its newest event, so deleting the newest events, or the whole history, or
rolling the head back with them, is found by `manage.py verify_history`."""
from __future__ import annotations

import pytest
from django.db import connection, transaction

from casework.models import EnquiryEvent
from protocol.machinery.history import verify
from tests.casework.test_history_chain import TABLE, busy, events, verify_history
from tests.tamper import tamper

pytestmark = pytest.mark.django_db
__all__ = ["busy"]  # the fixture, shared with the chain's own tests


def test_a_deleted_last_event_is_found_by_the_command(busy):
    """A truncated tail leaves a shorter chain that links perfectly: the case's sealed head,
    written with each append, still names the event that was the newest."""
    enquiry, other = busy
    newest = events(enquiry)[-1]
    assert tamper(TABLE, f"DELETE FROM {TABLE} WHERE id = %s", newest.pk) == 1
    code, out = verify_history()
    assert code == 1
    assert (f"enquiry {enquiry.pk}: event {newest.pk} is missing: the newest events were "
            "deleted") in out
    assert f"enquiry {other.pk}:" not in out


def test_a_whole_deleted_history_is_found(busy):
    _, other = busy
    tamper(TABLE, f"DELETE FROM {TABLE} WHERE enquiry_id = %s", other.pk)
    code, out = verify_history()
    assert code == 1
    assert f"enquiry {other.pk}: event " in out
    assert "is missing: the newest events were deleted" in out


def test_a_head_rolled_back_with_the_tail_is_found(busy):
    """Deleting the newest event and pointing the head at the one before: the head's seal
    is keyed, so it cannot be rewritten to match."""
    from protocol.models import HistoryHead

    enquiry, _ = busy
    before, newest = events(enquiry)[-2:]
    tamper(TABLE, f"DELETE FROM {TABLE} WHERE id = %s", newest.pk)
    HistoryHead.objects.filter(history="casework.enquiryevent", case=enquiry.pk).update(
        event=before.pk, hash=before.hash)
    code, out = verify_history()
    assert code == 1
    assert f"enquiry {enquiry.pk}: event {before.pk} is named by a head that was changed" in out


def test_the_heads_migration_sets_each_history_head_where_its_chain_ends(busy):
    from importlib import import_module

    from django.apps import apps

    from protocol.models import HistoryHead

    enquiry, _ = busy
    HistoryHead.objects.all().delete()
    assert {(b.case, b.problem.split(":")[0]) for b in verify(EnquiryEvent).breaks} == {
        (case.pk, "is the newest event of a history with no head") for case in busy}
    migration = import_module("casework.migrations.0010_history_heads")
    with transaction.atomic():
        migration.write_heads(apps, connection.schema_editor())
    assert verify(EnquiryEvent).breaks == []
    assert HistoryHead.objects.get(case=enquiry.pk).event == events(enquiry)[-1].pk
