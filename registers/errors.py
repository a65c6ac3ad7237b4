"""Domain errors that views turn into clear messages."""


class RegisterError(ValueError):
    """The action cannot be done; the message says why, for the person who tried."""


class NotAllowed(RegisterError):
    """This person may not do this."""


class Stale(RegisterError):
    """Someone else changed the record since the page was loaded."""

    def __init__(self) -> None:
        super().__init__("This record changed while you were looking at it. Check the "
                         "latest timeline, then try again if it still needs doing.")
