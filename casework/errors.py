"""Domain errors that views turn into clear messages: the platform's refusals
(protocol.machinery.errors) in an enquiry's words."""
from protocol.machinery import errors


class EnquiryError(errors.Refused):
    """The action cannot be done; the message says why, for the person who tried."""


class NotAllowed(EnquiryError, errors.NotAllowed):
    """This person may not do this to this enquiry."""

    message = "You cannot do that to this enquiry."


class StaleEnquiry(EnquiryError, errors.Stale):
    """Someone else changed the enquiry since the page was loaded."""

    message = ("This enquiry changed while you were looking at it. Check the latest timeline "
               "below, then try again if it still needs doing.")


ERRORS = errors.Errors(refused=EnquiryError, not_allowed=NotAllowed, stale=StaleEnquiry)
