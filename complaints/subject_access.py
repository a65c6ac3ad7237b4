"""What complaints add to a subject access export (protocol.machinery.subject_access, whose
docstring gives the rules): the cases a person raised, is the subject of, handled or acted on, when
they opened each case, and the cases raised from a constituent's enquiries."""
from __future__ import annotations

from django.db.models import Prefetch, Q

from complaints.models import Complaint, ComplaintEvent, ComplaintView, Handling
from complaints.selectors import untold, visible_to
from protocol.council.selectors import active_profile_or_none
from protocol.machinery.subject_access.people import People
from protocol.machinery.subject_access.registry import Collected, Subject, section, when
from protocol.models import User


def _cases(where: Q) -> list[Complaint]:
    return list(Complaint.objects.filter(where).select_related("subject_service")
                .prefetch_related(Prefetch("handlings", queryset=Handling.objects
                                           .order_by("stage_position")), "events")
                .order_by("received_at", "pk"))


def _event(event: ComplaintEvent, people: People) -> dict:
    return {"at": when(event.at), "what": event.action, "by": people.ref(event.actor_id),
            "from_state": event.from_state, "to_state": event.to_state,
            "stage": event.stage_position, "reason": event.reason}


def _outline(case: Complaint) -> dict:
    return {"reference": case.reference, "kind": case.get_kind_display(),
            "state": case.get_state_display(),
            "stage": f"{case.stage_position} of {case.stage_count}: {case.stage_title}",
            "received": when(case.received_at), "closed": when(case.closed_at)}


def _whole(case: Complaint, people: People) -> dict:
    return {**_outline(case), "summary": case.summary, "details": case.details,
            "conduct_date": when(case.conduct_date), "money_involved": case.money_involved,
            "raised_from_enquiry": case.source_enquiry_reference,
            "raised_by": people.ref(case.complainant_id),
            "about": people.ref(case.subject_person_id),
            "about_service": str(case.subject_service or ""),
            "handler": people.ref(case.handler_id), "stage_due_on": when(case.stage_due_on),
            "person_complained_about_told": case.subject_told,
            "outcome": case.get_outcome_display(), "outcome_reasons": case.outcome_reasons,
            "handlers": [{"stage": h.stage_position, "handler": people.ref(h.handler_id),
                          "from": when(h.started_at)} for h in case.handlings.all()],
            "history": [_event(e, people) for e in case.events.all()]}


def _parts(case: Complaint, user_id: int) -> list[str]:
    found = [
        (case.complainant_id == user_id, "You raised it"),
        (case.subject_person_id == user_id, "It is about you"),
        (any(h.handler_id == user_id for h in case.handlings.all()), "You handled a stage"),
        (any(e.actor_id == user_id for e in case.events.all()), "You acted on it"),
    ]
    return [words for present, words in found if present]


def _own_part(case: Complaint, user_id: int, name: str, people: People) -> dict:
    """A case the person handled or acted on: its outline and their part in it."""
    named = name.casefold()
    return {**_outline(case),
            "stages_handled": [h.stage_position for h in case.handlings.all()
                               if h.handler_id == user_id],
            "history": [_event(e, people) for e in case.events.all()
                        if e.actor_id == user_id
                        or (named and named in f"{e.action} {e.reason}".casefold())]}


@section("complaints", "Complaints, grievances and concerns", order=30)
def complaints(subject: Subject, people: People) -> Collected:
    """A person's cases, or the cases raised from a constituent's enquiries."""
    if subject.user_id is None:
        return _from_enquiries(subject.enquiry_references)
    user_id, collected = subject.user_id, Collected()
    name = people.subject.name if people.subject else ""
    involved = (Q(complainant_id=user_id) | Q(subject_person_id=user_id)
                | Q(handler_id=user_id)
                | Q(pk__in=Handling.objects.filter(handler_id=user_id).values("complaint_id"))
                | Q(pk__in=ComplaintEvent.objects.filter(actor_id=user_id)
                    .values("complaint_id")))
    # The case pages' rule, not a second one: what the person may not open is not exported.
    user = User.objects.get(pk=user_id)
    for case in _cases(involved & Q(pk__in=visible_to(user).values("pk"))):
        party = user_id in (case.complainant_id, case.subject_person_id)
        record = (_whole(case, people) if party
                  else _own_part(case, user_id, name, people))
        collected.records.append({"your_part": _parts(case, user_id), **record})
        collected.ids.append(case.pk)
    collected.withheld += _untold(user)
    return collected


def _untold(user: User) -> list[dict]:
    """A case about the person that the protocol has not yet told them of (never a fraud
    concern, 003 §31.3(3)) is left out whole: releasing it would prejudice the case (DPA
    2018 Sch. 2 para. 2, crime; para. 7, functions protecting the public). Whether the
    export says that anything was withheld is the profile's choice, and it never says what:
    not the reference, not how many."""
    profile = active_profile_or_none()
    if profile is None or not profile.subject_access_says_withheld:
        return []
    if not Complaint.objects.filter(untold(user)).exists():
        return []
    return [{"what": "Information about a matter still being considered",
             "why": "Releasing it now would be likely to prejudice an investigation "
                    "(Data Protection Act 2018, Schedule 2: the exemptions for crime and "
                    "for functions that protect the public).",
             "records": []}]


def _from_enquiries(references: frozenset[str]) -> Collected:
    """A complaint raised from a constituent's enquiry is about an officer's handling of it:
    the constituent gets that it exists and where it stands, not the allegations."""
    cases = list(Complaint.objects.filter(source_enquiry_reference__in=references)
                 .order_by("received_at", "pk"))
    collected = Collected(
        [{**_outline(c), "raised_from_enquiry": c.source_enquiry_reference} for c in cases],
        ids=[c.pk for c in cases])
    if cases:
        collected.withheld.append({
            "what": "The allegations and outcome of complaints raised from the enquiries",
            "why": "They concern an officer's conduct: that officer's personal data.",
            "records": [c.reference for c in cases]})
    return collected


@section("complaint_views", "Complaint cases the person opened", order=35)
def complaint_views(subject: Subject, people: People) -> Collected:
    """Each time the person opened a case (the record of who saw what, when)."""
    if subject.user_id is None:
        return Collected()
    rows = list(ComplaintView.objects.filter(viewer_id=subject.user_id)
                .select_related("complaint").only("at", "what", "complaint__reference")
                .order_by("at", "pk"))
    return Collected([{"case": v.complaint.reference, "what": v.what, "at": when(v.at)}
                      for v in rows], ids=[v.pk for v in rows])
