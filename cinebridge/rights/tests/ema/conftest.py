"""Fixtures for the EMA Avails tests: the shared samples and schemas, read where they lie."""

from pathlib import Path

import pytest

from conftest import shared_data_file

XML_SAMPLES = ("Avails_noErrors_v2.2.2.xml", "Avails_noErrors_v2.4.xml", "Avails_Volume_no-err_v2.4.xml")
XLSX_SAMPLES = ("Avails_noErrors_v2.3_v1.8.xlsx", "Movies_v1.9.xlsx")
GOOD_SAMPLES = XML_SAMPLES + XLSX_SAMPLES
BAD_SAMPLE = "Avails_withErrors.xml"


@pytest.fixture
def schema_dir() -> Path:
    return shared_data_file("ema-avails/schema")


def sample(name: str) -> Path:
    return shared_data_file(f"ema-avails/samples/{name}")
