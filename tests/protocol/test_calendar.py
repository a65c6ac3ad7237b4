"""Working days (issue: `protocol.council.calendar`); no database."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protocol.council.calendar import (
    add_working_days,
    deadline,
    is_working_day,
    non_working_reason,
    working_days_between,
)

nations = st.sampled_from(["ENG", "WLS", "SCT", "NIR"])
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
day_counts = st.integers(min_value=0, max_value=60)


def test_christmas_in_england_skips_the_substitute_boxing_day():
    # Fri 18 Dec 2026; Boxing Day is a Saturday so Mon 28 Dec is the substitute day.
    assert add_working_days(date(2026, 12, 18), 10, "ENG") == date(2027, 1, 6)
    assert not is_working_day(date(2026, 12, 28), "ENG")
    assert non_working_reason(date(2026, 12, 28), "ENG") == "bank holiday: Boxing Day (observed)"


def test_each_nation_has_its_own_bank_holidays():
    assert not is_working_day(date(2027, 1, 4), "SCT")  # 2 January holiday, substituted
    assert is_working_day(date(2027, 1, 4), "ENG")
    assert not is_working_day(date(2027, 3, 17), "NIR")  # St Patrick's Day
    assert is_working_day(date(2027, 3, 17), "WLS")
    assert not is_working_day(date(2027, 3, 29), "WLS")  # Easter Monday
    assert is_working_day(date(2027, 3, 29), "SCT")


def test_day_zero_is_the_start_and_day_one_the_next_working_day():
    assert add_working_days(date(2026, 11, 20), 0, "ENG") == date(2026, 11, 20)
    assert add_working_days(date(2026, 11, 20), 1, "ENG") == date(2026, 11, 23)  # Fri -> Mon


def test_closure_days_are_skipped_with_their_reason():
    closures = {date(2026, 12, 29): "Council closed between Christmas and New Year"}
    plain = add_working_days(date(2026, 12, 18), 10, "ENG")
    closed = deadline(date(2026, 12, 18), 10, "working", "ENG", closures)
    assert closed.due == plain + timedelta(days=1)
    assert (date(2026, 12, 29), "council closed: Council closed between Christmas and New "
            "Year") in closed.skipped


def test_the_working_is_shown():
    result = deadline(date(2026, 12, 18), 10, "working", "ENG")
    assert result.first_day == date(2026, 12, 21)
    assert [d for d, _ in result.skipped] == [
        date(2026, 12, 19), date(2026, 12, 20), date(2026, 12, 25), date(2026, 12, 26),
        date(2026, 12, 27), date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 2),
        date(2027, 1, 3),
    ]


def test_a_calendar_day_deadline_on_a_closed_day_moves_to_the_next_working_day():
    result = deadline(date(2026, 12, 15), 10, "calendar", "ENG")
    assert result.due == date(2026, 12, 29)
    assert [d for d, _ in result.skipped] == [date(2026, 12, 25) + timedelta(days=n)
                                             for n in range(4)]


@pytest.mark.parametrize("bad", [-1, 10_000])
def test_out_of_range_day_counts_are_refused(bad):
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), bad, "ENG")


def test_an_unknown_nation_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), 3, "FRA")


@given(starts, st.integers(min_value=1, max_value=60), nations)
def test_the_due_date_is_a_working_day_exactly_n_working_days_on(start, days, nation):
    due = add_working_days(start, days, nation)
    assert due > start
    assert is_working_day(due, nation)
    assert working_days_between(start, due, nation) == days


@given(starts, day_counts, day_counts, nations)
def test_counting_in_two_steps_is_the_same_as_in_one(start, a, b, nation):
    assert add_working_days(add_working_days(start, a, nation), b, nation) == add_working_days(
        start, a + b, nation)


@given(starts, day_counts, nations)
def test_every_day_between_is_counted_or_skipped_once(start, days, nation):
    result = deadline(start, days, "working", nation)
    assert (result.due - start).days == days + len(result.skipped)
    assert all(not is_working_day(d, nation) for d, _ in result.skipped)


@given(starts, st.integers(min_value=1, max_value=60), nations)
def test_a_calendar_deadline_is_never_before_n_days_nor_on_a_closed_day(start, days, nation):
    result = deadline(start, days, "calendar", nation)
    assert result.due >= start + timedelta(days=days)
    assert is_working_day(result.due, nation)


@given(starts, starts, nations)
def test_working_days_between_is_antisymmetric(a, b, nation):
    if abs((a - b).days) > 2000:
        return
    assert working_days_between(a, b, nation) == -working_days_between(b, a, nation)
