"""The permission matrix (tests/security/matrix.py), request by request: every case, method
and seed_demo role gets exactly the outcome the matrix gives it (ASVS 5.0 V8.2.1, V8.2.2,
V8.3.1: checked on the server, for each object)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security import matrix
from tests.security.urlconf import admin_kwargs, admin_url_names
from tests.security.world import ROLES, World

pytestmark = pytest.mark.django_db
CASES = [(case, method, role) for case in matrix.MATRIX for method in case.expect
         for role in ROLES]


def test_every_case_gives_every_role_a_known_outcome():
    for case in matrix.MATRIX:
        assert case.expect, case.id
        for method, outcomes in case.expect.items():
            assert method in ("GET", "POST"), case.id
            assert set(outcomes) == set(ROLES), case.id
            assert set(outcomes.values()) <= matrix.OUTCOMES, case.id


def test_cases_have_distinct_ids():
    ids = [case.id for case in matrix.MATRIX]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("case", "method", "role"), CASES,
                         ids=[f"{c.id}-{m}-{r}" for c, m, r in CASES])
def test_matrix(case: matrix.Case, method: str, role: str, world: World, as_user):
    client = as_user(role)
    url = reverse(case.url, kwargs=case.kwargs(world))

    response = client.get(url) if method == "GET" else client.post(url, case.data(world))

    assert matrix.outcome_of(response) == case.expect[method][role], (
        f"{role}: {method} {url} answered {response.status_code}")


@pytest.mark.parametrize("role", ROLES)
def test_admin_matrix(role: str, world: World, as_user):
    """Every admin page: the superuser's page, everyone else to the admin's sign-in."""
    client = as_user(role)
    wrong = {}
    for name in sorted(admin_url_names()):
        response = client.get(reverse(name, kwargs=admin_kwargs(name, world)))
        expected = matrix.admin_row(name)[role]
        if matrix.outcome_of(response) != expected:
            wrong[name] = (response.status_code, expected)
    assert wrong == {}


def test_the_matrix_notices_a_rule_that_lets_everyone_in(world: World, as_user, monkeypatch):
    """The matrix can fail: with the enquiry rule widened to everyone, every role the
    matrix hides case A from would see it, and the comparison says so."""
    from casework import rules

    monkeypatch.setattr(rules, "can_view", lambda *args, **kwargs: True)
    [case] = [c for c in matrix.MATRIX if c.url == "casework:detail"]
    url = reverse(case.url, kwargs=case.kwargs(world))
    wrong = {role for role in ROLES
             if matrix.outcome_of(as_user(role).get(url)) != case.expect["GET"][role]}
    assert wrong == {role for role, seen in case.expect["GET"].items()
                     if seen == matrix.HIDDEN}
    assert wrong
