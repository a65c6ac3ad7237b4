"""The upgrade from django-guardian's grants (casework 0013, complaints 0010,
docs/decisions/0013): every grant the case's own facts do not cover becomes a row of access
given, so nobody loses sight of a case; those the facts cover (the officer it is with, the
councillor who raised it, the complainant, the handlers) add nothing."""
from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from casework.models import EnquiryAccess
from casework.selectors import enquiry_for
from casework.services import NewEnquiry, enquiry_log, enquiry_message
from complaints.models import ComplaintAccess
from complaints.selectors import complaint_for
from complaints.services import NewComplaint, complaint_raise
from protocol.machinery.access import AccessReason

pytestmark = pytest.mark.django_db(transaction=True)  # the old table is made and dropped
BEFORE = {"casework": ("0013_event_states_as_wide_as_the_registers",
                       "EnquiryUserObjectPermission", "0014_access_given_replaces_guardian"),
          "complaints": ("0010_event_states_as_wide_as_the_registers",
                         "ComplaintUserObjectPermission", "0011_access_given_replaces_guardian")}


class Upgrading:
    """The registry as the migration's RunPython sees it: the old grants' model beside
    today's models."""

    def __init__(self, old) -> None:
        self.old = old

    def get_model(self, app_label: str, name: str):
        return self.old if name == self.old.__name__ else apps.get_model(app_label, name)


@pytest.fixture
def old_grants(request) -> Iterator:
    """`old_grants(app)`: the app's guardian grants model as it was, its table back."""
    made = []

    def make(app_label: str):
        before, name, _ = BEFORE[app_label]
        state = MigrationExecutor(connection).loader.project_state((app_label, before))
        model = state.apps.get_model(app_label, name)
        with connection.schema_editor() as editor:
            editor.create_model(model)
        made.append(model)
        return model

    yield make
    with connection.schema_editor() as editor:
        for model in made:
            editor.delete_model(model)


def upgrade(app_label: str, old) -> None:
    migration = import_module(f"{app_label}.migrations.{BEFORE[app_label][2]}")
    migration.carry_over_grants(Upgrading(old), None)


def grant(old, user, case, codename: str) -> None:
    permission = Permission.objects.get(codename=codename)
    old.objects.create(user_id=user.pk, permission_id=permission.pk, content_object_id=case.pk)


def test_an_enquirys_grants_become_access_given(council, old_grants):
    old = old_grants("casework")
    enquiry = enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins", details="Three weeks.", ward=council.north,
        service=council.waste))
    enquiry_message(enquiry=enquiry, actor=council.director, body="Update.",
                    cc=[council.other_councillor])
    EnquiryAccess.objects.all().delete()  # as it was: the grants alone said so
    for person in (council.director, council.other_councillor, council.head_of_service,
                   council.hr):
        grant(old, person, enquiry, "view_enquiry")

    upgrade("casework", old)
    upgrade("casework", old)  # once only

    assert set(EnquiryAccess.objects.values_list("person", "reason")) == {
        (council.other_councillor.pk, AccessReason.COPIED),
        (council.head_of_service.pk, AccessReason.CARRIED_OVER),
        (council.hr.pk, AccessReason.CARRIED_OVER)}
    for person in (council.director, council.other_councillor, council.hr):
        assert enquiry_for(person, enquiry.reference) == enquiry


def test_a_complaints_grants_become_access_given(council, old_grants):
    old = old_grants("complaints")
    complaint = complaint_raise(complainant=council.councillor, entered=NewComplaint(
        kind="officer_conduct", summary="Rude", details="Shouted.",
        subject_person=council.officer))
    for person in (council.councillor, complaint.handler, council.hr):
        grant(old, person, complaint, "view_complaint")

    upgrade("complaints", old)

    assert set(ComplaintAccess.objects.values_list("person", "reason")) == {
        (council.hr.pk, AccessReason.CARRIED_OVER)}
    assert complaint_for(council.hr, complaint.reference) == complaint
