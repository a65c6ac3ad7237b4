"""Every URL in the URLconf, walked: anonymous visitors are sent to sign in, except on the
few pages that are public on purpose; a URL the test cannot fill parameters for, or that
the permission matrix does not cover, fails (ASVS 5.0 V8.2.1)."""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from casework.models import Attachment, Enquiry
from complaints.models import Complaint
from tests.security import matrix
from tests.security.urlconf import admin_url_names, kwargs_for, named_routes, walk
from tests.security.world import World

pytestmark = pytest.mark.django_db
NAMED = named_routes()


def test_the_walk_finds_every_app():
    """The walk follows includes and namespaces (so a URL cannot hide in one)."""
    namespaces = {name.split(":")[0] for name in NAMED if ":" in name}
    assert {"protocol", "casework", "complaints", "admin"} <= namespaces
    assert {"home", "casework:detail", "complaints:action", "admin:index"} <= set(NAMED)


def test_every_pattern_outside_the_admin_is_named():
    """An unnamed pattern could not be in the matrix: only the admin's own are allowed
    (its redirect from an object's old address, and its catch-all)."""
    unnamed = [r.route for r in walk() if r.name is None and not r.route.startswith("admin/")]
    assert unnamed == []


def test_every_named_url_is_in_the_matrix():
    covered = {c.url for c in matrix.MATRIX} | matrix.PUBLIC | set(admin_url_names())
    missing = sorted(set(NAMED) - covered)
    assert missing == [], (f"{missing}: add these URLs to tests/security/matrix.py (MATRIX, "
                           "PUBLIC or the admin lists) with each role's outcome")
    stale = sorted(covered - set(NAMED))
    assert stale == [], f"{stale}: in tests/security/matrix.py but not in the URLconf"


def test_the_admin_has_only_the_listed_models():
    """A model added to the admin must be added to ADMIN_MODELS on purpose: no case,
    message, history or object-permission model belongs there."""
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == matrix.ADMIN_MODELS


def _methods(name: str) -> list[str]:
    methods = {m for case in matrix.MATRIX if case.url == name for m in case.expect}
    return sorted(methods or {"GET"})


def _data(name: str, world: World) -> dict:
    cases = [c for c in matrix.MATRIX if c.url == name]
    return cases[0].data(world) if cases else {}


ANONYMOUS = [(name, method) for name in sorted(NAMED) if name not in matrix.PUBLIC
             for method in _methods(name)]


def _counts() -> tuple[int, ...]:
    return (Enquiry.objects.count(), Complaint.objects.count(), Attachment.objects.count())


@pytest.mark.parametrize(("name", "method"), ANONYMOUS, ids=[f"{n}-{m}" for n, m in ANONYMOUS])
def test_anonymous_visitor_is_sent_to_sign_in(name: str, method: str, world: World,
                                              client: Client):
    route = NAMED[name]
    assert route.positional == 0, f"{name} ({route.route}) has unnamed parameters"
    try:
        kwargs = kwargs_for(name, world)
    except KeyError:
        pytest.fail(f"cannot fill the parameters of {name} ({route.route}): give it a case "
                    "in tests/security/matrix.py or a value in tests/security/urlconf.py")
    assert set(kwargs) == route.parameters, f"parameters for {name} ({route.route})"
    url = reverse(name, kwargs=kwargs)
    before = _counts()

    if method == "GET":
        response = client.get(url, follow=True)
    else:
        response = client.post(url, _data(name, world), follow=True)

    assert response.redirect_chain, f"{method} {url} answered {response.status_code}"
    sign_in = reverse("admin:login" if name.startswith("admin:") else "login")
    assert response.request["PATH_INFO"] == sign_in
    assert response.status_code == 200
    assert _counts() == before


PUBLIC_PAGES = {  # name: what an anonymous visitor gets
    "login": 200, "password_reset": 200, "password_reset_done": 200,
    "password_reset_complete": 200, "healthz": 200, "admin:login": 200,
    "password_reset_confirm": 200,  # the "link is no longer valid" page, for a bad token
    "logout": 405,  # sign out by POST only
}


def test_the_public_pages_are_listed_with_what_they_show():
    assert set(PUBLIC_PAGES) == matrix.PUBLIC


@pytest.mark.parametrize("name", sorted(PUBLIC_PAGES))
def test_public_pages_open_without_signing_in(name: str, world: World, client: Client):
    response = client.get(reverse(name, kwargs=kwargs_for(name, world)))
    assert response.status_code == PUBLIC_PAGES[name]


def test_a_url_the_test_cannot_fill_is_reported(world: World):
    """A named URL with no case, no admin model and no public values has no parameters
    to request it with: kwargs_for says so, and the anonymous walk fails on it."""
    with pytest.raises(KeyError):
        kwargs_for("casework:no_such_page", world)
