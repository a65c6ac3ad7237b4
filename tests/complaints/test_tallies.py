"""The dashboard's tallies (protocol.machinery.tally): after any write, by a service, a model save,
a queryset update or a delete, each tally holds exactly what a recount from its cases gives.
Runs on SQLite and, in the services pass, on PostgreSQL (each has its own triggers)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

import pytest
from django.db import connection
from django.utils import timezone

from casework.models import Enquiry, EnquiryTally
from casework.models.tally import TALLY as ENQUIRY_TALLY
from complaints import dashboard as figures
from complaints.models import Complaint, ComplaintTally
from complaints.models.tally import TALLY as COMPLAINT_TALLY
from protocol.machinery import tally
from protocol.models import ComplaintKind as Kind

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]  # for the tallies' SQLite triggers
serial = count(1)


def london(*args: int) -> datetime:
    return timezone.make_aware(datetime(*args))


def counts(model) -> list[tuple[str, int]]:
    return sorted(model.objects.values_list("key", "n"))


def assert_exact(model, definition) -> None:
    """The tally as the triggers left it is the tally recounted from scratch."""
    kept = counts(model)
    tally.rebuild(definition, connection)
    assert kept == counts(model)
    assert all(n > 0 for _, n in kept)


def enquiry(council, received: date, **fields) -> Enquiry:
    due = received + timedelta(days=14)
    return Enquiry.objects.create(**{
        "reference": f"E{next(serial)}", "raised_by": council.councillor,
        "ward": council.north, "service": council.waste, "subject": "Missed bins",
        "details": "Three weeks running.", "received_at": london(*received.timetuple()[:3], 9),
        "received_on": received, "due_on": due, "current_due_on": due, **fields})


def case(council, received: datetime, **fields) -> Complaint:
    return Complaint.objects.create(**{
        "reference": f"C{next(serial)}", "kind": Kind.OFFICER_CONDUCT,
        "complainant": council.councillor, "summary": "Rude at the meeting",
        "details": "Shouted.", "stage_count": 2, "stage_title": "Service Director",
        "stage_started_at": received, "received_at": received, **fields})


def test_the_enquiry_tally_follows_every_kind_of_write(council):
    first = enquiry(council, date(2025, 5, 1))
    enquiry(council, date(2025, 5, 1))  # the same key: one row, n = 2
    enquiry(council, date(2025, 5, 20), service=None)
    assert EnquiryTally.objects.get(key__startswith=f"{council.waste.pk}|").n == 2
    assert_exact(EnquiryTally, ENQUIRY_TALLY)

    first.respond(at=london(2025, 5, 10, 12))  # a transition saved by the model
    first.save()
    assert_exact(EnquiryTally, ENQUIRY_TALLY)
    Enquiry.objects.filter(service=None).update(state="withdrawn")  # no save() at all
    Enquiry.objects.filter(pk=first.pk).update(service=council.housing,
                                               holding_reply_at=london(2025, 5, 9, 9))
    assert_exact(EnquiryTally, ENQUIRY_TALLY)
    Enquiry.objects.filter(service=council.housing).delete()
    assert_exact(EnquiryTally, ENQUIRY_TALLY)
    assert sum(EnquiryTally.objects.values_list("n", flat=True)) == Enquiry.objects.count()


def test_the_complaint_tally_follows_every_kind_of_write(council):
    # 00:30 BST on 1 July is July for the council (and June in UTC).
    late = case(council, london(2024, 7, 1, 0, 30), stage_due_on=date(2024, 7, 20))
    case(council, london(2024, 6, 30, 23, 30), kind=Kind.FRAUD,
         subject_person=council.monitoring_officer)
    assert set(ComplaintTally.objects.values_list("received_month", flat=True)) == {
        date(2024, 7, 1), date(2024, 6, 1)}
    assert_exact(ComplaintTally, COMPLAINT_TALLY)

    Complaint.objects.filter(pk=late.pk).update(
        state="closed", outcome="upheld", closed_at=london(2024, 8, 31, 23, 30))
    assert ComplaintTally.objects.get(state="closed").closed_month == date(2024, 8, 1)
    Complaint.objects.filter(kind=Kind.FRAUD).update(subject_told=True)  # still hidden
    assert_exact(ComplaintTally, COMPLAINT_TALLY)
    Complaint.objects.filter(pk=late.pk).delete()
    assert_exact(ComplaintTally, COMPLAINT_TALLY)
    assert list(ComplaintTally.objects.values_list("hidden_from", "n")) == [
        (council.monitoring_officer.pk, 1)]


def test_the_tallied_figures_are_the_cases_counted(council):
    """Every figure from the tallies equals the same figure counted from the cases."""
    now, today = timezone.now(), timezone.localdate()
    for i in range(12):
        received = today - timedelta(days=9 * i)
        enquiry(council, received, state=["new", "holding", "answered", "withdrawn"][i % 4],
                responded_at=now if i % 4 == 2 else None, answered_in_time=i % 8 == 2,
                holding_reply_at=now if i % 4 == 1 else None)
        finished = i % 3 == 0
        case(council, now - timedelta(days=17 * i),
             state="closed" if finished else ["informal", "with_handler"][i % 2],
             outcome="upheld" if finished else "", closed_at=now if finished else None,
             stage_due_on=today - timedelta(days=i % 3 - 1))
    since = figures.window_start(today)
    d = figures.dashboard()
    assert sum(k.open for k in d.kinds) == Complaint.objects.filter(
        state__in=["informal", "with_handler", "outcome"]).count() == d.ageing.open
    assert sum(k.overdue for k in d.kinds) == d.ageing.overdue
    assert sum(m.new for m in d.months) == Complaint.objects.filter(
        received_at__gte=london(since.year, since.month, 1)).count()
    assert sum(o.count for o in d.outcomes) == sum(m.closed for m in d.months) == 4
    assert d.compliance_total.received == Enquiry.objects.filter(
        received_on__gte=since).count()
    assert d.overdue_enquiries_total == Enquiry.objects.filter(
        state__in=["new", "accepted", "holding"], current_due_on__lt=today).count()
