"""Who is informed when an enquiry's deadline passes with no response (003 §31.15): the
relevant Director, who is one step up from whoever holds the enquiry. No database."""
import pytest

from protocol.council.models.profiles import EXPIRY_RECIPIENT_CHOICES
from protocol.council.rules.enums import ExpiryRecipient, Seniority
from protocol.council.rules.expiry import ExpiryPosts, expiry_recipient, relevant_director
from protocol.council.rules.first_contact import Candidate

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


# expiry_recipient: one rule over the profile's ExpiryRecipient, each kind (003 §31.15) ----

POSTS = ExpiryPosts(line=LINE, holder=Candidate(1, Seniority.STAFF), head_of_service=2,
                    chief_executive=6, proper_officer=9)


@pytest.mark.parametrize(("informs", "told"), [
    (ExpiryRecipient.DIRECTOR, 4),          # the relevant Director, above the holder
    (ExpiryRecipient.HEAD_OF_SERVICE, 2),
    (ExpiryRecipient.CHIEF_EXECUTIVE, 6),
    (ExpiryRecipient.PROPER_OFFICER, 9),    # a parish's Clerk (002 'Proper Officer')
    (ExpiryRecipient.NOBODY, None),
])
def test_each_kind_of_recipient_names_its_post(informs, told):
    assert expiry_recipient(informs, POSTS, Seniority.CHIEF_EXECUTIVE) == told


def test_the_rule_reads_the_profiles_stored_value_as_the_enum():
    # The profile stores the enum's value; every value it may store has a case.
    assert {expiry_recipient(ExpiryRecipient(value), POSTS, Seniority.CHIEF_EXECUTIVE)
            for value, _ in EXPIRY_RECIPIENT_CHOICES} == {4, 2, 6, 9, None}


@pytest.mark.parametrize("informs", [ExpiryRecipient.HEAD_OF_SERVICE,
                                     ExpiryRecipient.CHIEF_EXECUTIVE,
                                     ExpiryRecipient.PROPER_OFFICER])
def test_a_vacant_post_means_nobody_is_told(informs):
    vacant = ExpiryPosts(line=(), holder=None, head_of_service=None, chief_executive=None,
                         proper_officer=None)
    assert expiry_recipient(informs, vacant, Seniority.CHIEF_EXECUTIVE) is None


def test_a_director_holding_it_is_passed_over_for_the_grade_above():
    held_by_director = ExpiryPosts(line=LINE, holder=Candidate(4, Seniority.DIRECTOR),
                                   head_of_service=2, chief_executive=6, proper_officer=9)
    assert expiry_recipient(ExpiryRecipient.DIRECTOR, held_by_director,
                            Seniority.EXECUTIVE_DIRECTOR) == 5


@pytest.mark.django_db
@pytest.mark.parametrize(("informs", "told"), [
    (ExpiryRecipient.HEAD_OF_SERVICE, "head_of_service"),
    (ExpiryRecipient.CHIEF_EXECUTIVE, "chief_executive"),
])
def test_a_single_post_is_looked_up_alone(council, django_assert_max_num_queries,
                                          informs, told):
    """The sweep asks once per overdue item (003 §31.15): a profile naming one post reads
    that post's holder, not the service's whole line."""
    from protocol.council.selectors import active_profile
    from protocol.council.selectors import expiry_recipient as recipient

    profile = active_profile()
    profile.expiry_informs = informs
    with django_assert_max_num_queries(1):
        person = recipient(profile, council.waste, council.officer)
    assert person == getattr(council, told)
