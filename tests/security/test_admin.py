"""The admin is no way round the protocol: no object-permission pages (django-guardian's,
once) are reachable by an administrator who is not a superuser, whatever model-wide
permissions they hold, the access given on a case is not in it, and no case can be opened
through the admin (ASVS 5.0 V8.2.1, V8.3.1)."""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.models import EnquiryAccess
from complaints.models import ComplaintAccess
from protocol.admin import PostInline
from protocol.models import Post, User
from tests.security import matrix
from tests.security.urlconf import admin_url_names
from tests.security.world import World

pytestmark = pytest.mark.django_db

# The pages django-guardian's GuardedModelAdmin added to a model's admin.
GUARDIAN_VIEWS = ("permissions", "permissions_manage_user", "permissions_manage_group")


@pytest.fixture
def staff(world: World, client):
    """An administrator who is staff but not a superuser and holds no Monitoring Officer
    post, given every model-wide permission there is."""
    user = world.users["hr"]
    User.objects.filter(pk=user.pk).update(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    return client


def test_no_access_model_is_in_the_admin():
    # Only services give access, saying why (protocol.machinery.access).
    registered = set(admin.site._registry)
    assert not registered & {EnquiryAccess, ComplaintAccess}


def _guardian_pages(world: World) -> list[str]:
    """Where guardian's pages would be, for the cases and for every model in the admin."""
    urls = []
    for case in (world.enquiry, world.complaint, world.fraud):
        meta = case._meta
        for view in ("permissions/", f"permissions/user-manage/{world.users['hr'].pk}/",
                     "permissions/group-manage/1/"):
            urls.append(f"/admin/{meta.app_label}/{meta.model_name}/{case.pk}/{view}")
    for model in admin.site._registry:
        meta = model._meta
        obj = model._default_manager.order_by("pk").first()
        urls.append(f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/permissions/")
    return urls


def test_guardian_permission_pages_are_not_reachable_by_staff(world: World, staff):
    for url in _guardian_pages(world):
        response = staff.get(url, follow=True)
        # Nothing there: a 404, or the admin's "no such object" redirect to its index.
        if response.status_code != 404:
            assert response.redirect_chain, url
            assert "permissions" not in response.request["PATH_INFO"], url
        assert not [t.name for t in response.templates
                    if t.name and t.name.startswith("admin/guardian")], url


def test_no_admin_has_object_permission_pages():
    assert not [n for n in admin_url_names() if n.endswith(GUARDIAN_VIEWS)]


def test_the_site_shortcut_does_not_open_a_case(world: World, staff):
    """The admin's "view on site" redirect leads to the case's page, which refuses."""
    for case in (world.enquiry, world.complaint, world.fraud):
        kind = ContentType.objects.get_for_model(case)
        response = staff.get(reverse("admin:view_on_site", args=[kind.pk, case.pk]),
                             follow=True)
        assert response.status_code == 404


def test_the_superuser_cannot_open_a_case_either(world: World, client):
    """The demo's administrator is a superuser without the Monitoring Officer's post: the
    admin is theirs, the cases are not (DESIGN 'Object permissions')."""
    client.force_login(world.users["admin"])
    for url in (world.enquiry.get_absolute_url(), world.complaint.get_absolute_url(),
                reverse("casework:attachment", args=[world.enquiry.reference,
                                                     world.attachment.pk]),
                reverse("complaints:dashboard")):
        assert matrix.outcome_of(client.get(url)) == matrix.HIDDEN, url


# --- separation of duties: nobody raises their own rights ------------------------------


def _post_form(holder: User, kind: str = "hr") -> dict[str, str]:
    return {"holder": str(holder.pk), "kind": kind, "title": "", "starts_on": "2026-01-05"}


def test_staff_give_posts_to_others_but_not_to_themselves(world: World, staff):
    hr, officer = world.users["hr"], world.users["officer"]
    url = reverse("admin:protocol_post_add")

    response = staff.post(url, _post_form(hr, "monitoring_officer"))
    assert response.status_code == 200
    assert "You cannot give a post to yourself" in response.content.decode()
    assert not Post.objects.filter(holder=hr, kind="monitoring_officer").exists()

    # A post that is not statutory or HR (those need a second administrator:
    # test_admin_approvals.py).
    assert staff.post(url, _post_form(officer, "deputy_leader")).status_code == 302
    assert Post.objects.filter(holder=officer, kind="deputy_leader").exists()


def test_staff_cannot_change_or_end_their_own_posts(world: World, staff):
    hr = world.users["hr"]
    post = Post.objects.filter(holder=hr).first() or Post.objects.create(holder=hr, kind="hr")
    change = reverse("admin:protocol_post_change", args=[post.pk])

    assert staff.post(change, _post_form(hr, "chief_finance_officer")).status_code == 403
    assert staff.post(reverse("admin:protocol_post_delete", args=[post.pk]),
                      {"post": "yes"}).status_code == 403
    staff.post(reverse("admin:protocol_post_changelist"),
               {"action": "delete_selected", "_selected_action": [post.pk], "post": "yes"})
    post.refresh_from_db()
    assert post.kind == "hr"
    # Someone else's post they may change.
    other = Post.objects.filter(holder=world.users["officer"]).first()
    page = staff.get(reverse("admin:protocol_post_change", args=[other.pk]))
    assert page.context["has_change_permission"] is True


def test_staff_see_their_own_account_but_cannot_change_it(world: World, staff):
    hr = world.users["hr"]
    url = reverse("admin:protocol_user_change", args=[hr.pk])

    page = staff.get(url)
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert staff.post(url, {"username": "hr", "is_superuser": "on"}).status_code == 403
    assert staff.post(reverse("admin:auth_user_password_change", args=[hr.pk]),
                      {"password1": "a-new-Passw0rd!", "password2": "a-new-Passw0rd!"}
                      ).status_code == 403
    hr.refresh_from_db()
    assert not hr.is_superuser


def test_the_posts_on_a_persons_page_are_locked_on_their_own_page_only(world: World, staff):
    inline = PostInline(User, admin.site)
    request = staff.get(reverse("admin:index")).wsgi_request
    hr, officer = world.users["hr"], world.users["officer"]
    assert not inline.has_add_permission(request, hr)
    assert not inline.has_change_permission(request, hr)
    assert not inline.has_delete_permission(request, hr)
    assert inline.has_change_permission(request, officer)


def test_staff_cannot_grant_admin_rights_or_touch_a_superuser(world: World, staff):
    officer, superuser = world.users["officer"], world.users["admin"]
    password = superuser.password

    form = staff.get(reverse("admin:protocol_user_change", args=[officer.pk])
                     ).context["adminform"].form
    assert {"first_name", "email", "is_active"} <= set(form.fields)
    assert not {"is_superuser", "is_staff", "groups", "user_permissions"} & set(form.fields)

    for url in (reverse("admin:protocol_user_change", args=[superuser.pk]),
                reverse("admin:auth_user_password_change", args=[superuser.pk]),
                reverse("admin:protocol_user_delete", args=[superuser.pk])):
        assert staff.post(url, {"password1": "x-Y-z-12345!", "password2": "x-Y-z-12345!",
                                "post": "yes"}).status_code == 403, url
    # Nor through the list's "delete selected" action.
    staff.post(reverse("admin:protocol_user_changelist"),
               {"action": "delete_selected", "_selected_action": [superuser.pk],
                "post": "yes"})
    superuser.refresh_from_db()
    assert superuser.is_active and superuser.password == password


def test_a_superuser_may_still_do_all_of_it(world: World, client):
    superuser = world.users["admin"]
    client.force_login(superuser)
    form = client.get(reverse("admin:protocol_user_change", args=[superuser.pk])
                      ).context["adminform"].form
    assert {"is_superuser", "is_staff", "user_permissions"} <= set(form.fields)
    assert client.post(reverse("admin:protocol_post_add"),
                       _post_form(superuser)).status_code == 302


def test_staff_cannot_reset_their_own_or_a_superusers_mfa(world: World, staff):
    hr, superuser, officer = world.users["hr"], world.users["admin"], world.users["officer"]
    for person in (hr, superuser, officer):
        TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    changelist = reverse("admin:protocol_user_changelist")

    for chosen in ([hr.pk], [superuser.pk, officer.pk]):
        response = staff.post(changelist, {"action": "reset_mfa",
                                           "_selected_action": chosen}, follow=True)
        assert "Nothing was reset" in response.content.decode()
        assert TOTPDevice.objects.filter(user__in=[hr, superuser, officer]).count() == 3

    staff.post(changelist, {"action": "reset_mfa", "_selected_action": [officer.pk]})
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert TOTPDevice.objects.filter(user__in=[hr, superuser]).count() == 2


# --- one-line fields: no control characters (protocol.machinery.forms) ---------------------------

CONTROL_MESSAGE = "must not contain tabs, line breaks or other hidden characters"


def test_a_posts_title_refuses_control_characters(world: World, staff):
    officer = world.users["officer"]
    response = staff.post(reverse("admin:protocol_post_add"),
                          {**_post_form(officer, "deputy_leader"), "title": "Deputy\nLeader"})
    assert response.status_code == 200
    assert CONTROL_MESSAGE in response.content.decode()
    assert not Post.objects.filter(holder=officer, kind="deputy_leader").exists()


@pytest.mark.parametrize("adding", [False, True], ids=["change", "add"])
def test_a_superusers_user_forms_refuse_control_characters_in_names(world: World, rf,
                                                                    adding: bool):
    request = rf.get("/")
    request.user = world.users["admin"]
    person = None if adding else world.users["officer"]
    form_class = admin.site._registry[User].get_form(request, person, change=not adding)
    form = form_class(data={"username": "ada", "first_name": "Ada\tL",
                            "last_name": "Love\x9blace"}, instance=person)
    assert not form.is_valid()
    assert CONTROL_MESSAGE in str(form.errors["first_name"])
    assert CONTROL_MESSAGE in str(form.errors["last_name"])
