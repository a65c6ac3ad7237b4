"""The administrator's form for asking a change to a protected account: who, what kind of
change, and the new values that kind needs (the rest are ignored)."""
from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError

from protocol.machinery.admin_rules import may_administer
from protocol.machinery.forms import ModelChoiceField, SingleLinesMixin
from protocol.machinery.models.approvals import PENDING_MESSAGE
from protocol.models import (
    AccountChangeRequest,
    Committee,
    Directorate,
    PoliticalGroup,
    Post,
    PostKind,
    Service,
    User,
    Ward,
)

from .services import account_change_is_pending

ACTIVE = [("", "No change"), ("yes", "Active"), ("no", "Not active (cannot sign in)")]


class AccountChangeForm(SingleLinesMixin, forms.ModelForm):
    administrator: User | None = None  # set by the admin: the one asking

    first_name = forms.CharField(required=False, max_length=150)
    last_name = forms.CharField(required=False, max_length=150)
    email = forms.EmailField(required=False)
    active = forms.ChoiceField(choices=ACTIVE, required=False)
    password1 = forms.CharField(label="New password", required=False, strip=False,
                                widget=forms.PasswordInput(render_value=False))
    password2 = forms.CharField(label="New password again", required=False, strip=False,
                                widget=forms.PasswordInput(render_value=False))
    post_kind = forms.ChoiceField(label="Post to give", required=False,
                                  choices=[("", "---------"), *PostKind.choices])
    title = forms.CharField(required=False, max_length=160)
    ward = ModelChoiceField(Ward.objects.all(), required=False)
    political_group = ModelChoiceField(PoliticalGroup.objects.all(), required=False)
    committee = ModelChoiceField(Committee.objects.all(), required=False)
    directorate = ModelChoiceField(Directorate.objects.all(), required=False)
    service = ModelChoiceField(Service.objects.all(), required=False)
    starts_on = forms.DateField(required=False)

    class Meta:
        model = AccountChangeRequest
        fields = ["person", "kind", "post"]

    def clean_person(self) -> User:
        person = self.cleaned_data["person"]
        if not may_administer(self.administrator, person):
            raise ValidationError("You cannot ask for a change to your own account or a "
                                  "superuser's: ask another administrator")
        return person

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        person, kind = data.get("person"), data.get("kind")
        if person is not None and kind:
            if account_change_is_pending(person=person, kind=kind):
                raise ValidationError(PENDING_MESSAGE)  # the service checks it again
            self.instance.changes = getattr(self, f"_changes_{kind}")(person, data)
        return data

    def _changes_details(self, person: User, data: dict) -> dict:
        changes = {f: data[f] for f in ("first_name", "last_name", "email") if data.get(f)}
        if data.get("active"):
            changes["is_active"] = data["active"] == "yes"
        if not changes:
            raise ValidationError("Give at least one new value.")
        return changes

    def _changes_password(self, person: User, data: dict) -> dict:
        new, again = data.get("password1"), data.get("password2")
        if not new or new != again:
            raise ValidationError({"password2": "Enter the same new password twice."})
        password_validation.validate_password(new, person)
        return {"password": make_password(new)}  # never the password itself

    def _changes_mfa_reset(self, person: User, data: dict) -> dict:
        return {}

    def _changes_delete(self, person: User, data: dict) -> dict:
        return {}

    def _changes_end_post(self, person: User, data: dict) -> dict:
        post = data.get("post")
        if post is None or post.holder_id != person.pk or post.ends_on is not None:
            raise ValidationError({"post": "Choose one of their current posts."})
        return {"post": str(post)}

    def _changes_add_post(self, person: User, data: dict) -> dict:
        if not data.get("post_kind") or not data.get("starts_on"):
            raise ValidationError({"post_kind": "Choose the post and when it starts."})
        names = ("ward", "political_group", "committee", "directorate", "service")
        post = Post(holder=person, kind=data["post_kind"], title=data.get("title", ""),
                    starts_on=data["starts_on"], **{n: data.get(n) for n in names})
        try:
            post.full_clean()
        except ValidationError as error:  # its fields are named differently here
            raise ValidationError(error.messages) from error
        return {"kind": post.kind, "title": post.title, "starts_on": post.starts_on.isoformat(),
                **{n: getattr(post, f"{n}_id") for n in names}}

