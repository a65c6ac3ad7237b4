"""Sign-in pages and the home page."""
from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from protocol.council.selectors import active_profile_or_none, current_posts, roles_of
from protocol.home import next_steps
from protocol.machinery.forms import GovukFormMixin
from protocol.machinery.http import AuthenticatedHttpRequest
from protocol.machinery.retention.service import retention_schedule
from protocol.machinery.security_events import record
from protocol.machinery.throttle import password_reset_refused

# The same whether or not the address entered matches an account.
TOO_MANY_RESETS = ("You have asked for too many password reset links. Wait an hour, then "
                   "try again. If you still cannot sign in, contact the council's IT "
                   "service desk")


class SignInForm(GovukFormMixin, auth_forms.AuthenticationForm):
    def clean_username(self) -> str:
        # AuthenticationForm sets the field's max_length after it is built, so nothing
        # checks it; an over-long name is refused here, before anything is authenticated
        # or recorded against it.
        username = self.cleaned_data["username"]
        field = self.fields["username"]
        limit = field.max_length if isinstance(field, forms.CharField) else None
        if limit is not None and len(username) > limit:
            raise forms.ValidationError(f"Enter a username of {limit} characters or fewer",
                                        code="max_length")
        return username


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        refused = password_reset_refused(self.request, form.cleaned_data["email"])
        if refused is None:
            return super().form_valid(form)
        record("password_reset.throttled", request=self.request, scope=refused.value)
        form.add_error("email", TOO_MANY_RESETS)
        response = self.form_invalid(form)
        response.status_code = 429
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What this person can do next, from the posts they hold."""
    roles = roles_of(request.user)
    return render(request, "protocol/home.html", {
        "posts": current_posts(request.user),
        "profile": active_profile_or_none(),
        "steps": next_steps(roles, is_staff=request.user.is_staff),
    })


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The active protocol profile, readable by everyone who works under it."""
    profile = active_profile_or_none()
    stages = list(profile.stages.all()) if profile else []
    ladders: dict[str, list] = {}
    for stage in stages:
        ladders.setdefault(stage.get_kind_display(), []).append(stage)
    return render(request, "protocol/profile.html", {
        "profile": profile, "ladders": ladders,
        "retention": retention_schedule(profile) if profile else []})
