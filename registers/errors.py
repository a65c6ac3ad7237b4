"""Domain errors that views turn into clear messages: the platform's refusals
(protocol.machinery.errors), whose wording is the registers' own."""
from protocol.machinery import errors


class RegisterError(errors.Refused):
    """The action cannot be done; the message says why, for the person who tried."""


class NotAllowed(RegisterError, errors.NotAllowed):
    """This person may not do this."""


class Stale(RegisterError, errors.Stale):
    """Someone else changed the record since the page was loaded."""


ERRORS = errors.Errors(refused=RegisterError, not_allowed=NotAllowed, stale=Stale)
