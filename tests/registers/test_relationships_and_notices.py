"""The relationship register (001 §10) and ward notices (000 §4.3, 004 'Ward Members and
Officers')."""
from datetime import timedelta

import pytest
from django.utils import timezone

from protocol.models import Notification
from registers import selectors, services
from registers.errors import NotAllowed, RegisterError
from registers.models import AppendOnlyError, RelationshipState, WardNotice
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_either_person_declares_and_the_other_and_the_mo_are_told(council):
    relationship = services.relationship_declare(actor=council.officer,
                                                 other=council.councillor, nature="friendship")
    assert (relationship.councillor, relationship.officer) == (council.councillor,
                                                                council.officer)
    for person in (council.councillor, council.monitoring_officer):
        assert Notification.objects.filter(recipient=person).count() == 1
    assert not Notification.objects.filter(recipient=council.officer).exists()


@pytest.mark.parametrize(("actor", "other", "message"), [
    ("councillor", "other_councillor", "choose an officer"),
    ("officer", "head_of_service", "choose a councillor"),
    ("councillor", "councillor", "the other person"),
])
def test_the_register_is_of_councillors_and_officers(council, actor, other, message):
    with pytest.raises(RegisterError, match=message):
        services.relationship_declare(actor=getattr(council, actor),
                                      other=getattr(council, other), nature="family")


def test_a_pair_is_declared_once_while_current(council):
    services.relationship_declare(actor=council.councillor, other=council.officer,
                                  nature="family")
    with pytest.raises(RegisterError, match="already declared"):
        services.relationship_declare(actor=council.officer, other=council.councillor,
                                      nature="partner")


def test_ending_it_keeps_the_entry_and_ends_the_conflict(council):
    relationship = services.relationship_declare(actor=council.councillor,
                                                 other=council.officer, nature="family")
    assert selectors.conflicted_with([council.councillor]) == {council.officer.pk}
    assert selectors.conflicted_with([council.officer]) == {council.councillor.pk}
    with pytest.raises(NotAllowed):
        services.relationship_end(relationship=relationship, actor=council.chief_executive,
                                  reason="Moved away")
    services.relationship_end(relationship=relationship, actor=council.monitoring_officer,
                              reason="The officer has left the council's employment.")
    relationship.refresh_from_db()
    assert relationship.state == RelationshipState.ENDED
    assert selectors.conflicted_with([council.councillor]) == frozenset()
    # Declared again later: a new entry, the old one kept.
    services.relationship_declare(actor=council.councillor, other=council.officer,
                                  nature="friendship")
    assert council.councillor.relationships_as_councillor.count() == 2


def test_each_sees_their_own_and_the_mo_all(council):
    services.relationship_declare(actor=council.councillor, other=council.officer,
                                  nature="family")
    services.relationship_declare(actor=council.leader, other=council.director,
                                  nature="business")
    assert selectors.relationships_visible(council.councillor).count() == 1
    assert selectors.relationships_visible(council.director).count() == 1
    assert selectors.relationships_visible(council.monitoring_officer).count() == 2
    assert selectors.relationships_visible(council.chief_executive).count() == 0


def notice(council, actor=None, **fields):
    entered = {"kind": "consultation", "title": "Parking zone consultation",
               "details": "A six-week consultation on a controlled parking zone.",
               "wards": [council.north], "starts_on": timezone.localdate() + timedelta(days=7),
               **fields}
    return services.ward_notice_record(actor=actor or council.officer,
                                       entered=services.NewNotice(**entered))


def test_every_member_for_the_wards_is_told_at_the_outset_and_it_is_logged(council):
    no_email = UserFactory(username="no_email", email="")
    PostFactory(holder=no_email, kind="councillor", ward=council.north)
    recorded = notice(council)
    members = {d.councillor.username: d.emailed for d in recorded.deliveries.all()}
    # North's members: the councillor, the Blue group leader, and one without email.
    assert members == {"councillor": True, "group_leader": True, "no_email": False}
    assert not recorded.late
    assert Notification.objects.filter(recipient=council.other_councillor).count() == 0
    assert Notification.objects.get(recipient=council.councillor).subject == \
        f"{recorded.reference}: Parking zone consultation (North)"


def test_a_notice_for_two_wards_reaches_both(council):
    recorded = notice(council, wards=[council.north, council.south])
    assert recorded.deliveries.count() == 4


def test_a_notice_after_the_outset_is_marked_late(council):
    assert notice(council, starts_on=timezone.localdate() - timedelta(days=2)).late


def test_bad_notices_change_nothing(council):
    with pytest.raises(NotAllowed):
        notice(council, actor=council.councillor)
    with pytest.raises(RegisterError, match="ward"):
        notice(council, wards=[])
    with pytest.raises(RegisterError, match="end date"):
        notice(council, ends_on=timezone.localdate())
    assert not WardNotice.objects.exists()


def test_the_log_cannot_be_changed(council):
    delivery = notice(council).deliveries.first()
    with pytest.raises(AppendOnlyError):
        delivery.save()


def test_who_sees_which_notices(council):
    plain = notice(council)
    sensitive = notice(council, sensitive=True, kind="operational",
                       title="Eviction planned", wards=[council.south])
    assert set(selectors.notices_visible(council.councillor)) == {plain}
    assert set(selectors.notices_visible(council.other_councillor)) == {sensitive}
    assert set(selectors.notices_visible(council.head_of_service)) == {plain}
    assert set(selectors.notices_visible(council.officer)) == {plain, sensitive}  # recorded
    assert set(selectors.notices_visible(council.chief_executive)) == {plain, sensitive}
