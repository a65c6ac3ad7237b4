"""Whether, and where to, the Monitoring Officer may send a case on (001 §11.3), read from
the active profile's ladder for the case."""
from __future__ import annotations

from complaints.models import Complaint
from complaints.services.common import fair_handler, ladder, ladder_roles
from protocol.council.rules import discretion
from protocol.council.selectors import person_facts
from protocol.models import ProtocolProfile


def _roles(profile: ProtocolProfile, complaint: Complaint) -> list[str]:
    subject = person_facts(complaint.subject_person) if complaint.subject_person else None
    return ladder_roles(ladder(profile, complaint.kind), complaint.kind, subject)


def monitoring_officer_decides(profile: ProtocolProfile, complaint: Complaint) -> bool:
    """Is moving this case on the Monitoring Officer's decision, not the complainant's?"""
    return discretion.monitoring_officer_decides(
        complaint.kind, _roles(profile, complaint), complaint.stage_position)


def route_options(profile: ProtocolProfile, complaint: Complaint
                  ) -> dict[discretion.Choice, int]:
    """The options the route gives for this case now, whoever is in post: none where the
    decision is not the Monitoring Officer's or the case is closed."""
    if not complaint.is_open or not monitoring_officer_decides(profile, complaint):
        return {}
    return discretion.choices(_roles(profile, complaint), complaint.stage_position)


def options(profile: ProtocolProfile, complaint: Complaint) -> dict[discretion.Choice, int]:
    """What the Monitoring Officer is offered for this case now, with the stage each goes
    to: the route's options that someone in post can fairly take (never the Leader's
    discussion of a case about the Leader, 001 §11.3)."""
    return {choice: position for choice, position in route_options(profile, complaint).items()
            if fair_handler(complaint, discretion.CHOICE_ROLES[choice]) is not None}
