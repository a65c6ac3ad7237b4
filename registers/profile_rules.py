"""What each shipped protocol says about the registers, by profile slug; a council's
administrator can change its own row (RegisterRules) afterwards."""
from __future__ import annotations

GROUPS_TOLD = ("Where a report is prepared for a group, or an officer attends one, the Head "
               "of Paid Service tells every other group, and gives a copy on request")

DEFAULTS: dict[str, dict[str, object]] = {
    "harrow": {
        "groups_basis": f"{GROUPS_TOLD} (000 §5.7, §5.11); heavy requests are agreed with "
                        "the group leaders (000 §5.3-5.4).",
    },
    "hounslow": {
        "groups_basis": f"{GROUPS_TOLD} (001 §6-7, as 000 §5.7, §5.11); heavy requests are "
                        "agreed with the group leaders (001 §5.3-5.4).",
    },
    "parish-model": {
        "group_requests_enabled": False,
        "groups_basis": "The model protocol for parish and town councils says nothing of "
                        "political groups (002).",
    },
    "westminster": {
        "offer_same_to_all_groups": True,
        "groups_basis": "Officers attend a group only with the Chief Executive's express "
                        "permission, and a similar briefing is offered to all the political "
                        "groups (003 §31.10).",
    },
    "north-northamptonshire": {
        "group_requests_to_monitoring_officer": True,
        "groups_basis": "Requests are made in writing to the Chief Executive and the "
                        "Monitoring Officer; similar arrangements are made for other groups "
                        "on request, with consistent information (004 'Party Groups and "
                        "Officers').",
    },
}

INFORMATION_BASIS = ("The officer decides the need to know (002); a committee member's need "
                     "for its papers is presumed (002, 003 §31.12(2)); disputes go to the "
                     "Monitoring Officer (004); information is used only for the purpose it "
                     "was given (002, 003 §31.16).")
WARD_NOTICES_BASIS = ("Members for the wards affected are invited to public meetings and "
                      "told of consultations at the outset (000/001 §4.3) and kept informed "
                      "of significant or sensitive operational matters (004).")


def defaults_for(slug: str) -> dict[str, object]:
    """The registers' rules a shipped profile starts with."""
    return {"information_basis": INFORMATION_BASIS, "ward_notices_basis": WARD_NOTICES_BASIS,
            **DEFAULTS.get(slug, {})}
