"""A first authenticator app is set up only after a second proof of who is signing in
(ASVS 5.0 V6.4.1, V6.4.3): the password alone, which at go-live and after an MFA reset is
all anyone needs, must not be enough to tie an app to the account. The proof is a
single-use, expiring link sent to the person's work email, or a single-use code an
administrator issues; only a hash of either is stored."""
from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocol.machinery.mfa import enrolment
from protocol.machinery.mfa.services import mfa_enrol, new_key
from protocol.machinery.mfa.views import ENROL_KEY
from protocol.models import EnrolmentToken
from tests.factories import PASSWORD
from tests.protocol.otp import code, from_hex

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://[^/\s]+(/mfa/set-up/link/[^/\s]+/)")


@pytest.fixture
def required(settings):
    settings.CASEWORK_MFA_REQUIRED = True


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="casework.security")
    return lambda name: [r.security_event for r in caplog.records
                         if getattr(r, "security_event", {}).get("event") == name]


def signed_in(username: str = "councillor") -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def links_sent_to(email: str) -> list[str]:
    return [LINK.search(m.body).group(1) for m in mail.outbox if m.to == [email]]


def set_up_app(client: Client) -> TOTPDevice:
    client.get(reverse("mfa:enrol"))
    key = from_hex(client.session[ENROL_KEY])
    assert client.post(reverse("mfa:enrol"), {"code": code(key)}).status_code == 302
    return TOTPDevice.objects.get(user__username="councillor")


def open_link(client: Client, path: str):
    page = client.get(path)
    if page.status_code != 200:
        return page
    return client.post(path)


# --- the password alone -------------------------------------------------------------


def test_the_password_alone_shows_no_app_secret(council, required):
    client = signed_in()
    page = client.get(reverse("mfa:enrol"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Check your email" in text
    assert "mfa-setup-key" not in text and "mfa-qr-code" not in text
    assert ENROL_KEY not in client.session


def test_the_password_alone_cannot_set_up_an_app(council, required):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    key = new_key()
    client.post(reverse("mfa:enrol"), {"code": code(from_hex(key))})
    assert not TOTPDevice.objects.filter(user=council.councillor).exists()
    # The service refuses too, whatever the page does.
    assert mfa_enrol(user=council.councillor, key=key, code=code(from_hex(key)),
                     proof=None) is None


# --- the emailed link ---------------------------------------------------------------


def test_the_page_emails_a_link_that_opens_the_set_up(council, required, events):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    [path] = links_sent_to(council.councillor.email)
    assert "two-factor authentication" in mail.outbox[0].subject
    confirm = client.get(path)
    assert confirm.status_code == 200 and EnrolmentToken.objects.get().used_at is None
    assert client.post(path)["Location"].startswith(reverse("mfa:enrol"))
    assert "mfa-setup-key" in client.get(reverse("mfa:enrol")).content.decode()
    set_up_app(client)
    assert [e["method"] for e in events("mfa.setup_proved")] == ["email_link"]
    assert len(events("mfa.setup_link_sent")) == 1


def test_only_a_hash_of_the_link_is_stored(council, required):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    [path] = links_sent_to(council.councillor.email)
    secret = path.rstrip("/").rsplit("/", 1)[1]
    token = EnrolmentToken.objects.get()
    assert secret not in str(list(EnrolmentToken.objects.values()))
    assert len(token.token_hash) == 64


def test_a_page_reload_sends_no_second_link(council, required):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    client.get(reverse("mfa:enrol"))
    assert len(mail.outbox) == 1


def test_the_link_returns_to_the_page_asked_for(council, required):
    client = signed_in()
    client.get(reverse("mfa:enrol") + "?next=/protocol/")
    [path] = links_sent_to(council.councillor.email)
    client.get(path)
    assert client.post(path)["Location"] == reverse("mfa:enrol") + "?next=%2Fprotocol%2F"


def test_a_link_works_once(council, required):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    [path] = links_sent_to(council.councillor.email)
    open_link(client, path)
    again = signed_in()
    assert open_link(again, path).status_code == 404
    assert "mfa-setup-key" not in again.get(reverse("mfa:enrol")).content.decode()


def test_a_link_opens_nothing_for_another_account(council, required, events):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    [path] = links_sent_to(council.councillor.email)
    other = signed_in("officer")
    refused = open_link(other, path)
    assert refused.status_code == 404
    assert "This link has expired or has been used" in refused.content.decode()
    assert EnrolmentToken.objects.get(user=council.councillor).used_at is None
    assert events("mfa.setup_refused")


def test_an_expired_link_is_refused(council, required):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    [path] = links_sent_to(council.councillor.email)
    EnrolmentToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert open_link(client, path).status_code == 404


def test_a_new_link_replaces_the_last_and_resends_are_limited(council, required):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    for _ in range(enrolment.LINKS_PER_HOUR):
        response = client.post(reverse("mfa:send_link"), follow=True)
    assert "We could not send another link" in response.content.decode()
    paths = links_sent_to(council.councillor.email)
    assert len(paths) == enrolment.LINKS_PER_HOUR
    assert open_link(client, paths[0]).status_code == 404
    assert open_link(client, paths[-1]).status_code == 302


def test_a_link_reaches_an_account_without_an_email_address_never(council, required):
    council.councillor.email = ""
    council.councillor.save()
    page = signed_in().get(reverse("mfa:enrol")).content.decode()
    assert mail.outbox == [] and "administrator" in page


# --- the administrator's code -------------------------------------------------------


def admin_post(council, settings, data: dict):
    """An action in the people list of the admin, by a superuser who has already signed
    in with their own app (the admin's MFA is tested in test_mfa.py)."""
    council.hr.is_staff = council.hr.is_superuser = True
    council.hr.save()
    admin_client = Client()
    admin_client.force_login(council.hr)
    required, settings.CASEWORK_MFA_REQUIRED = settings.CASEWORK_MFA_REQUIRED, False
    try:
        return admin_client.post(reverse("admin:protocol_user_changelist"), data, follow=True)
    finally:
        settings.CASEWORK_MFA_REQUIRED = required


def issue_code(council, settings, person) -> str:
    response = admin_post(council, settings, {"action": "issue_mfa_setup_code",
                                              "_selected_action": [person.pk]})
    found = re.search(rf"Set-up code for {person.username}: ([A-Z2-9]{{4}}-[A-Z2-9]{{4}}-"
                      r"[A-Z2-9]{4})\b", response.content.decode())
    assert found, response.content.decode()[-2000:]
    return found.group(1)


def test_an_administrators_code_opens_the_set_up_once(council, required, events, settings):
    setup_code = issue_code(council, settings, council.councillor)
    client = signed_in()
    response = client.post(reverse("mfa:enrol"), {"setup_code": setup_code.lower()})
    assert response.status_code == 302
    again = signed_in()
    refused = again.post(reverse("mfa:enrol"), {"setup_code": setup_code})
    assert "The set-up code is not correct" in refused.content.decode()
    set_up_app(client)
    [issued] = events("mfa.setup_code_issued")
    assert issued["account"] == council.councillor.pk and setup_code not in str(issued)


def test_wrong_codes_are_refused_then_throttled(council, required, settings):
    issue_code(council, settings, council.councillor)
    client = signed_in()
    for _ in range(enrolment.CODE_TRIES_PER_HOUR):
        page = client.post(reverse("mfa:enrol"), {"setup_code": "AAAA-BBBB-CCCC"})
        assert "The set-up code is not correct" in page.content.decode()
    page = client.post(reverse("mfa:enrol"), {"setup_code": "AAAA-BBBB-CCCC"})
    assert "too many" in page.content.decode()


def test_a_code_for_one_person_opens_nothing_for_another(council, required, settings):
    setup_code = issue_code(council, settings, council.councillor)
    other = signed_in("officer")
    assert other.post(reverse("mfa:enrol"), {"setup_code": setup_code}).status_code == 200
    assert "mfa-setup-key" not in other.get(reverse("mfa:enrol")).content.decode()


def test_an_administrator_cannot_issue_a_code_for_themselves(council, settings):
    response = admin_post(council, settings, {"action": "issue_mfa_setup_code",
                                              "_selected_action": [council.hr.pk]})
    assert "Ask another administrator" in response.content.decode()
    assert not EnrolmentToken.objects.exists()


def test_no_code_for_someone_whose_app_is_set_up(council, settings):
    TOTPDevice.objects.create(user=council.councillor, name="app", confirmed=True)
    response = admin_post(council, settings, {"action": "issue_mfa_setup_code",
                                              "_selected_action": [council.councillor.pk]})
    assert "reset their two-factor authentication first" in response.content.decode()
    assert not EnrolmentToken.objects.exists()


def test_a_code_is_issued_for_one_person_at_a_time(council, settings):
    response = admin_post(council, settings, {
        "action": "issue_mfa_setup_code",
        "_selected_action": [council.councillor.pk, council.officer.pk]})
    assert "Choose one person" in response.content.decode()
    assert not EnrolmentToken.objects.exists()


# --- a reset ------------------------------------------------------------------------


def test_a_reset_revokes_links_codes_and_a_proof_in_hand(council, required, settings):
    client = signed_in()
    client.get(reverse("mfa:enrol"))
    [path] = links_sent_to(council.councillor.email)
    open_link(client, path)
    waiting = signed_in()
    waiting.get(reverse("mfa:enrol"))  # a second link, not yet used
    issue_code(council, settings, council.councillor)
    admin_post(council, settings, {"action": "reset_mfa",
                                   "_selected_action": [council.councillor.pk]})
    assert not EnrolmentToken.objects.filter(user=council.councillor,
                                             revoked_at__isnull=True).exists()
    assert "mfa-setup-key" not in client.get(reverse("mfa:enrol")).content.decode()
