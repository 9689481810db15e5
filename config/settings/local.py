"""The embedded default: one process, a SQLite file, jobs in-process, e-mail on the console."""

from .base import *
from .base import VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")

# The SQLite file, uploads and collected static files live here; a fresh clone has no such folder.
VAR_DIR.mkdir(exist_ok=True)
