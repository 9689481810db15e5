"""Curation: a film week shows a film only when its festival or cultural-screening rights in the host
country cover the whole week (said why in words, never with another party's terms), and flags a film
its host audience cannot follow (no subtitles in a host language or English). Rights are real grants
entered through the rights services; the avails engine answers."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.models import FilmCountry
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.events import curation
from cinebridge.events.models import Edition, Festival, ProgrammeFilm, ProgrammeKind
from cinebridge.events.selectors.programmes import curation_candidates, curation_check, curation_checks
from cinebridge.events.services.programmes import CurationRefused, programme_film_add
from cinebridge.events.tests.pfactories import (
    FilmWeekProgrammeFactory,
    hold_rights,
    license_out,
    subtitled_version,
    week_scene,
)
from cinebridge.rights.engine.types import Direction

pytestmark = pytest.mark.django_db

REFUSAL = "No festival or cultural-screening rights in Belarus for "
TAKEN = ": not available: licensed to or held back by another party."


@pytest.fixture
def scene():
    return week_scene()


@pytest.fixture
def cinema():
    return OrganisationFactory.create(kind=OrganisationKind.EXHIBITOR, country="BY", name="Minsk Cinemas Ltd")


def check(scene, film, viewer=None):
    return curation_check(viewer=viewer or scene.belarus_editor, programme=scene.programme, film=film)


# --- rights ----------------------------------------------------------------------------------------


def test_a_film_whose_holder_holds_every_right_may_be_shown(scene):
    film = scene.film()

    result = check(scene, film)

    assert result.rights_ok is True
    assert result.rights_reasons == []


def test_a_film_without_any_rights_is_refused_as_not_held(scene):
    film = scene.film(rights=False)

    result = check(scene, film)

    assert result.rights_ok is False
    (reason,) = result.rights_reasons
    assert reason.startswith(REFUSAL)
    assert reason.endswith(": not held.")


def test_theatrical_rights_alone_do_not_allow_a_film_week(scene):
    film = scene.film(rights=False)
    hold_rights(film, media="THEATRICAL")

    result = check(scene, film)

    assert result.rights_ok is False
    assert "not held" in result.rights_reasons[0]


def test_rights_that_end_during_the_week_do_not_cover_it(scene):
    film = scene.film(rights=False)
    hold_rights(film, media="FESTIVAL", end=date(2027, 5, 6))  # the last day held is 5 May

    result = check(scene, film)

    assert result.rights_ok is False
    assert result.rights_reasons[0].endswith(": not held.")


def test_one_medium_must_cover_the_whole_week_on_its_own(scene):
    film = scene.film(rights=False)
    hold_rights(film, media="FESTIVAL", end=date(2027, 5, 6))
    hold_rights(film, media="CULTURAL", start=date(2027, 5, 6))  # the rest of the week, cultural only

    assert check(scene, film).rights_ok is False
    hold_rights(film, media="CULTURAL", start=date(2027, 5, 1), end=date(2027, 5, 6))
    assert check(scene, film).rights_ok is True  # cultural screenings now cover every day


def test_cultural_screening_rights_are_enough_without_festival_rights(scene):
    film = scene.film(rights=False)
    hold_rights(film, media="CULTURAL", territories="BY")

    assert check(scene, film).rights_ok is True


def test_an_exclusive_licence_to_another_party_refuses_without_disclosing_its_terms(scene, cinema):
    film = scene.film()
    license_out(film, to=cinema, reference="CONFIDENTIAL-REF-77", notes="fee 12000 EUR")

    result = check(scene, film)

    assert result.rights_ok is False
    (reason,) = result.rights_reasons
    assert (
        reason
        == REFUSAL + "May 3, 2027 – May 9, 2027: not available: licensed to or held back by another party."
    )
    for secret in ("Minsk Cinemas", "CONFIDENTIAL", "12000", "2028", "January", "#", "exclusive"):
        assert secret not in reason


def test_an_exclusive_licence_of_festival_rights_alone_leaves_cultural_screenings_free(scene, cinema):
    film = scene.film()
    license_out(film, to=cinema, media="FESTIVAL")

    assert check(scene, film).rights_ok is True


def test_a_non_exclusive_licence_to_another_party_does_not_stand_in_the_way(scene, cinema):
    film = scene.film()
    license_out(film, to=cinema, exclusive=False)

    assert check(scene, film).rights_ok is True


def test_the_organisers_own_exclusive_licence_lets_them_show_the_film(scene):
    film = scene.film()
    license_out(film, to=scene.belarus)

    assert check(scene, film).rights_ok is True


def test_a_holdback_refuses_with_its_reason(scene):
    film = scene.film()
    hold_rights(
        film, direction=Direction.HOLDBACK, territories="BY", media="NON_THEATRICAL", sublicensable=False,
        start=date(2027, 1, 1), end=date(2027, 12, 31),
    )  # fmt: skip

    result = check(scene, film)

    assert result.rights_ok is False
    assert result.rights_reasons[0].endswith(TAKEN)


def test_an_exclusive_licence_and_a_holdback_read_alike(scene, cinema):
    """Whether another party holds the rights exclusively or they are held back is that party's deal:
    the organisers read the same words for both."""
    licensed = scene.film()
    license_out(licensed, to=cinema, media="CULTURAL")
    hold_rights(licensed, direction=Direction.HOLDBACK, territories="BY", media="FESTIVAL", sublicensable=False,
                start=date(2027, 1, 1), end=date(2027, 12, 31))  # fmt: skip
    held_back = scene.film()
    hold_rights(held_back, direction=Direction.HOLDBACK, territories="BY", media="NON_THEATRICAL",
                sublicensable=False, start=date(2027, 1, 1), end=date(2027, 12, 31))  # fmt: skip
    exclusive = scene.film()
    license_out(exclusive, to=cinema)

    reasons = {check(scene, film).rights_reasons[0] for film in (licensed, held_back, exclusive)}

    assert len(reasons) == 1
    (reason,) = reasons
    assert reason.endswith(TAKEN)


def test_the_refusal_is_worded_in_the_reader_s_language(scene):
    film = scene.film(rights=False)

    with translation.override("ru"):
        reason = check(scene, film).rights_reasons[0]

    assert "Belarus" not in reason
    assert "Беларус" in reason


def test_a_festival_does_not_check_rights(scene):
    listapad = OrganisationFactory.create(kind=OrganisationKind.FESTIVAL, country="BY")
    programme = FilmWeekProgrammeFactory.create(kind=ProgrammeKind.FESTIVAL)
    festival = Festival.objects.create(organisation=listapad, slug="listapad", names={"en": "Listapad"})
    Edition.objects.create(festival=festival, programme=programme, year=2027)
    film = scene.film(rights=False)

    result = curation_check(viewer=member_of(listapad, Role.EDITOR), programme=programme, film=film)

    assert result.rights_ok is True
    assert result.rights_reasons == []
    assert check(scene, film).rights_ok is False  # the same film, in the film week


def test_adding_a_film_without_rights_is_refused_with_the_reasons_and_writes_nothing(scene):
    film = scene.film(rights=False)
    version_before = scene.programme.version

    with pytest.raises(CurationRefused) as refused:
        programme_film_add(actor=scene.belarus_editor, programme=scene.programme, film=film)

    assert refused.value.extra["field"] == "film"
    assert refused.value.extra["reasons"] == check(scene, film).rights_reasons
    assert "not held" in refused.value.message
    assert not ProgrammeFilm.objects.filter(programme=scene.programme).exists()
    scene.programme.refresh_from_db()
    assert scene.programme.version == version_before


def _refusals_queries(scene, films):
    ids = [film.pk for film in films]
    organisers = [scene.iran.pk, scene.belarus.pk]
    arguments = {
        "viewer": scene.belarus_editor, "host_country": "BY", "starts_on": scene.programme.starts_on,
        "ends_on": scene.programme.ends_on, "organisers": organisers,
    }  # fmt: skip
    curation.rights_answers(film_ids=ids, **arguments)  # the rights index is built (and fresh)
    with CaptureQueriesContext(connection) as queries:
        answers = curation.rights_answers(film_ids=ids, **arguments)
    assert not any(answer.ok for answer in answers.values())
    return len(queries)


def test_the_refusals_of_many_films_cost_no_more_queries_than_one(scene, cinema):
    """The blocking grants of every refused film are read at once: no query per film or per medium."""
    films = []
    for number in range(8):
        film = scene.film(rights=number % 4 in (1, 2))  # the others: not held, or held for part of it
        if number % 4 == 1:
            license_out(film, to=cinema)
        elif number % 4 == 2:
            hold_rights(film, direction=Direction.HOLDBACK, territories="BY", media="NON_THEATRICAL",
                        sublicensable=False, start=date(2027, 1, 1), end=date(2027, 12, 31))  # fmt: skip
        elif number % 4 == 3:
            hold_rights(film, media="FESTIVAL", end=date(2027, 5, 6))
        films.append(film)

    one = _refusals_queries(scene, films[1:2])
    eight = _refusals_queries(scene, films)

    assert eight == one
    assert eight <= 6


# --- subtitles -------------------------------------------------------------------------------------


def test_the_host_languages_come_from_the_country():
    assert curation.host_languages("IR") == ("fa",)
    assert set(curation.host_languages("BY")) == {"ru", "be"}


@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_a_track_in_a_host_language_or_english_serves_the_audience(scene, language):
    film = scene.film()
    subtitled_version(film, "ar")
    version = subtitled_version(film, language, "de")

    result = check(scene, film)

    assert result.subtitle_ok is True
    assert result.missing == []
    assert result.version == version
    assert result.subtitle_language == language
    assert result.subtitle_languages == sorted({"ar", "de", language})


def test_a_host_language_track_is_preferred_to_english(scene):
    film = scene.film()
    subtitled_version(film, "en")
    russian = subtitled_version(film, "ru")

    result = check(scene, film)

    assert (result.version, result.subtitle_language) == (russian, "ru")


def test_a_film_without_a_track_the_audience_reads_is_flagged_with_what_is_missing(scene):
    film = scene.film()
    version = subtitled_version(film, "fa", "ar")

    result = check(scene, film)

    assert result.rights_ok is True
    assert result.subtitle_ok is False
    assert result.subtitle_languages == ["ar", "fa"]
    assert result.missing[-1] == "en"
    assert set(result.missing) == {"ru", "be", "en"}
    assert result.version == version
    assert curation.subtitles_missing_message(["ru", "be", "en"]) == (
        "No subtitles in Russian, Belarusian or English."
    )


def test_a_film_with_no_version_at_all_is_flagged(scene):
    result = check(scene, scene.film())

    assert result.subtitle_ok is False
    assert result.version is None


def test_audio_in_a_host_language_needs_no_subtitles(scene):
    film = scene.film()
    version = subtitled_version(film, audio="ru")

    result = check(scene, film)

    assert (result.subtitle_ok, result.version, result.subtitle_language) == (True, version, "")


def test_persian_subtitles_serve_a_week_in_iran_but_not_in_belarus(scene):
    film = scene.film()
    subtitled_version(film, "fa", audio="ru")
    scene.programme.host_country = "IR"

    assert curation.subtitle_answer(film, "IR").ok is True
    assert curation.subtitle_answer(film, "BY").ok is True  # its audio is Russian
    other = scene.film()
    subtitled_version(other, "fa", audio="be")
    assert curation.subtitle_answer(other, "IR").ok is True
    assert curation.subtitle_answer(other, "AM").ok is False


def test_a_film_lacking_subtitles_may_still_be_added(scene):
    film = scene.film()
    version = subtitled_version(film, "fa")

    row = programme_film_add(actor=scene.belarus_editor, programme=scene.programme, film=film)

    assert row.version == version
    assert row.subtitle_language == ""


def test_adding_a_film_takes_the_version_and_track_best_for_the_audience(scene):
    film = scene.film()
    subtitled_version(film, "en")
    russian = subtitled_version(film, "ru")

    row = programme_film_add(actor=scene.belarus_editor, programme=scene.programme, film=film)

    assert (row.version, row.subtitle_language) == (russian, "ru")


# --- candidates ------------------------------------------------------------------------------------


def test_candidates_are_the_guest_country_s_films_the_rights_allow(scene, cinema):
    allowed = scene.film(english_title="The Salesman")
    subtitled_version(allowed, "ru")
    refused = scene.film(rights=False, english_title="Children of Heaven")
    licensed_away = scene.film(english_title="About Elly")
    license_out(licensed_away, to=cinema)
    foreign = FilmFactory.create(owner=cinema, english_title="Belarusian film")
    FilmCountry.objects.create(film=foreign, country="BY")
    hold_rights(foreign)
    already = scene.film(english_title="A Separation")
    programme_film_add(actor=scene.belarus_editor, programme=scene.programme, film=already)

    found = curation_candidates(viewer=scene.belarus_editor, programme=scene.programme)

    assert [film for film, _ in found] == [allowed]
    (_, allowed_check) = found[0]
    assert allowed_check.subtitle_ok is True
    everything = curation_candidates(
        viewer=scene.belarus_editor, programme=scene.programme, include_refused=True
    )
    checks = dict(everything)
    assert set(checks) == {allowed, refused, licensed_away}
    assert checks[refused].rights_reasons[0].endswith("not held.")
    assert checks[licensed_away].rights_reasons[0].endswith(TAKEN)


def test_candidates_narrow_by_title_in_any_language(scene):
    salesman = scene.film(english_title="The Salesman")
    scene.film(english_title="A Separation")

    found = curation_candidates(viewer=scene.iran_editor, programme=scene.programme, query="salesm")

    assert [film for film, _ in found] == [salesman]


def test_another_organisation_may_not_see_the_curation(scene):
    film = scene.film()

    with pytest.raises(PermissionDenied):
        curation_check(viewer=scene.outsider_editor, programme=scene.programme, film=film)
    with pytest.raises(PermissionDenied):
        curation_candidates(viewer=scene.outsider_editor, programme=scene.programme)


def test_several_films_are_checked_at_once(scene):
    allowed, refused = scene.film(), scene.film(rights=False)
    subtitled_version(allowed, "en")

    checks = curation_checks(viewer=scene.iran_editor, programme=scene.programme, films=[allowed, refused])

    assert checks[allowed.pk] == check(scene, allowed)
    assert checks[refused.pk].rights_ok is False
    with pytest.raises(PermissionDenied):
        curation_checks(viewer=scene.outsider_editor, programme=scene.programme, films=[allowed])
