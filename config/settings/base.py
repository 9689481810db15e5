"""Settings shared by every environment; each value can be overridden by an environment variable."""

from pathlib import Path

import django_stubs_ext
import environ
from django.utils.translation import gettext_lazy as _

# Django's generic classes (ModelAdmin[Film], QuerySet[Film]) subscriptable at run time, as typed.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# The embedded default is a SQLite file; production sets DATABASE_URL to PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'cinebridge.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a seed or a batch job writes. IMMEDIATE transactions take the
    # write lock when they begin, so two writers queue (for up to `timeout` seconds) instead of one
    # failing with "database is locked" when both read first (SQLite ignores SELECT … FOR UPDATE).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "cinebridge.core",
    "cinebridge.accounts",
    "cinebridge.catalogue",
    "cinebridge.rights",
    "cinebridge.notifications",
    "cinebridge.deals",
    "cinebridge.exhibition",
    "cinebridge.events",
    "cinebridge.coproduction",
    "cinebridge.search",
    "cinebridge.api",
    "cinebridge.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cinebridge.web.context_processors.platform",
                "cinebridge.notifications.context_processors.inbox",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The five UI languages; fa and ar are right-to-left (Django knows their bidi flag).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("fa", _("Persian")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("be", _("Belarusian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Subtitle files and posters are small; a bigger upload is refused before it reaches a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: Celery on Redis in production; run in-process in the embedded default.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
# Run by `celery -A config beat` in production (docs/operator-guide.md); `manage.py deals_expire` does the same by hand.
CELERY_BEAT_SCHEDULE = {
    "deals-expire-daily": {"task": "deals.expire", "schedule": 24 * 60 * 60},
}
# The address of the site, for links in e-mails ("https://cinebridge.example.org"); paths only when unset.
SITE_URL = env("SITE_URL", default="")

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="cinebridge <no-reply@cinebridge.localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Eager tasks in the embedded default would log every run; warnings and errors still show.
    "loggers": {"celery": {"level": "WARNING"}},
}

CATALOGUE_PAGE_SIZE = 24
POSTER_MAX_BYTES = 5 * 1024 * 1024
POSTER_MAX_PIXELS = 40_000_000
SUBTITLE_MAX_BYTES = 2 * 1024 * 1024

# MovieLabs' EMA Avails XSDs and vocabulary files (published by MovieLabs, not redistributed here).
# By default the copy beside the checkout is used; an XML import is refused when none is found.
EMA_AVAILS_SCHEMA_DIR = Path(
    env("EMA_AVAILS_SCHEMA_DIR", default=str(BASE_DIR.parent / "shared" / "data" / "ema-avails" / "schema"))
)
AVAILS_IMPORT_MAX_BYTES = 50 * 1024 * 1024
