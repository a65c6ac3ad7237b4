"""A set-up code spent twice at the same moment on PostgreSQL proves once: the token's row
is locked and re-read, so two requests cannot both pass with one code."""

import pytest

from protocol.machinery.mfa.enrolment import Spent, enrolment_code_issue, enrolment_code_spend
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_code_spent_twice_at_once_proves_once(council):
    setup_code = enrolment_code_issue(user=council.councillor, by=council.hr)
    def spend() -> Spent:
        return enrolment_code_spend(user=council.councillor, code=setup_code)[0]

    results, errors = at_once(spend, spend)
    assert not errors
    assert sorted(r.value for r in results) == ["invalid", "proved"]
