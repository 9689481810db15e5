"""Fixtures of the browser tests: one chromium per worker, a fresh page per test, a screenshot on failure."""

import os
import re
import shutil
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.services import membership_set, organisation_create, user_create
from cinebridge.accounts.tests.factories import TEST_PASSWORD
from cinebridge.catalogue.models import Audience, Film, FilmKind
from cinebridge.catalogue.services import FilmData, FilmText, film_create
from cinebridge.search.services import search_rebuild_dirty

# The machine's network is closed: without the background-networking switches chromium keeps trying.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
# Wide enough for the navbar to be expanded (Bootstrap's lg breakpoint), so its search box is visible.
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, so the page fixture knows whether the test failed."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def results_dir(pytestconfig: pytest.Config) -> Path:
    """test-results/ at the repository's root (gitignored), where screenshots go."""
    path = pytestconfig.rootpath / "test-results"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's chromium, launched once per xdist worker for the browser tests and closed after them.

    Package scope rather than session: the browser tests run as one block in each worker (pytest-django
    orders live-server tests together), so this still launches one browser per worker, and the
    Playwright event loop is gone before the worker's remaining tests run.
    """
    executable = shutil.which("chromium")
    if executable is None:
        reason = "Debian's chromium is not installed (scripts/install_test_system_deps.sh installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    expect.set_options(timeout=TIMEOUT_MS)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop in the test's thread, where Django refuses ORM calls.
        # The loop is idle whenever the test itself queries, so Django's documented switch lifts the
        # check while the browser lives; the live server answers the browser from threads of its own.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest, results_dir: Path
) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies) on the live server; screenshotted if the test fails."""
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    yield opened
    report = request.node.stash.get(_REPORTS, {}).get("call")
    if report is not None and report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        opened.screenshot(path=results_dir / f"failed-{name}.png", full_page=True)
    context.close()


@pytest.fixture
def sign_in(page: Page) -> Callable[[User, str], None]:
    """A function signing a person in through the real form, then landing on the path `then`."""

    def sign(user: User, then: str) -> None:
        language = then.strip("/").split("/")[0]
        page.goto(f"/{language}/accounts/login/?next={then}")
        page.locator("#id_username").fill(user.get_username())
        page.locator("#id_password").fill(TEST_PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(re.escape(then) + "$"))

    return sign


def _add_film(
    owner: Organisation,
    *,
    english: str,
    original_title: str,
    year: int,
    audience: Audience = Audience.GENERAL,
    titles: Mapping[str, str] | None = None,
    is_published: bool = True,
) -> Film:
    """A Persian film added through the catalogue service, with its search document built."""
    translations = {"en": FilmText(english)} | {code: FilmText(t) for code, t in (titles or {}).items()}
    film = film_create(
        owner=owner,
        data=FilmData(
            original_title=original_title,
            original_language="fa",
            kind=FilmKind.FEATURE,
            audience=audience,
            year=year,
            runtime_minutes=90,
            translations=translations,
            countries=["IR"],
            is_published=is_published,
        ),
        actor=None,
    )
    # Under live_server every write commits, so the rebuild queued after commit has already run and this
    # finds nothing stale; it keeps the film searchable where on-commit work does not run (a test transaction).
    search_rebuild_dirty()
    return film


@pytest.fixture
def add_film(transactional_db: None) -> Callable[..., Film]:
    """A function adding a Persian film through the catalogue service (see `_add_film`)."""
    return _add_film


@pytest.fixture
def rights_holder(transactional_db: None) -> Organisation:
    """An Iranian rights holder, named in Persian for Persian visitors."""
    return organisation_create(
        slug="farabi",
        name="Farabi Cinema Foundation",
        kind=OrganisationKind.RIGHTS_HOLDER,
        country="IR",
        translations={"fa": ("بنیاد سینمایی فارابی", ""), "ru": ("Фонд кино Фараби", "")},
    )


@pytest.fixture
def make_member(transactional_db: None) -> Callable[..., User]:
    """A function adding a person who can sign in with TEST_PASSWORD to an organisation in a role."""

    def make(organisation: Organisation, username: str, role: Role = Role.EDITOR, **fields: Any) -> User:
        user = user_create(
            username=username, email=f"{username}@example.org", password=TEST_PASSWORD, **fields
        )
        membership_set(user=user, organisation=organisation, role=role, actor=None)
        return user

    return make
