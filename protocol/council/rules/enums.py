"""Vocabulary shared by the rules and the models (plain enums, importable without Django)."""
from enum import IntEnum, StrEnum


class Nation(StrEnum):
    """The UK nation whose bank holidays a council observes (holidays' GB subdivisions)."""

    ENGLAND = "ENG"
    WALES = "WLS"
    SCOTLAND = "SCT"
    NORTHERN_IRELAND = "NIR"


class DayKind(StrEnum):
    WORKING = "working"
    CALENDAR = "calendar"


class Seniority(IntEnum):
    """Officer grades in the order the protocols rank them (000/001 §3.5)."""

    STAFF = 10
    HEAD_OF_SERVICE = 20
    DEPUTY_DIRECTOR = 30
    DIRECTOR = 40
    EXECUTIVE_DIRECTOR = 50
    CHIEF_EXECUTIVE = 60


class ExpiryRecipient(StrEnum):
    """Who is informed when an enquiry's deadline passes with nothing sent (003 §31.15);
    the profile's `expiry_informs` holds one of these."""

    DIRECTOR = "director"
    HEAD_OF_SERVICE = "head_of_service"
    CHIEF_EXECUTIVE = "chief_executive"
    PROPER_OFFICER = "proper_officer"
    NOBODY = "nobody"
