"""The browser fixtures of the site (one chromium per worker, films and organisations, members), and
`open_as`: a person signed in through the real form in a browser context of their own, so that two
people can work on the same deal side by side, each in their own language."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from cinebridge.accounts.models import User
from cinebridge.accounts.tests.factories import TEST_PASSWORD
from cinebridge.rights import loader
from cinebridge.web.tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook
    _REPORTS,
    TIMEOUT_MS,
    VIEWPORT,
    add_film,
    browser,
    make_member,
    pytest_runtest_makereport,
    results_dir,
    rights_holder,
)

SignedInPage = Callable[[User, str], Page]
# The browser's own locale (native date inputs, Accept-Language) follows the person's language.
BROWSER_LOCALES = {"fa": "fa-IR", "ru": "ru-RU", "ar": "ar", "be": "be-BY", "en": "en-GB"}


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    # A flushed database may reach the same rights version again: every test starts from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()


@pytest.fixture
def open_as(
    browser: Browser,  # noqa: F811 - the fixture imported above
    live_server: LiveServer,
    request: pytest.FixtureRequest,
    results_dir: Path,  # noqa: F811 - the fixture imported above
) -> Iterator[SignedInPage]:
    """A function signing `user` in (in a fresh browser context) and landing on the path `then`.

    Every page opened is screenshotted when the test fails, named after the person.
    """
    opened: list[tuple[str, Page]] = []

    def open_page(user: User, then: str) -> Page:
        language = then.strip("/").split("/")[0]
        context = browser.new_context(
            base_url=live_server.url, viewport=VIEWPORT, locale=BROWSER_LOCALES.get(language, "en-GB")
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        opened.append((user.get_username(), page))
        page.goto(f"/{language}/accounts/login/?next={then}")
        page.locator("#id_username").fill(user.get_username())
        page.locator("#id_password").fill(TEST_PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(re.escape(then) + "$"))
        return page

    yield open_page
    report = request.node.stash.get(_REPORTS, {}).get("call")
    for username, page in opened:
        if report is not None and report.failed:
            name = re.sub(r"[^\w.-]+", "_", f"{request.node.name}-{username}")
            page.screenshot(path=results_dir / f"failed-{name}.png", full_page=True)
        page.context.close()
