"""Settings, read from the environment with safe defaults for a laptop.

Every variable is documented in ``.env.example``. Tests override what they need in
``tests/conftest.py``.
"""
import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from smewg.storage_settings import file_storage

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
_INSECURE_KEY = "django-insecure-laptop-only-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or _INSECURE_KEY
if not DEBUG and SECRET_KEY == _INSECURE_KEY and not env_bool("ALLOW_INSECURE_KEY", False):
    raise ImproperlyConfigured(
        "Set SECRET_KEY (or DEBUG=1 on a laptop, or ALLOW_INSECURE_KEY=1 for tests)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "accounts",
    "background",
    "meetings",
    "projects",
    "insights",
]

MIDDLEWARE = [
    "smewg.health.HealthCheckMiddleware",
    "smewg.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "meetings.permissions.RecordLockedMiddleware",
    "smewg.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "smewg.urls"

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
                "accounts.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "smewg.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection the server dropped is replaced before use, not turned into a 500.
        conn_health_checks=True,
    )
}
# Both below gunicorn's timeout (GUNICORN_TIMEOUT, 30 s), so a blocked request ends in the
# "busy, try again" page (smewg.middleware.DatabaseBusyMiddleware) rather than a killed worker.
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "20000"))
DB_LOCK_TIMEOUT_MS = int(os.environ.get("DB_LOCK_TIMEOUT_MS", "10000"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS} -c lock_timeout={DB_LOCK_TIMEOUT_MS}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A sign-in lasts a working day, not Django's two weeks: a session left on a shared computer
# at a meeting venue ends by the next morning.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 60 * 60)))

# Behind a reverse proxy every request comes from the proxy's address: with
# TRUSTED_PROXY_COUNT proxies in front (compose's Caddy: 1), the client's address is taken from
# X-Forwarded-For instead (accounts.throttle.client_address). 0: REMOTE_ADDR, nothing trusted.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Sign-in throttling (django-axes, accounts.throttle): a user at an address is locked out for a
# while after SIGN_IN_FAILURES_PER_USER failures, and an address after SIGN_IN_FAILURES_PER_ADDRESS
# failures whatever usernames it tries (higher: delegates at a venue share one address).
SIGN_IN_FAILURES_PER_USER = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
SIGN_IN_FAILURES_PER_ADDRESS = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_FAILURE_LIMIT = "accounts.throttle.sign_in_failure_limit"
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Password reset: mails to one address, and requests from one client address, per hour.
PASSWORD_RESETS_PER_EMAIL = int(os.environ.get("PASSWORD_RESETS_PER_EMAIL", "3"))
PASSWORD_RESETS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "10"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded and generated files (documents, summary PDFs and frozen HTML, import uploads) go
# through Django's storage API only. The default is the local folder MEDIA_ROOT; with
# S3_BUCKET set they live in S3-compatible object storage (django-storages, boto3), private:
# a download is authorised by the app, then answered with a presigned URL that lasts
# S3_URL_SECONDS (see meetings/downloads.py), so several web and worker machines share them.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
S3_URL_SECONDS = int(os.environ.get("S3_URL_SECONDS", "300"))
S3_PUBLIC_ENDPOINT_URL = os.environ.get("S3_PUBLIC_ENDPOINT_URL", "")
STORAGES = {
    "default": file_storage(os.environ),
    "staticfiles": {
        # The manifest needs collectstatic; a laptop (DEBUG) and the tests serve from finders.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", not DEBUG)
# Without the manifest nothing is collected into STATIC_ROOT: look files up per request instead.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS

# Uploads: documents tabled at meetings and imported summaries.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "secretariat@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))  # for the filebased backend
# Links in e-mails (action notifications, digests) start with this address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Celery: no broker means tasks run in-process, so a laptop needs no Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The cache holds the password-reset counts: Redis when REDIS_URL is set, so every web
# process counts together; else this process's memory (a laptop).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
         "KEY_PREFIX": "smewg"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or ""
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Two queues, so workers scale on their own and a long render never holds up an e-mail:
# PDF renders go to SUMMARY_RENDER_QUEUE ("pdf"), everything else (mail, reminders, sweeps)
# to "default". One worker for both: `celery -A smewg worker -Q default,pdf`; on machines of
# their own: `-Q pdf` and `-Q default`.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_DEFAULT_QUEUE", "default")
SUMMARY_RENDER_QUEUE = os.environ.get("SUMMARY_RENDER_QUEUE", "pdf")
CELERY_TASK_ROUTES = ("smewg.celery.task_route",)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One task at a time per pool process: a render never waits behind another in a prefetch.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Renders are idempotent: one running when the broker connection drops is stopped and
# delivered again rather than finished without anyone to acknowledge it.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TIMEZONE = TIME_ZONE
# A web request that cannot reach the broker gives up in seconds (the outbox keeps the task).
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
# Chair's summary renders: soft time limit for an ordinary record, grown with the record's
# text (meetings.services.summary.summary_time_limits) up to the maximum.
SUMMARY_RENDER_TIME_LIMIT = int(os.environ.get("SUMMARY_RENDER_TIME_LIMIT", "120"))
SUMMARY_RENDER_MAX_TIME_LIMIT = int(os.environ.get("SUMMARY_RENDER_MAX_TIME_LIMIT", "900"))
SUMMARY_RENDER_MAX_ATTEMPTS = int(os.environ.get("SUMMARY_RENDER_MAX_ATTEMPTS", "3"))
# A queued export the worker has not started after this long is sent again; after the
# second, longer delay it fails with a message and "Start again".
SUMMARY_QUEUED_RESEND_SECONDS = int(os.environ.get("SUMMARY_QUEUED_RESEND_SECONDS", "300"))
SUMMARY_QUEUED_GIVE_UP_SECONDS = int(os.environ.get("SUMMARY_QUEUED_GIVE_UP_SECONDS", "3600"))
# Redis hands an unacknowledged task to another worker after this long: above the longest
# hard time limit, or a long render would be started twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(
        os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(SUMMARY_RENDER_MAX_TIME_LIMIT + 300))
    ),
    "socket_connect_timeout": 3,
}
# Pool children are replaced after this many tasks, or after a task that left them above
# this much resident memory (KiB): a big render does not keep its memory for good.
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", "50"))
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_MEMORY_PER_CHILD", "300000"))
# Outbox (background/): a message not sent after OUTBOX_GRACE_SECONDS, or sent but not done
# after OUTBOX_REDISPATCH_SECONDS, is sent again by the sweep, at most OUTBOX_MAX_DISPATCHES times.
OUTBOX_GRACE_SECONDS = int(os.environ.get("OUTBOX_GRACE_SECONDS", "10"))
OUTBOX_REDISPATCH_SECONDS = int(os.environ.get("OUTBOX_REDISPATCH_SECONDS", "900"))
OUTBOX_MAX_DISPATCHES = int(os.environ.get("OUTBOX_MAX_DISPATCHES", "5"))
# With no broker, tasks run in a background thread of the web process (not in the request).
BACKGROUND_THREAD = env_bool("BACKGROUND_THREAD", True)
BACKGROUND_SWEEP_SECONDS = int(os.environ.get("BACKGROUND_SWEEP_SECONDS", "60"))
CELERY_BEAT_SCHEDULE = {
    "overdue-actions-digest": {
        "task": "meetings.tasks.overdue_actions_digest",
        "schedule": crontab(minute=0, hour=7, day_of_week="monday"),
    },
    "action-reminders": {
        "task": "meetings.tasks.action_reminders",
        "schedule": crontab(minute=0, hour=6),
    },
    "outbox-sweep": {
        "task": "background.tasks.outbox_sweep_task",
        "schedule": BACKGROUND_SWEEP_SECONDS,
    },
    "summary-exports-sweep": {
        "task": "meetings.tasks.summary_exports_sweep_task",
        "schedule": BACKGROUND_SWEEP_SECONDS,
    },
}

# Security: HTTPS settings switch on with DEBUG off (check --deploy stays quiet).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Trust X-Forwarded-Proto only behind a TLS proxy that sets it and that is the only way in
# (compose's Caddy): anyone reaching gunicorn directly could claim HTTPS with it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from our own static files, so
# markup that slipped through escaping cannot run; no inline <script>, <style> or style="".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its icons as data: SVGs
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Errors: every log line carries the request's id (smewg.middleware.RequestIdMiddleware,
# also in the X-Request-ID header and on the error page); with ADMINS set, server errors are
# e-mailed to them; with SENTRY_DSN set, they go to Sentry too.
ADMINS = [parseaddr(entry) for entry in env_list("ADMINS", "")]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "smewg.logs.RequestIdFilter"}},
    "formatters": {
        "console": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "console"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id"],
            "formatter": "console",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own handlers (its mail to ADMINS carries no request id): to the root's console.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "INFO"},
        # django.request logs every 500 at ERROR: to the console and, with ADMINS, by mail.
        "django.request": {"handlers": ["mail_admins"], "level": "WARNING", "propagate": True},
        # WeasyPrint logs every layout step at INFO; only its warnings matter.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0,
    )
