"""Suite-wide fixtures and the rule for tests that need ../shared/data."""

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"


def shared_data_file(name: str) -> Path:
    """A file of ../shared/data: skipped with the reason where absent, a failure under CI=true."""
    path = SHARED_DATA / name
    if not path.exists():
        message = f"{path} is absent: the shared test data sits beside the clone"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a fresh server would."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests run in English unless they activate another language."""
    from django.utils import translation

    with translation.override("en"):
        yield
