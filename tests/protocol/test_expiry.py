"""Who is informed when an enquiry's deadline passes with no response (003 §31.15): the
relevant Director, who is one step up from whoever holds the enquiry. No database."""
from protocol.rules.enums import Seniority
from protocol.rules.expiry import relevant_director
from protocol.rules.first_contact import Candidate

officer = Candidate(1, Seniority.STAFF)
head_of_service = Candidate(2, Seniority.HEAD_OF_SERVICE)
director = Candidate(4, Seniority.DIRECTOR)
executive_director = Candidate(5, Seniority.EXECUTIVE_DIRECTOR)
chief_executive = Candidate(6, Seniority.CHIEF_EXECUTIVE)
LINE = [head_of_service, director, executive_director, chief_executive]


def test_an_enquiry_with_an_officer_informs_the_director_over_the_service():
    # 003 §31.15: "the relevant Director should be informed".
    assert relevant_director(LINE, officer, Seniority.CHIEF_EXECUTIVE) == director
    assert relevant_director(LINE, head_of_service, Seniority.CHIEF_EXECUTIVE) == director


def test_an_enquiry_with_the_director_goes_one_step_up_as_the_profile_says():
    # 003 §31.15 with §31.5: under Westminster's first-contact rule the enquiry is with the
    # Director, so telling that Director their own enquiry is overdue escalates nothing;
    # it goes to whoever the profile names above the Director (§31.3(3): the Chief
    # Executive where a Director is involved personally).
    assert relevant_director(LINE, director, Seniority.CHIEF_EXECUTIVE) == chief_executive
    assert relevant_director(LINE, director, Seniority.EXECUTIVE_DIRECTOR) == executive_director


def test_with_no_executive_director_in_post_it_goes_to_the_chief_executive():
    line = [head_of_service, director, chief_executive]
    assert relevant_director(line, director, Seniority.EXECUTIVE_DIRECTOR) == chief_executive


def test_an_enquiry_with_an_executive_director_informs_the_chief_executive():
    assert relevant_director(LINE, executive_director,
                             Seniority.EXECUTIVE_DIRECTOR) == chief_executive


def test_nobody_is_above_the_chief_executive():
    assert relevant_director(LINE, chief_executive, Seniority.CHIEF_EXECUTIVE) is None


def test_with_no_director_in_post_the_chief_executive_is_informed():
    assert relevant_director([chief_executive], officer, Seniority.CHIEF_EXECUTIVE) == \
        chief_executive


def test_the_holder_is_never_told_about_their_own_enquiry():
    # A Director holding a second post lower in the line is still the holder.
    line = [Candidate(4, Seniority.DIRECTOR), chief_executive]
    assert relevant_director(line, Candidate(4, Seniority.HEAD_OF_SERVICE),
                             Seniority.CHIEF_EXECUTIVE) == chief_executive
