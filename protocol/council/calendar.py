"""Working days: weekends, the nation's bank holidays (substitute days included) and the
council's own closure days. Pure functions; bank holidays come from the `holidays` package.

`start` is day 0: the first day counted is the working day after it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from protocol.council.rules.enums import DayKind, Nation

Closures = Mapping[date, str]
NO_CLOSURES: Closures = {}
# Far enough for any deadline, so that a bad input cannot loop for ever.
MAX_DAYS = 3660


@lru_cache(maxsize=256)
def bank_holidays(nation: str, year: int) -> Mapping[date, str]:
    """The bank holidays of one UK nation in one year, with their names."""
    subdiv = Nation(nation).value
    return dict(holidays.country_holidays("GB", subdiv=subdiv, years=year).items())


def non_working_reason(day: date, nation: str, closures: Closures = NO_CLOSURES) -> str | None:
    """Why `day` is not a working day, or None when it is one."""
    if day.weekday() >= 5:
        return day.strftime("%A")
    holiday = bank_holidays(nation, day.year).get(day)
    if holiday:
        return f"bank holiday: {holiday}"
    closure = closures.get(day)
    return f"council closed: {closure}" if closure else None


def is_working_day(day: date, nation: str, closures: Closures = NO_CLOSURES) -> bool:
    """True when the council is open on `day`."""
    return non_working_reason(day, nation, closures) is None


def add_working_days(start: date, days: int, nation: str,
                     closures: Closures = NO_CLOSURES) -> date:
    """The date `days` working days after `start` (start is day 0)."""
    return deadline(start, days, DayKind.WORKING, nation, closures).due


@dataclass(frozen=True)
class Deadline:
    """A due date with its working shown: what was counted and what was skipped, and why."""

    start: date
    days: int
    day_kind: DayKind
    first_day: date
    due: date
    skipped: tuple[tuple[date, str], ...]


def deadline(start: date, days: int, day_kind: str, nation: str,
             closures: Closures = NO_CLOSURES) -> Deadline:
    """The due date for a rule of `days` working or calendar days counted from `start`.

    A calendar-day deadline that lands on a day the council is closed moves to the next
    working day, as a reply cannot be expected on a closed day."""
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 0 and {MAX_DAYS}, not {days}")
    kind = DayKind(day_kind)
    if kind is DayKind.CALENDAR:
        return _calendar_deadline(start, days, nation, closures)
    skipped: list[tuple[date, str]] = []
    day, counted, first_day = start, 0, start
    while counted < days:
        day += timedelta(days=1)
        reason = non_working_reason(day, nation, closures)
        if reason:
            skipped.append((day, reason))
            continue
        counted += 1
        if counted == 1:
            first_day = day
    return Deadline(start, days, kind, first_day, day, tuple(skipped))


def _calendar_deadline(start: date, days: int, nation: str, closures: Closures) -> Deadline:
    day = start + timedelta(days=days)
    skipped: list[tuple[date, str]] = []
    while days and (reason := non_working_reason(day, nation, closures)):
        skipped.append((day, reason))
        day += timedelta(days=1)
    first_day = start + timedelta(days=1) if days else start
    return Deadline(start, days, DayKind.CALENDAR, first_day, day, tuple(skipped))


def working_days_between(start: date, end: date, nation: str,
                         closures: Closures = NO_CLOSURES) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start, nation, closures)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=offset), nation, closures)
    )


def working_days_before(day: date, days: int, nation: str,
                        closures: Closures = NO_CLOSURES) -> date:
    """The working day `days` working days before `day` (for reminders ahead of a deadline)."""
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 0 and {MAX_DAYS}, not {days}")
    counted = 0
    while counted < days:
        day -= timedelta(days=1)
        if is_working_day(day, nation, closures):
            counted += 1
    return day
