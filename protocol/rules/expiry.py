"""Who is informed when an enquiry's deadline passes with no response (003 §31.15)."""
from __future__ import annotations

from collections.abc import Sequence

from .enums import Seniority
from .first_contact import Candidate


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
