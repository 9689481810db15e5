import copy
import json
import re

import pytest

from cinebridge.catalogue.engine.ratings import (
    DATA_FILE,
    LANGUAGES,
    RatingDataError,
    RatingSystem,
    load_rating_systems,
    parse_rating_systems,
    rating_system_for,
)

SYSTEMS = load_rating_systems()


def _texts(system: RatingSystem):
    """Every multilingual text of a system, named for failure messages."""
    yield "authority", system.authority
    yield "certificate_name", system.certificate_name
    for rating in system.ratings:
        yield f"{rating.code}.labels", rating.labels
        yield f"{rating.code}.description", rating.description


def _raw():
    """The shipped data file, decoded, for tests that break it on purpose."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def test_the_data_file_holds_iran_and_belarus():
    assert [s.country for s in SYSTEMS] == ["IR", "BY"]


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.country)
def test_codes_are_unique(system):
    assert len(set(system.codes)) == len(system.codes)


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.country)
def test_min_ages_never_go_down(system):
    ages = [r.min_age for r in system.ratings if r.min_age is not None]
    assert ages == sorted(ages)


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.country)
def test_every_text_exists_in_all_five_languages(system):
    for name, texts in _texts(system):
        assert set(texts) == set(LANGUAGES), name
        assert all(texts[lang].strip() for lang in LANGUAGES), name


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.country)
def test_texts_use_the_letters_and_digits_of_their_language(system):
    # Arabic ي/ك in Persian, Persian ی/ک in Arabic and Russian и/щ/ъ in Belarusian are classic slips.
    wrong = {
        "fa": re.compile(r"[0-9\u0660-\u0669يكة]"),
        "ar": re.compile(r"[\u06f0-\u06f9یکپچژگ]"),
        "ru": re.compile(r"[іўІЎ]"),
        "be": re.compile(r"[иИщЩъЪ]"),
    }
    for name, texts in _texts(system):
        for lang, pattern in wrong.items():
            assert not pattern.search(texts[lang]), f"{name} [{lang}]: {texts[lang]}"


def test_iran_screening_permit_and_age_categories():
    iran = rating_system_for("ir")
    assert iran is not None
    assert iran.certificate_name["fa"] == "پروانه نمایش"
    assert iran.authority["fa"] == "وزارت فرهنگ و ارشاد اسلامی"
    assert [(r.code, r.min_age) for r in iran.ratings] == [
        ("all", 0),
        ("+9", 9),
        ("+12", 12),
        ("+15", 15),
        ("+18", 18),
    ]


def test_belarus_indices_and_their_age_categories():
    belarus = rating_system_for("BY")
    assert belarus is not None
    assert belarus.certificate_name["ru"] == "Удостоверение о государственной регистрации фильма"
    assert [(r.code, r.min_age, r.labels["ru"]) for r in belarus.ratings] == [
        ("0", 0, "0+"),
        ("*", 6, "6+"),
        ("**", 12, "12+"),
        ("***", 16, "16+"),
        ("****", 18, "18+"),
        ("\u042d18", 18, "18+ (эротика)"),
    ]


def test_lookup_by_code():
    belarus = rating_system_for("BY")
    assert belarus is not None
    rating = belarus.rating("***")
    assert rating is not None
    assert rating.min_age == 16
    assert belarus.rating("PG-13") is None
    assert rating_system_for("FR") is None


def test_loaded_texts_are_read_only():
    with pytest.raises(TypeError):
        SYSTEMS[0].authority["en"] = "changed"


def test_loading_from_another_path(tmp_path):
    path = tmp_path / "systems.json"
    path.write_text(json.dumps(_raw(), ensure_ascii=False), encoding="utf-8")
    assert load_rating_systems(path) == SYSTEMS


def _broken(edit) -> RatingDataError:
    """The error raised by the shipped data after `edit` has changed a deep copy of it."""
    data = copy.deepcopy(_raw())
    edit(data)
    with pytest.raises(RatingDataError) as excinfo:
        parse_rating_systems(data)
    return excinfo.value


def test_missing_translation_is_refused():
    error = _broken(lambda d: d["systems"][1]["ratings"][2]["labels"].pop("be"))
    assert error.code == "missing_language"
    assert error.params == {"where": "$.systems[1].ratings[2].labels", "language": "be"}


def test_duplicate_code_is_refused():
    error = _broken(lambda d: d["systems"][0]["ratings"][2].update(code="+9"))
    assert (error.code, error.params["code"]) == ("duplicate_code", "+9")


def test_decreasing_min_age_is_refused():
    error = _broken(lambda d: d["systems"][1]["ratings"][3].update(min_age=10))
    assert (error.code, error.params["ages"]) == ("decreasing_min_age", [12, 10])


@pytest.mark.parametrize("min_age", [-1, "12", True, 12.5])
def test_bad_min_age_is_refused(min_age):
    assert _broken(lambda d: d["systems"][0]["ratings"][1].update(min_age=min_age)).code == "bad_min_age"


def test_bad_country_and_duplicate_system_are_refused():
    assert _broken(lambda d: d["systems"][0].update(country="Iran")).code == "bad_country"
    assert _broken(lambda d: d["systems"][1].update(country="IR")).code == "duplicate_system"


def test_wrong_shapes_are_refused():
    assert _broken(lambda d: d.update(systems={})).code == "missing_field"
    assert _broken(lambda d: d["systems"].append([])).code == "not_an_object"
    assert _broken(lambda d: d["systems"][0].pop("code")).code == "missing_field"
    with pytest.raises(RatingDataError):
        parse_rating_systems([])
