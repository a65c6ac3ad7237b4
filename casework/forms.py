"""Forms for enquiries, in the GOV.UK style (protocol.machinery.forms). They check input and hand
plain values to services; the services decide."""
from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from casework.models import Visibility
from protocol.council.models.people import COUNCILLOR_POSTS, OFFICER_POSTS
from protocol.machinery.forms import (
    CONTROL_MESSAGE,
    GovukDateField,
    GovukFormMixin,
    ModelChoiceField,
    PeopleChoiceField,
    PersonChoiceField,
    SubmittedOnceMixin,
    declared,
    has_control_characters,
)
from protocol.models import Post, PostKind, Service, User, Ward

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
# Extension -> the bytes such a file starts with (None: plain text, checked as UTF-8).
ALLOWED_TYPES = {
    "pdf": (b"%PDF",), "png": (b"\x89PNG",), "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",), "docx": (b"PK\x03\x04",), "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",), "doc": (b"\xd0\xcf\x11\xe0",), "xls": (b"\xd0\xcf\x11\xe0",),
    "msg": (b"\xd0\xcf\x11\xe0",), "txt": None, "csv": None, "eml": None,
}


def officers() -> QuerySet:
    return (User.objects.filter(is_active=True, posts__kind__in=OFFICER_POSTS,
                                posts__ends_on__isnull=True).distinct()
            .order_by("last_name", "first_name"))


def councillors() -> QuerySet:
    return (User.objects.filter(is_active=True, posts__kind__in=COUNCILLOR_POSTS,
                                posts__ends_on__isnull=True).distinct()
            .order_by("last_name", "first_name"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files, each checked for size and for being what its name says it is."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise ValidationError(f"Attach {MAX_FILES} files or fewer.")
        return [self._check(f) for f in files]

    @staticmethod
    def _check(upload):
        name = upload.name or ""
        if has_control_characters(name):
            raise ValidationError(f"A file's name {CONTROL_MESSAGE}: rename it and try again.")
        if not upload.size:  # Django's own check (allow_empty_file) is in the clean replaced
            raise ValidationError(f"{name} is empty: choose a file with something in it.")
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in ALLOWED_TYPES:
            raise ValidationError(f"{name} must be a PDF, Word, Excel, image, email or text "
                                  "file.")
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(f"{name} must be smaller than 10 MB.")
        head = upload.read(8)
        upload.seek(0)
        signatures = ALLOWED_TYPES[extension]
        if signatures is None:
            try:
                upload.read(65536).decode("utf-8")
            except UnicodeDecodeError as error:
                raise ValidationError(f"{name} is not a plain text file.") from error
            finally:
                upload.seek(0)
        elif not any(head.startswith(sig) for sig in signatures):
            raise ValidationError(f"{name} is not a real .{extension} file.")
        return upload


class EnquiryForm(SubmittedOnceMixin, GovukFormMixin, forms.Form):
    subject = forms.CharField(max_length=200, help_text="A short summary, e.g. 'Missed bin "
                              "collections on Park Road'",
                              error_messages={"required": "Enter a subject"})
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}),
                              max_length=20000, help_text="What the problem is and what you "
                              "would like the council to do",
                              error_messages={"required": "Enter the details of the enquiry"})
    service = ModelChoiceField(
        queryset=Service.objects.select_related("directorate").order_by("name"),
        required=False, empty_label="Not sure", help_text="Choose 'Not sure' and the enquiry "
        "will be routed for you")
    ward = ModelChoiceField(queryset=Ward.objects.order_by("name"), empty_label=None)
    on_behalf_of_constituent = forms.BooleanField(
        required=False, label="I am asking on behalf of a constituent")
    constituent_name = forms.CharField(max_length=160, required=False,
                                       label="Constituent's name")
    constituent_contact = forms.CharField(
        max_length=200, required=False, label="Constituent's email or phone number")
    constituent_address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                                          required=False, label="Constituent's address")
    confidential = forms.BooleanField(
        required=False, label="This enquiry is confidential",
        help_text="It will not be shared with other councillors or copied to anyone")
    visibility = forms.ChoiceField(choices=Visibility.choices, initial=Visibility.PRIVATE,
                                   widget=forms.RadioSelect,
                                   label="Who else may see this enquiry")
    preferred_officer = PersonChoiceField(
        queryset=User.objects.none(), required=False, empty_label="No preference",
        help_text="Officers below Head of Service only where you already deal with them on "
        "this matter")
    relationship_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False,
        label="Your on-going contact with that officer on this matter",
        help_text="For example: 'They are the case officer for the planning application'")
    attachments = AttachmentsField(required=False, help_text="Up to 5 files, 10 MB each: PDF, "
                                   "Word, Excel, images, emails or text")

    def __init__(self, *args, councillor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "preferred_officer", PersonChoiceField).queryset = officers()
        seat = Post.objects.current().filter(holder=councillor, kind=PostKind.COUNCILLOR).first()
        if seat:
            self.fields["ward"].initial = seat.ward_id

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("on_behalf_of_constituent") and not data.get("constituent_name"):
            self.add_error("constituent_name", "Enter the constituent's name")
        if not data.get("on_behalf_of_constituent"):
            for name in ("constituent_name", "constituent_contact", "constituent_address"):
                data[name] = ""
        return data


class VersionedForm(GovukFormMixin, forms.Form):
    """Carries the version the page showed, so a stale action is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class HoldingReplyForm(VersionedForm):
    """003 §31.15: a holding reply "setting out the reasons for the delay" and when the full
    response will come."""

    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
        help_text="Why a full response is not yet possible",
        error_messages={"required": "Enter the reasons a full response is not yet possible"})
    revised_due_on = GovukDateField(
        label="Full response by", help_text="For example, 27 3 2027", error_messages={
            "required": "Enter the date the full response will be sent by",
            "incomplete": "The date of the full response must include a %(parts)s",
            "invalid": "The date of the full response must be a real date"})
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                           max_length=20000, label="Anything else to say (optional)")


class ResponseForm(VersionedForm):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), max_length=50000,
                           label="Response", error_messages={"required": "Enter the response"})
    confidential = forms.BooleanField(required=False, label="This response is confidential")


class MessageForm(VersionedForm):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=20000,
                           label="Message", error_messages={"required": "Enter your message"})
    cc = PeopleChoiceField(queryset=User.objects.none(), required=False,
                           label="Copy to councillors",
                           help_text="Everyone on the enquiry will see who was copied")
    confidential = forms.BooleanField(required=False, label="This message is confidential")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "cc", PeopleChoiceField).queryset = councillors()


class ReassignForm(VersionedForm):
    officer = PersonChoiceField(queryset=User.objects.none(), error_messages={
        "required": "Select the officer to pass the enquiry to"})
    service = ModelChoiceField(queryset=Service.objects.order_by("name"), required=False,
                                     empty_label="Keep the same service")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             error_messages={"required": "Enter the reason"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared(self, "officer", PersonChoiceField).queryset = officers()


class ReasonForm(VersionedForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             error_messages={"required": "Enter the reason"})


class OptionalReasonForm(VersionedForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             required=False, label="Reason (optional)")
