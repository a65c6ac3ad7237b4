"""The administrator's side of MFA: reset a person's authenticator app (they lost their
phone, say), and keep django-otp's own device admin out of the site: it would show each
secret key to administrators, and a device is reset, never edited."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocol.machinery.admin_rules import is_protected, may_administer
from protocol.machinery.approvals.services import account_change_ask, account_changed_directly
from protocol.machinery.http import signed_in
from protocol.machinery.security_events import record
from protocol.models import AccountChangeKind, AccountChangeRequest, User

from .enrolment import CODE_LIFETIME, enrolment_code_issue
from .services import confirmed_device, mfa_reset


@admin.action(description="Reset two-factor authentication (they set it up again at their "
                          "next sign-in)", permissions=["change"])
def reset_mfa(model_admin: admin.ModelAdmin, request: HttpRequest,
              queryset: QuerySet[User]) -> None:
    people = list(queryset.order_by("pk"))
    refused = [user for user in people if not may_administer(request.user, user)]
    if refused:
        model_admin.message_user(
            request, "Nothing was reset: you cannot reset two-factor authentication for "
            "yourself or a superuser. Ask another administrator.", messages.ERROR)
        return
    # A protected account's (a statutory or HR post's, an administrator's) waits for a
    # second administrator unless a superuser resets it (protocol.machinery.approvals).
    asked = [] if request.user.is_superuser else [u for u in people if is_protected(u)]
    for user in asked:
        account_change_ask(change=AccountChangeRequest(
            person=user, kind=AccountChangeKind.MFA_RESET), actor=signed_in(request))
    reset = [user for user in people if user not in asked]
    for user in reset:
        removed = mfa_reset(user=user)
        record("mfa.reset", request=request, account=user.pk, devices=removed)
        if is_protected(user):
            account_changed_directly(person=user, actor=signed_in(request), what="mfa_reset")
    if reset:
        model_admin.message_user(request, f"Two-factor authentication reset for "
                                 f"{len(reset)} people.", messages.SUCCESS)
    if asked:
        model_admin.message_user(request, f"The reset for {len(asked)} protected "
                                 "account(s) waits for a second administrator to approve "
                                 "it under Account change requests.", messages.WARNING)


def _no_code_because(request: HttpRequest, people: list[User]) -> str | None:
    """Why no set-up code may be issued for `people` by this administrator, if so."""
    if len(people) != 1:
        return "Choose one person: each set-up code is for one person and is shown once."
    [person] = people
    # Never one's own: a leaked administrator's password must not be able to set up an
    # app on that administrator's account by itself.
    if person.pk == request.user.pk or not may_administer(request.user, person):
        return ("No code was issued: you cannot issue a set-up code for yourself or a "
                "superuser. Ask another administrator.")
    # A protected account's (a statutory or HR post's, an administrator's) second factor
    # is a superuser's to vouch for: a code from one administrator would be a takeover.
    if is_protected(person) and not request.user.is_superuser:
        return ("No code was issued: their account is protected. Ask a superuser to issue "
                "the code.")
    if confirmed_device(person) is not None:
        return ("No code was issued: they already have an authenticator app. If they have "
                "lost it, reset their two-factor authentication first.")
    return None


@admin.action(description="Issue a two-factor authentication set-up code (for someone who "
                          "cannot get the emailed link)", permissions=["change"])
def issue_mfa_setup_code(model_admin: admin.ModelAdmin, request: HttpRequest,
                         queryset: QuerySet[User]) -> None:
    people = list(queryset[:2])
    refusal = _no_code_because(request, people)
    if refusal:
        model_admin.message_user(request, refusal, messages.ERROR)
        return
    [person] = people
    code = enrolment_code_issue(user=person, by=signed_in(request))
    record("mfa.setup_code_issued", request=request, account=person.pk)
    hours = int(CODE_LIFETIME.total_seconds() // 3600)
    model_admin.message_user(request, f"Set-up code for {person.get_username()}: {code}. It "
                             f"works once, within {hours} hours, and replaces any earlier "
                             "code. Give it to them in person or by phone, never by email. "
                             "It will not be shown again.", messages.SUCCESS)


def hide_device_admin(site: admin.AdminSite) -> None:
    if site.is_registered(TOTPDevice):
        site.unregister(TOTPDevice)
