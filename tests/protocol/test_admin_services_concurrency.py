"""On PostgreSQL, at the same moment: two administrators choosing different protocols
leave exactly one active (the one-active constraint is never what answers), and two
administrators approving one account change make it once, and two asks for the same
change (a double submit) make one request."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from protocol.council.services import profile_activate
from protocol.machinery.approvals.services import (
    AlreadyPending,
    NotPending,
    account_change_approve,
    account_change_ask,
)
from protocol.models import AccountChangeRequest, ProtocolProfile, User
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _administrator(user: User) -> User:
    User.objects.filter(pk=user.pk).update(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    return User.objects.get(pk=user.pk)


def test_two_administrators_choosing_at_once_leave_one_active(council):
    first, second = ProtocolProfile.objects.filter(is_active=False).order_by("pk")[:2]
    admin_a, admin_b = _administrator(council.director), _administrator(council.officer)

    _, errors = at_once(lambda: profile_activate(profile=first, actor=admin_a),
                      lambda: profile_activate(profile=second, actor=admin_b))

    assert errors == []
    assert ProtocolProfile.objects.filter(is_active=True).count() == 1


def test_two_approvals_at_once_make_the_change_once(council):
    asker = _administrator(council.director)
    a, b = _administrator(council.officer), _administrator(council.head_of_service)
    change = AccountChangeRequest.objects.create(
        person=council.monitoring_officer, person_name="MO", kind="details",
        changes={"first_name": "Changed"}, requested_by=asker)

    _, errors = at_once(lambda: account_change_approve(change_id=change.pk, actor=a),
                      lambda: account_change_approve(change_id=change.pk, actor=b))

    assert [type(e) for e in errors] == [NotPending]
    change.refresh_from_db()
    assert change.state == "applied" and change.decided_by in (a, b)


def test_two_asks_at_once_make_one_request(council):
    asker, mo = _administrator(council.director), council.monitoring_officer

    def ask() -> None:
        account_change_ask(change=AccountChangeRequest(person=mo, kind="mfa_reset"),
                           actor=asker)

    _, errors = at_once(ask, ask)

    assert [type(e) for e in errors] == [AlreadyPending]
    assert AccountChangeRequest.objects.filter(person=mo, state="pending").count() == 1
