"""The UI catalogues are complete: every string of every page has a translation in fa, ar, ru and be."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = ["fa", "ar", "ru", "be"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _catalog(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=language)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalog = _catalog(language)
    missing = [
        m.id for m in catalog if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == []
    assert fuzzy == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_every_placeholder(language):
    for message in _catalog(language):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[-1]
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            assert sorted(set(PLACEHOLDER.findall(text))) == wanted or not wanted, (language, source, text)


@pytest.mark.parametrize("language", ["fa", "ar", "ru", "be", "en"])
def test_every_ui_language_has_a_catalogue(language):
    assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").exists()


def test_the_compiled_catalogues_are_used_at_run_time():
    expected = {"fa": "کاتالوگ", "ar": "الكتالوج", "ru": "Каталог", "be": "Каталог"}
    for language, word in expected.items():
        with translation.override(language):
            assert translation.gettext("Catalogue") == word
    with translation.override("ru"):
        assert translation.pgettext("film credit", "Editor") != translation.gettext("Editor")
