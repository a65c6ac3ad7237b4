"""The admin is no way round the protocol: guardian's object-permission pages are not
reachable by an administrator who is not a superuser, whatever model-wide permissions
they hold, and no case can be opened through the admin (ASVS 5.0 V8.2.1, V8.3.1)."""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from guardian.admin import GuardedModelAdminMixin
from guardian.models import GroupObjectPermission, UserObjectPermission

from casework.models import EnquiryUserObjectPermission
from complaints.models import ComplaintUserObjectPermission
from protocol.models import User
from tests.security import matrix
from tests.security.urlconf import admin_url_names
from tests.security.world import World

pytestmark = pytest.mark.django_db

# The pages guardian's GuardedModelAdmin adds to a model's admin.
GUARDIAN_VIEWS = ("permissions", "permissions_manage_user", "permissions_manage_group")


@pytest.fixture
def staff(world: World, client):
    """An administrator who is staff but not a superuser and holds no Monitoring Officer
    post, given every model-wide permission there is (guardian's included)."""
    user = world.users["hr"]
    User.objects.filter(pk=user.pk).update(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    return client


def test_no_object_permission_model_is_in_the_admin():
    registered = set(admin.site._registry)
    assert not registered & {UserObjectPermission, GroupObjectPermission,
                             EnquiryUserObjectPermission, ComplaintUserObjectPermission}


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


def test_a_guarded_admin_keeps_its_permission_pages_for_superusers(world: World, staff):
    """Any admin that adds guardian's pages must refuse them to non-superusers."""
    guarded = [(model, model_admin) for model, model_admin in admin.site._registry.items()
               if isinstance(model_admin, GuardedModelAdminMixin)]
    for model, _ in guarded:
        obj = model._default_manager.order_by("pk").first()
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_permissions", args=[obj.pk])
        assert matrix.outcome_of(staff.get(url)) != matrix.OK, url
    # Today no admin is guarded: the pages do not exist at all.
    assert guarded == []
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
