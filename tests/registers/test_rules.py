"""The registers' rules as pure functions: no database (STYLE.md §6)."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protocol.council.rules.roles import Roles
from registers import rules
from registers.rules import Ground

CE = Roles(kinds=frozenset({"chief_executive"}))
MO = Roles(kinds=frozenset({"monitoring_officer", "director"}))
BLUE_LEADER = Roles(kinds=frozenset({"councillor", "group_leader"}), led_group_ids=frozenset({2}),
                    political_group_ids=frozenset({2}), ward_ids=frozenset({10}))
RED_MEMBER = Roles(kinds=frozenset({"councillor"}), political_group_ids=frozenset({1}),
                   ward_ids=frozenset({10}), committee_ids=frozenset({7}))
OFFICER = Roles(kinds=frozenset({"officer"}), seniority=1, service_ids=frozenset({5}))


def group_facts(delivered=False):
    return rules.GroupRequestFacts(group_id=1, requested_by_id=100, officer_id=200,
                                   delivered=delivered)


def test_a_group_asks_through_its_leader():  # 000 §5.5, §5.8
    assert rules.may_request_for_group(BLUE_LEADER, 2)
    assert not rules.may_request_for_group(BLUE_LEADER, 1)
    assert not rules.may_request_for_group(RED_MEMBER, 1)
    leader_of_council = Roles(kinds=frozenset({"councillor", "leader"}),
                              political_group_ids=frozenset({1}))
    assert rules.may_request_for_group(leader_of_council, 1)


def test_who_sees_a_group_request_in_full():
    facts = group_facts()
    assert rules.can_view_group_request(CE, 1, facts)
    assert rules.can_view_group_request(MO, 1, facts)
    assert rules.can_view_group_request(OFFICER, 200, facts)  # the officer delivering it
    assert rules.can_view_group_request(RED_MEMBER, 100, facts)  # who asked
    assert not rules.can_view_group_request(BLUE_LEADER, 9, facts)
    assert not rules.can_view_group_request(OFFICER, 9, facts)


def test_other_groups_see_only_the_notice_and_only_once_delivered():  # 000 §5.7, §5.11-5.12
    assert not rules.can_view_group_notice(BLUE_LEADER, group_facts(delivered=False))
    assert rules.can_view_group_notice(BLUE_LEADER, group_facts(delivered=True))
    assert rules.follow_up_groups(BLUE_LEADER, group_facts(delivered=True)) == {2}
    assert not rules.can_view_group_notice(RED_MEMBER, group_facts(delivered=True))


def test_equal_treatment_lists_every_group_and_its_turnaround():
    rows = [rules.GroupOutcome(1, "agreed", 2, follow_ups=1, follow_ups_done=1),
            rules.GroupOutcome(1, "declined", 6),
            rules.GroupOutcome(1, "", None),
            rules.GroupOutcome(2, "agreed", 3)]
    red, blue, green = rules.equal_treatment([1, 2, 3], rows)
    assert (red.requests, red.agreed, red.declined, red.undecided) == (3, 1, 1, 1)
    assert red.median_turnaround_days == 4
    assert red.agreed_share == 50
    assert (red.follow_ups, red.follow_ups_done) == (1, 1)
    assert blue.agreed_share == 100
    assert green.requests == 0 and green.median_turnaround_days is None
    assert green.agreed_share is None


@given(st.lists(st.tuples(st.integers(1, 4), st.sampled_from(["agreed", "declined", ""]),
                          st.integers(0, 30))))
def test_equal_treatment_counts_every_request_once(raw):
    rows = [rules.GroupOutcome(g, o, d if o else None) for g, o, d in raw]
    figures = rules.equal_treatment([1, 2, 3, 4], rows)
    assert sum(f.requests for f in figures) == len(rows)
    for f in figures:
        assert f.agreed + f.declined + f.undecided == f.requests


INFO = rules.InformationFacts(councillor_id=1, officer_id=2, service_id=5, directorate_id=8,
                              need_presumed=False, third_party=False)


@pytest.mark.parametrize(("facts", "ground", "consulted", "problem"), [
    (INFO, Ground.NO_NEED_TO_KNOW, False, None),
    # 002, 003 §31.12(2): a committee member's need to know its papers is presumed.
    (rules.InformationFacts(1, 2, 5, 8, True, False), Ground.NO_NEED_TO_KNOW, False,
     "need to know is presumed"),
    (rules.InformationFacts(1, 2, 5, 8, True, False), Ground.CONFIDENTIAL, False, None),
    # 004: the third-party ground is for requests made for a third party.
    (INFO, Ground.THIRD_PARTY, False, "did not ask on behalf of a third party"),
    (rules.InformationFacts(1, 2, 5, 8, False, True), Ground.THIRD_PARTY, False, None),
    # 003 §31.12(2): the Chief Officer's guidance before refusing for the effort.
    (INFO, Ground.DISPROPORTIONATE, False, "Chief Officer's guidance"),
    (INFO, Ground.DISPROPORTIONATE, True, None),
])
def test_which_refusals_the_protocol_allows(facts, ground, consulted, problem):
    found = rules.refusal_problem(facts, ground, reasons="Because.",
                                  chief_officer_consulted=consulted)
    assert (found is None) if problem is None else (problem in found)


def test_a_refusal_needs_reasons():
    assert "reasons" in rules.refusal_problem(INFO, Ground.CONFIDENTIAL, reasons="  ",
                                              chief_officer_consulted=False)


def test_personal_data_needs_a_specific_justification():  # 002
    assert rules.submission_problem(personal_data=True, justification=" ")
    assert rules.submission_problem(personal_data=True, justification="Casework for X") is None
    assert rules.submission_problem(personal_data=False, justification="") is None


def test_committee_membership_presumes_need_to_know():
    assert rules.need_presumed(RED_MEMBER, 7)
    assert not rules.need_presumed(RED_MEMBER, 8)
    assert not rules.need_presumed(RED_MEMBER, None)


def test_who_decides_and_sees_a_need_to_know_request():
    head = Roles(kinds=frozenset({"head_of_service"}), headed_service_ids=frozenset({5}))
    director = Roles(kinds=frozenset({"director"}), directed_directorate_ids=frozenset({8}))
    assert rules.can_handle_information(OFFICER, 2, INFO)
    assert rules.can_handle_information(head, 3, INFO)
    assert rules.can_handle_information(director, 4, INFO)
    assert not rules.can_handle_information(OFFICER, 3, INFO)
    assert rules.can_view_information(MO, 9, INFO)  # decides disputes (004)
    assert rules.can_view_information(RED_MEMBER, 1, INFO)
    assert not rules.can_view_information(BLUE_LEADER, 9, INFO)
    assert not rules.can_view_information(CE, 9, INFO)


@given(st.lists(st.integers(1, 20), unique=True), st.frozensets(st.integers(1, 20)))
def test_the_first_unconflicted_person_in_line_decides(line, conflicted):
    chosen = rules.first_unconflicted(line, conflicted)
    if chosen is None:
        assert set(line) <= conflicted
    else:
        assert chosen not in conflicted
        assert all(p in conflicted for p in line[:line.index(chosen)])


def test_each_person_sees_their_own_relationships_and_the_mo_all():  # 001 §10
    assert rules.can_view_relationship(RED_MEMBER, 1, 1, 2)
    assert rules.can_view_relationship(OFFICER, 2, 1, 2)
    assert rules.can_view_relationship(MO, 9, 1, 2)
    assert not rules.can_view_relationship(CE, 9, 1, 2)


def test_who_sees_a_ward_notice():
    plain = rules.NoticeFacts(recorded_by_id=2, ward_ids=frozenset({10}), sensitive=False)
    sensitive = rules.NoticeFacts(recorded_by_id=2, ward_ids=frozenset({10}), sensitive=True)
    other_ward = Roles(kinds=frozenset({"councillor"}), ward_ids=frozenset({11}))
    assert rules.can_view_notice(RED_MEMBER, 1, sensitive)  # a member for the ward
    assert not rules.can_view_notice(other_ward, 3, plain)
    assert rules.can_view_notice(OFFICER, 5, plain)
    assert not rules.can_view_notice(OFFICER, 5, sensitive)
    assert rules.can_view_notice(OFFICER, 2, sensitive)  # who recorded it
    assert rules.can_view_notice(CE, 9, sensitive) and rules.can_view_notice(MO, 9, sensitive)


def test_a_notice_recorded_after_the_outset_is_late():  # 000 §4.3 'at the outset'
    assert rules.notice_is_late(starts_on=date(2026, 3, 2), recorded_on=date(2026, 3, 3))
    assert not rules.notice_is_late(starts_on=date(2026, 3, 3), recorded_on=date(2026, 3, 3))


def test_for_a_third_party_all_three_of_004s_conditions_are_confirmed():
    # 004 "Members' Access": public domain, not barred by legislation, not compromising
    # personal confidentiality.
    from registers.rules import third_party_problem

    assert third_party_problem(third_party=True, in_public_domain=True, lawful_to_share=True,
                               not_personal=True) is None
    assert third_party_problem(third_party=True, in_public_domain=True, lawful_to_share=True,
                               not_personal=False)
    assert third_party_problem(third_party=False, in_public_domain=False,
                               lawful_to_share=False, not_personal=False) is None
