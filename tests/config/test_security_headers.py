"""Security headers and cookies (ASVS 5.0 V3): under the production settings a response
carries HSTS, a Permissions-Policy and an enforced Content-Security-Policy with nothing
inline allowed, a signed-in person's responses are not stored, and the
session and CSRF cookies are Secure, SameSite and (the session's) HttpOnly.

The production case runs in a fresh interpreter, because settings are read once per
process and the suite itself runs on config.settings.test (as test_deploy_check.py does).
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.config.test_deploy_check import documented_env, manage
from tests.security.csp import POLICY, assert_strict_policy

# Run inside the production settings: migrate a scratch database, open the sign-in page
# over HTTPS, sign in, and print what came back. The wrapper settings module changes only
# the cache (production insists on Redis; nothing here should need a server) and the static
# files' storage (production's needs collectstatic's manifest, which is beside the point).
WRAPPER = """\
from config.settings.production import *  # noqa: F403
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""
PROBE = textwrap.dedent("""\
    import json
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    call_command("migrate", verbosity=0)
    from protocol.models import User
    User.objects.create_user("probe", password="a long enough probe password")
    client = Client(HTTP_HOST="casework.council.example")
    page = client.get("/sign-in/", secure=True)
    signed_in = client.post("/sign-in/", {"username": "probe",
                            "password": "a long enough probe password"}, secure=True)
    def cookies(response):
        return {name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]),
                       "samesite": c["samesite"], "path": c["path"]}
                for name, c in response.cookies.items()}
    print(json.dumps({
        "status": [page.status_code, signed_in.status_code],
        "headers": dict(page.headers),
        "signed_in_headers": dict(signed_in.headers),
        "cookies": {**cookies(page), **cookies(signed_in)},
    }))
""")


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp_path = tmp_path_factory.mktemp("production")
    (tmp_path / "production_probe_settings.py").write_text(WRAPPER)
    env = {**documented_env(tmp_path), "PYTHONPATH": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "production_probe_settings"}
    result = manage(["shell", "--no-startup", "-c", PROBE], env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_response_carries_hsts_and_the_strict_policy(production: dict) -> None:
    assert production["status"] == [200, 302]
    headers = {name.lower(): value for name, value in production["headers"].items()}
    hsts = headers["strict-transport-security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts
    assert_strict_policy(headers["content-security-policy"])
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_production_sends_a_permissions_policy_and_no_store_once_signed_in(
    production: dict,
) -> None:
    headers = {name.lower(): value for name, value in production["headers"].items()}
    features = dict(part.strip().split("=") for part in headers["permissions-policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
    signed_in = {name.lower(): value for name, value in production["signed_in_headers"].items()}
    assert "no-store" in signed_in["cache-control"]


def test_production_cookies_are_secure_samesite_and_the_session_httponly(
    production: dict,
) -> None:
    cookies = production["cookies"]
    session, csrf = cookies["__Host-sessionid"], cookies["__Host-csrftoken"]
    # __Host- cookies must be Secure, for the whole site, and name no domain.
    for cookie in (session, csrf):
        assert cookie["secure"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
    assert session["httponly"] is True
    assert csrf["httponly"] is True


def test_policy_parser_sees_a_weakened_policy() -> None:
    """The check can fail: an 'unsafe-inline' style source or a missing directive."""
    strict = "; ".join(f"{name} {value}" for name, value in POLICY.items())
    assert_strict_policy(strict)
    with pytest.raises(AssertionError):
        assert_strict_policy(strict.replace("style-src 'self'", "style-src 'self' "
                                            "'unsafe-inline'"))
    with pytest.raises(AssertionError):
        assert_strict_policy(strict.replace("; object-src 'none'", ""))


@pytest.mark.django_db
def test_the_test_settings_enforce_the_same_policy(client: Client) -> None:
    """Enforced (not report-only) in every environment, the test settings included."""
    response = client.get("/sign-in/")
    assert response.status_code == 200
    assert_strict_policy(response["Content-Security-Policy"])
    assert "Content-Security-Policy-Report-Only" not in response
    assert not hasattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY")


@pytest.mark.embedded  # `make run`'s settings, with no services in the environment
def test_local_settings_enforce_the_same_policy(tmp_path: Path) -> None:
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.local",
           "CASEWORK_VAR_DIR": str(tmp_path / "var")}
    script = ("from django.conf import settings; import json; "
              "print(json.dumps([settings.CONTENT_SECURITY_POLICY, settings.MIDDLEWARE]))")
    result = manage(["shell", "--no-startup", "-c", script], env)
    assert result.returncode == 0, result.stderr
    policy, middleware = json.loads(result.stdout.strip().splitlines()[-1])
    assert "csp.middleware.CSPMiddleware" in middleware
    built = "; ".join(f"{name} {' '.join(values)}" for name, values
                      in policy["DIRECTIVES"].items())
    assert_strict_policy(built)
