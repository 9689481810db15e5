"""The whole path of a licence in the browser, as two people in their own languages: a Minsk cinema
network (Russian pages) finds an Iranian film through avails and asks Farabi (Persian pages) for it;
Farabi offers a minimum guarantee and a sliding scale with a "90/10 over the house nut" alternative,
the cinema counters with a lower guarantee, both sign, the cinema books two screens and uploads four
weeks of box office as a CSV file, and Farabi's statement shows exactly what the royalty engine
computes — and what the terms give when worked out by hand from the same figures."""

import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from cinebridge.accounts.models import Organisation, OrganisationKind, Role
from cinebridge.accounts.services import organisation_create
from cinebridge.catalogue.models import Film, FilmVersion
from cinebridge.catalogue.services import film_version_create
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.deals.models import Deal, DealStatus
from cinebridge.exhibition import services as exhibition
from cinebridge.exhibition.engine.jsonio import statement_from_json
from cinebridge.exhibition.models import BoxOfficeEntry, Cinema, PaymentKind, ReportUpload, Screen
from cinebridge.exhibition.statement_selectors import statement_input
from cinebridge.exhibition.templatetags.statements import anchor
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.selectors import grant_list
from cinebridge.rights.services import GrantInput, grant_create

pytestmark = pytest.mark.browser

CENT = Decimal("0.01")
# The window asked for in the avails search and licensed by the deal (first and last day).
TERM_START, TERM_LAST_DAY = date(2026, 9, 1), date(2026, 12, 31)
# Four film weeks from Thursday 3 September: the engagement of both screens.
FIRST_DAY, LAST_DAY = date(2026, 9, 3), date(2026, 9, 30)
HOUSE_NUT = Decimal("20000.00")  # BYN per week, for the "over the house nut" alternative
# What Farabi offers, and the lower guarantee the cinema counters with (and both sign).
PERCENT_BY_WEEK = ("50", "45", "40", "35")
OVER_NUT_BY_WEEK = ("90", "90", "85")
OFFERED_MG, COUNTERED_MG, REQUESTED_MG = "25000.00", "20000.00", "15000.00"
MG_PAID = Decimal("20000.00")  # EUR, paid on signature: previously reported on the statement
PERIOD_START, PERIOD_END = date(2026, 7, 1), date(2026, 9, 30)
# BYN → EUR (1 BYN = rate EUR), one rate a week, from the national bank.
RATES = {
    date(2026, 9, 1): Decimal("0.2790"),
    date(2026, 9, 8): Decimal("0.2805"),
    date(2026, 9, 15): Decimal("0.2811"),
    date(2026, 9, 22): Decimal("0.2798"),
    date(2026, 9, 29): Decimal("0.2802"),
}
CINEMA, HALL_1, HALL_2 = "Октябрь", "Зал 1", "Зал 2"
# Set to save a screenshot of every step into test-results/ (to look at the pages in both languages).
SCREENSHOT_EVERY_STEP = os.environ.get("CB_SCREENSHOT_STEPS") == "1"


@dataclass(frozen=True)
class Row:
    """One line of the box-office file: a screen's film week, in BYN."""

    screen: str
    week_start: date
    admissions: int
    gross: Decimal
    taxes: Decimal
    levies: Decimal


def _week(n: int) -> date:
    return FIRST_DAY + timedelta(days=7 * (n - 1))


BOX_OFFICE = (
    Row(HALL_1, _week(1), 3600, Decimal("57600.00"), Decimal("960.00"), Decimal("1152.00")),
    Row(HALL_2, _week(1), 1850, Decimal("29600.00"), Decimal("0.00"), Decimal("592.00")),
    Row(HALL_1, _week(2), 2500, Decimal("40000.00"), Decimal("0.00"), Decimal("800.00")),
    Row(HALL_2, _week(2), 1262, Decimal("20192.50"), Decimal("0.00"), Decimal("403.85")),
    Row(HALL_1, _week(3), 1300, Decimal("20800.00"), Decimal("0.00"), Decimal("416.00")),
    Row(HALL_2, _week(3), 640, Decimal("10240.00"), Decimal("0.00"), Decimal("204.80")),
    Row(HALL_1, _week(4), 700, Decimal("11200.00"), Decimal("0.00"), Decimal("224.00")),
    Row(HALL_2, _week(4), 333, Decimal("5328.00"), Decimal("0.00"), Decimal("106.57")),
)


# --- the parties, set up through the services -------------------------------------------------------


@pytest.fixture
def iranian_film(rights_holder: Organisation, add_film: Callable[..., Film]) -> Film:
    """Farabi's film, with world rights in every medium from 2020."""
    film = add_film(
        rights_holder,
        english="The Colour of Paradise",
        original_title="رنگ خدا",
        year=1999,
        titles={"fa": "رنگ خدا", "ru": "Цвет рая"},
    )
    grant_create(
        actor=None,
        data=GrantInput(
            work_id=film.pk,
            holder_id=rights_holder.pk,
            direction=Direction.IN,
            territories="WORLD",
            media="ALL_MEDIA",
            sublicensable=True,
            start=date(2020, 1, 1),
        ),
    )
    return film


@pytest.fixture
def dcp(iranian_film: Film) -> FilmVersion:
    return film_version_create(
        film=iranian_film,
        label="DCP FA",
        audio_language="fa",
        actor=None,
        dcp_cpl_id=uuid.UUID("6f1c4c52-3c4e-4f0e-9a61-2d0b8f6f2a11"),
        dcp_encrypted=True,
    )


@pytest.fixture
def minsk_network(transactional_db: None) -> Organisation:
    return organisation_create(
        slug="minsk-kino",
        name="Minsk Kino",
        kind=OrganisationKind.EXHIBITOR,
        country="BY",
        translations={"ru": ("Минск Кино", ""), "fa": ("سینماهای مینسک", "")},
    )


@pytest.fixture
def farabi_editor(rights_holder: Organisation, make_member):
    return make_member(rights_holder, "farabi-sales", Role.EDITOR, preferred_language="fa")


@pytest.fixture
def cinema_editor(minsk_network: Organisation, make_member):
    return make_member(minsk_network, "minsk-booker", Role.EDITOR, preferred_language="ru")


@pytest.fixture
def oktyabr(minsk_network: Organisation, cinema_editor) -> Cinema:
    """The network's cinema in Minsk with two screens, each with its media block's certificate."""
    cinema = exhibition.cinema_create(
        actor=cinema_editor,
        operator=minsk_network,
        name=CINEMA,
        city="Минск",
        country="BY",
        time_zone="Europe/Minsk",
    )
    for name, seats, thumbprint in (
        (HALL_1, 420, "jGgKxbp8mZf0sB7e3Vq1s0W9kPI="),
        (HALL_2, 180, "q2tHvb9W3mXy0cR5dLs8uJ4nE1o="),
    ):
        exhibition.screen_create(
            actor=cinema_editor, cinema=cinema, name=name, capacity=seats, certificate_thumbprint=thumbprint
        )
    return cinema


@pytest.fixture
def byn_rates(cinema_editor) -> None:
    for day, rate in RATES.items():
        exhibition.exchange_rate_record(
            actor=cinema_editor, base="BYN", quote="EUR", on=day, rate=rate, source="NBRB"
        )


# --- reading the pages --------------------------------------------------------------------------------


def _shown_amount(text: str) -> Decimal:
    """An amount as a page shows it ("۱۲٬۳۴۵٫۶۷ EUR", "12 345,67 BYN") read back as a Decimal."""
    plain = to_ascii_digits(text).replace("\u066c", "").replace("\u066b", ".")
    plain = re.sub(r"[A-Z]{3}", "", plain)
    plain = re.sub(r"[\s\u00a0\u202f\u200e\u200f]", "", plain).replace(",", ".")
    return Decimal(plain)


def _money_in(cell: Locator) -> Decimal:
    """The first amount in a table cell (a cell may explain it underneath with more amounts)."""
    return _shown_amount(cell.locator("bdi.cb-money").first.inner_text())


def _expect_language(page: Page, language: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "fa" else "ltr")


def _snapshot(page: Page, directory: Path, name: str, *, always: bool = False) -> None:
    if always or SCREENSHOT_EVERY_STEP:
        page.screenshot(path=directory / f"issue4-{name}.png", full_page=True)


def _wait_for_charts(page: Page) -> None:
    """Both charts drawn by Chart.js and done animating (a screenshot then shows their real values)."""
    page.wait_for_function(
        """() => ["statement-chart-weeks", "statement-chart-territories"].every((id) => {
               const chart = window.Chart && Chart.getChart(id);
               return chart && !Chart.animator.running(chart);
           })"""
    )


def _fill_weeks(page: Page, field: str, percents: tuple[str, ...]) -> None:
    """The week-by-week percentage inputs of an offer (the first carries the field's id)."""
    for week, percent in enumerate(percents, start=1):
        page.locator(f"#id_{field}" if week == 1 else f"#id_{field}_{week}").fill(percent)


def _status_label(status: DealStatus, language: str) -> str:
    with translation.override(language):
        return str(status.label)


# --- working the terms out by hand ---------------------------------------------------------------------


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _rate_for(last_day_of_week: date) -> Decimal:
    return RATES[max(day for day in RATES if day <= last_day_of_week)]


def _rental_by_hand() -> list[tuple[Decimal, Decimal, str]]:
    """Film rental of each playing week (both screens together) in BYN and in EUR, and its basis."""
    weeks = []
    for number in range(1, 5):
        rows = [row for row in BOX_OFFICE if row.week_start == _week(number)]
        net = sum((row.gross - row.taxes - row.levies for row in rows), Decimal(0))
        by_percent = net * Decimal(PERCENT_BY_WEEK[min(number, len(PERCENT_BY_WEEK)) - 1]) / 100
        over_nut = Decimal(OVER_NUT_BY_WEEK[min(number, len(OVER_NUT_BY_WEEK)) - 1]) / 100
        by_nut = over_nut * max(Decimal(0), net - HOUSE_NUT)
        rental = _round(max(by_percent, by_nut))
        in_euros = _round(rental * _rate_for(_week(number) + timedelta(days=6)))
        weeks.append((rental, in_euros, "over_nut" if by_nut > by_percent else "percent"))
    return weeks


def _box_office_csv(directory: Path) -> Path:
    path = directory / "oktyabr-september.csv"
    lines = ["cinema,screen,week_start,admissions,gross,taxes,levies"]
    lines += [
        f"{CINEMA},{row.screen},{row.week_start.isoformat()},{row.admissions},{row.gross},{row.taxes},{row.levies}"
        for row in BOX_OFFICE
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- the path -----------------------------------------------------------------------------------------


def _cinema_requests_the_film(cinema: Page, film: Film) -> str:
    """Avails search (theatrical, Belarus, the window) → the film → "Request a licence" → sent."""
    _expect_language(cinema, "ru")
    cinema.locator("#id_medium").select_option("THEATRICAL")
    cinema.locator("#id_territories").fill("BY")
    cinema.locator("#id_start").fill(TERM_START.isoformat())
    cinema.locator("#id_last_day").fill(TERM_LAST_DAY.isoformat())
    cinema.locator("#id_licence").select_option("exclusive")
    cinema.locator("#avails-form button[type=submit]").click()

    result = cinema.locator(f'#avails-results article[data-film="{film.slug}"]')
    expect(result).to_be_visible()
    expect(result).to_contain_text("Цвет рая")
    # The form searches again on every change: wait for the answer to the whole question.
    request_link = result.locator("a.cb-request-licence")
    end = TERM_LAST_DAY + timedelta(days=1)
    expect(request_link).to_have_attribute(
        "href", re.compile(rf"media=THEATRICAL&territories=BY&start={TERM_START}&end={end}&exclusive=1")
    )
    request_link.click()

    expect(cinema).to_have_url(re.compile(r"/ru/deals/request/\?"))
    _expect_language(cinema, "ru")
    form = cinema.locator("#deal-request-form")
    # Prefilled from the avails question.
    expect(form.locator("#id_media_expression")).to_have_value("THEATRICAL")
    expect(form.locator("#id_territories")).to_have_value("BY")
    expect(form.locator("#id_start")).to_have_value(TERM_START.isoformat())
    expect(form.locator("#id_last_day")).to_have_value(TERM_LAST_DAY.isoformat())
    expect(form.locator("#id_exclusive")).to_be_checked()
    form.locator("#id_currency").select_option("EUR")
    form.locator("#id_minimum_guarantee").fill(REQUESTED_MG)
    _fill_weeks(cinema, "percent_by_week", PERCENT_BY_WEEK)
    form.locator("#id_message").fill("Просим права на показ в кинотеатре «Октябрь» в сентябре.")
    form.locator("button[type=submit]").click()

    expect(cinema).to_have_url(re.compile(r"/ru/deals/CB-\d{4}-\d{4}/$"))
    expect(cinema.locator("#deal-status")).to_have_class(re.compile(r"cb-deal-status-requested"))
    return cinema.url.rstrip("/").rsplit("/", 1)[-1]


def _farabi_offers(farabi: Page, reference: str) -> None:
    """The request reaches Farabi's inbox; Farabi opens it and offers MG + sliding scale + 90/10."""
    _expect_language(farabi, "fa")
    expect(farabi.locator("#nav-unread")).to_contain_text("۱")
    farabi.locator("#nav-inbox").click()
    request = farabi.locator('#inbox-list li[data-kind="deal.requested"]')
    expect(request).to_have_count(1)
    expect(request).to_have_attribute("data-unread", "1")
    request.locator("form:has(input[name=next]) button[type=submit]").click()

    expect(farabi).to_have_url(re.compile(rf"/fa/deals/{reference}/$"))
    _expect_language(farabi, "fa")
    expect(farabi.locator("#nav-unread")).to_have_count(0)
    farabi.locator(f'a[href="/fa/deals/{reference}/offer/"]').click()

    form = farabi.locator("#offer-form")
    # The form starts from the request on the table.
    expect(form.locator("#id_minimum_guarantee")).to_have_value(REQUESTED_MG)
    expect(form.locator("#id_percent_by_week")).to_have_value(PERCENT_BY_WEEK[0])
    form.locator("#id_currency").select_option("EUR")
    form.locator("#id_minimum_guarantee").fill(OFFERED_MG)
    _fill_weeks(farabi, "percent_by_week", PERCENT_BY_WEEK)
    _fill_weeks(farabi, "over_nut_percent_by_week", OVER_NUT_BY_WEEK)
    form.locator("#id_rounding").select_option("half_up")
    form.locator("#id_message").fill("پیشنهاد ما: حداقل تضمین و درصد نزولی هفتگی.")
    form.locator("button[type=submit]").click()

    expect(farabi).to_have_url(re.compile(rf"/fa/deals/{reference}/$"))
    expect(farabi.locator("#deal-status")).to_have_class(re.compile(r"cb-deal-status-offered"))


def _cinema_counters(cinema: Page, reference: str) -> None:
    cinema.goto(f"/ru/deals/{reference}/")
    expect(cinema.locator("#nav-unread")).to_be_visible()
    expect(cinema.locator("#deal-status")).to_have_class(re.compile(r"cb-deal-status-offered"))
    cinema.locator(f'a[href="/ru/deals/{reference}/counter/"]').click()

    form = cinema.locator("#offer-form")
    expect(form.locator("#id_minimum_guarantee")).to_have_value(OFFERED_MG)
    expect(form.locator("#id_over_nut_percent_by_week_3")).to_have_value(OVER_NUT_BY_WEEK[2])
    form.locator("#id_minimum_guarantee").fill(COUNTERED_MG)
    form.locator("button[type=submit]").click()

    expect(cinema).to_have_url(re.compile(rf"/ru/deals/{reference}/$"))
    expect(cinema.locator("#deal-status")).to_have_class(re.compile(r"cb-deal-status-countered"))


def _sign(page: Page, language: str, reference: str, then: DealStatus) -> None:
    page.goto(f"/{language}/deals/{reference}/")
    page.locator(f'a[href="/{language}/deals/{reference}/sign/"]').click()
    expect(page.locator("#signed-terms")).to_be_visible()
    page.locator("#deal-action-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/deals/{reference}/$"))
    _expect_language(page, language)
    status = page.locator("#deal-status")
    expect(status).to_have_class(re.compile(rf"cb-deal-status-{then.value}"))
    expect(status).to_have_text(_status_label(then, language))


def _cinema_books_two_screens(cinema: Page, reference: str, oktyabr: Cinema, dcp: FilmVersion) -> None:
    cinema.goto(f"/ru/exhibition/deals/{reference}/")
    _expect_language(cinema, "ru")
    cinema.locator(f'a[href="/ru/exhibition/deals/{reference}/bookings/new/"]').click()

    form = cinema.locator("#booking-form")
    form.locator("#id_cinema").select_option(str(oktyabr.pk))
    for screen in Screen.objects.filter(cinema=oktyabr):
        form.locator(f'input[name="screens"][value="{screen.pk}"]').check()
    form.locator("#id_version").select_option(str(dcp.pk))
    form.locator("#id_first_day").fill(FIRST_DAY.isoformat())
    form.locator("#id_last_day").fill(LAST_DAY.isoformat())
    form.locator("#id_currency").fill("BYN")
    form.locator("#id_house_nut_per_week").fill(str(HOUSE_NUT))
    form.locator("button[type=submit]").click()

    expect(cinema).to_have_url(re.compile(r"/ru/exhibition/bookings/\d+/$"))


def _cinema_uploads_box_office(cinema: Page, reference: str, csv_file: Path) -> None:
    cinema.goto(f"/ru/exhibition/deals/{reference}/")
    cinema.locator(f'.nav-tabs a[href="/ru/exhibition/deals/{reference}/reports/"]').click()
    _expect_language(cinema, "ru")
    form = cinema.locator("#report-file-form")
    form.locator("#id_file-kind").select_option("box_office")
    form.locator("#id_file-file").set_input_files(csv_file)
    form.locator("button[type=submit]").click()

    expect(cinema.locator("#report-accepted")).to_contain_text(str(len(BOX_OFFICE)))
    expect(cinema.locator("#report-refused")).to_have_count(0)
    expect(cinema.locator("#uploads")).to_contain_text(csv_file.name)


def _farabi_opens_the_statement(farabi: Page, reference: str) -> None:
    farabi.goto(f"/fa/deals/{reference}/")
    farabi.locator(
        f'.cb-deal-exploitation-links a[href="/fa/exhibition/deals/{reference}/statement/"]'
    ).click()
    _expect_language(farabi, "fa")
    period = farabi.locator(f'form[action="/fa/exhibition/deals/{reference}/statement/"]')
    period.locator("#id_start").fill(PERIOD_START.isoformat())
    period.locator("#id_end").fill(PERIOD_END.isoformat())
    period.locator("button[type=submit]").click()
    expect(farabi).to_have_url(
        re.compile(rf"/fa/exhibition/deals/{reference}/statement/\?start={PERIOD_START}&end={PERIOD_END}$")
    )
    _expect_language(farabi, "fa")
    expect(farabi.locator(".cb-statement-lines")).to_be_visible()


def _expect_statement_shown(farabi: Page, document: dict[str, Any]) -> None:
    """Every line of the engine's statement, and every week's film rental, as the page shows them."""
    for line in document["lines"]:
        row = farabi.locator(f"#line-{anchor(line['key'])}")
        expect(row).to_have_count(1)
        cells = row.locator(":scope > td")
        assert _money_in(cells.nth(1)) == Decimal(line["to_date"]), line["key"]
        if line["period"] is not None:
            assert _money_in(cells.nth(0)) == Decimal(line["period"]), line["key"]
    for week in document["weeks"]:
        cells = farabi.locator(f"#{anchor(week['id'])}").locator(":scope > td")
        assert _money_in(cells.nth(3)) == Decimal(week["gross"]), week["id"]
        assert _money_in(cells.nth(5)) == Decimal(week["net_box_office"]), week["id"]
        assert _money_in(cells.nth(7)) == Decimal(week["film_rental"]), week["id"]
        assert _money_in(cells.nth(8)) == Decimal(week["in_deal_currency"]["film_rental"]), week["id"]


def test_a_cinema_licenses_an_iranian_film_and_farabi_gets_an_exact_statement(
    open_as,
    iranian_film,
    dcp,
    minsk_network,
    oktyabr,
    byn_rates,
    farabi_editor,
    cinema_editor,
    tmp_path,
    results_dir,
):
    # 2. The cinema finds the film through avails and asks for it.
    cinema = open_as(cinema_editor, "/ru/rights/avails/")
    reference = _cinema_requests_the_film(cinema, iranian_film)
    _snapshot(cinema, results_dir, "1-cinema-request-ru")
    deal = Deal.objects.get(reference=reference)
    assert (deal.licensor_id, deal.licensee_id) == (iranian_film.owner_id, minsk_network.pk)

    # 3. Farabi sees it in its inbox and offers MG + sliding scale + 90/10 over the house nut, in EUR.
    farabi = open_as(farabi_editor, "/fa/")
    _farabi_offers(farabi, reference)
    _snapshot(farabi, results_dir, "2-farabi-offer-fa")

    # 4. The cinema counters with a lower guarantee.
    _cinema_counters(cinema, reference)
    _snapshot(cinema, results_dir, "3-cinema-counter-ru")

    # 5. Farabi signs the counter-offer, then the cinema: the deal is active, the licence entered.
    _sign(farabi, "fa", reference, DealStatus.SIGNING)
    _snapshot(farabi, results_dir, "4-farabi-signed-fa")
    _sign(cinema, "ru", reference, DealStatus.ACTIVE)
    _snapshot(cinema, results_dir, "5-cinema-signed-ru")
    deal.refresh_from_db()
    assert deal.status == DealStatus.ACTIVE
    signed = deal.current_offer
    assert signed is not None
    assert signed.currency == "EUR"
    assert signed.terms == {
        "minimum_guarantee": COUNTERED_MG,
        "theatrical": {
            "percent_by_week": list(PERCENT_BY_WEEK),
            "over_nut_percent_by_week": list(OVER_NUT_BY_WEEK),
        },
        "rounding": "half_up",
    }
    licences = grant_list(viewer=farabi_editor, work=iranian_film, direction=Direction.OUT)
    assert [(g.counterparty_id, g.reference, g.exclusivity) for g in licences] == [
        (minsk_network.pk, reference, Exclusivity.EXCLUSIVE)
    ]
    assert list(deal.grants.all()) == list(licences)
    expect(cinema.locator("#deal-memo")).to_be_visible()

    # The cinema pays the guarantee on signature and Farabi confirms receiving it (through the
    # services: not what is tested here).
    paid = exhibition.payment_record(
        actor=cinema_editor, deal=deal, kind=PaymentKind.MINIMUM_GUARANTEE, paid_on=TERM_START, amount=MG_PAID
    )
    exhibition.payment_confirm(actor=farabi_editor, payment=paid)

    # 6. The cinema books both screens and uploads four weeks of box office.
    _cinema_books_two_screens(cinema, reference, oktyabr, dcp)
    _snapshot(cinema, results_dir, "6-cinema-booking-ru")
    _cinema_uploads_box_office(cinema, reference, _box_office_csv(tmp_path))
    _snapshot(cinema, results_dir, "7-cinema-report-ru")
    assert ReportUpload.objects.get(deal=deal).row_count == len(BOX_OFFICE)
    assert BoxOfficeEntry.objects.filter(booking__deal=deal).count() == len(BOX_OFFICE)

    # 7. Farabi opens its statement for the quarter: the page shows what the engine computes ...
    _farabi_opens_the_statement(farabi, reference)
    _wait_for_charts(farabi)
    _snapshot(farabi, results_dir, "farabi-statement-fa", always=True)
    document = statement_from_json(
        statement_input(deal=deal, period_start=PERIOD_START, period_end=PERIOD_END)
    )
    _expect_statement_shown(farabi, document)

    # ... and what the terms give, worked out by hand from the file's figures.
    by_hand = _rental_by_hand()
    assert [
        (Decimal(w["film_rental"]), Decimal(w["in_deal_currency"]["film_rental"]), w["basis"])
        for w in document["weeks"]
    ] == by_hand
    assert [basis for _rental, _euros, basis in by_hand] == ["over_nut", "over_nut", "percent", "percent"]
    receipts = sum((euros for _rental, euros, _basis in by_hand), Decimal(0))
    mg = Decimal(COUNTERED_MG)
    totals = {key: Decimal(value) for key, value in document["totals"].items() if key != "admissions"}
    assert totals["film_rental"] == receipts
    assert totals["gross_receipts"] == receipts
    assert totals["mg_recouped"] == min(receipts, mg)
    assert totals["overage"] == max(Decimal(0), receipts - mg)
    assert totals["entitlement"] == max(receipts, mg)
    assert totals["previously_reported"] == MG_PAID
    assert totals["payable"] == max(receipts, mg) - MG_PAID
    assert totals["payable"] > 0
    assert document["totals"]["admissions"] == sum(row.admissions for row in BOX_OFFICE)
    lines = farabi.locator(".cb-statement-lines")
    for key, expected in (
        ("receipts:THEATRICAL", receipts),
        ("mg_recouped", min(receipts, mg)),
        ("overage", receipts - mg),
        ("payable", receipts - MG_PAID),
    ):
        to_date = lines.locator(f"#line-{anchor(key)}").locator(":scope > td").nth(1)
        assert _money_in(to_date) == expected, key
        # Persian digits and separators on Farabi's page: no Western digit in its amounts.
        expect(to_date.locator("bdi.cb-money")).to_have_text(re.compile(r"^[۰-۹٬٫]+\u00a0EUR$"))
