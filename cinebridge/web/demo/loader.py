"""Loading the demo: the programme through the per-row services, the synthetic catalogue in bulk.

Both loaders are idempotent: what is already there (found by its slug or username) is left alone, so a
second run adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from cinebridge.accounts import selectors as account_selectors
from cinebridge.accounts.models import Organisation, User
from cinebridge.accounts.services import membership_set, organisation_create, user_create
from cinebridge.catalogue import selectors as catalogue_selectors
from cinebridge.catalogue.bulk import credits_bulk_import, films_bulk_import, people_bulk_import
from cinebridge.catalogue.models import (
    Credit,
    Film,
    FilmCountry,
    FilmTranslation,
    FilmVersion,
    Person,
    PersonName,
)
from cinebridge.catalogue.services import (
    CreditData,
    FilmData,
    FilmText,
    festival_entry_add,
    film_create,
    film_rating_set,
    film_set_credits,
    film_version_create,
    person_create,
    subtitle_track_upload,
)
from cinebridge.core.db import analyze
from cinebridge.deals import selectors as deal_selectors
from cinebridge.deals.models import Deal, DealStatus
from cinebridge.deals.services import RightsTerms, deal_counter, deal_offer, deal_request, deal_sign
from cinebridge.exhibition.models import PaymentKind, ReportSource
from cinebridge.exhibition.services import (
    booking_create,
    box_office_import,
    cinema_create,
    delivery_create,
    exchange_rate_record,
    expense_record,
    kdm_request_create,
    payment_confirm,
    payment_record,
    screen_create,
    usage_import,
)
from cinebridge.exhibition.statement_services import statement_issue
from cinebridge.rights import selectors as rights_selectors
from cinebridge.rights.services import GrantInput, grant_create, release_event_record

from . import coproduction as demo_coproduction
from . import deals as demo_deals
from . import events as demo_events
from . import rights as demo_rights
from . import synthetic
from .programme import (
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    FILMS,
    LOGINS,
    ORGANISATIONS,
    PEOPLE,
    SUPERUSER,
    FilmSpec,
    LoginSpec,
    OrganisationSpec,
    PersonSpec,
)

# The demo rights holders that own the synthetic films, by country.
SYNTHETIC_OWNERS = {"IR": "farabi", "BY": "belarusfilm"}

# (phase, done, total) → None; the command prints it.
Progress = Callable[[str, int, int], None]


@dataclass
class LoadReport:
    """How many objects of each kind a load created."""

    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(self.created.values())


@transaction.atomic
def load_programme() -> LoadReport:
    """Create what is missing of the demo programme: organisations, logins, people and films."""
    report = LoadReport()
    organisations = {spec.slug: _organisation(spec, report) for spec in ORGANISATIONS}
    _superuser(report)
    for login in LOGINS:
        _login(login, organisations[login.organisation], report)
    people = {spec.names["en"]: _person(spec, report) for spec in PEOPLE}
    for film in FILMS:
        _film(film, organisations[film.owner], people, report)
    _rights(organisations, report)
    _deals(organisations, report)
    _events(organisations, report)
    _coproduction(organisations, people, report)
    return report


def _rights(organisations: Mapping[str, Organisation], report: LoadReport) -> None:
    """Each demo film held by its owner everywhere, and the demo's licences, holdbacks and releases."""
    loaded = _demo_films()
    done = rights_selectors.works_with_grants(film.pk for film in loaded.values())
    for title, film in loaded.items():
        if film.pk in done:
            continue
        _grant(film, demo_rights.held_everywhere(), organisations)
        for spec in demo_rights.GRANTS:
            if spec.film == title:
                _grant(film, spec, organisations)
        for release in demo_rights.RELEASES:
            if release.film == title:
                release_event_record(
                    actor=None, work=film, kind=release.kind, territory=release.territory, on=release.on
                )
        report.add("films with rights")


def _demo_films() -> dict[str, Film]:
    """The demo films already loaded, by English title (as demo/rights.py and demo/deals.py name them)."""
    films = {spec.texts["en"][0]: catalogue_selectors.film_find(slug=spec.slug) for spec in FILMS}
    return {title: film for title, film in films.items() if film is not None}


def _grant(film: Film, spec: demo_rights.GrantSpec, organisations: Mapping[str, Organisation]) -> None:
    counterparty = organisations[spec.counterparty] if spec.counterparty else None
    data = GrantInput(
        work_id=film.pk,
        holder_id=film.owner_id,
        direction=spec.direction,
        territories=spec.territories,
        media=spec.media,
        language_uses=spec.language_uses,
        exclusivity=spec.exclusivity,
        sublicensable=spec.sublicensable,
        status=spec.status,
        start=spec.start,
        end=spec.end,
        event=spec.event,
        start_after_months=spec.start_after_months,
        duration_months=spec.duration_months,
        counterparty_id=counterparty.pk if counterparty else None,
        counterparty_name=spec.counterparty_name,
        contract_date=demo_rights.DEMO_CONTRACT_DATE,
        reference=spec.reference,
    )
    grant_create(actor=None, data=data)


def _deals(organisations: Mapping[str, Organisation], report: LoadReport) -> None:
    """The demo's deals, from request to statement, made by the demo's people through the services."""
    parties = demo_deals.DemoParties(
        farabi=organisations["farabi"],
        kinoprokat=organisations["kinovideoprokat"],
        platform=organisations["belarus-online-cinema"],
        farabi_user=_user("farabi"),
        kinoprokat_user=_user("kinoprokat"),
        platform_user=_user("platform"),
    )
    films = _demo_films()
    theatrical_film = films.get("Where Is the Friend's House?")
    svod_film = films.get("The Runner")
    offered_film = films.get("The Color of Paradise")
    if theatrical_film and not deal_selectors.deal_exists(film=theatrical_film, licensee=parties.kinoprokat):
        _theatrical_deal(theatrical_film, parties)
        report.add("deals")
    if svod_film and not deal_selectors.deal_exists(film=svod_film, licensee=parties.platform):
        _svod_deal(svod_film, parties)
        report.add("deals")
    if offered_film and not deal_selectors.deal_exists(film=offered_film, licensee=parties.platform):
        rights = demo_deals.svod_rights(date(2027, 1, 1), date(2029, 1, 1))
        deal = _negotiated(offered_film, parties.platform, parties.platform_user, parties.farabi_user, rights, "USD",
                           [{"on_demand": {"revenue_share_percent": "40"}}, demo_deals.SVOD_TERMS])  # fmt: skip
        if deal.status != DealStatus.OFFERED:
            raise RuntimeError(f"The demo's open deal should await an answer, not be {deal.status}")
        report.add("deals")


def _events(organisations: Mapping[str, Organisation], report: LoadReport) -> None:
    """The Iranian Film Week in Minsk, published with its optimised schedule, and Listapad's coming
    edition with Farabi's entries, made by the demo's people through the services."""
    films = _demo_films()
    users = {username: _user(username) for username in demo_events.logins_needed()}
    if demo_events.film_week_load(organisations=organisations, users=users, films=films) is not None:
        report.add("film weeks")
    if demo_events.festival_load(organisations=organisations, users=users, films=films):
        report.add("festivals")


def _coproduction(
    organisations: Mapping[str, Organisation], people: Mapping[str, Person], report: LoadReport
) -> None:
    """The Iran–Belarus programme rule set, two children's animated co-productions (one eligible, one
    not yet), the partners' profiles, needs and a meeting request, and a directory of studios,
    locations and specialists in both countries, made by the demo's people through the services."""
    users = {username: _user(username) for username in demo_coproduction.logins_needed()}
    loaded = demo_coproduction.coproduction_load(
        organisations=organisations, users=users, people=people, films=_demo_films()
    )
    for what, n in loaded.created.items():
        report.add(what, n)


def _user(username: str) -> User:
    user = account_selectors.user_find(username=username)
    if user is None:
        raise LookupError(f"The demo login {username!r} is missing")
    return user


def _negotiated(
    film: Film,
    licensee: Organisation,
    licensee_user: User,
    licensor_user: User,
    rights: Mapping[str, Any],
    currency: str,
    proposals: list[dict[str, Any]],
) -> Deal:
    """A request followed by alternating offers and counter-offers, one per entry of `proposals`."""
    terms = RightsTerms(**rights)
    deal = deal_request(
        actor=licensee_user, film=film, licensee=licensee, rights=terms, currency=currency, terms=proposals[0]
    )
    for number, proposal in enumerate(proposals[1:]):
        step = deal_offer if number % 2 == 0 else deal_counter
        actor = licensor_user if number % 2 == 0 else licensee_user
        deal = step(
            actor=actor,
            deal=deal,
            expected_version=deal.version,
            rights=terms,
            currency=currency,
            terms=proposal,
        )
    return deal


def _signed(deal: Deal, *actors: User) -> Deal:
    for actor in actors:
        deal = deal_sign(actor=actor, deal=deal, expected_version=deal.version)
    return deal


def _theatrical_deal(film: Film, parties: demo_deals.DemoParties) -> None:
    deal = _negotiated(
        film,
        parties.kinoprokat,
        parties.kinoprokat_user,
        parties.farabi_user,
        demo_deals.theatrical_rights(),
        "EUR",
        [demo_deals.THEATRICAL_REQUEST, demo_deals.THEATRICAL_OFFER, demo_deals.THEATRICAL_COUNTER],
    )
    deal = _signed(deal, parties.farabi_user, parties.kinoprokat_user)
    operator = parties.kinoprokat_user
    version = film_version_create(
        film=film,
        label="DCP, Persian original, Russian subtitles",
        audio_language="fa",
        actor=None,
        dcp_cpl_id=demo_deals.dcp_id(film),
        dcp_encrypted=True,
    )
    cinema = cinema_create(actor=operator, operator=parties.kinoprokat, **demo_deals.CINEMA)
    screens = [
        screen_create(
            actor=operator, cinema=cinema, name=name, capacity=seats, certificate_thumbprint=thumbprint
        )
        for name, seats, thumbprint in demo_deals.SCREENS
    ]
    first_day, last_day = demo_deals.ENGAGEMENT
    booking = booking_create(
        actor=operator,
        deal=deal,
        cinema=cinema,
        screens=screens,
        version=version,
        first_day=first_day,
        last_day=last_day,
        currency="BYN",
        house_nut_per_week=demo_deals.HOUSE_NUT_BYN,
    )
    valid_from, valid_until = demo_deals.kdm_window(first_day, last_day)
    for screen in screens:
        kdm_request_create(
            actor=operator, booking=booking, screen=screen, valid_from=valid_from, valid_until=valid_until
        )
    for on, rate in demo_deals.RATES_EUR.items():
        exchange_rate_record(
            actor=None, base="BYN", quote="EUR", on=on, rate=rate, source=demo_deals.RATE_SOURCE
        )
    box_office_import(actor=operator, deal=deal, source=ReportSource.FORM, rows=demo_deals.box_office_rows())
    expense_record(actor=operator, deal=deal, incurred_on=date(2026, 8, 20), description="Russian subtitles, DCP "
                   "mastering and KDMs", amount="1200.00", currency="EUR")  # fmt: skip
    mg = payment_record(actor=operator, deal=deal, kind=PaymentKind.MINIMUM_GUARANTEE, paid_on=date(2026, 9, 2),
                        amount="6000.00", reference="MG")  # fmt: skip
    payment_confirm(actor=parties.farabi_user, payment=mg)
    statement_issue(
        actor=parties.farabi_user, deal=deal, period_start=date(2026, 7, 1), period_end=date(2026, 9, 30)
    )


def _svod_deal(film: Film, parties: demo_deals.DemoParties) -> None:
    rights = demo_deals.svod_rights(date(2026, 6, 1), date(2028, 6, 1))
    deal = _negotiated(
        film,
        parties.platform,
        parties.platform_user,
        parties.farabi_user,
        rights,
        "USD",
        [{"on_demand": {"revenue_share_percent": "45"}}, demo_deals.SVOD_TERMS],
    )
    deal = _signed(deal, parties.platform_user, parties.farabi_user)
    version = film_version_create(film=film, label="Persian original", audio_language="fa", actor=None)
    operator = parties.platform_user
    delivery_create(
        actor=operator, deal=deal, version=version, subtitle_tracks=[], delivered_on=date(2026, 5, 25)
    )
    for on, rate in demo_deals.RATES_USD.items():
        exchange_rate_record(
            actor=None, base="BYN", quote="USD", on=on, rate=rate, source=demo_deals.RATE_SOURCE
        )
    usage_import(actor=operator, deal=deal, source=ReportSource.FORM, rows=demo_deals.usage_rows())
    # Left for Farabi to confirm: the demo shows a payment awaiting the licensor's word.
    payment_record(actor=operator, deal=deal, kind=PaymentKind.MINIMUM_GUARANTEE, paid_on=date(2026, 6, 1),
                   amount="1500.00", reference="MG")  # fmt: skip


def _organisation(spec: OrganisationSpec, report: LoadReport) -> Organisation:
    existing = account_selectors.organisation_find(slug=spec.slug)
    if existing is not None:
        return existing
    report.add("organisations")
    return organisation_create(
        slug=spec.slug, name=spec.name, kind=spec.kind, country=spec.country, translations=spec.texts
    )


def _email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


def _superuser(report: LoadReport) -> None:
    if account_selectors.user_find(username=SUPERUSER) is None:
        user_create(username=SUPERUSER, email=_email(SUPERUSER), password=DEMO_PASSWORD, is_superuser=True)
        report.add("users")


def _login(spec: LoginSpec, organisation: Organisation, report: LoadReport) -> None:
    if account_selectors.user_find(username=spec.username) is not None:
        return
    user = user_create(
        username=spec.username,
        email=_email(spec.username),
        password=DEMO_PASSWORD,
        first_name=spec.username,
        last_name="(demo)",
        preferred_language=spec.preferred_language,
    )
    membership_set(user=user, organisation=organisation, role=spec.role, actor=None)
    report.add("users")


def _person(spec: PersonSpec, report: LoadReport) -> Person:
    existing = catalogue_selectors.person_find(slug=spec.slug)
    if existing is not None:
        return existing
    report.add("people")
    return person_create(names=spec.names, birth_year=spec.birth_year, country=spec.country)


def _film(spec: FilmSpec, owner: Organisation, people: Mapping[str, Person], report: LoadReport) -> None:
    """Create the film with its credits, festival history, ratings and subtitled versions."""
    if catalogue_selectors.film_find(slug=spec.slug) is not None:
        return
    data = FilmData(
        original_title=spec.original_title,
        original_language=spec.original_language,
        kind=spec.kind,
        audience=spec.audience,
        year=spec.year,
        runtime_minutes=spec.runtime_minutes,
        translations={lang: FilmText(title, synopsis) for lang, (title, synopsis) in spec.texts.items()},
        countries=spec.countries,
        genre_codes=spec.genres,
    )
    film = film_create(owner=owner, data=data, actor=None)
    credits = [CreditData(person=people[c.person], role=c.role, character=c.character) for c in spec.credits]
    film_set_credits(film=film, credits=credits, actor=None)
    for entry in spec.festivals:
        festival_entry_add(
            film=film,
            festival_name=entry.festival,
            edition_year=entry.year,
            actor=None,
            section=entry.section,
            result=entry.result,
            award=entry.award,
        )
    for country, code in spec.ratings:
        film_rating_set(film=film, country=country, rating_code=code, actor=None)
    _subtitles(film, spec)
    report.add("films")


def _subtitles(film: Film, spec: FilmSpec) -> None:
    versions: dict[str, FilmVersion] = {}
    for sub in spec.subtitles:
        if sub.version_label not in versions:
            versions[sub.version_label] = film_version_create(
                film=film, label=sub.version_label, audio_language=sub.audio_language, actor=None
            )
        upload = SimpleUploadedFile(sub.filename, sub.content.encode("utf-8"), content_type="text/plain")
        subtitle_track_upload(
            version=versions[sub.version_label], language_code=sub.language, upload=upload, actor=None
        )


# --- The synthetic catalogue ----------------------------------------------------------------------


def _numbers(slugs: Iterable[str], prefix: str) -> set[int]:
    """The n of every `<prefix><n>` slug."""
    pattern = re.compile(rf"{re.escape(prefix)}([0-9]+)")
    return {int(m.group(1)) for slug in slugs if (m := pattern.fullmatch(slug))}


def _missing(existing: set[int], total: int) -> list[int]:
    return [n for n in range(1, total + 1) if n not in existing]


@transaction.atomic
def load_synthetic(*, total: int, seed: int, batch_size: int, progress: Progress | None = None) -> LoadReport:
    """Bring the synthetic catalogue up to `total` films (and their people and credits), all or nothing.

    The demo programme must be loaded first: its rights holders own the synthetic films.
    """
    report = LoadReport()
    films = _missing(
        _numbers(
            catalogue_selectors.film_slugs_with_prefix(prefix=synthetic.FILM_PREFIX), synthetic.FILM_PREFIX
        ),
        total,
    )
    if not films:
        return report
    people = _missing(
        _numbers(
            catalogue_selectors.person_slugs_with_prefix(prefix=synthetic.PERSON_PREFIX),
            synthetic.PERSON_PREFIX,
        ),
        synthetic.people_count(total),
    )

    def step(phase: str, offset: int, count: int) -> Callable[[int], None]:
        return lambda done: progress(phase, offset + done, count) if progress is not None else None

    report.add(
        "people",
        people_bulk_import(
            rows=(synthetic.synthetic_person(i, seed) for i in people),
            batch_size=batch_size,
            on_batch=step("people", 0, len(people)),
        ),
    )
    for country, owner_slug in SYNTHETIC_OWNERS.items():
        owner = account_selectors.organisation_find(slug=owner_slug)
        if owner is None:
            raise LookupError(f"Load the demo programme first: {owner_slug!r} owns synthetic films.")
        mine = [n for n in films if synthetic.film_country(n, seed) == country]
        report.add(
            "films",
            films_bulk_import(
                owner=owner,
                rows=(synthetic.synthetic_film(n, seed) for n in mine),
                batch_size=batch_size,
                on_batch=step("films", report.created.get("films", 0), len(films)),
            ),
        )
    report.add(
        "credits",
        credits_bulk_import(
            rows=(credit for n in films for credit in synthetic.synthetic_credits(n, seed)),
            batch_size=batch_size,
            on_batch=step("credits", 0, 0),
        ),
    )
    # The catalogue's tables grew by orders of magnitude: let the planner see it before the first page.
    analyze(Film, FilmTranslation, FilmCountry, Person, PersonName, Credit)
    return report
