"""Printed documents of a programme: the programme booklet, and a guest's visa invitation letter.

The booklet is the public programme on paper, in one language: a cover (title, dates, cities,
organisers), the schedule day by day, city by city and venue by venue on each venue's clock, a page per
film, and the guests. It shows only what the public pages show (never a guest's passport data).

The invitation letter asks a consulate to issue a guest a visa. It is written on behalf of the host
organiser (the film week's film body of the host country, or the festival's organisation), in the host
country's language (Iran: Persian, Belarus: Russian, elsewhere English) and then in English, with what
a visa officer checks: the full name as in the passport, nationality, passport number, date of birth,
the purpose and the dates of stay. The letter says the host covers what was agreed with the guest and
leaves the details to that agreement.

Both are reproducible (see `cinebridge.core.pdf`): the booklet is dated when the programme was
published (its last change while a draft), the letter when the guest's data last changed, so the same
data always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Credit, CreditRole, Film
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import name_in, translated_text
from cinebridge.core.pdf import Column, PdfDocument, bdi, date_text, ltr, number_text, timestamp_text
from cinebridge.core.vocabularies import country_name
from cinebridge.events.ical import calendar_stamp
from cinebridge.events.listing import (
    ScreeningRow,
    film_title,
    guest_name,
    names_text,
    schedule_by_day,
    screening_row,
)
from cinebridge.events.models import Guest, Programme, ProgrammeFilm, ProgrammeKind, Screening, Strand, Venue
from cinebridge.events.selectors import programmes as selectors

ENGLISH = "en"

# The language a consulate of the host country reads a letter in, by the host country. Belarus has two
# official languages; Russian is the one its administration writes in.
HOST_LANGUAGES: dict[str, str] = {"IR": "fa", "BY": "ru"}

SMALL = 8.0


def host_language(country: str) -> str:
    """The language of the host country's administration (IR → fa, BY → ru), else English."""
    return HOST_LANGUAGES.get(country.upper(), ENGLISH)


def letter_languages(programme: Programme) -> list[str]:
    """The letter's languages in order: the host country's, then English (once)."""
    return list(dict.fromkeys((host_language(programme.host_country), ENGLISH)))


def host_organiser(programme: Programme) -> Organisation:
    """Who invites: for a film week the organiser of the host country (the proposer when neither or both
    are), for a festival edition the festival's organisation."""
    if programme.kind == ProgrammeKind.FILM_WEEK:
        week = programme.film_week
        hosts = [
            org for org in (week.proposed_by, week.partner) if org.country.upper() == programme.host_country
        ]
        return hosts[0] if len(hosts) == 1 else week.proposed_by
    return programme.edition.festival.organisation


def _organisation_name(organisation: Organisation, language: str) -> str:
    """The organisation's name for readers of `language` (English when there is none in it)."""
    return translated_text(organisation.translations.all(), "name", organisation.name, language)


def _letterhead_name(organisation: Organisation, language: str) -> str:
    """The organisation's name in `language`, else its own name (what its stamp says), never a third
    language: a letter in Russian from a Belarusian ministry carries its Russian name."""
    names = {row.language_code: row.name for row in organisation.translations.all()}
    return names.get(language) or organisation.name


def _title(programme: Programme, language: str) -> str:
    return names_text(programme.names, language) or programme.slug


def _day(day: date, language: str) -> str:
    """ "Friday, 1 May 2026" (in fa the Solar Hijri date first, the Gregorian beside it)."""
    return f"{formats.date_format(day, 'l')} {date_text(day, language)}"


def _period(start: date, end: date, language: str) -> str:
    if start == end:
        return date_text(start, language)
    return _("%(start)s to %(end)s") % {"start": date_text(start, language), "end": date_text(end, language)}


def _runtime(minutes: int, language: str) -> str:
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {
        "minutes": number_text(minutes, language)
    }


# --- what the documents read --------------------------------------------------------------------------


def _programme_films(programme: Programme) -> list[ProgrammeFilm]:
    entries = list(selectors.programme_films(programme=programme))
    directors = Credit.objects.filter(role=CreditRole.DIRECTOR).select_related("person")
    prefetch_related_objects(
        entries,
        "film__countries",
        Prefetch("film__credits", queryset=directors.prefetch_related("person__names"), to_attr="directors"),
    )
    return entries


def _guests(programme: Programme) -> list[Guest]:
    # Only what the public sees of a guest is printed (name, role, delegation, Q&A films), drafts included:
    # the booklet of a draft is its organisers' preview.
    return list(
        Guest.objects.filter(programme=programme)
        .prefetch_related("qa_films__film__translations")
        .order_by("full_name", "pk")
    )


def _cities(programme: Programme, language: str) -> list[str]:
    return [
        names_text(names, language) or key for key, names in selectors.programme_cities(programme=programme)
    ]


# --- the booklet ----------------------------------------------------------------------------------------


def booklet_pdf(*, programme: Programme, language: str) -> bytes:
    """The programme booklet in `language` as PDF bytes: cover, schedule, a page per film, the guests."""
    generated_at = calendar_stamp(programme)
    screenings = selectors.programme_screenings(programme=programme)
    with translation.override(language):
        title = _title(programme, language)
        if programme.is_published:
            status = _("published %(moment)s") % {"moment": timestamp_text(generated_at, language)}
        else:
            status = _("draft – not public")
        pdf = PdfDocument(
            title=title,
            language=language,
            generated_at=generated_at,
            footer=f"{bdi(title)} · {status}",
            page_label=_("Page %(page)s of %(pages)s"),
        )
        rows = [screening_row(screening, language) for screening in screenings]
        _cover(pdf, programme=programme, title=title, language=language)
        _schedule(pdf, screenings=screenings, language=language)
        for programme_film in _programme_films(programme):
            own = [row for row in rows if row.screening.programme_film_id == programme_film.pk]
            _film_page(pdf, programme_film=programme_film, rows=own, language=language)
        _guest_pages(pdf, guests=_guests(programme), language=language)
        return pdf.output()


def _cover(pdf: PdfDocument, *, programme: Programme, title: str, language: str) -> None:
    pdf.heading(title)
    if programme.kind == ProgrammeKind.FILM_WEEK:
        week = programme.film_week
        kind = _("Films of %(guest)s in %(host)s") % {
            "guest": country_name(week.guest_country),
            "host": country_name(programme.host_country),
        }
        organisers = [week.proposed_by, week.partner]
    else:
        kind = _("%(festival)s, edition %(year)s") % {
            "festival": bdi(names_text(programme.edition.festival.names, language)),
            "year": number_text(programme.edition.year, language),
        }
        organisers = [programme.edition.festival.organisation]
    pdf.paragraph(kind, bold=True, size=12)
    pdf.key_values(
        [
            (_("Dates"), _period(programme.starts_on, programme.ends_on, language)),
            (_("Cities"), " · ".join(bdi(city) for city in _cities(programme, language))),
            (_("Organisers"), " · ".join(bdi(_organisation_name(org, language)) for org in organisers)),
        ]
    )
    if not programme.is_published:
        pdf.paragraph(_("Draft – not public. The schedule may still change."), bold=True)


def _schedule(pdf: PdfDocument, *, screenings: Sequence[Screening], language: str) -> None:
    pdf.start_section(language=language)
    pdf.heading(_("Schedule"))
    if not screenings:
        pdf.paragraph(_("No screenings have been scheduled yet."))
        return
    for day in schedule_by_day(screenings, language):
        pdf.heading(_day(day.day, language), level=2)
        for city in day.cities:
            pdf.heading(city.name, level=3)
            for group in city.venues:
                venue = group.venue
                place = bdi(group.name)
                if venue.address:
                    place = f"{place} · {bdi(venue.address)}"
                zone = group.rows[0].zone
                local_time = _("local time: %(zone)s") % {"zone": f"{bdi(zone.city)} / {ltr(zone.offset)}"}
                pdf.paragraph(f"{place} — {local_time}", bold=True)
                pdf.table(
                    columns=[
                        Column(_("Time"), 1.2),
                        Column(_("Film"), 3.2),
                        Column(_("Screen"), 1.4),
                        Column(_("Notes"), 2.6),
                    ],
                    rows=[
                        [ltr(row.times(language)), row.title, row.hall.name, _notes(row)]
                        for row in group.rows
                    ],
                    size=SMALL,
                )


def _notes(row: ScreeningRow) -> str:
    notes = []
    if row.is_premiere:
        notes.append(_("Premiere"))
    if row.is_children:
        notes.append(pgettext("strand", "Children's and youth"))
    if row.guest:
        notes.append(_("Q&A with %(guest)s") % {"guest": bdi(row.guest)})
    return " · ".join(notes)


def _director_names(film: Film, language: str) -> str:
    names = []
    for credit in getattr(film, "directors", None) or film.credits.filter(role=CreditRole.DIRECTOR):
        chosen = name_in(list(credit.person.names.all()), language)
        names.append(bdi(chosen.name if chosen is not None else str(credit.person)))
    return ", ".join(names)


def _film_page(
    pdf: PdfDocument, *, programme_film: ProgrammeFilm, rows: Sequence[ScreeningRow], language: str
) -> None:
    film = programme_film.film
    pdf.start_section(language=language)
    pdf.heading(film_title(film, language))
    details: list[tuple[str, str]] = [
        (_("Original title"), bdi(film.original_title)),
        (_("Year"), number_text(film.year, language)),
        (_("Runtime"), _runtime(film.runtime_minutes, language)),
    ]
    directors = _director_names(film, language)
    if directors:
        details.append((_("Director"), directors))
    countries = [country_name(row.country) for row in film.countries.all()]
    if countries:
        details.append((_("Production countries"), " · ".join(countries)))
    if programme_film.strand == Strand.CHILDREN:
        details.append((_("Strand"), pgettext("strand", "Children's and youth")))
    if programme_film.is_premiere:
        details.append((_("Premiere"), _("yes")))
    pdf.key_values(details)
    synopsis = translated_text(film.translations.all(), "synopsis", "", language)
    if synopsis:
        pdf.paragraph(synopsis)
    pdf.heading(_("Screenings"), level=3)
    if not rows:
        pdf.paragraph(_("No screenings have been scheduled yet."))
        return
    pdf.table(
        columns=[
            Column(_("Day"), 2.6),
            Column(_("Time"), 1.8),
            Column(_("Venue"), 2.4),
            Column(_("City"), 1.4),
            Column(_("Screen"), 1.2),
        ],
        rows=[
            [
                date_text(row.day, language),
                f"{ltr(row.times(language))} ({bdi(row.zone.city)} / {ltr(row.zone.offset)})",
                names_text(row.venue.names, language),
                names_text(row.venue.city_names, language),
                row.hall.name,
            ]
            for row in rows
        ],
        size=SMALL,
    )


def _guest_pages(pdf: PdfDocument, *, guests: Sequence[Guest], language: str) -> None:
    if not guests:
        return
    pdf.start_section(language=language)
    pdf.heading(_("Guests"))
    pdf.table(
        columns=[
            Column(_("Name"), 2.4),
            Column(_("Role"), 2),
            Column(_("Delegation"), 2),
            Column(_("Q&A after"), 3),
        ],
        rows=[
            [
                guest_name(guest, language),
                guest.role,
                guest.delegation,
                ", ".join(bdi(film_title(entry.film, language)) for entry in guest.qa_films.all()),
            ]
            for guest in guests
        ],
        size=SMALL,
    )


# --- the invitation letter ----------------------------------------------------------------------------


def _guest_venue(guest: Guest) -> Venue | None:
    """The first venue of the city the guest stays in (None when the programme has none there)."""
    return (
        Venue.objects.filter(programme_id=guest.programme_id, city_key=guest.city_key).order_by("pk").first()
    )


def _guest_zone(venue: Venue | None, guest: Guest) -> ZoneInfo:
    """The clock of the city the guest stays in (a venue's), else the programme's."""
    return ZoneInfo(venue.time_zone if venue is not None else guest.programme.time_zone)


def _guest_city(venue: Venue | None, guest: Guest, language: str) -> str:
    return names_text(venue.city_names, language) if venue is not None else guest.city_key


def invitation_letter_pdf(*, guest: Guest, language: str, generated_at: datetime | None = None) -> bytes:
    """A guest's visa invitation letter as PDF bytes: in the host country's language, then in English;
    ApplicationError while the guest's passport number is missing.

    `language` is the reader's (the organiser who prints it): the file's title is in it. The letter is
    dated `generated_at`, by default when the guest's data last changed.
    """
    programme = guest.programme
    if not guest.passport_number.strip():
        with translation.override(language):
            raise ApplicationError(
                _("Add %(guest)s's passport number first: a consulate needs it on the invitation letter.")
                % {"guest": guest.full_name},
                extra={"field": "passport_number"},
            )
    generated_at = generated_at or guest.updated_at
    host = host_organiser(programme)
    with translation.override(language):
        file_title = _("Invitation letter for %(guest)s") % {"guest": guest.full_name}
    document: PdfDocument | None = None
    for section_language in letter_languages(programme):
        with translation.override(section_language):
            footer = _("Invitation letter · %(programme)s · %(guest)s") % {
                "programme": bdi(_title(programme, section_language)),
                "guest": bdi(guest.full_name),
            }
            page_label = _("Page %(page)s of %(pages)s")
            if document is None:
                document = PdfDocument(
                    title=file_title,
                    language=section_language,
                    generated_at=generated_at,
                    footer=footer,
                    page_label=page_label,
                    author=host.name,
                )
            else:
                document.start_section(language=section_language, footer=footer, page_label=page_label)
            _letter(document, guest=guest, host=host, language=section_language, generated_at=generated_at)
    assert document is not None  # noqa: S101 - letter_languages always has English
    return document.output()


def _letter(
    document: PdfDocument, *, guest: Guest, host: Organisation, language: str, generated_at: datetime
) -> None:
    programme = guest.programme
    venue = _guest_venue(guest)
    zone = _guest_zone(venue, guest)
    host_name = _letterhead_name(host, language)
    city = _guest_city(venue, guest, language)
    title = _title(programme, language)
    issued = generated_at.astimezone(zone).date()

    document.heading(host_name)
    document.paragraph(country_name(host.country))
    document.paragraph(_("%(city)s, %(date)s") % {"city": bdi(city), "date": date_text(issued, language)})
    document.paragraph(
        _("To the consular section of the embassy of %(country)s")
        % {"country": country_name(programme.host_country)},
        bold=True,
    )
    document.heading(_("Letter of invitation"), level=2)
    document.paragraph(
        _(
            "%(host)s invites %(guest)s to %(programme)s, held in %(city)s from %(start)s to %(end)s, "
            "and asks you to issue the guest a visa for the dates of the stay below."
        )
        % {
            "host": bdi(host_name),
            "guest": bdi(guest.full_name),
            "programme": bdi(title),
            "city": bdi(city),
            "start": date_text(programme.starts_on, language),
            "end": date_text(programme.ends_on, language),
        }
    )
    rows: list[tuple[str, str]] = [
        (_("Full name (as in the passport)"), bdi(guest.full_name)),
        (_("Nationality"), country_name(guest.nationality)),
        (_("Passport number"), ltr(guest.passport_number)),
        (_("Date of birth"), date_text(guest.birth_date, language) if guest.birth_date else "—"),
    ]
    if guest.role:
        rows.append((_("Role"), bdi(guest.role)))
    if guest.delegation:
        rows.append((_("Delegation"), bdi(guest.delegation)))
    rows += [
        (
            _("Purpose of the visit"),
            _("to take part in %(programme)s (%(period)s) in %(city)s")
            % {
                "programme": bdi(title),
                "period": _period(programme.starts_on, programme.ends_on, language),
                "city": bdi(city),
            },
        ),
        (
            _("Dates of stay"),
            _period(
                guest.arrives_at.astimezone(zone).date(), guest.departs_at.astimezone(zone).date(), language
            ),
        ),
    ]
    document.key_values(rows, label_width=0.38)
    document.paragraph(
        _(
            "During the stay %(host)s covers the costs agreed with the guest and looks after the guest's "
            "programme. We thank you for your assistance."
        )
        % {"host": bdi(host_name)}
    )
    document.spacer(8)
    document.paragraph(_("For %(host)s") % {"host": bdi(host_name)}, bold=True)
    document.spacer(10)
    document.paragraph(_("Signature: ____________________"))
    document.paragraph(_("Name and position: ____________________"))
