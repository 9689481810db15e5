"""Settings for the test suite: SQLite unless TEST_DATABASE_URL names another database."""

import tempfile

from .base import *
from .base import DATABASES, env

SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
DEBUG = False
DATABASES["default"] = env.db("TEST_DATABASE_URL", default="sqlite://:memory:")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].pop("OPTIONS", None)
# Hashing strength is tested explicitly; everywhere else speed matters more.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
MEDIA_ROOT = tempfile.mkdtemp(prefix="cinebridge-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="cinebridge-test-static-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
