"""Files on an enquiry: a file's name can itself be personal data ("Ada Lovelace - GP
letter.pdf"), so it is shown only to those who may download the file
(casework.rules.can_see_personal_data); an empty file, or a name with control characters
in it, is refused with the reason."""
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.forms import AttachmentsField
from casework.models import Enquiry, EventKind
from tests.casework.test_views import log_through_form

pytestmark = pytest.mark.django_db
NAME = "Ada Lovelace GP letter.pdf"


def _pdf(name: str = NAME, content: bytes = b"%PDF-1.4 hello") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_ward_colleague_sees_that_files_were_attached_but_not_their_names(client,
                                                                         council):
    # The raising councillor shares the enquiry with fellow ward members: they follow the
    # case, not the constituent's personal data (002 'Correspondence').
    log_through_form(client, council, visibility="ward", attachments=[_pdf()])
    enquiry = Enquiry.objects.get()
    assert enquiry.events.filter(kind=EventKind.ATTACHMENT).exists()
    assert NAME in client.get(enquiry.get_absolute_url()).content.decode()

    client.force_login(council.group_leader)  # a fellow member for the North ward
    page = client.get(enquiry.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ada Lovelace" not in text and "GP letter" not in text
    assert "Files were attached." in text


def test_an_empty_file_is_refused(client, council):
    response = log_through_form(client, council, attachments=[_pdf(content=b"")])
    assert response.status_code == 200
    assert f"{NAME} is empty" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_a_file_name_with_a_control_character_is_refused():
    # Django drops unprintable characters from names that come by HTTP; the field refuses
    # them whatever hands it the file.
    with pytest.raises(ValidationError) as refused:
        AttachmentsField().clean([_pdf("letter\x1b[31m.pdf")])
    assert "must not contain tabs, line breaks or other hidden characters" in str(
        refused.value)
    assert AttachmentsField().clean([_pdf("letter.pdf")])
