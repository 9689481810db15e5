"""Issue 4 §9: deal terms, reports and statements are visible only to the two parties and their film bodies.

One active deal, Farabi (an Iranian rights holder) → a Minsk cinema network, with everything that hangs
off it: a booking, a KDM request, a delivery, box office, usage, an expense, a payment and an issued
statement. Then EVERY page of the `deals`, `exhibition` and `notifications` namespaces (collected from the
URL resolver, so that a page added later is covered without touching this file) and EVERY endpoint of
the deals and exhibition API (collected from the OpenAPI document) is asked by people outside the deal
— another exhibitor, an Iranian festival, a third country's film body, an exhibitor of the licensee's
own country, nobody signed in — and none of them is told the deal exists or sees a single amount of it.
The parties' members and the film bodies of Iran and Belarus are shown the deal.

A pattern or endpoint whose parameters this file cannot fill fails the test: teach `_page_kwargs` or
`_api_path` (and `_api_bodies` for a write) about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.deals.models import Deal, DealEvent, Offer
from cinebridge.deals.tests.factories import active_deal, licensable_film
from cinebridge.exhibition import services, statement_services
from cinebridge.exhibition.models import (
    Booking,
    BoxOfficeEntry,
    Cinema,
    Delivery,
    Expense,
    KdmRequest,
    Payment,
    ReportSource,
    ReportUpload,
    Statement,
    UsageEntry,
)
from cinebridge.rights import loader

from .factories import THUMBPRINT, version_of

pytestmark = pytest.mark.django_db

PAGE_NAMESPACES = ("deals", "exhibition", "notifications")
API_PREFIXES = ("/api/v1/deals", "/api/v1/exhibition")
PERIOD = {"start": "2026-01-01", "end": "2026-03-31"}

# Amounts nobody outside the deal may learn, chosen so that they cannot appear anywhere by chance.
SECRET_TERMS: dict[str, Any] = {
    "minimum_guarantee": "73519.00",
    "theatrical": {"percent_by_week": ["47", "43", "41", "37"], "over_nut_percent_by_week": ["91"]},
    "on_demand": {"revenue_share_percent": "52"},
    "distribution_fee_percent": {"THEATRICAL": "23", "SVOD": "29"},
    "expenses_cap": "86421.00",
    "rounding": "half_up",
}
GROSS = "31987.00"  # BYN, one screen and week
USAGE_REVENUE = "52413.00"  # BYN, one month
EXPENSE = "13579.00"  # EUR
PAYMENT = "24680.00"  # EUR, the minimum guarantee paid
HOUSE_NUT = "45678.00"  # BYN a week
SECRET_AMOUNTS = ("73519", "86421", "31987", "52413", "13579", "24680", "45678")
# The financial terms as the API writes them: their keys must not reach outsiders either.
TERM_KEYS = ("minimum_guarantee", "percent_by_week", "over_nut_percent_by_week", "expenses_cap")
# Pages that show the deal's money: its parties and their film bodies must see some of it there,
# which is what makes its absence from everyone else's answers mean something.
READ_PAGES = (
    "deals:detail",
    "exhibition:deal_exploitation",
    "exhibition:booking_detail",
    "exhibition:expenses",
    "exhibition:payments",
    "exhibition:statement_preview",
    "exhibition:statement_detail",
)
LOGIN_PATH = "/accounts/login/"


@dataclass
class World:
    deal: Deal
    cinema: Cinema
    booking: Booking
    statement: Statement
    payment: Payment
    insiders: dict[str, User]
    outsiders: dict[str, User]
    secrets: tuple[str, ...]
    film_slug: str
    version_id: int
    screen_ids: list[int]
    subtitle_ids: list[int]


@pytest.fixture(autouse=True)
def _fresh_index():
    loader.forget_current_index()
    yield
    loader.forget_current_index()


def _organisation(slug: str, kind: OrganisationKind, country: str, name: str = "") -> Organisation:
    return OrganisationFactory.create(slug=slug, name=name or slug, kind=kind, country=country)


@pytest.fixture
def world() -> World:
    farabi = _organisation("farabi", OrganisationKind.RIGHTS_HOLDER, "IR", "Farabi Cinema Foundation")
    minsk = _organisation("minsk-cinemas", OrganisationKind.EXHIBITOR, "BY", "Minsk Cinemas")
    film = licensable_film(owner=farabi)
    deal = active_deal(
        film=film,
        licensee=minsk,
        terms=SECRET_TERMS,
        media="THEATRICAL, SVOD",
        territories="BY",
    )
    licensor_editor, cinema_editor = deal.licensor_signed_by, deal.licensee_signed_by
    assert licensor_editor is not None  # the factory signs for both parties
    assert cinema_editor is not None

    cinema = services.cinema_create(
        actor=cinema_editor,
        operator=minsk,
        name="Oktyabr",
        city="Minsk",
        country="BY",
        time_zone="Europe/Minsk",
    )
    screens = [
        services.screen_create(
            actor=cinema_editor, cinema=cinema, name=name, capacity=300, certificate_thumbprint=THUMBPRINT
        )
        for name in ("Hall 1", "Hall 2")
    ]
    version = version_of(film, audio_language="fa", subtitles=("ru",))
    booking = services.booking_create(
        actor=cinema_editor,
        deal=deal,
        cinema=cinema,
        screens=screens,
        version=version,
        first_day=date(2026, 1, 1),
        last_day=date(2026, 1, 28),
        currency="BYN",
        house_nut_per_week=HOUSE_NUT,
    )
    services.kdm_request_create(
        actor=cinema_editor,
        booking=booking,
        screen=screens[0],
        valid_from=datetime(2026, 1, 1, 6, 0, tzinfo=UTC),
        valid_until=datetime(2026, 1, 8, 6, 0, tzinfo=UTC),
    )
    services.delivery_create(
        actor=cinema_editor,
        deal=deal,
        version=version,
        subtitle_tracks=list(version.subtitles.all()),
        delivered_on=date(2025, 12, 20),
    )
    services.box_office_import(
        actor=cinema_editor,
        deal=deal,
        source=ReportSource.FORM,
        rows=[
            {
                "cinema": "Oktyabr",
                "screen": "Hall 1",
                "week_start": "2026-01-01",
                "admissions": "1211",
                "gross": GROSS,
                "taxes": "0.00",
                "levies": "639.74",
            }
        ],
    )
    services.usage_import(
        actor=cinema_editor,
        deal=deal,
        source=ReportSource.FORM,
        rows=[
            {
                "month": "2026-01",
                "territory": "BY",
                "media": "SVOD",
                "views": "3001",
                "minutes": "270090",
                "revenue": USAGE_REVENUE,
                "currency": "BYN",
            }
        ],
    )
    services.expense_record(
        actor=cinema_editor,
        deal=deal,
        incurred_on=date(2026, 1, 5),
        description="Subtitles",
        amount=EXPENSE,
        currency="EUR",
    )
    payment = services.payment_record(  # the licensee's word: it awaits the licensor's confirmation
        actor=cinema_editor, deal=deal, kind="mg", paid_on=date(2026, 1, 2), amount=PAYMENT
    )
    services.exchange_rate_record(
        actor=licensor_editor, base="BYN", quote="EUR", on=date(2025, 12, 31), rate="0.28", source="NBRB"
    )
    statement = statement_services.statement_issue(
        actor=licensor_editor, deal=deal, period_start=date(2026, 1, 1), period_end=date(2026, 3, 31)
    )

    computed = {
        _integer_part(value)
        for key, value in statement.document["totals"].items()
        if key not in {"admissions"} and len(_integer_part(value)) >= 5
    }
    iran_body = _organisation("cinema-organization", OrganisationKind.FILM_BODY, "IR")
    belarus_body = _organisation("by-ministry", OrganisationKind.FILM_BODY, "BY")
    insiders = {
        "licensor editor": licensor_editor,
        "licensor viewer": member_of(farabi, Role.VIEWER),
        "licensee editor": cinema_editor,
        "licensee viewer": member_of(minsk, Role.VIEWER),
        "Iranian film body": member_of(iran_body, Role.VIEWER),
        "Belarusian film body": member_of(belarus_body, Role.VIEWER),
    }
    outsiders = {
        "Russian exhibitor": member_of(_organisation("karo", OrganisationKind.EXHIBITOR, "RU"), Role.ADMIN),
        "Iranian festival": member_of(_organisation("fajr", OrganisationKind.FESTIVAL, "IR"), Role.EDITOR),
        "Kazakh film body": member_of(_organisation("kz-film", OrganisationKind.FILM_BODY, "KZ"), Role.ADMIN),
        "Belarusian platform": member_of(
            _organisation("by-stream", OrganisationKind.PLATFORM, "BY"), Role.ADMIN
        ),
    }
    return World(
        deal=Deal.objects.get(pk=deal.pk),
        cinema=cinema,
        booking=booking,
        statement=statement,
        payment=payment,
        insiders=insiders,
        outsiders=outsiders,
        secrets=tuple(sorted(set(SECRET_AMOUNTS) | computed)),
        film_slug=film.slug,
        version_id=version.pk,
        screen_ids=[s.pk for s in screens],
        subtitle_ids=[t.pk for t in version.subtitles.all()],
    )


# --- what a response must not contain ---------------------------------------------------------

# Grouping between digits as people write it: "73 519,00", "73,519.00", "۷۳٬۵۱۹٫۰۰".
_GROUPING = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009,.'\u066b\u066c](?=\d)")


def _integer_part(amount: str) -> str:
    return amount.split(".")[0].lstrip("-")


def _plain(content: bytes) -> str:
    return _GROUPING.sub("", to_ascii_digits(content.decode("utf-8", errors="replace")))


def _leaks(world: World, content: bytes, *, terms: bool = True) -> list[str]:
    """The deal's secrets found in a response body: its amounts, and (`terms`: in JSON, whose keys do not
    occur in any form or page's markup) its reference and its terms' keys."""
    text = _plain(content)
    found = [amount for amount in world.secrets if amount in text]
    if terms:
        found += [world.deal.reference] if world.deal.reference in text else []
        found += [key for key in TERM_KEYS if key in text]
    return found


def _fingerprint(world: World) -> tuple[int, ...]:
    """Everything an outsider's write could have changed, as counts, confirmations and the deal's version."""
    deal = world.deal
    return (
        Deal.objects.get(pk=deal.pk).version,
        Offer.objects.filter(deal=deal).count(),
        DealEvent.objects.filter(deal=deal).count(),
        Booking.objects.filter(deal=deal).count(),
        KdmRequest.objects.filter(booking__deal=deal).count(),
        Delivery.objects.filter(deal=deal).count(),
        ReportUpload.objects.filter(deal=deal).count(),
        BoxOfficeEntry.objects.filter(booking__deal=deal).count(),
        UsageEntry.objects.filter(deal=deal).count(),
        Expense.objects.filter(deal=deal).count(),
        Payment.objects.filter(deal=deal).count(),
        Payment.objects.filter(deal=deal, awaiting_confirmation=False).count(),
        Statement.objects.filter(deal=deal).count(),
    )


# --- the pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str  # "namespace:name"
    url: str
    scoped: bool  # it names the deal or something of it (else a list, a form, a public cinema)


def _patterns(resolver: URLResolver) -> Iterator[URLPattern]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern)
        else:
            yield pattern


# Which object a page's `pk` names, by the page's name: deal-scoped objects, or a public cinema.
_PK_OWNERS = (
    ("exhibition:cinema", "cinema"),
    ("exhibition:screen", "cinema"),
    ("exhibition:booking", "booking"),
    ("exhibition:kdm", "booking"),
    ("exhibition:statement", "statement"),
    ("exhibition:payment", "payment"),
)


def _page_kwargs(world: World, name: str, parameters: list[str]) -> tuple[dict[str, Any], bool]:
    kwargs: dict[str, Any] = {}
    scoped = False
    for parameter in parameters:
        if parameter == "reference":
            kwargs[parameter], scoped = world.deal.reference, True
            continue
        if parameter == "pk":
            owner = next((obj for prefix, obj in _PK_OWNERS if name.startswith(prefix)), None)
            if owner == "cinema":
                kwargs[parameter] = world.cinema.pk
                continue
            if owner in ("booking", "statement", "payment"):
                kwargs[parameter], scoped = getattr(world, owner).pk, True
                continue
        pytest.fail(f"{name}: this test does not know what to put in <{parameter}>; teach _page_kwargs")
    return kwargs, scoped


def _pages(world: World) -> list[Page]:
    resolver = get_resolver()
    pages = []
    for namespace in PAGE_NAMESPACES:
        _prefix, namespaced = resolver.namespace_dict[namespace]
        for pattern in _patterns(namespaced):
            if not pattern.name:
                pytest.fail(f"A page of {namespace} has no name: {pattern.pattern}")
            name = f"{namespace}:{pattern.name}"
            kwargs, scoped = _page_kwargs(world, name, list(pattern.pattern.regex.groupindex))
            pages.append(Page(name, reverse(name, kwargs=kwargs), scoped))
    return pages


def _query(world: World) -> dict[str, str]:
    return {**PERIOD, "holder": "farabi", "film": world.film_slug}


def _page_post_data(world: World) -> dict[str, Any]:
    """A plausible answer to any form of these pages: a step, a booking, an expense, a payment."""
    return {
        "expected_version": world.deal.version,
        "reason": "Because.",
        "confirm": "1",
        **PERIOD,
        "period_start": PERIOD["start"],
        "period_end": PERIOD["end"],
        "kind": "mg",
        "paid_on": "2026-02-01",
        "incurred_on": "2026-02-01",
        "amount": "10.00",
        "currency": "EUR",
        "description": "Posters",
        "cinema": world.cinema.pk,
        "screens": world.screen_ids,
        "screen": world.screen_ids[0],
        "version": world.version_id,
        "first_day": "2026-02-01",
        "last_day": "2026-02-14",
        "delivered_on": "2026-02-01",
        "subtitle_tracks": world.subtitle_ids,
    }


def _denied_page(response: Any, *, anonymous: bool) -> bool:
    # 405: a method the page never takes, refused before any lookup (as for a reference that does not exist).
    if response.status_code in (401, 403, 404, 405):
        return True
    return anonymous and response.status_code == 302 and LOGIN_PATH in response["Location"]


def test_every_page_pattern_is_collected(world):
    names = {page.name for page in _pages(world)}

    # The collector must reach into each namespace, else "every page" would silently mean none.
    assert {"deals:detail", "deals:list", "exhibition:booking_detail", "exhibition:statement_detail"} <= names
    assert all(page.url.count("/") >= 2 for page in _pages(world))


def test_no_page_tells_outsiders_of_the_deal(client, world):
    pages = _pages(world)
    before = _fingerprint(world)
    failures = []
    users: dict[str, User | None] = {**world.outsiders, "anonymous": None}
    for label, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for page in pages:
            for method in ("get", "post"):
                if method == "get":
                    response = client.get(page.url, _query(world))
                else:
                    response = client.post(page.url, _page_post_data(world))
                is_pdf = response.get("Content-Type", "").startswith("application/pdf")
                # A page repeats its own address (the language menu), so only amounts count on pages.
                leaks = [] if is_pdf else _leaks(world, response.content, terms=False)
                if leaks:
                    failures.append(f"{label} {method.upper()} {page.name}: shows {leaks}")
                if response.status_code >= 500:
                    failures.append(f"{label} {method.upper()} {page.name}: {response.status_code}")
                if page.scoped and not _denied_page(response, anonymous=user is None):
                    failures.append(f"{label} {method.upper()} {page.name}: answered {response.status_code}")
                if is_pdf:
                    failures.append(f"{label} {method.upper()} {page.name}: was given a PDF")

    assert not failures, "\n".join(failures)
    assert _fingerprint(world) == before


def test_every_page_of_the_deal_shows_it_to_its_parties_and_their_film_bodies(world):
    pages = _pages(world)
    failures = []
    for label, user in world.insiders.items():
        client = Client()
        client.force_login(user)
        for page in pages:
            response = client.get(page.url, _query(world))
            if response.status_code in (401, 404) or response.status_code >= 500:
                failures.append(f"{label} GET {page.name}: {response.status_code}")
            is_pdf = response.get("Content-Type", "").startswith("application/pdf")
            if page.name.endswith("pdf") and page.scoped and response.status_code == 200 and not is_pdf:
                failures.append(f"{label} GET {page.name}: not a PDF")
            if page.name in READ_PAGES:
                if response.status_code != 200:
                    failures.append(f"{label} GET {page.name}: {response.status_code}, expected 200")
                elif not _leaks(world, response.content, terms=False):
                    failures.append(f"{label} GET {page.name}: shows none of the deal's amounts")

    assert not failures, "\n".join(failures)


# --- the API -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    method: str
    template: str
    url: str
    scoped: bool


def _api_path(world: World, template: str) -> tuple[str, bool]:
    values = {
        "reference": world.deal.reference,
        "booking_id": world.booking.pk,
        "statement_id": world.statement.pk,
        "cinema_id": world.cinema.pk,
        "payment_id": world.payment.pk,
    }
    scoped = any(
        name in template for name in ("{reference}", "{booking_id}", "{statement_id}", "{payment_id}")
    )

    def fill(match: re.Match[str]) -> str:
        name = match[1]
        if name not in values:
            pytest.fail(f"{template}: this test does not know what to put in {{{name}}}; teach _api_path")
        return str(values[name])

    return re.sub(r"\{(\w+)\}", fill, template), scoped


def _endpoints(world: World, client: Client) -> list[Endpoint]:
    paths = client.get("/api/openapi.json").json()["paths"]
    endpoints = []
    for template, operations in paths.items():
        if not template.startswith(API_PREFIXES):
            continue
        url, scoped = _api_path(world, template)
        # A new booking names the deal in its body.
        for method in operations:
            endpoints.append(
                Endpoint(
                    method, template, url, scoped or (method == "post" and template.endswith("/bookings"))
                )
            )
    return endpoints


def _api_bodies(world: World) -> dict[str, dict[str, Any]]:
    """A valid body for every write: an outsider's refusal must come from who they are, not the body."""
    version = world.deal.version
    proposal = {
        "expected_version": version,
        "media": "THEATRICAL",
        "territories": "BY",
        "start": "2026-01-01",
        "end": "2027-01-01",
        "currency": "EUR",
        "terms": {"flat_fee": "10.00"},
    }
    box_office = {
        "cinema": "Oktyabr",
        "screen": "Hall 2",
        "week_start": "2026-01-08",
        "admissions": "10",
        "gross": "100.00",
        "taxes": "0.00",
        "levies": "0.00",
    }
    usage = {
        "month": "2026-02",
        "territory": "BY",
        "media": "SVOD",
        "views": "1",
        "minutes": "90",
        "revenue": "1.00",
        "currency": "BYN",
    }
    return {
        "/api/v1/deals": {
            "film": world.film_slug,
            "media": "THEATRICAL",
            "territories": "BY",
            "start": "2027-01-01",
            "end": "2028-01-01",
            "currency": "EUR",
            "terms": {"flat_fee": "10.00"},
        },
        "/api/v1/deals/{reference}/offer": proposal,
        "/api/v1/deals/{reference}/counter": proposal,
        "/api/v1/deals/{reference}/sign": {"expected_version": version},
        "/api/v1/deals/{reference}/decline": {"expected_version": version, "reason": "No."},
        "/api/v1/deals/{reference}/withdraw": {"expected_version": version, "reason": "No."},
        "/api/v1/deals/{reference}/terminate": {"expected_version": version, "reason": "No."},
        "/api/v1/exhibition/cinemas": {
            "operator": "minsk-cinemas",
            "name": "Pobeda",
            "city": "Minsk",
            "country": "BY",
            "time_zone": "Europe/Minsk",
        },
        "/api/v1/exhibition/cinemas/{cinema_id}/screens": {"name": "Hall 3", "capacity": 10},
        "/api/v1/exhibition/bookings": {
            "deal": world.deal.reference,
            "cinema": world.cinema.pk,
            "screens": world.screen_ids,
            "version": world.version_id,
            "first_day": "2026-02-01",
            "last_day": "2026-02-14",
            "currency": "BYN",
        },
        "/api/v1/exhibition/bookings/{booking_id}/kdm-requests": {
            "screen": world.screen_ids[1],
            "valid_from": "2026-01-02T10:00:00+03:00",
            "valid_until": "2026-01-03T10:00:00+03:00",
        },
        "/api/v1/exhibition/deals/{reference}/deliveries": {
            "version": world.version_id,
            "subtitle_tracks": world.subtitle_ids,
            "delivered_on": "2026-02-01",
        },
        "/api/v1/exhibition/deals/{reference}/reports/box-office": {"rows": [box_office]},
        "/api/v1/exhibition/deals/{reference}/reports/usage": {"rows": [usage]},
        "/api/v1/exhibition/deals/{reference}/expenses": {
            "incurred_on": "2026-02-01",
            "description": "Posters",
            "amount": "10.00",
            "currency": "EUR",
        },
        "/api/v1/exhibition/deals/{reference}/payments": {
            "kind": "mg",
            "paid_on": "2026-02-01",
            "amount": "10.00",
        },
        "/api/v1/exhibition/deals/{reference}/payments/{payment_id}/confirm": {},
        "/api/v1/exhibition/deals/{reference}/statements": {"start": "2026-04-01", "end": "2026-06-30"},
        # Public market data: a pair the deal does not convert with, so an outsider's rate changes nothing of it.
        "/api/v1/exhibition/rates": {
            "base": "USD",
            "quote": "CHF",
            "on": "2026-02-01",
            "rate": "0.9",
            "source": "SNB",
        },
    }


def _call(client: Client, endpoint: Endpoint, world: World, headers: dict[str, Any]) -> Any:
    if endpoint.method == "get":
        return client.get(
            endpoint.url, {**_query(world), "deal": world.deal.reference, "lang": "en"}, **headers
        )
    bodies = _api_bodies(world)
    if endpoint.template not in bodies:
        pytest.fail(f"{endpoint.method.upper()} {endpoint.template}: give it a valid body in _api_bodies")
    return getattr(client, endpoint.method)(
        endpoint.url, bodies[endpoint.template], content_type="application/json", **headers
    )


def test_every_api_endpoint_is_collected(client, world):
    endpoints = {(e.method, e.template) for e in _endpoints(world, client)}

    assert ("get", "/api/v1/deals/{reference}") in endpoints
    assert ("get", "/api/v1/exhibition/statements/{statement_id}") in endpoints
    assert ("post", "/api/v1/exhibition/deals/{reference}/reports/box-office") in endpoints


def test_no_api_endpoint_tells_outsiders_of_the_deal(client, world):
    endpoints = _endpoints(world, client)
    before = _fingerprint(world)
    failures = []
    callers: dict[str, dict[str, Any]] = {label: bearer(user) for label, user in world.outsiders.items()}
    callers["anonymous"] = {}
    for label, headers in callers.items():
        for endpoint in endpoints:
            response = _call(client, endpoint, world, headers)
            where = f"{label} {endpoint.method.upper()} {endpoint.template}"
            # A write of one's own (a new request, a cinema) echoes the terms one sent: only amounts count there.
            leaks = _leaks(world, response.content, terms=endpoint.scoped or endpoint.method == "get")
            if leaks:
                failures.append(f"{where}: shows {leaks}")
            if response.status_code >= 500:
                failures.append(f"{where}: {response.status_code}")
            expected = {401} if not headers else {403, 404}
            if endpoint.scoped and response.status_code not in expected:
                failures.append(
                    f"{where}: answered {response.status_code}, expected one of {sorted(expected)}"
                )
            if not headers and endpoint.method != "get" and response.status_code != 401:
                failures.append(f"{where}: an anonymous write answered {response.status_code}")

    assert not failures, "\n".join(failures)
    assert _fingerprint(world) == before


def test_every_api_read_answers_the_parties_and_their_film_bodies(client, world):
    reads = [e for e in _endpoints(world, client) if e.method == "get"]
    failures = []
    for label, user in world.insiders.items():
        headers = bearer(user)
        for endpoint in reads:
            response = _call(client, endpoint, world, headers)
            where = f"{label} GET {endpoint.template}"
            if response.status_code != 200:
                failures.append(f"{where}: {response.status_code}")
            elif (
                endpoint.scoped
                and not endpoint.template.endswith(".pdf")
                and not _leaks(world, response.content)
            ):
                failures.append(f"{where}: shows nothing of the deal")

    assert not failures, "\n".join(failures)
