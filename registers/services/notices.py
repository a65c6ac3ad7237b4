"""Ward notices: recorded by an officer, every member for the wards notified at once, and
each notification logged (000 §4.3, 001 §4.3, 004 'Ward Members and Officers')."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from protocol.council.selectors import roles_of
from protocol.machinery.outbox import notify
from protocol.machinery.references import next_reference
from protocol.machinery.submissions import once
from protocol.models import Post, PostKind, User, Ward
from registers import rules
from registers.errors import NotAllowed, RegisterError
from registers.models import NoticeKind, WardNotice, WardNoticeDelivery


@dataclass
class NewNotice:
    kind: str
    title: str
    details: str
    wards: Sequence[Ward]
    starts_on: date
    ends_on: date | None = None
    sensitive: bool = False
    submission: UUID | None = None  # the form's one-time token (protocol.machinery.submissions)


def _check(entered: NewNotice) -> None:
    if entered.kind not in NoticeKind.values:
        raise RegisterError("Choose what kind of matter this is.")
    if not entered.title.strip() or not entered.details.strip():
        raise RegisterError("Enter a title and what members need to know.")
    if not entered.wards:
        raise RegisterError("Choose at least one ward affected.")
    if entered.ends_on is not None and entered.ends_on < entered.starts_on:
        raise RegisterError("The end date must be on or after the start date.")


def ward_notice_record(*, actor: User, entered: NewNotice) -> WardNotice:
    """Record the notice and tell every current member for its wards at once; once per
    submission of the form."""
    return once(token=entered.submission, actor=actor, create=lambda: _record(actor, entered))


def _record(actor: User, entered: NewNotice) -> WardNotice:
    if not roles_of(actor).is_officer:
        raise NotAllowed("Only officers record ward notices.")
    _check(entered)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        notice = WardNotice.objects.create(
            reference=next_reference("WN", today.year), kind=entered.kind,
            title=entered.title.strip(), details=entered.details.strip(),
            starts_on=entered.starts_on, ends_on=entered.ends_on, sensitive=entered.sensitive,
            recorded_by=actor, recorded_at=now,
            late=rules.notice_is_late(starts_on=entered.starts_on, recorded_on=today))
        notice.wards.set(entered.wards)
        seats = (Post.objects.current()
                 .filter(kind=PostKind.COUNCILLOR, ward__in=entered.wards, holder__is_active=True)
                 .select_related("holder", "ward").order_by("ward__name", "holder_id"))
        for seat in seats:
            _deliver(notice, seat.holder, seat.ward, now)
    return notice


def _deliver(notice: WardNotice, councillor: User, ward: Ward, now: datetime) -> None:
    when = f"{notice.starts_on:%A %d %B %Y}"
    emailed = notify(
        recipient=councillor, key=f"ward-notice:{notice.pk}:{councillor.pk}",
        subject=f"{notice.reference}: {notice.title} ({ward})",
        body=f"{notice.get_kind_display()} affecting {ward}, from {when}.\n\n{notice.details}"
        + ("\n\nSensitive: please treat with care." if notice.sensitive else ""),
        url=notice.get_absolute_url())
    WardNoticeDelivery.objects.create(notice=notice, councillor=councillor, ward=ward, at=now,
                                      emailed=emailed)
