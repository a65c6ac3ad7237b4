"""The refusals every app's services raise and every app's views catch: apps subclass them
for their own wording (casework.errors, complaints.errors, registers.errors), views catch
these."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


class Refused(ValueError):
    """The action cannot be done; the message says why, for the person who tried."""


class NotAllowed(Refused):
    """This person may not do this (a view answers 403)."""

    message: ClassVar[str] = "You cannot do that here."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class Stale(Refused):
    """Someone else changed the record since the page was loaded (optimistic check)."""

    message: ClassVar[str] = ("This record changed while you were looking at it. Check the "
                              "latest timeline, then try again if it still needs doing.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


@dataclass(frozen=True)
class Errors:
    """The classes one app's services raise: for a refusal, for a person who may not, and
    for a stale form."""

    refused: type[Refused]
    not_allowed: type[NotAllowed]
    stale: type[Stale]
