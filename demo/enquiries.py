"""The demo council's enquiries, added by `manage.py seed_demo` (the step
after the council, demo.steps): the cases in `demo.enquiry_data` played through
the same services a councillor and an officer use, so that every state is there and the
first reminder sweep has something to send."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from casework import deadlines
from casework.errors import EnquiryError
from casework.models import Enquiry, EnquiryReminder, State
from casework.services import (
    NewEnquiry,
    enquiry_accept,
    enquiry_confirm,
    enquiry_hold,
    enquiry_log,
    enquiry_message,
    enquiry_reassign,
    enquiry_reopen,
    enquiry_respond,
    enquiry_withdraw,
)
from demo import enquiry_data as d
from demo.council import seat_ward
from demo.council_data import SIGN_IN_NAMES
from demo.enquiry_data import CASES, Case
from protocol.council.calendar import (
    Closures,
    add_working_days,
    is_working_day,
    working_days_before,
)
from protocol.council.selectors import active_profile, closure_days, holder_of
from protocol.models import Post, PostKind, ProtocolProfile, Service, User

# Other councillors are taken this far apart in the seat list (ward by ward), so that the
# cases come from across the borough.
STRIDE = 7
HOLDING_REPLY_DAYS = 10  # working days to the revised date a holding reply promises


@dataclass
class _Council:
    """What the cases are played against: today, the rules, the services and the seats."""

    today: date
    profile: ProtocolProfile
    closures: Closures
    services: dict[str, Service]
    seats: list[Post]  # current councillor seats, ward by ward
    taken: int = 0  # other councillors' seats used so far

    @classmethod
    def load(cls) -> _Council:
        today = timezone.localdate()
        seats = (Post.objects.current().filter(kind=PostKind.COUNCILLOR)
                 .select_related("holder", "ward").order_by("ward__name", "holder__username"))
        return cls(today=today, profile=active_profile(),
                   closures=closure_days(today - timedelta(days=180)),
                   services={s.name: s for s in Service.objects.select_related("directorate")},
                   seats=list(seats))

    def seat(self, case: Case) -> Post:
        """The raising councillor's seat: a named sign-in's, or the next other one's."""
        if case.by is not None:
            seat = next((s for s in self.seats if s.holder.username == case.by), None)
            if seat is None:
                raise EnquiryError(f"the demo sign-in {case.by!r} holds no councillor seat")
            return seat
        others = [s for s in self.seats if s.holder.username not in SIGN_IN_NAMES]
        if not others:
            raise EnquiryError("no councillors are in post")
        self.taken += 1
        return others[(self.taken * STRIDE) % len(others)]

    def colleague(self, enquiry: Enquiry) -> User | None:
        """Another member for the enquiry's ward."""
        return next((s.holder for s in self.seats
                     if s.ward_id == enquiry.ward_id and s.holder_id != enquiry.raised_by_id),
                    None)

    def logged_at(self, case: Case, n: int) -> datetime:
        """The latest working day, before today, an enquiry logged on falls due on or before
        the case's deadline (`due_in` working days from today); a time in office hours."""
        nation = self.profile.nation
        target = (add_working_days(self.today, case.due_in, nation, self.closures)
                  if case.due_in >= 0
                  else working_days_before(self.today, -case.due_in, nation, self.closures))
        day = self.today - timedelta(days=1)
        while (not is_working_day(day, nation, self.closures)
               or self.due_on(case, day) > target):
            day -= timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, time(9 + n % 8, n * 17 % 60)))

    def due_on(self, case: Case, received_on: date) -> date:
        service = self.services.get(case.service or "")
        return deadlines.response_deadline(self.profile, service, received_on,
                                           self.closures).due

    @property
    def revised_due_on(self) -> date:
        return add_working_days(self.today, HOLDING_REPLY_DAYS, self.profile.nation,
                                self.closures)


def _officer(enquiry: Enquiry) -> User:
    """The officer the enquiry is with; one with nobody is refused, as the services would."""
    if enquiry.assigned_to is None:
        raise EnquiryError(f"{enquiry} is with no officer")
    return enquiry.assigned_to


def _service_officer(enquiry: Enquiry) -> User:
    """The first officer of the enquiry's service (for Waste: the `officer` sign-in)."""
    post = (Post.objects.current().filter(kind=PostKind.OFFICER, service=enquiry.service_id)
            .select_related("holder").order_by("starts_on", "pk").first())
    if post is None:
        raise EnquiryError(f"{enquiry.service} has no officers to pass {enquiry} to")
    return post.holder


def _head(enquiry: Enquiry) -> User:
    """The Head of Service, who may act on their service's enquiries (casework.rules)."""
    return holder_of(PostKind.HEAD_OF_SERVICE, service=enquiry.service) or _officer(enquiry)


Step = Callable[[Enquiry, str, _Council], object]

# Officers' steps are taken by the officer the enquiry is with (or their Head of Service),
# the councillor's by the councillor who raised it: the people the services allow.
STEPS: dict[str, Step] = {
    d.ACCEPT: lambda e, text, c: enquiry_accept(enquiry=e, actor=_officer(e)),
    d.ASK: lambda e, text, c: enquiry_message(enquiry=e, actor=_officer(e), body=text),
    d.INFORM: lambda e, text, c: enquiry_message(enquiry=e, actor=e.raised_by, body=text),
    d.INFORM_CC: lambda e, text, c: enquiry_message(
        enquiry=e, actor=e.raised_by, body=text,
        cc=[p for p in [c.colleague(e)] if p is not None]),
    d.REASSIGN: lambda e, text, c: enquiry_reassign(
        enquiry=e, actor=_officer(e), officer=_service_officer(e), reason=text),
    d.HOLD: lambda e, text, c: enquiry_hold(
        enquiry=e, actor=_officer(e), body="", reasons=text, revised_due_on=c.revised_due_on),
    d.RESPOND: lambda e, text, c: enquiry_respond(enquiry=e, actor=_officer(e), body=text),
    d.RESPOND_BY_HEAD: lambda e, text, c: enquiry_respond(enquiry=e, actor=_head(e), body=text),
    d.RESPOND_CONFIDENTIAL: lambda e, text, c: enquiry_respond(
        enquiry=e, actor=_officer(e), body=text, confidential=True),
    d.CONFIRM: lambda e, text, c: enquiry_confirm(enquiry=e, actor=e.raised_by),
    d.WITHDRAW: lambda e, text, c: enquiry_withdraw(enquiry=e, actor=e.raised_by, reason=text),
    d.REOPEN: lambda e, text, c: enquiry_reopen(enquiry=e, actor=e.raised_by, reason=text),
}


def _entered(case: Case, seat: Post, council: _Council) -> NewEnquiry:
    """What the councillor typed into the form."""
    name, contact, address = case.constituent or ("", "", "")
    ward = seat_ward(seat)
    return NewEnquiry(
        subject=case.subject.format(ward=ward.name), details=case.details, ward=ward,
        service=council.services.get(case.service or ""),
        on_behalf_of_constituent=case.constituent is not None, constituent_name=name,
        constituent_contact=contact, constituent_address=address,
        confidential=case.confidential, visibility=case.shared,
        preferred_officer=User.objects.filter(username=case.to).first() if case.to else None,
        relationship_note=case.relationship,
    )


def _play(case: Case, n: int, council: _Council) -> Enquiry:
    """Log the case on its day, then take its steps, each through its service."""
    seat = council.seat(case)
    enquiry = enquiry_log(councillor=seat.holder, entered=_entered(case, seat, council),
                          now=council.logged_at(case, n))
    for kind, text in case.steps:
        enquiry = (Enquiry.objects.select_related("service", "raised_by", "assigned_to")
                   .get(pk=enquiry.pk))
        STEPS[kind](enquiry, text, council)
    return enquiry


def reminders_due(today: date | None = None) -> int:
    """Reminders the next sweep will fire."""
    return EnquiryReminder.objects.filter(
        fired_at__isnull=True, cancelled_at__isnull=True,
        fire_on__lte=today or timezone.localdate()).count()


# An enquiry is "being handled another way" only once the complaints demo raises one as a
# complaint (complaints.services.convert): casework's own cases reach every other state.
DEMO_STATES = set(State.values) - {State.REDIRECTED}


def _summary() -> str:
    states = Counter(Enquiry.objects.values_list("state", flat=True))
    every = " in every state" if states.keys() >= DEMO_STATES else ""
    counts = ", ".join(f"{states[s]} {s}" for s in State.values if states[s])
    return (f"Enquiries: {states.total()}{every} ({counts}); {reminders_due()} reminders due "
            "at the next sweep (manage.py send_reminders)")


def seed_demo_enquiries() -> str:
    """Add the demo enquiries unless there are enquiries already; a line for the summary."""
    existing = Enquiry.objects.count()
    if existing:
        return f"Enquiries: already in place ({existing})"
    try:
        with transaction.atomic():
            council = _Council.load()
            for n, case in enumerate(CASES):
                _play(case, n, council)
    except EnquiryError as refused:  # a council changed by hand: the demo goes without
        return f"Enquiries: none added ({refused})"
    return _summary()
