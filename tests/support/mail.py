"""An email backend for tests that run the app in other processes: one JSON file per message
in CASEWORK_TEST_MAIL_DIR, so the test counts what every process sent.

To catch a process in the middle of sending, the test creates the file `hold` there: the
first process to send takes it (renamed to `held-<pid>`, holding the subject) and blocks
until the test kills it; every other send goes through."""
from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

HOLD_LIMIT_SECONDS = 120


def _folder() -> Path:
    return Path(os.environ["CASEWORK_TEST_MAIL_DIR"])


def _hold_if_asked(message: EmailMessage) -> None:
    held = _folder() / f"held-{os.getpid()}"
    try:
        os.rename(_folder() / "hold", held)  # atomic: one sender wins the hold
    except FileNotFoundError:
        return
    held.write_text(message.subject)
    time.sleep(HOLD_LIMIT_SECONDS)
    raise RuntimeError("held for a send but never killed")  # never send after a hold


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            _hold_if_asked(message)
            name = uuid.uuid4().hex
            partial = _folder() / f".{name}.partial"
            partial.write_text(json.dumps({"to": list(message.to), "subject": message.subject,
                                           "pid": os.getpid()}))
            partial.rename(_folder() / f"{name}.json")  # readers never see half a file
        return len(email_messages)


def sent(folder: Path) -> list[dict]:
    """Every message recorded in `folder`."""
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))]
