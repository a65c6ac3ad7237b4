"""The Monitoring Officer's discretion (protocol.council.rules.discretion): pure, no database.

001 §11.3: the Monitoring Officer "will determine whether the case should be discussed
with the Leader of the Council and/or relevant political group leader" and "may choose to
report the matter for consideration by the Standards Committee"."""
from __future__ import annotations

from protocol.council.rules.discretion import Choice, choices, monitoring_officer_decides

HOUNSLOW = ("monitoring_officer", "group_leader", "standards_committee")  # 001 §11.3
HARROW = ("service_director", "monitoring_officer", "standards_committee")


def test_once_a_grievance_reaches_the_monitoring_officer_it_is_their_call():
    assert monitoring_officer_decides("councillor_conduct", HOUNSLOW, 1)
    assert monitoring_officer_decides("councillor_conduct", HOUNSLOW, 2)
    assert not monitoring_officer_decides("councillor_conduct", HARROW, 1)
    assert monitoring_officer_decides("councillor_conduct", HARROW, 2)
    assert monitoring_officer_decides("code_of_conduct",
                                      ("monitoring_officer", "standards_committee"), 1)


def test_a_complaint_about_an_officer_is_the_complainants_to_escalate():
    # 001 §11.2: "they may take the matter up with" the next in line.
    assert not monitoring_officer_decides("officer_conduct",
                                          ("service_director", "ce_or_mo", "leader_panel"), 2)


def test_the_monitoring_officer_may_discuss_it_or_go_straight_to_standards():
    assert choices(HOUNSLOW, 1) == {Choice.LEADER: 2, Choice.GROUP_LEADER: 2,
                                    Choice.STANDARDS: 3}
    # After the discussions, "depending on the outcome", the Standards Committee.
    assert choices(HOUNSLOW, 2) == {Choice.STANDARDS: 3}
    assert choices(HOUNSLOW, 3) == {}
    assert choices(HARROW, 2) == {Choice.STANDARDS: 3}
