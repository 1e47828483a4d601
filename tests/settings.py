"""Settings for the test suite: the project's settings with what tests need set."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="coordinator-tests-"))
# Welfare data's keys (tests only): the newest first, an older one still readable.
os.environ.setdefault(
    "WELFARE_KEYS",
    "dGVzdHMtb25seS13ZWxmYXJlLWtleS1uZXctMDAwMDA=,dGVzdHMtb25seS13ZWxmYXJlLWtleS1vbGQtMDAwMDA=",
)

from coordinator.settings import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test process has its own cache, emptied before every test (tests/conftest.py). Never
# Redis: clearing it would clear the Celery broker the integration tests use.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Unit tests run tasks in the test process; the integration tests start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# The test client and the live server speak plain http.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# live_server serves the source static folders: no manifest hashing.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Two-factor is off unless a test turns it on (the settings fixture); the lockout and the
# session limits stay as in production.
TWO_FACTOR_REQUIRED = False
