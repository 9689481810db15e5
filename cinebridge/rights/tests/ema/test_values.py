from datetime import date, time

import pytest

from cinebridge.rights.ema.codes import LanguageTagError, canonical_language_tag, is_country, is_m49_region
from cinebridge.rights.ema.records import AvailRecord, FileLocation
from cinebridge.rights.ema.values import (
    UnreadableValueError,
    canonical_eidr,
    end_day,
    format_end,
    parse_date_time,
    parse_flag,
    parse_run_length,
    parse_year,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-09-30T23:59:59", date(2018, 10, 1)),
        ("2018-10-01T00:00:00", date(2018, 10, 1)),
        ("2018-09-30T12:00:00Z", date(2018, 10, 1)),
        ("2018-10-01", date(2018, 10, 1)),
    ],
)
def test_an_end_becomes_the_exclusive_day_after_the_last_covered_day(text, expected):
    assert end_day(*parse_date_time(text)) == expected


def test_an_exclusive_end_is_written_back_as_the_last_second_of_the_day_before():
    assert format_end(date(2018, 10, 1)) == "2018-09-30T23:59:59"
    assert end_day(*parse_date_time(format_end(date(2018, 10, 1)))) == date(2018, 10, 1)


def test_a_date_time_that_is_not_one_is_refused():
    with pytest.raises(UnreadableValueError):
        parse_date_time("next Tuesday")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("PT01H37M49S", 5869), ("PT1H", 3600), ("01:56:20", 6980), (time(1, 56, 20), 6980), ("P1DT1S", 86401)],
)
def test_run_lengths_are_read_in_every_form_the_files_use(value, seconds):
    assert parse_run_length(value) == seconds


@pytest.mark.parametrize(
    ("value", "year"), [("1958", 1958), ("2005-05-19", 2005), ("2013-01", 2013), (2006, 2006)]
)
def test_release_years_come_from_years_months_and_dates(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize(
    "text", ["urn:eidr:10.5240:77C5-ED35-8FC2-7D9D-9531-1", "10.5240/77c5-ed35-8fc2-7d9d-9531-1"]
)
def test_eidrs_in_urn_and_doi_form_become_one_canonical_form(text):
    assert canonical_eidr(text) == "10.5240/77C5-ED35-8FC2-7D9D-9531-1"


def test_an_eidr_of_the_wrong_shape_is_refused():
    with pytest.raises(UnreadableValueError):
        canonical_eidr("10.5240/77C5-ED35")


@pytest.mark.parametrize(("value", "flag"), [("Yes", True), ("=TRUE()", True), (False, False), ("no", False)])
def test_flags_read_yes_no_booleans_and_formulas(value, flag):
    assert parse_flag(value) is flag


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [("EN", "en"), ("es-419", "es-419"), ("zh-hant-tw", "zh-Hant-TW"), ("cmn", "cmn"), ("fr-CA", "fr-CA")],
)
def test_language_tags_are_put_in_canonical_case(tag, canonical):
    assert canonical_language_tag(tag) == canonical


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("XYZ", "unknown_language"),
        ("ENg", "unknown_language"),  # a three-letter code where the two-letter one exists
        ("fr-xx", "unknown_region"),
        ("en-Qwer", "unknown_script"),
        ("e", "malformed"),
        ("en--US", "malformed"),
    ],
)
def test_language_tags_with_unknown_or_malformed_subtags_are_refused(tag, code):
    with pytest.raises(LanguageTagError) as raised:
        canonical_language_tag(tag)
    assert raised.value.code == code


def test_country_and_area_codes():
    assert is_country("BY")
    assert is_country("IR")
    assert not is_country("JJ")
    assert not is_country("by")
    assert is_m49_region("001")
    assert is_m49_region("419")
    assert not is_m49_region("999")


def test_language_uses_follow_the_asset_language_and_the_localization_offering():
    def uses(localization):
        return AvailRecord(
            location=FileLocation(),
            alid="a",
            asset_languages=("en",),
            allowed_languages=("fa", "ru"),
            localization=localization,
        ).language_uses

    assert uses("sub") == ("en:original", "fa:subtitled", "ru:subtitled")
    assert uses("dub") == ("en:original", "fa:dubbed", "ru:dubbed")
    assert uses("subdub") == uses("any") == uses("") == (
        "en:original", "fa:dubbed", "fa:subtitled", "ru:dubbed", "ru:subtitled",
    )  # fmt: skip
    assert AvailRecord(location=FileLocation(), alid="a").language_uses == ()


def test_records_are_equal_wherever_they_were_read():
    from cinebridge.rights.ema.records import CellLocation, XmlLocation

    one = AvailRecord(location=XmlLocation(3, "/AvailList/Avail[1]/Transaction"), alid="a")
    two = AvailRecord(location=CellLocation("Movies", 4), alid="a")
    assert one == two
    assert hash(one) == hash(two)
