"""Roles follow from posts (issue: 'Roles are derived from posts, not typed in twice')."""
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from protocol.council.rules.enums import Seniority
from protocol.council.rules.roles import PostFacts, summarise
from protocol.council.selectors import holder_of, roles_of
from protocol.models import Post, PostKind
from tests.factories import PostFactory, ServiceFactory, UserFactory


def test_summary_of_no_posts_is_nobody():
    roles = summarise([])
    assert not roles.is_councillor and not roles.is_officer and roles.seniority is None


def test_the_highest_grade_counts_and_statutory_roles_add_to_it():
    roles = summarise([
        PostFacts("director", Seniority.DIRECTOR, directorate_id=7),
        PostFacts("monitoring_officer"),
    ])
    assert roles.seniority is Seniority.DIRECTOR
    assert roles.is_monitoring_officer and roles.is_officer
    assert roles.directed_directorate_ids == {7}


def test_a_councillor_post_gives_ward_and_group():
    roles = summarise([
        PostFacts("councillor", ward_id=3, political_group_id=4),
        PostFacts("group_leader", political_group_id=4),
    ])
    assert roles.is_councillor and not roles.is_officer
    assert roles.ward_ids == {3} and roles.political_group_ids == {4}
    assert roles.led_group_ids == {4}


@pytest.mark.django_db
def test_roles_of_reads_current_posts_in_one_query(council, django_assert_num_queries):
    with django_assert_num_queries(1):
        roles = roles_of(council.head_of_service)
        roles_of(council.head_of_service)  # cached on the user
    assert roles.headed_service_ids == {council.waste.pk}
    assert roles.directorate_ids == {council.place.pk}
    assert roles.seniority is Seniority.HEAD_OF_SERVICE


@pytest.mark.django_db
def test_an_ended_post_gives_no_role(council):
    Post.objects.filter(holder=council.monitoring_officer, kind=PostKind.MONITORING_OFFICER
                        ).update(ends_on=timezone.localdate() - timezone.timedelta(days=1))
    council.monitoring_officer.refresh_from_db()
    assert not roles_of(council.monitoring_officer).is_monitoring_officer
    assert holder_of(PostKind.MONITORING_OFFICER) is None


@pytest.mark.django_db
def test_a_deactivated_user_has_no_roles(council):
    council.director.is_active = False
    assert roles_of(council.director).seniority is None


@pytest.mark.django_db
def test_holder_of_finds_the_statutory_officer(council):
    assert holder_of(PostKind.MONITORING_OFFICER) == council.monitoring_officer
    assert holder_of(PostKind.DIRECTOR, directorate=council.place) == council.director


@pytest.mark.django_db
@pytest.mark.parametrize("kind, extra", [
    (PostKind.MONITORING_OFFICER, {}),
    (PostKind.HEAD_OF_SERVICE, {"service": "waste"}),
    (PostKind.DIRECTOR, {"directorate": "place"}),
])
def test_one_person_at_a_time_holds_a_single_post(council, kind, extra):
    values = {name: getattr(council, attr) for name, attr in extra.items()}
    with pytest.raises(IntegrityError), transaction.atomic():
        PostFactory(holder=UserFactory(), kind=kind, **values)


@pytest.mark.django_db
def test_a_head_of_service_post_needs_a_service():
    with pytest.raises(IntegrityError), transaction.atomic():
        PostFactory(kind=PostKind.HEAD_OF_SERVICE)
    PostFactory(kind=PostKind.HEAD_OF_SERVICE, service=ServiceFactory())
