"""Subject access exports (UK GDPR Art. 15, 20; protocol.machinery.subject_access): everything about
one person, and nothing about anyone else; only the Monitoring Officer makes them.

The council: constituent A wrote to two councillors (two enquiries), constituent B to one
of them; the first councillor (user A) raised both constituents' enquiries and complained
about the officer; the officer answered A's enquiry and copied in the second councillor
(user B, 002 'no silent copies'), who also complained about the officer.
"""
from __future__ import annotations

import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.services import NewEnquiry, enquiry_hold, enquiry_message, enquiry_respond
from casework.services.intake import enquiry_log
from complaints.services import NewComplaint, complaint_from_enquiry, complaint_raise
from protocol.machinery.presenters_privacy import label, present
from protocol.machinery.subject_access import (
    ConstituentQuery,
    Subject,
    build_export,
    find_constituent,
)
from protocol.machinery.subject_access.matching import (
    BY_EMAIL,
    BY_NAME_AND_POSTCODE,
    emails_in,
    match_reasons,
    normalise_postcode,
)
from protocol.machinery.subject_access.people import PostLine, role_label
from protocol.machinery.subject_access.redaction import Redactor
from protocol.models import ComplaintKind, Notification

ANN = SimpleNamespace(name="Ann Archer", email="ann.archer@example.org",
                      address="1 Oak Road\nNorthtown\nNT1 1AA", street="1 Oak Road")
BOB = SimpleNamespace(name="Bob Baker", email="bob.baker@example.org",
                      address="22 Elm Street\nSouthtown\nST2 2BB", street="22 Elm Street")


# Pure rules: no database.

def test_postcodes_are_compared_in_their_standard_form():
    assert normalise_postcode(" nt11aa ") == "NT1 1AA"
    assert normalise_postcode("SW1A 1AA") == "SW1A 1AA"
    assert normalise_postcode("Northtown") is None


def test_a_constituent_matches_by_exact_email_or_by_name_with_postcode():
    query = ConstituentQuery(email="ann.archer@example.org", name="Ann Archer",
                             postcode="NT1 1AA")
    assert emails_in("Ann.Archer@Example.org, 07700 900123") == {"ann.archer@example.org"}
    assert match_reasons(query, name="ANN  archer", contact="07700 900123",
                         address=ANN.address) == (BY_NAME_AND_POSTCODE,)
    assert match_reasons(query, name="Someone", contact="ANN.ARCHER@example.org",
                         address="") == (BY_EMAIL,)
    # Nothing partial: a namesake elsewhere, or an email that only contains hers.
    assert match_reasons(query, name="Ann Archer", contact="", address=BOB.address) == ()
    assert match_reasons(query, name="Ann", contact="xann.archer@example.org.uk",
                         address=ANN.address) == ()


def test_the_redactor_hides_whole_words_longest_first_and_keeps_the_subject():
    redactor = Redactor({"Ruth Ashdown": "[A]", "ruth.ashdown@example.com": "[A email]",
                         "Ruth": "[R]", "Jo": "[too short]", "Ann Archer": "[kept]"},
                        keep=["ann archer"])
    text = ("Ruth Ashdown (ruth.ashdown@example.com) and RUTH  ashdown; Ruthless Ruth; "
            "ruth-ashdown.pdf; Jo; Ann Archer")
    assert redactor.text(text) == ("[A] ([A email]) and [A]; Ruthless [R]; [A].pdf; Jo; "
                                   "Ann Archer")
    assert redactor.tree({"Ruth": ["Ruth", 1, None]}) == {"Ruth": ["[R]", 1, None]}


def test_people_appear_as_their_posts():
    assert role_label([PostLine("head_of_service", where="Waste")]) == (
        "[Head of Service, Waste]")
    assert role_label([PostLine("director", where="Place", current=False)]) == (
        "[Former director, Place]")
    assert role_label([]) == "[Someone with no post in the council]"


def test_the_summary_page_shows_what_the_json_holds():
    node = present([{"due_on": "2026-01-02", "late": False, "empty": "", "parts": ["a"]}])
    [card] = node.items
    assert node.kind == "cards" and label("due_on") == "Due on"
    assert [(k, v.kind) for k, v in card.fields] == [("Due on", "text"), ("Late", "text"),
                                                     ("Parts", "bullets")]


# The council and its cases.

def _enquiry(councillor, who, subject: str, ward, service):
    return enquiry_log(councillor=councillor, entered=NewEnquiry(
        subject=subject, details=f"{subject}. Please look into it.", ward=ward,
        service=service, on_behalf_of_constituent=True, constituent_name=who.name,
        constituent_contact=who.email, constituent_address=who.address))


@pytest.fixture
def cases(council, django_capture_on_commit_callbacks):
    c = council
    user_a, user_b = c.councillor, c.other_councillor
    with django_capture_on_commit_callbacks():
        a1 = _enquiry(user_a, ANN, "Bins not collected at Oak Road", c.north, c.waste)
        b1 = _enquiry(user_a, BOB, "Potholes on Elm Street", c.north, c.waste)
        a2 = _enquiry(user_b, ANN, "Street light out on Oak Road", c.south, c.waste)
        officer = a1.assigned_to
        enquiry_message(enquiry=a1, actor=officer, body="The crew will call on Friday.",
                        cc=[user_b])
        enquiry_respond(enquiry=a1, actor=officer, body="Collected on Friday.")
        enquiry_respond(enquiry=a2, actor=a2.assigned_to, body="Confidential: a contractor "
                        "dispute.", confidential=True)
        enquiry_hold(enquiry=b1, actor=b1.assigned_to, body="Waiting for the survey.",
                     reasons="Survey booked.",
                     revised_due_on=timezone.localdate() + timedelta(days=30))
        complaint_a = complaint_from_enquiry(enquiry=a1, actor=user_a, entered=NewComplaint(
            kind=ComplaintKind.OFFICER_CONDUCT, summary="Rude on the phone",
            details="Hung up twice.", subject_person=officer, subject_service=c.waste))
        complaint_b = complaint_raise(complainant=user_b, entered=NewComplaint(
            kind=ComplaintKind.OFFICER_CONDUCT, summary="Missed the meeting",
            details="Did not come to the ward walkabout.", subject_person=officer,
            subject_service=c.waste))
    return SimpleNamespace(a1=a1, a2=a2, b1=b1, officer=officer, user_a=user_a,
                           user_b=user_b, complaint_a=complaint_a, complaint_b=complaint_b)


def _text(export) -> str:
    return json.dumps(export.data, ensure_ascii=False)


def _values_of(user) -> list[str]:
    return [user.get_full_name(), user.email]


def _references(export, key: str) -> set[str]:
    [part] = [s for s in export.data["sections"] if s["key"] == key]
    return {r.get("reference") for r in part["records"]}


def test_a_constituent_is_found_and_confirmed_by_email_or_name(cases):
    by_email = find_constituent(ConstituentQuery(email=ANN.email))
    by_name = find_constituent(ConstituentQuery(name="ann archer", postcode="NT1 1AA"))
    wrong_postcode = find_constituent(ConstituentQuery(name=ANN.name, postcode="ST2 2BB"))

    expected = {cases.a1.reference, cases.a2.reference}
    assert {m.reference for m in by_email} == expected
    assert {m.reference for m in by_name} == expected
    assert wrong_postcode == []


def test_a_name_recorded_with_extra_spaces_is_still_found(council,
                                                          django_capture_on_commit_callbacks):
    """The form promises a match "capital letters and extra spaces aside"."""
    spaced = SimpleNamespace(name="ann   ARCHER", email="", address="1 Oak Road\nnt11aa")
    with django_capture_on_commit_callbacks():
        enquiry = _enquiry(council.councillor, spaced, "Bins", council.north, council.waste)

    found = find_constituent(ConstituentQuery(name="Ann Archer", postcode="NT1 1AA"))
    assert [m.reference for m in found] == [enquiry.reference]
    assert find_constituent(ConstituentQuery(name="Ann Archer", postcode="NT1 1AB")) == []


def test_a_constituents_export_has_everything_about_them_and_nothing_else(cases, council):
    export = build_export(Subject(constituent=ConstituentQuery(email=ANN.email),
                                  enquiry_references=frozenset({cases.a1.reference,
                                                                cases.a2.reference})))
    text = _text(export)

    assert _references(export, "enquiries") == {cases.a1.reference, cases.a2.reference}
    for value in (ANN.name, ANN.email, "1 Oak Road", "The crew will call on Friday.",
                  "Collected on Friday.", cases.complaint_a.reference):
        assert value in text
    [a1] = [r for r in export.data["sections"][2]["records"]
            if r["reference"] == cases.a1.reference]
    assert a1["timeline"] and a1["emails_about_it"]
    # Nobody else: constituent B, every member of staff and councillor, the confidential
    # response, and the allegations in the complaint about the officer.
    people = [council.councillor, council.other_councillor, cases.officer,
              cases.a2.assigned_to]
    for value in [BOB.name, BOB.email, BOB.street, "ST2 2BB", cases.b1.reference,
                  "a contractor dispute", "Hung up twice", "Missed the meeting",
                  *(v for person in people for v in _values_of(person))]:
        assert value not in text, value
    assert "[Councillor (ward member), Red Group]" not in text  # no ward or group for them
    assert "[Councillor (ward member)]" in text
    assert export.data["withheld"]


def test_a_users_export_has_everything_about_them_and_nothing_else(cases):
    user_a = cases.user_a
    notifications = Notification.objects.filter(recipient=user_a).count()
    export = build_export(Subject(user_id=user_a.pk))
    text = _text(export)

    assert _references(export, "enquiries") == {cases.a1.reference, cases.b1.reference}
    assert _references(export, "complaints") == {cases.complaint_a.reference}
    assert notifications > 0 and export.counts["notifications"] == notifications
    assert export.counts["account"] == 1 and export.counts["posts"] == 1
    for value in (user_a.username, user_a.email, user_a.get_full_name(), "Hung up twice",
                  "The crew will call on Friday.", "Waiting for the survey."):
        assert value in text
    for value in [ANN.name, ANN.email, ANN.street, BOB.name, BOB.email, BOB.street,
                  "NT1 1AA", "ST2 2BB", cases.a2.reference, cases.complaint_b.reference,
                  *_values_of(cases.user_b), *_values_of(cases.officer)]:
        assert value not in text, value
    assert "[Officer, Waste and Recycling]" in text or "[Director, Place]" in text


def test_a_users_export_has_their_sign_ins_and_no_one_elses(cases, client):
    from tests.factories import PASSWORD

    for user, agent in ((cases.user_a, "Their browser"), (cases.user_b, "Another browser")):
        signed_in = client.post("/sign-in/", {"username": user.username, "password": PASSWORD},
                                HTTP_USER_AGENT=agent, REMOTE_ADDR="192.0.2.7")
        assert signed_in.status_code == 302
        client.logout()
    export = build_export(Subject(user_id=cases.user_a.pk))

    [part] = [s for s in export.data["sections"] if s["key"] == "sign_ins"]
    [sign_in] = part["records"]
    assert sign_in["from_address"] == "192.0.2.7" and sign_in["browser"] == "Their browser"
    assert sign_in["signed_in"] and sign_in["signed_out"]
    assert "Another browser" not in _text(export)


def test_someone_copied_in_gets_the_outline_and_their_copy_only(cases):
    export = build_export(Subject(user_id=cases.user_b.pk))
    [copied] = [r for r in export.data["sections"][2]["records"]
                if r["reference"] == cases.a1.reference]

    assert copied["your_part"] == ["You were copied in"]
    assert "details" not in copied and "constituent" not in copied
    assert [x["body"] for x in copied["correspondence"]] == ["The crew will call on Friday."]
    text = _text(export)
    assert "Collected on Friday." not in text
    assert cases.user_a.get_full_name() not in text and ANN.name not in text


def test_the_person_complained_about_gets_the_cases_about_them(cases):
    export = build_export(Subject(user_id=cases.officer.pk))
    assert _references(export, "complaints") >= {cases.complaint_a.reference,
                                                  cases.complaint_b.reference}
    assert "Did not come to the ward walkabout." in _text(export)
    assert cases.user_b.get_full_name() not in _text(export)


def test_an_officer_an_enquiry_was_taken_from_gets_the_events_that_name_them(
        council, django_capture_on_commit_callbacks):
    from casework.services import enquiry_note, enquiry_reassign

    with django_capture_on_commit_callbacks():
        enquiry = _enquiry(council.councillor, ANN, "Bins", council.north, council.waste)
        first = enquiry.assigned_to
        enquiry_reassign(enquiry=enquiry, actor=council.head_of_service,
                         officer=council.officer, reason=f"{first} is on leave.")
        # Another directorate's enquiry whose history only has a longer name in it.
        unrelated = _enquiry(council.councillor, BOB, "Rent", council.north, council.housing)
        enquiry_note(enquiry=unrelated, actor=council.councillor,
                     summary=f"{first.get_full_name()}son called about it.")
    assert first.pk not in (council.head_of_service.pk, council.officer.pk,
                            unrelated.assigned_to_id)
    export = build_export(Subject(user_id=first.pk))

    assert _references(export, "enquiries") == {enquiry.reference}
    [record] = export.data["sections"][2]["records"]
    assert record["your_part"] == ["You are named in its history"]
    assert [e["what"] for e in record["timeline"]] == ["Sent to officer", "Reassigned"]
    assert f"{first.get_full_name()} is on leave." in _text(export)


def test_names_the_system_cannot_recognise_stay_until_the_monitoring_officer_hides_them(
        cases):
    from casework.services import enquiry_note

    enquiry_note(enquiry=cases.a1, actor=cases.user_a, summary="Her carer, Dora Finch, "
                 "says the bins were left again.")
    subject = Subject(constituent=ConstituentQuery(email=ANN.email),
                      enquiry_references=frozenset({cases.a1.reference}))

    assert "Dora Finch" in _text(build_export(subject))
    hidden = _text(build_export(subject, hide=["dora finch"]))
    assert "Dora Finch" not in hidden and "[Withheld: another person]" in hidden


def _queries(subject: Subject) -> int:
    with CaptureQueriesContext(connection) as context:
        build_export(subject)
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_number_of_cases(cases, council,
                                                      django_assert_max_num_queries,
                                                      django_capture_on_commit_callbacks):
    user, constituent = Subject(user_id=cases.user_a.pk), Subject(
        constituent=ConstituentQuery(email=ANN.email),
        enquiry_references=frozenset({cases.a1.reference}))
    before = (_queries(user), _queries(constituent))
    references = {cases.a1.reference}
    with django_capture_on_commit_callbacks():
        for n in range(4):
            enquiry = _enquiry(cases.user_a, ANN, f"More bins {n}", council.north,
                               council.waste)
            enquiry_respond(enquiry=enquiry, actor=enquiry.assigned_to, body="Done.")
            references.add(enquiry.reference)
    constituent = Subject(constituent=constituent.constituent,
                          enquiry_references=frozenset(references))

    assert (_queries(user), _queries(constituent)) == before
    with django_assert_max_num_queries(25):
        build_export(user)


# The pages.

def _search(client, **data):
    return client.post(reverse("protocol:subject_access"), data)


def test_only_the_monitoring_officer_has_the_pages(cases, client, council):
    pages = ["protocol:subject_access", "protocol:subject_access_summary",
             "protocol:subject_access_json"]
    for name in pages:
        assert client.get(reverse(name)).status_code == 302  # to sign in
    for person in (council.councillor, council.chief_executive, council.director,
                   council.hr):
        client.force_login(person)
        for name in pages:
            assert client.post(reverse(name), {"search": "account",
                                               "account-person": "councillor",
                                               "user": person.pk}).status_code == 404
    client.force_login(council.monitoring_officer)
    assert client.get(reverse("protocol:subject_access")).status_code == 200
    assert client.get(reverse("protocol:subject_access_json")).status_code == 405


def test_the_monitoring_officer_searches_confirms_and_downloads(cases, client, council,
                                                                caplog):
    client.force_login(council.monitoring_officer)
    search = {"search": "constituent", "constituent-email": ANN.email.upper(),
              "constituent-full_name": "", "constituent-postcode": ""}
    found = _search(client, **search)
    assert found.status_code == 200
    assert cases.a1.reference in found.text and cases.a2.reference in found.text
    assert cases.b1.reference not in found.text

    # Nothing chosen: the error, and the matches and the search still there.
    none = client.post(reverse("protocol:subject_access_summary"), search)
    assert "Select the enquiries that are about the person who asked" in none.text
    assert cases.a1.reference in none.text and ANN.email.upper() in none.text
    # An enquiry that did not match cannot be slipped in.
    slipped = client.post(reverse("protocol:subject_access_summary"),
                          {**search, "references": [cases.b1.reference]})
    assert "Select enquiries from the list" in slipped.text

    chosen = {**search, "references": [cases.a1.reference]}
    summary = client.post(reverse("protocol:subject_access_summary"), chosen)
    assert summary.status_code == 200 and "Collected on Friday." in summary.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="casework.security"):
        download = client.post(reverse("protocol:subject_access_json"), chosen)
    assert download["Content-Disposition"].startswith('attachment; filename="subject-access')
    assert download["Cache-Control"].startswith("max-age=0")
    data = json.loads(download.content)
    assert {r["reference"] for r in data["sections"][2]["records"]} == {cases.a1.reference}
    [event] = [r.security_event for r in caplog.records if hasattr(r, "security_event")]
    assert event["event"] == "export" and event["format"] == "json"
    assert event["enquiries"] == [cases.a1.pk] and event["subject_user"] is None
    assert ANN.email not in caplog.text.lower()


def test_a_person_with_an_account_is_chosen_from_the_matches(cases, client, council):
    client.force_login(council.monitoring_officer)
    user = cases.user_b
    found = _search(client, **{"search": "account", "account-person": user.last_name})
    assert user.username in found.text

    summary = client.post(reverse("protocol:subject_access_summary"),
                          {"search": "account", "account-person": user.last_name,
                           "user": user.pk})
    assert summary.status_code == 200
    assert "Missed the meeting" in summary.text


def test_a_name_too_short_to_hide_is_refused_not_silently_left(cases, client, council):
    client.force_login(council.monitoring_officer)
    chosen = {"search": "constituent", "constituent-email": ANN.email,
              "constituent-full_name": "", "constituent-postcode": "",
              "references": [cases.a1.reference], "hide": "Dora Finch\nJo"}
    summary = client.post(reverse("protocol:subject_access_summary"), chosen)
    assert "“Jo” is too short to hide" in summary.text
    download = client.post(reverse("protocol:subject_access_json"), chosen)
    assert "Content-Disposition" not in download
    assert "“Jo” is too short to hide" in download.text


def test_search_errors_are_explained_and_what_was_typed_is_kept(client, council):
    client.force_login(council.monitoring_officer)
    response = _search(client, **{"search": "constituent", "constituent-email": "",
                                  "constituent-full_name": "Ann Archer",
                                  "constituent-postcode": "NOPE"})
    assert "Enter a real postcode, like SW1A 1AA" in response.text
    assert 'value="Ann Archer"' in response.text
    response = _search(client, **{"search": "constituent", "constituent-email": "",
                                  "constituent-full_name": "Ann Archer",
                                  "constituent-postcode": ""})
    assert "Enter the postcode: a name is matched only with it" in response.text
    response = _search(client, **{"search": "account", "account-person": ""})
    assert "Enter the person&#x27;s name, username or email address" in response.text
