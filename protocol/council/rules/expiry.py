"""Who is informed when an enquiry's deadline passes with no response (003 §31.15)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import assert_never

from .enums import ExpiryRecipient, Seniority
from .first_contact import Candidate


@dataclass(frozen=True)
class ExpiryPosts:
    """The people 003 §31.15 (and the profile) may name for one enquiry or request: the
    service's line (most junior first; the Chief Executive alone when it has no service),
    whoever holds it, and the holders of the single posts (None where vacant)."""

    line: Sequence[Candidate]
    holder: Candidate | None
    head_of_service: int | None
    chief_executive: int | None
    proper_officer: int | None


def expiry_recipient(informs: ExpiryRecipient, posts: ExpiryPosts,
                     above_director: Seniority) -> int | None:
    """The id of whoever the profile says is told once the deadline has passed; None for
    nobody, or where the post is vacant. The one rule both sweeps (enquiries and
    need-to-know requests) follow."""
    match informs:
        case ExpiryRecipient.DIRECTOR:
            # 003 §31.15: "the relevant Director should be informed".
            chosen = relevant_director(posts.line, posts.holder, above_director)
            return chosen.user_id if chosen else None
        case ExpiryRecipient.HEAD_OF_SERVICE:
            return posts.head_of_service
        case ExpiryRecipient.CHIEF_EXECUTIVE:
            return posts.chief_executive
        case ExpiryRecipient.PROPER_OFFICER:
            # A parish's Clerk is its Proper Officer (002 'Proper Officer').
            return posts.proper_officer
        case ExpiryRecipient.NOBODY:
            return None
    assert_never(informs)


def relevant_director(line: Sequence[Candidate], holder: Candidate | None,
                      above_director: Seniority) -> Candidate | None:
    """The relevant Director: the first in the service's line (most junior first) at
    Director grade or above and senior to whoever holds the enquiry; when it is with the
    Director or above, the grade the profile names above the Director. None above the
    Chief Executive."""
    held = holder.seniority if holder is not None else Seniority.STAFF
    # 003 §31.15's purpose is escalation: where the first-contact rule (§31.5) puts the
    # enquiry with the Director, telling that Director escalates nothing.
    wanted = Seniority.DIRECTOR if held < Seniority.DIRECTOR else above_director
    for candidate in line:
        if holder is not None and candidate.user_id == holder.user_id:
            continue
        if candidate.seniority >= wanted and candidate.seniority > held:
            return candidate
    return None
