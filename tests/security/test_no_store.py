"""Pages and exports with case data are never kept by a browser or a proxy (ASVS 5.0
V14.3.2): every response to a signed-in person says `Cache-Control: no-store`, whatever
the page, the exports (CSV, JSON) included."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security import matrix
from tests.security.world import World

pytestmark = pytest.mark.django_db


def _first_allowed(case: matrix.Case) -> str | None:
    """A role that gets the page itself by GET, if any."""
    row = case.expect.get("GET", {})
    return next((role for role, seen in row.items() if seen == matrix.OK), None)


PAGES = [(case, role) for case in matrix.MATRIX if (role := _first_allowed(case))]


def test_the_exports_are_among_the_pages_checked():
    names = {case.url for case, _ in PAGES}
    assert {"casework:queue_csv", "complaints:list_csv", "complaints:detail",
            "casework:detail"} <= names


@pytest.mark.parametrize(("case", "role"), PAGES, ids=[c.id for c, _ in PAGES])
def test_every_page_to_a_signed_in_person_is_not_stored(case: matrix.Case, role: str,
                                                         world: World, as_user):
    response = as_user(role).get(reverse(case.url, kwargs=case.kwargs(world)))

    assert response.status_code == 200
    assert "no-store" in response.get("Cache-Control", ""), case.id


def test_a_page_refused_to_a_signed_in_person_is_not_stored_either(world: World, as_user):
    response = as_user("group_leader").get(world.complaint.get_absolute_url())
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_every_response_carries_the_permissions_policy(client):
    """Nothing the council's pages do needs a camera, microphone, location, payment or a
    USB device: the browser is told to refuse them to the page and to anything it embeds."""
    policy = client.get("/sign-in/")["Permissions-Policy"]
    features = dict(part.strip().split("=") for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
