"""Two-factor authentication (ASVS 5.0 V6.3.3, V6.5): with CASEWORK_MFA_REQUIRED on, a
signed-in person reaches no page, the admin included, until they have entered a code from
their authenticator app this session; codes are single-use and wrong ones throttled; an
administrator can reset a person's app. The settings: required in production whatever the
environment says, off in the demo unless the environment says otherwise."""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.admin import site as admin_site
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocol.machinery.mfa.enrolment import enrolment_code_issue, enrolment_code_spend
from protocol.machinery.mfa.middleware import OPEN
from protocol.machinery.mfa.qr import qr_svg
from protocol.machinery.mfa.services import (
    STEP,
    Checked,
    key_for_typing,
    mfa_check,
    mfa_enrol,
    new_key,
)
from protocol.machinery.mfa.views import ENROL_KEY
from tests.factories import PASSWORD
from tests.protocol.otp import code, from_hex, from_typed
from tests.security.urlconf import named_routes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def required(settings):
    settings.CASEWORK_MFA_REQUIRED = True


@pytest.fixture
def events(caplog):
    """The security events logged so far, as dicts."""
    caplog.set_level(logging.INFO, logger="casework.security")
    return lambda name=None: [r.security_event for r in caplog.records
                              if hasattr(r, "security_event")
                              and (name is None or r.security_event["event"] == name)]


def sign_in(client, username: str) -> None:
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:300]


def prove_by_email(client) -> None:
    """Open the set-up link the set-up page emails (test_mfa_enrolment.py tests it)."""
    client.get(reverse("mfa:enrol"))
    path = re.search(r"https?://[^/\s]+(/mfa/set-up/link/[^/\s]+/)", mail.outbox[-1].body)[1]
    assert client.post(path).status_code == 302


def enrol(client) -> bytes:
    """Set up an authenticator app through the pages; the key, as the app holds it."""
    prove_by_email(client)
    client.get(reverse("mfa:enrol"))
    key = from_hex(client.session[ENROL_KEY])
    response = client.post(reverse("mfa:enrol"), {"code": code(key)})
    assert response.status_code == 302
    return key


def target(response) -> tuple[str, str]:
    """(path, next) of a redirect."""
    parts = urlsplit(response["Location"])
    return parts.path, parse_qs(parts.query).get("next", [""])[0]


# Every page that takes no parameters, plus one that does and one that does not exist.
PAGES = sorted(name for name, route in named_routes().items()
               if not route.parameters and name not in OPEN)


def _blocked_addresses() -> list[str]:
    return [reverse(name) for name in PAGES] + [
        reverse("casework:detail", kwargs={"reference": "ENQ-2026-00001"}),
        "/no-such-page/"]


# --- required: nothing before the code ------------------------------------------------


def test_the_walk_covers_the_site_and_the_admin():
    assert {"home", "protocol:profile", "admin:index", "admin:protocol_user_changelist",
            "login", "password_reset"} <= set(PAGES)
    assert len(PAGES) > 20


def test_without_an_app_every_page_sends_the_person_to_set_one_up(client, council, required):
    sign_in(client, "councillor")
    for address in _blocked_addresses():
        for response in (client.get(address), client.post(address, {"x": "1"})):
            assert response.status_code == 302, address
            assert target(response) == (reverse("mfa:enrol"), address), address


def test_with_an_app_every_page_asks_for_a_code_first(client, council, required):
    sign_in(client, "director")
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "director")
    for address in _blocked_addresses():
        response = client.get(address)
        assert response.status_code == 302, address
        assert target(response) == (reverse("mfa:verify"), address), address
    admin = client.get(reverse("admin:index"))
    assert target(admin)[0] == reverse("mfa:verify")


def test_signing_out_the_mfa_pages_and_the_health_check_stay_open(client, council, required):
    sign_in(client, "councillor")
    assert client.get(reverse("mfa:enrol")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_once_verified_the_pages_open(client, council, required):
    sign_in(client, "councillor")
    enrol(client)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("protocol:profile")).status_code == 200


def test_an_administrator_needs_the_code_for_the_admin(client, council, required):
    council.hr.is_staff = council.hr.is_superuser = True
    council.hr.save()
    client.post(reverse("admin:login"), {"username": "hr", "password": PASSWORD})
    response = client.get(reverse("admin:protocol_user_changelist"))
    assert target(response) == (reverse("mfa:enrol"),
                                reverse("admin:protocol_user_changelist"))
    enrol(client)
    assert client.get(reverse("admin:protocol_user_changelist")).status_code == 200


def test_not_required_the_pages_open_after_the_password(client, council):
    assert django_settings.CASEWORK_MFA_REQUIRED is False  # config/settings/test.py
    sign_in(client, "councillor")
    assert client.get(reverse("home")).status_code == 200


def test_anonymous_visitors_are_still_sent_to_sign_in(client, required):
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("login"))
    response = client.get(reverse("mfa:verify"))
    assert response["Location"].startswith(reverse("login"))


# --- enrolment ------------------------------------------------------------------------


def test_the_enrolment_page_shows_a_qr_code_and_the_key_to_type(client, council, required):
    sign_in(client, "councillor")
    prove_by_email(client)
    page = client.get(reverse("mfa:enrol")).content.decode()
    key = client.session[ENROL_KEY]
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert key_for_typing(key) in page
    assert from_typed(key_for_typing(key)) == from_hex(key)
    # Nothing a strict Content-Security-Policy would refuse: no inline style or script,
    # no data: address.
    assert "style=" not in page and "data:" not in page
    assert "<script>" not in page and "<style" not in page
    # The same key on every visit until a code from it is right: a reload does not
    # invalidate the code the person already scanned.
    client.get(reverse("mfa:enrol"))
    assert client.session[ENROL_KEY] == key
    assert not TOTPDevice.objects.exists()


def test_the_mfa_pages_are_never_cached(client, council, required):
    """The set-up page carries the secret key: no browser or proxy may keep a copy
    (ASVS 5.0 V14.3.2), nor of the code page."""
    sign_in(client, "councillor")
    for name in ("mfa:enrol", "mfa:verify"):
        if name == "mfa:verify":
            enrol(client)
            client.post(reverse("logout"))
            sign_in(client, "councillor")
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name


def test_the_qr_code_is_an_accessible_svg_of_the_address():
    svg = qr_svg("otpauth://totp/Casework:councillor?secret=ABC", title="QR code")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and "<title id=" in svg and "aria-labelledby=" in svg
    assert "style" not in svg
    # A different address is a different picture.
    assert svg != qr_svg("otpauth://totp/Casework:officer?secret=ABC", title="QR code")


def test_a_right_code_sets_up_the_app_and_verifies_the_session(client, council, required,
                                                               events):
    sign_in(client, "councillor")
    prove_by_email(client)
    client.get(reverse("mfa:enrol") + "?next=/protocol/")
    key = from_hex(client.session[ENROL_KEY])

    response = client.post(reverse("mfa:enrol"), {"code": code(key), "next": "/protocol/"})

    assert response["Location"] == "/protocol/"
    device = TOTPDevice.objects.get(user=council.councillor)
    assert device.confirmed and device.key == key.hex()
    assert ENROL_KEY not in client.session
    assert client.get("/protocol/").status_code == 200
    [event] = events("mfa.enrolled")
    assert event["actor"] == council.councillor.pk and event["device"] == device.pk


def test_a_code_typed_as_its_step_ended_leaves_the_window_where_it_was(council):
    """The enrolment code matched one step back (typed just before it changed): it is
    spent, but the device keeps no drift, so the next step's code is still accepted."""
    key = new_key()
    if STEP - time.time() % STEP < 2:  # not across a step boundary mid-test
        time.sleep(2)
    now = time.time()
    previous = code(from_hex(key), at=now - STEP)

    setup_code = enrolment_code_issue(user=council.councillor, by=council.hr)
    _, proof = enrolment_code_spend(user=council.councillor, code=setup_code)
    device = mfa_enrol(user=council.councillor, key=key, code=previous, proof=proof.pk)

    assert device is not None
    assert device.drift == 0 and device.last_t == int((now - STEP) // STEP)
    assert mfa_check(user=council.councillor, code=previous).outcome is Checked.WRONG
    device.throttle_reset()
    ahead = code(from_hex(key), steps_ahead=1)
    assert mfa_check(user=council.councillor, code=ahead).outcome is Checked.VERIFIED


def test_a_wrong_code_sets_up_nothing_and_says_why(client, council, required, events):
    sign_in(client, "councillor")
    prove_by_email(client)
    client.get(reverse("mfa:enrol"))
    key = from_hex(client.session[ENROL_KEY])
    wrong = f"{(int(code(key)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa:enrol"), {"code": wrong})

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "The code is not correct" in page
    assert not TOTPDevice.objects.exists()
    assert client.session[ENROL_KEY] == key.hex()  # try again with the same app
    assert [e["reason"] for e in events("mfa.failed")] == ["wrong_code"]


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef"])
def test_a_code_that_is_not_six_digits_is_refused_by_the_form(client, council, typed):
    sign_in(client, "councillor")
    prove_by_email(client)
    response = client.post(reverse("mfa:enrol"), {"code": typed})
    assert response.status_code == 200
    assert "Enter the" in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_spaces_in_a_code_are_ignored(client, council, required):
    sign_in(client, "councillor")
    prove_by_email(client)
    client.get(reverse("mfa:enrol"))
    key = from_hex(client.session[ENROL_KEY])
    typed = code(key)
    assert client.post(reverse("mfa:enrol"),
                       {"code": f"{typed[:3]} {typed[3:]}"}).status_code == 302


def test_a_person_with_an_app_cannot_set_up_another(client, council, required):
    sign_in(client, "councillor")
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "councillor")
    response = client.get(reverse("mfa:enrol"))
    assert target(response)[0] == reverse("mfa:verify")
    assert client.post(reverse("mfa:enrol"), {"code": "123456"})["Location"].startswith(
        reverse("mfa:verify"))
    assert TOTPDevice.objects.filter(user=council.councillor).count() == 1


# --- codes: single-use, throttled -----------------------------------------------------


def test_a_code_is_accepted_once_only(client, council, required, events):
    sign_in(client, "councillor")
    key = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "councillor")
    fresh = code(key, steps_ahead=1)  # the enrolment code is spent; the next one is not

    assert client.post(reverse("mfa:verify"), {"code": fresh})["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    sign_in(client, "councillor")
    response = client.post(reverse("mfa:verify"), {"code": fresh})

    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert target(client.get(reverse("home")))[0] == reverse("mfa:verify")
    assert len(events("mfa.verified")) == 1
    assert [e["reason"] for e in events("mfa.failed")] == ["wrong_code"]


def test_the_enrolment_code_cannot_be_used_to_sign_in(client, council, required):
    sign_in(client, "councillor")
    prove_by_email(client)
    client.get(reverse("mfa:enrol"))
    key = from_hex(client.session[ENROL_KEY])
    used = code(key)
    assert client.post(reverse("mfa:enrol"), {"code": used}).status_code == 302
    assert TOTPDevice.objects.filter(user=council.councillor, confirmed=True).count() == 1
    client.post(reverse("logout"))
    sign_in(client, "councillor")
    response = client.post(reverse("mfa:verify"), {"code": used})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert target(client.get(reverse("home")))[0] == reverse("mfa:verify")


def test_wrong_codes_are_throttled(client, council, required, events):
    sign_in(client, "councillor")
    key = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "councillor")
    right = code(key, steps_ahead=1)

    client.post(reverse("mfa:verify"), {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
    response = client.post(reverse("mfa:verify"), {"code": right})  # at once: refused

    assert response.status_code == 200
    assert "You entered a wrong code too many times" in response.content.decode()
    assert [e["reason"] for e in events("mfa.failed")] == ["wrong_code", "throttled"]
    device = TOTPDevice.objects.get(user=council.councillor)
    assert device.throttling_failure_count == 1
    # Once the wait is over the right code is accepted.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))
    assert client.post(reverse("mfa:verify"), {"code": right}).status_code == 302


def test_verifying_gives_a_new_session_key(client, council, required):
    sign_in(client, "councillor")
    key = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "councillor")
    before = client.session.session_key
    client.post(reverse("mfa:verify"), {"code": code(key, steps_ahead=1)})
    assert client.session.session_key != before


def test_the_next_page_must_be_on_this_site(client, council, required):
    sign_in(client, "councillor")
    prove_by_email(client)
    client.get(reverse("mfa:enrol"))
    key = from_hex(client.session[ENROL_KEY])
    response = client.post(reverse("mfa:enrol"),
                           {"code": code(key), "next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("home")


# --- the administrator's reset, and a deactivated account ----------------------------


def test_the_admin_has_no_device_pages():
    """django-otp's device admin would show each secret key: reset is the only way."""
    assert TOTPDevice not in admin_site._registry


def test_an_administrator_resets_a_persons_app(client, council, events):
    sign_in(client, "councillor")
    enrol(client)
    person = council.councillor
    admin_user = council.hr
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    admin_client = client.__class__()
    admin_client.force_login(admin_user)

    response = admin_client.post(reverse("admin:protocol_user_changelist"), {
        "action": "reset_mfa", "_selected_action": [person.pk]})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    [event] = events("mfa.reset")
    assert event["account"] == person.pk and event["actor"] == admin_user.pk
    assert event["devices"] == 1


def test_after_a_reset_the_verified_session_is_sent_to_set_up_again(client, council,
                                                                    required):
    sign_in(client, "councillor")
    enrol(client)
    assert client.get(reverse("home")).status_code == 200
    TOTPDevice.objects.filter(user=council.councillor).delete()  # what the reset does
    assert target(client.get(reverse("home")))[0] == reverse("mfa:enrol")


def test_a_deactivated_person_loses_access_at_once(client, council, required):
    sign_in(client, "councillor")
    enrol(client)
    council.councillor.is_active = False
    council.councillor.save()
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("login"))


# --- settings --------------------------------------------------------------------------


def _setting(module: str, **environment: str) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CASEWORK_MFA_REQUIRED", "DJANGO_SETTINGS_MODULE")}
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", f"import {module} as s; print(s.CASEWORK_MFA_REQUIRED)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.strip()


@pytest.mark.embedded  # `make run`'s settings, with no services in the environment
def test_the_settings_require_mfa_in_production_and_not_in_the_demo(tmp_path):
    var = {"CASEWORK_VAR_DIR": str(tmp_path)}
    production = {**var, "DJANGO_SECRET_KEY": "x" * 60, "CASEWORK_HISTORY_KEY": "k" * 40,
                  "REDIS_URL": "redis://localhost:1/0"}
    assert _setting("config.settings.base", **var) == "True"
    assert _setting("config.settings.local", **var) == "False"
    assert _setting("config.settings.local", CASEWORK_MFA_REQUIRED="true", **var) == "True"
    assert _setting("config.settings.production", CASEWORK_MFA_REQUIRED="false",
                    **production) == "True"
