"""The demo seed: the programme loads once and only once, its logins work, search and filters find it."""

import json
import re
import unicodedata
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cinebridge.accounts.models import Membership, Organisation, OrganisationTranslation, User
from cinebridge.catalogue.models import (
    Credit,
    FestivalEntry,
    Film,
    FilmCountry,
    FilmKind,
    FilmRating,
    FilmTranslation,
    FilmVersion,
    Person,
    PersonName,
    SubtitleTrack,
)
from cinebridge.catalogue.selectors import FilmFilters, film_list
from cinebridge.search.models import DocumentKind
from cinebridge.search.selectors import search_ids
from cinebridge.web.demo import synthetic
from cinebridge.web.demo.programme import DEMO_PASSWORD, FILMS, LOGINS, ORGANISATIONS, PEOPLE, SUPERUSER
from conftest import shared_data_file

pytestmark = pytest.mark.django_db

FIVE_LANGUAGES = {"fa", "ar", "ru", "be", "en"}
COUNTED = (Organisation, OrganisationTranslation, User, Membership, Film, FilmTranslation, FilmCountry, Person,
           PersonName, Credit, FestivalEntry, FilmRating, FilmVersion, SubtitleTrack)  # fmt: skip


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def seeded() -> str:
    return _seed()


def test_seeding_twice_changes_nothing_the_second_time_and_says_so():
    _seed()
    first = _counts()
    second_output = _seed()

    assert _counts() == first
    assert "already loaded, nothing changed" in second_output
    assert first["Organisation"] == len(ORGANISATIONS)
    assert first["User"] == len(LOGINS) + 1
    assert first["Film"] == len(FILMS)
    assert first["Person"] == len(PEOPLE)


def test_every_seeded_film_has_a_title_in_the_five_languages(seeded):
    for film in Film.objects.prefetch_related("translations"):
        titles = {t.language_code: t.title for t in film.translations.all()}
        assert set(titles) == FIVE_LANGUAGES, film.slug
        assert all(title.strip() for title in titles.values()), film.slug


def test_every_seeded_organisation_is_named_in_the_five_languages(seeded):
    for organisation in Organisation.objects.prefetch_related("translations"):
        assert {t.language_code for t in organisation.translations.all()} == FIVE_LANGUAGES, organisation.slug


@pytest.mark.parametrize("login", LOGINS, ids=lambda login: login.username)
def test_demo_users_sign_in_with_the_demo_password_and_hold_their_role(seeded, client, login):
    assert client.login(username=login.username, password=DEMO_PASSWORD)
    membership = Membership.objects.select_related("organisation").get(user__username=login.username)
    expected = next(spec for spec in ORGANISATIONS if spec.slug == login.organisation)
    assert (membership.organisation.slug, membership.organisation.kind, membership.role) == (
        expected.slug, expected.kind, login.role,
    )  # fmt: skip


def test_the_superuser_signs_in_to_the_admin(seeded, client):
    assert client.login(username=SUPERUSER, password=DEMO_PASSWORD)
    assert client.get("/en/admin/").status_code == 200


def test_every_kind_of_organisation_has_a_demo_login(seeded):
    kinds = set(Membership.objects.values_list("organisation__kind", flat=True))
    assert kinds == {spec.kind for spec in ORGANISATIONS}


def test_the_seed_prints_the_demo_logins_and_where_to_open_the_site():
    output = _seed()
    assert "http://127.0.0.1:8000/" in output.splitlines()[-1]
    for login in LOGINS:
        assert re.search(
            rf"^\s+{re.escape(login.username)}\s+.+\s+{login.role.value}\s*$", output, re.MULTILINE
        )


def _shared_people() -> list[dict[str, object]]:
    people: list[dict[str, object]] = json.loads(
        shared_data_file("cross-script-names.json").read_text("utf-8")
    )["people"]
    return people


def test_the_seeded_directors_carry_the_shared_files_stored_names_exactly(seeded):
    for entry in _shared_people():
        stored = entry["stored"]
        assert isinstance(stored, dict)
        spec = next((p for p in PEOPLE if p.names.get("en") == stored["en"]), None)
        if spec is None:
            continue  # people of the file who made none of the demo films (a minister, an ambassador)
        person = Person.objects.get(slug=spec.slug)
        names = dict(person.names.values_list("language_code", "name"))
        assert {lang: names.get(lang) for lang in stored} == stored


@pytest.mark.parametrize("query", ["Кіарастамі", "Киаростами", "کیارستمی", "kiarostamy"])
def test_cross_script_spellings_find_kiarostami_after_seeding(seeded, query):
    kiarostami = Person.objects.get(slug="abbas-kiarostami")
    assert kiarostami.pk in search_ids(kind=DocumentKind.PERSON, query=query, limit=10)


def test_every_query_of_the_shared_file_finds_the_seeded_person_among_the_first_ten(seeded):
    misses = []
    for entry in _shared_people():
        stored = entry["stored"]
        assert isinstance(stored, dict)
        spec = next((p for p in PEOPLE if p.names.get("en") == stored["en"]), None)
        if spec is None:
            continue
        pk = Person.objects.get(slug=spec.slug).pk
        queries = entry["queries"]
        assert isinstance(queries, list)
        misses += [q for q in queries if pk not in search_ids(kind=DocumentKind.PERSON, query=q, limit=10)]
    assert misses == []


def test_film_titles_are_searchable_at_once(seeded):
    film = Film.objects.get(slug="children-of-heaven-1997")
    assert film.pk in search_ids(kind=DocumentKind.FILM, query="Дети небес")
    assert film.pk in search_ids(kind=DocumentKind.FILM, query="بچه های آسمان")


def test_the_subtitle_filter_finds_the_films_the_seed_subtitled(seeded):
    russian = film_list(viewer=None, filters=FilmFilters(subtitles="ru"))
    english = film_list(viewer=None, filters=FilmFilters(subtitles="en"))
    assert [f.slug for f in russian] == ["children-of-heaven-1997"]
    assert [f.slug for f in english] == ["come-and-see-1985"]
    track = SubtitleTrack.objects.get(language_code="ru")
    assert track.cue_count == 4
    assert track.file.read().decode("utf-8").startswith("1\n")


def test_the_festival_history_records_the_known_awards(seeded):
    wins = set(
        FestivalEntry.objects.filter(result="won").values_list("film__slug", "festival_name", "edition_year")
    )
    assert ("a-separation-2011", "Berlin International Film Festival", 2011) in wins
    assert ("the-white-balloon-1995", "Cannes Film Festival", 1995) in wins
    assert ("where-is-the-friends-house-1987", "Locarno Film Festival", 1989) in wins


def test_each_country_has_at_least_one_demo_rating(seeded):
    assert set(FilmRating.objects.values_list("country", flat=True)) == {"IR", "BY"}


def test_the_seed_refuses_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError, match="production"):
        _seed()
    assert not Organisation.objects.exists()


# --- The programme's own data ---------------------------------------------------------------------


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(ch).split(" ", 1)[0] for ch in text if ch.isalpha()}


@pytest.mark.parametrize(
    ("language", "script"), [("en", "LATIN"), ("ru", "CYRILLIC"), ("be", "CYRILLIC"), ("fa", "ARABIC")]
)
def test_every_programme_name_is_written_in_its_languages_script_alone(language, script):
    texts = [p.names[language] for p in PEOPLE] + [f.texts[language][0] for f in FILMS]
    texts += [o.texts[language][0] for o in ORGANISATIONS]
    assert [t for t in texts if _scripts(t) != {script}] == []


def test_every_credit_of_the_programme_names_a_known_person():
    known = {p.names["en"] for p in PEOPLE}
    assert {c.person for f in FILMS for c in f.credits} <= known


# --- The synthetic catalogue ----------------------------------------------------------------------


def _synthetic_kinds() -> Counter[str]:
    return Counter(Film.objects.filter(slug__startswith=synthetic.FILM_PREFIX).values_list("kind", flat=True))


def test_scale_adds_films_in_the_proportions_of_irans_output_and_is_idempotent():
    _seed("--scale", "300")
    kinds = _synthetic_kinds()
    counts = _counts()
    second_output = _seed("--scale", "300")

    assert sum(kinds.values()) == 300
    assert kinds[FilmKind.SHORT] > 150
    assert 0.03 <= kinds[FilmKind.FEATURE] / 300 <= 0.07
    assert kinds[FilmKind.DOCUMENTARY] > kinds[FilmKind.FEATURE]
    assert kinds[FilmKind.ANIMATION] > 0
    assert _counts() == counts
    assert "nothing changed" in second_output


def test_scale_tops_up_to_the_total_with_the_same_films_a_single_run_would_make():
    _seed("--scale", "40", "--seed", "7")
    _seed("--scale", "90", "--seed", "7")

    assert Film.objects.filter(slug__startswith=synthetic.FILM_PREFIX).count() == 90
    film = Film.objects.prefetch_related("translations").get(slug="syn-75")
    expected = synthetic.synthetic_film(75, 7)
    assert (film.original_title, film.kind, film.year) == (
        expected.original_title,
        expected.kind,
        expected.year,
    )
    assert {t.language_code: t.title for t in film.translations.all()} == {
        lang: text.title for lang, text in expected.translations.items()
    }


def test_synthetic_films_are_credited_and_owned_by_the_demo_rights_holders():
    _seed("--scale", "120")
    films = Film.objects.filter(slug__startswith=synthetic.FILM_PREFIX)
    assert set(films.values_list("owner__slug", flat=True)) <= {"farabi", "belarusfilm"}
    assert not films.filter(credits__isnull=True).exists()
    assert set(PersonName.objects.filter(person__slug__startswith=synthetic.PERSON_PREFIX)
               .values_list("language_code", flat=True)) == FIVE_LANGUAGES  # fmt: skip


def test_synthetic_titles_are_searchable_after_the_seed():
    _seed("--scale", "50")
    film = Film.objects.get(slug="syn-1")
    russian = film.translations.get(language_code="ru").title
    assert film.pk in search_ids(kind=DocumentKind.FILM, query=russian)


def test_every_block_of_synthetic_films_has_the_exact_kind_proportions():
    block = Counter(synthetic.film_kind(n, 3) for n in range(1, synthetic.BLOCK_SIZE + 1))
    assert block == dict(synthetic.KIND_BLOCK)
