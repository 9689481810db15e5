"""A rights holder adds a film, its version and subtitles in the browser, and finds it in another script."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from cinebridge.catalogue.messages import subtitle_error_message
from cinebridge.catalogue.models import Film, SubtitleTrack
from cinebridge.catalogue.services import film_version_create

pytestmark = pytest.mark.browser

# Three cues, in Russian and Persian.
GOOD_SRT = """1
00:00:01,000 --> 00:00:03,500
Отец, ты дома?

2
00:00:04,000 --> 00:00:06,000
خانه پدری

3
00:00:07,000 --> 00:00:09,000
До свидания.
"""
# The second cue ends before it starts: its timing is on line 6.
BAD_SRT = """1
00:00:01,000 --> 00:00:03,500
Привет.

2
00:00:05,000 --> 00:00:04,000
Пока.
"""
BAD_LINE = 6


def _add_film_through_the_form(page: Page) -> None:
    """Fill the "add a film" form as a Persian-speaking editor would, the year in Persian digits."""
    page.get_by_label("Original title", exact=True).fill("خانه پدری")
    page.get_by_label("Original language", exact=True).select_option("fa")
    page.get_by_label("Kind", exact=True).select_option("feature")
    page.get_by_label("Audience", exact=True).select_option("general")
    page.get_by_label("Year", exact=True).fill("۲۰۱۲")
    page.get_by_label("Runtime (minutes)", exact=True).fill("۹۸")
    page.get_by_label("Production countries", exact=True).select_option("IR")
    page.locator("#id_title_fa").fill("خانه پدری")
    page.locator("#id_title_en").fill("The Paternal House")
    page.get_by_role("button", name="Add the film").click()


def test_rights_holder_adds_a_film_with_subtitles_and_finds_it_by_a_cyrillic_transliteration(
    page, rights_holder, make_member, sign_in, add_film, tmp_path
):
    editor = make_member(rights_holder, "farabi-editor")
    add_film(rights_holder, english="Children of Heaven", original_title="بچه‌های آسمان", year=1997)
    subtitles = tmp_path / "paternal-house.ru.srt"
    subtitles.write_text(GOOD_SRT, encoding="utf-8")
    sign_in(editor, "/en/films/")

    page.get_by_role("link", name="Add a film").click()
    _add_film_through_the_form(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("The Paternal House")
    expect(page.get_by_role("status")).to_contain_text("The film was added to the catalogue.")
    film = Film.objects.get(original_title="خانه پدری")
    assert (film.year, film.runtime_minutes, film.owner) == (2012, 98, rights_holder)
    expect(page.locator("main dl")).to_contain_text("2012")

    page.get_by_role("link", name="Versions and subtitles").click()
    page.get_by_label("Label", exact=True).fill("Original with Russian subtitles")
    page.get_by_label("Audio language", exact=True).select_option("fa")
    page.get_by_role("button", name="Add the version").click()
    expect(page.get_by_role("status")).to_contain_text("The version was added.")
    page.get_by_label("Version", exact=True).select_option(label="Original with Russian subtitles")
    page.get_by_label("Subtitle language", exact=True).select_option("ru")
    page.get_by_label("Subtitle file", exact=True).set_input_files(subtitles)
    page.get_by_role("button", name="Check and upload").click()

    expect(page.get_by_role("status")).to_contain_text("The subtitle file was checked and added.")
    track = page.locator(".card").filter(has_text="Original with Russian subtitles").locator("tbody tr")
    expect(track).to_have_count(1)
    expect(track.locator("td").nth(0)).to_have_text("Russian")
    expect(track.locator("td").nth(2)).to_have_text("3")

    search_box = page.locator("#main-nav input[name=q]")
    search_box.fill("Хане-йе Падари")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/search/\?q="))
    found = page.locator('section[aria-labelledby="search-films"]')
    expect(found.get_by_role("link", name="The Paternal House")).to_be_visible()
    expect(found.get_by_role("link", name="Children of Heaven")).to_have_count(0)


def test_a_bad_subtitle_file_is_refused_naming_its_line_and_nothing_is_attached(
    page, rights_holder, make_member, sign_in, add_film, tmp_path
):
    editor = make_member(rights_holder, "farabi-editor")
    film = add_film(rights_holder, english="The Paternal House", original_title="خانه پدری", year=2012)
    version = film_version_create(film=film, label="Original", audio_language="fa", actor=None)
    bad = tmp_path / "broken.srt"
    bad.write_text(BAD_SRT, encoding="utf-8")
    with translation.override("ru"):
        expected = subtitle_error_message("end_before_start", BAD_LINE, {})
    sign_in(editor, f"/ru/films/{film.slug}/versions/")

    # Russian UI: fields are found by id, so the test holds whatever the translations say.
    page.locator("#id_version").select_option(str(version.pk))
    page.locator("#id_language_code").select_option("ru")
    page.locator("#id_subtitle_file").set_input_files(bad)
    page.locator('form[action$="/subtitles/"] button[type=submit]').click()

    error = page.locator("#id_subtitle_file_error")
    expect(error).to_have_text(expected)
    expect(error).to_contain_text(str(BAD_LINE))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("#id_subtitle_file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".card tbody tr")).to_have_count(0)
    assert not SubtitleTrack.objects.filter(version=version).exists()
