"""The input checks services share: the value cleaned, or a refusal naming the field in the user's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from cinebridge.core.checks import checked_country, checked_time_zone
from cinebridge.core.errors import ApplicationError


def test_a_country_code_is_trimmed_and_upper_cased():
    assert checked_country(" by ", field="host_country") == "BY"


@pytest.mark.parametrize("code", ["XX", "", "Iran", None])
def test_what_is_no_country_code_is_refused_at_the_field(code):
    with pytest.raises(ApplicationError) as refused:
        checked_country(code, field="nationality")
    assert refused.value.field == "nationality"
    assert "is not a country code" in refused.value.message


def test_a_time_zone_is_an_iana_name():
    assert checked_time_zone(" Asia/Tehran ") == "Asia/Tehran"


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "+03:30", "../etc/passwd"])
def test_what_is_no_time_zone_is_refused_at_the_field(name):
    with pytest.raises(ApplicationError) as refused:
        checked_time_zone(name)
    assert refused.value.field == "time_zone"
    with pytest.raises(ApplicationError) as named:
        checked_time_zone(name, field="zone")
    assert named.value.field == "zone"


def test_the_refusal_quotes_what_was_typed():
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        checked_time_zone("Mars/Olympus")
    assert refused.value.message == "“Mars/Olympus” is not a time zone such as Europe/Minsk."
