"""Domain errors that views turn into clear messages: the platform's refusals
(protocol.machinery.errors) in a complaint's words."""
from protocol.machinery import errors


class ComplaintError(errors.Refused):
    """The action cannot be done; the message says why."""


class NotAllowed(ComplaintError, errors.NotAllowed):
    """This person may not do this to this complaint."""

    message = "You cannot do that on this case."


class StaleComplaint(ComplaintError, errors.Stale):
    message = ("This case changed while you were looking at it. Check its history below, "
               "then try again if it still needs doing.")


ERRORS = errors.Errors(refused=ComplaintError, not_allowed=NotAllowed, stale=StaleComplaint)
