"""Fixtures for the reliability tests: the app run in processes of its own (worker, beat,
sweeps) on the test's PostgreSQL database and under broker keys of the test's own on the
services pass's Redis, and a private Redis server that a test may stop."""
from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection
from django.utils import timezone

from casework.models import Enquiry
from casework.services import NewEnquiry, enquiry_log
from tests.reliability.processes import Processes, Spawned, wait_until


def database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test database)."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return (f"postgres://{quote(db['USER'] or '', safe='')}{password}@{db['HOST'] or 'localhost'}"
            f":{db['PORT'] or 5432}/{db['NAME']}")


@contextmanager
def tasks_in_process() -> Iterator[None]:
    """`.delay` after commit runs the task here: setting up sends its own emails."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = before


@pytest.fixture
def overdue(council) -> Callable[[int], list[Enquiry]]:
    """`overdue(n)`: n enquiries logged 30 days ago and never answered, their
    acknowledgements already sent; each has two reminders due (approaching and expired)."""

    def log_overdue(count: int) -> list[Enquiry]:
        past = timezone.now() - timedelta(days=30)
        with tasks_in_process():
            return [enquiry_log(councillor=council.councillor, now=past, entered=NewEnquiry(
                subject=f"Overdue {n}", details="Three weeks running.", ward=council.north,
                service=council.waste)) for n in range(count)]

    return log_overdue


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture
def broker_prefix() -> Iterator[str]:
    """Broker keys of this test's own on the services pass's Redis, deleted afterwards."""
    prefix = f"reliability-{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)
    finally:
        client.close()


@pytest.fixture
def processes(transactional_db, tmp_path: Path, mail_dir: Path,
              broker_prefix: str) -> Iterator[Processes]:
    """Start the app's processes; every one is ended when the test ends, before the test
    database is emptied."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.support.reliability_settings",
           "DATABASE_URL": database_url(), "CASEWORK_TEST_KEY_PREFIX": broker_prefix,
           "CASEWORK_TEST_MAIL_DIR": str(mail_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("CASEWORK_TEST_EAGER", None)
    env.pop("CASEWORK_TEST_VISIBILITY_TIMEOUT", None)
    started = Processes(folder=tmp_path, env=env)
    try:
        yield started
    finally:
        started.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own on a free port (never the machine's Redis)."""

    def __init__(self, processes: Processes) -> None:
        self.processes, self.port = processes, _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.server: Spawned | None = None

    def start(self) -> None:
        self.server = self.processes.start(
            f"redis-{self.port}", shutil.which("redis-server") or "redis-server",
            "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(self.processes.folder))
        wait_until(self.answers, timeout=10, what="the private Redis",
                   explain=self.processes.logs)

    def stop(self) -> None:
        assert self.server is not None
        self.processes.stop(self.server)
        assert not self.answers()

    def answers(self) -> bool:
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False
        finally:
            client.close()


@pytest.fixture
def private_redis(processes: Processes) -> PrivateRedis:
    return PrivateRedis(processes)


def publish(task: str, prefix: str) -> None:
    """Queue `task` under the test's broker keys, as beat would."""
    from config.celery import app

    with app.connection_for_write(transport_options={"global_keyprefix": prefix}) as conn:
        app.send_task(task, connection=conn)
