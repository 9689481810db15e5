"""Catalogue pages: browsing, search, film and person pages, and the rights holder's editors."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.engine.identifiers import eidr_check_character
from cinebridge.catalogue.models import (
    Audience,
    Credit,
    FestivalEntry,
    Film,
    FilmCountry,
    FilmKind,
    FilmRating,
    FilmTranslation,
    FilmVersion,
    Person,
    SubtitleTrack,
)
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.catalogue.tests.test_forms import film_form_data

pytestmark = pytest.mark.django_db

GOOD_SRT = b"1\n00:00:01,000 --> 00:00:02,500\nSalam\n\n2\n00:00:03,000 --> 00:00:04,000\nKhodahafez\n"
# The second cue's time line is missing its arrow: line 6 of the file.
BROKEN_SRT = b"1\n00:00:01,000 --> 00:00:02,500\nSalam\n\n2\n00:00:03,000 00:00:04,000\nKhodahafez\n"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"catalogue:{name}", args=args)


def shown(response):
    """Slugs of the films on a catalogue page, in order."""
    return [film.slug for film in response.context["page"].object_list]


def png(width=200, height=300, name="poster.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 40, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def film_post(owner, **changes):
    """The film form as posted from the page: the year in Persian digits, a title in every UI language."""
    return film_form_data(
        owner,
        **{
            "year": "۱۹۹۷",
            "synopsis_en": "A boy loses his sister's shoes.",
            "title_fa": "بچه‌های آسمان",
            "title_be": "Дзеці нябёсаў",
            "title_ar": "أطفال السماء",
            **changes,
        },
    )


def catalogue_rows():
    return (Film.objects.count(), FilmTranslation.objects.count(), FilmCountry.objects.count())


@pytest.fixture
def rights_holder():
    return OrganisationFactory(slug="farabi", kind=OrganisationKind.RIGHTS_HOLDER, country="IR")


@pytest.fixture
def editor(rights_holder):
    return member_of(rights_holder, Role.EDITOR)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def film(rights_holder):
    return FilmFactory(owner=rights_holder, slug="children-of-heaven", english_title="Children of Heaven")


# --- The catalogue page -------------------------------------------------------------------------


def test_kind_filter_keeps_only_films_of_that_kind(client):
    FilmFactory(slug="a", kind=FilmKind.ANIMATION)
    FilmFactory(slug="f", kind=FilmKind.FEATURE)
    assert shown(client.get(url("film_list"), {"kind": "animation"})) == ["a"]


def test_audience_filter_keeps_only_films_for_that_audience(client):
    FilmFactory(slug="c", audience=Audience.CHILDREN)
    FilmFactory(slug="g", audience=Audience.GENERAL)
    assert shown(client.get(url("film_list"), {"audience": "children"})) == ["c"]


def test_year_range_keeps_films_within_both_ends(client):
    for year in (2009, 2010, 2015, 2020, 2021):
        FilmFactory(slug=f"y{year}", year=year)
    assert shown(client.get(url("film_list"), {"year_from": "2010", "year_to": "2020"})) == [
        "y2020",
        "y2015",
        "y2010",
    ]


def test_year_filter_accepts_persian_and_arabic_indic_digits(client):
    FilmFactory(slug="old", year=2001)
    FilmFactory(slug="new", year=2016)
    assert shown(client.get(url("film_list", language="fa"), {"year_from": "۲۰۱۵"})) == ["new"]
    assert shown(client.get(url("film_list", language="ar"), {"year_to": "٢٠٠٥"})) == ["old"]


def test_country_filter_keeps_films_produced_in_that_country(client):
    by = FilmFactory(slug="by")
    FilmCountry.objects.create(film=by, country="BY")
    ir = FilmFactory(slug="ir")
    FilmCountry.objects.create(film=ir, country="IR")
    assert shown(client.get(url("film_list"), {"country": "BY"})) == ["by"]


def test_language_filter_keeps_films_in_that_original_language(client):
    FilmFactory(slug="ru", original_language="ru")
    FilmFactory(slug="fa", original_language="fa")
    assert shown(client.get(url("film_list"), {"language": "ru"})) == ["ru"]


def test_subtitle_filter_keeps_films_with_a_track_in_that_language(client):
    with_ru = FilmFactory(slug="with-ru")
    version = FilmVersion.objects.create(film=with_ru, label="Original", audio_language="fa")
    SubtitleTrack.objects.create(
        version=version,
        language_code="ru",
        format="srt",
        file="subtitles/x.srt",
        cue_count=3,
        last_cue_end_ms=9000,
    )
    with_en = FilmFactory(slug="with-en")
    version = FilmVersion.objects.create(film=with_en, label="Original", audio_language="fa")
    SubtitleTrack.objects.create(
        version=version,
        language_code="en",
        format="srt",
        file="subtitles/y.srt",
        cue_count=3,
        last_cue_end_ms=9000,
    )
    FilmFactory(slug="none")
    assert shown(client.get(url("film_list"), {"subtitles": "ru"})) == ["with-ru"]


def test_catalogue_is_paginated_by_the_configured_page_size(client, settings):
    settings.CATALOGUE_PAGE_SIZE = 2
    for year in range(2001, 2006):
        FilmFactory(slug=f"y{year}", year=year)
    first = client.get(url("film_list"))
    last = client.get(url("film_list"), {"page": "3"})
    assert shown(first) == ["y2005", "y2004"]
    assert shown(last) == ["y2001"]
    assert "5 films" in first.content.decode()


def test_result_count_uses_the_singular_for_one_film(client):
    FilmFactory()
    assert "1 film<" in client.get(url("film_list")).content.decode()


def test_wrong_filter_values_are_reported_not_a_server_error(client):
    FilmFactory(slug="any")
    response = client.get(url("film_list"), {"year_from": "soon", "kind": "opera", "country": "XX"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year_from", "kind", "country"}
    assert shown(response) == ["any"]


def test_htmx_filter_request_gets_the_results_region_only(client):
    FilmFactory(slug="a", kind=FilmKind.ANIMATION)
    response = client.get(url("film_list"), {"kind": "animation"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.templates[0].name == "catalogue/_film_results.html"
    assert "web/base.html" not in {t.name for t in response.templates}
    assert "<html" not in html
    assert 'id="film-result-count"' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(
        url("film_list"), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_full_catalogue_page_wires_the_filters_to_the_results_region(client):
    html = client.get(url("film_list")).content.decode()
    assert 'hx-target="#film-results"' in html
    assert 'hx-push-url="true"' in html
    assert 'id="film-results"' in html


# --- Search -------------------------------------------------------------------------------------


def test_search_shows_matching_films_and_people(client, django_capture_on_commit_callbacks, rights_holder):
    from cinebridge.catalogue import services

    with django_capture_on_commit_callbacks(execute=True):
        services.film_create(
            owner=rights_holder,
            actor=None,
            data=services.FilmData(
                original_title="بچه‌های آسمان",
                original_language="fa",
                kind="feature",
                audience="children",
                year=1997,
                runtime_minutes=89,
                translations={"en": services.FilmText("Children of Heaven")},
            ),
        )
        services.person_create(names={"en": "Majid Majidi", "fa": "مجید مجیدی"})
    html = client.get(url("search"), {"q": "majidi heaven"}).content.decode()
    assert "Children of Heaven" in html
    assert "Majid Majidi" in html
    assert 'lang="fa" dir="auto">مجید مجیدی<' in html


def test_search_does_not_show_unpublished_films_to_visitors(client, django_capture_on_commit_callbacks, film):
    from cinebridge.search.services import search_rebuild_dirty

    Film.objects.filter(pk=film.pk).update(is_published=False)
    search_rebuild_dirty()
    response = client.get(url("search"), {"q": "Children of Heaven"})
    assert response.context["films"] == []


# --- The film page ------------------------------------------------------------------------------


def test_film_page_shows_the_title_in_the_active_language(client, film):
    FilmTranslation.objects.create(film=film, language_code="fa", title="بچه‌های آسمان")
    html = client.get(url("film_detail", film.slug, language="fa")).content.decode()
    assert '<h1 class="mb-1"><bdi>بچه‌های آسمان</bdi></h1>' in html


def test_film_page_falls_back_to_the_english_title(client, film):
    html = client.get(url("film_detail", film.slug, language="ru")).content.decode()
    assert '<h1 class="mb-1"><bdi>Children of Heaven</bdi></h1>' in html


def test_film_page_falls_back_to_the_original_title(client, film):
    film.translations.all().delete()
    html = client.get(url("film_detail", film.slug, language="ru")).content.decode()
    assert f'<h1 class="mb-1"><bdi>{film.original_title}</bdi></h1>' in html


def test_film_page_shows_the_original_title_with_its_language(client, film):
    html = client.get(url("film_detail", film.slug)).content.decode()
    assert f'<span lang="fa" dir="auto">{film.original_title}</span>' in html
    assert "(Persian)" in html


def test_film_page_shows_runtime_and_year_in_persian_digits_in_persian(client, film):
    html = client.get(url("film_detail", film.slug, language="fa")).content.decode()
    assert "۲۰۲۰" in html
    assert "۹۰" in html


def test_film_page_groups_credits_by_role_and_links_people(client, film):
    director = PersonFactory(slug="majidi", names={"en": "Majid Majidi"})
    actor = PersonFactory(slug="hashemian", names={"en": "Amir Farrokh Hashemian"})
    Credit.objects.create(film=film, person=director, role="director", position=0)
    Credit.objects.create(film=film, person=actor, role="actor", character="Ali", position=1)
    response = client.get(url("film_detail", film.slug))
    assert [role for role, _credits in response.context["credit_groups"]] == ["Director", "Actor"]
    html = response.content.decode()
    assert url("person_detail", "majidi") in html
    assert "<bdi>Ali</bdi>" in html


def test_film_page_shows_versions_with_subtitle_tracks_and_dcp(client, film):
    cpl = uuid.uuid4()
    version = FilmVersion.objects.create(
        film=film, label="Original", audio_language="fa", dcp_cpl_id=cpl, dcp_encrypted=True
    )
    SubtitleTrack.objects.create(
        version=version,
        language_code="ru",
        format="srt",
        file="subtitles/x.srt",
        cue_count=1234,
        last_cue_end_ms=9000,
        for_hard_of_hearing=True,
    )
    html = client.get(url("film_detail", film.slug)).content.decode()
    assert str(cpl) in html
    assert "Encrypted" in html
    assert "1234" in html
    assert "SDH" in html
    assert "Russian" in html


def test_film_page_labels_ratings_in_the_active_language(client, film):
    FilmRating.objects.create(film=film, country="IR", rating_code="+12", permit_number="1234")
    FilmRating.objects.create(film=film, country="BY", rating_code="**")
    english = client.get(url("film_detail", film.slug)).content.decode()
    persian = client.get(url("film_detail", film.slug, language="fa")).content.decode()
    assert "Screening permit" in english
    assert "12+" in english
    assert "بالای ۱۲ سال" in persian
    assert "پروانه نمایش" in persian


def test_film_page_shows_identifiers_and_festival_history(client, film):
    Film.objects.filter(pk=film.pk).update(imdb_id="tt0118849")
    FestivalEntry.objects.create(
        film=film,
        festival_name="Fajr Film Festival",
        edition_year=1997,
        result="won",
        award="Crystal Simorgh",
    )
    html = client.get(url("film_detail", film.slug)).content.decode()
    assert "https://www.imdb.com/title/tt0118849/" in html
    assert "Fajr Film Festival" in html
    assert "Crystal Simorgh" in html


def test_film_page_offers_edit_links_to_editors_only(client, film, editor, rights_holder):
    edit = url("film_edit", film.slug)
    assert edit not in client.get(url("film_detail", film.slug)).content.decode()
    client.force_login(member_of(rights_holder, Role.VIEWER))
    assert edit not in client.get(url("film_detail", film.slug)).content.decode()
    client.force_login(editor)
    assert edit in client.get(url("film_detail", film.slug)).content.decode()


def test_unpublished_film_is_not_found_by_visitors_or_other_organisations(client, film):
    Film.objects.filter(pk=film.pk).update(is_published=False)
    assert client.get(url("film_detail", film.slug)).status_code == 404
    client.force_login(member_of(OrganisationFactory(country="BY"), Role.EDITOR))
    assert client.get(url("film_detail", film.slug)).status_code == 404


def test_unpublished_film_is_seen_by_its_owner_and_its_countrys_film_body(client, film, rights_holder):
    Film.objects.filter(pk=film.pk).update(is_published=False)
    client.force_login(member_of(rights_holder, Role.VIEWER))
    assert client.get(url("film_detail", film.slug)).status_code == 200
    film_body = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR")
    client.force_login(member_of(film_body, Role.VIEWER))
    assert client.get(url("film_detail", film.slug)).status_code == 200


# --- The person page ----------------------------------------------------------------------------


def test_person_page_shows_every_name_in_its_language(client):
    person = PersonFactory(
        slug="majidi", names={"en": "Majid Majidi", "fa": "مجید مجیدی", "ru": "Маджид Маджиди"}
    )
    html = client.get(url("person_detail", person.slug)).content.decode()
    assert '<span lang="fa" dir="auto">مجید مجیدی</span>' in html
    assert '<span lang="ru" dir="auto">Маджид Маджиди</span>' in html


def test_person_page_lists_credits_on_visible_films_only(client, film, rights_holder):
    person = PersonFactory(slug="majidi")
    hidden = FilmFactory(owner=rights_holder, is_published=False, english_title="Secret Project")
    Credit.objects.create(film=film, person=person, role="director")
    Credit.objects.create(film=hidden, person=person, role="director")
    html = client.get(url("person_detail", person.slug)).content.decode()
    assert "Children of Heaven" in html
    assert "Secret Project" not in html


# --- Creating and editing a film ----------------------------------------------------------------


def test_editor_of_a_rights_holder_adds_a_film_that_search_then_finds(
    editor_client, rights_holder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url("film_create"), {**film_post(rights_holder), "poster": png()})
    film = Film.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("film_detail", film.slug)
    assert film.owner == rights_holder
    assert film.year == 1997
    assert {t.language_code: t.title for t in film.translations.all()} == {
        "en": "Children of Heaven",
        "fa": "بچه‌های آسمان",
        "ru": "Дети небес",
        "be": "Дзеці нябёсаў",
        "ar": "أطفال السماء",
    }
    assert [c.country for c in film.countries.all()] == ["IR", "BY"]
    assert {g.code for g in film.genres.all()} == {"family", "drama"}
    assert film.poster.name.endswith(".png")
    found = editor_client.get(url("search"), {"q": "Дети небес"})
    assert [f.pk for f in found.context["films"]] == [film.pk]


def test_editor_changes_a_film_and_its_texts(editor_client, rights_holder, film):
    data = film_post(rights_holder, title_en="Children of Heaven (restored)", runtime_minutes="88")
    response = editor_client.post(url("film_edit", film.slug), data)
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.runtime_minutes == 88
    assert film.translations.get(language_code="en").title == "Children of Heaven (restored)"
    assert film.slug == "children-of-heaven"


def test_edit_form_starts_from_the_films_values(editor_client, film):
    form = editor_client.get(url("film_edit", film.slug)).context["form"]
    assert form.initial["title_en"] == "Children of Heaven"
    assert form.initial["year"] == 2020


def test_visitor_is_sent_to_sign_in_before_adding_a_film(client):
    response = client.get(url("film_create"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_viewer_member_may_not_add_or_edit_films(client, rights_holder, film):
    client.force_login(member_of(rights_holder, Role.VIEWER))
    before = catalogue_rows()
    assert client.get(url("film_create")).status_code == 403
    assert client.post(url("film_create"), film_post(rights_holder)).status_code == 403
    assert client.get(url("film_edit", film.slug)).status_code == 404
    assert client.post(url("film_edit", film.slug), film_post(rights_holder)).status_code == 404
    assert catalogue_rows() == before


def test_editor_of_another_organisation_may_not_edit_or_add_for_this_one(client, rights_holder, film):
    other = OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER, country="BY")
    client.force_login(member_of(other, Role.EDITOR))
    before = catalogue_rows()
    assert client.get(url("film_edit", film.slug)).status_code == 404
    assert (
        client.post(
            url("film_credits", film.slug), {"name": "X", "name_language": "en", "role": "director"}
        ).status_code
        == 404
    )
    response = client.post(url("film_create"), film_post(rights_holder))
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert catalogue_rows() == before


def test_editor_of_an_exhibitor_may_not_add_films(client):
    client.force_login(member_of(OrganisationFactory(kind=OrganisationKind.EXHIBITOR), Role.EDITOR))
    assert client.get(url("film_create")).status_code == 403


def test_missing_english_title_is_shown_on_the_english_title_and_nothing_is_saved(
    editor_client, rights_holder
):
    before = catalogue_rows()
    response = editor_client.post(url("film_create"), film_post(rights_holder, title_en="", synopsis_en=""))
    assert response.status_code == 200
    assert "English title is required" in response.context["form"].errors["title_en"][0]
    assert catalogue_rows() == before


def test_missing_english_title_on_edit_changes_nothing(editor_client, rights_holder, film):
    response = editor_client.post(
        url("film_edit", film.slug), film_post(rights_holder, title_en="", year="2001")
    )
    assert "title_en" in response.context["form"].errors
    film.refresh_from_db()
    assert film.year == 2020
    assert film.translations.get(language_code="en").title == "Children of Heaven"


def test_wrong_eidr_check_character_names_the_expected_one_and_nothing_is_saved(editor_client, rights_holder):
    digits = "779185342C2390308610"
    expected = eidr_check_character(digits)
    wrong = "A" if expected != "A" else "B"
    eidr = f"10.5240/7791-8534-2C23-9030-8610-{wrong}"
    before = catalogue_rows()
    response = editor_client.post(url("film_create"), film_post(rights_holder, eidr=eidr))
    [message] = response.context["form"].errors["eidr"]
    assert f"must be {expected}" in message
    assert catalogue_rows() == before


def test_oversized_poster_is_refused_on_the_poster_field_and_nothing_is_saved(
    editor_client, rights_holder, settings
):
    settings.POSTER_MAX_BYTES = 100
    before = catalogue_rows()
    response = editor_client.post(url("film_create"), {**film_post(rights_holder), "poster": png()})
    assert "larger than" in response.context["form"].errors["poster"][0]
    assert catalogue_rows() == before


def test_text_file_named_jpg_is_refused_as_a_poster_and_nothing_is_saved(editor_client, rights_holder):
    fake = SimpleUploadedFile("poster.jpg", b"this is not a picture\n" * 20, content_type="image/jpeg")
    before = catalogue_rows()
    response = editor_client.post(url("film_create"), {**film_post(rights_holder), "poster": fake})
    assert "not an image" in response.context["form"].errors["poster"][0]
    assert catalogue_rows() == before


def test_year_before_cinema_is_refused_by_the_form(editor_client, rights_holder):
    before = catalogue_rows()
    response = editor_client.post(url("film_create"), film_post(rights_holder, year="1700"))
    assert "year" in response.context["form"].errors
    assert catalogue_rows() == before


# --- Credits ------------------------------------------------------------------------------------


def test_editor_adds_credits_reusing_a_person_already_recorded(editor_client, film):
    existing = PersonFactory(names={"fa": "مجید مجیدی"})
    editor_client.post(
        url("film_credits", film.slug), {"name": "مجید مجیدی", "name_language": "fa", "role": "director"}
    )
    response = editor_client.post(
        url("film_credits", film.slug),
        {"name": "Amir Farrokh Hashemian", "name_language": "en", "role": "actor", "character": "Ali"},
    )
    assert response.status_code == 302
    credits = list(film.credits.order_by("position"))
    assert [(c.person_id, c.role) for c in credits[:1]] == [(existing.pk, "director")]
    assert credits[1].character == "Ali"
    assert credits[1].person.names.get().name == "Amir Farrokh Hashemian"


def test_the_same_credit_twice_is_refused(editor_client, film):
    data = {"name": "Majid Majidi", "name_language": "en", "role": "director"}
    editor_client.post(url("film_credits", film.slug), data)
    response = editor_client.post(url("film_credits", film.slug), data)
    assert "already credited" in response.context["form"].errors["name"][0]
    assert film.credits.count() == 1


def test_editor_removes_a_credit(editor_client, film):
    keep = Credit.objects.create(film=film, person=PersonFactory(), role="director", position=0)
    drop = Credit.objects.create(film=film, person=PersonFactory(), role="producer", position=1)
    response = editor_client.post(url("film_credit_remove", film.slug, drop.pk))
    assert response.status_code == 302
    assert [c.person_id for c in film.credits.all()] == [keep.person_id]


def test_removing_a_credit_is_post_only_and_needs_the_csrf_token(editor, film):
    credit = Credit.objects.create(film=film, person=PersonFactory(), role="director")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(url("film_credit_remove", film.slug, credit.pk)).status_code == 405
    assert client.post(url("film_credit_remove", film.slug, credit.pk)).status_code == 403
    assert film.credits.count() == 1


# --- Versions and subtitles ---------------------------------------------------------------------


def test_editor_adds_a_version_with_an_encrypted_dcp(editor_client, film):
    cpl = uuid.uuid4()
    response = editor_client.post(
        url("film_versions", film.slug),
        {"label": "Original", "audio_language": "fa", "dcp_cpl_id": str(cpl), "dcp_encrypted": "on"},
    )
    assert response.status_code == 302
    version = film.versions.get()
    assert (version.dcp_cpl_id, version.dcp_encrypted) == (cpl, True)


def test_encrypted_dcp_without_its_cpl_id_is_refused_on_that_field(editor_client, film):
    response = editor_client.post(
        url("film_versions", film.slug), {"label": "Original", "audio_language": "fa", "dcp_encrypted": "on"}
    )
    assert "dcp_cpl_id" in response.context["version_form"].errors
    assert not film.versions.exists()


def test_a_cpl_id_used_by_another_version_is_refused_on_that_field(editor_client, film):
    cpl = uuid.uuid4()
    FilmVersion.objects.create(film=FilmFactory(), label="Original", audio_language="fa", dcp_cpl_id=cpl)
    response = editor_client.post(
        url("film_versions", film.slug), {"label": "Original", "audio_language": "fa", "dcp_cpl_id": str(cpl)}
    )
    assert "dcp_cpl_id" in response.context["version_form"].errors
    assert not film.versions.exists()


def upload_subtitles(client, film, content, name="ru.srt", **fields):
    version = film.versions.first() or FilmVersion.objects.create(
        film=film, label="Original", audio_language="fa"
    )
    data = {
        "version": str(version.pk),
        "language_code": "ru",
        "subtitle_file": SimpleUploadedFile(name, content),
    }
    data.update(fields)
    return client.post(url("subtitle_upload", film.slug), data)


def test_editor_uploads_an_sdh_subtitle_file(editor_client, film):
    response = upload_subtitles(editor_client, film, GOOD_SRT, for_hard_of_hearing="on")
    assert response.status_code == 302
    track = SubtitleTrack.objects.get()
    assert (track.language_code, track.cue_count, track.for_hard_of_hearing) == ("ru", 2, True)


def test_broken_srt_is_refused_naming_the_line_and_nothing_is_saved(editor_client, film):
    response = upload_subtitles(editor_client, film, BROKEN_SRT)
    [message] = response.context["subtitle_form"].errors["subtitle_file"]
    assert "Line 6" in message
    assert SubtitleTrack.objects.count() == 0


def test_windows_1256_subtitle_file_is_refused_with_a_request_for_utf8(editor_client, film):
    content = "1\n00:00:01,000 --> 00:00:02,500\nسلام دوست من\n".encode("cp1256")
    response = upload_subtitles(editor_client, film, content)
    [message] = response.context["subtitle_form"].errors["subtitle_file"]
    assert "UTF-8" in message
    assert SubtitleTrack.objects.count() == 0


def test_subtitles_for_another_films_version_are_refused(editor_client, film):
    foreign = FilmVersion.objects.create(film=FilmFactory(), label="Original", audio_language="fa")
    response = upload_subtitles(editor_client, film, GOOD_SRT, version=str(foreign.pk))
    assert "version" in response.context["subtitle_form"].errors
    assert SubtitleTrack.objects.count() == 0


# --- Ratings and festival history ---------------------------------------------------------------


def test_editor_records_an_iranian_rating_with_its_permit(editor_client, film):
    response = editor_client.post(
        url("film_ratings", film.slug),
        {"country": "IR", "rating_code": "+12", "permit_number": "۱۲۳۴", "permit_date": "۲۰۲۴-۰۳-۰۵"},
    )
    assert response.status_code == 302
    rating = film.ratings.get()
    assert (rating.rating_code, rating.permit_number, rating.permit_date.isoformat()) == (
        "+12",
        "۱۲۳۴",
        "2024-03-05",
    )


def test_a_belarusian_rating_for_iran_is_refused_on_the_rating_field(editor_client, film):
    response = editor_client.post(url("film_ratings", film.slug), {"country": "IR", "rating_code": "**"})
    assert "rating_code" in response.context["form"].errors
    assert not film.ratings.exists()


def test_editor_adds_a_festival_award(editor_client, film):
    response = editor_client.post(
        url("film_festivals", film.slug),
        {"festival_name": "Fajr", "edition_year": "۱۹۹۷", "result": "won", "award": "Crystal Simorgh"},
    )
    assert response.status_code == 302
    assert film.festival_entries.get().award == "Crystal Simorgh"


def test_a_win_without_its_award_is_refused_on_the_award_field(editor_client, film):
    response = editor_client.post(
        url("film_festivals", film.slug), {"festival_name": "Fajr", "edition_year": "1997", "result": "won"}
    )
    assert "award" in response.context["form"].errors
    assert not film.festival_entries.exists()


@pytest.mark.parametrize(
    "page", ["film_edit", "film_credits", "film_versions", "film_ratings", "film_festivals"]
)
def test_editing_pages_render_for_the_editor(editor_client, film, page):
    for language in ("en", "fa"):
        assert editor_client.get(url(page, film.slug, language=language)).status_code == 200


def test_person_created_for_a_credit_is_not_left_behind_when_the_credit_fails(
    editor_client, film, monkeypatch
):
    from cinebridge.catalogue import services
    from cinebridge.core.errors import ApplicationError

    def refuse(**kwargs):
        raise ApplicationError("No.", extra={"field": "credits"})

    monkeypatch.setattr(services, "film_set_credits", refuse)
    editor_client.post(
        url("film_credits", film.slug), {"name": "Nobody Yet", "name_language": "en", "role": "editor"}
    )
    assert not Person.objects.exists()
