"""One source of truth for who sees an enquiry (docs/decisions/0013): the enquiry page
(selectors.enquiry_for, rules.can_view over the enquiry's facts and its EnquiryAccess rows)
and the id-set query (selectors.visible_to) give the same answer for every kind of reader,
those given access (a councillor copied in, an officer it was with before) included; and
every list a person is shown (their queues, their own and their ward's enquiries) holds
only enquiries their page opens."""
from __future__ import annotations

import pytest
from django.http import Http404

from casework.filters import Filters
from casework.models import Enquiry, EnquiryAccess, Visibility
from casework.selectors import (
    councillor_enquiries,
    enquiry_for,
    officer_queue,
    queue_scopes,
    visible_to,
)
from casework.services import enquiry_message, enquiry_reassign
from protocol.council.selectors import roles_of
from protocol.machinery.access import AccessReason
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db
READERS = ["councillor", "other_councillor", "leader", "group_leader", "officer",
           "head_of_service", "director", "other_director", "chief_executive",
           "monitoring_officer", "hr", "ward_colleague", "highways_officer"]


def opens(person, enquiry: Enquiry) -> bool:
    try:
        enquiry_for(person, enquiry.reference)
    except Http404:
        return False
    return True


@pytest.fixture
def readers(council):
    """The council's people, a second member for the North ward (Red) and a Highways
    officer."""
    council.ward_colleague = UserFactory(username="ward_colleague")
    PostFactory(holder=council.ward_colleague, kind="councillor", ward=council.north,
                political_group=council.red)
    council.highways_officer = UserFactory(username="highways_officer")
    PostFactory(holder=council.highways_officer, kind="officer", service=council.highways)
    return council


@pytest.fixture
def enquiries(readers, log, with_officer) -> dict[str, Enquiry]:
    c = readers
    copied = log()
    enquiry_message(enquiry=copied, actor=c.director, body="Update.", cc=[c.other_councillor])
    moved = with_officer()
    enquiry_reassign(enquiry=moved, actor=c.director, officer=c.highways_officer,
                     service=c.highways, reason="A highways verge.")
    return {"private": log(), "ward": log(visibility=Visibility.WARD),
            "group_ward": log(visibility=Visibility.GROUP_WARD),
            "confidential": log(confidential=True), "copied": copied, "moved": moved,
            "by_the_leader": log(councillor=c.leader, ward=c.south)}


@pytest.mark.parametrize("name", READERS)
def test_the_list_and_the_enquiry_page_agree_for_every_reader(readers, enquiries, name):
    reader = getattr(readers, name)
    listed = set(visible_to(reader).values_list("reference", flat=True))
    opened = {e.reference for e in Enquiry.objects.all() if opens(reader, e)}
    assert listed == opened
    assert visible_to(reader).count() == len(opened)


@pytest.mark.parametrize("name", READERS)
def test_every_list_a_reader_is_shown_holds_only_what_their_page_opens(readers, enquiries,
                                                                       name):
    reader = getattr(readers, name)
    every = Filters(state="")
    shown = set()
    for scope, _ in queue_scopes(roles_of(reader)):
        shown |= set(officer_queue(reader, scope, every).values_list("reference", flat=True))
    for shared in (False, True):
        shown |= set(councillor_enquiries(reader, every, shared=shared)
                     .values_list("reference", flat=True))
    opened = {e.reference for e in Enquiry.objects.all() if opens(reader, e)}
    assert shown <= opened
    assert shown <= set(visible_to(reader).values_list("reference", flat=True))


def test_those_given_access_see_the_enquiry_in_both(readers, enquiries):
    c = readers
    copied, moved = enquiries["copied"], enquiries["moved"]
    assert set(EnquiryAccess.objects.values_list("case", "person", "reason")) == {
        (copied.pk, c.other_councillor.pk, AccessReason.COPIED),
        (moved.pk, c.officer.pk, AccessReason.EARLIER_OFFICER)}
    assert set(visible_to(c.other_councillor)) == {copied}
    assert opens(c.other_councillor, copied) and not opens(c.other_councillor,
                                                           enquiries["private"])
    assert moved in set(visible_to(c.officer)) and opens(c.officer, moved)
