"""Every change to a complaint goes through one of these services."""
from complaints.services.convert import complaint_from_enquiry
from complaints.services.discretion import (
    complaint_ask_monitoring_officer,
    complaint_monitoring_officer_decides,
)
from complaints.services.intake import NewComplaint, complaint_raise
from complaints.services.legal_hold import complaint_legal_hold
from complaints.services.stages import (
    complaint_accept,
    complaint_consult_independent_person,
    complaint_escalate,
    complaint_give_outcome,
    complaint_go_formal,
    complaint_refer_on,
    complaint_request_response,
    complaint_resolve_informally,
    complaint_withdraw,
)
from complaints.services.sweep import sweep

__all__ = [
    "NewComplaint",
    "complaint_accept",
    "complaint_ask_monitoring_officer",
    "complaint_consult_independent_person",
    "complaint_escalate",
    "complaint_from_enquiry",
    "complaint_give_outcome",
    "complaint_go_formal",
    "complaint_legal_hold",
    "complaint_monitoring_officer_decides",
    "complaint_raise",
    "complaint_refer_on",
    "complaint_request_response",
    "complaint_resolve_informally",
    "complaint_withdraw",
    "sweep",
]
