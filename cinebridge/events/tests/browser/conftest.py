"""The browser fixtures of the site (one chromium per worker, films and organisations, members) and
`open_as` from the licensing walk-through: each person signed in through the real form in a browser
context of their own and their own language, so that two film bodies can work on one film week side
by side."""

from cinebridge.exhibition.tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook
    _fresh_index,
    open_as,
)
from cinebridge.web.tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook
    _REPORTS,
    add_film,
    browser,
    make_member,
    page,
    pytest_runtest_makereport,
    results_dir,
    rights_holder,
)
