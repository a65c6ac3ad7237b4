"""The registers under the retention policy (protocol.machinery.retention): each kind of record kept
for the profile's period after the last thing that happened to it, once it is finished,
then its free text and its timeline's text replaced with a marker.

- need-to-know requests (002, 003 §31.12, 004): once decided, upheld, withheld on the
  Monitoring Officer's advice, or withdrawn; the
  period runs from the latest of its stamps (made, decided, disputed, the Monitoring
  Officer's decision) and of its timeline's entries (a withdrawal stamps nothing else);
- political groups' requests (000 §5, 003 §31.10): once declined, delivered or withdrawn,
  likewise from the latest of its stamps and timeline entries (a withdrawal, a follow-up);
- relationships (001 §10): once ended. The two people and the nature of the relationship
  stay (the register's links cannot be empty); their description and the reason it ended go;
- ward notices (000 §4.3, 004): once the matter has ended (or begun, with no end).

Need-to-know and groups' requests may be put on legal hold by the Monitoring Officer
(protocol.machinery.legal_hold): the run leaves a held one alone.

What stays: references, kinds, states, decisions, dates and who did what when. On
PostgreSQL the timelines are append-only, so the erasure opts in for its own transaction
(protocol.machinery.retention.erase.allowed), and re-seals the hash chains of the entries it rewrote
(protocol.machinery.retention.erase.scrub_history)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse

from protocol.machinery.history.records import record_seal
from protocol.machinery.retention.erase import (
    MARKER,
    allowed,
    scrub,
    scrub_history,
    scrub_notifications,
)
from protocol.machinery.retention.periods import RecordType
from protocol.machinery.retention.registry import Eraser, register
from registers.models import (
    GroupFollowUp,
    GroupRequest,
    GroupRequestEvent,
    GroupRequestState,
    InformationRequest,
    InformationRequestEvent,
    InfoState,
    Relationship,
    RelationshipEvent,
    RelationshipState,
    TimelineEvent,
    WardNotice,
)

ACTION = "anonymised under the council's retention policy"
M = TypeVar("M", bound=models.Model)


class _Referenced(Protocol):
    """A register's row that its page names by reference."""

    @property
    def reference(self) -> str: ...


def _eraser(model: type[M], text: tuple[str, ...], url: Callable[[M], str],
            events: type[TimelineEvent] | None = None,
            also: Callable[[Sequence[int]], object] | None = None
            ) -> Callable[[Sequence[int], datetime], int]:
    """An `erase(ids, at)` for one register: its text, its timeline's, its emails'."""
    versioned = any(f.name == "version" for f in model._meta.concrete_fields)

    def erase(ids: Sequence[int], at: datetime) -> int:
        rows = model._base_manager.filter(pk__in=ids, anonymised_at__isnull=True)
        found = list(rows)
        stamp = {"anonymised_at": at, **({"version": F("version") + 1} if versioned else {})}
        with allowed():
            count = scrub(rows, text, **stamp)
            if events:
                on = events.chain.on
                scrub_history(events, [r.pk for r in found], ("summary",),
                              added=[events(**{on: r.pk}, at=at, action=ACTION)
                                     for r in found])
            if also:
                also([r.pk for r in found])
            scrub_notifications(url(row) for row in found)
        return count

    return erase


def _erase_notices(ids: Sequence[int], at: datetime) -> int:
    """Ward notices are append-only and the app's role may not UPDATE them
    (protocol.machinery.db_roles):
    on PostgreSQL the owner's `ward_notice_erase` writes the marker and the seals computed
    here, so the key never leaves Python; elsewhere the ordinary scrub does."""
    if connection.vendor != "postgresql":
        return _scrub_notices(ids, at)
    found = list(WardNotice._base_manager.filter(pk__in=ids, anonymised_at__isnull=True))
    for row in found:
        row.title, row.details = (MARKER if row.title else ""), (MARKER if row.details else "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT ward_notice_erase(%s::bigint[], %s::text[], %s)",
                       [[r.pk for r in found], [record_seal(r) for r in found], at])
        count = cursor.fetchone()[0]
    scrub_notifications(r.get_absolute_url() for r in found)
    return count


def _follow_up_notes(ids: Sequence[int]) -> None:
    scrub(GroupFollowUp.objects.filter(request_id__in=ids), ("done_note",))


def _reference_url(name: str) -> Callable[[_Referenced], str]:
    return lambda row: reverse(name, args=[row.reference])


_scrub_notices = _eraser(WardNotice, ("title", "details"),
                         _reference_url("registers:notice_detail"))


register(
    Eraser(RecordType.INFORMATION_REQUEST, InformationRequest, ended="submitted_at",
           also_ended=("decided_at", "disputed_at", "mo_decided_at", "events__at"),
           where=Q(state__in=(InfoState.PROVIDED, InfoState.PARTLY_PROVIDED, InfoState.REFUSED,
                              InfoState.REFUSAL_UPHELD, InfoState.WITHHELD,
                              InfoState.WITHDRAWN)),
           erase=_eraser(InformationRequest,
                         ("what", "why", "justification", "provided", "purpose",
                          "refusal_reasons", "dispute_reasons", "mo_reasons",
                          "legal_hold_reason"),
                         _reference_url("registers:info_detail"),
                         events=InformationRequestEvent), holdable=True),
    Eraser(RecordType.GROUP_REQUEST, GroupRequest, ended="submitted_at",
           also_ended=("decided_at", "resources_discussed_at", "delivered_on", "events__at"),
           where=Q(state__in=(GroupRequestState.DECLINED, GroupRequestState.DELIVERED,
                              GroupRequestState.WITHDRAWN)),
           erase=_eraser(GroupRequest,
                         ("subject", "details", "resources_note", "decision_reason",
                          "delivered_subject", "legal_hold_reason"),
                         _reference_url("registers:group_detail"),
                         events=GroupRequestEvent, also=_follow_up_notes), holdable=True),
    Eraser(RecordType.RELATIONSHIP, Relationship, ended="ended_at",
           where=Q(state=RelationshipState.ENDED),
           erase=_eraser(Relationship, ("description", "end_reason"),
                         lambda row: reverse("registers:relationship_detail", args=[row.pk]),
                         events=RelationshipEvent)),
    Eraser(RecordType.WARD_NOTICE, WardNotice, ended="starts_on", also_ended=("ends_on",),
           erase=_erase_notices),
)
