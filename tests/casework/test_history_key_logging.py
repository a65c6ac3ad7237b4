"""The history key never goes to PostgreSQL where its logs could keep it (ADR 0010):
retention's re-seals (a few cases, by the app's role) are computed in Python and only the
seals are sent; the whole-table SQL paths (migrations, `reseal_history`, bench loads) turn
statement logging off for their own transaction where the role may."""
from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.utils import timezone

from casework.models import Enquiry, EnquiryEvent
from casework.retention import erase_enquiries
from casework.services import enquiry_accept, enquiry_respond
from protocol.machinery.history import keys, reseal, seal_rows, verify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def sent():
    """Every parameter each statement sends, as a flat list, for the length of the test."""
    found: list[object] = []

    def record(execute, sql, params, many, context):
        values = params.values() if isinstance(params, dict) else (params or ())
        found.extend(values)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield found


def test_retention_sends_seals_not_the_key(council, log, sent):
    enquiry = log()
    enquiry_accept(enquiry=enquiry, actor=council.director)
    enquiry_respond(enquiry=enquiry, actor=council.director, body="Collected.")
    sent.clear()
    with transaction.atomic():
        assert erase_enquiries([enquiry.pk], timezone.now()) == 1
    pads = list(keys.pads().values())
    assert sent and not [value for value in sent if any(value == pad for pad in pads)]
    assert verify(EnquiryEvent).breaks == []


def test_a_whole_table_reseal_turns_statement_logging_off_for_itself(council, log):
    log()
    with transaction.atomic():
        with connection.cursor() as cursor:  # as a server with statement logging on
            cursor.execute("SET LOCAL log_statement = 'all'")
            cursor.execute("SET LOCAL log_min_duration_statement = 0")
        reseal(EnquiryEvent, EnquiryEvent.chain)
        seal_rows(Enquiry)
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('log_statement'), "
                           "current_setting('log_min_duration_statement')")
            assert cursor.fetchone() == ("none", "-1")
