from .complaint import Complaint, ComplaintAccess, Outcome, State
from .records import ComplaintEvent, ComplaintReminder, ComplaintView, Handling
from .tally import ComplaintTally

__all__ = [
    "Complaint",
    "ComplaintAccess",
    "ComplaintEvent",
    "ComplaintReminder",
    "ComplaintTally",
    "ComplaintView",
    "Handling",
    "Outcome",
    "State",
]
