"""Production settings: `check --deploy` is clean with the documented variables, and the
settings refuse to start without the ones that matter.

Each case runs manage.py in a fresh interpreter, because settings are read once per
process and the test suite itself runs on config.settings.test.
"""
from __future__ import annotations

import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.config.deployment import (
    ROOT,
    dockerfile_instructions,
    env_example_entries,
    interpolate,
    load_compose,
)

PRODUCTION = "config.settings.production"
# Only what an interpreter needs: nothing from the developer's own environment (a
# DJANGO_SECRET_KEY or DATABASE_URL, say) may leak into what is being checked.
_PASS_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def manage(arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run manage.py with exactly `env` (plus PATH and friends); output captured."""
    base = {name: os.environ[name] for name in _PASS_THROUGH if name in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120,
        check=False,
    )


def documented_env(tmp_path: Path) -> dict[str, str]:
    """The variables config/settings/production.py documents as required."""
    return {
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "DJANGO_SECRET_KEY": secrets.token_hex(32),  # 64 random characters
        "CASEWORK_HISTORY_KEY": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "casework.council.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # check --deploy never connects to Redis; the settings only insist it is named.
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CASEWORK_VAR_DIR": str(tmp_path / "var"),
    }


def compose_env(tmp_path: Path) -> dict[str, str]:
    """The web container's environment: docker-compose.yml filled in from .env.example,
    with values for the secrets and hosts that .env.example leaves for the operator."""
    variables = {e.name: e.value for e in env_example_entries().values() if not e.commented}
    variables.update({
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "CASEWORK_HISTORY_KEY": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "casework.council.example",
        "CASEWORK_BASE_URL": "https://casework.council.example",
        "POSTGRES_PASSWORD": secrets.token_hex(32),
        "CASEWORK_APP_DB_PASSWORD": secrets.token_hex(32),
        "EMAIL_HOST": "smtp.council.example",
        "DEFAULT_FROM_EMAIL": "casework@council.example",
    })
    environment = load_compose()["services"]["web"]["environment"]
    env = {name: interpolate(str(value), variables) for name, value in environment.items()}
    # The image sets this; here it keeps the run from writing into the working tree.
    env["CASEWORK_VAR_DIR"] = str(tmp_path / "var")
    return env


def assert_no_issues(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in result.stdout, output
    assert "WARNINGS" not in output, output


def test_check_deploy_is_clean_with_the_documented_variables(tmp_path: Path) -> None:
    result = manage(["check", "--deploy", "--fail-level", "WARNING"], documented_env(tmp_path))
    assert_no_issues(result)


def test_check_deploy_is_clean_with_the_compose_environment(tmp_path: Path) -> None:
    env = compose_env(tmp_path)
    assert env["DATABASE_URL"].startswith("postgres://")  # parsed, never connected to
    result = manage(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert_no_issues(result)


@pytest.mark.parametrize(("change", "message"), [
    ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
    ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
    ({"DJANGO_SECRET_KEY": "too-short-to-sign-anything"}, "DJANGO_SECRET_KEY"),
    ({"REDIS_URL": None}, "REDIS_URL"),
    ({"CASEWORK_HISTORY_KEY": None}, "CASEWORK_HISTORY_KEY"),
    ({"CASEWORK_HISTORY_KEY": "too-short-to-seal"}, "CASEWORK_HISTORY_KEY"),
    ({"CASEWORK_HISTORY_KEY": "s" * 60, "DJANGO_SECRET_KEY": "s" * 60}, "CASEWORK_HISTORY_KEY"),
], ids=["secret-unset", "secret-empty", "secret-short", "redis-unset", "history-key-unset",
        "history-key-short", "history-key-is-the-secret-key"])
def test_production_settings_refuse_to_start_without_required_values(
    tmp_path: Path, change: dict[str, str | None], message: str,
) -> None:
    env = documented_env(tmp_path)
    for name, value in change.items():
        if value is None:
            env.pop(name)
        else:
            env[name] = value
    result = manage(["check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_dockerfile_collectstatic_step_works_with_its_build_only_values(
    tmp_path: Path,
) -> None:
    # The build runs `VAR=value ... python manage.py collectstatic --noinput`; run the same
    # line with the same values so a new required setting fails here, not in `docker build`.
    instructions = dockerfile_instructions()
    step = next(i.arguments for i in instructions
                if i.keyword == "RUN" and "manage.py collectstatic" in i.arguments)
    words = shlex.split(step)
    build_env = dict(w.split("=", 1) for w in words if re.match(r"^[A-Z_][A-Z0-9_]*=", w))
    image_env = {}
    for i in instructions:
        if i.keyword == "ENV":
            image_env.update(w.split("=", 1) for w in shlex.split(i.arguments))
    assert "DJANGO_SECRET_KEY" not in image_env
    assert words[-4:] == ["python", "manage.py", "collectstatic", "--noinput"]
    env = {
        "DJANGO_SETTINGS_MODULE": image_env["DJANGO_SETTINGS_MODULE"],
        **build_env,
        "CASEWORK_VAR_DIR": str(tmp_path / "var"),
    }
    result = manage(["collectstatic", "--noinput"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "var" / "staticfiles" / "staticfiles.json").is_file()
