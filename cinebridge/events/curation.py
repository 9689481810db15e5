"""Whether a film may be shown in a programme: its rights (film weeks only) and its subtitles.

**Rights.** A film week is a non-commercial screening in the host country, so it needs the film's
festival (media leaf FESTIVAL, id 2) or cultural-screening (CULTURAL, id 4) rights there for every day
of the week, as the rights engine answers an avails query (non-exclusive, covering the whole window):
one of the two media must be free throughout. A licence the rights holder gave to one of the
programme's own organisers does not stand in their way (that licence is what lets them show it).
Reasons are given in words — "not held", "not available: licensed to or held back by another
party" (one wording for any other party's grant, exclusive or not, or a holdback), "not available for
the whole period" — never with another organisation's grant terms, dates, names or exclusivity. A
festival edition does not check rights: the applicant entered the film, and that entry is its
permission.

**Subtitles.** The audience reads the host country's official languages (CLDR, through Babel:
Iran → fa, Belarus → ru and be) or English. A film is fine when a version has its audio in a host
language, or a subtitle track in a host language or English; otherwise it is flagged with what is
missing, and may still be added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from babel.languages import get_official_languages
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.catalogue.models import Film, FilmVersion
from cinebridge.core.vocabularies import country_name, language_name
from cinebridge.rights import loader as rights_loader
from cinebridge.rights import selectors as rights_selectors
from cinebridge.rights.engine.index import avails_detail
from cinebridge.rights.engine.types import AvailsQuery, Match, WorkAvails, day

__all__ = [
    "ENGLISH",
    "SCREENING_MEDIA",
    "CurationCheck",
    "RightsAnswer",
    "SubtitleAnswer",
    "curation_check_of",
    "host_languages",
    "rights_answer",
    "rights_answers",
    "subtitle_answer",
    "subtitles_missing_message",
]

# The media under which a film week may show a film: festivals, and cultural/embassy screenings.
SCREENING_MEDIA = ("FESTIVAL", "CULTURAL")
ENGLISH = "en"

_NOT_HELD = "not_held"
_TAKEN = "taken"  # another party's grant (a licence, exclusive or not, or a holdback) stands in the way
_PARTLY = "partly"
_REASON_ORDER = (_NOT_HELD, _TAKEN, _PARTLY)


@dataclass(frozen=True)
class CurationCheck:
    """What curation says about one film in one programme."""

    rights_ok: bool
    rights_reasons: list[str] = field(default_factory=list)
    subtitle_ok: bool = True
    subtitle_languages: list[str] = field(default_factory=list)  # the languages of its subtitle tracks
    missing: list[str] = field(default_factory=list)  # wanted languages when no track serves the audience
    version: FilmVersion | None = None  # the version to show (best for the host audience)
    subtitle_language: str = ""  # the track to show with it ("" when none serves)


@dataclass(frozen=True)
class RightsAnswer:
    ok: bool
    reasons: list[str]


@dataclass(frozen=True)
class SubtitleAnswer:
    ok: bool
    languages: list[str]
    missing: list[str]
    version: FilmVersion | None
    subtitle_language: str


def host_languages(country: str) -> tuple[str, ...]:
    """The official languages of a country (de facto ones included), from CLDR: IR → (fa,), BY → (ru, be)."""
    return tuple(get_official_languages(country.upper(), de_facto=True))


# --- rights ----------------------------------------------------------------------------------------


def _query(
    medium: str, host_country: str, starts_on: date, ends_on: date, works: Iterable[int]
) -> AvailsQuery:
    return AvailsQuery(
        media=frozenset({medium}),
        territories=frozenset({host_country.upper()}),
        window=(day(starts_on), day(ends_on) + 1),  # the last day is inclusive
        exclusive=False,
        match=Match.COVER_ENTIRE,
        works=frozenset(works),
    )


def _judge(answer: WorkAvails, grants: Mapping[int, tuple[str, str, bool]]) -> tuple[bool, set[str]]:
    """Whether one medium's answer lets the organisers show the film, else the reasons why not. `grants`
    tells of each blocking grant whether it is the organisers' own licence; any other party's grant is
    one reason, worded alike whatever it is (nothing of it — not even its exclusivity — is shown)."""
    if answer.available:
        return True, set()
    reasons: set[str] = set()
    for region in answer.regions:
        if region.available:
            continue
        if region.not_held:
            reasons.add(_NOT_HELD)
        for grant_id in region.blocking:
            _direction, _exclusivity, own = grants.get(grant_id, ("", "", False))
            if not own:  # the organisers' own licence is what lets them show it
                reasons.add(_TAKEN)
        if not region.not_held and not region.blocking:
            reasons.add(_PARTLY)
    return not reasons, reasons


def _reason_text(code: str) -> str:
    texts = {
        _NOT_HELD: _("not held"),
        _TAKEN: _("not available: licensed to or held back by another party"),
        _PARTLY: _("not available for the whole period"),
    }
    return texts[code]


def _period(starts_on: date, ends_on: date) -> str:
    if starts_on == ends_on:
        return date_format(starts_on, "DATE_FORMAT")
    return f"{date_format(starts_on, 'DATE_FORMAT')} – {date_format(ends_on, 'DATE_FORMAT')}"


def _refusal(reasons: set[str], host_country: str, starts_on: date, ends_on: date) -> str:
    why = "; ".join(_reason_text(code) for code in _REASON_ORDER if code in reasons)
    return _("No festival or cultural-screening rights in %(country)s for %(period)s: %(reasons)s.") % {
        "country": country_name(host_country.upper()),
        "period": _period(starts_on, ends_on),
        "reasons": why,
    }


def rights_answers(
    *,
    viewer: policy.Viewer,
    film_ids: Sequence[int],
    host_country: str,
    starts_on: date,
    ends_on: date,
    organisers: Iterable[int] = (),
) -> dict[int, RightsAnswer]:
    """For each film, whether festival or cultural-screening rights in the host country cover every day
    from `starts_on` to `ends_on` (inclusive), and why not in words. `organisers` are the ids of the
    organisations running the programme (their own licences do not block them)."""
    if not film_ids:
        return {}
    organiser_ids = frozenset(organisers)
    free: set[int] = set()
    for medium in SCREENING_MEDIA:  # also checks that the viewer may ask about avails at all
        query = _query(medium, host_country, starts_on, ends_on, film_ids)
        free.update(rights_selectors.avails_search_works(viewer=viewer, query=query))
    refused = [pk for pk in film_ids if pk not in free]
    # Every refused film's answer per medium from one reading of the index, then the blocking grants
    # of them all in one query: no query per film or per medium.
    details: dict[tuple[int, str], WorkAvails] = {}
    if refused:
        with rights_loader.index_reading() as index:
            for pk in refused:
                for medium in SCREENING_MEDIA:
                    query = _query(medium, host_country, starts_on, ends_on, (pk,))
                    details[pk, medium] = avails_detail(index, query, pk)
    blocking = {
        grant_id
        for detail in details.values()
        for region in detail.regions
        if not region.available
        for grant_id in region.blocking
    }
    grants = rights_selectors.grant_kinds_for(blocking, licensees=organiser_ids)
    answers: dict[int, RightsAnswer] = {}
    for pk in film_ids:
        if pk in free:
            answers[pk] = RightsAnswer(True, [])
            continue
        reasons: set[str] = set()
        allowed = False
        for medium in SCREENING_MEDIA:
            ok, why = _judge(details[pk, medium], grants)
            if ok:
                allowed = True
                break
            reasons |= why
        if allowed:
            answers[pk] = RightsAnswer(True, [])
        else:
            answers[pk] = RightsAnswer(
                False, [_refusal(reasons or {_NOT_HELD}, host_country, starts_on, ends_on)]
            )
    return answers


def rights_answer(
    *,
    viewer: policy.Viewer,
    film: Film,
    host_country: str,
    starts_on: date,
    ends_on: date,
    organisers: Iterable[int] = (),
) -> RightsAnswer:
    """`rights_answers` for one film."""
    return rights_answers(
        viewer=viewer,
        film_ids=[film.pk],
        host_country=host_country,
        starts_on=starts_on,
        ends_on=ends_on,
        organisers=organisers,
    )[film.pk]


# --- subtitles -------------------------------------------------------------------------------------


def subtitle_answer(
    film: Film, host_country: str, versions: Sequence[FilmVersion] | None = None
) -> SubtitleAnswer:
    """Whether the host audience can follow the film (audio in a host language, or subtitles in a host
    language or English), the version to show and its subtitle language, or what is missing.

    `versions` may be passed prefetched with their subtitles (`versions__subtitles`)."""
    hosts = host_languages(host_country)
    wanted = [*hosts, *([ENGLISH] if ENGLISH not in hosts else [])]
    rows = list(versions if versions is not None else film.versions.prefetch_related("subtitles"))
    tracks: dict[int, set[str]] = {v.pk: {t.language_code for t in v.subtitles.all()} for v in rows}
    languages = sorted(set().union(*tracks.values())) if tracks else []
    for version in rows:  # audio the audience understands: no subtitles needed
        if version.audio_language in hosts:
            return SubtitleAnswer(True, languages, [], version, "")
    for language in wanted:  # host languages first, then English
        for version in rows:
            if language in tracks[version.pk]:
                return SubtitleAnswer(True, languages, [], version, language)
    return SubtitleAnswer(False, languages, wanted, rows[0] if rows else None, "")


def subtitles_missing_message(missing: Sequence[str]) -> str:
    """ "No subtitles in Persian or English." for the languages a film lacks."""
    names = [language_name(code) for code in missing]
    if not names:
        return ""
    if len(names) == 1:
        listed = names[0]
    else:
        listed = _("%(languages)s or %(last)s") % {"languages": ", ".join(names[:-1]), "last": names[-1]}
    return _("No subtitles in %(languages)s.") % {"languages": listed}


def curation_check_of(
    *,
    rights: RightsAnswer,
    subtitles: SubtitleAnswer,
) -> CurationCheck:
    return CurationCheck(
        rights_ok=rights.ok,
        rights_reasons=list(rights.reasons),
        subtitle_ok=subtitles.ok,
        subtitle_languages=list(subtitles.languages),
        missing=list(subtitles.missing),
        version=subtitles.version,
        subtitle_language=subtitles.subtitle_language,
    )
