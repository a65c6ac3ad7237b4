"""What the enquiry page shows a given person: the working of its deadline, its status,
the correspondence and timeline they may read, and the actions open to them."""
from __future__ import annotations

from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm

from casework import deadlines, rules, selectors
from casework.models import Enquiry, EnquiryEvent, EventKind
from protocol.council.selectors import active_profile, roles_of
from protocol.machinery.related_links import links_for
from protocol.machinery.retention.hold import may_hold
from protocol.models import User

TRANSITION_ACTIONS = {
    "accept": "accept", "reassign": "reassign", "hold": "hold", "respond": "respond",
    "confirm": "confirm", "withdraw": "withdraw", "reopen": "reopen",
}


ACTION_BUTTONS = [
    ("accept", "Accept", ""),
    ("respond", "Send the full response", ""),
    ("hold", "Send a holding reply", "govuk-button--secondary"),
    ("reassign", "Reassign", "govuk-button--secondary"),
    ("confirm", "Confirm it is answered", ""),
    ("reopen", "Reopen", "govuk-button--secondary"),
    ("message", "Write a message", "govuk-button--secondary"),
    ("withdraw", "Withdraw", "govuk-button--warning"),
]


def available_actions(user: User, enquiry: Enquiry) -> set[str]:
    """The actions this person can take now (the services check again when they do)."""
    names = {
        name for name, method in TRANSITION_ACTIONS.items()
        if can_proceed(getattr(enquiry, method))
        and has_transition_perm(getattr(enquiry, method), user)
    }
    roles, facts = roles_of(user), rules.facts_of(enquiry)
    party = rules.can_see_personal_data(roles, user.pk, facts)
    if party and enquiry.is_open:
        names |= {"message", "upload"}
    return names


def due_working(enquiry: Enquiry) -> dict:
    """The working of the due date under the active profile, and whether it still gives
    the enquiry's deadline (templates/casework/_due_working.html)."""
    working = deadlines.response_deadline(active_profile(), enquiry.service, enquiry.received_on)
    return {"working": working, "working_matches": working.due == enquiry.due_on}


FILES_ATTACHED = "Files were attached."


def _timeline(enquiry: Enquiry, *, file_names: bool) -> list[EnquiryEvent]:
    """The timeline; a file's name can be personal data ("Ada Lovelace GP letter.pdf"), so
    only those who may download the files read which were attached. The events are
    append-only (saving one again raises), so showing a shorter summary changes nothing."""
    events = list(selectors.timeline(enquiry))
    if not file_names:
        for event in events:
            if event.kind == EventKind.ATTACHMENT:
                event.summary = FILES_ATTACHED
    return events


def enquiry_page_context(user: User, enquiry: Enquiry) -> dict:
    today = timezone.localdate()
    roles, facts = roles_of(user), rules.facts_of(enquiry)
    party = rules.can_see_personal_data(roles, user.pk, facts)
    letters = selectors.correspondence(enquiry)
    if not party:
        letters = letters.filter(confidential=False)
    return {
        "enquiry": enquiry,
        "show_personal": party,
        **due_working(enquiry),
        "overdue": rules.is_overdue(open_unanswered=enquiry.is_unanswered,
                                    current_due_on=enquiry.current_due_on, today=today),
        "days_left": rules.days_left(enquiry.current_due_on, today),
        "letters": list(letters),
        "events": _timeline(enquiry, file_names=party),
        "attachments": list(enquiry.attachments.all()) if party else [],
        "actions": available_actions(user, enquiry),
        "today": today,
        "action_buttons": ACTION_BUTTONS,
        "may_hold": may_hold(roles),
        # Records other apps keep about this enquiry, each shown only to those who may
        # see it (e.g. the complaint it was raised as).
        "related_links": links_for(user, "enquiry", enquiry.reference),
    }
