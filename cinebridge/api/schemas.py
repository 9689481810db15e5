"""The API's JSON shapes (a public interface: keep them stable) and how each is built from the models."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from ninja import Field, Schema
from pydantic import ConfigDict

from cinebridge.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from cinebridge.catalogue.models import (
    FIRST_FILM_YEAR,
    LAST_PLAUSIBLE_YEAR,
    Audience,
    Credit,
    CreditRole,
    FestivalResult,
    Film,
    FilmKind,
    FilmVersion,
    Person,
    SubtitleFormat,
)
from cinebridge.catalogue.selectors import FilmFilters
from cinebridge.catalogue.services import FilmData, FilmText
from cinebridge.core.i18n import best_translation, name_in, translated_text

if TYPE_CHECKING:
    from cinebridge.accounts.models import OrganisationTranslation


def film_title(film: Film, language: str) -> str:
    """The film's title in `language`, else English, else its original title."""
    return translated_text(film.translations.all(), "title", film.original_title, language)


def person_name(person: Person, language: str) -> str:
    """The person's name in `language`, else English, else the first script it is recorded in."""
    chosen = name_in(list(person.names.all()), language)
    return chosen.name if chosen is not None else person.slug


def _organisation_text(organisation: Organisation, language: str) -> OrganisationTranslation | None:
    return best_translation(organisation.translations.all(), language)


# --- errors -----------------------------------------------------------------------------------------


class StrictSchema(Schema):
    """A body whose every key must be one of its fields: a write must not drop a mistyped field silently."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in the language of the request (Accept-Language).")


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(
        description='Where the error is, e.g. ["body", "translations", "en", "title"].'
    )
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


# --- organisations ----------------------------------------------------------------------------------


class OrganisationRefOut(Schema):
    slug: str
    name: str


class OrganisationOut(Schema):
    slug: str
    name: str = Field(description="The name in the requested language, else English, else its own.")
    own_name: str = Field(description="The name in the organisation's own language.")
    kind: OrganisationKind
    country: str
    website: str

    @classmethod
    def build(cls, organisation: Organisation, language: str) -> OrganisationOut:
        text = _organisation_text(organisation, language)
        return cls(
            slug=organisation.slug,
            name=text.name if text is not None else organisation.name,
            own_name=organisation.name,
            kind=OrganisationKind(organisation.kind),
            country=organisation.country,
            website=organisation.website,
        )


class MemberOut(Schema):
    username: str
    full_name: str
    role: Role


class OrganisationDetailOut(OrganisationOut):
    description: str
    members: list[MemberOut] | None = Field(
        None, description="Present only to the organisation's members and its country's film body."
    )

    @classmethod
    def build_detail(
        cls, organisation: Organisation, language: str, members: list[Membership] | None
    ) -> OrganisationDetailOut:
        summary = OrganisationOut.build(organisation, language)
        text = _organisation_text(organisation, language)
        detail = cls(**summary.model_dump(), description=text.description if text is not None else "")
        if members is not None:
            detail.members = [
                MemberOut(username=m.user.get_username(), full_name=m.user.get_full_name(), role=Role(m.role))
                for m in members
            ]
        return detail


# --- films ------------------------------------------------------------------------------------------


class FilmTextSchema(Schema):
    title: str = Field(max_length=300)
    synopsis: str = ""


class FilmOut(Schema):
    slug: str
    title: str = Field(
        description="The title in the requested language (`lang`), else English, else original."
    )
    original_title: str
    original_language: str
    kind: FilmKind
    audience: Audience
    year: int
    runtime_minutes: int
    countries: list[str]
    owner: str = Field(description="The rights holder's short name (slug).")
    is_published: bool

    @classmethod
    def build(cls, film: Film, language: str) -> FilmOut:
        return cls(
            slug=film.slug,
            title=film_title(film, language),
            original_title=film.original_title,
            original_language=film.original_language,
            kind=FilmKind(film.kind),
            audience=Audience(film.audience),
            year=film.year,
            runtime_minutes=film.runtime_minutes,
            countries=[c.country for c in film.countries.all()],
            owner=film.owner.slug,
            is_published=film.is_published,
        )


class CreditOut(Schema):
    person: str = Field(description="The person's slug.")
    name: str
    names: dict[str, str] = Field(description="The person's name by language code.")
    role: CreditRole
    character: str

    @classmethod
    def build(cls, credit: Credit, language: str) -> CreditOut:
        return cls(
            person=credit.person.slug,
            name=person_name(credit.person, language),
            names={n.language_code: n.name for n in credit.person.names.all()},
            role=CreditRole(credit.role),
            character=credit.character,
        )


class SubtitleOut(Schema):
    language: str
    format: SubtitleFormat
    for_hard_of_hearing: bool
    cue_count: int
    last_cue_end_ms: int


class VersionOut(Schema):
    label: str
    audio_language: str
    dcp_cpl_id: uuid.UUID | None
    dcp_encrypted: bool
    subtitles: list[SubtitleOut]


class RatingOut(Schema):
    country: str
    rating: str
    permit_number: str
    permit_date: date | None


class IdentifiersOut(Schema):
    eidr: str | None
    isan: str | None
    imdb_id: str | None


class FestivalEntryOut(Schema):
    festival: str
    year: int
    section: str
    result: FestivalResult
    award: str


class FilmDetailOut(FilmOut):
    owner_organisation: OrganisationRefOut
    translations: dict[str, FilmTextSchema] = Field(description="Title and synopsis by language code.")
    genres: list[str]
    credits: list[CreditOut]
    versions: list[VersionOut]
    ratings: list[RatingOut]
    identifiers: IdentifiersOut
    festival_entries: list[FestivalEntryOut]

    @classmethod
    def build_detail(cls, film: Film, language: str) -> FilmDetailOut:
        return cls(
            **FilmOut.build(film, language).model_dump(),
            owner_organisation=OrganisationRefOut(slug=film.owner.slug, name=film.owner.name),
            translations={
                t.language_code: FilmTextSchema(title=t.title, synopsis=t.synopsis)
                for t in film.translations.all()
            },
            genres=[g.code for g in film.genres.all()],
            credits=[CreditOut.build(c, language) for c in film.credits.all()],
            versions=[_version(v) for v in film.versions.all()],
            ratings=[
                RatingOut(
                    country=r.country,
                    rating=r.rating_code,
                    permit_number=r.permit_number,
                    permit_date=r.permit_date,
                )
                for r in film.ratings.all()
            ],
            identifiers=IdentifiersOut(
                eidr=film.eidr or None, isan=film.isan or None, imdb_id=film.imdb_id or None
            ),
            festival_entries=[
                FestivalEntryOut(
                    festival=e.festival_name,
                    year=e.edition_year,
                    section=e.section,
                    result=FestivalResult(e.result),
                    award=e.award,
                )
                for e in film.festival_entries.all()
            ],
        )


def _version(version: FilmVersion) -> VersionOut:
    return VersionOut(
        label=version.label,
        audio_language=version.audio_language,
        dcp_cpl_id=version.dcp_cpl_id,
        dcp_encrypted=version.dcp_encrypted,
        subtitles=[
            SubtitleOut(
                language=s.language_code,
                format=SubtitleFormat(s.format),
                for_hard_of_hearing=s.for_hard_of_hearing,
                cue_count=s.cue_count,
                last_cue_end_ms=s.last_cue_end_ms,
            )
            for s in version.subtitles.all()
        ],
    )


class FilmIn(Schema):
    owner: str = Field(description="The short name (slug) of the rights holder the film is added for.")
    original_title: str = Field(min_length=1, max_length=300)
    original_language: str = Field(description="ISO 639-1 code, e.g. fa.")
    kind: FilmKind
    audience: Audience = Audience.GENERAL
    year: int = Field(ge=FIRST_FILM_YEAR, le=LAST_PLAUSIBLE_YEAR)
    runtime_minutes: int = Field(ge=1, le=32767)
    translations: dict[str, FilmTextSchema] = Field(
        description="By language code; an English title is required."
    )
    countries: list[str] = Field(
        default_factory=list, description="Production countries, ISO 3166-1 alpha-2."
    )
    genres: list[str] = Field(default_factory=list, description="Genre codes of the shared vocabulary.")
    is_published: bool = True
    eidr: str = ""
    isan: str = ""
    imdb_id: str = ""

    def to_data(self) -> FilmData:
        return FilmData(
            original_title=self.original_title,
            original_language=self.original_language,
            kind=self.kind.value,
            audience=self.audience.value,
            year=self.year,
            runtime_minutes=self.runtime_minutes,
            translations={lang: FilmText(t.title, t.synopsis) for lang, t in self.translations.items()},
            countries=self.countries,
            genre_codes=self.genres,
            is_published=self.is_published,
            eidr=self.eidr,
            isan=self.isan,
            imdb_id=self.imdb_id,
        )


# --- people -----------------------------------------------------------------------------------------


class PersonOut(Schema):
    slug: str
    name: str = Field(description="The name in the requested language, else English, else any script.")
    names: dict[str, str] = Field(description="The name by language code (and so by script).")
    birth_year: int | None
    country: str

    @classmethod
    def build(cls, person: Person, language: str) -> PersonOut:
        return cls(
            slug=person.slug,
            name=person_name(person, language),
            names={n.language_code: n.name for n in person.names.all()},
            birth_year=person.birth_year,
            country=person.country,
        )


class PersonCreditOut(Schema):
    film: str = Field(description="The film's slug.")
    title: str
    year: int
    role: CreditRole
    character: str


class PersonDetailOut(PersonOut):
    credits: list[PersonCreditOut] = Field(
        description="Credits on the films the caller may see, newest first."
    )

    @classmethod
    def build_detail(cls, person: Person, credits: list[Credit], language: str) -> PersonDetailOut:
        return cls(
            **PersonOut.build(person, language).model_dump(),
            credits=[
                PersonCreditOut(
                    film=c.film.slug,
                    title=film_title(c.film, language),
                    year=c.film.year,
                    role=CreditRole(c.role),
                    character=c.character,
                )
                for c in credits
            ],
        )


# --- the caller -------------------------------------------------------------------------------------


class MembershipOut(Schema):
    organisation: OrganisationRefOut
    kind: OrganisationKind
    country: str
    role: Role


class MeOut(Schema):
    username: str
    email: str
    first_name: str
    last_name: str
    preferred_language: str
    memberships: list[MembershipOut]

    @classmethod
    def build(cls, user: User, memberships: list[Membership]) -> MeOut:
        return cls(
            username=user.get_username(),
            email=user.email,
            first_name=user.first_name,
            last_name=user.last_name,
            preferred_language=user.preferred_language,
            memberships=[
                MembershipOut(
                    organisation=OrganisationRefOut(slug=m.organisation.slug, name=m.organisation.name),
                    kind=OrganisationKind(m.organisation.kind),
                    country=m.organisation.country,
                    role=Role(m.role),
                )
                for m in memberships
            ],
        )


# --- query parameters -------------------------------------------------------------------------------


class LangQuery(Schema):
    lang: str | None = Field(
        None, max_length=8, description="Language code of titles and names (default: the Accept-Language)."
    )


class FilmQuery(LangQuery):
    q: str | None = Field(None, max_length=200, description="Search titles in any language and script.")
    kind: FilmKind | None = None
    audience: Audience | None = None
    year_from: int | None = Field(None, ge=FIRST_FILM_YEAR, le=LAST_PLAUSIBLE_YEAR)
    year_to: int | None = Field(None, ge=FIRST_FILM_YEAR, le=LAST_PLAUSIBLE_YEAR)
    country: str | None = Field(None, max_length=2, description="A production country, ISO 3166-1 alpha-2.")
    language: str | None = Field(None, max_length=8, description="The original language, ISO 639-1.")
    subtitles: str | None = Field(None, max_length=8, description="Has a subtitle track in this language.")
    owner: str | None = Field(None, max_length=80, description="The rights holder's short name (slug).")

    def filters(self) -> FilmFilters:
        return FilmFilters(
            kind=self.kind.value if self.kind else "",
            audience=self.audience.value if self.audience else "",
            year_from=self.year_from,
            year_to=self.year_to,
            country=self.country or "",
            language=self.language or "",
            subtitles=self.subtitles or "",
            owner=self.owner or "",
        )


class PersonQuery(LangQuery):
    q: str | None = Field(None, max_length=200, description="Search names in any language and script.")


class OrganisationQuery(Schema):
    kind: OrganisationKind | None = None
    country: str | None = Field(None, max_length=2, description="ISO 3166-1 alpha-2.")
