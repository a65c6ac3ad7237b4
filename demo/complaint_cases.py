"""The demo council's complaints, grievances and concerns, added by `manage.py seed_demo`
(the step after the enquiries, demo.steps): the cases in
`demo.complaint_data` played through the same services the councillors, officers and
handlers use, raised on their (back-dated) day, so that every kind the active profile
routes is there in every state, some are past their stage's time limit, and the first
reminder sweep has handlers to remind."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from casework.errors import EnquiryError
from casework.models import Enquiry
from complaints.errors import ComplaintError
from complaints.filters import overdue_on
from complaints.models import Complaint, ComplaintReminder, Outcome, State
from complaints.services import (
    NewComplaint,
    complaint_accept,
    complaint_consult_independent_person,
    complaint_escalate,
    complaint_from_enquiry,
    complaint_give_outcome,
    complaint_go_formal,
    complaint_legal_hold,
    complaint_monitoring_officer_decides,
    complaint_raise,
    complaint_refer_on,
    complaint_request_response,
    complaint_resolve_informally,
    complaint_withdraw,
    mo_choice,
)
from demo import complaint_data as d
from demo.complaint_data import CASES, Case, Councillor, Head, Officer, Who
from demo.council_data import SIGN_IN_NAMES
from protocol.council.calendar import Closures, add_working_days, is_working_day
from protocol.council.rules.discretion import Choice
from protocol.council.selectors import active_profile, closure_days, holder_of
from protocol.models import EscalationStage, Post, PostKind, ProtocolProfile, Service, User

# Other councillors are taken this far apart in the seat list (ward by ward), so that the
# cases come from across the borough (as demo.enquiries).
STRIDE = 7
PREFIX = "Complaints and grievances"


@dataclass
class _Council:
    """What the cases are played against: today, the rules and the other councillors."""

    today: date
    profile: ProtocolProfile
    closures: Closures
    councillors: list[User]  # current councillors who are not sign-ins, ward by ward

    @classmethod
    def load(cls) -> _Council:
        today = timezone.localdate()
        seats = (Post.objects.current().filter(kind=PostKind.COUNCILLOR)
                 .exclude(holder__username__in=SIGN_IN_NAMES).select_related("holder")
                 .order_by("ward__name", "holder__username"))
        return cls(today=today, profile=active_profile(),
                   closures=closure_days(today - timedelta(days=200)),
                   councillors=[seat.holder for seat in seats])

    def person(self, who: Who) -> User:
        """The person a case names, as the council now stands."""
        if isinstance(who, Councillor):
            if not self.councillors:
                raise ComplaintError("no councillors are in post")
            return self.councillors[(who.n * STRIDE) % len(self.councillors)]
        if isinstance(who, Officer):
            post = (Post.objects.current().filter(kind=PostKind.OFFICER,
                                                  service__name=who.service)
                    .select_related("holder").order_by("starts_on", "pk").first())
            if post is None:
                raise ComplaintError(f"{who.service} has no officers")
            return post.holder
        if isinstance(who, Head):
            service = Service.objects.filter(name=who.service).first()
            head = service and holder_of(PostKind.HEAD_OF_SERVICE, service=service)
            if not head:
                raise ComplaintError(f"{who.service} has no Head of Service")
            return head
        user = User.objects.filter(username=who, is_active=True).first()
        if user is None:
            raise ComplaintError(f"the demo sign-in {who!r} is not there")
        return user

    def raised_at(self, case: Case, n: int) -> datetime:
        """The working day on or before `days_ago` days back; a time in office hours."""
        day = self.today - timedelta(days=case.days_ago)
        while not is_working_day(day, self.profile.nation, self.closures):
            day -= timedelta(days=1)
        at = timezone.make_aware(datetime.combine(day, time(9 + n % 8, n * 13 % 60)))
        return min(at, timezone.now())

    @property
    def respond_by(self) -> date:
        return add_working_days(self.today, d.RESPONSE_DAYS, self.profile.nation,
                                self.closures)


def _handler(complaint: Complaint) -> User:
    """The case's current handler; a case with none is refused, as the services would."""
    if complaint.handler is None:
        raise ComplaintError(f"{complaint} has no handler")
    return complaint.handler


def _monitoring_officer() -> User:
    """The Monitoring Officer; a council without one is refused, as the services would."""
    officer = holder_of(PostKind.MONITORING_OFFICER)
    if officer is None:
        raise ComplaintError("the council has no Monitoring Officer")
    return officer


def _refer(complaint: Complaint, text: str) -> Complaint:
    """Refer the case on where its route goes further. Under some profiles a stage the
    demo borough has nobody for is skipped (a parish's staffing committee), and the case is
    already at its last stage: its handler then decides it."""
    if complaint.stage_position >= complaint.stage_count:
        return complaint
    offered = mo_choice.options(active_profile(), complaint)
    if offered:  # the Monitoring Officer's decision (001 §11.3): the nearest stage
        choice = min(offered, key=offered.__getitem__)
        if choice == Choice.LEADER:
            choice = Choice.GROUP_LEADER
        return complaint_monitoring_officer_decides(
            complaint=complaint, actor=_monitoring_officer(), choice=choice, reason=text)
    return complaint_refer_on(complaint=complaint, actor=_handler(complaint), reason=text)


def _refer_to_last(complaint: Complaint, text: str) -> Complaint:
    while complaint.stage_position < complaint.stage_count:
        complaint = _refer(complaint, text)
    return complaint


Step = Callable[[Complaint, str, _Council], object]


def _give_outcome(outcome: str) -> Step:
    """The handler's step that decides the case with `outcome`."""
    return lambda c, text, _: complaint_give_outcome(
        complaint=c, actor=_handler(c), outcome=outcome, reasons=text)


# Handlers' steps are taken by the case's current handler, the complainant's by whoever
# raised it: the people the services allow.
STEPS: dict[str, Step] = {
    d.RESOLVE: lambda c, text, _: complaint_resolve_informally(
        complaint=c, actor=_handler(c), reasons=text),
    d.GO_FORMAL: lambda c, text, _: complaint_go_formal(
        complaint=c, actor=c.complainant, reason=text),
    d.ESCALATE: lambda c, text, _: complaint_escalate(
        complaint=c, actor=c.complainant, reason=text),
    d.REFER: lambda c, text, _: _refer(c, text),
    d.REFER_TO_LAST: lambda c, text, _: _refer_to_last(c, text),
    d.ACCEPT: lambda c, text, _: complaint_accept(complaint=c, actor=c.complainant),
    d.WITHDRAW: lambda c, text, _: complaint_withdraw(
        complaint=c, actor=c.complainant, reason=text),
    d.CONSULT: lambda c, text, _: complaint_consult_independent_person(
        complaint=c, actor=_handler(c), note=text),
    d.REQUEST_RESPONSE: lambda c, text, council: complaint_request_response(
        complaint=c, actor=_handler(c), due_on=council.respond_by),
    d.LEGAL_HOLD: lambda c, text, _: complaint_legal_hold(
        complaint=c, actor=_monitoring_officer(), hold=True, reason=text),
    **{outcome: _give_outcome(outcome) for outcome in Outcome.values},
}


def _entered(case: Case, about: User | None, received: datetime) -> NewComplaint:
    """What the complainant typed into the form."""
    conduct = (timezone.localdate(received) - timedelta(days=case.conduct_days_before)
               if case.kind == d.CODE else None)
    return NewComplaint(kind=case.kind, summary=case.summary, details=case.details,
                        subject_person=about, conduct_date=conduct,
                        money_involved=case.money_involved, try_informal=case.informal)


def _from_enquiry(case: Case, by: User) -> Complaint:
    """The councillor turns their unanswered enquiry into a complaint about the officer it
    is with (complaints.services.convert), today."""
    enquiry = (Enquiry.objects.select_related("assigned_to", "service")
               .filter(raised_by=by, subject=case.from_enquiry).order_by("pk").first())
    if enquiry is None or enquiry.assigned_to is None:
        raise ComplaintError(f"the enquiry {case.from_enquiry!r} is not with an officer")
    entered = NewComplaint(kind=case.kind, summary=case.summary, details=case.details,
                           subject_person=enquiry.assigned_to,
                           subject_service=enquiry.service)
    return complaint_from_enquiry(enquiry=enquiry, actor=by, entered=entered)


def _play(case: Case, n: int, council: _Council) -> Complaint:
    """Raise the case on its day, then take its steps, each through its service."""
    by = council.person(case.by)
    if case.from_enquiry:
        complaint = _from_enquiry(case, by)
    else:
        about = council.person(case.about) if case.about is not None else None
        received = council.raised_at(case, n)
        complaint = complaint_raise(complainant=by, now=received,
                                    entered=_entered(case, about, received))
    for kind, text in case.steps:
        complaint = (Complaint.objects.select_related("handler", "complainant")
                     .get(pk=complaint.pk))
        if not complaint.is_open and kind != d.LEGAL_HOLD:
            # The route ended sooner than the script: a stage the demo borough has nobody
            # fair for (a parish's staffing committee) left the stage before it to decide.
            break
        STEPS[kind](complaint, text, council)
    return complaint


def _set_stage_time_limits(profile: ProtocolProfile) -> int:
    """Give the stages the protocol sets no time limit for the demo council's own."""
    return EscalationStage.objects.filter(profile=profile, time_limit_days__isnull=True).update(
        time_limit_days=d.STAGE_TIME_LIMIT_DAYS, time_limit_day_kind="working")


def reminders_due(today: date | None = None) -> int:
    """Stage reminders the next sweep will fire."""
    return ComplaintReminder.objects.filter(
        fired_at__isnull=True, cancelled_at__isnull=True,
        fire_on__lte=today or timezone.localdate()).count()


def overdue(today: date | None = None) -> int:
    """Cases past their stage's time limit (as the dashboard counts them)."""
    return Complaint.objects.filter(overdue_on(today or timezone.localdate())).count()


def _summary(limits_set: int, skipped: list[str]) -> str:
    states = Counter(Complaint.objects.values_list("state", flat=True))
    kinds = Complaint.objects.values("kind").distinct().count()
    every = " in every state" if set(State.values) <= states.keys() else ""
    counts = ", ".join(f"{states[value]} {label.lower()}"
                       for value, label in State.choices if states[value])
    line = (f"{PREFIX}: {states.total()} of {kinds} kinds{every} ({counts}); {overdue()} "
            f"past their stage time limit, {reminders_due()} reminders due at the next sweep")
    if limits_set:
        line += (f"; {limits_set} stages without a time limit given "
                 f"{d.STAGE_TIME_LIMIT_DAYS} working days (the demo council's choice)")
    if skipped:
        line += f"; {len(skipped)} not added ({skipped[0]})"
    return line


def seed_demo_complaints() -> str:
    """Add the demo cases unless there are cases already; a line for the summary."""
    existing = Complaint.objects.count()
    if existing:
        return f"{PREFIX}: already in place ({existing})"
    with transaction.atomic():
        council = _Council.load()
        routed = set(council.profile.stages.values_list("kind", flat=True))
        limits_set = _set_stage_time_limits(council.profile)
        cases = [case for case in CASES if case.kind in routed]
        skipped = []
        # Oldest first, so that references run in the order the cases were received.
        for n, case in sorted(enumerate(cases), key=lambda item: -item[1].days_ago):
            try:
                with transaction.atomic():
                    _play(case, n, council)
            except (ComplaintError, EnquiryError) as refused:  # a council changed by hand
                skipped.append(f"{case.summary}: {refused}")
    return _summary(limits_set, skipped)
