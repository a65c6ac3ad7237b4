"""Shared fixtures: a small council with one named user per role (STYLE.md §6), and the
rules for tests that need PostgreSQL, Redis or a browser.

Tests marked `postgres` or `redis` run when DATABASE_URL and REDIS_URL name the services
(`make test` then runs the whole suite on them); on the embedded default they are
deselected. With CASEWORK_SERVICES=1, or in CI (tests.ci.in_ci), a missing service fails
those tests instead.

Under pytest-xdist (`make test` runs `-n 2 --dist loadgroup`) the browser tests keep to one
worker, and the tests that start processes of their own (PROCESS_FIXTURES, PROCESS_TESTS)
to one, so no two browsers, nor two sets of Celery workers and servers, run at once, and
the live server starts once per group; no test needs to say so itself.

Hypothesis: the `ci` profile in CI (fewer examples, derandomized, no deadline), `deep` for
`make test-deep`, and otherwise the default, with the counts each test asks for.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from protocol.council.seed_profiles import install_profiles
from protocol.models import EscalationStage, PostKind, ProtocolProfile
from tests.ci import in_ci
from tests.closure_days import tomorrow  # noqa: F401  (a fixture the closure-day tests share)
from tests.factories import (
    CommitteeFactory,
    DirectorateFactory,
    PoliticalGroupFactory,
    PostFactory,
    ServiceFactory,
    UserFactory,
    WardFactory,
)

SERVICES_REQUIRED = os.environ.get("CASEWORK_SERVICES") == "1" or in_ci()
HERE = Path(__file__).resolve().parent
# Tests that start servers, workers or other processes of their own: any test that asks
# for one of these fixtures, and these modules. Not whole folders: a plain database test
# in the group would take it, transactional tests and their flush with it, to a worker
# before the plain tests that read the migrations' data (pytest-django runs those first).
PROCESS_FIXTURES = {"live_server", "processes", "private_redis"}
PROCESS_TESTS = [HERE / "config" / "test_deploy_check.py"]

# Hypothesis: max_examples is the scale tests.integrity.conftest.small() applies to the
# count each test asks for (100: as asked).
hypothesis_settings.register_profile("default", max_examples=100)
hypothesis_settings.register_profile(
    "ci", max_examples=50, derandomize=True, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile("deep", max_examples=300, deadline=None,
                                     print_blob=True)
hypothesis_settings.load_profile("ci" if in_ci() else "default")  # --hypothesis-profile wins


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _xdist_group(item: pytest.Item) -> str | None:
    if item.get_closest_marker("browser") or item.path.is_relative_to(HERE / "browser"):
        return "browser"
    fixtures = set(getattr(item, "fixturenames", ()))
    if (any(item.path.is_relative_to(path) for path in PROCESS_TESTS)
            or fixtures & PROCESS_FIXTURES):
        return "processes"
    return None


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        group = _xdist_group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    if SERVICES_REQUIRED:
        return
    keep, dropped = [], []
    for item in items:
        needs_pg = item.get_closest_marker("postgres") and not _uses_postgres()
        needs_redis = item.get_closest_marker("redis") and not os.environ.get("REDIS_URL")
        (dropped if needs_pg or needs_redis else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
        config._casework_deselected = len(dropped)  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    dropped = getattr(config, "_casework_deselected", 0)
    if dropped:
        terminalreporter.write_line(
            f"{dropped} tests need PostgreSQL or Redis: set DATABASE_URL and REDIS_URL "
            "(or run `make test-services`) to run them.")


@pytest.fixture(autouse=True)
def _require_services(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") and not _uses_postgres():
        pytest.fail("this test needs PostgreSQL: set DATABASE_URL=postgres://...")
    if request.node.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        pytest.fail("this test needs Redis: set REDIS_URL=redis://...")


@pytest.fixture
def council(db) -> SimpleNamespace:
    """A small council: two directorates, three services, two wards, two groups, and one
    person in each role, named for it. The seed profiles come from a migration; a
    transactional test that ran before may have flushed them, so they are put back."""
    if not ProtocolProfile.objects.exists():
        install_profiles(ProtocolProfile, EscalationStage)
    place = DirectorateFactory(name="Place")
    people = DirectorateFactory(name="People")
    waste = ServiceFactory(name="Waste and Recycling", directorate=place)
    highways = ServiceFactory(name="Highways", directorate=place)
    housing = ServiceFactory(name="Housing", directorate=people)
    north, south = WardFactory(name="North"), WardFactory(name="South")
    red, blue = PoliticalGroupFactory(name="Red Group"), PoliticalGroupFactory(name="Blue Group")
    standards = CommitteeFactory(name="Standards Committee", is_standards=True)

    def person(username: str, *posts: dict) -> object:
        user = UserFactory(username=username)
        for post in posts:
            PostFactory(holder=user, **post)
        return user

    c = SimpleNamespace(place=place, people=people, waste=waste, highways=highways,
                        housing=housing, north=north, south=south, red=red, blue=blue,
                        standards=standards)
    c.councillor = person("councillor", {"kind": PostKind.COUNCILLOR, "ward": north,
                                         "political_group": red})
    c.other_councillor = person("other_councillor", {"kind": PostKind.COUNCILLOR,
                                                     "ward": south, "political_group": blue})
    c.leader = person("leader", {"kind": PostKind.COUNCILLOR, "ward": south,
                                 "political_group": red}, {"kind": PostKind.LEADER})
    c.group_leader = person("group_leader", {"kind": PostKind.COUNCILLOR, "ward": north,
                                             "political_group": blue},
                            {"kind": PostKind.GROUP_LEADER, "political_group": blue},
                            {"kind": PostKind.COMMITTEE_MEMBER, "committee": standards})
    c.officer = person("officer", {"kind": PostKind.OFFICER, "service": waste})
    c.head_of_service = person("head_of_service",
                               {"kind": PostKind.HEAD_OF_SERVICE, "service": waste})
    c.director = person("director", {"kind": PostKind.DIRECTOR, "directorate": place})
    c.other_director = person("other_director",
                              {"kind": PostKind.DIRECTOR, "directorate": people})
    c.chief_executive = person("chief_executive", {"kind": PostKind.CHIEF_EXECUTIVE})
    c.monitoring_officer = person(
        "monitoring_officer",
        {"kind": PostKind.DIRECTOR, "directorate": DirectorateFactory(name="Governance")},
        {"kind": PostKind.MONITORING_OFFICER})
    c.hr = person("hr", {"kind": PostKind.HR})
    return c


@pytest.fixture(autouse=True)
def _fresh_throttles(settings) -> None:
    """Each test counts its own requests (protocol/machinery/throttle.py): counts from one test must
    not hold up the next. A fresh key prefix rather than emptying the cache, which on Redis
    is the Celery broker's database too."""
    settings.CASEWORK_THROTTLE_PREFIX = f"throttle-test-{uuid.uuid4().hex}"
