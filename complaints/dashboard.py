"""The Monitoring Officer's dashboard: every figure counted by the database.

Each selector is one aggregate query whatever the number of cases (eight in all), and
counts exactly the rows that the list it links to shows. Apart from the open cases' ages
(to the second, so counted live), the figures are sums over the tallies the database keeps
exact by trigger (`protocol.machinery.tally`: casework.EnquiryTally, complaints.ComplaintTally), a
few thousand rows however many cases there are (`make bench`, docs/decisions/0002).
The complaint figures use the same buckets and overdue test as `complaints.selectors`,
the enquiry figures the same overdue test as the casework queue (`due=overdue`), and leave
out, as the list does, the cases the viewer is the untold subject of
(`complaints.selectors.untold`: a fraud concern about the Monitoring Officer is not even a
number on their dashboard). Python only folds the handful of grouped rows the database
returns; it never iterates over cases."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from casework.models import EnquiryTally
from complaints.filters import AGE_BUCKETS, overdue_on
from complaints.models import Complaint, ComplaintTally, Outcome, State
from complaints.models.complaint import OPEN
from complaints.selectors import untold
from protocol.models import ComplaintKind, Directorate, User

MONTHS = 12
FINISHED = [value for value, _ in State.choices if value not in OPEN]
AGE_LABELS = {"0-30": "Up to 30 days", "31-60": "31 to 60 days", "61-90": "61 to 90 days",
              "over-90": "Over 90 days"}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class StageRow:
    stage: int
    title: str
    open: int
    overdue: int


@dataclass
class KindRow:
    kind: str
    label: str
    stages: list[StageRow] = field(default_factory=list)

    @property
    def open(self) -> int:
        return sum(s.open for s in self.stages)

    @property
    def overdue(self) -> int:
        return sum(s.overdue for s in self.stages)


@dataclass(frozen=True)
class Bucket:
    name: str
    label: str
    count: int


@dataclass(frozen=True)
class Ageing:
    open: int
    overdue: int
    buckets: list[Bucket]


@dataclass(frozen=True)
class Month:
    start: date
    new: int
    closed: int

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m}"


@dataclass(frozen=True)
class OutcomeRow:
    outcome: str
    label: str
    count: int


@dataclass(frozen=True)
class Compliance:
    """Enquiries received in the window, for one directorate (or all of them)."""

    directorate_id: int | None
    name: str
    received: int = 0
    due_or_answered: int = 0
    in_time: int = 0
    holding: int = 0

    @property
    def in_time_percent(self) -> float | None:
        return _percent(self.in_time, self.due_or_answered)

    @property
    def holding_percent(self) -> float | None:
        return _percent(self.holding, self.received)


@dataclass(frozen=True)
class OverdueRow:
    directorate_id: int | None
    name: str
    count: int


@dataclass(frozen=True)
class Dashboard:
    today: date
    since: date
    kinds: list[KindRow]
    ageing: Ageing
    months: list[Month]
    outcomes: list[OutcomeRow]
    compliance: list[Compliance]
    compliance_total: Compliance
    overdue_enquiries: list[OverdueRow]

    @property
    def overdue_enquiries_total(self) -> int:
        return sum(row.count for row in self.overdue_enquiries)


def window_start(today: date, months: int = MONTHS) -> date:
    """The first day of the month `months - 1` months before this one."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def cases_counted(viewer: User | None = None) -> QuerySet:
    """The cases the figures count: every case, less those the viewer may not know of."""
    return Complaint.objects.exclude(untold(viewer)) if viewer else Complaint.objects.all()


def tally_counted(viewer: User | None = None) -> QuerySet:
    """The same cases in the tally (`hidden_from`: whom `untold` keeps a case from)."""
    tally = ComplaintTally.objects.order_by()
    return tally.exclude(hidden_from=viewer) if viewer else tally


def open_by_kind_and_stage(today: date, tally: QuerySet | None = None) -> list[KindRow]:
    """Open cases by kind and stage, with those past their stage's time limit (one query)."""
    rows = ((tally_counted() if tally is None else tally).filter(state__in=OPEN)
            .values("kind", "stage_position")
            .annotate(open=Sum("n"), overdue=Sum("n", filter=overdue_on(today), default=0),
                      title=Max("stage_title"))
            .order_by("kind", "stage_position"))
    labels = dict(ComplaintKind.choices)
    kinds: dict[str, KindRow] = {}
    for row in rows:
        kind = kinds.setdefault(row["kind"], KindRow(row["kind"], labels.get(row["kind"],
                                                                               row["kind"])))
        kind.stages.append(StageRow(row["stage_position"], row["title"], row["open"],
                                    row["overdue"]))
    return sorted(kinds.values(), key=lambda k: k.label)


def ageing(now: datetime, today: date, cases: QuerySet | None = None) -> Ageing:
    """Open cases by age since receipt and past their stage's time limit (one query);
    the buckets are `complaints.filters.AGE_BUCKETS`, so the list shows the same cases."""
    counts = {"open": Count("pk"), "overdue": Count("pk", filter=overdue_on(today))}
    for name, (low, high) in AGE_BUCKETS.items():
        where = Q(received_at__lte=now - timedelta(days=low))
        if high is not None:
            where &= Q(received_at__gt=now - timedelta(days=high + 1))
        counts[name] = Count("pk", filter=where)
    cases = cases_counted() if cases is None else cases
    totals = cases.filter(state__in=OPEN).aggregate(**counts)
    buckets = [Bucket(name, AGE_LABELS.get(name, name), totals[name]) for name in AGE_BUCKETS]
    return Ageing(open=totals["open"], overdue=totals["overdue"], buckets=buckets)


def _per_month(tally: QuerySet, month: str, since: date,
               **where) -> dict[tuple[int, int], int]:
    """The council's months (the tally's are local: 00:30 BST on 1 July is July)."""
    rows = (tally.filter(**{f"{month}__gte": since}, **where).values(month)
            .annotate(count=Sum("n")).values_list(month, "count"))
    return {(start.year, start.month): count for start, count in rows}


def per_month(since: date, today: date, tally: QuerySet | None = None) -> list[Month]:
    """Cases received and cases finished (closed or withdrawn) in each month from `since`
    to this one, months with none included (two queries)."""
    tally = tally_counted() if tally is None else tally
    new = _per_month(tally, "received_month", since)
    closed = _per_month(tally, "closed_month", since, state__in=FINISHED)
    first = since.year * 12 + since.month - 1
    starts = [date(i // 12, i % 12 + 1, 1)
              for i in range(first, today.year * 12 + today.month)]
    return [Month(day, new.get((day.year, day.month), 0), closed.get((day.year, day.month), 0))
            for day in starts]


def outcomes(since: date, tally: QuerySet | None = None) -> list[OutcomeRow]:
    """Outcomes of the cases finished since `since`, most frequent first (one query)."""
    tally = tally_counted() if tally is None else tally
    rows = (tally.exclude(state__in=OPEN).filter(closed_month__gte=since)
            .values("outcome").annotate(count=Sum("n"))
            .order_by("-count", "outcome"))
    labels = dict(Outcome.choices)
    return [OutcomeRow(r["outcome"], labels.get(r["outcome"], "None recorded"), r["count"])
            for r in rows]


def compliance(since: date, today: date) -> list[Compliance]:
    """The response-deadline figures for enquiries received since `since`, by directorate
    (one query). A holding reply moves the date an enquiry is judged overdue by, but not
    its deadline: an enquiry answered in full after `due_on` is never in time (003 §31.15).
    Out of the enquiries answered in full or past their deadline; one withdrawn unanswered
    needed no answer and is left out."""
    # The tally keeps `due_on` only for enquiries unanswered and not withdrawn.
    due_or_answered = Q(responded=True) | Q(due_on__lt=today)
    rows = (EnquiryTally.objects.filter(received_month__gte=since).order_by()
            .values("service__directorate_id")
            .annotate(received=Sum("n"),
                      due_or_answered=Sum("n", filter=due_or_answered, default=0),
                      in_time=Sum("n", filter=Q(in_time=True), default=0),
                      holding=Sum("n", filter=Q(holding=True), default=0)))
    return [Compliance(r["service__directorate_id"], "", received=r["received"],
                       due_or_answered=r["due_or_answered"], in_time=r["in_time"],
                       holding=r["holding"]) for r in rows]


def overdue_enquiries(today: date) -> dict[int | None, int]:
    """Open, unanswered enquiries past the date they are judged by (a holding reply's
    revised date, if any), by directorate: the casework queue's `due=overdue` (one query)."""
    # The tally keeps `overdue_from` (current_due_on) only for open, unanswered enquiries.
    rows = (EnquiryTally.objects.filter(overdue_from__lt=today)
            .order_by().values("service__directorate_id").annotate(count=Sum("n"))
            .values_list("service__directorate_id", "count"))
    return dict(rows)


NO_SERVICE = "No service given"


def _by_directorate(
        directorates: list[tuple[int, str]], figures: list[Compliance], overdue: dict,
) -> tuple[list[Compliance], Compliance, list[OverdueRow]]:
    found = {row.directorate_id: row for row in figures}
    names = [*directorates, *([(None, NO_SERVICE)] if None in found or None in overdue
                              else [])]
    rows = [Compliance(pk, name, **_counts(found.get(pk))) for pk, name in names]
    total = Compliance(None, "All directorates", **{
        key: sum(getattr(row, key) for row in rows) for key in _counts(None)})
    late = [OverdueRow(pk, name, overdue.get(pk, 0)) for pk, name in names]
    return rows, total, late


def _counts(row: Compliance | None) -> dict[str, int]:
    keys = ("received", "due_or_answered", "in_time", "holding")
    return {key: getattr(row, key) if row else 0 for key in keys}


def dashboard(now: datetime | None = None, *, viewer: User | None = None) -> Dashboard:
    """Every figure on the dashboard, in eight queries whatever the data size; as `viewer`
    sees them, if given (the cases they are the untold subject of left out)."""
    now = now or timezone.now()
    cases, tally = cases_counted(viewer), tally_counted(viewer)
    today = timezone.localdate(now)
    since = window_start(today)
    directorates = list(Directorate.objects.order_by("name").values_list("pk", "name"))
    rows, total, late = _by_directorate(directorates, compliance(since, today),
                                        overdue_enquiries(today))
    return Dashboard(
        today=today, since=since, kinds=open_by_kind_and_stage(today, tally),
        ageing=ageing(now, today, cases), months=per_month(since, today, tally),
        outcomes=outcomes(since, tally),
        compliance=rows, compliance_total=total, overdue_enquiries=late)
