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
)
from .information import (
    DEFAULT_PURPOSE,
    InfoReminderKind,
    InformationRequest,
    InformationRequestEvent,
    InformationRequestReminder,
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
    "InfoReminderKind",
    "InfoState",
    "InformationRequest",
    "InformationRequestEvent",
    "InformationRequestReminder",
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
