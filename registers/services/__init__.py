"""Every change to a register goes through one of these services."""
from registers.services.groups import (
    NewGroupRequest,
    group_follow_up_done,
    group_follow_up_request,
    group_request_decide,
    group_request_deliver,
    group_request_discuss_resources,
    group_request_submit,
    group_request_withdraw,
)
from registers.services.information import (
    InformationDecision,
    NewInformationRequest,
    information_request_acknowledge,
    information_request_decide,
    information_request_dispute,
    information_request_resolve,
    information_request_submit,
    information_request_withdraw,
)
from registers.services.legal_hold import (
    group_request_legal_hold,
    information_request_legal_hold,
)
from registers.services.notices import NewNotice, ward_notice_record
from registers.services.referral import information_request_decide_referral
from registers.services.relationships import relationship_declare, relationship_end
from registers.services.sweep import sweep

__all__ = [
    "InformationDecision",
    "NewGroupRequest",
    "NewInformationRequest",
    "NewNotice",
    "group_follow_up_done",
    "group_follow_up_request",
    "group_request_decide",
    "group_request_deliver",
    "group_request_discuss_resources",
    "group_request_legal_hold",
    "group_request_submit",
    "group_request_withdraw",
    "information_request_acknowledge",
    "information_request_decide",
    "information_request_decide_referral",
    "information_request_dispute",
    "information_request_legal_hold",
    "information_request_resolve",
    "information_request_submit",
    "information_request_withdraw",
    "relationship_declare",
    "relationship_end",
    "sweep",
    "ward_notice_record",
]
