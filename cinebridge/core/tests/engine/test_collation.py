"""Alphabetical order per language."""

from hypothesis import given
from hypothesis import strategies as st

from cinebridge.core.engine.collation import ALPHABETS, collation_key


def test_persian_letters_outside_the_arabic_block_sort_in_their_place():
    countries = ["هند", "پاکستان", "ایران", "چین", "ژاپن", "گرجستان", "بلاروس"]
    assert sorted(countries, key=lambda c: collation_key(c, "fa")) == [
        "ایران",
        "بلاروس",
        "پاکستان",
        "چین",
        "ژاپن",
        "گرجستان",
        "هند",
    ]


def test_arabic_puts_heh_before_waw_and_ignores_hamza_forms():
    words = ["وطن", "هند", "أمل", "باب"]
    assert sorted(words, key=lambda w: collation_key(w, "ar")) == ["أمل", "باب", "هند", "وطن"]


def test_belarusian_i_and_short_u_sort_inside_the_alphabet():
    words = ["Україна", "Іран", "Ўзбекістан", "Японія", "Беларусь"]
    assert sorted(words, key=lambda w: collation_key(w, "be")) == [
        "Беларусь",
        "Іран",
        "Україна",
        "Ўзбекістан",
        "Японія",
    ]


def test_russian_yo_sorts_with_ye():
    assert collation_key("ёлка", "ru") == collation_key("елка", "ru")
    assert collation_key("ёлка", "ru") < collation_key("жук", "ru")


@given(st.sampled_from(sorted(ALPHABETS)), st.data())
def test_each_alphabet_sorts_its_own_letters_in_order(language, data):
    letters = data.draw(st.lists(st.sampled_from(ALPHABETS[language]), min_size=2, max_size=10))
    ordered = sorted(letters, key=lambda ch: collation_key(ch, language))
    assert ordered == sorted(letters, key=ALPHABETS[language].index)
