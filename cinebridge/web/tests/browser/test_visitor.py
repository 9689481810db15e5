"""A visitor browses the catalogue in Persian and in Russian; private things stay private."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from cinebridge.accounts.models import Role
from cinebridge.catalogue.models import Audience
from cinebridge.catalogue.services import film_rating_set

pytestmark = pytest.mark.browser

PERSIAN_DIGIT = re.compile("[۰-۹]")
ASCII_DIGIT = re.compile("[0-9]")

# File names of the Bootstrap stylesheets the page really loaded (a sheet that failed has no rules).
LOADED_BOOTSTRAP_SHEETS = """() => [...document.styleSheets]
    .filter((sheet) => sheet.href && sheet.href.includes("/vendor/bootstrap/") && sheet.cssRules.length > 0)
    .map((sheet) => sheet.href.split("/").pop())"""


def _expect_language(page: Page, language: str, direction: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)


def test_persian_visitor_reads_the_catalogue_right_to_left_with_persian_digits_and_jalali_dates(
    page, rights_holder, add_film, results_dir
):
    film = add_film(
        rights_holder,
        english="Children of Heaven",
        original_title="بچه‌های آسمان",
        year=1997,
        audience=Audience.CHILDREN,
        titles={"fa": "بچه‌های آسمان"},
    )
    film_rating_set(film=film, country="IR", rating_code="all", permit_date=date(2024, 3, 20), actor=None)

    page.goto("/fa/films/")

    _expect_language(page, "fa", "rtl")
    count = page.locator("#film-result-count")
    expect(count).to_have_text(PERSIAN_DIGIT)
    expect(count).not_to_have_text(ASCII_DIGIT)
    card = page.locator("#film-results article").filter(has=page.get_by_role("link", name="بچه‌های آسمان"))
    expect(card).to_contain_text("۱۹۹۷")
    expect(card).not_to_contain_text("1997")
    assert page.evaluate(LOADED_BOOTSTRAP_SHEETS) == ["bootstrap.rtl.min.css"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    card.get_by_role("link").click()

    expect(page).to_have_url(re.compile(f"/fa/films/{film.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("بچه‌های آسمان")
    permit_date = page.locator('time[datetime="2024-03-20"]')
    expect(permit_date.locator(".jalali")).to_have_text("۱ فروردین ۱۴۰۳")
    expect(permit_date).not_to_contain_text("2024")
    page.screenshot(path=results_dir / "persian-film-page.png", full_page=True)


def _add_two_films(rights_holder, add_film) -> None:
    """A children's film and a film for everyone, titled in Russian."""
    add_film(
        rights_holder,
        english="Children of Heaven",
        original_title="بچه‌های آسمان",
        year=1997,
        audience=Audience.CHILDREN,
        titles={"ru": "Дети небес"},
    )
    add_film(
        rights_holder,
        english="The Paternal House",
        original_title="خانه پدری",
        year=2012,
        titles={"ru": "Отчий дом"},
    )


def _filter_children(page: Page) -> None:
    """Choose the children's audience in the catalogue's filters and wait for htmx to push the address."""
    page.locator("#id_audience").select_option("children")
    expect(page).to_have_url(re.compile(r"/films/\?(.*&)?audience=children(&|$)"))


def test_russian_visitor_filters_by_audience_without_a_reload(page, rights_holder, add_film):
    _add_two_films(rights_holder, add_film)
    page.goto("/ru/films/")
    _expect_language(page, "ru", "ltr")
    results = page.locator("#film-results")
    count = page.locator("#film-result-count")
    expect(results.get_by_role("link", name="Отчий дом")).to_be_visible()
    expect(results).to_contain_text("2012")
    expect(count).to_have_text(re.compile("2"))
    expect(count).not_to_have_text(PERSIAN_DIGIT)
    # A full page load would start a new window object and lose this.
    page.evaluate("window.cinebridgeNoReload = true")

    _filter_children(page)

    expect(page).to_have_url(re.compile(r"/ru/films/\?"))
    expect(results.get_by_role("link", name="Дети небес")).to_be_visible()
    expect(results.get_by_role("link", name="Отчий дом")).to_have_count(0)
    expect(count).to_have_text(re.compile("1"))
    assert page.evaluate("window.cinebridgeNoReload") is True


def test_language_switcher_takes_a_russian_visitor_to_the_same_filtered_page_in_persian(
    page, rights_holder, add_film
):
    _add_two_films(rights_holder, add_film)
    page.goto("/ru/films/")
    _filter_children(page)

    with page.expect_navigation():
        page.locator("#language-switch").select_option("fa")

    # A plain assertion after the navigation: expect() would wait out its timeout before failing.
    assert re.search(r"/fa/films/\?(.*&)?audience=children(&|$)", page.url), page.url
    _expect_language(page, "fa", "rtl")
    results = page.locator("#film-results")
    expect(results).to_contain_text("۱۹۹۷")
    expect(results).not_to_contain_text("۲۰۱۲")


def test_anonymous_visitor_gets_not_found_for_an_unpublished_film(page, rights_holder, add_film):
    draft = add_film(
        rights_holder, english="Work in Progress", original_title="کار ناتمام", year=2025, is_published=False
    )

    response = page.goto(f"/en/films/{draft.slug}/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("Work in Progress")).to_have_count(0)
    page.goto(f"/en/organisations/{rights_holder.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Farabi Cinema Foundation")
    expect(page.get_by_text("Work in Progress")).to_have_count(0)


def test_organisation_page_hides_its_members_from_anonymous_visitors_but_shows_them_to_a_member(
    page, rights_holder, make_member, sign_in
):
    member = make_member(rights_holder, "nadia", Role.VIEWER, first_name="Nadia", last_name="Karimi")
    address = f"/en/organisations/{rights_holder.slug}/"

    page.goto(address)

    expect(page.get_by_role("heading", level=1)).to_have_text("Farabi Cinema Foundation")
    expect(page.locator("#members")).to_have_count(0)
    expect(page.get_by_text("Nadia Karimi")).to_have_count(0)
    expect(page.get_by_text(member.email)).to_have_count(0)

    sign_in(member, address)

    members = page.locator("#members")
    expect(members).to_contain_text("Nadia Karimi")
    expect(members).to_contain_text(member.email)
