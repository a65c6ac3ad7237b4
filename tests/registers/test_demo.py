"""`manage.py seed_demo` adds the demo registers through the services: every state of each
lifecycle, for the sign-ins to see; a second run adds nothing."""
from io import StringIO

import pytest
from django.core.management import call_command

from protocol.models import User
from registers import selectors
from registers.models import (
    FollowUpState,
    GroupRequest,
    GroupRequestState,
    InformationRequest,
    InfoState,
    Relationship,
    RelationshipState,
    WardNotice,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def states(model) -> set[str]:
    return set(model.objects.values_list("state", flat=True))


def test_every_state_of_every_register_is_there(seeded):
    assert states(GroupRequest) == set(GroupRequestState.values)
    assert states(InformationRequest) == set(InfoState.values)
    assert states(Relationship) == set(RelationshipState.values)
    follow_ups = {f.state for r in GroupRequest.objects.all() for f in r.follow_ups.all()}
    assert follow_ups == set(FollowUpState.values)
    assert WardNotice.objects.filter(late=True).exists()
    assert WardNotice.objects.filter(sensitive=True).exists()
    line = next(line for line in seeded.splitlines() if "Registers:" in line)
    assert f"{WardNotice.objects.count()} ward notices" in line
    # The sign-ins each have something to see.
    users = {u.username: u for u in User.objects.filter(username__in=[
        "councillor", "officer", "monitoring_officer", "chief_executive", "group_leader"])}
    assert selectors.information_requests_visible(users["councillor"]).count() >= 8
    assert selectors.relationships_visible(users["councillor"]).count() == 1
    assert selectors.relationships_visible(users["officer"]).count() == 1
    assert selectors.relationships_visible(users["monitoring_officer"]).count() == 3
    assert selectors.disputes_open().exists()
    assert selectors.notices_visible(users["councillor"]).count() == 3
    assert selectors.group_requests_visible(users["group_leader"]).count() >= 2
    assert selectors.follow_ups_outstanding().exists()


def test_a_second_run_adds_nothing(seeded):
    counts = (GroupRequest.objects.count(), InformationRequest.objects.count(),
              WardNotice.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Registers: already in place" in out.getvalue()
    assert counts == (GroupRequest.objects.count(), InformationRequest.objects.count(),
                      WardNotice.objects.count())
