"""Every change to an enquiry goes through one of these services."""
from casework.services.actions import (
    enquiry_accept,
    enquiry_hold,
    enquiry_message,
    enquiry_reassign,
    enquiry_respond,
)
from casework.services.attachments import enquiry_attach
from casework.services.councillor import (
    enquiry_confirm,
    enquiry_note,
    enquiry_redirect,
    enquiry_reopen,
    enquiry_withdraw,
)
from casework.services.intake import NewEnquiry, enquiry_log
from casework.services.legal_hold import enquiry_legal_hold
from casework.services.sweep import sweep

__all__ = [
    "NewEnquiry",
    "enquiry_accept",
    "enquiry_attach",
    "enquiry_confirm",
    "enquiry_hold",
    "enquiry_legal_hold",
    "enquiry_log",
    "enquiry_message",
    "enquiry_note",
    "enquiry_reassign",
    "enquiry_redirect",
    "enquiry_reopen",
    "enquiry_respond",
    "enquiry_withdraw",
    "sweep",
]
