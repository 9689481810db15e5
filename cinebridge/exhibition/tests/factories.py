"""Test data for exhibition and statements: an active deal, a cinema with screens, a booking, box office.

Every helper builds rows straight with the ORM (plus the rights service for the deal's OUT grant), so
that tests of other layers do not depend on the exhibition services they are not testing. Typical use:

    deal = active_deal()                                  # Farabi-like licensor → Minsk exhibitor, BY, 2026
    cinema = cinema_with_screens(operator=deal.licensee)  # "Oktyabr" in Minsk with Hall 1 and Hall 2
    booking = booking_for(deal=deal, cinema=cinema)       # both screens, 4 weeks from 2026-01-01, BYN
    box_office_weeks(booking=booking, weeks=4)            # one entry per screen and film week
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.models import Film, FilmVersion, SubtitleFormat, SubtitleTrack
from cinebridge.deals.models import Deal, DealStatus, Offer, OfferKind, Party
from cinebridge.deals.tests import factories as deals_factories
from cinebridge.exhibition.models import (
    Booking,
    BoxOfficeEntry,
    Cinema,
    ReportKind,
    ReportSource,
    ReportUpload,
    Screen,
)

# A well-formed thumbprint: base64 of 20 bytes (a SHA-1 digest) is 28 characters ending in "=".
THUMBPRINT = "jGgKxbp8mZf0sB7e3Vq1s0W9kPI="
MG_SLIDING_TERMS: dict[str, Any] = {
    "minimum_guarantee": "20000.00",
    "theatrical": {"percent_by_week": ["50", "45", "40", "35"]},
    "rounding": "half_up",
}
_references = itertools.count(1)
_labels = itertools.count(1)


# A rights holder in Iran, an exhibitor in Belarus: the deals tests' organisations, under this app's names.
licensor_org = deals_factories.rights_holder
exhibitor_org = deals_factories.exhibitor


def platform_org(**fields: Any) -> Organisation:
    defaults: dict[str, Any] = {"kind": OrganisationKind.PLATFORM, "country": "BY"}
    defaults.update(fields)
    return OrganisationFactory.create(**defaults)


def film_of(owner: Organisation, **fields: Any) -> Film:
    """A film owned by `owner`, with every right acquired (an IN grant: World, all media, from 2020)."""
    return deals_factories.licensable_film(owner=owner, **fields)


def version_of(
    film: Film, *, label: str = "", audio_language: str = "fa", subtitles: Sequence[str] = ("ru",)
) -> FilmVersion:
    """A version of the film with its audio language and one subtitle track per language given."""
    default_label = f"{audio_language.upper()} + {' '.join(subtitles) or '—'} #{next(_labels)}"
    version = FilmVersion.objects.create(
        film=film, label=label or default_label, audio_language=audio_language
    )
    for language in subtitles:
        subtitle_track(version, language)
    return version


def subtitle_track(version: FilmVersion, language: str) -> SubtitleTrack:
    return SubtitleTrack.objects.create(
        version=version,
        language_code=language,
        format=SubtitleFormat.values[0],
        file=f"subtitles/test/{version.pk}-{language}.srt",
        cue_count=10,
        last_cue_end_ms=60_000,
    )


def active_deal(
    *,
    film: Film | None = None,
    licensor: Organisation | None = None,
    licensee: Organisation | None = None,
    media: str = "THEATRICAL, SVOD",
    territories: str = "BY",
    language_uses: str = "",
    start: date = date(2026, 1, 1),
    end: date = date(2027, 1, 1),
    exclusive: bool = False,
    currency: str = "EUR",
    terms: Mapping[str, Any] | None = None,
    status: str = DealStatus.ACTIVE,
) -> Deal:
    """A signed deal (ACTIVE by default) with its offer on the table and its OUT grant in the rights ledger.

    An ACTIVE deal goes the whole way through the deals services (request, offer, both signatures:
    `deals.tests.factories.active_deal`); a deal in another status is written straight to the tables,
    with no grant (as before a signature), or with the status set after signing (expired, terminated).
    """
    if film is None:
        film = film_of(licensor or licensor_org())
    licensee = licensee or exhibitor_org()
    rights: dict[str, Any] = {
        "media": media,
        "territories": territories,
        "language_uses": language_uses,
        "start": start,
        "end": end,
        "exclusive": exclusive,
    }
    chosen_terms = dict(MG_SLIDING_TERMS if terms is None else terms)
    if status in (DealStatus.ACTIVE, DealStatus.EXPIRED, DealStatus.TERMINATED):
        deal = deals_factories.active_deal(
            film=film, licensee=licensee, currency=currency, terms=chosen_terms, **rights
        )
        if status != DealStatus.ACTIVE:
            Deal.objects.filter(pk=deal.pk).update(status=status)
            deal.refresh_from_db()
        return deal
    deal = Deal.objects.create(
        reference=f"CB-2026-{9000 + next(_references):04d}",
        film=film,
        licensor=film.owner,
        licensee=licensee,
        status=status,
        version=2,
    )
    deal.current_offer = Offer.objects.create(
        deal=deal,
        number=1,
        kind=OfferKind.OFFER,
        party=Party.LICENSOR,
        currency=currency,
        terms=chosen_terms,
        **rights,
    )
    deal.save()
    return deal


def editor_of(organisation: Organisation) -> User:
    return member_of(organisation, Role.EDITOR)


def cinema_with_screens(
    *,
    operator: Organisation,
    name: str = "Oktyabr",
    city: str = "Minsk",
    country: str = "BY",
    time_zone: str = "Europe/Minsk",
    screens: Sequence[str] = ("Hall 1", "Hall 2"),
    thumbprint: str = THUMBPRINT,
) -> Cinema:
    cinema = Cinema.objects.create(
        operator=operator, name=name, city=city, country=country, time_zone=time_zone
    )
    for position, screen in enumerate(screens):
        Screen.objects.create(
            cinema=cinema, name=screen, capacity=200 + 50 * position, certificate_thumbprint=thumbprint
        )
    return cinema


def booking_for(
    *,
    deal: Deal,
    cinema: Cinema,
    screens: Sequence[Screen] | None = None,
    version: FilmVersion | None = None,
    first_day: date = date(2026, 1, 1),
    last_day: date | None = None,
    weeks: int = 4,
    currency: str = "BYN",
    house_nut_per_week: Decimal | None = None,
) -> Booking:
    """A confirmed booking of `weeks` film weeks (or until `last_day`) on the given (default: all) screens."""
    booking = Booking.objects.create(
        deal=deal,
        cinema=cinema,
        version=version or version_of(deal.film),
        first_day=first_day,
        last_day=last_day or first_day + timedelta(days=7 * weeks - 1),
        currency=currency,
        house_nut_per_week=house_nut_per_week,
    )
    booking.screens.set(list(cinema.screens.all()) if screens is None else screens)
    return booking


def box_office_weeks(
    *,
    booking: Booking,
    weeks: int = 4,
    admissions: int = 1000,
    gross: Decimal = Decimal("30000.00"),
    taxes: Decimal = Decimal("0.00"),
    levies: Decimal = Decimal("600.00"),
    decay: Decimal = Decimal("0.8"),
) -> ReportUpload:
    """One report with an entry per booked screen and film week; each week takes `decay` of the one before."""
    screens = list(booking.screens.order_by("name"))
    upload = ReportUpload.objects.create(
        deal=booking.deal,
        kind=ReportKind.BOX_OFFICE,
        source=ReportSource.FORM,
        row_count=weeks * len(screens),
    )
    row = 2
    for week in range(weeks):
        factor = decay**week
        for screen in screens:
            BoxOfficeEntry.objects.create(
                upload=upload,
                row_number=row,
                booking=booking,
                screen=screen,
                week_start=booking.first_day + timedelta(days=7 * week),
                playing_week=week + 1,
                admissions=int(admissions * factor),
                gross=(gross * factor).quantize(Decimal("0.01")),
                taxes=(taxes * factor).quantize(Decimal("0.01")),
                levies=(levies * factor).quantize(Decimal("0.01")),
                currency=booking.currency,
            )
            row += 1
    return upload
