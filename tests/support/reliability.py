"""One-off commands that tests/reliability runs in processes of their own, on the settings in
`tests.support.reliability_settings`; each prints one line of JSON.

    python -m tests.support.reliability sweep [READY GO]   the enquiry reminder sweep; with
        READY and GO it creates READY, then waits for GO, so that two processes start at once
    python -m tests.support.reliability outbox    the outbox's safety net (deliver_pending)
    python -m tests.support.reliability log USERNAME WARD SERVICE   log an enquiry
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import django

BARRIER_SECONDS = 30


def _wait_for(go: Path) -> None:
    deadline = time.monotonic() + BARRIER_SECONDS
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"{go} never appeared")
        time.sleep(0.005)


def sweep(ready: str | None = None, go: str | None = None) -> dict:
    from casework.services import sweep as run_sweep

    if ready and go:
        Path(ready).touch()
        _wait_for(Path(go))
    started = time.time()
    result = run_sweep()
    return {"reminders": result.reminders, "started": started, "finished": time.time()}


def outbox() -> dict:
    from protocol.machinery.outbox import deliver_pending

    return {"emails_resent": deliver_pending()}


def log(username: str, ward: str, service: str) -> dict:
    from casework.services import NewEnquiry, enquiry_log
    from protocol.models import Service, User, Ward

    started = time.monotonic()
    enquiry = enquiry_log(councillor=User.objects.get(username=username), entered=NewEnquiry(
        subject="Logged while the broker is down", details="Street light out.",
        ward=Ward.objects.get(name=ward), service=Service.objects.get(name=service)))
    return {"enquiry": enquiry.pk, "seconds": time.monotonic() - started}


if __name__ == "__main__":
    django.setup()
    command, *arguments = sys.argv[1:]
    run = {"sweep": sweep, "outbox": outbox, "log": log}[command]
    print(json.dumps(run(*arguments)), flush=True)
