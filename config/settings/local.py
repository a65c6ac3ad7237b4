"""The embedded default for trying it out on one machine: `make run`."""
from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "local-only-not-secret-3f1c0a7e9b2d4c6e8f0a1b3c5d7e9f1a"
# The demo signs in with a password only, unless CASEWORK_MFA_REQUIRED=true is set.
CASEWORK_MFA_REQUIRED = env_bool("CASEWORK_MFA_REQUIRED", False)
# The demo council (`manage.py seed_demo`, which `make run` runs): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
