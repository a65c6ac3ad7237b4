"""A subject access export follows the case pages' visibility (complaints.selectors): a case
about the person that they are not yet to know of is left out whole, as an investigation
would be prejudiced (DPA 2018 Sch. 2 para. 2, crime and taxation; para. 7, functions
designed to protect the public), and whether the export even says that something was
withheld is the profile's choice (ProtocolProfile.subject_access_says_withheld)."""
from __future__ import annotations

import json

import pytest

from protocol.machinery.subject_access import Subject, build_export
from protocol.models import ComplaintKind, ProtocolProfile

pytestmark = pytest.mark.django_db
FRAUD, GRIEVANCE = ComplaintKind.FRAUD, ComplaintKind.COUNCILLOR_CONDUCT


def _export_of(user) -> tuple[dict, str]:
    export = build_export(Subject(user_id=user.pk))
    return export.data, json.dumps(export.data, ensure_ascii=False)


def _complaints(data: dict) -> set[str]:
    [part] = [s for s in data["sections"] if s["key"] == "complaints"]
    return {r["reference"] for r in part["records"]}


def _says_withheld(profile_says: bool) -> None:
    ProtocolProfile.objects.filter(is_active=True).update(
        subject_access_says_withheld=profile_says)


def test_a_fraud_concern_about_the_monitoring_officer_is_not_in_their_export(
        governance, raise_case):
    # 003 §31.3(3): the person a fraud concern is about is never told by this system.
    c = governance
    concern = raise_case(FRAUD, about=c.monitoring_officer, money_involved=True,
                         summary="Expenses claimed twice", details="Receipts duplicated.")
    _says_withheld(False)
    data, text = _export_of(c.monitoring_officer)

    assert concern.reference not in _complaints(data)
    for value in (concern.reference, "Expenses claimed twice", "Receipts duplicated."):
        assert value not in text, value
    # Not even that something was withheld: the profile says not to.
    assert data["withheld"] == [] and data["notes_for_the_monitoring_officer"] == []


def test_the_profile_may_have_the_export_say_that_a_record_was_withheld(
        governance, raise_case):
    c = governance
    concern = raise_case(FRAUD, about=c.monitoring_officer, summary="Expenses claimed twice")
    _says_withheld(True)
    data, text = _export_of(c.monitoring_officer)

    [withheld] = data["withheld"]
    assert "investigation" in withheld["why"]
    assert withheld["records"] == []
    assert concern.reference not in text and "Expenses claimed twice" not in text


def test_a_grievance_not_yet_told_is_withheld_and_released_once_told(council, activate,
                                                                    raise_case):
    # Harrow: the Director's stage does not tell the councillor; the Monitoring Officer's
    # does (its ladder's subject_told), as on the case pages.
    from complaints.services import complaint_refer_on

    activate("harrow")
    grievance = raise_case(GRIEVANCE, summary="Shouted at the officer")
    _says_withheld(True)
    data, text = _export_of(council.councillor)
    assert grievance.reference not in _complaints(data)
    assert "Shouted at the officer" not in text and len(data["withheld"]) == 1

    complaint_refer_on(complaint=grievance, actor=council.director, reason="For the MO.")
    data, text = _export_of(council.councillor)
    assert grievance.reference in _complaints(data) and data["withheld"] == []


def test_the_complainant_and_handlers_keep_the_case_in_their_exports(governance,
                                                                   raise_case):
    c = governance
    concern = raise_case(FRAUD, about=c.monitoring_officer, by=c.councillor)
    assert concern.reference in _complaints(_export_of(c.councillor)[0])
    assert concern.reference in _complaints(_export_of(c.chief_executive)[0])
