"""Files attached to an enquiry by those working on it."""
from __future__ import annotations

from django.db import transaction

from casework import rules
from casework.errors import EnquiryError, NotAllowed
from casework.models import Attachment, Enquiry, EventKind
from casework.services.common import record
from protocol.council.selectors import roles_of
from protocol.models import User


def enquiry_attach(*, enquiry: Enquiry, actor: User, files: list) -> list[Attachment]:
    """Attach checked files (casework.forms.AttachmentsField checks type and size)."""
    if not files:
        return []
    roles, facts = roles_of(actor), rules.facts_of(enquiry)
    if not rules.can_see_personal_data(roles, actor.pk, facts):
        raise NotAllowed("You cannot add files to this enquiry.")
    if not enquiry.is_open:
        raise EnquiryError("This enquiry is closed: reopen it to add files.")
    with transaction.atomic():
        saved = [Attachment.objects.create(
            enquiry=enquiry, file=upload, name=upload.name[:200],
            content_type=(getattr(upload, "content_type", "") or "")[:100], size=upload.size,
            uploaded_by=actor) for upload in files]
        names = ", ".join(a.name for a in saved)
        record(enquiry, actor=actor, kind=EventKind.ATTACHMENT, summary=f"{actor} attached "
               f"{names}.")
    return saved
