"""Bad statement input is refused with the path, a stable code and its params; good input reads back."""

import copy

import pytest

from cinebridge.exhibition.engine.jsonio import RoyaltyInputError, input_from_json, input_to_json

GOOD = {
    "currency": "EUR",
    "terms": {"theatrical": {"percent_by_week": ["50"]}, "minimum_guarantee": "1000"},
    "period": {"start": "2026-01-01", "end": "2026-03-31"},
    "bookings": [{"ref": "B1", "territory": "BY", "currency": "BYN", "house_nut_per_week": "4500", "label": "Minsk"}],
    "box_office": [
        {"ref": "bo-1", "booking": "B1", "screen": "Hall 1", "week_start": "2026-01-01", "playing_week": 1,
         "admissions": 1200, "gross": "30000.00", "taxes": "0.00", "levies": "600.00"},
    ],
    "usage": [{"ref": "u-1", "month": "2026-01", "territory": "BY", "media": "SVOD", "views": 100, "minutes": 9000,
               "revenue": "1 200,50", "currency": "BYN"}],
    "receipts": [{"ref": "r-1", "date": "2026-02-01", "media": "THEATRICAL", "amount": "400000", "currency": "EUR"}],
    "expenses": [{"ref": "e-1", "date": "2026-01-05", "amount": "500.00", "currency": "EUR", "description": "Subtitles"}],
    "rates": [{"from": "BYN", "to": "EUR", "date": "2025-12-31", "rate": "0.28", "source": "NBRB"}],
    "previously_reported": "۲۰۰۰۰",
}  # fmt: skip


def _with(change):
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def test_good_input_is_read_and_written_back_canonically():
    checked = input_from_json(GOOD)
    assert checked.usage[0].revenue.as_tuple().exponent == -2
    canonical = input_to_json(checked)
    assert canonical["usage"][0]["revenue"] == "1200.50"
    assert canonical["usage"][0]["month"] == "2026-01-01"
    assert canonical["previously_reported"] == "20000.00"
    assert canonical["terms"]["minimum_guarantee"] == "1000.00"
    assert input_from_json(canonical) == checked
    assert input_to_json(input_from_json(canonical)) == canonical


def test_only_currency_terms_and_period_are_required():
    checked = input_from_json(
        {"currency": "EUR", "terms": {}, "period": {"start": "2026-01-01", "end": "2026-01-01"}}
    )
    assert checked.box_office == ()
    assert str(checked.previously_reported) == "0.00"


def _set(path, value):
    def change(data):
        *parents, last = path
        target = data
        for key in parents:
            target = target[key]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (_set(["currency"], "EURO"), "currency", "currency"),
        (_set(["currency"], KeyError), "currency", "required"),
        (_set(["terms"], KeyError), "terms", "required"),
        (_set(["terms", "minimum_guarantee"], "1.234"), "terms.minimum_guarantee", "amount"),
        (
            _set(["terms", "theatrical", "percent_by_week"], ["50", "120"]),
            "terms.theatrical.percent_by_week[1]",
            "percent",
        ),
        (_set(["surprise"], 1), "surprise", "unknown"),
        (_set(["period", "end"], "2025-12-31"), "period.end", "order"),
        (_set(["period", "start"], "1 Jan"), "period.start", "date"),
        (_set(["bookings"], {}), "bookings", "list"),
        (_set(["bookings", 0, "currency"], "XYZ"), "bookings[0].currency", "currency"),
        (_set(["bookings", 0, "house_nut_per_week"], "-1"), "bookings[0].house_nut_per_week", "amount"),
        (_set(["bookings", 0, "nut"], "1"), "bookings[0].nut", "unknown"),
        (_set(["box_office", 0, "booking"], "B9"), "box_office[0].booking", "reference"),
        (_set(["box_office", 0, "booking"], KeyError), "box_office[0].booking", "required"),
        (_set(["box_office", 0, "booking"], 12), "box_office[0].booking", "text"),
        (_set(["box_office", 0, "gross"], "30000.001"), "box_office[0].gross", "amount"),
        (_set(["box_office", 0, "gross"], 30000.5), "box_office[0].gross", "amount"),
        (_set(["box_office", 0, "gross"], KeyError), "box_office[0].gross", "required"),
        (_set(["box_office", 0, "gross"], "1" + "0" * 18), "box_office[0].gross", "amount_too_large"),
        (_set(["box_office", 0, "taxes"], "29500"), "box_office[0].gross", "net_negative"),
        (_set(["box_office", 0, "playing_week"], 0), "box_office[0].playing_week", "number"),
        (_set(["box_office", 0, "admissions"], "12"), "box_office[0].admissions", "number"),
        (_set(["box_office", 0, "ref"], "u-1"), "usage[0].ref", "unique"),
        (_set(["box_office", 0], "row"), "box_office[0]", "object"),
        (_set(["usage", 0, "month"], "2026-01-15"), "usage[0].month", "month"),
        (_set(["usage", 0, "media"], "svod"), "usage[0].media", "media"),
        (_set(["usage", 0, "ref"], ""), "usage[0].ref", "text"),
        (_set(["receipts", 0, "date"], "2026-02-30"), "receipts[0].date", "date"),
        (_set(["expenses", 0, "currency"], KeyError), "expenses[0].currency", "required"),
        (_set(["rates", 0, "rate"], "0"), "rates[0].rate", "rate"),
        (_set(["rates", 0, "rate"], "1" * 21), "rates[0].rate", "rate"),
        (_set(["rates", 0, "to"], "BYN"), "rates[0].to", "same_currency"),
        (_set(["previously_reported"], "x"), "previously_reported", "amount"),
    ],
)
def test_bad_input_names_the_path_and_the_code(change, path, code):
    with pytest.raises(RoyaltyInputError) as error:
        input_from_json(_with(change))
    assert (error.value.path, error.value.code) == (path, code)
    assert str(error.value).startswith(f"{path}: ")


def test_a_second_row_for_the_same_screen_and_week_is_refused():
    def change(data):
        data["box_office"].append({**data["box_office"][0], "ref": "bo-2"})

    with pytest.raises(RoyaltyInputError) as error:
        input_from_json(_with(change))
    assert (error.value.path, error.value.code) == ("box_office[1].screen", "duplicate")
    assert error.value.params["other"] == "box_office[0]"


def test_screens_of_one_playing_week_must_share_its_start():
    def change(data):
        data["box_office"].append(
            {**data["box_office"][0], "ref": "bo-2", "screen": "Hall 2", "week_start": "2026-01-02"}
        )

    with pytest.raises(RoyaltyInputError) as error:
        input_from_json(_with(change))
    assert (error.value.path, error.value.code) == ("box_office[1].week_start", "week_start")


def test_the_same_rate_twice_is_refused_but_both_directions_are_allowed():
    def both_ways(data):
        data["rates"].append({"from": "EUR", "to": "BYN", "date": "2025-12-31", "rate": "3.6"})

    assert len(input_from_json(_with(both_ways)).rates) == 2

    def twice(data):
        data["rates"].append({**data["rates"][0], "rate": "0.29"})

    with pytest.raises(RoyaltyInputError) as error:
        input_from_json(_with(twice))
    assert (error.value.path, error.value.code) == ("rates[1].date", "rate_duplicate")


def test_the_input_must_be_an_object():
    with pytest.raises(RoyaltyInputError) as error:
        input_from_json([])
    assert (error.value.path, error.value.code) == ("", "object")
