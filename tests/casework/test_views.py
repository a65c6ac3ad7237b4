"""Enquiry pages: the councillor's and officer's journeys through the views, permissions
(404 for anyone without a right), clear refusals that change nothing, constant queries."""
import csv
import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.models import Enquiry, EnquiryEvent, State
from tests.factories import sent_once

pytestmark = pytest.mark.django_db


def log_through_form(client, council, **extra):
    client.force_login(council.councillor)
    data = {"subject": "Missed bins on Park Road", "details": "Three weeks running.",
            "service": council.waste.pk, "ward": council.north.pk, "visibility": "private",
            "on_behalf_of_constituent": "on", "constituent_name": "Ada Lovelace",
            "constituent_contact": "ada@example.com", "constituent_address": "1 Park Road"}
    data.update(extra)
    return client.post(reverse("casework:new"), sent_once(data))


def test_a_councillor_logs_an_enquiry_and_sees_the_reference_and_due_date(client, council):
    response = log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:logged", args=[enquiry.reference])
    page = client.get(response["Location"]).content.decode()
    assert enquiry.reference in page
    assert enquiry.due_on.strftime("%-d %B %Y") in page
    detail = client.get(enquiry.get_absolute_url()).content.decode()
    assert "How the due date was worked out" in detail
    assert "Ada Lovelace" in detail


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, council):
    response = log_through_form(client, council, subject="", constituent_name="")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Three weeks running." in page  # nothing the user entered is lost
    assert Enquiry.objects.count() == 0


def test_an_attachment_must_be_what_its_name_says(client, council):
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = log_through_form(client, council, attachments=[fake])
    assert response.status_code == 200
    assert "letter.pdf is not a real .pdf file" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_an_attachment_is_stored_and_served_only_to_those_on_the_case(client, council):
    uploaded = b"%PDF-1.4 hello"
    pdf = SimpleUploadedFile("letter.pdf", uploaded, content_type="application/pdf")
    log_through_form(client, council, attachments=[pdf])
    enquiry = Enquiry.objects.get()
    item = enquiry.attachments.get()
    url = reverse("casework:attachment", args=[enquiry.reference, item.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.getvalue() == uploaded
    client.force_login(council.other_councillor)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("outsider", ["other_councillor", "officer", "other_director", "hr",
                                      "chief_executive", "leader"])
def test_anyone_without_a_right_gets_404_for_the_page_and_its_actions(client, council,
                                                                       outsider):
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    client.force_login(getattr(council, outsider))
    assert client.get(enquiry.get_absolute_url()).status_code == 404
    for name in ("respond", "hold", "message", "accept", "withdraw"):
        url = reverse("casework:action", args=[enquiry.reference, name])
        assert client.get(url).status_code == 404
        assert client.post(url, {"version": 1, "body": "x"}).status_code == 404
    assert not EnquiryEvent.objects.filter(enquiry=enquiry, actor=getattr(council, outsider)
                                           ).exists()


@pytest.mark.parametrize("insider", ["councillor", "director", "monitoring_officer"])
def test_the_councillor_the_officer_and_the_monitoring_officer_see_it(client, council, insider):
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    client.force_login(getattr(council, insider))
    assert client.get(enquiry.get_absolute_url()).status_code == 200


def test_the_officer_answers_and_the_councillor_confirms(client, council):
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    client.force_login(enquiry.assigned_to)
    hold = reverse("casework:action", args=[enquiry.reference, "hold"])
    response = client.post(hold, {"version": enquiry.version, "reasons": "Waiting for the "
                                  "contractor", "revised_due_on": "2099-01-05", "body": ""})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.state == State.HOLDING and enquiry.current_due_on == date(2099, 1, 5)
    respond = reverse("casework:action", args=[enquiry.reference, "respond"])
    assert client.post(respond, {"version": enquiry.version, "body": "Collected today."}
                       ).status_code == 302
    client.force_login(council.councillor)
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "Waiting for the contractor" in page and "Collected today." in page
    confirm = reverse("casework:action", args=[enquiry.reference, "confirm"])
    enquiry.refresh_from_db()
    assert client.post(confirm, {"version": enquiry.version}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.state == State.CLOSED


def test_a_stale_form_is_refused_with_a_clear_message_and_changes_nothing(client, council):
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    client.force_login(enquiry.assigned_to)
    url = reverse("casework:action", args=[enquiry.reference, "respond"])
    client.post(reverse("casework:action", args=[enquiry.reference, "accept"]),
                {"version": enquiry.version})
    events = EnquiryEvent.objects.count()
    response = client.post(url, {"version": enquiry.version, "body": "Done"})
    assert response.status_code == 409
    assert "changed while you were looking" in response.content.decode()
    assert EnquiryEvent.objects.count() == events


def test_the_councillor_cannot_answer_their_own_enquiry(client, council):
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    url = reverse("casework:action", args=[enquiry.reference, "respond"])
    response = client.post(url, {"version": enquiry.version, "body": "Done"})
    assert response.status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.state == State.NEW


def test_an_officer_confirming_an_unanswered_enquiry_is_refused_as_not_theirs(client, council):
    """403, not 409: the refusal says whose it is to do, not what state the enquiry is in
    (permission before state)."""
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    client.force_login(enquiry.assigned_to)
    url = reverse("casework:action", args=[enquiry.reference, "confirm"])
    response = client.post(url, {"version": enquiry.version})
    assert response.status_code == 403
    assert "You cannot do that to this enquiry" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.state == State.NEW


def test_lists_take_a_constant_number_of_queries(client, council,
                                                 django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str, user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    log_through_form(client, council)
    director = Enquiry.objects.get().assigned_to
    few = (count(reverse("casework:mine"), council.councillor),
           count(reverse("casework:queue"), director))
    for n in range(12):
        log_through_form(client, council, subject=f"Enquiry {n}")
    many = (count(reverse("casework:mine"), council.councillor),
            count(reverse("casework:queue"), director))
    assert few == many


def test_the_queue_exports_csv_without_personal_data(client, council):
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    client.force_login(enquiry.assigned_to)
    response = client.get(reverse("casework:queue_csv"))
    body = b"".join(response.streaming_content).decode()
    assert enquiry.reference in body
    assert "Ada Lovelace" not in body


def test_a_formula_in_a_subject_leaves_the_csv_as_text_and_the_export_is_logged(
        client, council, caplog):
    log_through_form(client, council, subject="=HYPERLINK(\"http://x.example\",\"Click\")")
    enquiry = Enquiry.objects.get()
    client.force_login(enquiry.assigned_to)
    with caplog.at_level("INFO", logger="casework.security"):
        response = client.get(reverse("casework:queue_csv"))
        body = b"".join(response.streaming_content).decode()
    row = next(csv.reader(io.StringIO(body.splitlines()[1])))
    assert row[1] == "'=HYPERLINK(\"http://x.example\",\"Click\")"
    events = [json.loads(r.getMessage()) for r in caplog.records]
    assert [(e["actor"], e["file"]) for e in events if e["event"] == "export"] == [
        (enquiry.assigned_to.pk, "enquiries.csv")]


def test_search_finds_by_reference_and_words(client, council):
    log_through_form(client, council)
    log_through_form(client, council, subject="Pothole on the High Street", details="Deep.")
    first, second = Enquiry.objects.order_by("pk")
    client.force_login(first.assigned_to)
    page = client.get(reverse("casework:queue"), {"q": "pothole"}).content.decode()
    assert second.reference in page and first.reference not in page
    page = client.get(reverse("casework:queue"), {"q": first.reference}).content.decode()
    assert first.reference in page and second.reference not in page


def test_the_acknowledgement_shows_how_the_due_date_was_worked_out(client, council):
    response = log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "How the due date was worked out" in page
    assert f"Received on {enquiry.received_on:%A} {enquiry.received_on.day} " in page
    assert "Days not counted:" in page  # ten working days always span a weekend
    assert f"Due date: <strong>{enquiry.due_on:%A} {enquiry.due_on.day} " in page


def test_a_holding_reply_needs_its_reasons_and_date_and_says_which_is_missing(client, council):
    log_through_form(client, council)
    enquiry = Enquiry.objects.get()
    client.force_login(enquiry.assigned_to)
    hold = reverse("casework:action", args=[enquiry.reference, "hold"])
    response = client.post(hold, {"version": enquiry.version, "reasons": "", "body": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<a href="#id_reasons">Enter the reasons a full response is not yet possible</a>' \
        in page
    assert '<a href="#id_revised_due_on_0">Enter the date the full response will be sent by' \
        '</a>' in page
    assert "This field is required" not in page
    response = client.post(hold, {"version": enquiry.version, "reasons": "Contractor",
                                  "revised_due_on_day": "30", "revised_due_on_month": "2",
                                  "revised_due_on_year": "2099"})
    assert response.status_code == 400
    assert "The date of the full response must be a real date" in response.content.decode()
    assert (Enquiry.objects.get().state, enquiry.correspondence.count()) == (State.NEW, 0)

    response = client.post(hold, {"version": enquiry.version, "reasons": "Contractor",
                                  "revised_due_on_day": "5", "revised_due_on_month": "1",
                                  "revised_due_on_year": "2099"})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.current_due_on) == (State.HOLDING, date(2099, 1, 5))


def test_every_state_has_a_tag_colour_and_a_redirected_enquiry_is_grey_like_closed():
    """A state with no colour renders as a bare tag: every state, the one closed as "being
    handled another way" included, has one; the ended states are grey alike."""
    from casework.templatetags.casework_tags import TAG_COLOURS

    assert set(TAG_COLOURS) == set(State.values)
    assert TAG_COLOURS[State.REDIRECTED] == TAG_COLOURS[State.CLOSED]
