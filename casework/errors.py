"""Domain errors that views turn into clear messages."""


class EnquiryError(ValueError):
    """The action cannot be done; the message says why, for the person who tried."""


class NotAllowed(EnquiryError):
    """This person may not do this to this enquiry."""


class StaleEnquiry(EnquiryError):
    """Someone else changed the enquiry since the page was loaded."""

    def __init__(self) -> None:
        super().__init__("This enquiry changed while you were looking at it. Check the "
                         "latest timeline below, then try again if it still needs doing.")
