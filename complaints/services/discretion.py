"""The Monitoring Officer's decision on a case about a councillor, and the complainant's
request for one (001 §11.3; 004 'Resolving Disputes'): the Monitoring Officer "will
determine whether the case should be discussed with the Leader of the Council and/or
relevant political group leader" and "may choose to report the matter for consideration
by the Standards Committee". The complainant can ask, not push."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from complaints.errors import ComplaintError, NotAllowed
from complaints.models import Complaint
from complaints.services.common import (
    check_transition,
    locked,
    record,
    route_chosen,
    save,
    tell,
)
from complaints.services.mo_choice import options, route_options
from complaints.services.stages import move_to
from protocol.council.rules.discretion import CHOICE_LABELS, CHOICE_ROLES, Choice
from protocol.council.selectors import active_profile, holder_of
from protocol.models import PostKind, User


def _need(text: str, what: str) -> str:
    if not text.strip():
        raise ComplaintError(f"Enter {what}.")
    return text.strip()


def complaint_monitoring_officer_decides(*, complaint: Complaint, actor: User, choice: str,
                                         reason: str, version: int | None = None
                                         ) -> Complaint:
    """The Monitoring Officer sends the case to a discussion with the Leader or the group
    leader, or reports it to the Standards Committee, straight there if they choose."""
    reason = _need(reason, "the reasons for your decision")
    with transaction.atomic():
        complaint = locked(complaint, version)
        check_transition(complaint.monitoring_officer_refers, actor,
                         "This case has no further stage to send it to.")
        profile = active_profile()
        # A choice the route has but nobody can fairly take now (a form loaded before they
        # left post) gets route_chosen's refusal, which says so.
        offered = route_options(profile, complaint)
        if choice not in offered:
            raise ComplaintError("Choose one of the options the council's protocol gives "
                                 "for this case.")
        made = Choice(choice)
        position = offered[made]
        title = ("The Leader of the Council" if made == Choice.LEADER
                 else profile.stages.get(kind=complaint.kind, position=position).title)
        stage = route_chosen(profile, complaint, position, CHOICE_ROLES[made], title,
                             timezone.now())
        label = CHOICE_LABELS[made]
        return move_to(complaint, actor, reason, stage, complaint.monitoring_officer_refers,
                       f"Monitoring Officer's decision: {label[0].lower()}{label[1:]}; sent")


def complaint_ask_monitoring_officer(*, complaint: Complaint, actor: User, reason: str,
                                     version: int | None = None) -> Complaint:
    """The complainant asks the Monitoring Officer to take the case further: a request on
    the record, not a move; the decision stays the Monitoring Officer's."""
    reason = _need(reason, "what you are asking the Monitoring Officer to do, and why")
    with transaction.atomic():
        complaint = locked(complaint, version)
        if actor.pk != complaint.complainant_id:
            raise NotAllowed("Only the person who raised the case can ask.")
        if not options(active_profile(), complaint):
            raise ComplaintError("There is nothing further for the Monitoring Officer to "
                                 "decide on this case.")
        # The request changes the case's version, so a resend of the same form is stale.
        save(complaint)
        event = record(complaint, actor=actor, reason=reason,
                       action="asked the Monitoring Officer to take it further")
        tell([holder_of(PostKind.MONITORING_OFFICER)], event,
             "you have been asked to take it further",
             f"{actor} has asked you to take \"{complaint.summary}\" further: {reason}")
    return complaint
