"""The permission matrix: for every named URL, what each seed_demo role gets for each method.

Every named URL in the URLconf is either public (PUBLIC), an admin URL of a model listed in
ADMIN_MODELS, or has one or more cases in MATRIX; test_matrix.py fails on any URL that is
none of these, so a new page cannot ship without saying who may use it.

Outcomes (what the response means, not only its status):
  OK        200, the page (a form re-shown with its errors is OK too: nothing was saved)
  DONE      a redirect after the change was made, or to the next page
  SIGN_IN   a redirect to a sign-in page (the site's, or the admin's for the admin)
  INVALID   400, the form was refused (the person may use the page)
  FORBIDDEN 403, the service refused the action (the person may see the case)
  HIDDEN    404, no such page for this person: they cannot tell that the case exists
  CONFLICT  409, the action does not fit the case's state
  METHOD    405, the page does not take this method

The cases are those of tests/security/world.py; an action's POST sends a valid form, so a
refusal comes from the permission check in the service, not from the form. Where the
outcome comes from the protocol, the rule's source is cited.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from protocol.models import Service, User
from tests.factories import sent_once
from tests.security.world import ROLES, World, pdf

OK, DONE, SIGN_IN = "ok", "done", "sign_in"
INVALID, FORBIDDEN, HIDDEN, CONFLICT, METHOD = "invalid", "forbidden", "hidden", "conflict", \
    "method"
OUTCOMES = {OK, DONE, SIGN_IN, INVALID, FORBIDDEN, HIDDEN, CONFLICT, METHOD}

# Reached without signing in, on purpose. Everything else sends an anonymous visitor to a
# sign-in page.
PUBLIC = {
    "login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "healthz", "admin:login",
}

# Models with an admin, for the council's administrators (superusers). No enquiry,
# complaint, message, history or object-permission model is in the admin: those are
# confidential (002 'need to know'; DESIGN 'Object permissions') and are reached only
# through the pages below, which apply the protocol's rules.
ADMIN_MODELS = {
    "auth.group", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
    "protocol.user", "protocol.post", "protocol.ward", "protocol.politicalgroup",
    "protocol.committee", "protocol.directorate", "protocol.service",
    "protocol.protocolprofile", "protocol.closureday", "protocol.heartbeat",
    "protocol.accountchangerequest", "registers.registerrules",
}
ADMIN_SITE_URLS = {
    "admin:index", "admin:logout", "admin:password_change", "admin:password_change_done",
    "admin:autocomplete", "admin:jsi18n", "admin:view_on_site", "admin:app_list",
    "admin:auth_user_password_change",
}
ADMIN_VIEWS = ("changelist", "add", "history", "delete", "change")

SIGN_IN_PAGES = ("login", "admin:login")


def outcome_of(response: HttpResponse) -> str:
    """What a response means, in the matrix's words (a status it has no word for is
    returned as its number, and matches nothing)."""
    if response.status_code in (301, 302, 303):
        target = urlsplit(response["Location"]).path
        return SIGN_IN if target in {reverse(n) for n in SIGN_IN_PAGES} else DONE
    words = {200: OK, 400: INVALID, 403: FORBIDDEN, 404: HIDDEN, 405: METHOD, 409: CONFLICT}
    return words.get(response.status_code, str(response.status_code))


Row = dict[str, str]
Data = Callable[[World], dict]


def row(default: str, **others: str) -> Row:
    """Every role's outcome: `default`, except the roles named."""
    unknown = set(others) - set(ROLES)
    if unknown:
        raise ValueError(f"not seed_demo roles: {sorted(unknown)}")
    return {role: others.get(role, default) for role in ROLES}


@dataclass(frozen=True)
class Case:
    url: str
    expect: dict[str, Row]  # method -> role -> outcome
    kwargs: Callable[[World], dict] = lambda w: {}
    data: Data = lambda w: {}
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.url}[{self.label}]" if self.label else self.url


def enquiry(w: World) -> dict:
    return {"reference": w.enquiry.reference}


def complaint(w: World) -> dict:
    return {"reference": w.complaint.reference}


def fraud(w: World) -> dict:
    return {"reference": w.fraud.reference}


def enquiry_action(name: str) -> Callable[[World], dict]:
    return lambda w: {"reference": w.enquiry.reference, "name": name}


def complaint_action(name: str) -> Callable[[World], dict]:
    return lambda w: {"reference": w.complaint.reference, "name": name}


def _waste_officer(w: World) -> User:
    """A Waste officer other than the `officer` sign-in (for a reassignment)."""
    waste = Service.objects.get(name="Waste and Recycling")
    return (User.objects.filter(posts__service=waste, posts__kind="officer",
                                posts__ends_on__isnull=True)
            .exclude(pk=w.users["officer"].pk).order_by("username").first())


def _new_enquiry(w: World) -> dict:
    return sent_once({"subject": "Graffiti on the footbridge", "details": "Offensive words, "
                      "sprayed overnight.", "ward": w.enquiry.ward_id,
                      "service": w.enquiry.service_id, "visibility": "private"})


def _new_complaint(w: World) -> dict:
    return sent_once({"kind": "officer_conduct", "subject_person": w.users["officer"].pk,
                      "summary": "Rude on the phone", "details": "Hung up on me twice."})


def _versioned(extra: dict) -> Callable[[World], dict]:
    return lambda w: {"version": 1, **extra}


def _future(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


ENQUIRY_ACTIONS: dict[str, Data] = {
    "hold": lambda w: {"version": 1, "reasons": "Waiting for the crew's report.",
                       "revised_due_on": _future(20), "body": "We are looking into it."},
    "respond": _versioned({"body": "The bins were emptied on Tuesday."}),
    "message": _versioned({"body": "Which block is it?"}),
    "reassign": lambda w: {"version": 1, "officer": _waste_officer(w).pk,
                           "reason": "Covers Alder Court."},
    "withdraw": _versioned({"reason": "Sorted out by the residents."}),
    "reopen": _versioned({"reason": "It has happened again."}),
    "accept": _versioned({}),
    "confirm": _versioned({}),
}
COMPLAINT_ACTIONS: dict[str, Data] = {
    "resolve_informally": _versioned({"reason": "Apology accepted."}),
    "go_formal": _versioned({"reason": "Informal route did not work."}),
    "outcome": _versioned({"outcome": "upheld", "reasons": "The officer was dismissive."}),
    "accept": _versioned({}),
    "escalate": _versioned({"reason": "Not satisfied."}),
    "refer_on": _versioned({"reason": "Needs the Director."}),
    "withdraw": _versioned({"reason": "No longer pursuing it."}),
    "consult": _versioned({"note": "The Independent Person agrees."}),
    "request_response": lambda w: {"version": 1, "due_on": _future(14)},
    "decide_next": _versioned({"choice": "standards", "reason": "It merits a hearing."}),
    "ask_monitoring_officer": _versioned({"reason": "Please report it to the committee."}),
}


# Who may open enquiry case A: the councillor who raised it, the officer it is with and
# that officer's Head of Service and Director, and the Monitoring Officer (casework.rules
# .can_view; 002 'need to know'; DESIGN 'Object permissions'). Nobody else, whatever their
# seniority or admin rights: no Leader, group leader, Chief Executive or administrator.
ENQUIRY_PARTIES = {"councillor": OK, "officer": OK, "head_of_service": OK, "director": OK,
                   "monitoring_officer": OK}
# Acting on it: the officer and their line (casework.rules.can_handle; 003 §31.15); the
# councillor and the Monitoring Officer are refused by the service.
HANDLERS = {"officer": DONE, "head_of_service": DONE, "director": DONE}
NOT_HANDLERS = {"councillor": FORBIDDEN, "monitoring_officer": FORBIDDEN}
# Complaint case A: the complainant, its handler (the service Director, 003 §31.3(3)), the
# officer it is about (told at this stage under the active profile) and the Monitoring
# Officer (complaints.rules.can_view).
COMPLAINT_PARTIES = {"councillor": OK, "officer": OK, "director": OK,
                     "monitoring_officer": OK}
COUNCILLORS = {"councillor": OK, "leader": OK, "group_leader": OK, "standards_member": OK}
# Everyone the action refuses for the case's state (with handler, nothing decided yet).
COMPLAINT_WRONG_STATE = dict.fromkeys(COMPLAINT_PARTIES, CONFLICT)
# Where the state refuses an action, only those whose action it would be hear so (409);
# anyone else is refused before anything is said about the state (403: permission first).
RAISER_ONLY_WRONG_STATE = {**dict.fromkeys(ENQUIRY_PARTIES, FORBIDDEN), "councillor": CONFLICT}
COMPLAINANT_ONLY_WRONG_STATE = {**dict.fromkeys(COMPLAINT_PARTIES, FORBIDDEN),
                                "councillor": CONFLICT}
PARTIES_ONLY_WRONG_STATE = {**dict.fromkeys(COMPLAINT_PARTIES, FORBIDDEN),
                            "councillor": CONFLICT, "director": CONFLICT}


def _enquiry_action_case(name: str, post: Row) -> Case:
    return Case("casework:action", {"GET": row(HIDDEN, **ENQUIRY_PARTIES), "POST": post},
                kwargs=enquiry_action(name), data=ENQUIRY_ACTIONS[name], label=name)


def _complaint_action_case(name: str, post: Row) -> Case:
    return Case("complaints:action", {"GET": row(HIDDEN, **COMPLAINT_PARTIES), "POST": post},
                kwargs=complaint_action(name), data=COMPLAINT_ACTIONS[name], label=name)


MATRIX: list[Case] = [
    Case("home", {"GET": row(OK)}),
    Case("protocol:profile", {"GET": row(OK)}),

    # Enquiries. A councillor's own list and the form to log one are for councillors.
    Case("casework:mine", {"GET": row(HIDDEN, **COUNCILLORS)}),
    Case("casework:new", {"GET": row(HIDDEN, **COUNCILLORS),
                          "POST": row(HIDDEN, **dict.fromkeys(COUNCILLORS, DONE))},
         data=_new_enquiry),
    # The queue and its export are for officers; the export carries no constituent data.
    Case("casework:queue", {"GET": row(OK, councillor=HIDDEN, leader=HIDDEN,
                                       group_leader=HIDDEN, standards_member=HIDDEN,
                                       admin=HIDDEN)}),
    Case("casework:queue_csv", {"GET": row(OK, councillor=HIDDEN, leader=HIDDEN,
                                           group_leader=HIDDEN, standards_member=HIDDEN,
                                           admin=HIDDEN)}),
    Case("casework:detail", {"GET": row(HIDDEN, **ENQUIRY_PARTIES)}, kwargs=enquiry),
    Case("casework:logged", {"GET": row(HIDDEN, **ENQUIRY_PARTIES)}, kwargs=enquiry),
    # Files carry personal data: the parties who may see it (rules.can_see_personal_data).
    Case("casework:upload", {"GET": row(METHOD),
                             "POST": row(HIDDEN, **dict.fromkeys(ENQUIRY_PARTIES, DONE))},
         kwargs=enquiry, data=lambda w: {"attachments": [pdf("more-photos.pdf")]}),
    Case("casework:attachment", {"GET": row(HIDDEN, **ENQUIRY_PARTIES)},
         kwargs=lambda w: {"reference": w.enquiry.reference, "pk": w.attachment.pk}),
    _enquiry_action_case("accept", row(HIDDEN, **HANDLERS, **NOT_HANDLERS)),
    _enquiry_action_case("hold", row(HIDDEN, **HANDLERS, **NOT_HANDLERS)),
    _enquiry_action_case("respond", row(HIDDEN, **HANDLERS, **NOT_HANDLERS)),
    _enquiry_action_case("reassign", row(HIDDEN, **HANDLERS, **NOT_HANDLERS)),
    # Anyone on the enquiry may write on it; every copy is shown (002: no silent copies).
    _enquiry_action_case("message", row(HIDDEN, **dict.fromkeys(ENQUIRY_PARTIES, DONE))),
    # Only the councillor who raised it withdraws it.
    _enquiry_action_case("withdraw", row(HIDDEN, councillor=DONE, officer=FORBIDDEN,
                                         head_of_service=FORBIDDEN, director=FORBIDDEN,
                                         monitoring_officer=FORBIDDEN)),
    # Not answered yet: nothing to reopen or confirm; the councillor who raised it hears so.
    _enquiry_action_case("reopen", row(HIDDEN, **RAISER_ONLY_WRONG_STATE)),
    _enquiry_action_case("confirm", row(HIDDEN, **RAISER_ONLY_WRONG_STATE)),

    # Complaints. Everyone has a list (of the cases they may see, often none); only
    # councillors and officers raise cases (001 §11.1), and an officer cannot raise a
    # complaint about an officer: the form comes back with its error (001 §11.2).
    Case("complaints:list", {"GET": row(OK)}),
    Case("complaints:list_csv", {"GET": row(OK)}),
    Case("complaints:new", {"GET": row(OK, admin=HIDDEN),
                            "POST": row(OK, admin=HIDDEN,
                                        **dict.fromkeys(COUNCILLORS, DONE))},
         data=_new_complaint),
    # Only the councillor who raised the enquiry turns it into a complaint.
    Case("complaints:from_enquiry", {"GET": row(HIDDEN, councillor=OK),
                                     "POST": row(HIDDEN, councillor=DONE)},
         kwargs=enquiry, data=_new_complaint),
    Case("complaints:detail", {"GET": row(HIDDEN, **COMPLAINT_PARTIES)}, kwargs=complaint,
         label="complaint"),
    # A fraud concern: whoever raised it, the Chief Executive, the Monitoring Officer and,
    # money being involved, the Chief Finance Officer (003 §31.3(3)).
    Case("complaints:detail", {"GET": row(HIDDEN, officer=OK, chief_executive=OK,
                                          monitoring_officer=OK, cfo=OK)},
         kwargs=fraud, label="fraud"),
    # The handler gives the outcome or refers it on; the complainant alone withdraws.
    _complaint_action_case("outcome", row(HIDDEN, councillor=FORBIDDEN, officer=FORBIDDEN,
                                          director=DONE, monitoring_officer=FORBIDDEN)),
    _complaint_action_case("refer_on", row(HIDDEN, councillor=FORBIDDEN, officer=FORBIDDEN,
                                           director=DONE, monitoring_officer=FORBIDDEN)),
    _complaint_action_case("withdraw", row(HIDDEN, councillor=DONE, officer=FORBIDDEN,
                                           director=FORBIDDEN, monitoring_officer=FORBIDDEN)),
    # Steps that do not fit a formal case still with its handler, or its kind.
    _complaint_action_case("resolve_informally", row(HIDDEN, **PARTIES_ONLY_WRONG_STATE)),
    _complaint_action_case("go_formal", row(HIDDEN, **PARTIES_ONLY_WRONG_STATE)),
    _complaint_action_case("accept", row(HIDDEN, **COMPLAINANT_ONLY_WRONG_STATE)),
    _complaint_action_case("escalate", row(HIDDEN, **COMPLAINANT_ONLY_WRONG_STATE)),
    _complaint_action_case("consult", row(HIDDEN, **COMPLAINT_WRONG_STATE)),
    _complaint_action_case("request_response", row(HIDDEN, **COMPLAINT_WRONG_STATE)),
    # The Monitoring Officer's decision on a case about a councillor (001 §11.3), and the
    # complainant's request for one: refused to anyone else before anything is said about
    # the case; case A is about an officer, so there is nothing for the MO to decide.
    _complaint_action_case("decide_next", row(HIDDEN, councillor=FORBIDDEN, officer=FORBIDDEN,
                                              director=FORBIDDEN, monitoring_officer=CONFLICT)),
    _complaint_action_case("ask_monitoring_officer", row(
        HIDDEN, councillor=CONFLICT, officer=FORBIDDEN, director=FORBIDDEN,
        monitoring_officer=FORBIDDEN)),
    # The Monitoring Officer's dashboard: nobody else, an administrator included.
    Case("complaints:dashboard", {"GET": row(HIDDEN, monitoring_officer=OK)}),
]

# The admin is for administrators (staff): every other role is sent to the admin's sign-in.
# What the superuser `admin` gets, where it is not the page (OK):
ADMIN_SUPERUSER = {
    "admin:logout": METHOD,  # sign out by POST only
    "admin:autocomplete": FORBIDDEN,  # a widget's search, refused without its parameters
    "admin:view_on_site": DONE,  # the content-type shortcut: to the case's page, which
    # then applies the protocol's rules (test_admin.py)
    # Read-only records: nothing to add by hand.
    "admin:axes_accessattempt_add": FORBIDDEN, "admin:axes_accesslog_add": FORBIDDEN,
    "admin:axes_accessfailurelog_add": FORBIDDEN, "admin:protocol_heartbeat_add": FORBIDDEN,
    # Who asked for a change to a protected account, and who decided it, stays on record.
    "admin:protocol_accountchangerequest_delete": FORBIDDEN,
}
# What other roles get, where it is not the sign-in page: signing out of the admin sends
# a signed-in non-administrator to the admin's index (and so to its sign-in page).
ADMIN_OTHERS = {"admin:logout": DONE}


def admin_row(name: str) -> Row:
    return row(ADMIN_OTHERS.get(name, SIGN_IN), admin=ADMIN_SUPERUSER.get(name, OK))


# The registers' cases live beside this module; imported last, as they use its helpers.
from tests.security.matrix_registers import CASES as _REGISTER_CASES  # noqa: E402

MATRIX += _REGISTER_CASES

from tests.security.matrix_mfa import CASES as _MFA_CASES  # noqa: E402

MATRIX += _MFA_CASES

from tests.security.matrix_retention import CASES as _RETENTION_CASES  # noqa: E402

MATRIX += _RETENTION_CASES

from tests.security.matrix_privacy import CASES as _PRIVACY_CASES  # noqa: E402

MATRIX += _PRIVACY_CASES
