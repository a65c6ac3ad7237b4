"""Settings for the test suite: the same code, fast password hashing, mail kept in memory."""
import os
from urllib.parse import urlsplit, urlunsplit


def redis_for_worker(url: str, worker: str) -> str:
    """The Redis database of one pytest-xdist worker: gw0 the one `url` names, gw1 the
    next, and so on, so that two workers never share a broker queue or a cache."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{number}"))


def _redis_per_worker() -> None:
    # REDIS_URL itself is rewritten, before base reads it, so the cache, Celery and the
    # tests that read it agree. Once: a process a test starts inherits the rewritten URL,
    # or the one the test gave it (a Redis server of its own), and keeps it.
    url, worker = os.environ.get("REDIS_URL"), os.environ.get("PYTEST_XDIST_WORKER", "")
    if url and worker.startswith("gw") and "CASEWORK_TEST_REDIS_FIRST_URL" not in os.environ:
        os.environ["CASEWORK_TEST_REDIS_FIRST_URL"] = url
        os.environ["REDIS_URL"] = redis_for_worker(url, worker)


_redis_per_worker()

from .base import *  # noqa: E402, F403
from .base import CELERY_BEAT_SCHEDULE  # noqa: E402

SECRET_KEY = "test-only-not-secret-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULE = CELERY_BEAT_SCHEDULE
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["tests.support", *INSTALLED_APPS, "demo"]  # noqa: F405
if not REDIS_URL:  # noqa: F405
    # Keep tests' messages in this process: a developer's worker must never pick them up.
    CELERY_BROKER_URL = "memory://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
# Tests sign in with a password or force_login; the MFA tests switch this on themselves.
CASEWORK_MFA_REQUIRED = False
