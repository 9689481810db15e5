"""URLs of the events app's public pages (included by events/urls.py, namespace "events").

A programme's address is its slug right under /events/; the slugs of the other events pages
(models.RESERVED_PROGRAMME_SLUGS: "festivals", "manage", "film-weeks", …) are reserved (the services
refuse them as programme slugs) and never taken for a programme here, whatever order the URL lists are
combined in.
"""

from django.urls import URLPattern, path, register_converter

from cinebridge.events.models import RESERVED_PROGRAMME_SLUGS
from cinebridge.events.views import public as views


class ProgrammeSlugConverter:
    """A slug that is not one of the reserved first segments of other events pages."""

    regex = r"(?!(?:{})/)[-a-zA-Z0-9_]+".format("|".join(sorted(RESERVED_PROGRAMME_SLUGS)))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ProgrammeSlugConverter, "programme")

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("<programme:slug>/", views.programme, name="programme"),
    path("<programme:slug>/calendar.ics", views.ical_programme, name="ical_programme"),
    path("<programme:slug>/booklet.pdf", views.booklet, name="booklet"),
    path("<programme:slug>/films/<slug:film_slug>/", views.programme_film, name="programme_film"),
    path("<programme:slug>/films/<slug:film_slug>/calendar.ics", views.ical_film, name="ical_film"),
    path("<programme:slug>/venues/<int:venue_id>/", views.programme_venue, name="programme_venue"),
    path("<programme:slug>/venues/<int:venue_id>/calendar.ics", views.ical_venue, name="ical_venue"),
]
