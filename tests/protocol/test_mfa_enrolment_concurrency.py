"""A set-up code spent twice at the same moment on PostgreSQL proves once: the token's row
is locked and re-read, so two requests cannot both pass with one code."""
import threading

import pytest
from django.db import connection

from protocol.mfa.enrolment import Spent, enrolment_code_issue, enrolment_code_spend

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_code_spent_twice_at_once_proves_once(council):
    setup_code = enrolment_code_issue(user=council.councillor, by=council.hr)
    start = threading.Barrier(2)
    results: list[Spent] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(enrolment_code_spend(user=council.councillor, code=setup_code)[0])
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(r.value for r in results) == ["invalid", "proved"]
