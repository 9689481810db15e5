"""In the browser: a conflict explained before the grant is saved, the avails search in Persian, and
the availability grid giving its reason on a tap."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.services import organisation_create
from cinebridge.accounts.tests.factories import TEST_PASSWORD
from cinebridge.catalogue.models import Film
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.models import Grant
from cinebridge.rights.services import GrantInput, grant_create

pytestmark = pytest.mark.browser

REFERENCE = "MINSK-SVOD-2026"


def _holds_the_world(film: Film) -> Grant:
    return grant_create(
        actor=None,
        data=GrantInput(
            work_id=film.pk,
            holder_id=film.owner_id,
            direction=Direction.IN,
            territories="WORLD",
            media="ALL_MEDIA",
            sublicensable=True,
            start=date(2020, 1, 1),
        ),
    )


def _licenses_svod_in_belarus(film: Film) -> Grant:
    minsk = organisation_create(
        slug="minsk-cinemas",
        name="Minsk Cinemas",
        kind=OrganisationKind.EXHIBITOR,
        country="BY",
        translations={},
    )
    return grant_create(
        actor=None,
        data=GrantInput(
            work_id=film.pk,
            holder_id=film.owner_id,
            direction=Direction.OUT,
            territories="BY",
            media="SVOD",
            exclusivity=Exclusivity.EXCLUSIVE,
            start=date(2026, 1, 1),
            end=date(2027, 1, 1),
            counterparty_id=minsk.pk,
            reference=REFERENCE,
        ),
    )


@pytest.fixture
def film(rights_holder, add_film):
    """A Persian film whose rights holder holds every medium in the world from 2020 on."""
    film = add_film(
        rights_holder,
        english="Children of Heaven",
        original_title="بچه‌های آسمان",
        year=1997,
        titles={"fa": "بچه‌های آسمان"},
    )
    _holds_the_world(film)
    return film


@pytest.fixture
def platform(transactional_db):
    return organisation_create(
        slug="belkino", name="Belkino Online", kind=OrganisationKind.PLATFORM, country="BY", translations={}
    )


def _choose(page: Page, field: str, option: str, action: str) -> None:
    """Pick a group, country or medium in the chooser under `field` and include or exclude it."""
    chooser = page.locator(f'[data-chooser-for="{field}"]')
    chooser.locator("select").select_option(option)
    chooser.get_by_role("button", name=action, exact=True).click()


def test_an_editor_sees_the_conflict_explained_before_saving(page, film, make_member, sign_in):
    existing = _licenses_svod_in_belarus(film)
    editor = make_member(film.owner, "farabi-editor", Role.EDITOR)
    sign_in(editor, f"/en/rights/films/{film.slug}/grants/new/")

    page.get_by_label("Direction", exact=True).select_option("out")
    _choose(page, "id_territories", "BY", "Include")
    expect(page.locator("#id_territories")).to_have_value("BY")
    _choose(page, "id_media_expression", "SVOD", "Include")
    expect(page.locator("#id_media_expression")).to_have_value("SVOD")
    page.get_by_label("Exclusivity", exact=True).select_option("exclusive")
    page.get_by_label("Term", exact=True).select_option("fixed")
    page.get_by_label("First day", exact=True).fill("2026-06-01")
    page.get_by_label("Last day", exact=True).fill("2026-11-30")
    page.get_by_label("Counterparty not on the platform", exact=True).fill("Belkino")

    check = page.locator("#grant-check")
    expect(check.locator("#grant-conflicts")).to_be_visible()
    expect(check).to_contain_text("Overlaps an exclusive licence")
    expect(check.get_by_role("link", name=re.compile(REFERENCE))).to_have_attribute(
        "href", f"/en/rights/grants/{existing.pk}/"
    )
    expect(check).to_contain_text("Belarus")
    assert Grant.objects.count() == 2  # nothing saved while checking

    page.get_by_role("button", name="Save the grant").click()

    expect(page.locator("main .alert-danger").first).to_contain_text("The grant was not saved")
    expect(page.locator("#grant-check")).to_contain_text("Overlaps an exclusive licence")
    assert Grant.objects.count() == 2

    _choose(page, "id_territories", "BY", "Exclude")
    expect(page.locator("#id_territories")).to_have_value("WORLD excluding BY")
    expect(page.locator("#grant-no-conflict")).to_be_visible()
    page.get_by_role("button", name="Save the grant").click()

    expect(page.get_by_role("status").first).to_contain_text("The grant was saved.")
    saved = Grant.objects.get(counterparty_name="Belkino")
    assert (saved.territories_entered, saved.end_date) == ("WORLD excluding BY", date(2026, 12, 1))


def test_avails_search_in_persian_finds_a_film(page, film, platform, make_member, sign_in):
    _licenses_svod_in_belarus(film)
    member = make_member(platform, "belkino-buyer", Role.VIEWER)
    sign_in(member, "/fa/rights/avails/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#id_medium").select_option("SVOD")
    page.locator("#id_territories").fill("WORLD excluding BY")
    page.locator("#id_start").fill("2026-03-01")
    page.locator("#id_last_day").fill("2026-06-30")
    page.locator("#avails-form").get_by_role("button", name=re.compile(".")).last.click()

    results = page.locator("#avails-results")
    expect(results.get_by_role("link", name="بچه‌های آسمان")).to_be_visible()
    expect(results.locator(".cb-avails-lines")).to_contain_text("ویدئوی درخواستی اشتراکی (SVOD)")
    expect(results.locator("#avails-count")).to_contain_text("۱")
    expect(page).to_have_url(re.compile(r"territories=WORLD(\+|%20)excluding(\+|%20)BY"))

    # Belarus itself is licensed exclusively for that window: the film no longer qualifies.
    page.locator("#id_territories").fill("BY")
    page.locator("#id_territories").press("Enter")
    expect(results.get_by_role("link", name="بچه‌های آسمان")).to_have_count(0)


def test_the_grid_gives_the_reason_of_a_cell_on_a_tap(browser, live_server, film, platform, make_member):
    _licenses_svod_in_belarus(film)
    member = make_member(platform, "belkino-viewer", Role.VIEWER)
    # A phone: touch, a narrow screen, and no hover to show a title.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    grid = f"/en/rights/films/{film.slug}/grid/"
    phone.goto(f"/en/accounts/login/?next={grid}")
    phone.locator("#id_username").fill(member.get_username())
    phone.locator("#id_password").fill(TEST_PASSWORD)
    phone.locator("main form button[type=submit]").tap()
    expect(phone).to_have_url(re.compile(re.escape(grid) + "$"))
    phone.goto(f"{grid}?start=2026-03-01&last_day=2026-06-30&licence=exclusive")

    headers = phone.locator(".cb-grid thead th")
    expect(headers.nth(1)).to_contain_text("World")
    expect(headers.nth(1)).to_contain_text("excluding")
    expect(headers.nth(2)).to_contain_text("Belarus")
    row = phone.locator('tr[data-medium="SVOD"]')
    blocked = row.locator("td").nth(1)
    expect(blocked).to_have_class(re.compile("cb-cell-none"))
    expect(blocked).to_have_attribute("title", re.compile("licensed exclusively"))
    popover = blocked.locator(".cb-popover")
    expect(popover).to_be_hidden()

    blocked.locator("summary").tap()

    expect(popover).to_be_visible()
    expect(popover).to_contain_text("Not available")
    expect(popover).to_contain_text("licensed exclusively")
    expect(popover).not_to_contain_text(REFERENCE)
    expect(popover).not_to_contain_text("Minsk")
    free = row.locator("td").nth(0)
    expect(free).to_have_class(re.compile("cb-cell-full"))
    expect(free.locator("summary")).to_contain_text("✓")
    context.close()
