"""Writes for the film catalogue: every change goes through here, checked by the permission policy."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.core.engine.text_keys import normalize_for_search
from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_country_code, is_language_code, language_name

from .engine import identifiers
from .engine.ratings import rating_system_for
from .engine.subtitles import SubtitleError, parse_subtitles
from .messages import identifier_error_message, subtitle_error_message
from .models import (
    Credit,
    CreditRole,
    FestivalEntry,
    FestivalResult,
    Film,
    FilmCountry,
    FilmRating,
    FilmTranslation,
    FilmVersion,
    Genre,
    Person,
    PersonName,
    SubtitleFormat,
    SubtitleTrack,
)
from .posters import validate_poster
from .search_index import mark_films_dirty, mark_people_dirty

REQUIRED_TITLE_LANGUAGE = "en"


@dataclass(frozen=True)
class FilmText:
    title: str
    synopsis: str = ""


@dataclass(frozen=True)
class FilmData:
    """Everything a rights holder enters about a film on its main form."""

    original_title: str
    original_language: str
    kind: str
    audience: str
    year: int
    runtime_minutes: int
    translations: Mapping[str, FilmText]
    countries: Sequence[str] = ()
    genre_codes: Sequence[str] = ()
    is_published: bool = True
    eidr: str = ""
    isan: str = ""
    imdb_id: str = ""


def _error(message: str, field_name: str, **extra: object) -> ApplicationError:
    return ApplicationError(message, extra={"field": field_name, **extra})


def _clean_identifiers(data: FilmData, *, film: Film) -> dict[str, str]:
    """Canonical identifiers not used by another film, or an error naming the field."""
    parsers = {
        "eidr": identifiers.parse_eidr,
        "isan": identifiers.parse_isan,
        "imdb_id": identifiers.parse_imdb_id,
    }
    cleaned: dict[str, str] = {}
    for name, parse in parsers.items():
        raw = getattr(data, name).strip()
        if not raw:
            cleaned[name] = ""
            continue
        try:
            cleaned[name] = parse(raw)
        except identifiers.IdentifierError as exc:
            raise _error(identifier_error_message(exc.code, exc.params), name) from exc
        if Film.objects.filter(**{name: cleaned[name]}).exclude(pk=film.pk).exists():
            raise _error(_("This identifier is already recorded for another film."), name)
    return cleaned


def _check_translations(translations: Mapping[str, FilmText]) -> None:
    for language, text in translations.items():
        if not is_language_code(language):
            raise _error(_("Unknown language code “%(code)s”.") % {"code": language}, "translations")
        if text.synopsis.strip() and not text.title.strip():
            raise _error(
                _("The synopsis in %(language)s needs a title too.") % {"language": language_name(language)},
                f"title_{language}",
            )
    if not translations.get(REQUIRED_TITLE_LANGUAGE, FilmText("")).title.strip():
        raise _error(
            _("An English title is required: it is the catalogue's common language."),
            f"title_{REQUIRED_TITLE_LANGUAGE}",
        )


def _check_codes(data: FilmData) -> None:
    if not is_language_code(data.original_language):
        raise _error(
            _("Unknown language code “%(code)s”.") % {"code": data.original_language}, "original_language"
        )
    for code in data.countries:
        if not is_country_code(code.upper()):
            raise _error(_("Unknown country code “%(code)s”.") % {"code": code}, "countries")
    unknown = set(data.genre_codes) - set(
        Genre.objects.filter(code__in=data.genre_codes).values_list("code", flat=True)
    )
    if unknown:
        raise _error(_("Unknown genre “%(code)s”.") % {"code": sorted(unknown)[0]}, "genres")


def _unique_slug(model: type[Film] | type[Person], text: str) -> str:
    base = slugify(text, allow_unicode=False)[:80] or uuid.uuid4().hex[:8]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _write_film_parts(film: Film, data: FilmData) -> None:
    """Replace the film's translations, countries and genres with those in `data`."""
    film.translations.all().delete()
    FilmTranslation.objects.bulk_create(
        FilmTranslation(
            film=film, language_code=lang, title=text.title.strip(), synopsis=text.synopsis.strip()
        )
        for lang, text in data.translations.items()
        if text.title.strip()
    )
    film.countries.all().delete()
    FilmCountry.objects.bulk_create(
        FilmCountry(film=film, country=code.upper(), position=i)
        for i, code in enumerate(dict.fromkeys(data.countries))
    )
    film.genres.set(Genre.objects.filter(code__in=data.genre_codes))


def _apply(film: Film, data: FilmData) -> None:
    _check_codes(data)
    _check_translations(data.translations)
    for name, value in _clean_identifiers(data, film=film).items():
        setattr(film, name, value)
    film.original_title = data.original_title.strip()
    film.original_language = data.original_language
    film.kind = data.kind
    film.audience = data.audience
    film.year = data.year
    film.runtime_minutes = data.runtime_minutes
    film.is_published = data.is_published


def _save_film(film: Film, data: FilmData, poster: UploadedFile | None) -> Film:
    """Validate and save the film with its poster and parts, and flag it for re-indexing."""
    if poster is not None:
        film.poster = validate_poster(poster)
    film.full_clean()
    film.save()
    _write_film_parts(film, data)
    mark_films_dirty([film.pk])
    return film


@transaction.atomic
def film_create(
    *, owner: Organisation, data: FilmData, actor: User | None, poster: UploadedFile | None = None
) -> Film:
    """Add a film to its rights holder's catalogue, with its translations, countries and genres."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, owner)
    film = Film(owner=owner)
    _apply(film, data)
    english = data.translations[REQUIRED_TITLE_LANGUAGE].title
    film.slug = _unique_slug(Film, f"{english} {data.year}")
    return _save_film(film, data, poster)


@transaction.atomic
def film_update(*, film: Film, data: FilmData, actor: User, poster: UploadedFile | None = None) -> Film:
    """Change a film's main record; its address (slug) stays stable."""
    policy.require(actor, policy.CATALOGUE_EDIT, film.owner)
    _apply(film, data)
    return _save_film(film, data, poster)


@transaction.atomic
def person_create(*, names: Mapping[str, str], birth_year: int | None = None, country: str = "") -> Person:
    """Record a person under their names in several languages (at least one)."""
    cleaned = {lang: name.strip() for lang, name in names.items() if name.strip()}
    if not cleaned:
        raise _error(_("A person needs a name in at least one language."), "names")
    if country and not is_country_code(country.upper()):
        raise _error(_("Unknown country code “%(code)s”.") % {"code": country}, "country")
    label = cleaned.get("en") or next(iter(cleaned.values()))
    person = Person(slug=_unique_slug(Person, label), birth_year=birth_year, country=country.upper())
    person.full_clean()
    person.save()
    PersonName.objects.bulk_create(
        PersonName(person=person, language_code=lang, name=name) for lang, name in cleaned.items()
    )
    mark_people_dirty([person.pk])
    return person


def person_find_or_create(*, names: Mapping[str, str]) -> Person:
    """The person already recorded under one of these exact names, or a new one."""
    wanted = {normalize_for_search(name) for name in names.values() if name.strip()}
    for candidate in PersonName.objects.filter(name__in=[n.strip() for n in names.values()]).select_related(
        "person"
    ):
        if normalize_for_search(candidate.name) in wanted:
            return candidate.person
    return person_create(names=names)


@dataclass(frozen=True)
class CreditData:
    person: Person
    role: str
    character: str = ""


@transaction.atomic
def film_set_credits(*, film: Film, credits: Sequence[CreditData], actor: User | None) -> None:
    """Replace the film's credits, in the order given."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, film.owner)
    for credit in credits:
        if credit.role not in CreditRole.values:
            raise _error(_("Unknown role “%(role)s”.") % {"role": credit.role}, "credits")
    if len(set(credits)) < len(credits):
        raise _error(_("This person is already credited in this role."), "credits")
    film.credits.all().delete()
    Credit.objects.bulk_create(
        Credit(film=film, person=c.person, role=c.role, character=c.character, position=i)
        for i, c in enumerate(credits)
    )
    mark_films_dirty([film.pk])
    mark_people_dirty([c.person.pk for c in credits])


def _credits_of(film: Film) -> list[CreditData]:
    return [CreditData(c.person, c.role, c.character) for c in film.credits.select_related("person")]


@transaction.atomic
def film_credit_add(
    *, film: Film, name: str, name_language: str, role: str, actor: User | None, character: str = ""
) -> Credit:
    """Credit the person known by `name` (recorded anew when unknown) at the end of the film's credits."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, film.owner)
    person = person_find_or_create(names={name_language: name})
    credit = CreditData(person=person, role=role, character=character.strip())
    current = _credits_of(film)
    if credit in current:
        raise _error(_("This person is already credited in this role."), "name")
    film_set_credits(film=film, credits=[*current, credit], actor=actor)
    return film.credits.get(person=person, role=role, character=credit.character)


@transaction.atomic
def film_credit_remove(*, film: Film, credit_id: int, actor: User | None) -> None:
    """Take one credit off the film; an id that is not the film's is refused."""
    if not film.credits.filter(pk=credit_id).exists():
        raise _error(_("This credit is not on this film."), "credits")
    remaining = [CreditData(c.person, c.role, c.character) for c in film.credits.exclude(pk=credit_id)]
    film_set_credits(film=film, credits=remaining, actor=actor)


@transaction.atomic
def film_version_create(
    *,
    film: Film,
    label: str,
    audio_language: str,
    actor: User | None,
    dcp_cpl_id: uuid.UUID | None = None,
    dcp_encrypted: bool = False,
) -> FilmVersion:
    """Add a language version of a film, with its DCP record when it has one."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, film.owner)
    if not is_language_code(audio_language):
        raise _error(_("Unknown language code “%(code)s”.") % {"code": audio_language}, "audio_language")
    if dcp_encrypted and dcp_cpl_id is None:
        raise _error(_("An encrypted DCP needs its composition playlist (CPL) id."), "dcp_cpl_id")
    version = FilmVersion(
        film=film,
        label=label.strip(),
        audio_language=audio_language,
        dcp_cpl_id=dcp_cpl_id,
        dcp_encrypted=dcp_encrypted,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def subtitle_track_upload(
    *,
    version: FilmVersion,
    language_code: str,
    upload: UploadedFile,
    actor: User | None,
    for_hard_of_hearing: bool = False,
) -> SubtitleTrack:
    """Validate a subtitle file and attach it to the version, replacing the track it supersedes."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, version.film.owner)
    if not is_language_code(language_code):
        raise _error(_("Unknown language code “%(code)s”.") % {"code": language_code}, "language_code")
    if upload.size is not None and upload.size > settings.SUBTITLE_MAX_BYTES:
        raise _error(
            _("The subtitle file is larger than %(max)s MB.") % {"max": settings.SUBTITLE_MAX_BYTES // 2**20},
            "subtitle_file",
        )
    content = upload.read()
    hint = "vtt" if (upload.name or "").lower().endswith(".vtt") else "srt"
    try:
        info = parse_subtitles(content, format_hint=hint)
    except SubtitleError as exc:
        raise _error(
            subtitle_error_message(exc.code, exc.line, exc.params), "subtitle_file", line=exc.line
        ) from exc
    upload.seek(0)
    SubtitleTrack.objects.filter(
        version=version, language_code=language_code, for_hard_of_hearing=for_hard_of_hearing
    ).delete()
    track = SubtitleTrack(
        version=version,
        language_code=language_code,
        for_hard_of_hearing=for_hard_of_hearing,
        format=SubtitleFormat(info.format),
        cue_count=info.cue_count,
        last_cue_end_ms=info.last_end_ms,
    )
    track.file.save(f"{version.film.slug}-{language_code}.{info.format}", upload, save=False)
    track.full_clean()
    track.save()
    return track


@transaction.atomic
def film_rating_set(
    *,
    film: Film,
    country: str,
    rating_code: str,
    actor: User | None,
    permit_number: str = "",
    permit_date: date | None = None,
) -> FilmRating:
    """Record the film's rating and screening permit under the country's rating system."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, film.owner)
    system = rating_system_for(country.upper())
    if system is None:
        raise _error(_("No rating system is known for %(country)s.") % {"country": country}, "country")
    if rating_code not in {r.code for r in system.ratings}:
        raise _error(
            _("“%(code)s” is not a rating of this country's system.") % {"code": rating_code}, "rating_code"
        )
    rating, _created = FilmRating.objects.update_or_create(
        film=film,
        country=country.upper(),
        defaults={
            "rating_code": rating_code,
            "permit_number": permit_number.strip(),
            "permit_date": permit_date,
        },
    )
    return rating


@transaction.atomic
def festival_entry_add(
    *,
    film: Film,
    festival_name: str,
    edition_year: int,
    actor: User | None,
    section: str = "",
    result: str = FestivalResult.SELECTED,
    award: str = "",
) -> FestivalEntry:
    """Add a line to the film's festival history."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, film.owner)
    if result == FestivalResult.WON and not award.strip():
        raise _error(_("Name the award the film won."), "award")
    entry = FestivalEntry(
        film=film,
        festival_name=festival_name.strip(),
        edition_year=edition_year,
        section=section.strip(),
        result=result,
        award=award.strip(),
    )
    entry.full_clean()
    entry.save()
    return entry
