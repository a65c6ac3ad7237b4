"""Django admin for the council's administrators: structure, people, posts, the protocol."""
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from protocol.admin_rules import PRIVILEGE_FIELDS, may_administer
from protocol.mfa.admin_actions import hide_device_admin, reset_mfa
from protocol.models import (
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
from protocol.services import closure_day_save, closure_days_delete

admin.site.site_header = "Council casework: administration"
admin.site.site_title = "Casework administration"
hide_device_admin(admin.site)


class AdministersPeople:
    """Change and delete only where `may_administer` allows, for the person `person_of`
    names (the page's own person by default; no particular person: the model's permissions
    alone decide)."""

    def person_of(self, obj: object | None) -> User | None:
        return obj  # type: ignore[return-value]

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return (may_administer(request.user, self.person_of(obj))
                and super().has_change_permission(request, obj))  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return (may_administer(request.user, self.person_of(obj))
                and super().has_delete_permission(request, obj))  # type: ignore[misc]


class PostInline(AdministersPeople, admin.TabularInline):
    model = Post
    extra = 0
    autocomplete_fields = ["ward", "political_group", "committee", "directorate", "service"]
    fields = ["kind", "title", "ward", "political_group", "committee", "directorate", "service",
              "starts_on", "ends_on"]

    # `obj` is the person whose page this is: nobody edits their own posts here.
    def has_add_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return may_administer(request.user, obj) and super().has_add_permission(request, obj)


@admin.register(User)
class UserAdmin(AdministersPeople, BaseUserAdmin):
    inlines = [PostInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "posts__kind"]
    actions = [reset_mfa]

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in PRIVILEGE_FIELDS if f not in fields]
        return fields


class PostForm(forms.ModelForm):
    """Refuses a post for the administrator filling it in (see `may_administer`)."""

    administrator: User | None = None

    def clean_holder(self) -> User:
        holder = self.cleaned_data["holder"]
        if not may_administer(self.administrator, holder):
            raise forms.ValidationError(
                "You cannot give a post to yourself or to a superuser: ask another "
                "administrator")
        return holder


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

    def person_of(self, obj: Post | None) -> User | None:
        return obj.holder if obj is not None else None


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


@admin.register(ProtocolProfile)
class ProtocolProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "council_name", "is_active", "response_days", "response_day_kind",
                    "nation"]
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
    """Closure days move open deadlines: a task after commit (protocol.deadline_moves)."""

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
