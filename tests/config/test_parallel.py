"""`make test` runs the suite in two pytest-xdist workers: each worker has Redis databases of
its own (config/settings/test.py), and the tests that start processes or drive the browser
keep to one worker each (tests/conftest.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings.test import redis_for_worker

ROOT = Path(__file__).resolve().parent.parent.parent
SETTINGS = """
import json
from django.conf import settings
print(json.dumps([settings.CELERY_BROKER_URL, settings.CACHES["default"]["LOCATION"]]))
"""


def redis_used(**environment: str) -> list[str]:
    """The broker and cache URLs of config.settings.test in a process of its own."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "PYTEST_XDIST_WORKER", "CASEWORK_TEST_REDIS_FIRST_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", **environment)
    result = subprocess.run([sys.executable, "-c", SETTINGS], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("worker", "database"), [("gw0", 8), ("gw1", 9), ("gw3", 11)])
def test_each_worker_has_the_redis_database_after_the_one_before(worker, database):
    assert redis_for_worker("redis://127.0.0.1:6379/8", worker) == (
        f"redis://127.0.0.1:6379/{database}")
    assert redis_for_worker("redis://127.0.0.1:6379", worker) == (
        f"redis://127.0.0.1:6379/{database - 8}")


def test_the_broker_and_the_cache_use_the_workers_database():
    assert redis_used(REDIS_URL="redis://127.0.0.1:6379/8", PYTEST_XDIST_WORKER="gw1") == [
        "redis://127.0.0.1:6379/9"] * 2


def test_a_process_a_test_starts_keeps_the_redis_it_was_given():
    # As the worker's own settings left it: rewritten once, then inherited as it is, or as
    # the test changed it (a Redis server of the test's own).
    started = {"PYTEST_XDIST_WORKER": "gw1",
               "CASEWORK_TEST_REDIS_FIRST_URL": "redis://127.0.0.1:6379/8"}
    assert redis_used(REDIS_URL="redis://127.0.0.1:6379/9", **started) == [
        "redis://127.0.0.1:6379/9"] * 2
    assert redis_used(REDIS_URL="redis://127.0.0.1:6400/0", **started) == [
        "redis://127.0.0.1:6400/0"] * 2


def test_without_xdist_the_named_database_is_used():
    assert redis_used(REDIS_URL="redis://127.0.0.1:6379/8") == ["redis://127.0.0.1:6379/8"] * 2


def test_a_test_that_starts_a_server_keeps_to_the_processes_group(request, live_server):
    assert request.node.get_closest_marker("xdist_group").args == ("processes",)


def test_a_plain_test_has_no_group(request):
    assert request.node.get_closest_marker("xdist_group") is None
