"""On PostgreSQL the database itself refuses to change the registers' timelines and the ward
notice log (migration 0002), whatever the code does."""
import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from registers import services
from registers.models import GroupRequestEvent, WardNoticeDelivery

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_a_timeline_row_cannot_be_updated_or_deleted_in_the_database(council, ask_group):
    event = ask_group().events.get()
    for change in (lambda: GroupRequestEvent.objects.filter(pk=event.pk).update(summary="x"),
                   lambda: GroupRequestEvent.objects.filter(pk=event.pk).delete()):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    assert GroupRequestEvent.objects.get(pk=event.pk).summary == event.summary


def test_the_notice_log_cannot_be_rewritten_in_the_database(council):
    services.ward_notice_record(actor=council.officer, entered=services.NewNotice(
        kind="consultation", title="Parking", details="Six weeks.", wards=[council.north],
        starts_on=timezone.localdate()))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        WardNoticeDelivery.objects.update(emailed=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM registers_wardnoticedelivery WHERE emailed")
        assert cursor.fetchone()[0] == 2
