"""The Celery application: workers run the long jobs (search rebuilds now; imports and solvers later)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
app = Celery("cinebridge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
