from .approvals import AccountChangeKind, AccountChangeRequest, AccountChangeState
from .history import HistoryHead
from .mfa import EnrolmentToken
from .ops import Heartbeat, Notification, ReferenceCounter, SubmissionToken
from .people import Post, PostKind, User
from .profiles import (
    ClosureDay,
    ComplaintKind,
    EscalationStage,
    ExpiryRecipient,
    HandlerRole,
    ProtocolProfile,
)
from .retention import RetainedRecord, RetentionPeriod, RetentionRun
from .structure import Committee, Directorate, PoliticalGroup, Service, Ward

__all__ = [
    "AccountChangeKind",
    "AccountChangeRequest",
    "AccountChangeState",
    "ClosureDay",
    "Committee",
    "ComplaintKind",
    "Directorate",
    "EnrolmentToken",
    "EscalationStage",
    "ExpiryRecipient",
    "HandlerRole",
    "Heartbeat",
    "HistoryHead",
    "Notification",
    "PoliticalGroup",
    "Post",
    "PostKind",
    "ProtocolProfile",
    "ReferenceCounter",
    "RetainedRecord",
    "RetentionPeriod",
    "RetentionRun",
    "Service",
    "SubmissionToken",
    "User",
    "Ward",
]
