"""The protocol app's own sections: the account, its sign-ins, the posts held, the emails
sent."""
from __future__ import annotations

from axes.models import AccessLog

from protocol.machinery.subject_access.people import People
from protocol.machinery.subject_access.registry import Collected, Subject, section, when
from protocol.models import Notification, Post, User


@section("account", "Account", order=0)
def account(subject: Subject, people: People) -> Collected:
    """The person's account: names, email address, when it was made and last used."""
    if subject.user_id is None:
        return Collected()
    user = User.objects.get(pk=subject.user_id)
    return Collected([{
        "username": user.username, "first_name": user.first_name,
        "last_name": user.last_name, "email": user.email, "active": user.is_active,
        "administrator": user.is_staff, "joined": when(user.date_joined),
        "last_signed_in": when(user.last_login),
    }], ids=[user.pk])


@section("sign_ins", "Sign-ins", order=95)
def sign_ins(subject: Subject, people: People) -> Collected:
    """Each time the person signed in, as django-axes records it: when, from which address,
    with which browser. Failed attempts are left out: whoever typed the username, the
    address and browser are theirs, not necessarily the subject's."""
    if subject.user_id is None:
        return Collected()
    username = User.objects.values_list("username", flat=True).get(pk=subject.user_id)
    rows = list(AccessLog.objects.filter(username=username).order_by("attempt_time", "pk"))
    return Collected([{
        "signed_in": when(row.attempt_time), "signed_out": when(row.logout_time),
        "from_address": row.ip_address, "browser": row.user_agent,
    } for row in rows], ids=[row.pk for row in rows])


@section("posts", "Posts held", order=10)
def posts(subject: Subject, people: People) -> Collected:
    """Every post the person holds or has held."""
    if subject.user_id is None:
        return Collected()
    rows = list(Post.objects.filter(holder_id=subject.user_id)
            .select_related("ward", "political_group", "committee", "directorate", "service")
            .order_by("starts_on", "pk"))
    return Collected([{
        "post": post.get_kind_display(), "title": post.title,
        "ward": str(post.ward or ""), "political_group": str(post.political_group or ""),
        "committee": str(post.committee or ""), "directorate": str(post.directorate or ""),
        "service": str(post.service or ""), "from": when(post.starts_on),
        "until": when(post.ends_on),
    } for post in rows], ids=[post.pk for post in rows])


@section("notifications", "Emails sent to the person", order=90)
def notifications(subject: Subject, people: People) -> Collected:
    """Every email the system wrote to the person, sent or waiting."""
    if subject.user_id is None:
        return Collected()
    rows = list(Notification.objects.filter(recipient_id=subject.user_id)
                .order_by("created_at", "pk"))
    return Collected([{
        "subject": n.subject, "body": n.body, "link": n.url, "written": when(n.created_at),
        "sent": when(n.sent_at),
    } for n in rows], ids=[n.pk for n in rows])
