"""docker-compose.yml and the Dockerfile: the production topology, checked without Docker.

No Docker engine runs here, so these tests read the files and check what they name: every
command (and every healthcheck command) must be a real entry point of this project, so
renaming config.wsgi, the Celery app or a management command breaks a test, not a deploy.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest
from celery import Celery
from celery.app.utils import find_app
from celery.bin.celery import celery as celery_cli
from django.conf import settings
from django.core.management import CommandError, get_commands, load_command_class
from django.urls import resolve
from gunicorn.config import Config as GunicornConfig

from protocol.machinery import health
from tests.config.deployment import (
    ROOT,
    command_argv,
    dockerfile_instructions,
    env_example_entries,
    exec_form,
    healthcheck_argv,
    interpolated_names,
    load_compose,
    settings_variables,
)

COMPOSE = load_compose()
SERVICES = COMPOSE["services"]
BACKING_SERVICES = {"db", "redis"}
APP_SERVICES = sorted(set(SERVICES) - BACKING_SERVICES)
LONG_RUNNING = [name for name in APP_SERVICES if name != "migrate"]
SERVICE_SUBCOMMANDS = frozenset({"worker", "beat"})
HEALTHCHECK_SUBCOMMANDS = frozenset({"inspect"})


# --- Entry points ---------------------------------------------------------------------


def check_entry_point(argv: list[str], celery_subcommands: frozenset[str]) -> None:
    """Fail unless `argv` runs something this project provides, with options it accepts."""
    match argv:
        case ["gunicorn", *arguments]:
            _check_gunicorn(arguments)
        case ["celery", "-A", app_name, subcommand, *arguments]:
            _check_celery(app_name, subcommand, arguments, celery_subcommands)
        case ["python", "manage.py", name, *arguments]:
            _check_management_command(name, arguments)
        case ["python", "-m", module_name, *_]:
            _check_runnable_module(module_name)
        case _:
            pytest.fail(f"not an entry point this test knows: {argv}")


def _import(module_name: str) -> object:
    try:
        return importlib.import_module(module_name)
    except ImportError as error:
        pytest.fail(f"{module_name} does not import: {error}")


def _check_gunicorn(arguments: list[str]) -> None:
    try:
        parsed = GunicornConfig().parser().parse_args(arguments)
    except SystemExit:
        pytest.fail(f"gunicorn rejects its arguments: {arguments}")
    assert len(parsed.args) == 1, f"gunicorn needs exactly one application: {parsed.args}"
    module_name, _, attribute = parsed.args[0].partition(":")
    application = getattr(_import(module_name), attribute or "application", None)
    if not callable(application):
        pytest.fail(f"{parsed.args[0]} is not a callable")
    try:
        inspect.signature(application).bind({}, lambda status, headers: None)
    except TypeError:
        pytest.fail(f"{parsed.args[0]} is not a WSGI callable (environ, start_response)")


def _check_celery(app_name: str, subcommand: str, arguments: list[str],
                  allowed: frozenset[str]) -> None:
    module = _import(app_name)
    if not any(isinstance(getattr(module, name, None), Celery) for name in ("celery_app", "app")):
        pytest.fail(f"{app_name} has no Celery app named celery_app or app")
    assert isinstance(find_app(app_name), Celery)  # what `celery -A` itself resolves
    assert subcommand in allowed, f"celery {subcommand} here; expected one of {sorted(allowed)}"
    command = celery_cli.commands[subcommand]
    known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    unknown = [arg for arg in arguments if arg.startswith("-") and arg.split("=")[0] not in known]
    assert not unknown, f"celery {subcommand} has no option {unknown}"


def _check_management_command(name: str, arguments: list[str]) -> None:
    assert (ROOT / "manage.py").is_file()
    commands = get_commands()
    if name not in commands:
        pytest.fail(f"manage.py has no command {name!r}")
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    try:
        parser.parse_args(arguments)
    except (CommandError, SystemExit):
        pytest.fail(f"manage.py {name} rejects its arguments: {arguments}")


def _check_runnable_module(module_name: str) -> None:
    module = _import(module_name)
    spec = importlib.util.find_spec(module_name)
    assert spec is not None and spec.origin, f"{module_name} has no source"
    assert callable(getattr(module, "main", None)), f"{module_name} has no main()"
    source = inspect.getsource(module)
    assert 'if __name__ == "__main__":' in source, f"{module_name} does nothing under -m"


@pytest.mark.parametrize("argv", [
    ["gunicorn", "config.wsgi:app"],
    ["gunicorn", "config.wsgx:application"],
    ["gunicorn", "config.wsgi:application", "--no-such-option"],
    ["celery", "-A", "protocol", "worker"],
    ["celery", "-A", "config", "flower"],
    ["celery", "-A", "config", "beat", "--no-such-option"],
    ["python", "manage.py", "migrat"],
    ["python", "manage.py", "migrate", "--no-such-option"],
    ["python", "-m", "protocol.no_such_module"],
    ["uvicorn", "config.asgi:application"],
])
def test_the_entry_point_check_rejects_what_does_not_exist(argv: list[str]) -> None:
    with pytest.raises((pytest.fail.Exception, AssertionError)):
        check_entry_point(argv, SERVICE_SUBCOMMANDS)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_service_command_is_a_real_entry_point(name: str) -> None:
    check_entry_point(command_argv(SERVICES[name]["command"]), SERVICE_SUBCOMMANDS)


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_every_healthcheck_command_is_a_real_entry_point(name: str) -> None:
    argv = healthcheck_argv(SERVICES[name]["healthcheck"]["test"])
    assert argv is not None
    check_entry_point(argv, HEALTHCHECK_SUBCOMMANDS)


def test_gunicorn_serves_the_wsgi_application_django_is_configured_with() -> None:
    argv = command_argv(SERVICES["web"]["command"])
    target = GunicornConfig().parser().parse_args(argv[1:]).args[0]
    assert target.replace(":", ".") == settings.WSGI_APPLICATION


# --- Topology -------------------------------------------------------------------------


def test_the_topology_has_every_service() -> None:
    assert set(SERVICES) >= {"db", "redis", "migrate", "web", "worker", "beat"}


def test_the_application_services_run_the_one_image_built_here() -> None:
    images = {SERVICES[name].get("image") for name in APP_SERVICES}
    assert len(images) == 1 and None not in images, f"one image for every role: {images}"
    # Built once, by the service every other one depends on, so it exists before they start.
    builders = [name for name in SERVICES if "build" in SERVICES[name]]
    assert builders == ["migrate"]
    assert SERVICES["migrate"]["build"] == "."


def test_postgres_and_redis_are_health_checked() -> None:
    db, redis = SERVICES["db"], SERVICES["redis"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert redis["image"] == "redis:7"
    assert healthcheck_argv(redis["healthcheck"]["test"]) == ["redis-cli", "ping"]


def test_every_service_but_the_one_shot_migrate_has_a_healthcheck() -> None:
    for name in SERVICES:
        if name == "migrate":
            assert SERVICES[name]["restart"] == "no", "migrate runs once, then exits"
            continue
        check = SERVICES[name].get("healthcheck")
        assert check and not check.get("disable"), f"{name} has no healthcheck"
        assert healthcheck_argv(check["test"]), f"{name}'s healthcheck is disabled"


def test_migrations_run_before_anything_that_uses_the_schema() -> None:
    assert SERVICES["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert command_argv(SERVICES["migrate"]["command"]) == [
        "python", "manage.py", "migrate", "--noinput"]
    for name in LONG_RUNNING:
        depends_on = SERVICES[name]["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name
        assert depends_on["redis"]["condition"] == "service_healthy", name


def _mounts(service: dict) -> dict[str, str]:
    """Mount target -> source, for the short (src:dst[:mode]) and long syntaxes."""
    mounts = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source", ""), volume["target"]
        mounts[target] = source
    return mounts


def _on_a_named_volume(service: dict, path: str) -> bool:
    top_level = set(COMPOSE.get("volumes") or {})
    return any(
        PurePosixPath(path).is_relative_to(target) and source in top_level
        for target, source in _mounts(service).items()
    )


def test_named_volumes_are_declared() -> None:
    declared = set(COMPOSE.get("volumes") or {})
    assert declared, "no top-level volumes"
    for name, service in SERVICES.items():
        for source in _mounts(service).values():
            if source and not source.startswith(("/", ".", "~", "$")):
                assert source in declared, f"{name} mounts undeclared volume {source}"


def test_state_lives_on_volumes() -> None:
    assert _on_a_named_volume(SERVICES["db"], "/var/lib/postgresql/data")
    argv = command_argv(SERVICES["beat"]["command"])
    schedule = argv[argv.index("--schedule") + 1]
    assert _on_a_named_volume(SERVICES["beat"], schedule), "beat would forget its schedule"
    for name in ("web", "worker"):
        media_root = SERVICES[name]["environment"]["CASEWORK_MEDIA_ROOT"]
        assert _on_a_named_volume(SERVICES[name], media_root), f"{name} would lose uploads"


def test_the_web_healthcheck_probes_the_healthz_view() -> None:
    assert healthcheck_argv(SERVICES["web"]["healthcheck"]["test"]) == [
        "python", "-m", "protocol.machinery.health"]
    probe = urlsplit(health.PROBE_URL)
    assert resolve(probe.path).func is health.healthz
    argv = command_argv(SERVICES["web"]["command"])
    assert argv[argv.index("--bind") + 1].endswith(f":{probe.port}")


def test_every_application_service_shares_one_production_environment() -> None:
    assert any(key.startswith("x-") for key in COMPOSE), "no x- anchor for the environment"
    environments = [SERVICES[name]["environment"] for name in LONG_RUNNING]
    assert all(environment == environments[0] for environment in environments)
    environment = environments[0]
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    assert environment["CASEWORK_HISTORY_KEY"].startswith("${CASEWORK_HISTORY_KEY:?")
    assert environment["DATABASE_URL"].startswith("postgres://casework_app:")
    assert environment["DATABASE_URL"].endswith("@db:5432/casework")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"


def test_only_migrate_connects_as_the_owner_and_it_grants_the_apps_own_role() -> None:
    """The app's containers connect as a role that owns nothing and is no superuser; the
    owner (the image's POSTGRES_USER, a superuser) runs the migrations alone."""
    owner = SERVICES["db"]["environment"]["POSTGRES_USER"]
    app = SERVICES["web"]["environment"]
    migrate = SERVICES["migrate"]["environment"]
    def user(url: str) -> str:  # before interpolation: postgres://<user>:${...}@...
        return url.split("://", 1)[1].split(":", 1)[0]

    assert user(app["DATABASE_URL"]) not in (owner, "postgres")
    assert "POSTGRES_PASSWORD" not in interpolated_names(app)
    assert user(migrate["DATABASE_URL"]) == owner
    assert migrate["DATABASE_APP_URL"] == app["DATABASE_URL"]
    same = ("DATABASE_URL", "DATABASE_APP_URL")
    assert {k: v for k, v in migrate.items() if k not in same} == {
        k: v for k, v in app.items() if k not in same}


# --- .env.example ---------------------------------------------------------------------


def test_env_example_lists_every_variable_compose_reads() -> None:
    entries = env_example_entries()
    for name in interpolated_names(COMPOSE):
        assert name in entries and not entries[name].commented, f"{name} not in .env.example"


def test_every_variable_set_in_env_example_reaches_the_containers() -> None:
    # A value in .env that compose never interpolates would be silently ignored.
    read = interpolated_names(COMPOSE)
    for entry in env_example_entries().values():
        if not entry.commented:
            assert entry.name in read, f"{entry.name} is set in .env.example but never used"


def test_env_example_documents_every_variable_the_settings_read() -> None:
    missing = settings_variables() - set(env_example_entries())
    assert not missing, f"document these in .env.example: {sorted(missing)}"


# --- Dockerfile -----------------------------------------------------------------------


INSTRUCTIONS = dockerfile_instructions()


def _all(keyword: str) -> list[str]:
    return [i.arguments for i in INSTRUCTIONS if i.keyword == keyword]


def test_the_image_is_python_311_slim_and_runs_as_a_non_root_user() -> None:
    assert _all("FROM") == ["python:3.11-slim"]
    users = _all("USER")
    assert users, "no USER: the image would run as root"
    assert users[-1].split(":")[0] not in {"root", "0"}
    last_user = max(i for i, ins in enumerate(INSTRUCTIONS) if ins.keyword == "USER")
    assert all(ins.keyword != "RUN" for ins in INSTRUCTIONS[last_user:])


def test_the_image_installs_the_project_from_pyproject() -> None:
    copies = _all("COPY")
    runs = _all("RUN")
    install = next(i for i, run in enumerate(runs) if run.startswith("pip install ."))
    assert any(copy.split()[0] == "pyproject.toml" for copy in copies)
    assert "pip install ." in runs[install]
    assert not any("requirements" in arguments for arguments in copies + runs)
    for copy in copies:
        *sources, _ = (arg for arg in copy.split() if not arg.startswith("--"))
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: no such file in the project"


def test_the_image_copies_and_compiles_every_package_the_project_installs() -> None:
    """A package left out of the image fails at start-up in production, nowhere else."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {pattern.rstrip("*") for pattern in
                project["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = {copy.split()[0] for copy in _all("COPY")}
    compiled = next(run for run in _all("RUN") if "compileall" in run).split()
    assert packages <= copied, f"not copied into the image: {sorted(packages - copied)}"
    assert packages <= set(compiled), f"not compiled: {sorted(packages - set(compiled))}"


def test_the_image_collects_static_files_and_defaults_to_production() -> None:
    assert any("manage.py collectstatic --noinput" in run for run in _all("RUN"))
    env = " ".join(_all("ENV"))
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in env
    assert "DJANGO_SECRET_KEY" not in env + " ".join(_all("ARG")), "a secret baked in"
    assert _all("EXPOSE") == ["8000"]


def test_the_image_command_is_a_real_entry_point() -> None:
    entrypoint = [exec_form(a) for a in _all("ENTRYPOINT")][-1:]
    command = [exec_form(a) for a in _all("CMD")][-1:]
    argv = [*(entrypoint[0] if entrypoint else []), *(command[0] if command else [])]
    assert argv, "the image has neither CMD nor ENTRYPOINT"
    check_entry_point(argv, SERVICE_SUBCOMMANDS)
    assert argv == command_argv(SERVICES["web"]["command"])
