"""Import an EMA Avails file (XML or XLSX) into a rights holder's grants, all or nothing.

The file is read and checked (`reading.read_avails`), each asset is matched to a catalogue film (or
created, when asked), each record becomes a `GrantInput`, and `services.grants_import` writes them
under the conflict rules. Any problem anywhere means nothing is written; the report names each one
by line and element (XML) or sheet, cell and column (XLSX), in the user's language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from babel.core import get_global
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.accounts.selectors import organisation_list
from cinebridge.catalogue import selectors as catalogue_selectors
from cinebridge.catalogue.engine import identifiers
from cinebridge.catalogue.models import Film, FilmKind
from cinebridge.catalogue.services import FilmData, FilmText, film_create
from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_language_code
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.engine.vocabulary import Vocabularies, load_vocabularies
from cinebridge.rights.services import GrantInput, ImportRefused, grants_import

from .messages import location_text, problem_message, read_error_message
from .reading import read_avails
from .records import (
    AvailRecord,
    AvailsReadError,
    CellLocation,
    FileLocation,
    Location,
    ReadResult,
    Severity,
    XmlLocation,
)

ProgressCallback = Callable[[int, int], None]

# Progress is told in thousandths: reading the file is the first half, writing the grants the second.
PROGRESS_TOTAL = 1000
_READ_SHARE = 500

OUR_ALID = re.compile(r"^md:(?:alid|cid):cinebridge:(?P<slug>[-a-z0-9_]+)$")
_IMDB = re.compile(r"^tt\d{7,8}$")
_LONG_TERRITORY_LIST = 30
_MAX_REFERENCE = 200
_SUPPORTED_ENTRY_TYPES = frozenset({"Full Extract", "Create", "Update"})

_KIND_FOR_WORK_TYPE = {
    "Movie": FilmKind.FEATURE,
    "Short": FilmKind.SHORT,
    "Episode": FilmKind.SERIES,
    "Season": FilmKind.SERIES,
    "Series": FilmKind.SERIES,
    "Miniseries": FilmKind.SERIES,
    "Volume": FilmKind.SERIES,
}
# What a film created from a file that gives no run length is entered with (the report says so).
_PLACEHOLDER_MINUTES = {FilmKind.FEATURE: 90, FilmKind.SHORT: 15, FilmKind.SERIES: 45}


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One problem or warning: where in the file and why, in the user's language."""

    where: str
    message: str
    severity: str = Severity.ERROR.value
    line: int | None = None
    path: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, or why it did nothing (`ok` False: not a single row was written)."""

    ok: bool
    format: str = ""
    version: str = ""
    schema: str = ""
    records: int = 0
    grant_ids: tuple[int, ...] = ()
    films_matched: tuple[int, ...] = ()
    films_created: tuple[int, ...] = ()
    errors: tuple[ReportLine, ...] = ()
    warnings: tuple[ReportLine, ...] = ()
    notes: tuple[str, ...] = ()


def _line(location: Location, message: str, severity: Severity = Severity.ERROR) -> ReportLine:
    where = location_text(location)
    if isinstance(location, XmlLocation):
        return ReportLine(where, message, severity.value, line=location.line, path=location.path)
    if isinstance(location, CellLocation):
        return ReportLine(
            where, message, severity.value, sheet=location.sheet, row=location.row, column=location.column
        )
    return ReportLine(where, message, severity.value)


def schema_dir_setting() -> Path | None:
    """The directory of the Avails schemas, vocabulary and structure files (settings.EMA_AVAILS_SCHEMA_DIR)."""
    value = getattr(settings, "EMA_AVAILS_SCHEMA_DIR", None)
    return Path(value) if value else None


# --- films ---------------------------------------------------------------------------------------


def _asset_key(record: AvailRecord) -> tuple[str, ...]:
    """Records of one work share this key: its EIDR where the file gives one, else its ALID."""
    if record.title_eidr:
        return ("eidr", record.title_eidr)
    if record.edit_eidr:
        return ("eidr", record.edit_eidr)
    return ("alid", record.alid, record.content_id)


def _valid_eidr(text: str) -> str:
    if not text:
        return ""
    try:
        return identifiers.parse_eidr(text)
    except identifiers.IdentifierError:
        return ""


def _imdb_id(record: AvailRecord) -> str:
    for alt in record.alt_ids:
        if "imdb" in alt.namespace.casefold() or _IMDB.match(alt.identifier):
            try:
                return identifiers.parse_imdb_id(alt.identifier)
            except identifiers.IdentifierError:
                continue
    return ""


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class _Catalogue:
    """The films an import can match, looked up once for the whole file."""

    by_eidr: dict[str, Film]
    by_imdb: dict[str, Film]
    by_slug: dict[str, Film]
    by_title: dict[tuple[str, int | None], list[Film]]


def _load_catalogue(holder: Organisation, records: Sequence[AvailRecord]) -> _Catalogue:
    eidrs = {e for r in records for e in (_valid_eidr(r.title_eidr), _valid_eidr(r.edit_eidr)) if e}
    imdbs = {i for r in records if (i := _imdb_id(r))}
    slugs = {m["slug"] for r in records for text in (r.alid, r.content_id) if (m := OUR_ALID.match(text))}
    by_title: dict[tuple[str, int | None], list[Film]] = defaultdict(list)
    for film in catalogue_selectors.films_of_owner(owner=holder):
        titles = {_fold(film.original_title)} | {_fold(t.title) for t in film.translations.all()}
        for title in titles:
            by_title[(title, film.year)].append(film)
            by_title[(title, None)].append(film)
    by_eidr, by_imdb, by_slug = catalogue_selectors.films_by_identifiers(
        eidrs=eidrs, imdb_ids=imdbs, slugs=slugs
    )
    return _Catalogue(by_eidr=by_eidr, by_imdb=by_imdb, by_slug=by_slug, by_title=by_title)


def _match(record: AvailRecord, catalogue: _Catalogue) -> tuple[Film | None, str]:
    """The film a record is about (EIDR, then IMDb id, then our own ALID, then title and year), or why not."""
    for eidr in (_valid_eidr(record.title_eidr), _valid_eidr(record.edit_eidr)):
        if eidr and eidr in catalogue.by_eidr:
            return catalogue.by_eidr[eidr], ""
    imdb = _imdb_id(record)
    if imdb and imdb in catalogue.by_imdb:
        return catalogue.by_imdb[imdb], ""
    for text in (record.alid, record.content_id):
        found = OUR_ALID.match(text)
        if found and found["slug"] in catalogue.by_slug:
            return catalogue.by_slug[found["slug"]], ""
    candidates: dict[int, Film] = {}
    for title in {record.title, record.title_internal_alias, record.display_title} - {""}:
        for film in catalogue.by_title.get((_fold(title), record.release_year), []):
            candidates[film.pk] = film
    if len(candidates) == 1:
        return next(iter(candidates.values())), ""
    if len(candidates) > 1:
        return None, _(
            "Several of your films are called “%(title)s” (%(year)s): give the file an EIDR to tell them apart."
        ) % {
            "title": record.display_title,
            "year": record.release_year or "?",
        }
    return None, ""


def _grant_language(tag: str) -> str | None:
    """The language code a grant records for a BCP 47 tag: its language subtag, macrolanguage aliases folded."""
    primary = tag.split("-")[0].lower()
    alias = get_global("language_aliases").get(primary)
    code = alias.split("_")[0] if alias else primary
    return code if is_language_code(code) else None


def _year_for(records: Sequence[AvailRecord], all_records: Sequence[AvailRecord]) -> tuple[int, bool]:
    """The work's year from the file, else from its bundled or sibling works, else its earliest start."""
    for record in records:
        if record.release_year:
            return record.release_year, True
    bundled = {alid for r in records for alid in r.bundled_alids}
    series = {r.series_content_id for r in records if r.series_content_id}
    related = [
        r.release_year
        for r in all_records
        if r.release_year and (r.alid in bundled or (r.series_content_id and r.series_content_id in series))
    ]
    if related:
        return max(related), False
    starts = [r.start.year for r in records if r.start is not None and 1888 <= r.start.year <= 2100]
    return (min(starts) if starts else timezone.localdate().year), False


def _film_data(
    records: Sequence[AvailRecord], all_records: Sequence[AvailRecord]
) -> tuple[FilmData, list[str]]:
    """What a film created from these records is entered with, and which facts were placeholders."""
    first = records[0]
    kind = _KIND_FOR_WORK_TYPE.get(first.work_type, FilmKind.FEATURE)
    year, year_known = _year_for(records, all_records)
    seconds = next((r.run_length_seconds for r in records if r.run_length_seconds), None)
    minutes = max(1, round(seconds / 60)) if seconds else _PLACEHOLDER_MINUTES[kind]
    languages = [code for r in records for tag in r.asset_languages if (code := _grant_language(tag))]
    placeholders = []
    if not year_known:
        placeholders.append(_("year (entered as %(year)s)") % {"year": year})
    if not seconds:
        placeholders.append(_("run time (entered as %(minutes)s minutes)") % {"minutes": minutes})
    if not languages:
        placeholders.append(_("original language (entered as undetermined)"))
    title = first.display_title[:300]
    return (
        FilmData(
            original_title=title,
            original_language=languages[0] if languages else "und",
            kind=kind,
            audience="general",
            year=year,
            runtime_minutes=minutes,
            translations={"en": FilmText(title=title)},
            is_published=False,
            eidr=_valid_eidr(first.title_eidr) or _valid_eidr(first.edit_eidr),
            imdb_id=_imdb_id(first),
        ),
        placeholders,
    )


# --- grants --------------------------------------------------------------------------------------


@dataclass
class _Item:
    """One grant to write, and the records (transactions) it was made of."""

    data: GrantInput
    records: list[AvailRecord] = field(default_factory=list)


@dataclass
class _Entry:
    data: GrantInput  # everything but media and language uses
    media: frozenset[str]
    uses: frozenset[str]  # empty: every language use
    records: list[AvailRecord]
    folded: dict[str, str]


def _union_uses(entries: Sequence[_Entry]) -> frozenset[str]:
    if any(not e.uses for e in entries):
        return frozenset()  # one of them holds every language use: so does the union
    return frozenset().union(*(e.uses for e in entries))


def _merge(entries: list[_Entry]) -> list[_Entry]:
    """Records that differ only in media become one grant with their media; then those that differ only in
    language uses, with their uses; again until nothing changes. One dimension at a time, so that no
    cell is granted that no record grants (EST in fa plus SVOD in ru is not EST and SVOD in fa and ru)."""
    while True:
        before = len(entries)
        for along_media in (True, False):
            groups: dict[tuple[Any, ...], list[_Entry]] = defaultdict(list)
            for entry in entries:
                groups[(entry.data, entry.uses if along_media else entry.media)].append(entry)
            entries = [
                _Entry(
                    data=group[0].data,
                    media=frozenset().union(*(e.media for e in group)) if along_media else group[0].media,
                    uses=group[0].uses if along_media else _union_uses(group),
                    records=[r for e in group for r in e.records],
                    folded={k: v for e in group for k, v in e.folded.items()},
                )
                for group in groups.values()
            ]
        if len(entries) == before:
            return entries


def _territories(record: AvailRecord, vocabularies: Vocabularies) -> tuple[str, str]:
    """The territory expression of a record ("US + CA", "WORLD excluding US, CA"), or why there is none."""
    groups = _m49_groups(vocabularies)

    def code(item: str) -> str | None:
        return groups.get(item) if item.isdigit() else item

    include = [code(c) for c in record.territories]
    exclude = [code(c) for c in record.territories_excluded]
    unknown = [
        c
        for c, mapped in zip(record.territories + record.territories_excluded, include + exclude, strict=True)
        if mapped is None
    ]
    if unknown:
        return "", _("The area %(codes)s has no counterpart in our territory vocabulary.") % {
            "codes": ", ".join(unknown)
        }
    included = [c for c in include if c]
    excluded = [c for c in exclude if c]
    if (
        not excluded
        and len(included) > _LONG_TERRITORY_LIST
        and all(c in vocabularies.territories.countries() for c in included)
    ):
        return str(vocabularies.territories.describe(frozenset(included), timezone.localdate())), ""
    text = " + ".join(included)
    if excluded:
        text += " excluding " + ", ".join(excluded)
    return text, ""


@lru_cache(maxsize=4)
def _m49_groups(vocabularies: Vocabularies) -> dict[str, str]:
    """{UN M.49 code: our group code}: "001" → "WORLD", "150" → "EUROPE"."""
    return {g.m49: g.code for g in vocabularies.territories.groups() if g.m49}


def _counterparty(name: str, holder: Organisation) -> tuple[int | None, str]:
    if not name:
        return None, ""
    found = list(organisation_list().filter(name__iexact=name).exclude(pk=holder.pk)[:2])
    if len(found) == 1:
        return found[0].pk, ""
    return None, name[:200]


def _notes(result: ReadResult, records: Sequence[AvailRecord], folded: Mapping[str, str]) -> str:
    def listed(values: Iterable[str]) -> str:
        return ", ".join(dict.fromkeys(v for v in values if v))

    parts = [
        _("Imported from EMA Avails (%(format)s %(version)s).")
        % {"format": result.format.upper(), "version": result.version},
        _("ALID: %(alid)s.") % {"alid": listed(r.alid for r in records)},
    ]
    facts = [
        (_("Transactions"), listed(r.transaction_id for r in records)),
        (_("License types"), listed(r.license_type for r in records)),
        (_("Formats"), listed(r.format_profile for r in records)),
        (_("Rights descriptions"), listed(r.license_rights_description for r in records)),
        (_("Holdback languages"), listed(tag for r in records for tag in r.holdback_languages)),
        (
            _("Start condition"),
            listed(r.start_condition for r in records if r.start_condition != "Immediate"),
        ),
        (_("End condition"), listed(r.end_condition for r in records if r.end_condition != "Open")),
        (
            _("Languages recorded by their main code"),
            listed(f"{tag} → {code}" for tag, code in folded.items()),
        ),
    ]
    parts += [f"{label}: {value}." for label, value in facts if value]
    return " ".join(parts)


def _reference(records: Sequence[AvailRecord]) -> str:
    contracts = list(dict.fromkeys(r.contract_id for r in records if r.contract_id))
    text = (
        ", ".join(contracts)
        if contracts
        else ", ".join(dict.fromkeys(r.transaction_id or r.alid for r in records))
    )
    return text if len(text) <= _MAX_REFERENCE else text[: _MAX_REFERENCE - 1] + "…"


@dataclass
class _Plan:
    items: list[_Item]
    errors: list[ReportLine]
    warnings: list[ReportLine]


def _plan_grants(
    result: ReadResult,
    films: Mapping[int, int],  # record index → film id
    *,
    holder: Organisation,
    direction: Direction,
    vocabularies: Vocabularies,
) -> _Plan:
    """Each record as a grant; records that differ only in media, or only in language uses, are one grant."""
    errors: list[ReportLine] = []
    warnings: list[ReportLine] = []
    folded_warned: set[str] = set()
    counterparties: dict[str, tuple[int | None, str]] = {}
    drafts: list[tuple[AvailRecord, GrantInput, frozenset[str], frozenset[str], dict[str, str]]] = []
    for index, record in enumerate(result.records):
        if index not in films:
            continue
        media = vocabularies.media.leaves_for_ema(record.license_type)
        if not media:
            errors.append(
                _line(
                    record.location,
                    _("LicenseType “%(type)s” has no medium in our vocabulary.")
                    % {"type": record.license_type},
                )
            )
            continue
        territories, problem = _territories(record, vocabularies)
        if problem:
            errors.append(_line(record.location, problem))
            continue
        uses: set[str] = set()
        folded: dict[str, str] = {}
        for use in record.language_uses:
            tag, _sep, form = use.rpartition(":")
            code = _grant_language(tag)
            if code is None:
                errors.append(
                    _line(
                        record.location, _("Language “%(tag)s” cannot be recorded in a grant.") % {"tag": tag}
                    )
                )
                continue
            if code != tag:
                folded[tag] = code
                if tag not in folded_warned:
                    folded_warned.add(tag)
                    warnings.append(
                        _line(
                            record.location,
                            _(
                                "Language “%(tag)s” is recorded as “%(code)s”: grants record a language by its main code, without region or variety."
                            )
                            % {"tag": tag, "code": code},
                            Severity.WARNING,
                        )
                    )
            uses.add(f"{code}:{form}")
        name = record.licensor if direction is Direction.IN else (record.licensee or record.service_provider)
        if name not in counterparties:
            counterparties[name] = _counterparty(name, holder)
        counterparty_id, counterparty_name = counterparties[name]
        data = GrantInput(
            work_id=films[index],
            holder_id=holder.pk,
            direction=direction,
            territories=territories,
            media="",
            exclusivity=Exclusivity.EXCLUSIVE if record.exclusive else Exclusivity.NON_EXCLUSIVE,
            start=record.start,
            end=record.end,
            counterparty_id=counterparty_id,
            counterparty_name=counterparty_name,
            source="ema",
        )
        drafts.append((record, data, frozenset(media), frozenset(uses), folded))
    items: list[_Item] = []
    for entry in _merge(
        [_Entry(data, media, uses, [record], folded) for record, data, media, uses, folded in drafts]
    ):
        final = replace(
            entry.data,
            media=" + ".join(sorted(entry.media)),
            language_uses=" ".join(sorted(entry.uses)),
            reference=_reference(entry.records),
            notes=_notes(result, entry.records, entry.folded),
        )
        items.append(_Item(data=final, records=entry.records))
    return _Plan(items=items, errors=errors, warnings=warnings)


# --- the import ----------------------------------------------------------------------------------


class _NothingWrittenError(Exception):
    """Leave the transaction without writing anything (the report has the reasons)."""


def _refused(
    result: ReadResult | None, errors: Sequence[ReportLine], warnings: Sequence[ReportLine]
) -> ImportReport:
    return ImportReport(
        ok=False,
        format=result.format if result else "",
        version=result.version if result else "",
        schema=result.schema if result else "",
        records=len(result.records) if result else 0,
        errors=tuple(errors),
        warnings=tuple(warnings),
        notes=result.notes if result else (),
    )


def _source(file: UploadedFile | IO[bytes] | str | Path) -> IO[bytes] | str | Path:
    if isinstance(file, UploadedFile):
        file.seek(0)
        return file
    return file


def avails_file_import(
    *,
    actor: User | None,
    holder: Organisation,
    file: UploadedFile | IO[bytes] | str | Path,
    direction: Direction | str,
    create_missing_works: bool,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Read an Avails file into `holder`'s grants (IN: acquired from the licensor; OUT: licensed to the
    licensee), all or nothing. Refuses with PermissionDenied when the actor may not edit the holder's
    rights (or its catalogue, when films are to be created)."""
    direction = Direction(direction)
    if actor is not None:
        policy.require(actor, policy.RIGHTS_EDIT, holder)
        if create_missing_works:
            policy.require(actor, policy.CATALOGUE_EDIT, holder)

    def reading_progress(done: int, total: int) -> None:
        if on_progress is not None and total:
            on_progress(min(_READ_SHARE, done * _READ_SHARE // total), PROGRESS_TOTAL)

    try:
        result = read_avails(_source(file), schema_dir=schema_dir_setting(), on_progress=reading_progress)
    except AvailsReadError as error:
        return _refused(None, [_line(FileLocation(), read_error_message(error))], [])
    warnings = [_line(p.location, problem_message(p), Severity.WARNING) for p in result.warnings]
    errors = [_line(p.location, problem_message(p)) for p in result.errors]
    for record in result.records:
        if record.entry_type and record.entry_type not in _SUPPORTED_ENTRY_TYPES:
            errors.append(
                _line(
                    record.location,
                    _(
                        "EntryType “%(type)s” is not supported: an import only adds grants; end or terminate them instead."
                    )
                    % {"type": record.entry_type},
                )
            )
    if errors:
        return _refused(result, errors, warnings)

    grant_ids: list[int] = []
    matched: set[int] = set()
    created: list[int] = []
    plan = _Plan(items=[], errors=[], warnings=[])
    try:
        with transaction.atomic():
            films, matched, created = _films(
                result,
                holder=holder,
                actor=actor,
                create=create_missing_works,
                errors=errors,
                warnings=warnings,
            )
            plan = _plan_grants(
                result, films, holder=holder, direction=direction, vocabularies=load_vocabularies()
            )
            errors.extend(plan.errors)
            warnings.extend(plan.warnings)
            if errors:
                raise _NothingWrittenError
            total = len(plan.items)

            def writing_progress(written: int) -> None:
                if on_progress is not None and total:
                    on_progress(
                        _READ_SHARE + written * (PROGRESS_TOTAL - _READ_SHARE) // total, PROGRESS_TOTAL
                    )

            grant_ids = grants_import(
                actor=actor, items=[item.data for item in plan.items], on_progress=writing_progress
            )
    except _NothingWrittenError:
        return _refused(result, errors, warnings)
    except ImportRefused as refused:
        for problem in refused.problems:
            records = plan.items[problem.index].records if 0 <= problem.index < len(plan.items) else []
            location: Location = records[0].location if records else FileLocation()
            message = problem.message
            if len(records) > 1:
                message += " " + _(
                    "(This grant joins %(count)s transactions of the file; the first is named.)"
                ) % {"count": len(records)}
            errors.append(_line(location, message))
        return _refused(result, errors, warnings)
    if on_progress is not None:
        on_progress(PROGRESS_TOTAL, PROGRESS_TOTAL)
    return ImportReport(
        ok=True,
        format=result.format,
        version=result.version,
        schema=result.schema,
        records=len(result.records),
        grant_ids=tuple(grant_ids),
        films_matched=tuple(sorted(matched)),
        films_created=tuple(created),
        warnings=tuple(warnings),
        notes=result.notes,
    )


def _films(
    result: ReadResult,
    *,
    holder: Organisation,
    actor: User | None,
    create: bool,
    errors: list[ReportLine],
    warnings: list[ReportLine],
) -> tuple[dict[int, int], set[int], list[int]]:
    """{record index: film id} for every record whose film is found (or created); problems for the rest."""
    catalogue = _load_catalogue(holder, result.records)
    by_asset: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, record in enumerate(result.records):
        by_asset[_asset_key(record)].append(index)
    films: dict[int, int] = {}
    matched: set[int] = set()
    created: list[int] = []
    for indexes in by_asset.values():
        records = [result.records[i] for i in indexes]
        film, problem = None, ""
        for record in records:
            film, problem = _match(record, catalogue)
            if film is not None or problem:
                break
        if problem:
            errors.append(_line(records[0].location, problem))
            continue
        if film is not None:
            matched.add(film.pk)
        elif create:
            data, placeholders = _film_data(records, result.records)
            try:
                film = film_create(owner=holder, data=data, actor=actor)
            except ApplicationError as error:
                errors.append(
                    _line(
                        records[0].location,
                        _("The film “%(title)s” cannot be created: %(reason)s")
                        % {"title": data.original_title, "reason": error.message},
                    )
                )
                continue
            created.append(film.pk)
            if data.eidr:
                catalogue.by_eidr[data.eidr] = film
            if placeholders:
                warnings.append(
                    _line(
                        records[0].location,
                        _(
                            "Film “%(title)s” was added to your catalogue, unpublished. The file does not give its %(missing)s: please complete it."
                        )
                        % {"title": film.original_title, "missing": "; ".join(placeholders)},
                        Severity.WARNING,
                    )
                )
        else:
            errors.append(
                _line(
                    records[0].location,
                    _(
                        "No film of your catalogue matches “%(title)s” (ALID %(alid)s): add it first, or let the import add missing films."
                    )
                    % {"title": records[0].display_title, "alid": records[0].alid},
                )
            )
            continue
        for index in indexes:
            films[index] = film.pk
    return films, matched, created
