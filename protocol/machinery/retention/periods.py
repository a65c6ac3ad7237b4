"""The kinds of record retention covers, their default periods, and when one has expired:
plain values and pure functions (no database).

The seeds are silent on retention (000-004 set no period and say nothing of records
management), so every default below is the council's choice, shipped so that a council has
a schedule from day one and changes it with its profile:
- enquiries: 2 years after closure (or withdrawal), the issue's example;
- complaints and grievances: 6 years after the decision that closes them (for a conduct
  complaint, its determination), the issue's example for conduct complaints and the
  common council practice (the limitation period for a claim) for the others;
- need-to-know requests and political groups' requests: 2 years after the decision, as
  enquiries;
- relationships: 6 years after they end, so a complaint about a handling they touched can
  still be checked for a conflict (001 §10);
- ward notices: 2 years after the matter ends (or starts, with no end)."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import models


class RecordType(models.TextChoices):
    ENQUIRY = "enquiry", "Councillor enquiries"
    COMPLAINT_OFFICER_CONDUCT = ("complaint.officer_conduct",
                                 "Councillor complaints about an officer")
    COMPLAINT_COUNCILLOR_CONDUCT = ("complaint.councillor_conduct",
                                    "Officer grievances about a councillor")
    COMPLAINT_CODE_OF_CONDUCT = "complaint.code_of_conduct", "Code of Conduct complaints"
    COMPLAINT_FRAUD = "complaint.fraud", "Concerns about fraud, corruption or malpractice"
    COMPLAINT_CLERK_CONCERN = "complaint.clerk_concern", "Councillor concerns about the Clerk"
    INFORMATION_REQUEST = "information_request", "Need-to-know requests for information"
    GROUP_REQUEST = "group_request", "Political groups' requests"
    RELATIONSHIP = "relationship", "Declared close personal relationships"
    WARD_NOTICE = "ward_notice", "Ward notices"


COMPLAINT_PREFIX = "complaint."


@dataclass(frozen=True)
class Default:
    years: int
    after: str  # what ends the record, in words


DEFAULTS: dict[RecordType, Default] = {
    RecordType.ENQUIRY: Default(2, "closure or withdrawal"),
    RecordType.COMPLAINT_OFFICER_CONDUCT: Default(6, "closure"),
    RecordType.COMPLAINT_COUNCILLOR_CONDUCT: Default(6, "determination"),
    RecordType.COMPLAINT_CODE_OF_CONDUCT: Default(6, "determination"),
    RecordType.COMPLAINT_FRAUD: Default(6, "closure"),
    RecordType.COMPLAINT_CLERK_CONCERN: Default(6, "closure"),
    RecordType.INFORMATION_REQUEST: Default(2, "the decision (or withdrawal)"),
    RecordType.GROUP_REQUEST: Default(2, "the decision (or withdrawal)"),
    RecordType.RELATIONSHIP: Default(6, "the relationship ends"),
    RecordType.WARD_NOTICE: Default(2, "the matter ends"),
}
DEFAULT_BASIS = ("The seed protocol sets no retention period: this is the council's "
                 "records-management choice.")


def complaint_record_type(kind: str) -> str:
    """The record type of a complaint of this kind (each kind has its own period)."""
    return f"{COMPLAINT_PREFIX}{kind}"


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    year = day.year - years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return day.replace(year=year, day=28)
    return day.replace(year=year)


def last_expired_day(today: date, years: int) -> date:
    """The latest day a record may have ended on and be expired by `today`: a record is
    kept `years` whole years and anonymised on the anniversary of its end."""
    return years_before(today, years)


def is_expired(ended_on: date | None, years: int, today: date) -> bool:
    """Whether a record that ended on `ended_on` (None: it has not ended) has outlived a
    period of `years` by `today`."""
    return ended_on is not None and ended_on <= last_expired_day(today, years)


def periods(configured: dict[str, int]) -> dict[str, int]:
    """Each record type's period in years: the profile's where it sets one, else the
    default."""
    return {str(kind): configured.get(str(kind), default.years)
            for kind, default in DEFAULTS.items()}
