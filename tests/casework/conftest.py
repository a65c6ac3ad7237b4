"""Fixtures for the enquiry back end: Celery tasks run in-process, and `log` logs an enquiry
the way the councillor would (ward North, the Waste service unless told otherwise)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from casework.models import Enquiry
from casework.services import NewEnquiry, enquiry_log
from protocol.models import ProtocolProfile


@pytest.fixture(autouse=True)
def celery_runs_tasks_in_process() -> Iterator[None]:
    """`.delay` after commit runs the task here and now, so a test sees the email sent.
    Without this the test broker (in memory, or Redis in the services pass) accepts the
    message without error and nothing is ever sent: `_enqueue`'s broker-down path is not
    taken, so the sweep's resend would be the only way out."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def log(council) -> Callable[..., Enquiry]:
    """`log(**fields)`: the councillor logs an enquiry; keyword arguments change what they
    entered (any NewEnquiry field), who logs it (`councillor=`) or when (`now=`)."""

    def log_enquiry(*, councillor=None, now: datetime | None = None, **entered) -> Enquiry:
        fields = {"subject": "Missed bins on Park Road", "details": "Three weeks running.",
                  "ward": council.north, "service": council.waste, **entered}
        return enquiry_log(councillor=councillor or council.councillor,
                           entered=NewEnquiry(**fields), now=now)

    return log_enquiry


@pytest.fixture
def with_officer(council, log) -> Callable[..., Enquiry]:
    """`with_officer(**fields)`: an enquiry sent straight to the Waste officer, whom the
    councillor already works with on the case (the §3.5 exception), so that the officer and
    the Director informed at expiry are two people."""

    def log_to_officer(**fields) -> Enquiry:
        return log(preferred_officer=council.officer,
                   relationship_note="Already dealing with the Park Road round.", **fields)

    return log_to_officer


@pytest.fixture
def profile() -> Callable[..., None]:
    """`profile(**fields)`: change the active protocol profile (westminster by default)."""

    def change(**fields) -> None:
        ProtocolProfile.objects.filter(is_active=True).update(**fields)

    return change
