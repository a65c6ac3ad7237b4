"""The Monitoring Officer's discretion over a case about a councillor: pure rules.

001 §11.3: an officer's grievance about a councillor's conduct goes to the Monitoring
Officer, who "will determine whether the case should be discussed with the Leader of the
Council and/or relevant political group leader" and "may choose to report the matter for
consideration by the Standards Committee"; 004 'Resolving Disputes' refers the matter to
the Monitoring Officer; under the Localism Act 2011 arrangements the Monitoring Officer
refers a Code of Conduct complaint that merits it for a hearing. So once such a case has
reached the Monitoring Officer, where it goes next is their decision: the complainant may
ask, not push, and the Monitoring Officer may go straight to the Standards Committee."""
from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

ABOUT_COUNCILLORS = frozenset({"councillor_conduct", "code_of_conduct"})
DISCUSSION_STAGE = "group_leader"
STANDARDS_STAGE = "standards_committee"


class Choice(StrEnum):
    LEADER = "leader"
    GROUP_LEADER = "group_leader"
    STANDARDS = "standards"


CHOICE_LABELS = {Choice.LEADER: "Discuss it with the Leader of the Council",
                 Choice.GROUP_LEADER: "Discuss it with the councillor's group leader",
                 Choice.STANDARDS: "Report it to the Standards Committee"}
# The chain of posts that takes the stage for each choice (protocol.council.rules.escalation).
CHOICE_ROLES = {Choice.LEADER: "leader", Choice.GROUP_LEADER: "group_leader",
                Choice.STANDARDS: "standards_committee"}


def monitoring_officer_decides(kind: str, roles: Sequence[str], position: int) -> bool:
    """Is moving the case on the Monitoring Officer's decision? A case about a councillor
    once a stage up to this one (`roles[0]` is stage 1's) is the Monitoring Officer's."""
    return kind in ABOUT_COUNCILLORS and "monitoring_officer" in roles[:position]


def choices(roles: Sequence[str], position: int) -> dict[Choice, int]:
    """What the Monitoring Officer may decide at stage `position`, each with the stage it
    goes to: a discussion with the Leader or the group leader where the route has one
    ahead, and the Standards Committee, straight there if they choose."""
    found: dict[Choice, int] = {}
    for at in range(position + 1, len(roles) + 1):
        if roles[at - 1] == DISCUSSION_STAGE and not found:
            found = {Choice.LEADER: at, Choice.GROUP_LEADER: at}
        elif roles[at - 1] == STANDARDS_STAGE:
            found[Choice.STANDARDS] = at
            break
    return found
