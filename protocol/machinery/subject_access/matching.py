"""How a constituent is recognised on an enquiry: pure rules over the text recorded there.

The enquiry holds what the councillor typed: a name, a contact (an email address or a
telephone number) and an address (free text, the postcode usually on its last line). A
constituent is matched only by an exact email address, or by an exact name together with a
postcode found in the address; nothing fuzzy, so that a namesake in another street is not
exported by mistake. Every match is then shown to the Monitoring Officer to confirm.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A UK postcode: outward code (area, district) and inward code (sector, unit). The GIR 0AA
# and overseas-territory oddities are left out: a match then needs the email address.
POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
EMAIL = re.compile(r"[^\s,;<>()]+@[^\s,;<>()]+\.[^\s,;<>()]+")

BY_EMAIL = "email address"
BY_NAME_AND_POSTCODE = "name and postcode"


def normalise_email(value: str) -> str:
    """An email address compared without regard to capitals or surrounding space."""
    return value.strip().casefold()


def normalise_name(value: str) -> str:
    """A name compared without regard to capitals or runs of spaces."""
    return " ".join(value.split()).casefold()


def normalise_postcode(value: str) -> str | None:
    """The postcode in its standard form ("sw1a1aa" -> "SW1A 1AA"), or None if it is not one."""
    found = POSTCODE.fullmatch(value.strip())
    return f"{found[1]} {found[2]}".upper() if found else None


def postcodes_in(address: str) -> frozenset[str]:
    """Every postcode written anywhere in an address, in standard form."""
    return frozenset(f"{m[1]} {m[2]}".upper() for m in POSTCODE.finditer(address))


def emails_in(contact: str) -> frozenset[str]:
    """Every email address written in a contact field, normalised."""
    return frozenset(normalise_email(m.rstrip(".")) for m in EMAIL.findall(contact))


@dataclass(frozen=True)
class ConstituentQuery:
    """What the Monitoring Officer searched with, normalised: an email address, or a name
    with a postcode, or both (either matches)."""

    email: str = ""
    name: str = ""
    postcode: str = ""

    @property
    def by_name(self) -> bool:
        return bool(self.name and self.postcode)

    def describe(self) -> str:
        parts = []
        if self.email:
            parts.append(f"the email address {self.email}")
        if self.by_name:
            parts.append(f"the name {self.name} with the postcode {self.postcode}")
        return " or ".join(parts)


def match_reasons(query: ConstituentQuery, *, name: str, contact: str, address: str
                  ) -> tuple[str, ...]:
    """Why an enquiry's constituent matches the query (empty: it does not)."""
    reasons = []
    if query.email and query.email in emails_in(contact):
        reasons.append(BY_EMAIL)
    if (query.by_name and normalise_name(name) == normalise_name(query.name)
            and query.postcode in postcodes_in(address)):
        reasons.append(BY_NAME_AND_POSTCODE)
    return tuple(reasons)


@dataclass(frozen=True)
class Match:
    """One enquiry whose constituent matches, as listed for the Monitoring Officer."""

    reference: str
    received_on: date
    name: str
    contact: str
    address: str
    matched_by: tuple[str, ...]
