"""`manage.py seed_demo`: the demo council `make run` starts with, one sign-in per role,
and a second run that adds nothing and keeps what was entered in between."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from demo import steps
from demo.council_data import DEMO_PASSWORD, SIGN_IN_NAMES
from protocol.council.models.people import OFFICER_POSTS
from protocol.council.rules.enums import Seniority
from protocol.council.selectors import holder_of, roles_of
from protocol.models import (
    Committee,
    Directorate,
    PoliticalGroup,
    Post,
    PostKind,
    ProtocolProfile,
    Service,
    User,
    Ward,
)
from tests.seeding import seeded_once

pytestmark = pytest.mark.django_db

SIGN_INS = ["councillor", "leader", "group_leader", "standards_member", "officer",
            "head_of_service", "director", "chief_executive", "monitoring_officer", "cfo",
            "hr", "admin"]


@contextmanager
def council_alone() -> Iterator[None]:
    """The council alone: the steps after it (demo.steps: the enquiries, complaints and
    registers) are tested with them (tests/casework/test_demo.py and the like)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "AFTER_COUNCIL", ())
        yield


@pytest.fixture(autouse=True)
def council_only() -> Iterator[None]:
    with council_alone():
        yield


def seed(**options: str) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def signs_in(client, username: str, password: str) -> bool:
    # django-axes' backend needs a request to authenticate, so hand the test client one.
    return client.login(request=RequestFactory().post("/login/"), username=username,
                        password=password)


def user(username: str) -> User:
    return User.objects.get(username=username)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in (User, Post, Ward, PoliticalGroup, Committee, Directorate, Service)}


def seed_from_the_migrated_profiles() -> str:
    # The profiles come from the data migration (0002_seed_profiles), not from this test.
    assert ProtocolProfile.objects.filter(slug="westminster").exists()
    return seed()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo council seeded once for the tests that only read it (tests.seeding)."""
    with council_alone(), seeded_once(
            django_db_blocker, seed_from_the_migrated_profiles) as output:
        yield output


@pytest.fixture
def seeded() -> str:
    """The demo council seeded for one test that changes it (signing in writes)."""
    return seed_from_the_migrated_profiles()


@pytest.mark.embedded  # the council `make run` starts with, seeded on SQLite
class TestWhatTheDemoCouncilHolds:
    """Read only: the council one run of `seed_demo` adds."""



    def test_the_council_has_councillors_in_wards_and_three_groups(self, demo):
        seats = Post.objects.current().filter(kind=PostKind.COUNCILLOR)
        assert seats.values("holder").distinct().count() >= 40
        assert seats.values("ward").distinct().count() >= 10
        assert Ward.objects.count() == seats.values("ward").distinct().count()  # no empty ward
        assert PoliticalGroup.objects.count() == 3
        assert seats.filter(political_group__isnull=True).count() == 2  # the independents
        for group in PoliticalGroup.objects.all():
            assert seats.filter(political_group=group).count() >= 5, group

    def test_the_council_has_officers_in_services_across_directorates(self, demo):
        officers = Post.objects.current().filter(kind__in=OFFICER_POSTS)
        assert officers.values("holder").distinct().count() >= 100
        assert Service.objects.count() >= 20
        assert Directorate.objects.count() >= 4
        # No one is both a councillor and an officer.
        councillors = Post.objects.current().filter(kind=PostKind.COUNCILLOR).values("holder")
        assert not officers.filter(holder__in=councillors).exists()

    def test_every_kind_of_post_has_a_current_holder(self, demo):
        held = set(Post.objects.current().values_list("kind", flat=True))
        assert set(PostKind.values) - held == set()

    def test_every_service_has_a_head_and_every_directorate_a_director(self, demo):
        current = Post.objects.current()
        headed = set(current.filter(kind=PostKind.HEAD_OF_SERVICE).values_list("service",
                                                                                flat=True))
        directed = set(current.filter(kind=PostKind.DIRECTOR).values_list("directorate",
                                                                          flat=True))
        assert headed == set(Service.objects.values_list("pk", flat=True))
        assert directed == set(Directorate.objects.values_list("pk", flat=True))
        for service in Service.objects.all():
            staff = current.filter(kind=PostKind.OFFICER, service=service).count()
            assert 3 <= staff <= 5, service

    def test_the_standards_committee_and_the_mayor_are_there(self, demo):
        standards = Committee.objects.get(is_standards=True)
        posts = Post.objects.current().filter(committee=standards)
        assert posts.filter(kind=PostKind.COMMITTEE_CHAIR).count() == 1
        assert posts.filter(kind=PostKind.COMMITTEE_VICE_CHAIR).count() == 1
        assert posts.filter(kind=PostKind.COMMITTEE_MEMBER).count() >= 3
        assert Post.objects.current().filter(kind=PostKind.CABINET_MEMBER).count() == 6
        assert holder_of(PostKind.CIVIC_HEAD) is not None

    def test_the_councillor_sign_ins_have_their_roles(self, demo):
        councillor, leader = roles_of(user("councillor")), roles_of(user("leader"))
        group_leader = roles_of(user("group_leader"))
        standards = roles_of(user("standards_member"))
        assert councillor.kinds == {"councillor"} and not councillor.is_officer
        assert len(councillor.ward_ids) == 1 and not councillor.led_group_ids
        assert leader.is_leader and leader.is_councillor
        assert leader.led_group_ids == leader.political_group_ids  # leads the majority group
        # An opposition group leader, whose group the ordinary councillor belongs to.
        assert group_leader.led_group_ids == group_leader.political_group_ids
        assert group_leader.led_group_ids.isdisjoint(leader.political_group_ids)
        assert councillor.political_group_ids == group_leader.led_group_ids
        standards_committee = Committee.objects.get(is_standards=True)
        assert standards.is_councillor and standards_committee.pk in standards.committee_ids

    def test_the_officer_sign_ins_have_their_roles(self, demo):
        officer, head = roles_of(user("officer")), roles_of(user("head_of_service"))
        director = roles_of(user("director"))
        assert officer.kinds == {"officer"} and officer.seniority is Seniority.STAFF
        assert len(officer.service_ids) == 1
        assert head.headed_service_ids == officer.service_ids
        assert head.seniority is Seniority.HEAD_OF_SERVICE
        assert director.has("director") and director.directed_directorate_ids
        assert director.directed_directorate_ids == officer.directorate_ids
        assert roles_of(user("chief_executive")).is_chief_executive
        assert roles_of(user("chief_executive")).seniority is Seniority.CHIEF_EXECUTIVE
        monitoring_officer = roles_of(user("monitoring_officer"))
        assert monitoring_officer.is_monitoring_officer and monitoring_officer.has("director")
        assert roles_of(user("cfo")).has("chief_finance_officer")
        assert roles_of(user("hr")).has("hr")
        hr_posts = Post.objects.current().filter(kind=PostKind.HR)
        assert hr_posts.values("holder").distinct().count() == 2
        for kind, username in [(PostKind.LEADER, "leader"),
                               (PostKind.CHIEF_EXECUTIVE, "chief_executive"),
                               (PostKind.MONITORING_OFFICER, "monitoring_officer"),
                               (PostKind.CHIEF_FINANCE_OFFICER, "cfo")]:
            assert holder_of(kind) == user(username), kind

    def test_the_output_shows_a_newcomer_the_sign_ins_and_counts(self, demo):
        assert DEMO_PASSWORD in demo
        assert "54 councillors in 18 wards, 3 political groups" in demo
        for username in SIGN_INS:
            person = user(username)
            line = next(line for line in demo.splitlines() if line.split()[:1] == [username])
            assert person.get_full_name() in line, username


def test_each_sign_in_exists_and_signs_in_with_the_demo_password(seeded, client):
    assert sorted(SIGN_IN_NAMES) == sorted(SIGN_INS)
    for username in SIGN_INS:
        person = user(username)
        assert person.first_name and person.last_name, username
        assert person.email == f"{username}@council.example"
        assert signs_in(client, username, DEMO_PASSWORD), username
        client.logout()
    assert not signs_in(client, "officer", "not-the-demo-password")
    admin = user("admin")
    assert admin.is_staff and admin.is_superuser
    assert not roles_of(admin).kinds


def test_it_activates_westminster_when_no_profile_is_active():
    ProtocolProfile.objects.update(is_active=False)
    seed()
    assert ProtocolProfile.objects.get(is_active=True).slug == "westminster"


def test_it_keeps_another_active_profile_as_it_is():
    ProtocolProfile.objects.update(is_active=False)
    harrow = ProtocolProfile.objects.get(slug="harrow")
    harrow.is_active = True
    harrow.save()
    seed()
    assert list(ProtocolProfile.objects.filter(is_active=True)) == [harrow]


def test_without_an_active_profile_or_westminster_it_says_what_to_do():
    ProtocolProfile.objects.update(is_active=False)
    ProtocolProfile.objects.filter(slug="westminster").delete()
    with pytest.raises(CommandError, match="activate one in the admin"):
        seed()
    assert not ProtocolProfile.objects.filter(is_active=True).exists()


def test_without_profiles_it_asks_for_migrate_and_creates_nothing():
    ProtocolProfile.objects.all().delete()
    with pytest.raises(CommandError, match="migrate"):
        seed()
    assert not User.objects.exists() and not Ward.objects.exists()


def test_a_second_run_adds_nothing_and_keeps_what_was_entered(seeded, client):
    councillor = user("councillor")
    councillor.last_name = "Whitfield-Jones"
    councillor.save()
    # The council elects a new Leader: the old Leader's post ends, another councillor's starts.
    yesterday = timezone.localdate() - timedelta(days=1)
    Post.objects.filter(kind=PostKind.LEADER).update(ends_on=yesterday)
    new_leader = Post.objects.filter(kind=PostKind.CABINET_MEMBER).first().holder
    Post.objects.create(holder=new_leader, kind=PostKind.LEADER)
    # An administrator deletes the Head of Service's post and appoints the officer instead.
    head = Post.objects.get(holder__username="head_of_service", kind=PostKind.HEAD_OF_SERVICE)
    head.delete()
    Post.objects.create(holder=user("officer"), kind=PostKind.HEAD_OF_SERVICE,
                        service=head.service)
    hr = user("hr")
    hr.set_password("hr-changed-their-password")
    hr.save()
    before = counts()

    out = seed()

    assert counts() == before
    assert user("councillor").last_name == "Whitfield-Jones"
    assert holder_of(PostKind.LEADER) == new_leader
    assert holder_of(PostKind.HEAD_OF_SERVICE, service=head.service) == user("officer")
    assert signs_in(client, "hr", "hr-changed-their-password")
    assert "nothing added" in out


def test_a_second_run_restores_a_deleted_sign_in():
    seed()
    before = counts()
    user("officer").delete()
    seed()
    assert counts() == before
    assert roles_of(user("officer")).kinds == {"officer"}


def test_the_password_comes_from_the_option_or_the_environment(client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "from-the-environment-2026")
    out = seed()
    assert "from-the-environment-2026" in out
    assert signs_in(client, "director", "from-the-environment-2026")
    User.objects.all().delete()
    seed(password="given-on-the-command-line")
    assert signs_in(client, "director", "given-on-the-command-line")


def test_seeding_is_a_few_dozen_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(50):
        seed()
