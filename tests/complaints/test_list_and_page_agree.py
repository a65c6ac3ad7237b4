"""One source of truth for who sees a case (docs/decisions/0013): the case page
(selectors.complaint_for, rules.can_view over the case's facts and its ComplaintAccess
rows) and the lists and counts (selectors.visible_to, id sets) give the same answer for
every kind of reader, HR told at the Leader's stage included."""
from __future__ import annotations

import pytest
from django.http import Http404

from complaints.models import Complaint, ComplaintAccess
from complaints.selectors import complaint_for, visible_to
from complaints.services import complaint_escalate, complaint_give_outcome, complaint_refer_on
from protocol.machinery.access import AccessReason
from protocol.models import ComplaintKind

pytestmark = pytest.mark.django_db
READERS = ["councillor", "other_councillor", "leader", "group_leader", "officer",
           "head_of_service", "director", "other_director", "chief_executive",
           "monitoring_officer", "hr", "cfo", "red_group_leader"]


def opens(person, complaint: Complaint) -> bool:
    try:
        complaint_for(person, complaint.reference)
    except Http404:
        return False
    return True


@pytest.fixture
def cases(governance, activate, raise_case) -> dict[str, Complaint]:
    """Hounslow: a case at each stage up to the Leader's (where HR is told, 001 §11.2), a
    grievance, and fraud concerns with and without money."""
    c = governance
    activate("hounslow")
    at_leader = raise_case()
    complaint_give_outcome(complaint=at_leader, actor=c.director, outcome="not_upheld",
                           reasons="No fault.")
    complaint_escalate(complaint=at_leader, actor=c.councillor, reason="Not satisfied.")
    complaint_refer_on(complaint=at_leader, actor=c.chief_executive, reason="For the Leader.")
    return {"first_stage": raise_case(), "at_leader": at_leader,
            "grievance": raise_case(ComplaintKind.COUNCILLOR_CONDUCT),
            "fraud": raise_case(ComplaintKind.FRAUD, about=c.officer),
            "fraud_money": raise_case(ComplaintKind.FRAUD, about=c.officer,
                                      money_involved=True)}


@pytest.mark.parametrize("name", READERS)
def test_the_lists_and_the_case_page_agree_for_every_reader(governance, cases, name):
    reader = getattr(governance, name)
    listed = set(visible_to(reader).values_list("reference", flat=True))
    opened = {case.reference for case in Complaint.objects.all() if opens(reader, case)}
    assert listed == opened
    assert visible_to(reader).count() == len(opened)


def test_hr_told_at_the_leaders_stage_sees_it_in_both_and_nothing_else(governance, cases):
    hr, case = governance.hr, cases["at_leader"]
    given = ComplaintAccess.objects.get(case=case)
    assert (given.person, given.reason) == (hr, AccessReason.HR_TOLD)
    assert set(visible_to(hr)) == {case}
    assert opens(hr, case) and not opens(hr, cases["first_stage"])
