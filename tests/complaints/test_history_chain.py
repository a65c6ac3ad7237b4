"""A complaint's history carries a hash chain (protocol.machinery.history; issue 5), built by every
service that records a step; `manage.py verify_history` finds an edited or deleted step."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from complaints.models import ComplaintEvent, Outcome
from complaints.services import complaint_escalate, complaint_give_outcome
from protocol.machinery.history import encode, link, verify
from tests.tamper import tamper

pytestmark = pytest.mark.django_db
TABLE = "complaints_complaintevent"


@pytest.fixture
def escalated(council, raise_case):
    complaint = raise_case()
    complaint_give_outcome(complaint=complaint, actor=council.director,
                           outcome=Outcome.NOT_UPHELD, reasons="No fault found.")
    complaint_escalate(complaint=complaint, actor=council.councillor,
                       reason="The outcome missed what I raised: «the shouting», ½ of it.")
    return complaint, raise_case(summary="Another")


def history(complaint) -> list[ComplaintEvent]:
    return list(ComplaintEvent.objects.filter(complaint=complaint).order_by("pk"))


def test_every_step_links_to_the_one_before_on_its_case(escalated):
    complaint, other = escalated
    steps, prev = history(complaint), ""
    assert [s.stage_position for s in steps] == [1, 1, 2]
    for step in steps:
        content = encode(getattr(step, f) for f in ComplaintEvent.chain.fields)
        assert (step.prev_hash, step.hash) == (prev, link(prev, content))
        prev = step.hash
    assert history(other)[0].prev_hash == ""
    result = verify(ComplaintEvent)
    assert (result.events, result.cases, result.breaks) == (4, 2, [])


def test_an_edited_step_is_found_by_the_command(escalated):
    complaint, other = escalated
    outcome = history(complaint)[1]
    tamper(TABLE, f"UPDATE {TABLE} SET reason = 'Upheld.' WHERE id = %s", outcome.pk)
    out = StringIO()
    with pytest.raises(CommandError, match="1 broken chain") as failed:
        call_command("verify_history", stdout=out)
    assert failed.value.returncode == 1
    assert f"complaint {complaint.pk}: event {outcome.pk} no longer matches its hash" in (
        out.getvalue())
    assert f"complaint {other.pk}:" not in out.getvalue()


def test_a_deleted_step_is_found(escalated):
    complaint, _ = escalated
    _, outcome, escalation = history(complaint)
    tamper(TABLE, f"DELETE FROM {TABLE} WHERE id = %s", outcome.pk)
    (found,) = verify(ComplaintEvent).breaks
    assert (found.case, found.event) == (complaint.pk, escalation.pk)
    assert "an event between them is missing" in found.problem


@pytest.mark.parametrize("column", ["outcome_reasons", "outcome", "details"])
def test_an_outcome_edited_in_the_database_is_found_by_the_command(escalated, column):
    """The outcome and its reasons live on the complaint's row: sealed there."""
    from django.db import connection

    complaint, other = escalated
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE complaints_complaint SET {column} = 'upheld' WHERE id = %s",
                       [complaint.pk])
    out = StringIO()
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_history", stdout=out)
    assert f"complaint {complaint.pk} no longer matches its seal" in out.getvalue()
    assert f"complaint {other.pk} " not in out.getvalue()


def test_an_outcome_given_through_the_application_stays_sealed(escalated):
    out = StringIO()
    call_command("verify_history", stdout=out)
    assert "complaints.Complaint: 2 rows sealed, 0 changed." in out.getvalue()


def test_a_deleted_last_step_is_found(escalated):
    complaint, _ = escalated
    newest = history(complaint)[-1]
    tamper(TABLE, f"DELETE FROM {TABLE} WHERE id = %s", newest.pk)
    out = StringIO()
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_history", stdout=out)
    assert (f"complaint {complaint.pk}: event {newest.pk} is missing: the newest events were "
            "deleted") in out.getvalue()


@pytest.mark.parametrize("field", ["kind", "subject_service"])
def test_what_decides_who_handles_a_complaint_is_sealed(council, raise_case, field):
    """Its kind picks the ladder and its subject service the handlers (complaints.services)."""
    from complaints.models import Complaint
    from tests.tamper import changed_in_sql_is_reported

    complaint = raise_case(subject_service=council.waste)
    change = {"kind": "councillor_conduct", "subject_service": council.highways}[field]
    assert changed_in_sql_is_reported(Complaint, complaint.pk, **{field: change})
