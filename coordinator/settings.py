"""One settings module for every environment.

With no environment variables the app runs on an embedded default: a SQLite file,
Celery on kombu's filesystem transport, and e-mail written to a folder. Setting
``DATABASE_URL`` and ``REDIS_URL`` moves it onto PostgreSQL and Redis. ``DEBUG`` is the
one switch between demo and production defaults.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for the local demo)."
        )
    SECRET_KEY = "demo-only-insecure-key-never-use-in-production"  # noqa: S105
# The keys of the welfare data (case notes and need details, encrypted at rest): their
# own, never SECRET_KEY, so a database dump with the settings' secret still reveals
# nothing. A comma-separated list of Fernet keys, the newest first; older ones still read
# what they wrote until `manage.py welfare_rotate_keys` has re-encrypted it.
WELFARE_KEYS = env.list("WELFARE_KEYS", default=[])
if not WELFARE_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "WELFARE_KEYS must be set when DEBUG is off: see the README (Configuration)."
        )
    # The local demo: a key of its own, made once and kept in VAR_DIR (O_EXCL: of web,
    # worker and beat starting together, one writes it and the others read it).
    import base64
    import secrets

    _welfare_key = VAR_DIR / "welfare.key"
    try:
        _fd = os.open(_welfare_key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(_fd, "w") as _file:
            _file.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    WELFARE_KEYS = [_welfare_key.read_text().strip()]
AUTH_USER_MODEL = "coordinator.User"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_scopes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "csp",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "coordinator",
    "committees",
    "competencies",
    "events",
    "welfare",
    "plans",
    "messaging",
    "surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Sessions that owe the two-factor step go to it (coordinator/two_factor.py).
    "coordinator.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session limits; after messages, to say why a session ended.
    "coordinator.session_limits.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coordinator.middleware.SettlementScopeMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes wants to be last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coordinator.urls"
WSGI_APPLICATION = "coordinator.wsgi.application"

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
                "django.template.context_processors.i18n",
                "coordinator.context_processors.navigation",
            ],
            "string_if_invalid": env.str("TEMPLATE_STRING_IF_INVALID", default=""),
        },
    }
]

# --- Database ----------------------------------------------------------------------------
# Web, worker and beat share one SQLite file in the embedded default: WAL plus immediate
# transactions keep them from "database is locked" (see README, "Configuration").
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and broker --------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
            # Sites sharing one Redis database keep apart by their prefix.
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default=""),
        }
    }
else:
    # The embedded default: a folder, shared by the web server and the Celery worker (the
    # council dashboard's summaries are marked stale by whichever process changes a row).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

CELERY_QUEUE_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        # A stopped or hung Redis must not hold a web request: fail fast, publish later.
        "socket_timeout": 1,
        "socket_connect_timeout": 1,
        "max_retries": 0,
        # A message whose worker died comes back after this many seconds; workers look for
        # such messages every CELERY_RESTORE_INTERVAL seconds.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=60),
        "unacked_restore_throttle": 1,
    }
else:
    for folder in ("queue", "control"):
        (CELERY_QUEUE_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The queue tasks are sent to and workers read (several deployments can share one Redis).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
# The outbox (coordinator/services/outbox.py). A worker's claim on a job lasts
# OUTBOX_LEASE_SECONDS; it must be shorter than the broker's visibility timeout, after which
# a dead worker's message is delivered again. Failed jobs retry after 1, 2, 4 ... times
# OUTBOX_RETRY_SECONDS, then park. The relay publishes rows left pending this long.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
OUTBOX_RETRY_SECONDS = env.float("OUTBOX_RETRY_SECONDS", default=30)
OUTBOX_RELAY_AFTER_SECONDS = env.float("OUTBOX_RELAY_AFTER_SECONDS", default=5)
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_QUEUE_DIR / "beat-schedule")
# The one beat schedule of the product. Each module adds its periodic work here, commented.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Publish outbox rows whose publication after commit failed (broker down or hung).
    "outbox-relay": {"task": "coordinator.tasks.outbox_relay", "schedule": 10.0},
    # Finished background jobs keep their arguments (e-mail addresses): gone after a week.
    "outbox-purge-finished": {
        "task": "coordinator.tasks.outbox_purge_finished",
        "schedule": 6 * 3600.0,
    },
    # Registry uploads that were validated but never confirmed hold personal data: delete
    # them after a day. Hourly, so nothing lingers long past that.
    "imports-purge-stale": {"task": "coordinator.tasks.imports_purge_stale", "schedule": 3600.0},
    # Messages to residents: send what is due (held ones when quiet hours end), and report
    # batches whose sender died as interrupted.
    "messages-send": {"task": "messaging.tasks.messages_send_all", "schedule": 60.0},
    # Surveys: queue the reminders that are due, and close surveys past their closing date.
    "surveys-remind": {"task": "surveys.tasks.surveys_remind_due", "schedule": 300.0},
    "surveys-close": {"task": "surveys.tasks.surveys_close_due", "schedule": 900.0},
    # Committees: tomorrow's meetings reminded (residents' messages wait for quiet hours to
    # end), and on Monday mornings a digest of overdue action items to each owner.
    "meeting-reminders": {"task": "committees.tasks.meeting_reminders", "schedule": 3600.0},
    "action-item-digest": {"task": "committees.tasks.action_item_digest", "schedule": 3600.0},
    # Events and classes: tomorrow's events reminded to those registered and to volunteers,
    # and a class's first session to its participants (held through quiet hours).
    "event-reminders": {"task": "events.tasks.event_reminders", "schedule": 3600.0},
    "class-reminders": {"task": "events.tasks.class_reminders", "schedule": 3600.0},
    # Names and addresses of sign-ups blanked SIGNUP_RETENTION_DAYS after the event or the
    # end of the class's season (the rows stay for the counts).
    "signups-forget": {"task": "events.tasks.signups_forget", "schedule": 24 * 3600.0},
    # Welfare: closed cases past their council's keeping period, access log past 5 years.
    "welfare-retention": {"task": "welfare.tasks.welfare_retention", "schedule": 24 * 3600.0},
    # Yearly plans: warn the coordinators when a budget line's spending reaches 90% and
    # 100% of its planned expense (each threshold once per line).
    "plans-budget-warnings": {"task": "plans.tasks.budget_warnings", "schedule": 3600.0},
    # Competencies: remind each coordinator of a learning activity of their development plan
    # a week (or less) before its due date, once per due date.
    "competencies-learning-reminders": {
        "task": "competencies.tasks.learning_reminders",
        "schedule": 3600.0,
    },
}
SIGNUP_RETENTION_DAYS = env.int("SIGNUP_RETENTION_DAYS", default=365)

# --- Authentication ----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account and address before any check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "coordinator.auth_backends.PasswordBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60  # reset links last one hour
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Accounts: two-factor, lockout, sessions ---------------------------------------------
# Two-factor authentication (django-otp): an authenticator app plus single-use recovery
# codes. Every role reaches personal data, so production requires it of every account; in
# the demo (DEBUG=1) it is voluntary, and asked at login of those who turned it on.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Community workplace")
# Lockout (django-axes): after AXES_FAILURE_LIMIT failed logins to one account from one
# address, that account and address wait AXES_COOLOFF_TIME. Unknown user names count alike
# and get the same page (coordinator.views.accounts.lockout, HTTP 429).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "coordinator.views.accounts.lockout"
# The client's address is REMOTE_ADDR. Behind a reverse proxy that appends the address it
# saw to X-Forwarded-For, set AXES_IPWARE_META_PRECEDENCE_ORDER=HTTP_X_FORWARDED_FOR; the
# right-most entry is then used, as the ones left of it are the client's to forge.
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list(
    "AXES_IPWARE_META_PRECEDENCE_ORDER", default=["REMOTE_ADDR"]
)
AXES_IPWARE_PROXY_ORDER = "right-most"
# A session ends after SESSION_IDLE_TIMEOUT seconds without a request, and at the latest
# SESSION_ABSOLUTE_LIFETIME seconds after login (coordinator/session_limits.py).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=12 * 60 * 60)

# --- Security (production defaults; DEBUG relaxes only what a local http demo needs) -----
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only our own scripts and styles, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SILENCED_SYSTEM_CHECKS: list[str] = []

# --- Languages ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("he", _("Hebrew")), ("sl", _("Slovenian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG

# --- Static files and uploads ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)

# --- E-mail ------------------------------------------------------------------------------
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend"
    )
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
# Links in messages to residents start with this address (where residents reach the site).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Messages to residents: sent in batches of this size (one claim and one outcome query a
# batch; a sender that crashes leaves at most one batch in doubt), at most this many batches
# a run; a batch still "sending" after MESSAGING_CLAIM_SECONDS lost its sender.
MESSAGING_BATCH_SIZE = env.int("MESSAGING_BATCH_SIZE", default=100)
MESSAGING_MAX_BATCHES = env.int("MESSAGING_MAX_BATCHES", default=500)
MESSAGING_CLAIM_SECONDS = env.int("MESSAGING_CLAIM_SECONDS", default=900)

DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="coordinator@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

PAGE_SIZE = 25

# Every line goes through coordinator.logging.RedactingFilter: no password, token, session
# id, request body or sensitive record reaches a log. Django's own loggers hand their
# records to the root handler (instead of Django's default console and mail handlers,
# which would print them unfiltered); the development server's access lines keep their
# format and pass the same filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "coordinator.logging.RedactingFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint tells each step of every PDF at INFO: only its problems are news.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
