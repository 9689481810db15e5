"""Country and language names come from CLDR in the active UI language."""

from django.utils import translation

from cinebridge.core.vocabularies import (
    country_choices,
    country_codes,
    country_name,
    is_country_code,
    is_language_code,
    language_name,
)


def test_country_names_follow_the_active_language():
    expected = {"fa": "ایران", "ar": "إيران", "ru": "Иран", "be": "Іран", "en": "Iran"}
    for language, name in expected.items():
        with translation.override(language):
            assert country_name("IR") == name


def test_language_names_follow_the_active_language():
    with translation.override("ru"):
        assert language_name("be") == "белорусский"
    with translation.override("fa"):
        assert language_name("fa") == "فارسی"


def test_only_real_alpha2_countries_are_offered():
    codes = country_codes()
    assert {"IR", "BY", "RU", "FR"} <= set(codes)
    assert all(len(code) == 2 and code.isalpha() for code in codes)
    assert not {"EU", "UN", "ZZ"} & set(codes)
    assert 240 <= len(codes) <= 260
    assert is_country_code("BY")
    assert not is_country_code("QQ")


def test_country_choices_follow_the_alphabet_of_the_active_language():
    with translation.override("fa"):
        codes = [code for code, _name in country_choices()]
    assert codes.index("PK") < codes.index("IN")  # پاکستان before هند, though پ has a higher code point
    with translation.override("ru"):
        codes = [code for code, _name in country_choices()]
    assert codes.index("CV") < codes.index("KP")  # Кабо-Верде before КНДР: case does not count


def test_language_codes_are_checked():
    assert is_language_code("fa")
    assert is_language_code("be")
    assert not is_language_code("xx-nonsense")
    assert not is_language_code("")
