"""What the registers add to a subject access export (protocol.machinery.subject_access, whose
docstring gives the rules): declared relationships, need-to-know requests, political
groups' requests and ward notices that name the person. A party to an entry gets it
whole; someone who only decided or acted on it gets its outline and their own part."""
from __future__ import annotations

from django.db.models import Q

from protocol.machinery.subject_access.people import People
from protocol.machinery.subject_access.registry import Collected, Subject, section, when
from registers.models import (
    GroupFollowUp,
    GroupRequest,
    GroupRequestEvent,
    InformationRequest,
    InformationRequestEvent,
    Relationship,
    RelationshipEvent,
    WardNotice,
    WardNoticeDelivery,
)
from registers.models.common import TimelineEvent


def _history(events, people: People, user_id: int | None = None) -> list[dict]:
    """An entry's timeline; with `user_id`, only the events that person did."""
    return [{"at": when(e.at), "what": e.action, "by": people.ref(e.actor_id),
             "from_state": e.from_state, "to_state": e.to_state, "summary": e.summary}
            for e in events if user_id is None or e.actor_id == user_id]


def _acted(model: type[TimelineEvent], link: str, user_id: int) -> Q:
    return Q(pk__in=model._default_manager.filter(actor_id=user_id).values(link))


@section("relationships", "Declared close personal relationships", order=40)
def relationships(subject: Subject, people: People) -> Collected:
    """Relationships the person is party to, declared or ended, or acted on (001 §10)."""
    if subject.user_id is None:
        return Collected()
    me, collected = subject.user_id, Collected()
    rows = (Relationship.objects.filter(
        Q(councillor_id=me) | Q(officer_id=me) | Q(declared_by_id=me) | Q(ended_by_id=me)
        | _acted(RelationshipEvent, "relationship_id", me))
        .prefetch_related("events").order_by("declared_at", "pk"))
    for r in rows:
        party = me in (r.councillor_id, r.officer_id)
        record: dict[str, object] = {
            "councillor": people.ref(r.councillor_id),
            "officer": people.ref(r.officer_id), "nature": r.get_nature_display(),
            "state": r.get_state_display(), "declared": when(r.declared_at),
            "ended": when(r.ended_at)}
        if party:
            record |= {"description": r.description, "declared_by": people.ref(r.declared_by_id),
                       "ended_by": people.ref(r.ended_by_id), "end_reason": r.end_reason}
        record["history"] = _history(r.events.all(), people, None if party else me)
        collected.records.append(record)
        collected.ids.append(r.pk)
    return collected


def _info_whole(r: InformationRequest, people: People) -> dict:
    return {"what": r.what, "why": r.why, "committee": str(r.committee or ""),
            "personal_data": r.personal_data, "justification": r.justification,
            "for_a_third_party": r.third_party, "officer": people.ref(r.officer_id),
            "provided": r.provided, "purpose": r.purpose, "confidential": r.confidential,
            "acknowledged": when(r.acknowledged_at),
            "refusal_ground": r.get_refusal_ground_display(),
            "refusal_reasons": r.refusal_reasons, "dispute_reasons": r.dispute_reasons,
            "monitoring_officer_reasons": r.mo_reasons}


@section("information_requests", "Need-to-know requests", order=50)
def information_requests(subject: Subject, people: People) -> Collected:
    """Requests the person made, handled or decided (002, 003 §31.12, 004)."""
    if subject.user_id is None:
        return Collected()
    me, collected = subject.user_id, Collected()
    rows = (InformationRequest.objects.filter(
        Q(councillor_id=me) | Q(officer_id=me)
        | _acted(InformationRequestEvent, "request_id", me))
        .select_related("service", "committee").prefetch_related("events")
        .order_by("submitted_at", "pk"))
    for r in rows:
        party = r.councillor_id == me
        record: dict[str, object] = {
            "reference": r.reference, "councillor": people.ref(r.councillor_id),
            "service": str(r.service or ""), "state": r.get_state_display(),
            "submitted": when(r.submitted_at), "due_on": when(r.due_on),
            "decided": when(r.decided_at)}
        if party:
            record |= _info_whole(r, people)
        record["history"] = _history(r.events.all(), people, None if party else me)
        collected.records.append(record)
        collected.ids.append(r.pk)
    return collected


def _group_whole(r: GroupRequest, people: People) -> dict:
    return {"details": r.details, "meeting_on": when(r.meeting_on),
            "officer_asked_for": people.ref(r.officer_requested_id),
            "considerable_resources": r.considerable_resources,
            "resources_note": r.resources_note, "decision": r.get_decision_display(),
            "decision_reason": r.decision_reason, "decided_by": people.ref(r.decided_by_id),
            "officer": people.ref(r.officer_id), "delivered_on": when(r.delivered_on)}


def _follow_ups(r: GroupRequest, me: int, people: People) -> list[dict]:
    return [{"kind": f.get_kind_display(), "group": str(f.group), "state": f.get_state_display(),
             "asked": when(f.requested_at), "done": when(f.done_at),
             "done_note": f.done_note if me in (f.requested_by_id, f.done_by_id) else ""}
            for f in r.follow_ups.all() if me in (f.requested_by_id, f.done_by_id)]


@section("group_requests", "Political groups' requests", order=60)
def group_requests(subject: Subject, people: People) -> Collected:
    """Requests the person made, decided, delivered, followed up or was told of (000 §5)."""
    if subject.user_id is None:
        return Collected()
    me, collected = subject.user_id, Collected()
    asked = GroupFollowUp.objects.filter(Q(requested_by_id=me) | Q(done_by_id=me))
    rows = (GroupRequest.objects.filter(
        Q(requested_by_id=me) | Q(officer_id=me) | Q(officer_requested_id=me)
        | Q(decided_by_id=me) | Q(pk__in=asked.values("request_id"))
        | Q(notices__told=me) | _acted(GroupRequestEvent, "request_id", me))
        .distinct().select_related("group")
        .prefetch_related("events", "follow_ups__group").order_by("submitted_at", "pk"))
    for r in rows:
        party = r.requested_by_id == me
        record: dict[str, object] = {
            "reference": r.reference, "group": str(r.group),
            "kind": r.get_kind_display(), "subject": r.subject,
            "state": r.get_state_display(), "submitted": when(r.submitted_at),
            "asked_by": people.ref(r.requested_by_id)}
        if party:
            record |= _group_whole(r, people)
        record["follow_ups"] = _follow_ups(r, me, people)
        record["history"] = _history(r.events.all(), people, None if party else me)
        collected.records.append(record)
        collected.ids.append(r.pk)
    return collected


@section("ward_notices", "Ward notices", order=70)
def ward_notices(subject: Subject, people: People) -> Collected:
    """Notices the person recorded, and each time they were told of one (000 §4.3)."""
    if subject.user_id is None:
        return Collected()
    me = subject.user_id
    recorded = list(WardNotice.objects.filter(recorded_by_id=me)
                    .prefetch_related("wards").order_by("recorded_at", "pk"))
    told = list(WardNoticeDelivery.objects.filter(councillor_id=me)
                .select_related("notice", "ward").order_by("at", "pk"))
    records = [{"recorded_by_you": n.reference, "kind": n.get_kind_display(),
                "title": n.title, "details": n.details,
                "wards": [str(w) for w in n.wards.all()], "starts_on": when(n.starts_on),
                "ends_on": when(n.ends_on), "recorded": when(n.recorded_at), "late": n.late}
               for n in recorded]
    records += [{"told_of": d.notice.reference, "title": d.notice.title,
                 "kind": d.notice.get_kind_display(), "ward": str(d.ward),
                 "told": when(d.at), "emailed": d.emailed} for d in told]
    return Collected(records, ids=[n.pk for n in recorded] + [d.notice_id for d in told])
