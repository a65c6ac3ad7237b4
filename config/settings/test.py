"""Settings for the test suite: the same code, fast password hashing, mail kept in memory."""
from .base import *  # noqa: F403
from .base import CELERY_BEAT_SCHEDULE

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
