"""Reads of complaints: the case if one may see it (404 otherwise), and lists.

The Monitoring Officer's list is every case; everyone else's is the cases they raised,
handle or handled, or, once told, that are about them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from complaints import rules
from complaints.models import (
    Complaint,
    ComplaintAccess,
    ComplaintView,
    Handling,
)
from complaints.models.complaint import AWAITING_HANDLER, OPEN
from protocol.machinery.access import cases_given, given_to
from protocol.models import User
from protocol.selectors import roles_of

AGE_BUCKETS = {  # name: (min days, max days) since the case was received
    "0-30": (0, 30), "31-60": (31, 60), "61-90": (61, 90), "over-90": (91, None),
}


def facts_of(complaint: Complaint) -> rules.ComplaintFacts:
    earlier = frozenset(Handling.objects.filter(complaint=complaint)
                        .values_list("handler_id", flat=True))
    return rules.ComplaintFacts(
        kind=complaint.kind, complainant_id=complaint.complainant_id,
        handler_id=complaint.handler_id, earlier_handler_ids=earlier,
        subject_id=complaint.subject_person_id, subject_told=complaint.subject_told,
        money_involved=complaint.money_involved, granted_ids=granted_to(complaint))


def granted_to(complaint: Complaint) -> frozenset[int]:
    """Who was given sight of this case (ComplaintAccess rows: HR at the Leader's stage)."""
    return given_to(ComplaintAccess, complaint)


def complaint_for(user: User, reference: str, *, what: str = "case") -> Complaint:
    """The case if this person may see it, recording that they looked; 404 otherwise."""
    complaint = (Complaint.objects.select_related(
        "complainant", "subject_person", "subject_service", "handler")
        .filter(reference=reference).first())
    if complaint is None or not rules.can_view(roles_of(user), user.pk, facts_of(complaint)):
        raise Http404("No such case")
    ComplaintView.objects.create(complaint=complaint, viewer=user, what=what)
    return complaint


@dataclass
class Filters:
    kind: str = ""
    state: str = "open"
    stage: int | None = None
    overdue: bool = False
    age: str = ""
    received_month: str = ""
    closed_month: str = ""
    outcome: str = ""
    closed_since: str = ""  # YYYY-MM-DD: the dashboard's outcomes count from its window
    q: str = ""


def month_span(value: str) -> tuple[datetime, datetime] | None:
    """The start of the month `value` (YYYY-MM) names and of the next, or None."""
    try:
        start = datetime.strptime(value, "%Y-%m")
        end = (start + timedelta(days=32)).replace(day=1)
    except (ValueError, OverflowError):  # not a month, or the calendar's last
        return None
    return timezone.make_aware(start), timezone.make_aware(end)


def _by_state(queryset: QuerySet, state: str) -> QuerySet:
    if state == "open":
        return queryset.filter(state__in=OPEN)
    if state == "finished":
        return queryset.exclude(state__in=OPEN)
    return queryset.filter(state=state) if state else queryset


def _by_dates(queryset: QuerySet, f: Filters) -> QuerySet:
    if f.age in AGE_BUCKETS:
        low, high = AGE_BUCKETS[f.age]
        now = timezone.now()
        queryset = queryset.filter(received_at__lte=now - timedelta(days=low))
        if high is not None:
            queryset = queryset.filter(received_at__gt=now - timedelta(days=high + 1))
    for field, value in (("received_at", f.received_month), ("closed_at", f.closed_month)):
        if value and (span := month_span(value)):
            queryset = queryset.filter(**{f"{field}__gte": span[0], f"{field}__lt": span[1]})
    if f.closed_since and (since := day_start(f.closed_since)):
        queryset = queryset.filter(closed_at__gte=since)
    return queryset


def day_start(value: str) -> datetime | None:
    """The start of the day `value` (YYYY-MM-DD) names, or None for anything else."""
    try:
        return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d"))
    except ValueError:
        return None


def overdue_on(today: date) -> Q:
    """Cases (or tally rows) past their stage's time limit on `today` with the handler's
    step still to come: the list's `overdue` filter and the dashboard's overdue figures."""
    return Q(state__in=AWAITING_HANDLER, stage_due_on__lt=today)


def _filter(queryset: QuerySet, f: Filters, today: date) -> QuerySet:
    queryset = _by_dates(_by_state(queryset, f.state), f)
    exact = {"kind": f.kind, "stage_position": f.stage, "outcome": f.outcome}
    queryset = queryset.filter(**{k: v for k, v in exact.items() if v})
    if f.overdue:
        queryset = queryset.filter(overdue_on(today))
    if f.q.strip():
        text = f.q.strip()
        queryset = queryset.filter(Q(reference__iexact=text) | Q(summary__icontains=text))
    return queryset


def untold(user: User) -> Q:
    """The cases about this person that they are not to know of: the subject sees a case
    only once told, and never a fraud concern, whatever else they are (rules.can_view)."""
    return Q(subject_person=user) & (Q(subject_told=False) | Q(kind=rules.FRAUD))


def visible_to(user: User) -> QuerySet:
    """Every case the person may see (the same people as rules.can_view).

    Written as id sets so that PostgreSQL reads indexes, not every case, to list and count
    them (`make bench`, 100,000 cases): the cases kept from the person are the few found
    by subject, left out by id; the cases they are party to are the union of lookups by
    complainant, handler, earlier handler, subject and access given (ComplaintAccess)."""
    roles = roles_of(user)
    hidden = Q(pk__in=Complaint.objects.filter(untold(user)).order_by().values("pk"))
    if roles.is_monitoring_officer:
        return Complaint.objects.exclude(hidden)
    cases = Complaint.objects.order_by()
    parties = [cases.filter(complainant=user), cases.filter(handler=user),
               cases.filter(subject_person=user)]
    if roles.is_chief_executive:
        parties.append(cases.filter(kind=rules.FRAUD))
    if roles.has("chief_finance_officer"):
        parties.append(cases.filter(kind=rules.FRAUD, money_involved=True))
    handled = Handling.objects.filter(handler=user).order_by().values("complaint_id")
    seen = parties[0].values("pk").union(*(p.values("pk") for p in parties[1:]), handled,
                                         cases_given(ComplaintAccess, user), all=True)
    return Complaint.objects.filter(pk__in=seen).exclude(hidden)


def complaint_list(user: User, filters: Filters, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return (_filter(visible_to(user), filters, today)
            .select_related("complainant", "subject_person", "handler")
            .order_by("-received_at", "-pk"))


def raised_from(user: User, enquiry_reference: str) -> QuerySet:
    """The cases raised from this enquiry that the person may see (visible_to)."""
    return (visible_to(user).filter(source_enquiry_reference=enquiry_reference)
            .only("reference").order_by("received_at", "pk"))


def history(complaint: Complaint) -> QuerySet:
    return complaint.events.select_related("actor").order_by("at", "pk")
