"""Fixtures for complaints and grievances: Celery tasks run in-process, a profile can be
made active, the posts the shared council lacks (Chief Finance Officer, Standards chair,
a Red group leader, a parish's Clerk, chair and staffing committee), and `raise_case`."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from complaints.models import Complaint
from complaints.services import NewComplaint, complaint_raise
from protocol.models import ComplaintKind, Post, PostKind, ProtocolProfile
from tests.factories import CommitteeFactory, PostFactory, UserFactory


@pytest.fixture(autouse=True)
def celery_runs_tasks_in_process() -> Iterator[None]:
    """`.delay` after commit runs the task here (as in tests/casework/conftest.py)."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def activate(db) -> Callable[[str], ProtocolProfile]:
    """`activate(slug)`: make one of the seed profiles the council's active one."""

    def make_active(slug: str) -> ProtocolProfile:
        ProtocolProfile.objects.update(is_active=False)
        ProtocolProfile.objects.filter(slug=slug).update(is_active=True)
        return ProtocolProfile.objects.get(is_active=True)

    return make_active


def _person(username: str, *posts: dict):
    user = UserFactory(username=username)
    for post in posts:
        PostFactory(holder=user, **post)
    return user


@pytest.fixture
def governance(council) -> SimpleNamespace:
    """The posts the shared council lacks: a Chief Finance Officer, the Standards
    Committee's chair and vice-chair, and a leader of the Red Group (the councillor's)."""
    c = council
    c.cfo = _person("cfo", {"kind": PostKind.HEAD_OF_SERVICE, "service": c.housing},
                    {"kind": PostKind.CHIEF_FINANCE_OFFICER})
    c.standards_chair = _person(
        "standards_chair", {"kind": PostKind.COUNCILLOR, "ward": c.south,
                            "political_group": c.blue},
        {"kind": PostKind.COMMITTEE_CHAIR, "committee": c.standards})
    c.standards_vice_chair = _person(
        "standards_vice_chair", {"kind": PostKind.COUNCILLOR, "ward": c.north,
                                 "political_group": c.red},
        {"kind": PostKind.COMMITTEE_VICE_CHAIR, "committee": c.standards})
    c.red_group_leader = _person(
        "red_group_leader", {"kind": PostKind.COUNCILLOR, "ward": c.south,
                             "political_group": c.red},
        {"kind": PostKind.GROUP_LEADER, "political_group": c.red})
    return c


@pytest.fixture
def parish(council) -> SimpleNamespace:
    """The shared council run as a parish: the Clerk (Proper Officer) heads its staff and
    it has no Chief Executive (002 'Some general principles'); a chair of the council; a
    staffing committee with a chair and vice-chair ('Procedure for officers')."""
    c = council
    Post.objects.filter(holder=c.chief_executive).update(
        ends_on=timezone.localdate() - timedelta(days=1), starts_on=timezone.localdate()
        - timedelta(days=30))
    c.staffing = CommitteeFactory(name="Staffing Committee", is_staffing=True)
    c.clerk = _person("clerk", {"kind": PostKind.PROPER_OFFICER})
    c.civic_head = _person("civic_head", {"kind": PostKind.COUNCILLOR, "ward": c.south,
                                          "political_group": c.blue},
                           {"kind": PostKind.CIVIC_HEAD})
    c.staffing_chair = _person(
        "staffing_chair", {"kind": PostKind.COUNCILLOR, "ward": c.north,
                           "political_group": c.blue},
        {"kind": PostKind.COMMITTEE_CHAIR, "committee": c.staffing})
    c.staffing_vice_chair = _person(
        "staffing_vice_chair", {"kind": PostKind.COUNCILLOR, "ward": c.south,
                                "political_group": c.red},
        {"kind": PostKind.COMMITTEE_VICE_CHAIR, "committee": c.staffing})
    return c


DEFAULTS = {
    ComplaintKind.OFFICER_CONDUCT: ("councillor", "officer"),
    ComplaintKind.COUNCILLOR_CONDUCT: ("officer", "councillor"),
    ComplaintKind.CODE_OF_CONDUCT: ("officer", "councillor"),
    ComplaintKind.FRAUD: ("councillor", None),
    ComplaintKind.CLERK_CONCERN: ("councillor", "clerk"),
}


@pytest.fixture
def raise_case(council) -> Callable[..., Complaint]:
    """`raise_case(kind, by=, about=, now=, **fields)`: raise a case through the service;
    by default a councillor's complaint about the Waste officer, an officer's grievance
    about the councillor, and so on (DEFAULTS)."""

    def raise_it(kind: str = ComplaintKind.OFFICER_CONDUCT, *, by=None, about="default",
                 now=None, **fields) -> Complaint:
        by_name, about_name = DEFAULTS[ComplaintKind(kind)]
        by = by or getattr(council, by_name)
        if about == "default":
            about = getattr(council, about_name) if about_name else None
        if kind == ComplaintKind.CODE_OF_CONDUCT:
            fields.setdefault("conduct_date", timezone.localdate() - timedelta(days=10))
        entered = NewComplaint(kind=kind, summary=fields.pop("summary", "Rude at the meeting"),
                               details=fields.pop("details", "Shouted across the room."),
                               subject_person=about, **fields)
        return complaint_raise(complainant=by, entered=entered, now=now)

    return raise_it
