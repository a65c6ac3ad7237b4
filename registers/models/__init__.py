from .common import AppendOnlyError, TimelineEvent
from .groups import (
    Decision,
    FollowUpKind,
    FollowUpState,
    GroupFollowUp,
    GroupNotice,
    GroupRequest,
    GroupRequestEvent,
    GroupRequestKind,
    GroupRequestReminder,
    GroupRequestState,
    GroupRequestUserObjectPermission,
)
from .information import (
    DEFAULT_PURPOSE,
    InfoReminderKind,
    InformationRequest,
    InformationRequestEvent,
    InformationRequestReminder,
    InformationRequestUserObjectPermission,
    InfoState,
    RefusalGround,
)
from .notices import NoticeKind, WardNotice, WardNoticeDelivery
from .relationships import Nature, Relationship, RelationshipEvent, RelationshipState
from .settings import RegisterRules

__all__ = [
    "DEFAULT_PURPOSE",
    "AppendOnlyError",
    "Decision",
    "FollowUpKind",
    "FollowUpState",
    "GroupFollowUp",
    "GroupNotice",
    "GroupRequest",
    "GroupRequestEvent",
    "GroupRequestKind",
    "GroupRequestReminder",
    "GroupRequestState",
    "GroupRequestUserObjectPermission",
    "InfoReminderKind",
    "InfoState",
    "InformationRequest",
    "InformationRequestEvent",
    "InformationRequestReminder",
    "InformationRequestUserObjectPermission",
    "Nature",
    "NoticeKind",
    "RefusalGround",
    "RegisterRules",
    "Relationship",
    "RelationshipEvent",
    "RelationshipState",
    "TimelineEvent",
    "WardNotice",
    "WardNoticeDelivery",
]
