"""What a case page shows a given person and which actions are open to them."""
from __future__ import annotations

from django.utils import timezone
from django_fsm import has_transition_perm

from complaints import selectors
from complaints.dashboard import AGE_LABELS
from complaints.filters import AGE_BUCKETS, Filters
from complaints.models import Complaint, Outcome
from complaints.services import mo_choice
from protocol.council.rules.discretion import CHOICE_LABELS, Choice
from protocol.council.selectors import active_profile, roles_of
from protocol.machinery.related_links import RelatedLink
from protocol.machinery.retention.hold import may_hold
from protocol.models import ComplaintKind, User

TRANSITIONS = {
    "resolve_informally": "resolve_informally", "go_formal": "go_formal",
    "outcome": "give_outcome", "accept": "accept_outcome", "escalate": "escalate",
    "refer_on": "refer_on", "withdraw": "withdraw",
}
BUTTONS = [
    ("outcome", "Record the outcome", ""),
    ("resolve_informally", "Record informal resolution", ""),
    ("go_formal", "Move to the formal route", "govuk-button--secondary"),
    ("consult", "Record the Independent Person's view", "govuk-button--secondary"),
    ("request_response", "Ask the councillor to respond", "govuk-button--secondary"),
    ("refer_on", "Refer to the next stage", "govuk-button--secondary"),
    ("decide_next", "Decide what happens next", ""),
    ("accept", "Accept the outcome", ""),
    ("escalate", "Not satisfied: take it to the next stage", "govuk-button--secondary"),
    ("ask_monitoring_officer", "Ask the Monitoring Officer to take it further",
     "govuk-button--secondary"),
    ("withdraw", "Withdraw", "govuk-button--warning"),
]


def available_actions(user: User, complaint: Complaint) -> set[str]:
    names = {name for name, method in TRANSITIONS.items()
             if has_transition_perm(getattr(complaint, method), user)}
    last_stage = (complaint.state == "with_handler"
                  and complaint.stage_position >= complaint.stage_count)
    ready = (complaint.kind != ComplaintKind.CODE_OF_CONDUCT
             or complaint.independent_person_consulted_at is not None)
    if last_stage and ready and complaint.handler_id == user.pk:
        names.add("outcome")  # the decision at the last stage
    if (complaint.kind == ComplaintKind.CODE_OF_CONDUCT and complaint.is_open
            and complaint.handler_id == user.pk):
        names |= {"consult", "request_response"}
    return _monitoring_officers_call(user, complaint, names)


def _monitoring_officers_call(user: User, complaint: Complaint, names: set[str]) -> set[str]:
    """Where the Monitoring Officer decides (001 §11.3), they have the decision and the
    complainant a request in place of escalating; nobody refers it on."""
    profile = active_profile()
    if not mo_choice.monitoring_officer_decides(profile, complaint):
        return names
    names = names - {"escalate", "refer_on"}
    if mo_choice.options(profile, complaint):
        if has_transition_perm(complaint.monitoring_officer_refers, user):
            names.add("decide_next")
        if complaint.complainant_id == user.pk:
            names.add("ask_monitoring_officer")
    return names


def decision_choices(complaint: Complaint) -> list[tuple[str, str]]:
    """The Monitoring Officer's options for this case (every option where none applies,
    so that the service gives its refusal)."""
    offered = mo_choice.options(active_profile(), complaint) or Choice
    return [(choice.value, CHOICE_LABELS[choice]) for choice in offered]


def narrowed_by(filters: Filters) -> list[str]:
    """In words, the filters the list's form does not show: those a dashboard figure sets,
    so that whoever follows one knows which cases they are looking at."""
    words = [f"Stage {filters.stage}"] if filters.stage else []
    if filters.overdue:
        words.append("Past the stage's time limit")
    if filters.age in AGE_BUCKETS:
        words.append(f"Received {AGE_LABELS[filters.age].lower()} ago")
    for what, month in (("Received", filters.received_month),
                        ("Closed or withdrawn", filters.closed_month)):
        if month:
            words.append(f"{what} in {month:%B %Y}")
    if filters.closed_since:
        since = filters.closed_since
        words.append(f"Closed or withdrawn since {since.day} {since:%B %Y}")
    if filters.outcome in Outcome.values:
        words.append(f"Outcome: {Outcome(filters.outcome).label}")
    return words


def complaint_page_context(user: User, complaint: Complaint) -> dict:
    return {
        "complaint": complaint,
        "events": list(selectors.history(complaint)),
        "actions": available_actions(user, complaint),
        "buttons": BUTTONS,
        "overdue": complaint.is_overdue(timezone.localdate()),
        "may_hold": may_hold(roles_of(user)),
    }


def raised_from_links(user: User, enquiry_reference: str) -> list[RelatedLink]:
    """For the enquiry page (protocol.machinery.related_links): the complaints raised from it that
    the person looking may see; nothing, not even that there are any, for anyone else."""
    return [RelatedLink("Raised as a complaint", complaint.reference,
                        complaint.get_absolute_url(),
                        "The complaint has its own history and time limits.")
            for complaint in selectors.raised_from(user, enquiry_reference)]
