from protocol.council.models.people import Post, PostKind, User
from protocol.council.models.profiles import (
    ClosureDay,
    ComplaintKind,
    EscalationStage,
    ExpiryRecipient,
    HandlerRole,
    ProtocolProfile,
)
from protocol.council.models.structure import Committee, Directorate, PoliticalGroup, Service, Ward
from protocol.machinery.models.approvals import (
    AccountChangeKind,
    AccountChangeRequest,
    AccountChangeState,
)
from protocol.machinery.models.history import HistoryHead
from protocol.machinery.models.mfa import EnrolmentToken
from protocol.machinery.models.ops import Heartbeat, Notification, ReferenceCounter, SubmissionToken
from protocol.machinery.models.retention import RetainedRecord, RetentionPeriod, RetentionRun

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
