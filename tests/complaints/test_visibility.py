"""Who sees a case (complaints.rules.can_view, complaints.selectors): the complainant, the
current and earlier handlers and the Monitoring Officer; the subject once told; a fraud
concern only those it went to (003 §31.3(3)). Everyone else gets 404, admins included."""
from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from complaints.models import ComplaintView
from complaints.selectors import Filters, complaint_for, complaint_list, visible_to
from complaints.services import complaint_escalate, complaint_give_outcome, complaint_refer_on
from complaints.views import ACTIONS
from protocol.models import ComplaintKind, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OFFICER_CONDUCT, GRIEVANCE = ComplaintKind.OFFICER_CONDUCT, ComplaintKind.COUNCILLOR_CONDUCT
FRAUD = ComplaintKind.FRAUD


def status(client, user, url: str, method: str = "get") -> int:
    client.force_login(user)
    return getattr(client, method)(url).status_code


def opens(person, complaint) -> bool:
    try:
        complaint_for(person, complaint.reference)
    except Http404:
        return False
    return True


def escalated(council, raise_case):
    """Westminster: the Director gave an outcome, the councillor escalated to the CE."""
    complaint = raise_case(OFFICER_CONDUCT)
    complaint = complaint_give_outcome(complaint=complaint, actor=council.director,
                                       outcome="not_upheld", reasons="No fault.")
    return complaint_escalate(complaint=complaint, actor=council.councillor,
                              reason="Not satisfied.")


def test_those_on_the_case_see_it_and_each_look_is_recorded(client, council, raise_case):
    complaint = escalated(council, raise_case)
    assert complaint.handler == council.chief_executive
    on_the_case = [council.councillor, council.director, council.chief_executive,
                   council.monitoring_officer, council.officer]  # told from stage 1
    for person in on_the_case:
        assert status(client, person, complaint.get_absolute_url()) == 200, person.username
    looks = ComplaintView.objects.filter(complaint=complaint, what="case")
    assert sorted(looks.values_list("viewer__username", flat=True)) == sorted(
        p.username for p in on_the_case)
    assert status(client, council.councillor, complaint.get_absolute_url()) == 200
    assert looks.filter(viewer=council.councillor).count() == 2


@pytest.mark.parametrize("name", ["other_councillor", "head_of_service", "other_director",
                                  "leader", "hr", "admin"])
def test_anyone_else_gets_404_for_the_case_and_every_action(client, council, raise_case,
                                                          name):
    council.admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    complaint = escalated(council, raise_case)
    version, person = complaint.version, getattr(council, name)
    urls = [complaint.get_absolute_url()] + [
        reverse("complaints:action", args=[complaint.reference, action]) for action in ACTIONS]
    for url in urls:
        assert status(client, person, url) == 404, url
        assert status(client, person, url, "post") == 404, url
    complaint.refresh_from_db()
    assert complaint.version == version
    assert not ComplaintView.objects.filter(viewer=person).exists()


def test_the_subject_sees_it_only_once_told(client, council, activate, raise_case):
    # Harrow's grievance: the officer's Director first, without telling the councillor;
    # the Monitoring Officer's stage tells them (its ladder's subject_told).
    activate("harrow")
    complaint = raise_case(GRIEVANCE)
    assert not complaint.subject_told
    assert status(client, council.councillor, complaint.get_absolute_url()) == 404
    assert complaint not in complaint_list(council.councillor, Filters())
    complaint_refer_on(complaint=complaint, actor=council.director, reason="For the MO.")
    assert status(client, council.councillor, complaint.get_absolute_url()) == 200
    assert list(complaint_list(council.councillor, Filters())) == [complaint]


@pytest.mark.parametrize(("money", "cfo_sees"), [(False, False), (True, True)])
def test_fraud_is_seen_by_the_complainant_ce_mo_and_cfo_where_money_is_involved(
        client, governance, raise_case, money, cfo_sees):
    c = governance
    complaint = raise_case(FRAUD, about=c.officer, money_involved=money)
    url = complaint.get_absolute_url()
    for person in (c.councillor, c.chief_executive, c.monitoring_officer):
        assert status(client, person, url) == 200, person.username
    assert (status(client, c.cfo, url) == 200) is cfo_sees
    for person in (c.officer, c.director, c.head_of_service, c.other_councillor, c.leader):
        assert status(client, person, url) == 404, person.username


def test_the_subject_of_fraud_never_sees_it_however_senior(client, governance, raise_case):
    c = governance
    about_mo = raise_case(FRAUD, about=c.monitoring_officer, money_involved=True)
    about_ce = raise_case(FRAUD, about=c.chief_executive, money_involved=True)
    about_cfo = raise_case(FRAUD, about=c.cfo, money_involved=True)
    for complaint, subject in ((about_mo, c.monitoring_officer), (about_ce, c.chief_executive),
                               (about_cfo, c.cfo)):
        assert status(client, subject, complaint.get_absolute_url()) == 404, subject.username
        assert complaint not in visible_to(subject)
    assert set(visible_to(c.monitoring_officer)) == {about_ce, about_cfo}


def test_the_list_shows_each_person_exactly_the_cases_they_may_open(
        governance, activate, raise_case):
    c = governance
    activate("harrow")
    cases = [
        raise_case(OFFICER_CONDUCT),
        escalated(c, raise_case),
        raise_case(GRIEVANCE),  # the councillor is not told at stage 1
        raise_case(GRIEVANCE, by=c.head_of_service, about=c.leader),
        raise_case(FRAUD, about=c.director),
        raise_case(FRAUD, about=c.officer, money_involved=True),
        raise_case(ComplaintKind.CODE_OF_CONDUCT, by=c.other_councillor),
    ]
    everyone = list(User.objects.all())
    for person in everyone:
        listed = set(complaint_list(person, Filters(state="")))
        can_open = {complaint for complaint in cases if opens(person, complaint)}
        assert listed == can_open, person.username
    assert set(complaint_list(c.monitoring_officer, Filters(state=""))) == set(cases)
    assert set(visible_to(c.other_councillor)) == {cases[-1]}
