"""Production: every secret and host from the environment; secure cookies, HSTS, TLS.

Required: DJANGO_SECRET_KEY, CASEWORK_HISTORY_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL.
Optional: DJANGO_CSRF_TRUSTED_ORIGINS, EMAIL_*, AXES_PROXY_COUNT, SECURE_HSTS_SECONDS,
DJANGO_SECURE_SSL_REDIRECT (set false only where the proxy already redirects).
Set CASEWORK_BASE_URL too: links in emails start with it. .env.example describes them all.
"""
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CASEWORK_HISTORY_KEY, REDIS_URL, SECRET_KEY, env_bool, env_int

DEBUG = False
# Every account signs in with a one-time code too, whatever the environment says.
CASEWORK_MFA_REQUIRED = True
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to 50 or more random characters")
if len(CASEWORK_HISTORY_KEY) < 32 or CASEWORK_HISTORY_KEY == SECRET_KEY:
    raise ImproperlyConfigured("CASEWORK_HISTORY_KEY must be set to 32 or more random "
                               "characters, not the same as DJANGO_SECRET_KEY")
if not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
