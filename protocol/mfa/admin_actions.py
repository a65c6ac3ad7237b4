"""The administrator's side of MFA: reset a person's authenticator app (they lost their
phone, say), and keep django-otp's own device admin out of the site: it would show each
secret key to administrators, and a device is reset, never edited."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocol.admin_rules import is_protected, may_administer
from protocol.approvals.services import account_change_ask, account_changed_directly
from protocol.models import AccountChangeKind, AccountChangeRequest, User
from protocol.security_events import record

from .services import mfa_reset


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
    # second administrator unless a superuser resets it (protocol.approvals).
    asked = [] if request.user.is_superuser else [u for u in people if is_protected(u)]
    for user in asked:
        account_change_ask(change=AccountChangeRequest(
            person=user, kind=AccountChangeKind.MFA_RESET), actor=request.user)
    reset = [user for user in people if user not in asked]
    for user in reset:
        removed = mfa_reset(user=user)
        record("mfa.reset", request=request, account=user.pk, devices=removed)
        if is_protected(user):
            account_changed_directly(person=user, actor=request.user, what="mfa_reset")
    if reset:
        model_admin.message_user(request, f"Two-factor authentication reset for "
                                 f"{len(reset)} people.", messages.SUCCESS)
    if asked:
        model_admin.message_user(request, f"The reset for {len(asked)} protected "
                                 "account(s) waits for a second administrator to approve "
                                 "it under Account change requests.", messages.WARNING)


def hide_device_admin(site: admin.AdminSite) -> None:
    if site.is_registered(TOTPDevice):
        site.unregister(TOTPDevice)
