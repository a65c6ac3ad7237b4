"""Four eyes on the accounts that see the most: an account that holds a statutory or HR
post (the Monitoring Officer sees every complaint; DESIGN 'Object permissions'), or that
is an administrator's, is changed directly only by a superuser. Another administrator's
change to it (a password, a reset of two-factor authentication, a post, the email
address, the active flag, deletion) waits until a second, different administrator
approves it, and its holder is told by email (ASVS 5.0 V8.2.1, V6.4.2)."""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocol.admin import PostInline
from protocol.models import AccountChangeRequest, EnrolmentToken, Post, User
from tests.security.world import World

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-new-Passw0rd-for-the-MO"
PASSWORD_FORM = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
                 "usable_password": "true"}


def _administrator(user: User, client) -> object:
    """`user` made an administrator (staff, not a superuser) with every model permission."""
    User.objects.filter(pk=user.pk).update(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    return client


@pytest.fixture
def staff(world: World, client):
    return _administrator(_fresh(world, "hr"), client)


@pytest.fixture
def second(world: World):
    return _administrator(_fresh(world, "director"), Client())


def _fresh(world: World, role: str) -> User:
    """A copy of a world user: the world's own objects are shared by every test, and a
    refreshed password there would sign them out of the tests that follow."""
    return User.objects.get(pk=world.users[role].pk)


def _mail_to(user: User) -> list[str]:
    return [m.subject for m in mail.outbox if user.email in m.to]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what waits for the commit (the emails) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_staff_cannot_set_the_monitoring_officers_password(world: World, staff):
    mo = _fresh(world, "monitoring_officer")
    before = mo.password
    response = staff.post(reverse("admin:auth_user_password_change", args=[mo.pk]),
                          PASSWORD_FORM)
    assert response.status_code == 403
    mo.refresh_from_db()
    assert mo.password == before


@pytest.mark.parametrize("role", ["monitoring_officer", "chief_executive", "cfo", "director"])
def test_staff_cannot_change_a_protected_account_directly(role: str, world: World, staff,
                                                          second):
    """The statutory officers, and any administrator's account (the director is one here)."""
    person = _fresh(world, role)
    url = reverse("admin:protocol_user_change", args=[person.pk])
    data = {"username": person.username, "email": "attacker@example.com", "is_active": "on"}
    assert staff.post(url, data).status_code == 403
    assert staff.post(reverse("admin:protocol_user_delete", args=[person.pk]),
                      {"post": "yes"}).status_code == 403
    staff.post(reverse("admin:protocol_user_changelist"),
               {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"})
    person.refresh_from_db()
    assert person.email != "attacker@example.com"
    post = Post.objects.current().filter(holder=person).first()
    assert staff.post(reverse("admin:protocol_post_delete", args=[post.pk]),
                      {"post": "yes"}).status_code == 403


def test_staff_still_change_an_ordinary_account(world: World, staff):
    officer = _fresh(world, "officer")
    page = staff.get(reverse("admin:protocol_user_change", args=[officer.pk]))
    assert page.context["has_change_permission"] is True


def test_staff_cannot_give_a_statutory_post_directly(world: World, staff):
    """Also to a new account: who holds a statutory post is a change to that post."""
    newcomer = User.objects.create_user("newcomer", email="newcomer@example.com")
    response = staff.post(reverse("admin:protocol_post_add"),
                          {"holder": newcomer.pk, "kind": "hr", "title": "",
                           "starts_on": "2026-01-05"})
    assert response.status_code == 200
    assert "second administrator" in response.content.decode()
    assert not Post.objects.filter(holder=newcomer).exists()


def test_an_mfa_reset_of_a_statutory_officer_waits_for_approval(world: World, staff,
                                                                committed):
    mo = _fresh(world, "monitoring_officer")
    TOTPDevice.objects.create(user=mo, name="app", confirmed=True)
    mail.outbox.clear()
    with committed():
        response = staff.post(reverse("admin:protocol_user_changelist"),
                              {"action": "reset_mfa", "_selected_action": [mo.pk]},
                              follow=True)
    assert "waits for a second administrator" in response.content.decode()
    assert TOTPDevice.objects.filter(user=mo).exists()
    [change] = AccountChangeRequest.objects.filter(person=mo)
    assert change.kind == "mfa_reset" and change.state == "pending"
    assert _mail_to(mo)


def test_staff_cannot_issue_an_mfa_set_up_code_for_a_statutory_officer(world: World, staff):
    # A set-up code lets whoever holds it set up the second factor: from one administrator
    # alone it would be half of a takeover, so a protected account's comes from a superuser.
    mo = _fresh(world, "monitoring_officer")
    response = staff.post(reverse("admin:protocol_user_changelist"),
                          {"action": "issue_mfa_setup_code", "_selected_action": [mo.pk]},
                          follow=True)
    assert "their account is protected" in response.content.decode()
    assert not EnrolmentToken.objects.filter(user=mo).exists()


def _ask(staff, person: User, kind: str, **fields):
    return staff.post(reverse("admin:protocol_accountchangerequest_add"),
                      {"person": person.pk, "kind": kind, **fields})


def _decide(client, change: AccountChangeRequest, action: str):
    return client.post(reverse("admin:protocol_accountchangerequest_changelist"),
                       {"action": action, "_selected_action": [change.pk]}, follow=True)


def test_a_password_is_set_only_when_a_second_administrator_approves(world: World, staff,
                                                                     second, client,
                                                                     committed):
    mo = _fresh(world, "monitoring_officer")
    mail.outbox.clear()
    with committed():
        assert _ask(staff, mo, "password", password1=NEW_PASSWORD,
                    password2=NEW_PASSWORD).status_code == 302
    change = AccountChangeRequest.objects.get(person=mo, kind="password")
    assert change.state == "pending" and NEW_PASSWORD not in str(change.changes)
    assert len(_mail_to(mo)) == 1

    # Not the one who asked for it, and not the holder.
    _decide(staff, change, "approve")
    _administrator(mo, client)
    _decide(client, change, "approve")
    change.refresh_from_db()
    mo.refresh_from_db()
    assert change.state == "pending" and not mo.check_password(NEW_PASSWORD)

    with committed():
        response = _decide(second, change, "approve")
    assert "made" in response.content.decode()
    change.refresh_from_db()
    mo.refresh_from_db()
    assert change.state == "applied" and change.decided_by == world.users["director"]
    assert mo.check_password(NEW_PASSWORD)
    assert len(_mail_to(mo)) == 2
    assert LogEntry.objects.filter(object_id=str(mo.pk), user=world.users["director"]).exists()


def test_a_rejected_change_is_not_made(world: World, staff, second):
    mo = _fresh(world, "monitoring_officer")
    assert _ask(staff, mo, "details", email="attacker@example.com").status_code == 302
    change = AccountChangeRequest.objects.get(person=mo)
    _decide(second, change, "reject")
    change.refresh_from_db()
    mo.refresh_from_db()
    assert change.state == "rejected" and mo.email != "attacker@example.com"
    _decide(second, change, "approve")
    mo.refresh_from_db()
    assert mo.email != "attacker@example.com"


def test_an_email_change_tells_the_old_address(world: World, staff, second, committed):
    cfo = _fresh(world, "cfo")
    old = cfo.email
    _ask(staff, cfo, "details", email="new.cfo@example.com", active="no")
    mail.outbox.clear()
    with committed():
        _decide(second, AccountChangeRequest.objects.get(person=cfo), "approve")
    cfo.refresh_from_db()
    assert cfo.email == "new.cfo@example.com" and not cfo.is_active
    assert any(old in m.to for m in mail.outbox)


def test_a_statutory_post_for_a_new_account_is_given_on_approval(world: World, staff,
                                                                 second):
    newcomer = User.objects.create_user("newcomer", email="newcomer@example.com")
    assert _ask(staff, newcomer, "add_post", post_kind="hr",
                starts_on="2026-01-05").status_code == 302
    assert not Post.objects.filter(holder=newcomer).exists()
    _decide(second, AccountChangeRequest.objects.get(person=newcomer), "approve")
    assert Post.objects.filter(holder=newcomer, kind="hr").exists()


def test_ending_a_post_and_deleting_an_account_on_approval(world: World, staff, second):
    cfo = _fresh(world, "cfo")
    post = Post.objects.current().get(holder=cfo, kind="chief_finance_officer")
    _ask(staff, cfo, "end_post", post=post.pk)
    _decide(second, AccountChangeRequest.objects.get(person=cfo), "approve")
    post.refresh_from_db()
    assert post.ends_on is not None

    leaver = User.objects.create_user("leaver", email="leaver@example.com")
    Post.objects.create(holder=leaver, kind="hr")
    _ask(staff, leaver, "delete")
    change = AccountChangeRequest.objects.get(person=leaver)
    _decide(second, change, "approve")
    assert not User.objects.filter(pk=leaver.pk).exists()
    change.refresh_from_db()
    assert change.state == "applied" and change.person is None and change.person_name


def test_an_account_the_cases_need_is_not_deleted(world: World, staff, second):
    """The Chief Executive handles complaints: their account stays, the request waits."""
    ce = _fresh(world, "chief_executive")
    _ask(staff, ce, "delete")
    change = AccountChangeRequest.objects.get(person=ce)
    assert "not made" in _decide(second, change, "approve").content.decode()
    change.refresh_from_db()
    assert change.state == "pending" and User.objects.filter(pk=ce.pk).exists()


def test_nobody_asks_for_a_change_to_their_own_account(world: World, staff):
    hr = _fresh(world, "hr")
    response = _ask(staff, hr, "password", password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert response.status_code == 200
    assert not AccountChangeRequest.objects.filter(person=hr).exists()


def test_a_superuser_changes_directly_and_the_holder_is_told(world: World, client,
                                                             committed):
    mo = _fresh(world, "monitoring_officer")
    client.force_login(world.users["admin"])
    mail.outbox.clear()
    with committed():
        response = client.post(reverse("admin:auth_user_password_change",
                                       args=[mo.pk]), PASSWORD_FORM)
    assert response.status_code == 302
    mo.refresh_from_db()
    assert mo.check_password(NEW_PASSWORD)
    assert _mail_to(mo)


def test_a_protected_accounts_page_says_how_to_change_it(world: World, staff):
    mo = _fresh(world, "monitoring_officer")
    page = staff.get(reverse("admin:protocol_user_change", args=[mo.pk]))
    assert page.context["has_change_permission"] is False
    assert "ask for it under Account change requests" in page.content.decode()


def test_nor_in_the_posts_on_a_persons_page(world: World, staff):
    """The posts inline of the person's page (a new account's included) refuses one too."""
    officer = _fresh(world, "officer")
    request = staff.get(reverse("admin:index")).wsgi_request
    formset_class = PostInline(User, admin.site).get_formset(request, officer)
    prefix = formset_class.get_default_prefix()
    data = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-0-kind": "monitoring_officer", f"{prefix}-0-starts_on": "2026-01-05"}
    formset = formset_class(data, instance=officer, prefix=prefix)
    assert not formset.is_valid()
    assert "second administrator" in str(formset.errors)
    data[f"{prefix}-0-kind"] = "deputy_leader"
    assert formset_class(data, instance=officer, prefix=prefix).is_valid()


CONTROL_MESSAGE = "must not contain tabs, line breaks or other hidden characters"


@pytest.mark.parametrize("field, value", [
    ("first_name", "Ada\tLovelace"), ("last_name", "Love\x1blace"),
    ("email", '"ada\x01"@example.com'), ("title", "Head\u2028of HR")])
def test_a_change_request_refuses_control_characters(world: World, staff, field: str,
                                                     value: str):
    """The new values go into emails and exports: one line each (protocol.machinery.forms)."""
    mo = _fresh(world, "monitoring_officer")
    kind = "add_post" if field == "title" else "details"
    response = _ask(staff, mo, kind, post_kind="hr", starts_on="2026-01-05",
                    **{field: value})
    assert response.status_code == 200
    assert CONTROL_MESSAGE in response.content.decode()
    assert not AccountChangeRequest.objects.filter(person=mo).exists()


def test_a_second_ask_of_the_same_kind_waits_for_the_first(world: World, staff,
                                                           committed):
    """A double submit: one request, one email to the holder, one change to approve."""
    mo = _fresh(world, "monitoring_officer")
    mail.outbox.clear()
    with committed():
        assert _ask(staff, mo, "details", email="one@example.com").status_code == 302
        second_ask = _ask(staff, mo, "details", email="one@example.com")
    assert second_ask.status_code == 200
    assert "A change of this kind is already waiting for approval" in (
        second_ask.content.decode())
    assert AccountChangeRequest.objects.filter(person=mo).count() == 1
    assert len(_mail_to(mo)) == 1
    # Another kind of change is asked for as before.
    assert _ask(staff, mo, "mfa_reset").status_code == 302


def test_a_repeat_the_form_did_not_see_is_refused_by_the_service(world: World, staff,
                                                                 committed, monkeypatch):
    """Two asks at the same moment both pass the form: the second waits for the lock on
    the account, then finds the first, and the admin says so (nothing saved or sent)."""
    mo = _fresh(world, "monitoring_officer")
    _ask(staff, mo, "mfa_reset")
    monkeypatch.setattr("protocol.machinery.approvals.forms.account_change_is_pending",
                        lambda **kwargs: False)
    mail.outbox.clear()
    with committed():
        response = _ask(staff, mo, "mfa_reset")
    assert response.status_code == 302
    assert "A change of this kind is already waiting for approval" in (
        staff.get(response.url).content.decode())
    assert AccountChangeRequest.objects.filter(person=mo).count() == 1
    assert not _mail_to(mo)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses too
        AccountChangeRequest.objects.create(person=mo, kind="mfa_reset",
                                            requested_by=world.users["hr"])
