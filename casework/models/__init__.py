from .enquiry import Enquiry, EnquiryUserObjectPermission, State, Visibility
from .records import (
    Attachment,
    Correspondence,
    CorrespondenceKind,
    EnquiryEvent,
    EnquiryReminder,
    EventKind,
    ReminderKind,
)
from .tally import EnquiryTally

__all__ = [
    "Attachment",
    "Correspondence",
    "CorrespondenceKind",
    "Enquiry",
    "EnquiryEvent",
    "EnquiryReminder",
    "EnquiryTally",
    "EnquiryUserObjectPermission",
    "EventKind",
    "ReminderKind",
    "State",
    "Visibility",
]
