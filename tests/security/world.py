"""The council the access-control tests run against: `manage.py seed_demo` (its people,
posts and enquiries), plus a few cases made through the services so that every role has a
known relation to them.

- `enquiry` (case A): the `councillor` sign-in's enquiry, sent to the `officer` sign-in
  whom she already works with on it (the §3.5 relationship exception), with a
  constituent's details and a file.
- `other_enquiry` (case B): another councillor's private enquiry in another ward, to the
  Housing Management service, with a file.
- `complaint` (case A): the `councillor`'s complaint about the `officer`.
- `other_complaint` (case B): another councillor's complaint about a Housing officer.
- `fraud`: the `officer`'s fraud concern, council money involved (003 §31.3(3)).

And one row of each model the admin shows that seed_demo leaves empty, so that every admin
page has an object to open.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from io import StringIO

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from casework.models import Attachment, Enquiry
from casework.services import NewEnquiry, enquiry_attach, enquiry_log
from complaints.models import Complaint
from complaints.services import NewComplaint, complaint_raise
from demo.council_data import SIGN_IN_NAMES
from protocol.models import (
    AccountChangeRequest,
    ClosureDay,
    ComplaintKind,
    Heartbeat,
    Post,
    PostKind,
    Service,
    User,
)

ROLES: tuple[str, ...] = tuple(SIGN_IN_NAMES)  # one sign-in per role, as seed_demo makes


@dataclass
class World:
    users: dict[str, User]
    enquiry: Enquiry
    other_enquiry: Enquiry
    attachment: Attachment
    other_attachment: Attachment
    complaint: Complaint
    other_complaint: Complaint
    fraud: Complaint
    other_councillor: User
    other_officer: User
    extra: dict = field(default_factory=dict)

    def reference(self, name: str) -> str:
        """The reference of a case named in the matrix ("enquiry", "complaint", ...)."""
        return getattr(self, name).reference


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
                              content_type="application/pdf")


def _seat(user: User) -> Post:
    return Post.objects.current().get(holder=user, kind=PostKind.COUNCILLOR)


def _other_councillor(councillor: User) -> User:
    """A backbencher (no sign-in of their own) from another ward and another group."""
    mine = _seat(councillor)
    seats = (Post.objects.current().filter(kind=PostKind.COUNCILLOR)
             .exclude(ward=mine.ward).exclude(political_group=mine.political_group)
             .exclude(holder__username__in=list(SIGN_IN_NAMES))
             .select_related("holder").order_by("holder__username"))
    return seats.first().holder


def _housing_officer() -> User:
    post = (Post.objects.current().filter(kind=PostKind.OFFICER,
                                          service__name="Housing Management")
            .exclude(holder__username__in=list(SIGN_IN_NAMES))
            .select_related("holder").order_by("holder__username").first())
    return post.holder


def _admin_rows() -> None:
    seen = {"user_agent": "test", "ip_address": "192.0.2.1", "username": "no.such.person",
            "http_accept": "text/html", "path_info": "/sign-in/"}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**seen)
    AccessLog.objects.create(**seen)
    ClosureDay.objects.get_or_create(date=timezone.localdate().replace(month=12, day=28),
                                     defaults={"reason": "Council closure"})
    Heartbeat.objects.update_or_create(name="worker", defaults={"last_seen": timezone.now()})
    Group.objects.get_or_create(name="Casework administrators")
    officer = User.objects.get(username="officer")
    AccountChangeRequest.objects.create(person=officer, person_name=str(officer),
                                        kind="mfa_reset",
                                        requested_by=User.objects.get(username="admin"))


def build_world() -> World:
    call_command("seed_demo", stdout=StringIO())
    users = User.objects.in_bulk(list(ROLES), field_name="username")
    councillor, officer = users["councillor"], users["officer"]
    waste = Service.objects.get(name="Waste and Recycling")
    housing = Service.objects.get(name="Housing Management")
    other_councillor, other_officer = _other_councillor(councillor), _housing_officer()

    enquiry = enquiry_log(councillor=councillor, entered=NewEnquiry(
        subject="Overflowing communal bins at Alder Court",
        details="The communal bins have overflowed for a week.", ward=_seat(councillor).ward,
        service=waste, on_behalf_of_constituent=True, constituent_name="Ruth Ashdown",
        constituent_contact="ruth.ashdown@example.com", constituent_address="4 Alder Court",
        preferred_officer=officer,
        relationship_note="Jodie Marsh already deals with me on the Alder Court round."))
    [attachment] = enquiry_attach(enquiry=enquiry, actor=councillor,
                                  files=[pdf("alder-court-photos.pdf")])
    other_enquiry = enquiry_log(councillor=other_councillor, entered=NewEnquiry(
        subject="Repairs backlog at Rowan Tower",
        details="Tenants have waited months for repairs.", ward=_seat(other_councillor).ward,
        service=housing, on_behalf_of_constituent=True, constituent_name="Idris Fenwick",
        constituent_contact="07700 900123", constituent_address="Flat 9, Rowan Tower"))
    [other_attachment] = enquiry_attach(enquiry=other_enquiry, actor=other_councillor,
                                        files=[pdf("rowan-tower-damp.pdf")])

    complaint = complaint_raise(complainant=councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Dismissive at the ward walkabout",
        details="Walked off while residents were speaking.", subject_person=officer,
        subject_service=waste))
    other_complaint = complaint_raise(complainant=other_councillor, entered=NewComplaint(
        kind=ComplaintKind.OFFICER_CONDUCT, summary="Repairs visit missed twice",
        details="No one came and no one called.", subject_person=other_officer,
        subject_service=housing))
    fraud = complaint_raise(complainant=officer, entered=NewComplaint(
        kind=ComplaintKind.FRAUD, summary="Invoices for skips never delivered",
        details="Three invoices for skip hire with no delivery notes.",
        money_involved=True))
    _admin_rows()
    return World(users=users, enquiry=enquiry, other_enquiry=other_enquiry,
                 attachment=attachment, other_attachment=other_attachment,
                 complaint=complaint, other_complaint=other_complaint, fraud=fraud,
                 other_councillor=other_councillor, other_officer=other_officer)
