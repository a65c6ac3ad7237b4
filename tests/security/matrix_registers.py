"""The permission matrix's cases for the protocol's registers (registers/urls.py), on the
records `seed_demo` makes for them (demo/register_records.py). Joined to MATRIX at the end of
matrix.py. Who sees what comes from registers/rules.py, each rule citing its seed."""
from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from protocol.models import PoliticalGroup, Ward
from registers.models import (
    GroupFollowUp,
    GroupRequest,
    InformationRequest,
    Relationship,
    WardNotice,
)
from tests.factories import sent_once
from tests.security.matrix import (
    CONFLICT,
    DONE,
    FORBIDDEN,
    HIDDEN,
    METHOD,
    OK,
    Case,
    row,
)
from tests.security.world import World

COUNCILLORS = ("councillor", "leader", "group_leader", "standards_member")
OFFICERS = ("officer", "head_of_service", "director", "chief_executive",
            "monitoring_officer", "cfo", "hr")


def _ref(model, **where) -> Callable[[World], dict]:
    return lambda w: {"reference": model.objects.filter(**where).order_by("pk")
                      .first().reference}


def _version(model, extra: dict, **where) -> Callable[[World], dict]:
    return lambda w: {"version": model.objects.filter(**where).order_by("pk").first().version,
                      **extra}


# The Conservative group's report, delivered by the Director of Place; Labour asked for a
# copy (done), the Liberal Democrats too (outstanding).
REPORT = {"subject__startswith": "Options for the 2027 budget"}
# The Conservative briefing waiting for the resources discussion (000 §5.3).
PENDING = {"subject": "Review of all council property"}
# Labour's request for attendance, agreed with the Head of Waste as representative.
ATTENDANCE = {"subject": "Changes to waste collection rounds"}
# The `councillor` sign-in's need-to-know requests, with the Head of Waste or of Planning.
WITH_OFFICER = {"what": "The crew rota for the Friday round"}
REFUSED = {"what__startswith": "The tender scores"}
DISPUTED = {"state": "disputed"}
PROVIDED = {"what__startswith": "The contamination figures"}
REFERRED = {"state": "referred"}

# Who sees the report in full: the group that asked, the officer who delivered it, the
# Chief Executive and the Monitoring Officer (rules.can_view_group_request); the Labour
# leader sees the notice to other groups (000 §5.7, §5.12).
REPORT_SEEN = {"group_leader": OK, "director": OK, "chief_executive": OK,
               "monitoring_officer": OK, "leader": OK}
PENDING_SEEN = {"group_leader": OK, "chief_executive": OK, "monitoring_officer": OK}
ATTENDANCE_SEEN = {"leader": OK, "head_of_service": OK, "chief_executive": OK,
                   "monitoring_officer": OK}
# A need-to-know request in Waste: the councillor, the Head of Waste deciding it, the
# Director of Place above, the Monitoring Officer (rules.can_view_information).
INFO_SEEN = {"councillor": OK, "head_of_service": OK, "director": OK,
             "monitoring_officer": OK}
# In Planning: its Head (no sign-in) decides; the Director of Place is above.
PLANNING_SEEN = {"councillor": OK, "director": OK, "monitoring_officer": OK}
EVERYONE_BUT_ADMIN = row(OK, admin=HIDDEN)


def _new_group_request(w: World) -> dict:
    return sent_once({"group": PoliticalGroup.objects.get(name="Conservative Group").pk,
                      "kind": "report", "subject": "Parking charges", "details": "The options."})


def _new_notice(w: World) -> dict:
    return sent_once({"kind": "consultation", "title": "Bus lane consultation",
                      "details": "Six weeks.", "wards": [Ward.objects.order_by("pk").first().pk],
                      "starts_on": timezone.localdate().isoformat()})


def _follow_up(w: World) -> dict:
    follow_up = GroupFollowUp.objects.get(state="requested", request__subject__startswith=
                                          "Options for the 2027 budget")
    return {"reference": follow_up.request.reference, "pk": follow_up.pk}


def _relationship(w: World) -> dict:
    return {"pk": Relationship.objects.get(councillor=w.users["councillor"]).pk}


def _group_action(name: str, where: dict) -> Callable[[World], dict]:
    return lambda w: {**_ref(GroupRequest, **where)(w), "name": name}


def _info_action(name: str, where: dict) -> Callable[[World], dict]:
    return lambda w: {**_ref(InformationRequest, **where)(w), "name": name}


CASES: list[Case] = [
    Case("registers:index", {"GET": EVERYONE_BUT_ADMIN}),
    # Political groups (000 §5, 001 §5-7, 003 §31.10, 004). A group asks through its
    # leader; the Leader of the Council leads Labour, so the Conservative group in the form
    # is not one of his choices and the form comes back.
    Case("registers:group_list", {"GET": EVERYONE_BUT_ADMIN}),
    Case("registers:group_new", {"GET": row(HIDDEN, group_leader=OK, leader=OK),
                                 "POST": row(HIDDEN, group_leader=DONE, leader=OK)},
         data=_new_group_request),
    Case("registers:group_detail", {"GET": row(HIDDEN, **REPORT_SEEN)},
         kwargs=_ref(GroupRequest, **REPORT)),
    # Labour asked for the copy already: asking again is refused (it is tracked once).
    Case("registers:group_follow_up", {"GET": row(HIDDEN, leader=OK),
                                       "POST": row(HIDDEN, leader=CONFLICT)},
         kwargs=_ref(GroupRequest, **REPORT),
         data=lambda w: {"group": PoliticalGroup.objects.get(name="Labour Group").pk}),
    # The officer who delivered it, or the Head of Paid Service, marks the same done.
    Case("registers:follow_up_done",
         {"GET": row(HIDDEN, group_leader=OK, director=OK, chief_executive=OK,
                     monitoring_officer=OK),
          "POST": row(HIDDEN, group_leader=FORBIDDEN, director=DONE, chief_executive=DONE,
                      monitoring_officer=FORBIDDEN)},
         kwargs=_follow_up, data=lambda w: {"note": "Copy sent."}),
    # Only the Head of Paid Service decides (000 §5.9, 003 §31.10).
    Case("registers:group_action",
         {"GET": row(HIDDEN, **PENDING_SEEN),
          "POST": row(HIDDEN, group_leader=FORBIDDEN, chief_executive=DONE,
                      monitoring_officer=FORBIDDEN)},
         kwargs=_group_action("decide", PENDING), label="decide",
         data=_version(GroupRequest, {"decision": "declined", "reason": "Too political."},
                       **PENDING)),
    Case("registers:group_action",
         {"GET": row(HIDDEN, **PENDING_SEEN),
          "POST": row(HIDDEN, group_leader=FORBIDDEN, chief_executive=DONE,
                      monitoring_officer=FORBIDDEN)},
         kwargs=_group_action("resources", PENDING), label="resources",
         data=_version(GroupRequest, {"note": "Two options only."}, **PENDING)),
    Case("registers:group_action",
         {"GET": row(HIDDEN, **ATTENDANCE_SEEN),
          "POST": row(HIDDEN, leader=FORBIDDEN, head_of_service=DONE, chief_executive=DONE,
                      monitoring_officer=FORBIDDEN)},
         kwargs=_group_action("deliver", ATTENDANCE), label="deliver",
         data=_version(GroupRequest, {"delivered_on": timezone.localdate().isoformat(),
                                      "subject": "Waste rounds", "factual_confirmed": "on"},
                       **ATTENDANCE)),
    Case("registers:group_action",
         {"GET": row(HIDDEN, **ATTENDANCE_SEEN),
          "POST": row(HIDDEN, leader=DONE, head_of_service=FORBIDDEN,
                      chief_executive=FORBIDDEN, monitoring_officer=FORBIDDEN)},
         kwargs=_group_action("withdraw", ATTENDANCE), label="withdraw",
         data=_version(GroupRequest, {}, **ATTENDANCE)),
    # The equal-treatment view is the Monitoring Officer's.
    Case("registers:equal_treatment", {"GET": row(HIDDEN, monitoring_officer=OK)}),

    # Need-to-know requests (002, 003 §31.12, 004).
    Case("registers:info_list", {"GET": EVERYONE_BUT_ADMIN}),
    Case("registers:info_new",
         {"GET": row(HIDDEN, **dict.fromkeys(COUNCILLORS, OK)),
          "POST": row(HIDDEN, **dict.fromkeys(COUNCILLORS, DONE))},
         data=lambda w: sent_once({"what": "The grit bin locations",
                                   "why": "Residents ask me."})),
    Case("registers:info_detail", {"GET": row(HIDDEN, **INFO_SEEN)},
         kwargs=_ref(InformationRequest, **WITH_OFFICER)),
    # The officer, or their Head of Service or Director, decides (002).
    Case("registers:info_action",
         {"GET": row(HIDDEN, **INFO_SEEN),
          "POST": row(HIDDEN, councillor=FORBIDDEN, head_of_service=DONE, director=DONE,
                      monitoring_officer=FORBIDDEN)},
         kwargs=_info_action("decide", WITH_OFFICER), label="decide",
         data=_version(InformationRequest, {"outcome": "refused",
                                            "ground": "confidential_or_exempt",
                                            "reasons": "Exempt."}, **WITH_OFFICER)),
    Case("registers:info_action",
         {"GET": row(HIDDEN, **INFO_SEEN),
          "POST": row(HIDDEN, councillor=DONE, head_of_service=FORBIDDEN,
                      director=FORBIDDEN, monitoring_officer=FORBIDDEN)},
         kwargs=_info_action("withdraw", WITH_OFFICER), label="withdraw",
         data=_version(InformationRequest, {}, **WITH_OFFICER)),
    # Only the councillor disputes a refusal...
    Case("registers:info_action",
         {"GET": row(HIDDEN, **INFO_SEEN),
          "POST": row(HIDDEN, councillor=DONE, head_of_service=FORBIDDEN,
                      director=FORBIDDEN, monitoring_officer=FORBIDDEN)},
         kwargs=_info_action("dispute", REFUSED), label="dispute",
         data=_version(InformationRequest, {"reasons": "It is public."}, **REFUSED)),
    # ...and the Monitoring Officer decides it (004 "Members' Access").
    Case("registers:info_action",
         {"GET": row(HIDDEN, **PLANNING_SEEN),
          "POST": row(HIDDEN, councillor=FORBIDDEN, director=FORBIDDEN,
                      monitoring_officer=DONE)},
         kwargs=_info_action("resolve", DISPUTED), label="resolve",
         data=_version(InformationRequest, {"release": "uphold", "reasons": "Exempt."},
                       **DISPUTED)),
    # A councillor's declared interest: the Monitoring Officer advises first (004).
    Case("registers:info_action",
         {"GET": row(HIDDEN, **INFO_SEEN),
          "POST": row(HIDDEN, councillor=FORBIDDEN, head_of_service=FORBIDDEN,
                      director=FORBIDDEN, monitoring_officer=DONE)},
         kwargs=_info_action("referral", REFERRED), label="referral",
         data=_version(InformationRequest, {"clear": "clear", "reasons": "No bar."},
                       **REFERRED)),
    # The councillor acknowledges the purpose of what was provided (003 §31.16).
    Case("registers:info_acknowledge",
         {"GET": row(METHOD),
          "POST": row(HIDDEN, councillor=DONE, head_of_service=FORBIDDEN,
                      director=FORBIDDEN, monitoring_officer=FORBIDDEN)},
         kwargs=_ref(InformationRequest, **PROVIDED)),

    # Relationships (001 §10): each person their own, the Monitoring Officer all. The
    # form offers a councillor officers and an officer councillors, so an officer naming
    # the `officer` sign-in gets the form back.
    Case("registers:relationships", {"GET": EVERYONE_BUT_ADMIN}),
    Case("registers:relationship_new",
         {"GET": EVERYONE_BUT_ADMIN,
          "POST": row(OK, admin=HIDDEN, **dict.fromkeys(COUNCILLORS, DONE))},
         data=lambda w: sent_once({"other": w.users["officer"].pk, "nature": "friendship"})),
    Case("registers:relationship_detail",
         {"GET": row(HIDDEN, councillor=OK, monitoring_officer=OK),
          "POST": row(HIDDEN, councillor=DONE, monitoring_officer=DONE)},
         kwargs=_relationship, data=lambda w: {"reason": "It has ended."}),

    # Ward notices (000 §4.3, 004): officers record them; members see their wards'.
    Case("registers:notices", {"GET": EVERYONE_BUT_ADMIN}),
    Case("registers:notice_new",
         {"GET": row(HIDDEN, **dict.fromkeys(OFFICERS, OK)),
          "POST": row(HIDDEN, **dict.fromkeys(OFFICERS, DONE))}, data=_new_notice),
    # A sensitive notice: the ward's members, who recorded it (the Director of Place), the
    # Chief Executive and the Monitoring Officer (rules.can_view_notice).
    Case("registers:notice_detail",
         {"GET": row(HIDDEN, councillor=OK, director=OK, chief_executive=OK,
                     monitoring_officer=OK)},
         kwargs=_ref(WardNotice, sensitive=True)),
]
