"""The deadlines of one enquiry under the active profile (003 §31.15; 004 per-service times)."""
from __future__ import annotations

from datetime import date, timedelta

from protocol.council.calendar import (
    Closures,
    Deadline,
    add_working_days,
    deadline,
    working_days_before,
)
from protocol.council.selectors import closure_days
from protocol.models import ProtocolProfile, Service


def response_days(profile: ProtocolProfile, service: Service | None) -> int:
    """The profile's response time, or the service's own where the profile allows it."""
    if profile.service_response_days_allowed and service and service.response_days:
        return service.response_days
    return profile.response_days


def response_deadline(profile: ProtocolProfile, service: Service | None, received_on: date,
                      closures: Closures | None = None) -> Deadline:
    """The due date for a full response, with its working shown."""
    closures = closure_days(received_on) if closures is None else closures
    return deadline(received_on, response_days(profile, service), profile.response_day_kind,
                    profile.nation, closures)


def reminder_date(profile: ProtocolProfile, due_on: date, closures: Closures) -> date:
    """When the officer is reminded ahead of the deadline."""
    return working_days_before(due_on, profile.reminder_days_before_expiry, profile.nation,
                               closures)


def follow_up_ends(profile: ProtocolProfile, responded_on: date, closures: Closures) -> date:
    """The last working day of the follow-up window: the councillor may reply all that day,
    and the enquiry closes itself at its end (midnight in the council's time zone)."""
    return add_working_days(responded_on, profile.follow_up_window_days, profile.nation,
                            closures)


def day_after(day: date) -> date:
    """Reminders about a passed date fire the day after it."""
    return day + timedelta(days=1)


def follow_up_closes_on(profile: ProtocolProfile, responded_on: date,
                        closures: Closures) -> date:
    """The day the follow-up window's reminder fires and closes the enquiry: the day after
    the window's last working day, so the councillor has all of that day to reply."""
    return day_after(follow_up_ends(profile, responded_on, closures))
