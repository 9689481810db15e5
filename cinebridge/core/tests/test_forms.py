"""The shared form pieces for a local clock: the zones offered, a date and time typed in any digits, and
the moment a local clock shows (none when the clock skips it)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms

from cinebridge.core.forms import LocalDateTimeField, aware_in_zone, time_zone_choices


def test_the_zones_offered_are_places_by_name_without_legacy_aliases():
    zones = dict(time_zone_choices())
    assert zones["Asia/Tehran"] == "Asia/Tehran"
    assert zones["America/New_York"] == "America/New York"
    assert not any(zone.startswith(("Etc/", "SystemV/")) or "/" not in zone for zone in zones)
    assert list(zones) == sorted(zones)


@pytest.mark.parametrize(
    "typed",
    ["2026-05-05T19:30", "2026-05-05 19:30", "۲۰۲۶-۰۵-۰۵T۱۹:۳۰", "٢٠٢٦-٠٥-٠٥ ١٩:٣٠:٠٠"],
)
def test_a_local_date_and_time_is_read_naive_in_any_digits(typed):
    assert LocalDateTimeField().clean(typed) == datetime(2026, 5, 5, 19, 30)  # noqa: DTZ001 - a local clock


def test_a_local_date_and_time_drops_a_zone_and_refuses_nonsense():
    field = LocalDateTimeField()
    assert field.clean(datetime(2026, 5, 5, 19, 30, tzinfo=UTC)) == datetime(2026, 5, 5, 19, 30)  # noqa: DTZ001
    with pytest.raises(forms.ValidationError):
        field.clean("5 May, evening")
    assert LocalDateTimeField(required=False).clean("") is None


def test_the_moment_a_local_clock_shows():
    tehran = aware_in_zone(datetime(2026, 5, 5, 19, 0), ZoneInfo("Asia/Tehran"))  # noqa: DTZ001
    assert tehran == datetime(2026, 5, 5, 15, 30, tzinfo=UTC)


def test_a_time_the_clock_skips_has_no_moment():
    # Berlin's clocks went from 02:00 to 03:00 on 29 March 2026: 02:30 never happened there.
    assert aware_in_zone(datetime(2026, 3, 29, 2, 30), ZoneInfo("Europe/Berlin")) is None  # noqa: DTZ001
    assert aware_in_zone(datetime(2026, 3, 29, 3, 30), ZoneInfo("Europe/Berlin")) is not None  # noqa: DTZ001
