"""Settings shared by every environment; values come from the environment (12-factor).

DATABASE_URL  selects the database (default: SQLite in var/, the embedded default).
REDIS_URL     selects Redis for Celery's broker and the cache (default: a broker on the
              file system and a local-memory cache, so nothing needs a server).
"""
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("CASEWORK_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "staticfiles").mkdir(exist_ok=True)

SECRET_KEY = env("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "csp",
    "django_fsm",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "protocol",
    "casework",
    "complaints",
    "registers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that the policy also goes on responses that later middleware answers.
    "csp.middleware.CSPMiddleware",
    "protocol.machinery.middleware.PermissionsPolicyMiddleware",
    "protocol.machinery.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sees every response the later middleware and the views give a signed-in person.
    "protocol.machinery.middleware.NoStoreForSignedInMiddleware",
    # MFA: who verified a one-time code this session, then no page without one when
    # CASEWORK_MFA_REQUIRED; then a security event for every refusal (protocol/machinery/mfa).
    "django_otp.middleware.OTPMiddleware",
    "protocol.machinery.mfa.middleware.MfaRequiredMiddleware",
    "protocol.machinery.denials.AccessDeniedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A page that needs the council's protocol before one is chosen says so (503).
    "protocol.machinery.middleware.ProtocolNotSetUpMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "protocol.context_processors.council",
            ],
        },
    },
]


def _database(url: str) -> dj_database_url.DBConfig:
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Web, worker and beat share one file: wait for a lock rather than fail, take the
        # write lock at the start of a transaction, and let readers run beside a writer.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_HEALTH_CHECKS"] = True
        # No JIT: every page runs short indexed queries, and where the planner's estimate
        # passes jit_above_cost compiling costs 100 ms or more, many times the query itself
        # (measured by `make bench`).
        config["OPTIONS"] = {"options": "-c jit=off"}
    else:
        raise ImproperlyConfigured("DATABASE_URL must name SQLite or PostgreSQL")
    return config


DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "protocol.User"
AUTHENTICATION_BACKENDS = [
    # Throttles failed sign-ins before anything else looks at the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock out the account guessed at (ASVS 5.0 V6.3.1), by username and by
# username and client address together. Never by address alone: a successful sign-in
# clears the failures that match *its* parameters, and with the address among them a
# colleague's sign-in from the same address (or the same office, or the same proxy) would
# clear the guesses at someone else's account, and an outsider's guesses would lock out
# everyone behind that address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"


def client_address_settings(proxies: int) -> dict:
    """django-axes' client-address settings (read through django-ipware) for `proxies`
    reverse proxies in front of the app.

    Each proxy appends the address it was reached from to X-Forwarded-For, and the last
    one is REMOTE_ADDR itself, so the client is the `proxies`-th entry from the right;
    entries further left are whatever the client sent and are not believed. django-ipware
    counts the proxies named in the header (one fewer), and must not be strict about the
    header's length: strict, a forged entry makes it discard the header."""
    if not proxies:
        return {"AXES_IPWARE_PROXY_COUNT": None,
                "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"], "IPWARE_STRICT": True}
    return {"AXES_IPWARE_PROXY_COUNT": proxies - 1, "AXES_IPWARE_PROXY_ORDER": "left-most",
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
            "IPWARE_STRICT": False}


# AXES_PROXY_COUNT: reverse proxies in front of the app (.env.example).
globals().update(client_address_settings(env_int("AXES_PROXY_COUNT", 0)))

# Password reset requests (protocol/machinery/throttle.py): (requests, seconds) per account, that
# is per email address entered, and per client address.
CASEWORK_PASSWORD_RESET_PER_ACCOUNT = (env_int("PASSWORD_RESET_PER_ACCOUNT", 3), 3600)
CASEWORK_PASSWORD_RESET_PER_ADDRESS = (env_int("PASSWORD_RESET_PER_ADDRESS", 10), 3600)
CASEWORK_THROTTLE_PREFIX = "throttle"  # of the throttles' cache keys

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env("CASEWORK_MEDIA_ROOT", str(VAR_DIR / "media")))

# Cache and Celery broker: Redis when REDIS_URL is set, otherwise nothing that needs a server.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, str | int | bool] = {"visibility_timeout": 3600}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    _queue = VAR_DIR / "celery-queue"
    for _folder in (_queue, VAR_DIR / "celery-processed", VAR_DIR / "celery-control"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "store_processed": False,
        "control_folder": str(VAR_DIR / "celery-control"),
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    "heartbeat": {"task": "protocol.tasks.heartbeat", "schedule": crontab(minute="*/5")},
    # The outbox's safety net: emails the broker lost, or whose sender died mid-send.
    "outbox": {"task": "protocol.tasks.deliver_pending",
               "schedule": env_int("OUTBOX_SWEEP_SECONDS", 120)},
    "send-reminders": {"task": "casework.tasks.send_reminders",
                       "schedule": env_int("REMINDER_SWEEP_SECONDS", 300)},
    "complaint-reminders": {"task": "complaints.tasks.send_reminders",
                            "schedule": env_int("REMINDER_SWEEP_SECONDS", 300)},
    "register-reminders": {"task": "registers.tasks.send_reminders",
                           "schedule": env_int("REMINDER_SWEEP_SECONDS", 300)},
    # Retention: anonymise what has outlived its period, daily at night
    # (protocol.machinery.retention).
    "apply-retention": {"task": "protocol.tasks.apply_retention",
                        "schedule": crontab(minute=30, hour=2)},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "sent-mail")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds an SMTP send may take; well below the outbox's stale claim (protocol.machinery.outbox).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "casework@council.example")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features no page uses, refused to the page and to anything it could embed
# (protocol.machinery.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY: dict[str, list[str]] = {feature: [] for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
    "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking")}

# Content-Security-Policy, enforced in every environment (ASVS 5.0 V3.4.3): everything
# from this origin only, and nothing inline: no 'unsafe-inline', 'unsafe-eval' or data:.
# Pages keep their scripts and styles in static/ (templates carry no <script> body,
# <style> or style="..."); tests/browser fails on any violation. django-csp leaves the
# header off Django's own debug pages (404 and 500 with DEBUG on), which are inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
FORM_RENDERER = "protocol.machinery.forms.GovukRenderer"
CASEWORK_BASE_URL = env("CASEWORK_BASE_URL", "http://127.0.0.1:8000")

# Two-factor authentication (ASVS 5.0 V6.3.3): after the password, a one-time code from an
# authenticator app (TOTP) on every page. Production always requires it; the embedded demo
# (`make run`) and the test settings switch it off unless told otherwise (protocol/machinery/mfa).
CASEWORK_MFA_REQUIRED = env_bool("CASEWORK_MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "Councillor casework"
# django-otp's throttle: after n wrong codes in a row the next is refused for 2**(n-1) s.
OTP_TOTP_THROTTLE_FACTOR = 1

# The key that seals the case histories and what people wrote on a case (HMAC-SHA256,
# protocol.machinery.history.keys; docs/decisions/0010). Outside the database on purpose. Empty
# means a fixed development key, which production refuses; the old keys still verify what
# they sealed while `manage.py reseal_history` re-seals with the new one.
CASEWORK_HISTORY_KEY = env("CASEWORK_HISTORY_KEY", "")
CASEWORK_HISTORY_OLD_KEYS = env_list("CASEWORK_HISTORY_OLD_KEYS", "")
# PostgreSQL: the URL the application itself connects with (its own role, which owns
# nothing) when DATABASE_URL is the tables' owner, as for `migrate`: migrate then grants
# that role what it needs and no more (protocol.machinery.db_roles). Empty: no role is managed.
DATABASE_APP_URL = env("DATABASE_APP_URL", "")
