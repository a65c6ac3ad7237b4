"""Who may see and act on an enquiry (casework.rules): pure rules over plain values, no
database. The people mirror the `council` fixture, with one more ward member."""
from dataclasses import replace
from datetime import date

import pytest

from casework.rules import (
    EnquiryFacts,
    Visibility,
    can_handle,
    can_see_personal_data,
    can_view,
    days_left,
    is_overdue,
    shared_with,
)
from protocol.council.rules.enums import Seniority
from protocol.council.rules.roles import PostFacts, Roles, summarise

PLACE, PEOPLE, GOVERNANCE = 1, 2, 3
WASTE, HOUSING = 10, 12
NORTH, SOUTH = 20, 21
RED, BLUE = 30, 31


def councillor_in(ward: int, group: int | None, *more: PostFacts) -> Roles:
    return summarise([PostFacts("councillor", ward_id=ward, political_group_id=group), *more])


ROLES = {
    "councillor": councillor_in(NORTH, RED),
    "ward_colleague": councillor_in(NORTH, RED),  # the other Red member for North
    "group_leader": councillor_in(NORTH, BLUE, PostFacts("group_leader",
                                                         political_group_id=BLUE)),
    "other_councillor": councillor_in(SOUTH, BLUE),
    "leader": councillor_in(SOUTH, RED, PostFacts("leader")),
    "officer": summarise([PostFacts("officer", Seniority.STAFF, service_id=WASTE,
                                    service_directorate_id=PLACE)]),
    "head_of_service": summarise([PostFacts("head_of_service", Seniority.HEAD_OF_SERVICE,
                                            service_id=WASTE, service_directorate_id=PLACE)]),
    "director": summarise([PostFacts("director", Seniority.DIRECTOR, directorate_id=PLACE)]),
    "other_director": summarise([PostFacts("director", Seniority.DIRECTOR,
                                           directorate_id=PEOPLE)]),
    "chief_executive": summarise([PostFacts("chief_executive", Seniority.CHIEF_EXECUTIVE)]),
    "monitoring_officer": summarise([
        PostFacts("director", Seniority.DIRECTOR, directorate_id=GOVERNANCE),
        PostFacts("monitoring_officer")]),
    "hr": summarise([PostFacts("hr", Seniority.STAFF)]),
}
IDS = {name: number for number, name in enumerate(ROLES, start=100)}

# The councillor's Waste enquiry for ward North, with the Director of Place (westminster's
# first contact, 003 §31.5), shared with nobody.
WASTE_ENQUIRY = EnquiryFacts(
    raised_by_id=IDS["councillor"], assigned_to_id=IDS["director"], service_id=WASTE,
    directorate_id=PLACE, ward_id=NORTH, raised_by_group_id=RED,
    visibility=Visibility.PRIVATE, confidential=False)


def view(name: str, facts: EnquiryFacts = WASTE_ENQUIRY, *, granted: bool = False) -> bool:
    return can_view(ROLES[name], IDS[name], facts, granted=granted)


def handle(name: str, facts: EnquiryFacts = WASTE_ENQUIRY) -> bool:
    return can_handle(ROLES[name], IDS[name], facts)


def personal_data(name: str, facts: EnquiryFacts = WASTE_ENQUIRY) -> bool:
    return can_see_personal_data(ROLES[name], IDS[name], facts)


@pytest.mark.parametrize(("name", "views", "handles", "sees_personal_data"), [
    ("councillor", True, False, True),  # raised it; cannot answer it
    ("ward_colleague", False, False, False),  # private: not shared
    ("group_leader", False, False, False),
    ("other_councillor", False, False, False),
    ("leader", False, False, False),  # being Leader gives no right to casework
    ("officer", False, False, False),  # same service, but not theirs
    ("head_of_service", True, True, True),  # heads Waste
    ("director", True, True, True),  # it is with them, and they direct Place
    ("other_director", False, False, False),  # People, not Place
    ("chief_executive", False, False, False),  # not theirs unless sent to them
    ("monitoring_officer", True, False, True),  # oversight, not handling
    ("hr", False, False, False),
])
def test_each_role_on_a_private_waste_enquiry(name, views, handles, sees_personal_data):
    assert (view(name), handle(name), personal_data(name)) == (views, handles,
                                                                sees_personal_data)


def test_the_officer_it_is_with_handles_it_and_sees_the_constituent():
    with_officer = replace(WASTE_ENQUIRY, assigned_to_id=IDS["officer"])
    assert handle("officer", with_officer)
    assert view("officer", with_officer) and personal_data("officer", with_officer)


def test_an_enquiry_sent_to_the_chief_executive_for_triage_is_theirs_alone():
    not_sure = replace(WASTE_ENQUIRY, assigned_to_id=IDS["chief_executive"], service_id=None,
                       directorate_id=None)
    assert handle("chief_executive", not_sure)
    assert not handle("director", not_sure) and not handle("head_of_service", not_sure)
    assert not view("director", not_sure)


def test_sharing_with_the_ward_reaches_every_member_for_that_ward_only():
    ward = replace(WASTE_ENQUIRY, visibility=Visibility.WARD)
    assert view("ward_colleague", ward) and view("group_leader", ward)
    assert not view("other_councillor", ward) and not view("leader", ward)  # ward South
    assert shared_with(ROLES["group_leader"], ward)
    # Shared to read, never to handle or to see the constituent's details (002 need to know).
    assert not handle("ward_colleague", ward)
    assert not personal_data("ward_colleague", ward)


def test_sharing_with_the_group_needs_the_same_group_and_the_same_ward():
    group = replace(WASTE_ENQUIRY, visibility=Visibility.GROUP_WARD)
    assert view("ward_colleague", group)  # North, Red
    assert not view("group_leader", group)  # North, but Blue
    assert not view("leader", group)  # Red, but South
    independent = replace(group, raised_by_group_id=None)
    assert not shared_with(ROLES["ward_colleague"], independent)


@pytest.mark.parametrize("visibility", [Visibility.WARD, Visibility.GROUP_WARD])
def test_a_confidential_enquiry_is_never_shared(visibility):
    # 003 §31.16(1): confidential information is not shared with other members.
    confidential = replace(WASTE_ENQUIRY, visibility=visibility, confidential=True)
    assert not shared_with(ROLES["ward_colleague"], confidential)
    assert not view("ward_colleague", confidential)
    assert view("councillor", confidential) and view("director", confidential)


def test_an_explicit_grant_lets_a_copied_councillor_read_but_not_see_personal_data():
    assert view("other_councillor", granted=True)
    assert not personal_data("other_councillor")
    assert not handle("other_councillor")


def test_overdue_is_judged_by_the_current_due_date_and_only_while_unanswered():
    due = date(2026, 12, 7)
    assert not is_overdue(open_unanswered=True, current_due_on=due, today=due)
    assert is_overdue(open_unanswered=True, current_due_on=due, today=date(2026, 12, 8))
    assert not is_overdue(open_unanswered=False, current_due_on=due, today=date(2026, 12, 8))
    assert days_left(due, date(2026, 12, 4)) == 3
    assert days_left(due, date(2026, 12, 9)) == -2
