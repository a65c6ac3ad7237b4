from .complaint import Complaint, ComplaintUserObjectPermission, Outcome, State
from .records import ComplaintEvent, ComplaintReminder, ComplaintView, Handling
from .tally import ComplaintTally

__all__ = [
    "Complaint",
    "ComplaintEvent",
    "ComplaintReminder",
    "ComplaintTally",
    "ComplaintUserObjectPermission",
    "ComplaintView",
    "Handling",
    "Outcome",
    "State",
]
