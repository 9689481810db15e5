"""The public programme: published film weeks and festival editions, their schedules by day, city and
venue, film and venue pages, iCal feeds and the printable booklet.

Anyone may read a published programme. An unpublished one exists only for its organisers, who see it
with a "draft – not public" banner; anyone else gets 404, so that a draft's existence is not confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from cinebridge.accounts.models import User
from cinebridge.catalogue.engine.ratings import rating_system_for
from cinebridge.catalogue.models import CreditRole
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.i18n import active_language, text_in
from cinebridge.core.pdf import pdf_response
from cinebridge.events import ical
from cinebridge.events.listing import film_title, names_text, schedule_by_day, screening_row
from cinebridge.events.models import Hall, Programme, ProgrammeFilm, Screening, Venue
from cinebridge.events.selectors import programmes as selectors


def _viewer(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@dataclass(frozen=True)
class VenueScreens:
    venue: Venue
    name: str
    halls: list[Hall]


def _venues(programme: Programme) -> list[VenueScreens]:
    """The programme's venues with their screens, city by city (a venue without screens yet included)."""
    return [
        VenueScreens(venue, names_text(venue.names), list(venue.halls.all()))
        for venue in selectors.programme_venues(programme=programme)
    ]


def _venue(programme: Programme, venue_id: int) -> VenueScreens:
    """A venue of the programme (404 for a venue of another programme)."""
    found = next((item for item in _venues(programme) if item.venue.pk == venue_id), None)
    if found is None:
        raise Http404
    return found


def _programme(request: HttpRequest, slug: str) -> Programme:
    """The published programme, or an unpublished one for its organisers (404 for anyone else)."""
    return selectors.programme_get_public(viewer=_viewer(request), slug=slug)


@dataclass(frozen=True)
class Filters:
    """The schedule's filters from the query string; a value that is not one of the programme's is
    left out (the whole programme is shown rather than an empty page)."""

    city: str = ""
    day: date | None = None
    venue: Venue | None = None

    @property
    def active(self) -> bool:
        return bool(self.city or self.day or self.venue)


def _filters(request: HttpRequest, *, cities: list[str], days: list[date], venues: list[Venue]) -> Filters:
    city = request.GET.get("city", "")
    try:
        day: date | None = date.fromisoformat(to_ascii_digits(request.GET.get("day", "")))
    except ValueError:
        day = None
    venue_id = to_ascii_digits(request.GET.get("venue", ""))
    return Filters(
        city=city if city in cities else "",
        day=day if day in days else None,
        venue=next((venue for venue in venues if str(venue.pk) == venue_id), None),
    )


def _context(request: HttpRequest, programme: Programme, **extra: object) -> dict[str, object]:
    return {
        "programme": programme,
        "title": names_text(programme.names) or programme.slug,
        "is_draft": not programme.is_published,
        **extra,
    }


# --- pages ----------------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Published film weeks and festival editions: those still to come or running first, then past ones."""
    today = timezone.localdate()
    programmes = selectors.programmes_published()
    upcoming = sorted((p for p in programmes if p.ends_on >= today), key=lambda p: (p.starts_on, p.slug))
    past = sorted(
        (p for p in programmes if p.ends_on < today), key=lambda p: (p.starts_on, p.slug), reverse=True
    )
    return render(request, "events/public/index.html", {"upcoming": upcoming, "past": past})


@require_GET
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    """A programme's screenings by day, city and venue, filtered by city, day and venue."""
    programme = _programme(request, slug)
    cities = selectors.programme_cities(programme=programme)
    days = selectors.programme_days(programme=programme)
    venues = _venues(programme)
    filters = _filters(
        request, cities=[key for key, _names in cities], days=days, venues=[item.venue for item in venues]
    )
    screenings = selectors.programme_screenings(
        programme=programme,
        city_key=filters.city or None,
        day=filters.day,
        venue_id=filters.venue.pk if filters.venue else None,
    )
    return render(
        request,
        "events/public/programme.html",
        _context(
            request,
            programme,
            filters=filters,
            schedule=schedule_by_day(screenings),
            cities=[(key, names_text(names) or key) for key, names in cities],
            days=days,
            # Once a city is chosen, its venues only: another city's venue would show nothing.
            venues=[item for item in venues if not filters.city or item.venue.city_key == filters.city],
            films=selectors.programme_films(programme=programme),
        ),
    )


@dataclass(frozen=True)
class RatingRow:
    country: str
    label: str


def _ratings(programme: Programme, programme_film: ProgrammeFilm) -> list[RatingRow]:
    """The film's ratings, the host country's first, each labelled by its country's system."""
    rows = []
    for rating in programme_film.film.ratings.all():
        system = rating_system_for(rating.country)
        entry = system.rating(rating.rating_code) if system else None
        rows.append(RatingRow(rating.country, text_in(entry.labels) if entry else rating.rating_code))
    return sorted(rows, key=lambda row: row.country != programme.host_country)


@require_GET
def programme_film(request: HttpRequest, slug: str, film_slug: str) -> HttpResponse:
    """A film of a programme: poster, synopsis, director, runtime, rating, and its screenings in local time."""
    programme = _programme(request, slug)
    entry = selectors.programme_film_public(programme=programme, film_slug=film_slug)
    film = entry.film
    screenings = selectors.programme_screenings(programme=programme, film_id=film.pk)
    return render(
        request,
        "events/public/film.html",
        _context(
            request,
            programme,
            entry=entry,
            film=film,
            directors=[c.person for c in film.credits.all() if c.role == CreditRole.DIRECTOR],
            ratings=_ratings(programme, entry),
            rows=[screening_row(screening) for screening in screenings],
        ),
    )


@require_GET
def programme_venue(request: HttpRequest, slug: str, venue_id: int) -> HttpResponse:
    """A venue of a programme: where it is, its screens, and what plays there day by day."""
    programme = _programme(request, slug)
    found = _venue(programme, venue_id)
    screenings = selectors.programme_screenings(programme=programme, venue_id=found.venue.pk)
    return render(
        request,
        "events/public/venue.html",
        _context(
            request,
            programme,
            venue=found.venue,
            venue_name=found.name,
            city_name=names_text(found.venue.city_names),
            halls=found.halls,
            schedule=schedule_by_day(screenings),
        ),
    )


# --- feeds and the booklet ------------------------------------------------------------------------------


def _calendar_response(
    request: HttpRequest, programme: Programme, screenings: list[Screening], *, filename: str, name: str
) -> HttpResponse:
    content = ical.programme_calendar(
        programme=programme,
        screenings=screenings,
        language=active_language(),
        base_url=request.build_absolute_uri("/"),
        name=name,
    )
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def ical_programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    screenings = selectors.programme_screenings(programme=programme)
    title = names_text(programme.names) or programme.slug
    return _calendar_response(request, programme, screenings, filename=f"{programme.slug}.ics", name=title)


@require_GET
def ical_venue(request: HttpRequest, slug: str, venue_id: int) -> HttpResponse:
    programme = _programme(request, slug)
    found = _venue(programme, venue_id)
    screenings = selectors.programme_screenings(programme=programme, venue_id=found.venue.pk)
    name = f"{names_text(programme.names) or programme.slug} · {found.name}"
    return _calendar_response(
        request, programme, screenings, filename=f"{programme.slug}-venue-{found.venue.pk}.ics", name=name
    )


@require_GET
def ical_film(request: HttpRequest, slug: str, film_slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    entry = selectors.programme_film_public(programme=programme, film_slug=film_slug)
    screenings = selectors.programme_screenings(programme=programme, film_id=entry.film_id)
    film = entry.film
    name = f"{names_text(programme.names) or programme.slug} · {film_title(film)}"
    return _calendar_response(
        request, programme, screenings, filename=f"{programme.slug}-{slugify(film.slug)}.ics", name=name
    )


@require_GET
def booklet(request: HttpRequest, slug: str) -> HttpResponse:
    """The printable programme booklet (PDF) in the reader's language."""
    programme = _programme(request, slug)
    from cinebridge.events.documents import booklet_pdf  # heavy (fonts, shaping): loaded only when asked

    return pdf_response(booklet_pdf(programme=programme, language=active_language()), f"{programme.slug}.pdf")
