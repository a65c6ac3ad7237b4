"""Complaint pages: raising through the form, refusals that change nothing, actions by
the wrong person, the CSV export, and raising a complaint from an enquiry."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import EnquiryEvent, EventKind
from casework.services import NewEnquiry, enquiry_log
from complaints.errors import NotAllowed
from complaints.models import Complaint, ComplaintEvent, Outcome, State
from complaints.services import NewComplaint, complaint_from_enquiry, complaint_give_outcome
from protocol.models import ComplaintKind
from tests.factories import sent_once

pytestmark = pytest.mark.django_db
DETAILS = "Shouted at me in the corridor after the planning meeting."


def raise_through_form(client, user, **extra):
    client.force_login(user)
    data = {"kind": ComplaintKind.OFFICER_CONDUCT, "subject_person": "", "summary":
            "Rude at the meeting", "details": DETAILS}
    data.update(extra)
    return client.post(reverse("complaints:new"), sent_once(data))


def test_a_councillor_raises_a_complaint_through_the_form(client, council):
    response = raise_through_form(client, council.councillor,
                                  subject_person=council.officer.pk,
                                  subject_service=council.waste.pk)
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == complaint.get_absolute_url()
    assert (complaint.complainant, complaint.subject_person, complaint.handler) == (
        council.councillor, council.officer, council.director)
    assert complaint.details == DETAILS
    page = client.get(response["Location"]).content.decode()
    assert complaint.reference in page
    assert DETAILS in page
    assert f"Case {complaint.reference} raised" in page


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, council):
    response = raise_through_form(client, council.councillor, summary="",
                                  subject_person=council.officer.pk)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert DETAILS in page
    assert Complaint.objects.count() == 0


def test_a_refusal_by_the_rules_is_shown_on_the_form_and_saves_nothing(client, council):
    old = timezone.localdate() - timedelta(days=400)
    response = raise_through_form(client, council.officer,
                                  kind=ComplaintKind.CODE_OF_CONDUCT,
                                  subject_person=council.councillor.pk,
                                  conduct_date_day=old.day, conduct_date_month=old.month,
                                  conduct_date_year=old.year)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The conduct must have happened in the last 6 months" in page
    assert DETAILS in page
    for part in ("day", "month", "year"):  # the date as it was typed, in its three boxes
        assert (f'name="conduct_date_{part}" type="text" inputmode="numeric" '
                f'value="{getattr(old, part)}"') in page
    assert Complaint.objects.count() == 0 and ComplaintEvent.objects.count() == 0


def test_the_form_offers_each_person_only_the_kinds_they_may_raise(client, council):
    response = raise_through_form(client, council.councillor,
                                  kind=ComplaintKind.COUNCILLOR_CONDUCT,
                                  subject_person=council.other_councillor.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Complaint.objects.count() == 0
    client.force_login(council.officer)
    kinds = client.get(reverse("complaints:new")).context["form"].fields["kind"].choices
    assert [value for value, _ in kinds] == [ComplaintKind.COUNCILLOR_CONDUCT,
                                             ComplaintKind.CODE_OF_CONDUCT, ComplaintKind.FRAUD]


def action_url(complaint, name: str) -> str:
    return reverse("complaints:action", args=[complaint.reference, name])


def test_the_handler_records_the_outcome_through_the_form(client, council, raise_case):
    complaint = raise_case()
    client.force_login(council.director)
    response = client.post(action_url(complaint, "outcome"), {
        "version": complaint.version, "outcome": Outcome.NOT_UPHELD, "reasons": "No fault."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == (State.OUTCOME, Outcome.NOT_UPHELD)


@pytest.mark.parametrize(("name", "status"), [("councillor", 403), ("monitoring_officer", 403),
                                              ("officer", 403), ("other_councillor", 404),
                                              ("head_of_service", 404)])
def test_an_action_by_the_wrong_person_is_refused_and_changes_nothing(
        client, council, raise_case, name, status):
    complaint = raise_case()
    client.force_login(getattr(council, name))
    response = client.post(action_url(complaint, "outcome"), {
        "version": complaint.version, "outcome": Outcome.UPHELD, "reasons": "Upheld."})
    assert response.status_code == status
    if status == 403:
        assert "You cannot do that on this case" in response.content.decode()
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert (fresh.state, fresh.version, fresh.outcome) == (State.WITH_HANDLER,
                                                           complaint.version, "")
    assert fresh.events.count() == 1


def test_a_stale_form_is_refused_with_a_clear_message(client, council, raise_case):
    complaint = raise_case()
    seen = complaint.version
    complaint_give_outcome(complaint=complaint, actor=council.director, outcome="upheld",
                           reasons="Apology due.")
    client.force_login(council.councillor)
    response = client.post(action_url(complaint, "withdraw"), {"version": seen})
    assert response.status_code == 409
    assert "This case changed while you were looking at it" in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).state == State.OUTCOME


def test_an_unknown_action_is_404(client, council, raise_case):
    complaint = raise_case()
    client.force_login(council.councillor)
    assert client.get(action_url(complaint, "delete")).status_code == 404


def test_the_list_shows_only_the_cases_one_may_see(client, council, raise_case):
    mine = raise_case(summary="Rude at the meeting")
    theirs = raise_case(by=council.other_councillor, summary="Ignored my emails")
    client.force_login(council.councillor)
    page = client.get(reverse("complaints:list")).content.decode()
    assert mine.reference in page and theirs.reference not in page
    assert "Ignored my emails" not in page


def test_the_csv_has_the_references_but_not_the_details(client, council, raise_case):
    first = raise_case(details="A confidential account of the meeting.")
    second = raise_case(ComplaintKind.COUNCILLOR_CONDUCT, details="Another private account.")
    client.force_login(council.monitoring_officer)
    response = client.get(reverse("complaints:list_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Reference", "Kind", "State"]
    assert sorted(row[0] for row in rows[1:]) == sorted([first.reference, second.reference])
    assert "confidential account" not in text and "private account" not in text


# An enquiry that turns out to be a complaint.

@pytest.fixture
def enquiry(council):
    return enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins on Park Road", details="Three weeks running.",
        ward=council.north, service=council.waste))


def entered(council) -> NewComplaint:
    return NewComplaint(kind=ComplaintKind.OFFICER_CONDUCT, summary="Ignored my enquiry",
                        details="No reply for a month.", subject_person=council.officer)


def test_the_raising_councillor_turns_an_enquiry_into_a_complaint(council, enquiry):
    complaint = complaint_from_enquiry(enquiry=enquiry, actor=council.councillor,
                                       entered=entered(council))
    assert complaint.source_enquiry_reference == enquiry.reference
    assert complaint.handler == council.director
    closed = EnquiryEvent.objects.filter(enquiry=enquiry, kind=EventKind.CLOSED).get()
    assert closed.actor == council.councillor
    assert complaint.reference not in closed.summary  # test_from_enquiry.py


@pytest.mark.parametrize("name", ["other_councillor", "director", "monitoring_officer"])
def test_nobody_else_turns_it_into_a_complaint(council, enquiry, name):
    with pytest.raises(NotAllowed, match="Only the councillor who raised the enquiry"):
        complaint_from_enquiry(enquiry=enquiry, actor=getattr(council, name),
                               entered=entered(council))
    assert Complaint.objects.count() == 0
    assert not EnquiryEvent.objects.filter(enquiry=enquiry, kind=EventKind.NOTE).exists()


def test_raising_from_an_enquiry_through_the_form(client, council, enquiry):
    url = reverse("complaints:from_enquiry", args=[enquiry.reference])
    client.force_login(council.councillor)
    form = client.get(url).context["form"]
    assert form.initial["subject_person"] == enquiry.assigned_to_id
    response = client.post(url, sent_once({"kind": ComplaintKind.OFFICER_CONDUCT,
                                           "subject_person": council.officer.pk,
                                           "summary": "Ignored my enquiry",
                                           "details": DETAILS}))
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == \
        complaint.get_absolute_url()
    assert complaint.source_enquiry_reference == enquiry.reference
    client.force_login(council.director)  # the enquiry is with them, but not theirs
    assert client.post(url, {"kind": ComplaintKind.OFFICER_CONDUCT,
                             "subject_person": council.officer.pk, "summary": "x",
                             "details": "y"}).status_code == 404
    assert Complaint.objects.count() == 1
