"""What casework adds to a subject access export (protocol.machinery.subject_access, whose docstring
gives the rules): the enquiries a person raised, handled or acted on, and the enquiries
confirmed as a constituent's, with their correspondence, timeline, files and emails."""
from __future__ import annotations

import re

from django.db.models import Prefetch, Q

from casework.models import Attachment, Correspondence, Enquiry, EnquiryEvent
from protocol.machinery.subject_access.matching import ConstituentQuery, Match, match_reasons
from protocol.machinery.subject_access.people import People
from protocol.machinery.subject_access.registry import (
    Collected,
    Subject,
    constituent_finder,
    section,
    when,
)
from protocol.models import Notification, User

OTHER_CONSTITUENT = "[Another constituent]"
MAX_MATCHES = 500


@constituent_finder
def find(query: ConstituentQuery) -> list[Match]:
    """Enquiries whose constituent has the email address, or the name and postcode."""
    where = Q()
    if query.email:
        where |= Q(constituent_contact__icontains=query.email)
    if query.by_name:
        # Each word, and the postcode's outward code, narrow it down in the database; the
        # exact comparison (capitals and extra spaces aside) is `match_reasons`'s.
        by_name = Q(constituent_address__icontains=query.postcode.split()[0])
        for word in query.name.split():
            by_name &= Q(constituent_name__icontains=word)
        where |= by_name
    if not where:
        return []
    rows = (Enquiry.objects.filter(where, on_behalf_of_constituent=True)
            .order_by("received_at", "pk")
            .values_list("reference", "received_on", "constituent_name",
                         "constituent_contact", "constituent_address")[:MAX_MATCHES])
    return [Match(ref, on, name, contact, address, reasons)
            for ref, on, name, contact, address in rows
            if (reasons := match_reasons(query, name=name, contact=contact, address=address))]


def _enquiries(where: Q) -> list[Enquiry]:
    letters = Correspondence.objects.prefetch_related(
        Prefetch("cc", queryset=User.objects.only("pk")))
    return list(Enquiry.objects.filter(where).select_related("ward", "service")
                .prefetch_related(Prefetch("correspondence", queryset=letters),
                                  "events", "attachments")
                .order_by("received_at", "pk"))


def _letter(letter: Correspondence, people: People) -> dict:
    return {"kind": letter.get_kind_display(), "from": people.ref(letter.author_id),
            "sent": when(letter.sent_at), "body": letter.body, "reasons": letter.reasons,
            "revised_due_on": when(letter.revised_due_on), "confidential": letter.confidential,
            "sent_late": letter.late, "copied_to": [people.ref(p.pk) for p in letter.cc.all()]}


def _event(event: EnquiryEvent, people: People) -> dict:
    return {"at": when(event.at), "what": event.get_kind_display(),
            "by": people.ref(event.actor_id), "from_state": event.from_state,
            "to_state": event.to_state, "summary": event.summary}


def _file(item: Attachment, people: People) -> dict:
    return {"name": item.name, "type": item.content_type, "bytes": item.size,
            "added": when(item.uploaded_at), "added_by": people.ref(item.uploaded_by_id)}


def _outline(enquiry: Enquiry) -> dict:
    return {"reference": enquiry.reference, "subject": enquiry.subject,
            "ward": str(enquiry.ward), "service": str(enquiry.service or "Not known"),
            "state": enquiry.get_state_display(), "received": when(enquiry.received_at),
            "due_on": when(enquiry.due_on), "responded": when(enquiry.responded_at),
            "closed": when(enquiry.closed_at)}


def _whole(enquiry: Enquiry, people: People) -> dict:
    return {**_outline(enquiry), "details": enquiry.details,
            "councillor": people.ref(enquiry.raised_by_id),
            "with_officer": people.ref(enquiry.assigned_to_id),
            "revised_due_on": when(enquiry.current_due_on),
            "holding_reply_sent": when(enquiry.holding_reply_at),
            "answered_in_time": enquiry.answered_in_time,
            "confidential": enquiry.confidential,
            "shared_with": enquiry.get_visibility_display(),
            "on_behalf_of_a_constituent": enquiry.on_behalf_of_constituent}


def constituent_identifiers(enquiry: Enquiry) -> list[str]:
    """The constituent's name, contact, address, and the address's specific parts (those
    with a number: a house, a flat, a postcode), to hide wherever they are written."""
    address = enquiry.constituent_address
    parts = [p.strip() for p in re.split(r"[\n,]", address) if re.search(r"\d", p)]
    return [enquiry.constituent_name, enquiry.constituent_contact, address, *parts]


def _hide_constituent(enquiry: Enquiry, collected: Collected, refs: list[str]) -> None:
    if enquiry.on_behalf_of_constituent:
        collected.others.update(dict.fromkeys(
            filter(None, constituent_identifiers(enquiry)), OTHER_CONSTITUENT))
        refs.append(enquiry.reference)


def _named(name: str, text: str) -> bool:
    """Whether the person's name is written in the text as whole words (events name people
    as `str(user)`: "Reassigned from Jo Bloggs to ...")."""
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text,
                                    re.IGNORECASE) is not None


def _parts(enquiry: Enquiry, user_id: int, name: str = "") -> list[str]:
    letters = enquiry.correspondence.all()
    found = [
        (enquiry.raised_by_id == user_id, "You raised it"),
        (enquiry.assigned_to_id == user_id, "It is with you"),
        (any(x.author_id == user_id for x in letters), "You wrote on it"),
        (any(p.pk == user_id for x in letters for p in x.cc.all()), "You were copied in"),
        (any(e.actor_id == user_id for e in enquiry.events.all()), "You acted on it"),
        (any(f.uploaded_by_id == user_id for f in enquiry.attachments.all()),
         "You added files"),
    ]
    parts = [words for present, words in found if present]
    if not parts and any(_named(name, e.summary) for e in enquiry.events.all()):
        parts.append("You are named in its history")
    return parts


def _own_part(enquiry: Enquiry, user_id: int, name: str, people: People) -> dict:
    """An enquiry the person handled or was copied in on: its outline and their part."""
    mine = [x for x in enquiry.correspondence.all()
            if x.author_id == user_id or any(p.pk == user_id for p in x.cc.all())]
    events = [e for e in enquiry.events.all()
              if e.actor_id == user_id or _named(name, e.summary)]
    files = [f for f in enquiry.attachments.all() if f.uploaded_by_id == user_id]
    return {**_outline(enquiry),
            "correspondence": [_letter(x, people) for x in mine],
            "timeline": [_event(e, people) for e in events],
            "files": [_file(f, people) for f in files]}


def _raised(enquiry: Enquiry, people: People) -> dict:
    return {**_whole(enquiry, people), "relationship_note": enquiry.relationship_note,
            "correspondence": [_letter(x, people) for x in enquiry.correspondence.all()],
            "timeline": [_event(e, people) for e in enquiry.events.all()],
            "files": [_file(f, people) for f in enquiry.attachments.all()]}


def _for_user(user_id: int, people: People) -> Collected:
    name = people.subject.name if people.subject else ""
    involved = (
        Q(raised_by_id=user_id) | Q(assigned_to_id=user_id)
        | Q(pk__in=EnquiryEvent.objects.filter(actor_id=user_id).values("enquiry_id"))
        | Q(pk__in=Correspondence.objects.filter(Q(author_id=user_id) | Q(cc=user_id))
            .values("enquiry_id"))
        | Q(pk__in=Attachment.objects.filter(uploaded_by_id=user_id).values("enquiry_id")))
    if name:
        # An enquiry sent to them and taken away before they acted names them only in its
        # history ("Sent to ...", "Reassigned from ... : reason"); whole words checked below.
        involved |= Q(pk__in=EnquiryEvent.objects.filter(summary__icontains=name)
                      .values("enquiry_id"))
    collected = Collected()
    refs: list[str] = []
    for enquiry in _enquiries(involved):
        parts = _parts(enquiry, user_id, name)
        if not parts:  # only a longer name contains theirs
            continue
        _hide_constituent(enquiry, collected, refs)
        record = (_raised(enquiry, people) if enquiry.raised_by_id == user_id
                  else _own_part(enquiry, user_id, name, people))
        collected.records.append({"your_part": parts, **record})
        collected.ids.append(enquiry.pk)
    if refs:
        collected.withheld.append({
            "what": "The constituent's name, contact details and address",
            "why": "They are another person's.", "records": refs})
    return collected


def _emails(enquiries: list[Enquiry], people: People) -> dict[str, list[dict]]:
    urls = {e.get_absolute_url(): e.reference for e in enquiries}
    found: dict[str, list[dict]] = {}
    for n in Notification.objects.filter(url__in=list(urls)).order_by("created_at", "pk"):
        found.setdefault(urls[n.url], []).append({
            "to": people.ref(n.recipient_id), "subject": n.subject, "body": n.body,
            "written": when(n.created_at), "sent": when(n.sent_at)})
    return found


def _for_constituent(references: frozenset[str], people: People) -> Collected:
    collected, confidential = Collected(), []
    enquiries = _enquiries(Q(reference__in=references, on_behalf_of_constituent=True))
    emails = _emails(enquiries, people)
    for enquiry in enquiries:
        letters = list(enquiry.correspondence.all())
        released = [x for x in letters if not x.confidential]
        confidential += [enquiry.reference] * (len(letters) - len(released))
        if enquiry.confidential:
            collected.notes.append(f"{enquiry.reference} was marked confidential by the "
                                   "councillor (003 §31.16): check it before release.")
        collected.records.append({
            **_whole(enquiry, people),
            "constituent": {"name": enquiry.constituent_name,
                            "contact": enquiry.constituent_contact,
                            "address": enquiry.constituent_address},
            "correspondence": [_letter(x, people) for x in released],
            "timeline": [_event(e, people) for e in enquiry.events.all()],
            "files": [_file(f, people) for f in enquiry.attachments.all()],
            "emails_about_it": emails.get(enquiry.reference, [])})
        collected.ids.append(enquiry.pk)
    if confidential:
        collected.withheld.append({
            "what": f"{len(confidential)} confidential message(s)",
            "why": "Correspondence marked confidential is never sent or exported to the "
                   "constituent (002 'Correspondence'; 003 §31.16).",
            "records": sorted(set(confidential))})
    return collected


@section("enquiries", "Enquiries", order=20)
def enquiries(subject: Subject, people: People) -> Collected:
    """A person's enquiries (raised, handled, copied in, acted on), or a constituent's."""
    if subject.user_id is not None:
        return _for_user(subject.user_id, people)
    return _for_constituent(subject.enquiry_references, people)
