"""The registers' timelines carry the same hash chain as case histories (protocol.machinery.history;
issue 5 "History and timelines ... carry a hash chain that a management command
verifies"): every service's entry links to the one before on its register entry, and
`manage.py verify_history` names an entry changed, removed or never sealed."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from protocol.machinery.history import UnsealedEvent, encode, link, reseal, verify
from registers import services
from registers.models import (
    GroupRequestEvent,
    InformationRequestEvent,
    RelationshipEvent,
)
from tests.registers.conftest import refuse
from tests.tamper import tamper

pytestmark = pytest.mark.django_db
TABLE = "registers_grouprequestevent"


@pytest.fixture
def timelines(council, agreed, ask_group, ask_info):
    """Two group requests (one agreed: two entries), and a refused information request."""
    first = agreed()
    second = ask_group(subject="Housing options")
    info = refuse(ask_info(), council.head_of_service)
    return first, second, info


def entries(model, **on) -> list:
    return list(model.objects.filter(**on).order_by("pk"))


def test_every_entry_links_to_the_one_before_on_its_register_entry(timelines):
    first, second, info = timelines
    for model, chains in ((GroupRequestEvent, [{"request": first}, {"request": second}]),
                          (InformationRequestEvent, [{"request": info}])):
        for on in chains:
            prev = ""
            for entry in entries(model, **on):
                content = encode(getattr(entry, f) for f in model.chain.fields)
                assert (entry.prev_hash, entry.hash) == (prev, link(prev, content))
                prev = entry.hash
    assert len(entries(GroupRequestEvent, request=first)) >= 2
    result = verify(GroupRequestEvent)
    assert (result.cases, result.breaks) == (2, [])
    assert result.events == GroupRequestEvent.objects.count()


def test_an_entry_written_without_the_chain_is_refused(timelines):
    first, _, _ = timelines
    with pytest.raises(UnsealedEvent):
        GroupRequestEvent.objects.create(request=first, at=first.submitted_at, action="slipped in")


def test_an_edited_entry_is_found_by_the_command(timelines):
    first, second, _ = timelines
    decision = entries(GroupRequestEvent, request=first)[1]
    tamper(TABLE, f"UPDATE {TABLE} SET summary = 'Declined.' WHERE id = %s", decision.pk)
    out = StringIO()
    with pytest.raises(CommandError, match="1 broken chain"):
        call_command("verify_history", stdout=out)
    assert (f"group request {first.pk}: event {decision.pk} no longer matches its hash"
            in out.getvalue()), out.getvalue()
    assert f"group request {second.pk}:" not in out.getvalue()
    assert "registers.RelationshipEvent" in out.getvalue()


def test_a_removed_entry_is_found(timelines):
    first, _, _ = timelines
    opening = entries(GroupRequestEvent, request=first)[0]
    tamper(TABLE, f"DELETE FROM {TABLE} WHERE id = %s", opening.pk)
    (found,) = verify(GroupRequestEvent).breaks
    assert found.case == first.pk and "links back to an earlier event" in found.problem


def test_the_backfill_seals_entries_written_before_the_chain(timelines):
    sealed = {e.pk: (e.prev_hash, e.hash) for e in GroupRequestEvent.objects.all()}
    tamper(TABLE, f"UPDATE {TABLE} SET prev_hash = '', hash = ''")
    assert len(verify(GroupRequestEvent).breaks) == 2
    with transaction.atomic():
        assert reseal(GroupRequestEvent, GroupRequestEvent.chain) == len(sealed)
    assert {e.pk: (e.prev_hash, e.hash) for e in GroupRequestEvent.objects.all()} == sealed


def test_a_relationship_timeline_is_chained_too(council):
    relationship = services.relationship_declare(
        actor=council.councillor, other=council.officer, nature="family",
        description="My cousin.")
    (entry,) = entries(RelationshipEvent, relationship=relationship)
    assert entry.prev_hash == "" and entry.hash
    assert verify(RelationshipEvent).breaks == []


def test_a_ward_notice_is_sealed_before_it_goes_in_and_an_edit_is_found(council):
    """Ward notices are append-only on PostgreSQL, so no UPDATE may seal them afterwards:
    their seal names them by reference, known before the INSERT."""
    from django.utils import timezone

    from protocol.machinery.history import unsealed
    from registers.models import WardNotice

    notice = services.ward_notice_record(actor=council.officer, entered=services.NewNotice(
        kind="consultation", title="Parking", details="Six weeks.", wards=[council.north],
        starts_on=timezone.localdate()))
    assert list(unsealed(WardNotice)) == []
    tamper("registers_wardnotice",
           "UPDATE registers_wardnotice SET details = 'Two weeks.' WHERE id = %s", notice.pk)
    out = StringIO()
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_history", stdout=out)
    assert f"ward notice {notice.pk} no longer matches its seal" in out.getvalue()


def test_the_committee_a_request_is_for_is_sealed(council, ask_info):
    """Its committee presumes the need to know (registers.rules.need_presumed)."""
    from registers.models import InformationRequest
    from tests.tamper import changed_in_sql_is_reported

    request = ask_info()
    assert changed_in_sql_is_reported(InformationRequest, request.pk,
                                      committee=council.standards)
