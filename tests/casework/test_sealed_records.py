"""What people wrote on a case is sealed on its own rows (protocol.machinery.history.records): every
save through the application renews the seal; the backfill and retention re-seal set-based,
which on PostgreSQL is SQL that must seal exactly as Python does (dates, booleans, NULLs,
file names, unicode)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.models import Attachment, Correspondence, Enquiry
from casework.services import enquiry_accept, enquiry_hold
from casework.services.attachments import enquiry_attach
from protocol.machinery.history import seal_rows, sealed_models, unsealed
from tests.tamper import changed_in_sql_is_reported

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(council, log):
    enquiry = log(subject="Café Row ½", constituent_address="1 Rue «Ici»\r\nLondon")
    enquiry_accept(enquiry=enquiry, actor=council.director)
    enquiry_hold(enquiry=enquiry, actor=council.director, body="Soon.", reasons="Waiting.",
                 revised_due_on=timezone.localdate() + timedelta(days=9))
    enquiry_attach(enquiry=enquiry, actor=council.councillor,
                   files=[SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n",
                                             content_type="image/png")])
    return enquiry


def test_rows_written_through_the_application_are_sealed(written):
    for model in (Enquiry, Correspondence, Attachment):
        assert model.objects.exists()
        assert list(unsealed(model)) == []


def test_the_set_based_seal_is_the_one_each_save_makes(written):
    """seal_rows (SQL on PostgreSQL) recomputes exactly the seals the saves wrote."""
    for model in (Enquiry, Correspondence, Attachment):
        saved = dict(model.objects.values_list("pk", "record_seal"))
        model.objects.update(record_seal="")
        assert {pk for pk, _ in unsealed(model)} == set(saved)
        assert seal_rows(model) == len(saved)
        assert dict(model.objects.values_list("pk", "record_seal")) == saved
        assert seal_rows(model) == 0


def test_a_save_that_leaves_what_people_wrote_alone_keeps_the_seal(written):
    written.refresh_from_db()
    sealed = written.record_seal
    written.save(update_fields=["current_due_on"])
    written.refresh_from_db()
    assert written.record_seal == sealed
    written.legal_hold_reason = "Litigation."
    written.save(update_fields=["legal_hold_reason"])
    written.refresh_from_db()
    assert written.record_seal != sealed
    assert list(unsealed(Enquiry)) == []


def test_every_case_model_with_person_written_text_is_sealed():
    labels = {m._meta.label for m in sealed_models()}
    assert labels >= {"casework.Enquiry", "casework.Correspondence", "casework.Attachment",
                      "complaints.Complaint", "registers.GroupRequest",
                      "registers.GroupFollowUp", "registers.InformationRequest",
                      "registers.Relationship", "registers.WardNotice"}



@pytest.mark.parametrize("field", ["visibility", "ward", "service"])
def test_what_decides_who_sees_or_handles_an_enquiry_is_sealed(council, log, field):
    """Who sees it (visibility, ward) and who handles it (service) cannot be changed in the
    database unseen. Not `raised_by_group`: deleting a group sets it NULL without a save."""
    enquiry = log()
    change = {"visibility": "ward", "ward": council.south, "service": council.highways}[field]
    assert changed_in_sql_is_reported(Enquiry, enquiry.pk, **{field: change})
