"""Settings for the worker, beat and one-off processes that tests/reliability starts: the
test settings, with what the test passes through the environment.

CASEWORK_TEST_KEY_PREFIX         puts every broker key under a prefix of the test's own, so
                                 its processes share nothing with other tests on that Redis
CASEWORK_TEST_VISIBILITY_TIMEOUT a short visibility timeout, restored every second, so a
                                 killed worker's message comes back within the test
CASEWORK_TEST_EAGER=1            tasks run in the process that queues them
CASEWORK_TEST_MAIL_DIR           where `tests.support.mail.RecordingBackend` writes emails
"""
import os

from config.settings.test import *  # noqa: F403
from config.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS

_options = dict(CELERY_BROKER_TRANSPORT_OPTIONS)
if os.environ.get("CASEWORK_TEST_KEY_PREFIX"):
    _options["global_keyprefix"] = os.environ["CASEWORK_TEST_KEY_PREFIX"]
if os.environ.get("CASEWORK_TEST_VISIBILITY_TIMEOUT"):
    _options.update(visibility_timeout=int(os.environ["CASEWORK_TEST_VISIBILITY_TIMEOUT"]),
                    unacked_restore_interval=1, unacked_restore_throttle=1)
CELERY_BROKER_TRANSPORT_OPTIONS = _options
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CASEWORK_TEST_EAGER") == "1"
EMAIL_BACKEND = "tests.support.mail.RecordingBackend"
