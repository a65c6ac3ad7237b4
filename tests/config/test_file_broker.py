"""`make run`'s Celery broker on the file system (config/settings/base.py): with no
REDIS_URL a task the web process sends is a file in var/celery-queue/ that the worker
beside it takes. Only the embedded pass has no REDIS_URL, so the test runs there too."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SERVICES = ("DATABASE_URL", "REDIS_URL", "CASEWORK_TEST_REDIS_FIRST_URL",
            "DJANGO_SETTINGS_MODULE")
# Send one task as `make run`'s web process would, then take it off the queue as its
# worker would.
SEND_AND_TAKE = """
import json
from pathlib import Path

import django

django.setup()
from config.celery import app

app.send_task("protocol.tasks.heartbeat")
folder = Path(app.conf.broker_transport_options["data_folder_in"])
queued = [path.name for path in folder.iterdir()]
with app.connection_for_read() as connection:
    message = connection.SimpleQueue("celery").get(timeout=5)
    message.ack()
print(json.dumps({"broker": app.conf.broker_url, "folder": str(folder), "queued": queued,
                  "task": message.headers["task"]}))
"""


@pytest.mark.embedded
def test_without_redis_a_task_is_a_file_in_the_queue_folder_until_taken(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in SERVICES}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", CASEWORK_VAR_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SEND_AND_TAKE], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    sent = json.loads(result.stdout.strip().splitlines()[-1])
    assert sent["broker"] == "filesystem://"
    assert sent["folder"] == str(tmp_path / "celery-queue")
    assert len(sent["queued"]) == 1
    assert sent["task"] == "protocol.tasks.heartbeat"
    assert not list((tmp_path / "celery-queue").iterdir())  # taken, so gone
