"""Django admin for the council's administrators: structure, people, posts, the protocol."""
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest

from protocol.council.models.people import PROTECTED_POSTS
from protocol.council.services import profile_activate
from protocol.machinery.admin_rules import (
    PRIVILEGE_FIELDS,
    is_protected,
    may_administer,
    may_change_directly,
)
from protocol.machinery.approvals.admin import AccountChangeRequestAdmin
from protocol.machinery.approvals.services import account_changed_directly
from protocol.machinery.deadline_moves import closure_day_save, closure_days_delete
from protocol.machinery.forms import SingleLinesMixin
from protocol.machinery.http import signed_in
from protocol.machinery.mfa.admin_actions import hide_device_admin, issue_mfa_setup_code, reset_mfa
from protocol.models import (
    AccountChangeRequest,
    ClosureDay,
    Committee,
    Directorate,
    EscalationStage,
    Heartbeat,
    PoliticalGroup,
    Post,
    ProtocolProfile,
    RetentionPeriod,
    Service,
    User,
    Ward,
)

admin.site.site_header = "Council casework: administration"
admin.site.site_title = "Casework administration"
hide_device_admin(admin.site)
admin.site.register(AccountChangeRequest, AccountChangeRequestAdmin)
ASK_SECOND = ("ask for it under Account change requests, and a second administrator "
              "approves it")


class AdministersPeople:
    """Change and delete only where `may_change_directly` allows, for the person
    `person_of` names (the page's own person by default; no particular person: the model's
    permissions alone decide). The holder of a protected account is told of each change."""

    def person_of(self, obj: object | None) -> User | None:
        return obj  # type: ignore[return-value]

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return (may_change_directly(request.user, self.person_of(obj))
                and super().has_change_permission(request, obj))  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return (may_change_directly(request.user, self.person_of(obj))
                and super().has_delete_permission(request, obj))  # type: ignore[misc]

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if change:  # protected before the change, if no longer after it
            before = self.person_of(type(obj)._default_manager.get(pk=obj.pk))
            # Read back by _tell_holder when the admin logs this same change.
            request._was_protected = (  # type: ignore[attr-defined]
                before is not None and is_protected(before))
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def log_addition(self, request: HttpRequest, obj, message):
        self._tell_holder(request, obj, "added")
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj, message):
        self._tell_holder(request, obj, "changed")
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset):
        for obj in queryset:
            self._tell_holder(request, obj, "deleted")
        return super().log_deletions(request, queryset)  # type: ignore[misc]

    def _tell_holder(self, request: HttpRequest, obj: object, what: str) -> None:
        person = self.person_of(obj)
        if person is not None and (getattr(request, "_was_protected", False)
                                   or is_protected(person)):
            account_changed_directly(person=person, actor=signed_in(request), what=what)


class PostForm(SingleLinesMixin, forms.ModelForm):
    """Refuses a post for the administrator filling it in (see `may_administer`), and,
    unless they are a superuser, a post for a protected person or a statutory or HR post
    (see `may_change_directly`): those wait for a second administrator."""

    administrator: User | None = None

    def clean_holder(self) -> User:
        holder = self.cleaned_data["holder"]
        if not may_administer(self.administrator, holder):
            raise forms.ValidationError(
                "You cannot give a post to yourself or to a superuser: ask another "
                "administrator")
        if not may_change_directly(self.administrator, holder):
            raise forms.ValidationError(f"Their account is protected: {ASK_SECOND}")
        return holder

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        superuser = self.administrator is not None and self.administrator.is_superuser
        if kind in PROTECTED_POSTS and not superuser:
            raise forms.ValidationError(f"This is a statutory or HR post: {ASK_SECOND}")
        return kind


class PostInline(AdministersPeople, admin.TabularInline):
    model = Post
    form = PostForm
    extra = 0
    autocomplete_fields = ["ward", "political_group", "committee", "directorate", "service"]
    fields = ["kind", "title", "ward", "political_group", "committee", "directorate", "service",
              "starts_on", "ends_on"]

    # `obj` is the person whose page this is: nobody edits their own posts here, and only
    # a superuser a protected person's.
    def has_add_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return (may_change_directly(request.user, obj)
                and super().has_add_permission(request, obj))

    def get_formset(self, request: HttpRequest, obj: User | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,),
                            {"administrator": request.user})
        return formset


class UserForm(SingleLinesMixin, UserChangeForm):
    """Django's form for changing an account; its names go into emails and exports."""


class NewUserForm(SingleLinesMixin, AdminUserCreationForm):
    """Django's form for adding an account, with the names asked for too."""


@admin.register(User)
class UserAdmin(AdministersPeople, BaseUserAdmin):
    form = UserForm
    add_form = NewUserForm
    add_fieldsets = [(None, {"classes": ["wide"], "fields": [
        "username", "first_name", "last_name", "email", "usable_password", "password1",
        "password2"]})]
    inlines = [PostInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "posts__kind"]
    actions = [reset_mfa, issue_mfa_setup_code]

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict | None = None):
        person = self.get_object(request, object_id)
        if (request.method == "GET" and person is not None
                and may_administer(request.user, person)
                and not may_change_directly(request.user, person)):
            self.message_user(request, "This account holds a statutory or HR post or is an "
                              f"administrator's. To change it, {ASK_SECOND}.", messages.INFO)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in PRIVILEGE_FIELDS if f not in fields]
        return fields


@admin.register(Post)
class PostAdmin(AdministersPeople, admin.ModelAdmin):
    form = PostForm
    list_display = ["holder", "kind", "title", "ward", "political_group", "directorate",
                    "service", "starts_on", "ends_on"]
    list_filter = ["kind", "ends_on", "directorate", "political_group"]
    search_fields = ["holder__first_name", "holder__last_name", "holder__username", "title"]
    autocomplete_fields = ["holder", "ward", "political_group", "committee", "directorate",
                           "service"]
    list_select_related = ["holder", "ward", "political_group", "directorate", "service"]

    def get_form(self, request: HttpRequest, obj: Post | None = None, change: bool = False,
                 **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"administrator": request.user})

    def person_of(self, obj: object | None) -> User | None:
        return obj.holder if isinstance(obj, Post) else None


@admin.register(Ward, PoliticalGroup, Committee)
class NamedAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


@admin.register(Directorate)
class DirectorateAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    inlines = [ServiceInline]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "directorate", "response_days"]
    list_filter = ["directorate"]
    search_fields = ["name"]
    list_select_related = ["directorate"]


class EscalationStageInline(admin.TabularInline):
    model = EscalationStage
    extra = 0
    fields = ["kind", "position", "title", "handler", "time_limit_days", "time_limit_day_kind",
              "subject_told", "basis"]


class RetentionPeriodInline(admin.TabularInline):
    """How long each kind of record is kept: the council's records-management choice (the
    seeds set no period); a kind without a row keeps the default."""

    model = RetentionPeriod
    extra = 0
    fields = ["record_type", "years", "basis"]


@admin.action(description="Make the chosen profile the council's protocol",
              permissions=["change"])
def make_active(model_admin: admin.ModelAdmin, request: HttpRequest,
                queryset: QuerySet[ProtocolProfile]) -> None:
    """The one way to choose the protocol: the profile active before stops being active."""
    chosen = list(queryset[:2])
    if len(chosen) != 1:
        model_admin.message_user(request, "Choose one profile to make the council's "
                                 "protocol.", messages.ERROR)
        return
    profile = profile_activate(profile=chosen[0], actor=signed_in(request))
    model_admin.message_user(request, f"{profile.name} is now the council's protocol.",
                             messages.SUCCESS)


@admin.register(ProtocolProfile)
class ProtocolProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "council_name", "is_active", "response_days", "response_day_kind",
                    "nation"]
    actions = [make_active]
    # Ticking a second profile active would break the one-active constraint: the action
    # above switches in one step.
    readonly_fields = ["is_active"]
    inlines = [EscalationStageInline, RetentionPeriodInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "council_name", "source", "is_active", "nation"]}),
        ("Responses to councillors", {"fields": [
            "response_days", "response_day_kind", "response_days_is_default",
            "service_response_days_allowed", "response_basis", "reminder_days_before_expiry",
            "follow_up_window_days"]}),
        ("Holding replies and expiry", {"fields": [
            "holding_reply_needs_reasons", "holding_reply_needs_revised_date",
            "holding_reply_before_expiry", "holding_reply_basis", "expiry_informs",
            "expiry_above_director", "expiry_basis"]}),
        ("First contact", {"fields": [
            "first_contact_min_seniority", "first_contact_via_proper_officer",
            "first_contact_relationship_exception", "first_contact_basis"]}),
        ("Correspondence", {"fields": [
            "no_silent_copies", "confidential_never_to_third_parties",
            "correspondence_basis"]}),
        ("When things go wrong", {"fields": [
            "informal_resolution_first", "conduct_complaint_window_months",
            "complaints_basis"]}),
    ]


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    """Closure days move open deadlines: a task after commit (protocol.machinery.deadline_moves)."""

    list_display = ["date", "reason"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change) -> None:
        closure_day_save(obj, request.user)

    def delete_model(self, request, obj) -> None:
        closure_days_delete(ClosureDay.objects.filter(pk=obj.pk), request.user)

    def delete_queryset(self, request, queryset) -> None:
        closure_days_delete(queryset, request.user)


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_seen"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
