"""Who may open a case follows from the protocol and from the access given on that case
alone (docs/decisions/0013): a model-wide permission never stands in for it, and a
deactivated account loses access at once, its open sessions included (ASVS 5.0 V8.2.2,
V8.3.1, V7.4.2)."""
from __future__ import annotations

import ast

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from casework import selectors as enquiries
from casework.models import Enquiry
from complaints import selectors as complaints
from protocol.models import User
from tests.security import matrix
from tests.security.source import BASE_DIR, parse, python_files
from tests.security.world import World

pytestmark = pytest.mark.django_db

# django-guardian's queries, which take model-wide permissions into account unless told not
# to: the app no longer uses guardian, and nothing is to bring them back unguarded.
GLOBAL_BY_DEFAULT = {"get_objects_for_user", "get_objects_for_group"}


def unsafe_permission_calls(tree: ast.Module) -> list[str]:
    """Calls that could let a model-wide permission (or being a superuser) open a case."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        keywords = {k.arg: k.value for k in node.keywords}
        if name in GLOBAL_BY_DEFAULT:
            flag = keywords.get("accept_global_perms")
            if not (isinstance(flag, ast.Constant) and flag.value is False):
                found.append(f"line {node.lineno}: {name} without accept_global_perms=False")
        elif name in ("has_perm", "has_perms") and (len(node.args) > 1 or "obj" in keywords):
            # User.has_perm(perm, obj) is True for any active superuser, whatever the object.
            found.append(f"line {node.lineno}: {name} on an object")
    return found


def test_no_query_accepts_model_wide_permissions():
    problems = {str(p.relative_to(BASE_DIR)): found for p in python_files("**/*.py")
                if (found := unsafe_permission_calls(parse(p)))}
    assert problems == {}, ("pass accept_global_perms=False, or decide through the app's "
                            "rules and selectors")


@pytest.mark.parametrize(("source", "unsafe"), [
    ("get_objects_for_user(user, 'casework.view_enquiry')", True),
    ("shortcuts.get_objects_for_user(user, perms, accept_global_perms=True)", True),
    ("get_objects_for_group(group, 'complaints.view_complaint')", True),
    ("get_objects_for_user(user, 'casework.view_enquiry', accept_global_perms=False)", False),
    ("user.has_perm('casework.view_enquiry', enquiry)", True),
    ("user.has_perm('protocol.change_post')", False),
])
def test_the_check_finds_queries_open_to_model_wide_permissions(source: str, unsafe: bool):
    assert bool(unsafe_permission_calls(ast.parse(source))) == unsafe


def test_no_object_permission_backend_is_left():
    """Object grants are gone (docs/decisions/0013): no backend answers has_perm for an
    object, so nothing but the rules and the access given decides who sees a case."""
    assert "guardian" not in settings.INSTALLED_APPS
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]


def _grant_everything_model_wide(user: User) -> None:
    """Every permission on cases, directly and through a group: as an administrator
    could grant by mistake in the admin."""
    perms = Permission.objects.filter(content_type__app_label__in=["casework", "complaints"])
    user.user_permissions.set(perms)
    group = Group.objects.create(name="Everything on cases")
    group.permissions.set(perms)
    user.groups.add(group)
    User.objects.filter(pk=user.pk).update(is_staff=True)


@pytest.mark.parametrize("role", ["hr", "leader", "chief_executive"])
def test_model_wide_permissions_do_not_open_a_case(role: str, world: World, as_user):
    user = world.users[role]
    _grant_everything_model_wide(user)
    fresh = User.objects.get(pk=user.pk)
    assert fresh.has_perm("casework.view_enquiry")  # they do hold it model-wide
    # The lists read the cases' facts and the access given, never a model-wide permission.
    assert world.enquiry not in enquiries.visible_to(fresh)
    assert world.complaint not in complaints.visible_to(fresh)
    assert enquiries.visible_to(fresh).count() < Enquiry.objects.count()

    client = as_user(role)
    urls = [world.enquiry.get_absolute_url(),
            reverse("casework:logged", args=[world.enquiry.reference]),
            reverse("casework:attachment", args=[world.enquiry.reference, world.attachment.pk]),
            reverse("casework:action", args=[world.enquiry.reference, "respond"]),
            world.complaint.get_absolute_url(),
            reverse("complaints:action", args=[world.complaint.reference, "outcome"]),
            reverse("complaints:dashboard")]
    if role != "chief_executive":  # who sees fraud concerns by post (003 §31.3(3))
        urls.append(world.fraud.get_absolute_url())
    for url in urls:
        assert matrix.outcome_of(client.get(url)) == matrix.HIDDEN, url
    export = client.get(reverse("complaints:list_csv"), {"state": ""})
    assert world.complaint.reference not in b"".join(export.streaming_content).decode()


PASSWORD = "a-long-password-for-this-test"


def _sign_in(client: Client, username: str) -> int:
    """Sign in through the sign-in page, as a person does (django-axes sees it)."""
    return client.post(reverse("login"), {"username": username, "password": PASSWORD}
                       ).status_code


def test_a_deactivated_user_loses_access_at_once(world: World, client: Client):
    user = world.users["councillor"]
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    assert _sign_in(client, "councillor") == 302
    page = world.enquiry.get_absolute_url()
    withdraw = reverse("casework:action", args=[world.enquiry.reference, "withdraw"])
    assert client.get(page).status_code == 200

    User.objects.filter(pk=user.pk).update(is_active=False)  # e.g. by an administrator

    for url in (page, reverse("home"), reverse("complaints:list")):
        response = client.get(url)
        assert matrix.outcome_of(response) == matrix.SIGN_IN, url
    response = client.post(withdraw, {"version": 1, "reason": "From an old session."})
    assert matrix.outcome_of(response) == matrix.SIGN_IN
    assert Enquiry.objects.get(pk=world.enquiry.pk).state == world.enquiry.state
    # Nor can they sign in again.
    assert _sign_in(client, "councillor") == 200
    assert matrix.outcome_of(client.get(page)) == matrix.SIGN_IN


def test_a_deactivated_officer_loses_access_through_the_admin_too(world: World,
                                                                  client: Client):
    """Deactivated by the administrator in the admin, with the officer's session open."""
    officer = world.users["officer"]
    client.force_login(officer)
    page = world.enquiry.get_absolute_url()
    assert client.get(page).status_code == 200

    administrator = Client()
    administrator.force_login(world.users["admin"])
    change = reverse("admin:protocol_user_change", args=[officer.pk])
    form = administrator.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"is_active": "", "groups": [], "user_permissions": [],
                 "date_joined_0": officer.date_joined.date().isoformat(),
                 "date_joined_1": "09:00:00", "last_login_0": "", "last_login_1": "",
                 "posts-TOTAL_FORMS": "0", "posts-INITIAL_FORMS": "0"})
    data.pop("is_active")
    response = administrator.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not User.objects.get(pk=officer.pk).is_active

    assert matrix.outcome_of(client.get(page)) == matrix.SIGN_IN
