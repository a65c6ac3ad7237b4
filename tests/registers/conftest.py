"""Fixtures for the registers: Celery runs in-process so that emails are seen sent, and
each register's first step taken the way its user would."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from registers import services
from registers.models import GroupRequest, InformationRequest


@pytest.fixture(autouse=True)
def celery_runs_tasks_in_process() -> Iterator[None]:
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def ask_group(council) -> Callable[..., GroupRequest]:
    """`ask_group(**fields)`: the Blue Group's leader asks for a report (or what is given)."""

    def submit(*, actor=None, **fields) -> GroupRequest:
        entered = {"group": council.blue, "kind": "report", "subject": "Budget options",
                   "details": "The options for the council tax amendment.", **fields}
        return services.group_request_submit(actor=actor or council.group_leader,
                                             entered=services.NewGroupRequest(**entered))

    return submit


@pytest.fixture
def agreed(council, ask_group) -> Callable[..., GroupRequest]:
    """A request the Chief Executive agreed, with the Waste officer to deliver it."""

    def make(**fields) -> GroupRequest:
        request = ask_group(**fields)
        return services.group_request_decide(request=request, actor=council.chief_executive,
                                             decision="agreed", officer=council.officer)

    return make


@pytest.fixture
def ask_info(council) -> Callable[..., InformationRequest]:
    """`ask_info(**fields)`: the councillor asks the Waste service for information."""

    def submit(*, councillor=None, **fields) -> InformationRequest:
        entered = {"what": "The bin round schedules for North ward",
                   "why": "Residents ask me which day each street is collected.",
                   "service": council.waste, **fields}
        return services.information_request_submit(
            councillor=councillor or council.councillor,
            entered=services.NewInformationRequest(**entered))

    return submit


def refuse(request, actor, ground="confidential_or_exempt", reasons="Exempt: commercial."):
    return services.information_request_decide(
        request=request, actor=actor,
        decision=services.InformationDecision(outcome="refused", ground=ground,
                                              reasons=reasons))


def days(n: int):
    return timezone.localdate() + timedelta(days=n)
