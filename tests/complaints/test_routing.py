"""Who handles a stage (protocol.council.rules.escalation): pure routing, no database.

001 §11.2: the appropriate Chief Officer first, then the Chief Executive and/or the
Monitoring Officer; a complaint about the Chief Executive goes to the Monitoring Officer.
003 §31.3(3): one involving a Director personally goes to the Chief Executive. Fairness
(DESIGN 'When Things Go Wrong'): never the subject, nobody they manage, nobody excluded."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from protocol.council.rules.enums import Seniority
from protocol.council.rules.escalation import (
    CHAINS,
    STATUTORY_POSTS,
    Holders,
    Person,
    choose_handler,
    first_stage_role,
    manages,
    stages_ahead,
)

PLACE, PEOPLE = 1, 2
WASTE, HIGHWAYS, HOUSING = 10, 11, 12

OFFICER = Person(3, Seniority.STAFF, frozenset({PLACE}), frozenset({WASTE}),
                 frozenset({"officer"}))
HOUSING_OFFICER = Person(4, Seniority.STAFF, frozenset({PEOPLE}), frozenset({HOUSING}),
                         frozenset({"officer"}))
HEAD_OF_WASTE = Person(5, Seniority.HEAD_OF_SERVICE, frozenset({PLACE}), frozenset({WASTE}),
                       frozenset({"head_of_service"}))
HEAD_OF_HIGHWAYS = Person(6, Seniority.HEAD_OF_SERVICE, frozenset({PLACE}),
                          frozenset({HIGHWAYS}), frozenset({"head_of_service"}))
DIRECTOR = Person(7, Seniority.DIRECTOR, frozenset({PLACE}), kinds=frozenset({"director"}))
OTHER_DIRECTOR = Person(8, Seniority.DIRECTOR, frozenset({PEOPLE}),
                        kinds=frozenset({"director"}))
EXECUTIVE_DIRECTOR = Person(9, Seniority.EXECUTIVE_DIRECTOR, frozenset({PLACE}),
                            kinds=frozenset({"executive_director"}))
CHIEF_EXECUTIVE = Person(20, Seniority.CHIEF_EXECUTIVE, kinds=frozenset({"chief_executive"}))
MONITORING_OFFICER = Person(21, Seniority.DIRECTOR, frozenset({99}),
                            kinds=frozenset({"director", "monitoring_officer"}))
CLERK = Person(22, Seniority.CHIEF_EXECUTIVE, kinds=frozenset({"proper_officer"}))
COUNCILLOR = Person(30, kinds=frozenset({"councillor"}))
LEADER = Person(31, kinds=frozenset({"councillor", "leader"}))
DEPUTY_LEADER = Person(32, kinds=frozenset({"councillor", "deputy_leader"}))

COUNCIL = Holders({
    "head_of_service": (HEAD_OF_WASTE,),
    "service_director": (DIRECTOR,),
    "executive_director": (EXECUTIVE_DIRECTOR,),
    "chief_executive": (CHIEF_EXECUTIVE,),
    "monitoring_officer": (MONITORING_OFFICER,),
    "leader": (LEADER,),
    "deputy_leader": (DEPUTY_LEADER,),
})


def chosen(role: str, subject: Person | None, *excluded: int,
           holders: Holders = COUNCIL) -> int | None:
    person = choose_handler(role, holders, subject=subject, excluded=frozenset(excluded))
    return person.user_id if person else None


# manages: the line above someone (001 §11.2 'appropriate Chief Officer').

def test_the_chief_executive_manages_every_officer_but_no_councillor():
    for officer in (OFFICER, HEAD_OF_HIGHWAYS, OTHER_DIRECTOR, MONITORING_OFFICER,
                    EXECUTIVE_DIRECTOR):
        assert manages(CHIEF_EXECUTIVE, officer)
    assert not manages(CHIEF_EXECUTIVE, COUNCILLOR)
    assert not manages(CHIEF_EXECUTIVE, CHIEF_EXECUTIVE)


def test_a_director_manages_those_junior_in_their_own_directorate_only():
    assert manages(DIRECTOR, OFFICER) and manages(DIRECTOR, HEAD_OF_HIGHWAYS)
    assert not manages(DIRECTOR, HOUSING_OFFICER)
    assert not manages(DIRECTOR, EXECUTIVE_DIRECTOR)  # senior to them
    assert not manages(OTHER_DIRECTOR, OFFICER)


def test_a_head_of_service_manages_their_own_service_staff_only():
    assert manages(HEAD_OF_WASTE, OFFICER)
    assert not manages(HEAD_OF_HIGHWAYS, OFFICER)
    assert not manages(HEAD_OF_WASTE, DIRECTOR)
    assert not manages(OFFICER, HEAD_OF_WASTE)


def test_the_clerk_line_manages_all_of_a_parish_councils_staff():
    # 002 'Some general principles': the Proper Officer (Clerk) line-manages all other staff.
    assert manages(CLERK, OFFICER) and manages(CLERK, HEAD_OF_WASTE)
    assert not manages(CLERK, COUNCILLOR)


# first_stage_role: the seeds' special cases.

def test_a_complaint_about_the_chief_executive_goes_to_the_monitoring_officer():
    # 001 §11.2: "Where the complaint relates to the Chief Executive ... Monitoring Officer".
    for ladder_role in ("service_director", "senior_officer", "chief_executive"):
        assert first_stage_role("officer_conduct", ladder_role,
                                CHIEF_EXECUTIVE) == "monitoring_officer"


def test_a_complaint_involving_a_director_personally_goes_to_the_chief_executive():
    # 003 §31.3(3): "or to the Chief Executive where it involves a Director personally".
    for director in (DIRECTOR, EXECUTIVE_DIRECTOR, MONITORING_OFFICER):
        assert first_stage_role("officer_conduct", "service_director",
                                director) == "chief_executive"


def test_otherwise_stage_one_is_the_ladders_own_role():
    assert first_stage_role("officer_conduct", "service_director", OFFICER) == \
        "service_director"
    assert first_stage_role("officer_conduct", "senior_officer", HEAD_OF_WASTE) == \
        "senior_officer"
    assert first_stage_role("officer_conduct", "service_director", None) == "service_director"
    # The special cases are about complaints about officers, not grievances or fraud.
    assert first_stage_role("councillor_conduct", "monitoring_officer",
                            COUNCILLOR) == "monitoring_officer"
    assert first_stage_role("fraud", "ce_or_mo", CHIEF_EXECUTIVE) == "ce_or_mo"


# choose_handler: the first fair person in the chain.

def test_the_rule_is_the_first_in_the_chain():
    assert chosen("service_director", OFFICER) == DIRECTOR.user_id
    assert chosen("senior_officer", OFFICER) == HEAD_OF_WASTE.user_id
    assert chosen("ce_or_mo", OFFICER) == CHIEF_EXECUTIVE.user_id
    assert chosen("leader_panel", OFFICER) == LEADER.user_id


def test_the_subject_never_handles_their_own_case():
    assert chosen("service_director", DIRECTOR) == EXECUTIVE_DIRECTOR.user_id
    assert chosen("ce_or_mo", CHIEF_EXECUTIVE) == MONITORING_OFFICER.user_id
    assert chosen("leader_panel", LEADER) == DEPUTY_LEADER.user_id


def test_nobody_the_subject_manages_handles_it():
    # The executive director manages the Director of Place: the chain falls to the CE.
    assert chosen("service_director", EXECUTIVE_DIRECTOR) == CHIEF_EXECUTIVE.user_id
    # A Head of Service is managed by their Director: a complaint about the Director
    # never goes to them, but to the next in line.
    holders = Holders({"head_of_service": (HEAD_OF_WASTE,), "service_director": (DIRECTOR,),
                       "chief_executive": (CHIEF_EXECUTIVE,)})
    assert chosen("senior_officer", DIRECTOR, holders=holders) == CHIEF_EXECUTIVE.user_id


def test_the_clerks_staff_never_handle_a_case_about_the_clerk():
    holders = Holders({"head_of_service": (HEAD_OF_WASTE,),
                       "monitoring_officer": (MONITORING_OFFICER,)})
    assert chosen("senior_officer", CLERK, holders=holders) == MONITORING_OFFICER.user_id


def test_excluded_people_are_skipped_for_the_next_in_line():
    # Earlier handlers, the complainant and declared conflicts arrive as excluded ids.
    assert chosen("service_director", OFFICER, DIRECTOR.user_id) == EXECUTIVE_DIRECTOR.user_id
    assert chosen("ce_or_mo", OFFICER, CHIEF_EXECUTIVE.user_id) == MONITORING_OFFICER.user_id
    assert chosen("monitoring_officer", COUNCILLOR,
                  MONITORING_OFFICER.user_id) == CHIEF_EXECUTIVE.user_id


def test_the_monitoring_officer_may_handle_a_complaint_about_the_chief_executive():
    # 001 §11.2 names the MO for it, though the Chief Executive manages every officer.
    assert manages(CHIEF_EXECUTIVE, MONITORING_OFFICER)
    assert chosen("monitoring_officer", CHIEF_EXECUTIVE) == MONITORING_OFFICER.user_id


def test_the_monitoring_officer_is_not_reached_through_a_managed_line_post():
    # The MO found as a Director in a directorate the subject heads is skipped there, and
    # reached only through the statutory post.
    boss = Person(40, Seniority.EXECUTIVE_DIRECTOR, frozenset({99}),
                  kinds=frozenset({"executive_director"}))
    holders = Holders({"service_director": (MONITORING_OFFICER,),
                       "chief_executive": (CHIEF_EXECUTIVE,)})
    assert chosen("service_director", boss, holders=holders) == CHIEF_EXECUTIVE.user_id


def test_nobody_fair_is_none():
    assert chosen("leader_panel", LEADER, DEPUTY_LEADER.user_id) is None
    assert chosen("chief_executive", CHIEF_EXECUTIVE, MONITORING_OFFICER.user_id) is None
    # Nobody holds the Standards chairs: the Monitoring Officer, unless excluded.
    assert chosen("standards_committee", COUNCILLOR) == MONITORING_OFFICER.user_id
    assert chosen("standards_committee", COUNCILLOR, MONITORING_OFFICER.user_id) is None


def test_every_handler_role_has_a_chain():
    from protocol.council.models.profiles import HandlerRole

    assert set(HandlerRole.values) == set(CHAINS)


# Properties: whatever the council looks like, the chosen handler is fair.

SENIORITIES = st.one_of(st.none(), st.sampled_from(list(Seniority)))
KINDS = st.sampled_from(["officer", "head_of_service", "director", "chief_executive",
                         "monitoring_officer", "councillor", "leader", "proper_officer"])
people = st.builds(
    Person, user_id=st.integers(1, 12), seniority=SENIORITIES,
    directorate_ids=st.frozensets(st.integers(1, 3), max_size=2),
    service_ids=st.frozensets(st.integers(1, 4), max_size=2),
    kinds=st.frozensets(KINDS, max_size=2))
POSTS = sorted({post for chain in CHAINS.values() for post in chain})
councils = st.dictionaries(st.sampled_from(POSTS), st.lists(people, max_size=3).map(tuple))


@given(role=st.sampled_from(sorted(CHAINS)), by_post=councils, subject=people,
       excluded=st.frozensets(st.integers(1, 12), max_size=4))
def test_the_chosen_handler_is_always_fair(role, by_post, subject, excluded):
    holders = Holders(by_post)
    person = choose_handler(role, holders, subject=subject, excluded=excluded)
    if person is None:
        # Only when nobody in the chain was fair.
        for post in CHAINS[role]:
            for p in holders.of(post):
                assert (p.user_id in excluded or p.user_id == subject.user_id
                        or (post not in STATUTORY_POSTS and manages(subject, p)))
        return
    assert person.user_id != subject.user_id
    assert person.user_id not in excluded
    via = [post for post in CHAINS[role] if person in holders.of(post)]
    assert via
    if manages(subject, person):
        assert set(via) & STATUTORY_POSTS  # only through the Monitoring Officer's post


@given(role=st.sampled_from(sorted(CHAINS)), by_post=councils,
       excluded=st.frozensets(st.integers(1, 12), max_size=4))
def test_the_chosen_handler_is_the_first_fair_one_in_chain_order(role, by_post, excluded):
    holders = Holders(by_post)
    person = choose_handler(role, holders, subject=None, excluded=excluded)
    candidates = [p for post in CHAINS[role] for p in holders.of(post)
                  if p.user_id not in excluded]
    assert person == (candidates[0] if candidates else None)


@given(kind=st.sampled_from(["officer_conduct", "councillor_conduct", "fraud",
                             "code_of_conduct", "clerk_concern"]),
       handler=st.sampled_from(sorted(CHAINS)), subject=st.one_of(st.none(), people))
def test_stage_one_role_is_always_a_role_with_a_chain(kind, handler, subject):
    role = first_stage_role(kind, handler, subject)
    assert role in CHAINS
    if kind != "officer_conduct" or subject is None:
        assert role == handler
    elif "chief_executive" in subject.kinds:
        assert role == "monitoring_officer"


def test_a_parish_grievance_never_lands_on_the_chair_of_the_council_alone():
    # 002 'Procedure for officers': "The chair of the council should not attempt to deal
    # with grievances ... on their own"; personnel matters go to a small group of
    # councillors. With no staffing committee chair or vice-chair in post, nobody on it
    # can take the stage: never the civic head in its place.
    chair_of_council = Person(33, kinds=frozenset({"councillor", "civic_head"}))
    holders = Holders({"civic_head": (chair_of_council,), "vice_chair": ()})
    assert chosen("staffing_committee", COUNCILLOR, holders=holders) is None


def test_the_staffing_committees_chair_who_is_also_chair_of_the_council_is_skipped():
    # 002 'Procedure for officers': "The chair of the council should not attempt to deal
    # with grievances ... on their own". In a parish one councillor often chairs both the
    # council and its staffing committee: the committee's vice-chair takes the stage.
    both = Person(33, kinds=frozenset({"councillor", "civic_head", "committee_chair"}))
    vice = Person(34, kinds=frozenset({"councillor", "committee_vice_chair"}))
    holders = Holders({"staffing_chair": (both,), "staffing_vice_chair": (vice,),
                       "civic_head": (both,)})
    assert chosen("staffing_committee", COUNCILLOR, holders=holders) == vice.user_id
    alone = Holders({"staffing_chair": (both,), "civic_head": (both,)})
    assert chosen("staffing_committee", COUNCILLOR, holders=alone) is None


def test_a_stage_nobody_can_fairly_take_is_skipped_to_the_next_that_someone_can():
    # 001 §11.2: about the Chief Executive, the Monitoring Officer; if dissatisfied, the
    # Leader. "The Chief Executive and/or the Monitoring Officer" has nobody fair left.
    roles = ("monitoring_officer", "ce_or_mo", "leader_panel")
    ahead = stages_ahead(roles, COUNCIL, subject=CHIEF_EXECUTIVE, excluded=frozenset(),
                         after=0)
    assert [(p, person.user_id) for p, person in ahead] == [
        (1, MONITORING_OFFICER.user_id), (3, LEADER.user_id)]
    # With no fair stage after the first, nothing lies ahead: the first stage decides.
    assert stages_ahead(roles[:2], COUNCIL, subject=CHIEF_EXECUTIVE,
                        excluded=frozenset({MONITORING_OFFICER.user_id}), after=1) == []
