"""Reads of complaints: the case if one may see it (404 otherwise), and lists.

The Monitoring Officer's list is every case; everyone else's is the cases they raised,
handle or handled, or, once told, that are about them."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from complaints import rules
from complaints.filters import ComplaintFilter, Filters
from complaints.models import (
    Complaint,
    ComplaintAccess,
    ComplaintView,
    Handling,
)
from protocol.council.selectors import roles_of
from protocol.machinery.access import cases_given, given_to
from protocol.models import User


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


def _filter(queryset: QuerySet, f: Filters, today: date) -> QuerySet:
    return ComplaintFilter(queryset=queryset, today=today).apply(queryset, asdict(f))


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
