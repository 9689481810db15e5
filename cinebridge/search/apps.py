from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "cinebridge.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the Celery tasks by name)
