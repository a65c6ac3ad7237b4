"""An enquiry raised as a complaint: the enquiry's clock stops, its state says why, and
only those who may see the complaint learn that there is one; the complaint's handlers
may read the enquiry it came from."""
from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from casework.models import Enquiry, EnquiryEvent, EnquiryReminder, EventKind
from casework.models import State as EnquiryState
from casework.selectors import enquiry_for
from casework.services import NewEnquiry, enquiry_log, enquiry_withdraw
from complaints.models import Complaint, Outcome
from complaints.services import (
    NewComplaint,
    complaint_escalate,
    complaint_from_enquiry,
    complaint_give_outcome,
)
from protocol.models import ComplaintKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(council):
    # Shared with the other members for the ward: the group leader sits for North too.
    return enquiry_log(councillor=council.councillor, entered=NewEnquiry(
        subject="Missed bins on Park Road", details="Three weeks running.",
        ward=council.north, service=council.waste, visibility="ward"))


def raise_from(enquiry, council, about=None):
    return complaint_from_enquiry(enquiry=enquiry, actor=council.councillor, entered=(
        NewComplaint(kind=ComplaintKind.OFFICER_CONDUCT, summary="Ignored my enquiry",
                     details="No reply for a month.", subject_person=about or council.officer,
                     subject_service=council.waste)))


def test_raising_it_as_a_complaint_stops_the_enquirys_clock(council, enquiry):
    assert EnquiryReminder.objects.filter(enquiry=enquiry, cancelled_at__isnull=True).exists()
    raise_from(enquiry, council)
    enquiry.refresh_from_db()
    assert enquiry.state == EnquiryState.REDIRECTED
    assert enquiry.get_state_display() == "Closed: being handled another way"
    assert enquiry.closed_at is not None
    assert not EnquiryReminder.objects.filter(enquiry=enquiry, fired_at__isnull=True,
                                              cancelled_at__isnull=True).exists()
    closed = EnquiryEvent.objects.filter(enquiry=enquiry, kind=EventKind.CLOSED).get()
    assert (closed.from_state, closed.to_state) == (EnquiryState.NEW, EnquiryState.REDIRECTED)


def test_the_enquirys_timeline_never_names_the_complaint(council, enquiry):
    # Everyone on the enquiry reads its timeline: the officer complained about, their
    # Head of Service and Director, and the ward colleagues it was shared with.
    complaint = raise_from(enquiry, council)
    summaries = " ".join(EnquiryEvent.objects.filter(enquiry=enquiry)
                         .values_list("summary", flat=True))
    assert complaint.reference not in summaries
    assert "complaint" not in summaries.lower()


@pytest.mark.parametrize(("name", "sees"), [
    ("councillor", True), ("chief_executive", True), ("monitoring_officer", True),
    ("director", True), ("head_of_service", False), ("group_leader", False)])
def test_the_enquiry_page_links_the_complaint_only_for_those_who_may_see_it(
        client, council, enquiry, name, sees):
    # Westminster: the enquiry is with the Director (first contact, 003), the complaint
    # about them goes to the Chief Executive, and they are told of it at once. Their Head
    # of Service and the ward colleague read the enquiry, and nothing of the complaint.
    assert enquiry.assigned_to == council.director
    complaint = raise_from(enquiry, council, about=council.director)
    assert complaint.handler == council.chief_executive and complaint.subject_told
    client.force_login(getattr(council, name))
    page = client.get(reverse("casework:detail", args=[enquiry.reference]))
    assert page.status_code == 200
    text = page.content.decode()
    assert (complaint.reference in text) is sees
    assert (complaint.get_absolute_url() in text) is sees
    assert "being handled another way" in text


def test_the_complaints_handlers_at_every_stage_may_read_the_source_enquiry(
        council, enquiry):
    # Westminster: the Director of the service, then the Chief Executive (003 §31.3(3)).
    with pytest.raises(Http404):
        enquiry_for(council.chief_executive, enquiry.reference)
    complaint = raise_from(enquiry, council)
    assert enquiry_for(complaint.handler, enquiry.reference) == enquiry
    complaint_give_outcome(complaint=complaint, actor=complaint.handler,
                           outcome=Outcome.NOT_UPHELD, reasons="No fault.")
    complaint = complaint_escalate(complaint=complaint, actor=council.councillor,
                                   reason="Not satisfied.")
    assert complaint.handler == council.chief_executive
    assert enquiry_for(council.chief_executive, enquiry.reference) == enquiry


def test_an_enquiry_closed_after_the_page_loaded_it_is_left_as_it_is(council, enquiry):
    # The councillor withdrew it in another tab: the complaint is still raised, and the
    # enquiry's own closing stands (no second close, no error from the stale copy).
    enquiry_withdraw(enquiry=Enquiry.objects.get(pk=enquiry.pk),
                     actor=council.councillor, reason="Sorted.")
    complaint = raise_from(enquiry, council)  # the copy the page loaded, still "open"
    enquiry.refresh_from_db()
    assert enquiry.state == EnquiryState.WITHDRAWN
    assert not EnquiryEvent.objects.filter(enquiry=enquiry, kind=EventKind.CLOSED).exists()
    assert complaint.source_enquiry_reference == enquiry.reference


def test_the_page_raises_it_when_the_enquiry_closed_while_the_form_was_sent(
        client, council, enquiry, monkeypatch):
    # The enquiry closes between the view reading it and the service running: a case
    # page, not a server error.
    import complaints.views as views
    read = views.enquiry_for

    def read_then_withdraw(user, reference):
        found = read(user, reference)
        if found.is_open:
            enquiry_withdraw(enquiry=enquiry, actor=council.councillor, reason="Sorted.")
        return found

    client.force_login(council.councillor)
    url = reverse("complaints:from_enquiry", args=[enquiry.reference])
    page = client.get(url).content.decode()
    token = page.split('name="submission" value="')[1].split('"')[0]
    monkeypatch.setattr(views, "enquiry_for", read_then_withdraw)
    response = client.post(url, {
        "kind": ComplaintKind.OFFICER_CONDUCT, "summary": "Ignored my enquiry",
        "details": "No reply for a month.", "subject_person": council.officer.pk,
        "subject_service": council.waste.pk, "submission": token})
    assert response.status_code == 302
    assert Complaint.objects.get(source_enquiry_reference=enquiry.reference)
