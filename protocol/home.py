"""The home page's 'what you can do next', by role. Each app adds its own steps here as
its pages arrive; a step names a URL, so a missing page fails the home page test."""
from __future__ import annotations

from dataclasses import dataclass

from protocol.council.rules.roles import Roles


@dataclass(frozen=True)
class Step:
    title: str
    description: str
    url_name: str


def next_steps(roles: Roles, *, is_staff: bool = False) -> list[Step]:
    """The actions the home page offers this person."""
    steps: list[Step] = []
    if roles.is_councillor:
        steps += [
            Step("Log an enquiry", "Ask the council about a ward matter or on behalf of a "
                 "constituent. You get a reference and a due date at once.", "casework:new"),
            Step("Your enquiries", "Follow what you have asked, read holding replies and "
                 "responses, confirm or reopen.", "casework:mine"),
        ]
    if roles.is_officer:
        steps.append(Step("Enquiries from councillors", "Your queue, overdue first: accept, "
                          "answer, send a holding reply or reassign.", "casework:queue"))
    if roles.is_councillor or roles.is_officer:
        steps.append(Step("Complaints and grievances", "Raise a concern when things go wrong, "
                          "and follow the cases you raised or handle.", "complaints:list"))
        steps.append(Step("The protocol's registers", "Political groups' requests, "
                          "need-to-know requests, personal relationships and ward notices.",
                          "registers:index"))
    if roles.is_monitoring_officer:
        steps.append(Step("Monitoring Officer's dashboard", "Every open complaint and "
                          "grievance, its stage and age, and the 10-day rule by directorate.",
                          "complaints:dashboard"))
        steps.append(Step("Subject access requests", "Find everything held about one "
                          "person, and nothing about anyone else, to release to them.",
                          "protocol:subject_access"))
    if is_staff:
        steps.append(Step("Configure the council",
                          "Protocol profile, directorates, services, wards, groups, people "
                          "and their posts.", "admin:index"))
    steps.append(Step("Read the council's protocol rules",
                      "Response times, holding replies, first contact and escalation, as "
                      "the council has set them.", "protocol:profile"))
    return steps
