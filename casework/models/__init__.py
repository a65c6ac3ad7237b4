from .enquiry import Enquiry, EnquiryAccess, State, Visibility
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
    "EnquiryAccess",
    "EnquiryEvent",
    "EnquiryReminder",
    "EnquiryTally",
    "EventKind",
    "ReminderKind",
    "State",
    "Visibility",
]
