"""What the closure-day tests share: the working day after a date, counted here on its
own rather than by the calendar the moves use, and the reason each move gives."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from protocol.council.calendar import is_working_day

MOVED = "the council's closure days changed"


def working_day_after(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day, "ENG"):
        day += timedelta(days=1)
    return day


@pytest.fixture
def tomorrow() -> date:
    return working_day_after(timezone.localdate())
