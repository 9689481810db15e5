"""The browser fixtures of the site (one chromium per worker, organisations, members) and `open_as` from
the licensing walk-through: each person signed in through the real form in a browser context of their
own and their own language, so that an Iranian producer and a Belarusian studio can work on one
co-production side by side."""

from cinebridge.exhibition.tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook
    _fresh_index,
    open_as,
)
from cinebridge.web.tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook
    _REPORTS,
    browser,
    make_member,
    page,
    pytest_runtest_makereport,
    results_dir,
)
