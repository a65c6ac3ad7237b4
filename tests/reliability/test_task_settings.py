"""Tasks are acknowledged only when done, and nothing is scheduled further ahead than the
broker's visibility timeout. Redis hands an unacknowledged message to another worker once
the timeout passes: a task with a longer ETA or countdown would be delivered again and again
while it waits, and a worker killed mid-task must not lose what it was doing."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ("casework", "complaints", "registers", "protocol", "config")
# Keywords that put a message in the broker to run later, and the calls that take them.
DELAYS = {"countdown", "default_retry_delay", "retry_backoff_max"}
TAKES_DELAY = {"apply_async", "retry", "send_task", "set", "signature", "shared_task", "task"}
# Tasks that send nothing and change nothing that matters if a run is lost.
NOTHING_TO_LOSE = {"protocol.tasks.heartbeat"}


def _constants(tree: ast.Module) -> dict[str, object]:
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def delays_too_long(source: str, limit: float, where: str = "<source>") -> list[str]:
    """Every ETA, or delay that is not a constant below `limit` seconds, in `source`."""
    tree = ast.parse(source)
    constants, found = _constants(tree), []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _called(node) not in TAKES_DELAY:
            continue
        for keyword in node.keywords:
            line = f"{where}:{node.lineno} {_called(node)}({keyword.arg}=...)"
            if keyword.arg == "eta":
                found.append(f"{line}: an ETA cannot be checked; use a constant countdown")
            elif keyword.arg in DELAYS:
                value = (constants.get(keyword.value.id)
                         if isinstance(keyword.value, ast.Name) else None)
                if value is None:
                    try:
                        value = ast.literal_eval(keyword.value)
                    except ValueError:
                        found.append(f"{line}: not a constant")
                        continue
                if not isinstance(value, int | float) or value >= limit:
                    found.append(f"{line}: {value!r} is not below {limit} s")
    return found


def _project_sources():
    for name in APPS:
        for path in sorted((ROOT / name).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


@pytest.mark.parametrize(("source", "problems"), [
    ("send.apply_async((1,), countdown=60)", 0),
    ("LATER = 300\nsend.apply_async((1,), countdown=LATER)", 0),
    ("send.apply_async((1,), countdown=7200)", 1),
    ("self.retry(exc=error, countdown=2 * 3600)", 1),
    ("send.apply_async((1,), countdown=wait)", 1),
    ("send.apply_async((1,), eta=tomorrow)", 1),
    ("@shared_task(default_retry_delay=86400)\ndef send(): pass", 1),
])
def test_the_check_finds_delays_longer_than_the_timeout(source, problems):
    assert len(delays_too_long(source, limit=3600)) == problems


@pytest.mark.redis
def test_no_task_waits_longer_than_the_visibility_timeout():
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    found = [problem for path in _project_sources()
             for problem in delays_too_long(path.read_text(), timeout,
                                            str(path.relative_to(ROOT)))]
    assert found == []
    # A retry without a countdown waits for the task's default; a backoff for its maximum.
    for task in _project_tasks():
        assert task.default_retry_delay < timeout, task.name
        assert (getattr(task, "retry_backoff_max", 0) or 0) < timeout, task.name


def _project_tasks():
    app.loader.import_default_modules()
    return [task for name, task in sorted(app.tasks.items())
            if name.split(".")[0] in APPS]


def test_tasks_are_acknowledged_when_done_and_redelivered_if_the_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1  # a dying worker holds one message
    tasks = _project_tasks()
    assert {t.name for t in tasks} >= {"protocol.tasks.deliver_notification",
                                       "casework.tasks.send_reminders",
                                       "complaints.tasks.send_reminders",
                                       "registers.tasks.send_reminders"}
    for task in tasks:
        if task.name not in NOTHING_TO_LOSE:
            assert task.acks_late is True, task.name
            assert task.reject_on_worker_lost is True, task.name
