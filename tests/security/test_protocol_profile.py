"""Choosing the council's protocol: an administrator makes one profile active in one step
(the previous one stops being active in the same transaction; the database still allows
one active profile only), and with none active every page says so plainly rather than
failing (DESIGN: the council runs on one of the shipped protocols, chosen in the admin)."""
from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from protocol.models import ProtocolProfile, User
from tests.security import matrix
from tests.security.world import World

pytestmark = pytest.mark.django_db
NOT_SET_UP = "The council's protocol has not been set up"


def _signed_in(client, world: World, role: str):
    """Signed in as a fresh copy of the world's user: another module's test may leave the
    shared object's password out of step with the database, which signs the copy out."""
    client.force_login(User.objects.get(pk=world.users[role].pk))
    return client


def _make_active(client, *profiles: ProtocolProfile):
    return client.post(reverse("admin:protocol_protocolprofile_changelist"),
                       {"action": "make_active", "_selected_action": [p.pk for p in profiles]},
                       follow=True)


def test_an_administrator_switches_the_active_profile_in_one_step(world: World, client):
    client = _signed_in(client, world, "admin")
    before = ProtocolProfile.objects.get(is_active=True)
    chosen = ProtocolProfile.objects.exclude(pk=before.pk).order_by("pk").first()

    response = _make_active(client, chosen)

    assert response.status_code == 200
    assert list(ProtocolProfile.objects.filter(is_active=True)) == [chosen]
    assert f"{chosen.name} is now the council" in response.content.decode()
    logged = LogEntry.objects.filter(object_id=str(chosen.pk)).latest("action_time")
    assert logged.user == world.users["admin"] and "active" in logged.get_change_message()


def test_only_one_profile_can_be_chosen(world: World, client):
    client = _signed_in(client, world, "admin")
    before = ProtocolProfile.objects.get(is_active=True)
    two = ProtocolProfile.objects.exclude(pk=before.pk).order_by("pk")[:2]

    response = _make_active(client, *two)

    assert "Choose one profile" in response.content.decode()
    assert list(ProtocolProfile.objects.filter(is_active=True)) == [before]


def test_the_active_flag_is_not_ticked_by_hand(world: World, client):
    """Ticking it on a second profile broke on the one-active constraint: the action does it."""
    client = _signed_in(client, world, "admin")
    other = ProtocolProfile.objects.filter(is_active=False).order_by("pk").first()
    page = client.get(reverse("admin:protocol_protocolprofile_change", args=[other.pk]))
    assert "is_active" not in page.context["adminform"].form.fields


# --- no active profile ------------------------------------------------------------------

GET_PAGES = [c for c in matrix.MATRIX if "GET" in c.expect]
ROLES_WALKED = ("councillor", "officer", "monitoring_officer", "admin")


@pytest.mark.parametrize("role", ROLES_WALKED)
def test_with_no_active_profile_every_page_says_so(role: str, world: World, client):
    ProtocolProfile.objects.update(is_active=False)
    client = _signed_in(client, world, role)
    failed, silent = {}, []
    for case in GET_PAGES:
        url = reverse(case.url, kwargs=case.kwargs(world))
        response = client.get(url)
        if response.status_code >= 500 and response.status_code != 503:
            failed[url] = response.status_code
        elif response.status_code in (200, 403, 404, 503) and response["Content-Type"
                ].startswith("text/html") and NOT_SET_UP not in response.content.decode():
            silent.append((url, response.status_code, response["Content-Type"]))
    assert failed == {} and silent == []


def test_a_page_that_needs_the_protocol_answers_503(world: World, client):
    ProtocolProfile.objects.update(is_active=False)
    client = _signed_in(client, world, "councillor")
    response = client.get(reverse("casework:detail", kwargs={"reference":
                                                             world.enquiry.reference}))
    assert response.status_code == 503
    body = response.content.decode()
    assert NOT_SET_UP in body and "Ask an administrator to choose one." in body
    assert 'class="govuk-heading-l"' in body


def test_the_admin_is_still_reachable_to_choose_one(world: World, client):
    ProtocolProfile.objects.update(is_active=False)
    client = _signed_in(client, world, "admin")
    assert client.get(reverse("admin:index")).status_code == 200
    chosen = ProtocolProfile.objects.order_by("pk").first()
    _make_active(client, chosen)
    assert list(ProtocolProfile.objects.filter(is_active=True)) == [chosen]
