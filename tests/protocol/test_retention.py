"""Retention (issue: "periods per record type in the profile (e.g. enquiries 2 years after
closure, conduct complaints 6 years after determination); a scheduled task anonymises what
has expired, history included, except cases on legal hold; each run is logged").

The seeds set no period (000-004 are silent on records management): the periods tested here
are the council's defaults (protocol.machinery.retention.periods). Runs are made "as of" a day in
the future rather than by back-dating cases, so every case is made through its services."""
from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from casework.errors import EnquiryError, NotAllowed
from casework.models import Attachment, Correspondence, Enquiry, EnquiryEvent, EventKind
from casework.services import (
    NewEnquiry,
    enquiry_accept,
    enquiry_attach,
    enquiry_confirm,
    enquiry_legal_hold,
    enquiry_log,
    enquiry_message,
    enquiry_redirect,
    enquiry_reopen,
    enquiry_respond,
)
from complaints.errors import ComplaintError
from complaints.models import Complaint, ComplaintEvent, Outcome, State
from complaints.services import (
    NewComplaint,
    complaint_accept,
    complaint_give_outcome,
    complaint_legal_hold,
    complaint_raise,
    complaint_withdraw,
)
from protocol.council.rules.roles import Roles
from protocol.machinery.history import verify
from protocol.machinery.retention import hold
from protocol.machinery.retention.erase import MARKER, allowed
from protocol.machinery.retention.periods import (
    DEFAULTS,
    RecordType,
    complaint_record_type,
    is_expired,
    last_expired_day,
    periods,
    years_before,
)
from protocol.machinery.retention.service import periods_in_force, retention_run
from protocol.models import ComplaintKind, Notification, RetentionPeriod, RetentionRun
from protocol.tasks import apply_retention


def years_on(years: int, days: int = 0) -> date:
    """The council's today, `years` years (and `days` days) on."""
    return years_before(timezone.localdate(), -years) + timedelta(days=days)


# --- the rules: plain values, no database ----------------------------------------------


def test_a_record_expires_on_the_anniversary_of_its_end():
    ended = date(2024, 3, 10)
    assert not is_expired(ended, 2, date(2026, 3, 9))
    assert is_expired(ended, 2, date(2026, 3, 10))
    assert is_expired(ended, 2, date(2030, 1, 1))
    assert not is_expired(None, 2, date(2099, 1, 1))  # still open: never


def test_29_february_counts_back_to_28_february_in_a_common_year():
    assert years_before(date(2028, 2, 29), 2) == date(2026, 2, 28)
    assert years_before(date(2028, 2, 29), 4) == date(2024, 2, 29)
    assert last_expired_day(date(2026, 3, 1), 2) == date(2024, 3, 1)
    # Ended on 29 February: kept the full two years, so gone on 1 March, not 28 February.
    assert not is_expired(date(2024, 2, 29), 2, date(2026, 2, 28))
    assert is_expired(date(2024, 2, 29), 2, date(2026, 3, 1))


def test_the_defaults_are_the_issues_examples():
    assert DEFAULTS[RecordType.ENQUIRY].years == 2  # "enquiries 2 years after closure"
    conduct = DEFAULTS[RecordType.COMPLAINT_COUNCILLOR_CONDUCT]
    assert (conduct.years, conduct.after) == (6, "determination")  # "6 years after ..."
    assert DEFAULTS[RecordType.COMPLAINT_CODE_OF_CONDUCT].years == 6


def test_every_kind_of_complaint_has_its_own_period():
    assert {complaint_record_type(kind) for kind in ComplaintKind.values} <= set(DEFAULTS)


def test_a_profiles_period_replaces_the_default_for_its_type_only():
    chosen = periods({"enquiry": 3})
    assert chosen["enquiry"] == 3
    assert chosen["complaint.officer_conduct"] == 6
    assert set(chosen) == {str(kind) for kind in RecordType}


def test_only_the_monitoring_officer_holds_and_a_hold_needs_a_reason():
    assert hold.may_hold(Roles(kinds=frozenset({"monitoring_officer"})))
    assert not hold.may_hold(Roles(kinds=frozenset({"chief_executive"})))
    assert hold.refusal(held=False, anonymised=False, hold=True, reason="Claim filed.") == ""
    assert "reason" in hold.refusal(held=False, anonymised=False, hold=True, reason=" ")
    assert "already" in hold.refusal(held=True, anonymised=False, hold=True, reason="x")
    assert "not on legal hold" in hold.refusal(held=False, anonymised=False, hold=False,
                                               reason="x")
    assert "anonymised" in hold.refusal(held=False, anonymised=True, hold=True, reason="x")


# --- cases made through the services ----------------------------------------------------


@pytest.fixture(autouse=True)
def celery_runs_tasks_in_process():
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def log(council):
    def log_enquiry(**fields) -> Enquiry:
        entered = {"subject": "Damp in Flat 4, Alder Court", "details": "Mould in every room.",
                   "ward": council.north, "service": council.waste,
                   "on_behalf_of_constituent": True, "constituent_name": "Ruth Ashdown",
                   "constituent_contact": "ruth@example.com",
                   "constituent_address": "4 Alder Court", "preferred_officer": council.officer,
                   "relationship_note": "Already on the Alder Court round.", **fields}
        return enquiry_log(councillor=council.councillor, entered=NewEnquiry(**entered))

    return log_enquiry


@pytest.fixture
def closed(council, log):
    """`closed()`: an enquiry answered, with a message, a file and emails, confirmed and
    closed today."""

    def close(**fields) -> Enquiry:
        enquiry = log(**fields)
        enquiry_attach(enquiry=enquiry, actor=council.councillor, files=[SimpleUploadedFile(
            "mould.pdf", b"%PDF-1.4 Ruth Ashdown", content_type="application/pdf")])
        enquiry_accept(enquiry=enquiry, actor=council.officer)
        enquiry_message(enquiry=enquiry, actor=council.officer, body="Ruth: is Tuesday ok?")
        enquiry_respond(enquiry=enquiry, actor=council.officer, body="Treated on Tuesday.")
        return enquiry_confirm(enquiry=enquiry, actor=council.councillor)

    return close


@pytest.fixture
def grievance(council):
    """`grievance()`: an officer's grievance about the councillor, determined by the
    Monitoring Officer: closed today (001 §11.3). The shared council has no Standards
    Committee in post, so the Monitoring Officer's stage is the last one the case can
    reach and the outcome is the decision; accepted by the officer where it is not."""

    def determined() -> Complaint:
        case = complaint_raise(complainant=council.officer, entered=NewComplaint(
            kind=ComplaintKind.COUNCILLOR_CONDUCT, summary="Cllr shouted at Jodie Marsh",
            details="At the depot, in front of the crew.", subject_person=council.councillor))
        case = complaint_give_outcome(complaint=case, actor=case.handler,
                                      outcome=Outcome.UPHELD, reasons="Witnesses agree.")
        if case.state == State.CLOSED:
            return case
        return complaint_accept(complaint=case, actor=council.officer)

    return determined


def text_of(enquiry: Enquiry) -> tuple:
    fresh = Enquiry.objects.get(pk=enquiry.pk)
    return (fresh.subject, fresh.details, fresh.constituent_name, fresh.constituent_contact,
            fresh.constituent_address, fresh.relationship_note)


def chains_intact() -> bool:
    out = StringIO()
    call_command("verify_history", stdout=out)  # raises CommandError on a broken chain
    return "Every chain is intact" in out.getvalue()


# --- periods in the profile ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_seed_profiles_carry_the_default_periods_as_the_councils_choice():
    rows = RetentionPeriod.objects.filter(profile__slug="westminster")
    assert dict(rows.values_list("record_type", "years")) == {
        str(kind): default.years for kind, default in DEFAULTS.items()}
    assert all("sets no retention period" in basis
               for basis in rows.values_list("basis", flat=True))
    for period in RetentionPeriod.objects.all():
        period.full_clean()


@pytest.mark.django_db
def test_the_active_profiles_period_is_the_one_in_force(council):
    RetentionPeriod.objects.filter(profile__is_active=True, record_type="enquiry").update(
        years=5)
    assert periods_in_force()["enquiry"] == 5
    RetentionPeriod.objects.filter(profile__is_active=True).delete()
    assert periods_in_force()["enquiry"] == 2  # no row: the default


# --- enquiries -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_expired_closed_enquiry_is_anonymised_with_its_history(
        council, closed, django_capture_on_commit_callbacks):
    enquiry = closed()
    [attachment] = Attachment.objects.filter(enquiry=enquiry)
    stored = attachment.file.name
    assert default_storage.exists(stored)
    skeleton = Enquiry.objects.filter(pk=enquiry.pk).values(
        "reference", "state", "ward", "service", "raised_by", "assigned_to", "received_at",
        "due_on", "responded_at", "answered_in_time", "closed_at").get()
    emails = Notification.objects.filter(url=enquiry.get_absolute_url())
    assert emails.exists()
    old_summaries = list(EnquiryEvent.objects.filter(enquiry=enquiry).values_list(
        "summary", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        run = retention_run(today=years_on(2))

    assert text_of(enquiry) == (MARKER,) * 6
    fresh = Enquiry.objects.get(pk=enquiry.pk)
    assert fresh.anonymised_at is not None
    assert Enquiry.objects.filter(pk=enquiry.pk).values(*skeleton).get() == skeleton
    assert set(Correspondence.objects.filter(enquiry=enquiry).values_list("body", flat=True)) \
        == {MARKER}
    assert not Attachment.objects.filter(enquiry=enquiry).exists()
    assert not default_storage.exists(stored)  # deleted once the batch committed
    timeline = list(EnquiryEvent.objects.filter(enquiry=enquiry).order_by("pk"))
    assert len(timeline) == len(old_summaries) + 1
    assert {e.summary for e in timeline[:-1]} == {MARKER}
    assert (timeline[-1].kind, timeline[-1].actor_id) == (EventKind.ANONYMISED, None)
    assert {e.kind for e in timeline} > {EventKind.LOGGED, EventKind.RESPONSE}  # kept
    assert set(emails.values_list("body", flat=True)) == {MARKER}
    assert not any("Ashdown" in (e.subject + e.body) for e in Notification.objects.all())
    assert verify(EnquiryEvent).breaks == []
    assert chains_intact()
    assert run.anonymised["enquiry"] == 1


@pytest.mark.django_db
def test_open_unexpired_and_held_enquiries_are_untouched(council, log, closed):
    still_open = log(subject="Open: Ruth's fence")
    recent = closed(subject="Closed a year ago: Ruth's gate")
    held = closed(subject="Held: Ruth's claim")
    enquiry_legal_hold(enquiry=held, actor=council.monitoring_officer, hold=True,
                       reason="Insurance claim pending.")
    before = {e.pk: (text_of(e), list(EnquiryEvent.objects.filter(enquiry=e)
                                      .values_list("hash", flat=True)))
              for e in (still_open, recent, held)}

    # Run as of one day before `recent` expires: `held` has expired, but is held.
    run = retention_run(today=years_on(2, days=-1))
    assert run.anonymised["enquiry"] == 0
    run = retention_run(today=years_on(2))
    assert run.anonymised["enquiry"] == 1  # `recent`: now two years closed
    assert run.held["enquiry"] == 1

    for enquiry in (still_open, held):
        assert (text_of(enquiry), list(EnquiryEvent.objects.filter(enquiry=enquiry)
                                        .values_list("hash", flat=True))) == before[enquiry.pk]
        assert Enquiry.objects.get(pk=enquiry.pk).anonymised_at is None
    assert text_of(recent)[0] == MARKER

    # Released, the held one goes at the next run; the open one never does.
    enquiry_legal_hold(enquiry=held, actor=council.monitoring_officer, hold=False,
                       reason="Claim settled.")
    run = retention_run(today=years_on(10))
    assert (run.anonymised["enquiry"], run.held["enquiry"]) == (1, 0)
    assert text_of(held)[0] == MARKER
    assert text_of(still_open)[0] == "Open: Ruth's fence"


@pytest.mark.django_db
def test_a_redirected_enquiry_is_anonymised_after_its_period_and_kept_before(council, log):
    """Closed as "being handled another way" (raised as a complaint, 001 §11) the enquiry
    is finished like a closed one: kept for the period from its closure, then anonymised."""
    enquiry = enquiry_redirect(enquiry=log(), actor=council.councillor)
    assert enquiry.closed_at is not None

    assert retention_run(today=years_on(2, days=-1)).anonymised["enquiry"] == 0
    assert text_of(enquiry)[0] == "Damp in Flat 4, Alder Court"
    assert retention_run(today=years_on(2)).anonymised["enquiry"] == 1
    assert text_of(enquiry) == (MARKER,) * 6
    assert Enquiry.objects.get(pk=enquiry.pk).state == "redirected"


@pytest.mark.django_db
def test_a_second_run_does_nothing(council, closed, grievance):
    enquiry, case = closed(), grievance()
    first = retention_run(today=years_on(7))
    assert first.total_anonymised == 2
    hashes = (list(EnquiryEvent.objects.values_list("pk", "hash", "summary")),
              list(ComplaintEvent.objects.values_list("pk", "hash", "reason")))
    stamps = (Enquiry.objects.get(pk=enquiry.pk).anonymised_at,
              Complaint.objects.get(pk=case.pk).anonymised_at)

    second = retention_run(today=years_on(7))

    assert second.total_anonymised == 0 and second.pk != first.pk
    assert (list(EnquiryEvent.objects.values_list("pk", "hash", "summary")),
            list(ComplaintEvent.objects.values_list("pk", "hash", "reason"))) == hashes
    assert (Enquiry.objects.get(pk=enquiry.pk).anonymised_at,
            Complaint.objects.get(pk=case.pk).anonymised_at) == stamps


@pytest.mark.django_db
def test_batches_are_bounded_and_each_is_logged(council, closed, caplog):
    made = [closed(subject=f"Case {n}") for n in range(3)]
    with caplog.at_level(logging.INFO, logger="casework.security"):
        run = retention_run(today=years_on(2), batch_size=2)
    logged = [json.loads(r.getMessage()) for r in caplog.records
              if r.name == "casework.security"]
    erasures = [e for e in logged if e["event"] == "erasure"]
    assert [(e["record_type"], e["count"]) for e in erasures] == [("enquiry", 2),
                                                                  ("enquiry", 1)]
    assert all(e["run"] == run.pk for e in erasures)
    [summary] = [e for e in logged if e["event"] == "retention.run"]
    assert (summary["run"], summary["anonymised"], summary["held"]) == (run.pk, 3, 0)
    assert all(Enquiry.objects.get(pk=e.pk).anonymised_at for e in made)
    assert not any("Ashdown" in r.getMessage() or "Case 1" in r.getMessage()
                   for r in caplog.records)


@pytest.mark.django_db
def test_the_run_is_recorded(council, closed):
    closed()
    run = retention_run(today=years_on(2))
    stored = RetentionRun.objects.get(pk=run.pk)
    assert stored.as_of == years_on(2)
    assert stored.started_at <= stored.finished_at
    assert stored.anonymised["enquiry"] == 1
    assert set(stored.anonymised) == {str(kind) for kind in RecordType}  # every type run
    # Holds are for enquiries, complaints and the registers' requests: each of their types
    # says how many it kept.
    assert set(stored.held) == {"enquiry", "information_request", "group_request",
                                *(complaint_record_type(kind) for kind in ComplaintKind.values)}


@pytest.mark.django_db
def test_the_profiles_period_decides(council, closed):
    enquiry = closed()
    RetentionPeriod.objects.filter(profile__is_active=True, record_type="enquiry").update(
        years=3)
    assert retention_run(today=years_on(2)).anonymised["enquiry"] == 0
    assert retention_run(today=years_on(3)).anonymised["enquiry"] == 1
    assert text_of(enquiry)[0] == MARKER


@pytest.mark.django_db
def test_an_anonymised_enquiry_cannot_be_reopened_or_held(council, closed):
    enquiry = closed()
    retention_run(today=years_on(2))
    with pytest.raises(EnquiryError, match="reopened"):
        enquiry_reopen(enquiry=enquiry, actor=council.councillor, reason="Again.")
    with pytest.raises(EnquiryError, match="anonymised"):
        enquiry_legal_hold(enquiry=enquiry, actor=council.monitoring_officer, hold=True,
                           reason="Too late.")


# --- complaints ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_conduct_complaint_is_kept_six_years_after_its_determination(council, grievance):
    case = grievance()
    assert case.closed_at is not None
    reasons = set(ComplaintEvent.objects.filter(complaint=case).values_list("reason",
                                                                            flat=True))
    assert "Witnesses agree." in reasons

    assert retention_run(today=years_on(6, days=-1)).anonymised[
        "complaint.councillor_conduct"] == 0
    assert Complaint.objects.get(pk=case.pk).summary == "Cllr shouted at Jodie Marsh"

    run = retention_run(today=years_on(6))

    assert run.anonymised["complaint.councillor_conduct"] == 1
    fresh = Complaint.objects.get(pk=case.pk)
    assert (fresh.summary, fresh.details, fresh.outcome_reasons) == (MARKER,) * 3
    assert (fresh.kind, fresh.state, fresh.outcome, fresh.stage_position) == (
        case.kind, case.state, case.outcome, case.stage_position)  # the skeleton
    history = list(ComplaintEvent.objects.filter(complaint=case).order_by("pk"))
    assert {e.reason for e in history} <= {MARKER, ""}
    assert history[-1].action.startswith("anonymised")
    assert not Notification.objects.filter(url=case.get_absolute_url()).exclude(
        body=MARKER).exists()
    assert verify(ComplaintEvent).breaks == []
    assert chains_intact()


@pytest.mark.django_db
def test_a_complaint_on_legal_hold_is_kept(council, grievance):
    case = grievance()
    complaint_legal_hold(complaint=case, actor=council.monitoring_officer, hold=True,
                         reason="Employment tribunal claim.")
    run = retention_run(today=years_on(20))
    assert (run.anonymised["complaint.councillor_conduct"],
            run.held["complaint.councillor_conduct"]) == (0, 1)
    assert Complaint.objects.get(pk=case.pk).summary == "Cllr shouted at Jodie Marsh"


@pytest.mark.django_db
def test_a_withdrawn_officer_complaint_counts_from_its_withdrawal(council):
    case = complaint_raise(complainant=council.councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Rude", details="On the phone.",
        subject_person=council.officer))
    assert retention_run(today=years_on(6)).anonymised["complaint.officer_conduct"] == 0
    complaint_withdraw(complaint=case, actor=council.councillor, reason="Apologised.")
    assert retention_run(today=years_on(6)).anonymised["complaint.officer_conduct"] == 1


# --- legal hold --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_monitoring_officer_sets_and_releases_a_hold_in_the_history(
        council, log, caplog, django_capture_on_commit_callbacks):
    enquiry = log()
    for person in (council.councillor, council.officer, council.chief_executive):
        with pytest.raises(NotAllowed):
            enquiry_legal_hold(enquiry=enquiry, actor=person, hold=True, reason="x")
    with caplog.at_level(logging.INFO, logger="casework.security"), \
            django_capture_on_commit_callbacks(execute=True):
        held = enquiry_legal_hold(enquiry=enquiry, actor=council.monitoring_officer,
                                  hold=True, reason="Claim expected.")
    assert (held.legal_hold, held.legal_hold_by, held.legal_hold_reason) == (
        True, council.monitoring_officer, "Claim expected.")
    event = EnquiryEvent.objects.filter(enquiry=enquiry).latest("pk")
    assert (event.kind, event.actor) == (EventKind.LEGAL_HOLD, council.monitoring_officer)
    assert "Claim expected." in event.summary
    [logged] = [json.loads(r.getMessage()) for r in caplog.records
                if r.name == "casework.security"]
    assert (logged["event"], logged["record"], logged["record_id"], logged["by"]) == (
        "legal_hold.set", "casework.enquiry", enquiry.pk, council.monitoring_officer.pk)
    assert "Claim" not in caplog.text

    released = enquiry_legal_hold(enquiry=held, actor=council.monitoring_officer, hold=False,
                                  reason="No claim made.")
    assert (released.legal_hold, released.legal_hold_by, released.legal_hold_reason) == (
        False, None, "")
    assert EnquiryEvent.objects.filter(enquiry=enquiry).latest("pk").kind == (
        EventKind.LEGAL_HOLD_RELEASED)
    assert verify(EnquiryEvent).breaks == []


@pytest.mark.django_db
def test_a_complaint_hold_is_the_monitoring_officers_and_needs_a_reason(council, grievance):
    case = grievance()
    with pytest.raises(ComplaintError, match="Only the Monitoring Officer"):
        complaint_legal_hold(complaint=case, actor=council.director, hold=True, reason="x")
    with pytest.raises(ComplaintError, match="Enter the reason"):
        complaint_legal_hold(complaint=case, actor=council.monitoring_officer, hold=True,
                             reason="  ")
    held = complaint_legal_hold(complaint=case, actor=council.monitoring_officer, hold=True,
                                reason="Tribunal.")
    event = ComplaintEvent.objects.filter(complaint=case).latest("pk")
    assert (held.legal_hold, event.action, event.reason) == (True, "legal hold set",
                                                            "Tribunal.")


@pytest.mark.django_db
def test_the_hold_page_is_the_monitoring_officers_alone(council, client, log, grievance):
    enquiry, case = log(), grievance()
    pages = [(reverse("casework:legal_hold", args=[enquiry.reference]), enquiry),
             (reverse("complaints:legal_hold", args=[case.reference]), case)]
    for url, _ in pages:
        for person in (council.councillor, council.officer, council.director):
            client.force_login(person)
            assert client.get(url).status_code == 404
            assert client.post(url, {"version": 1, "reason": "x"}).status_code == 404
    client.force_login(council.monitoring_officer)
    for url, item in pages:
        detail = client.get(item.get_absolute_url()).content.decode()
        assert url in detail and "Put on legal hold" in detail
        assert client.get(url).status_code == 200
        assert client.post(url, {"version": item.version, "reason": ""}).status_code == 400
        response = client.post(url, {"version": type(item).objects.get(pk=item.pk).version,
                                     "reason": "Claim expected."})
        assert response.status_code == 302
        assert type(item).objects.get(pk=item.pk).legal_hold
        assert "Release the legal hold" in client.get(url).content.decode()
    client.force_login(council.councillor)
    shown = client.get(enquiry.get_absolute_url()).content.decode()
    enquiry_hold_url = pages[0][0]  # the enquiry's own hold page, not the last one looped
    assert "Legal hold" in shown and enquiry_hold_url not in shown


# --- the scheduled task ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_daily_task_runs_the_service(council, closed):
    closed()
    result = apply_retention()
    assert result["anonymised"]["enquiry"] == 0  # closed today: two years to go
    assert RetentionRun.objects.get(pk=result["run"]).finished_at is not None


# --- PostgreSQL: the histories stay append-only in the database --------------------------
# The run opts in for its own transaction only (SET LOCAL casework.allow_erase; casework
# and complaints migrations 0002) and re-seals the chains, so verify_history still passes.


def erase_setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting('casework.allow_erase', true), '')")
        return cursor.fetchone()[0]


def refused(change) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change()


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_run_passes_the_triggers_and_leaves_them_refusing(council, closed, grievance):
    enquiry, case = closed(), grievance()
    # Before: an ordinary session cannot rewrite either history.
    refused(lambda: EnquiryEvent.objects.filter(enquiry=enquiry).update(summary="x"))
    refused(lambda: ComplaintEvent.objects.filter(complaint=case).update(reason="x"))

    run = retention_run(today=years_on(6))

    assert run.anonymised["enquiry"] == run.anonymised["complaint.councillor_conduct"] == 1
    assert set(EnquiryEvent.objects.filter(enquiry=enquiry).exclude(kind="anonymised")
               .values_list("summary", flat=True)) == {MARKER}
    assert erase_setting() != "on"
    # After: still refused, UPDATE and DELETE alike.
    refused(lambda: EnquiryEvent.objects.filter(enquiry=enquiry).update(summary="back"))
    refused(lambda: ComplaintEvent.objects.filter(complaint=case).update(reason="back"))
    refused(lambda: EnquiryEvent.objects.filter(enquiry=enquiry).delete())
    refused(lambda: ComplaintEvent.objects.filter(complaint=case).delete())
    out = StringIO()
    call_command("verify_history", stdout=out)
    assert "Every chain is intact" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_opt_in_lasts_for_the_erasure_only(council, closed):
    enquiry = closed()
    with transaction.atomic():
        with allowed():
            assert erase_setting() == "on"
            EnquiryEvent.objects.filter(enquiry=enquiry).update(summary=MARKER)
        # Same transaction, after the erasure step: refused again.
        assert erase_setting() != "on"
        refused(lambda: EnquiryEvent.objects.filter(enquiry=enquiry).update(summary="x"))
        transaction.set_rollback(True)
    assert erase_setting() != "on"


@pytest.mark.django_db
def test_the_profile_page_shows_how_long_records_are_kept(council, client):
    RetentionPeriod.objects.filter(profile__is_active=True, record_type="enquiry").update(
        years=3, basis="The council's records management policy, section 4.")
    client.force_login(council.councillor)
    page = client.get(reverse("protocol:profile")).content.decode()
    assert "How long records are kept" in page
    assert "3 years after closure or withdrawal" in page
    assert "section 4." in page
    assert "6 years after determination" in page  # grievances: the default
