"""The browser fixtures of the site (one chromium per worker, a fresh page per test, sign-in, films and
organisations), shared with the rights pages' browser tests."""

from collections.abc import Iterator

import pytest

from cinebridge.rights import loader
from cinebridge.web.tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook
    add_film,
    browser,
    make_member,
    page,
    pytest_runtest_makereport,
    results_dir,
    rights_holder,
    sign_in,
)


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    # A flushed database may reach the same rights version again: every test starts from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()
