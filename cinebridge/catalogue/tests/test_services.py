"""Catalogue services: each write validated, authorised and all-or-nothing."""

import io
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue import services
from cinebridge.catalogue.engine.identifiers import eidr_check_character
from cinebridge.catalogue.models import Film, FilmTranslation, SubtitleTrack
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.core.errors import ApplicationError

pytestmark = pytest.mark.django_db

EIDR_DIGITS = "779185342C2390308610"
VALID_EIDR = "10.5240/7791-8534-2C23-9030-8610-5"  # a real, registered EIDR


def film_data(**changes):
    fields = {
        "original_title": "خانه دوست کجاست؟",
        "original_language": "fa",
        "kind": "feature",
        "audience": "children",
        "year": 1987,
        "runtime_minutes": 83,
        "translations": {
            "en": services.FilmText("Where Is the Friend's House?", "A boy returns a notebook."),
            "ru": services.FilmText("Где дом друга?"),
        },
        "countries": ["ir"],
        "genre_codes": ["drama", "family"],
    }
    fields.update(changes)
    return services.FilmData(**fields)


@pytest.fixture
def farabi():
    return OrganisationFactory(slug="farabi", kind=OrganisationKind.RIGHTS_HOLDER, country="IR")


@pytest.fixture
def editor(farabi):
    return member_of(farabi, Role.EDITOR)


def png_bytes(width=300, height=450, fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 40, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def test_film_create_saves_the_film_with_translations_countries_and_genres(farabi, editor):
    film = services.film_create(owner=farabi, data=film_data(eidr=VALID_EIDR.lower()), actor=editor)
    film.refresh_from_db()
    assert film.slug == "where-is-the-friends-house-1987"
    assert {t.language_code: t.title for t in film.translations.all()} == {
        "en": "Where Is the Friend's House?",
        "ru": "Где дом друга?",
    }
    assert [c.country for c in film.countries.all()] == ["IR"]
    assert sorted(g.code for g in film.genres.all()) == ["drama", "family"]
    assert film.eidr == VALID_EIDR
    assert film.search_index_dirty


def test_slugs_stay_unique_for_films_of_the_same_title_and_year(farabi, editor):
    first = services.film_create(owner=farabi, data=film_data(), actor=editor)
    second = services.film_create(owner=farabi, data=film_data(), actor=editor)
    assert first.slug != second.slug


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"translations": {"ru": services.FilmText("Где дом друга?")}}, "title_en"),
        ({"translations": {"en": services.FilmText("X"), "fa": services.FilmText("", "خلاصه")}}, "title_fa"),
        ({"original_language": "xx-nonsense"}, "original_language"),
        ({"countries": ["IR", "QQ"]}, "countries"),
        ({"genre_codes": ["space-opera"]}, "genres"),
        ({"imdb_id": "tt12"}, "imdb_id"),
        ({"isan": "0000-0000-1234"}, "isan"),
    ],
)
def test_bad_film_input_names_the_field_and_saves_nothing(farabi, editor, changes, field):
    with pytest.raises(ApplicationError) as excinfo:
        services.film_create(owner=farabi, data=film_data(**changes), actor=editor)
    assert excinfo.value.field == field
    assert Film.objects.count() == 0
    assert FilmTranslation.objects.count() == 0


def test_a_wrong_eidr_check_character_is_refused_with_the_expected_one(farabi, editor):
    digits = EIDR_DIGITS
    wrong = "A" if eidr_check_character(digits) != "A" else "B"
    assert eidr_check_character(digits) == "5"
    with pytest.raises(ApplicationError) as excinfo:
        services.film_create(
            owner=farabi, data=film_data(eidr=f"10.5240/7791-8534-2C23-9030-8610-{wrong}"), actor=editor
        )
    assert excinfo.value.field == "eidr"
    assert eidr_check_character(digits) in excinfo.value.message


def test_the_same_eidr_cannot_be_used_twice(farabi, editor):
    services.film_create(owner=farabi, data=film_data(eidr=VALID_EIDR), actor=editor)
    with pytest.raises(Exception):  # noqa: B017 - full_clean's ValidationError on the unique constraint
        services.film_create(owner=farabi, data=film_data(eidr=VALID_EIDR), actor=editor)
    assert Film.objects.count() == 1


@pytest.mark.parametrize("role", [Role.VIEWER])
def test_viewers_and_outsiders_cannot_create_films(farabi, role):
    viewer = member_of(farabi, role)
    outsider = member_of(OrganisationFactory(country="BY"), Role.ADMIN)
    for actor in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.film_create(owner=farabi, data=film_data(), actor=actor)
    assert Film.objects.count() == 0


def test_film_update_replaces_translations_and_keeps_the_address(farabi, editor):
    film = services.film_create(owner=farabi, data=film_data(), actor=editor)
    services.film_update(
        film=film,
        actor=editor,
        data=film_data(
            translations={"en": services.FilmText("Where Is My Friend's Home?")}, countries=["IR", "FR"]
        ),
    )
    film.refresh_from_db()
    assert film.slug == "where-is-the-friends-house-1987"
    assert [t.title for t in film.translations.all()] == ["Where Is My Friend's Home?"]
    assert [c.country for c in film.countries.all()] == ["IR", "FR"]


def test_a_valid_poster_is_stored_under_its_real_format(farabi, editor):
    upload = SimpleUploadedFile("whatever.bin", png_bytes(), content_type="application/octet-stream")
    film = services.film_create(owner=farabi, data=film_data(), actor=editor, poster=upload)
    assert film.poster.name.endswith(".png")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"this is not an image at all", "poster.jpg"),
        (png_bytes(50, 60), "tiny.png"),
        (png_bytes(fmt="GIF"), "animated.gif"),
    ],
)
def test_bad_posters_are_refused_on_the_poster_field(farabi, editor, content, name):
    with pytest.raises(ApplicationError) as excinfo:
        services.film_create(
            owner=farabi, data=film_data(), actor=editor, poster=SimpleUploadedFile(name, content)
        )
    assert excinfo.value.field == "poster"
    assert Film.objects.count() == 0


def test_oversized_posters_are_refused_before_decoding(farabi, editor, settings):
    settings.POSTER_MAX_BYTES = 1000
    with pytest.raises(ApplicationError, match="larger than"):
        services.film_create(
            owner=farabi, data=film_data(), actor=editor, poster=SimpleUploadedFile("big.png", png_bytes())
        )


def test_subtitle_upload_parses_and_stores_the_track(farabi, editor):
    film = FilmFactory(owner=farabi)
    version = services.film_version_create(film=film, label="Original", audio_language="fa", actor=editor)
    srt = "1\n00:00:01,000 --> 00:00:03,500\nСалам!\n\n2\n00:00:04,000 --> 00:00:06,000\nКуда ты идёшь?\n"
    track = services.subtitle_track_upload(
        version=version, language_code="ru", actor=editor, upload=SimpleUploadedFile("ru.srt", srt.encode())
    )
    assert (track.format, track.cue_count, track.last_cue_end_ms) == ("srt", 2, 6000)
    replacement = services.subtitle_track_upload(
        version=version, language_code="ru", actor=editor, upload=SimpleUploadedFile("ru.srt", srt.encode())
    )
    assert list(SubtitleTrack.objects.all()) == [replacement]


def test_a_broken_subtitle_file_names_the_line_and_saves_nothing(farabi, editor):
    version = services.film_version_create(
        film=FilmFactory(owner=farabi), label="Original", audio_language="fa", actor=editor
    )
    broken = "1\n00:00:01,000 --> 00:00:03,500\nسلام\n\n2\n00:00:04 -> 00:00:06\nخداحافظ\n"
    with pytest.raises(ApplicationError) as excinfo:
        services.subtitle_track_upload(
            version=version,
            language_code="fa",
            actor=editor,
            upload=SimpleUploadedFile("fa.srt", broken.encode()),
        )
    assert excinfo.value.extra == {"field": "subtitle_file", "line": 6}
    assert "6" in excinfo.value.message
    assert SubtitleTrack.objects.count() == 0


def test_a_windows_1256_subtitle_file_is_refused_with_advice(farabi, editor):
    version = services.film_version_create(
        film=FilmFactory(owner=farabi), label="Original", audio_language="fa", actor=editor
    )
    cp1256 = "1\n00:00:01,000 --> 00:00:03,500\nسلام دوست من\n".encode("cp1256")
    with pytest.raises(ApplicationError, match="UTF-8"):
        services.subtitle_track_upload(
            version=version, language_code="fa", actor=editor, upload=SimpleUploadedFile("fa.srt", cp1256)
        )


def test_an_encrypted_dcp_needs_its_cpl_id(farabi, editor):
    film = FilmFactory(owner=farabi)
    with pytest.raises(ApplicationError) as excinfo:
        services.film_version_create(
            film=film, label="DCP", audio_language="fa", actor=editor, dcp_encrypted=True
        )
    assert excinfo.value.field == "dcp_cpl_id"
    version = services.film_version_create(
        film=film, label="DCP", audio_language="fa", actor=editor, dcp_encrypted=True, dcp_cpl_id=uuid.uuid4()
    )
    assert version.dcp_encrypted


def test_ratings_follow_the_country_system(farabi, editor):
    film = FilmFactory(owner=farabi)
    rating = services.film_rating_set(
        film=film, country="by", rating_code="**", actor=editor, permit_number="1234"
    )
    assert (rating.country, rating.rating_code) == ("BY", "**")
    with pytest.raises(ApplicationError) as excinfo:
        services.film_rating_set(film=film, country="IR", rating_code="**", actor=editor)
    assert excinfo.value.field == "rating_code"
    with pytest.raises(ApplicationError):
        services.film_rating_set(film=film, country="ZZ", rating_code="0", actor=editor)


def test_credits_replace_the_list_in_order(farabi, editor):
    film = FilmFactory(owner=farabi)
    director, actor_person = PersonFactory(), PersonFactory()
    services.film_set_credits(
        film=film,
        actor=editor,
        credits=[
            services.CreditData(director, "director"),
            services.CreditData(actor_person, "actor", "Ahmad"),
        ],
    )
    assert [(c.person_id, c.role, c.character) for c in film.credits.all()] == [
        (director.pk, "director", ""),
        (actor_person.pk, "actor", "Ahmad"),
    ]
    with pytest.raises(ApplicationError):
        services.film_set_credits(film=film, actor=editor, credits=[services.CreditData(director, "grip")])
    assert film.credits.count() == 2


def test_person_find_or_create_reuses_a_person_by_an_equivalent_spelling():
    kiarostami = services.person_create(names={"fa": "عباس کیارستمی", "en": "Abbas Kiarostami"})
    assert services.person_find_or_create(names={"en": "Abbas Kiarostami"}) == kiarostami
    newcomer = services.person_find_or_create(names={"ru": "Аббас Киаростами"})
    assert newcomer != kiarostami


def test_a_win_must_name_its_award(farabi, editor):
    film = FilmFactory(owner=farabi)
    with pytest.raises(ApplicationError) as excinfo:
        services.festival_entry_add(
            film=film, festival_name="Cannes", edition_year=1995, result="won", actor=editor
        )
    assert excinfo.value.field == "award"
    entry = services.festival_entry_add(
        film=film, festival_name="Cannes", edition_year=1995, result="won", award="Caméra d'Or", actor=editor
    )
    assert entry.award == "Caméra d'Or"
