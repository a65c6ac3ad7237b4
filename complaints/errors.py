"""Domain errors that views turn into clear messages."""


class ComplaintError(ValueError):
    """The action cannot be done; the message says why."""


class NotAllowed(ComplaintError):
    """This person may not do this to this complaint."""


class StaleComplaint(ComplaintError):
    def __init__(self) -> None:
        super().__init__("This case changed while you were looking at it. Check its history "
                         "below, then try again if it still needs doing.")
