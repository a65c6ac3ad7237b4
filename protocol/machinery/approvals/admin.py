"""The change requests in the admin: ask for one (the add page), approve or reject it (the
list's actions, for a second administrator). A request itself is never edited."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from protocol.machinery.http import signed_in
from protocol.models import AccountChangeRequest

from .forms import AccountChangeForm
from .services import (
    APPROVE_PERMISSION,
    AlreadyPending,
    NotPending,
    account_change_approve,
    account_change_ask,
    account_change_reject,
)

DETAIL_FIELDS = ["first_name", "last_name", "email", "active"]
POST_FIELDS = ["post_kind", "title", "ward", "political_group", "committee", "directorate",
               "service", "starts_on"]


def _decide(model_admin: admin.ModelAdmin, request: HttpRequest,
            queryset: QuerySet[AccountChangeRequest], decide, done: str) -> None:
    made = 0
    for change in queryset.order_by("pk"):
        try:
            decide(change_id=change.pk, actor=request.user)
            made += 1
        except PermissionDenied as refused:
            model_admin.message_user(request, f"{change}: {refused}", messages.ERROR)
        except NotPending:
            model_admin.message_user(request, f"{change}: already decided.", messages.ERROR)
        except (ValidationError, ProtectedError) as error:
            model_admin.message_user(request, f"{change}: not made: {error}", messages.ERROR)
    if made:
        model_admin.message_user(request, f"{made} change(s) {done}.", messages.SUCCESS)


@admin.action(description="Approve: make the chosen changes", permissions=["approve"])
def approve(model_admin: admin.ModelAdmin, request: HttpRequest,
            queryset: QuerySet[AccountChangeRequest]) -> None:
    _decide(model_admin, request, queryset, account_change_approve, "approved and made")


@admin.action(description="Reject the chosen changes", permissions=["approve"])
def reject(model_admin: admin.ModelAdmin, request: HttpRequest,
           queryset: QuerySet[AccountChangeRequest]) -> None:
    _decide(model_admin, request, queryset, account_change_reject, "rejected")


class AccountChangeRequestAdmin(admin.ModelAdmin):
    form = AccountChangeForm
    actions = [approve, reject]
    list_display = ["person_name", "kind", "state", "requested_by", "requested_at",
                    "decided_by", "decided_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["requested_by", "decided_by"]
    autocomplete_fields = ["person", "post"]
    readonly_fields = ["person_name", "kind", "state", "what", "requested_by",
                       "requested_at", "decided_by", "decided_at"]
    add_fieldsets = [
        (None, {"fields": ["person", "kind"]}),
        ("New details", {"fields": DETAIL_FIELDS}),
        ("New password", {"fields": ["password1", "password2"]}),
        ("A post to give", {"fields": POST_FIELDS}),
        ("A post to end", {"fields": ["post"]}),
    ]

    @admin.display(description="Change")
    def what(self, obj: AccountChangeRequest) -> str:
        if obj.kind == "password":
            return "A new password (kept only as its hash)"
        return ", ".join(f"{k}: {v}" for k, v in obj.changes.items()) or "-"

    def get_fieldsets(self, request: HttpRequest, obj: AccountChangeRequest | None = None):
        if obj is None:
            return self.add_fieldsets
        return [(None, {"fields": self.readonly_fields})]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        if obj is not None:  # shown, never edited
            kwargs["form"] = forms.ModelForm
            return super().get_form(request, obj, change=change, **kwargs)
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"administrator": request.user})

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # decided by the actions, never edited

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the record of who asked and who decided stays

    def has_approve_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(APPROVE_PERMISSION)

    def add_view(self, request: HttpRequest, form_url: str = "",
                 extra_context: dict | None = None) -> HttpResponse:
        """A repeat the form could not see (asked at the same moment) is refused by the
        service: the admin's transaction is rolled back, nothing is saved or sent."""
        try:
            return super().add_view(request, form_url, extra_context)
        except AlreadyPending as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: AccountChangeRequest, form,
                   change: bool) -> None:
        account_change_ask(change=obj, actor=signed_in(request))

    def log_addition(self, request, obj, message):
        return None  # the service logs the request
