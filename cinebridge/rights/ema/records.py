"""What an EMA Avails file says, as plain frozen data: one record per Transaction × Asset. No Django import.

Dates are already in our convention: `start` is the first day of the right (None: from the beginning,
"Immediate" or another StartCondition), `end` the first day *after* it (exclusive; None: open end,
"Open" or another EndCondition). The raw condition words are kept so an export writes them back.
Locations name where in the file a record or a problem comes from; they never take part in equality,
so a record read back from an exported file equals the record it was written from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date


@dataclass(frozen=True, slots=True)
class XmlLocation:
    """A line and an element path such as `/AvailList/Avail[3]/Transaction[1]/Territory`."""

    line: int
    path: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.path}"


@dataclass(frozen=True, slots=True)
class CellLocation:
    """A spreadsheet cell (or a whole row when `column` is empty); rows are numbered as Excel shows them."""

    sheet: str
    row: int
    column: str = ""  # column letter, e.g. "AB"
    header: str = ""  # the column's header, e.g. "Territory"

    def __str__(self) -> str:
        cell = f"{self.column}{self.row}" if self.column else f"row {self.row}"
        named = f" ({self.header})" if self.header else ""
        return f"sheet {self.sheet}, {cell}{named}"


@dataclass(frozen=True, slots=True)
class FileLocation:
    """The file as a whole (an unreadable file, a missing sheet)."""

    def __str__(self) -> str:
        return "file"


Location = XmlLocation | CellLocation | FileLocation


class Severity(enum.StrEnum):
    ERROR = "error"  # the file is refused
    WARNING = "warning"  # reported; the file is still imported


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: where, a stable code to translate, its parameters, an English text."""

    location: Location
    code: str
    message: str
    params: tuple[tuple[str, str], ...] = ()
    severity: Severity = Severity.ERROR

    @property
    def param_map(self) -> dict[str, str]:
        return dict(self.params)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def problem(location: Location, code: str, message: str, /, **params: object) -> Problem:
    """An error whose English message is `message` formatted with `params`."""
    texts = {key: str(value) for key, value in params.items()}
    return Problem(
        location=location,
        code=code,
        message=message % texts if texts else message,
        params=tuple(sorted(texts.items())),
    )


def warning(location: Location, code: str, message: str, /, **params: object) -> Problem:
    """A warning (reported, not refused) whose English message is `message` formatted with `params`."""
    return replace(problem(location, code, message, **params), severity=Severity.WARNING)


@dataclass(frozen=True, slots=True, order=True)
class AltId:
    namespace: str
    identifier: str
    scope: str = ""


class Localization(enum.StrEnum):
    """LocalizationOffering: how the AllowedLanguages may be used."""

    SUB = "sub"
    DUB = "dub"
    SUBDUB = "subdub"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class AvailRecord:
    """One Transaction of one Avail for one Asset, as the file states it (codes canonicalised)."""

    location: Location = field(compare=False, repr=False)
    alid: str
    transaction_id: str = ""
    entry_type: str = ""  # Disposition/EntryType: "Full Extract", "Create", ...
    licensor: str = ""
    service_provider: str = ""
    licensee: str = ""  # Transaction/Licensee (v2.5+) or the XLSX Licensee column
    avail_type: str = ""  # single, episode, season, series, collection, bundle, volume, ...
    short_description: str = ""
    # The asset
    work_type: str = ""  # Movie, Short, Episode, Season, Series, Collection, Volume, ...
    content_id: str = ""
    title: str = ""  # TitleDisplayUnlimited, or the internal alias when there is none
    title_internal_alias: str = ""
    title_eidr: str = ""  # "10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C"
    edit_eidr: str = ""
    alt_ids: tuple[AltId, ...] = ()
    release_year: int | None = None
    run_length_seconds: int | None = None
    localization: str = ""  # a Localization value or ""
    series_title: str = ""
    series_content_id: str = ""
    season_number: str = ""
    season_content_id: str = ""
    episode_number: str = ""
    volume_number: str = ""
    bundled_alids: tuple[str, ...] = ()
    # The transaction
    license_type: str = ""  # EST, VOD, SVOD, POEST, ...
    license_rights_description: str = ""
    format_profile: str = ""  # HD, SD, UHD, ...
    territories: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 or UN M.49 area codes ("001" is the world)
    territories_excluded: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None  # exclusive
    start_condition: str = ""  # "Immediate" or another DateTimeCondition when there is no Start date
    end_condition: str = ""  # "Open" or another DateTimeCondition when there is no End date
    allowed_languages: tuple[str, ...] = ()  # BCP 47, canonical case
    asset_languages: tuple[str, ...] = ()
    holdback_languages: tuple[str, ...] = ()
    exclusive: bool | None = None  # None: the file does not say
    suppression_lift_date: date | None = None  # a pre-order (POEST) may be announced from this day
    contract_id: str = ""
    reporting_id: str = ""
    description: str = ""

    @property
    def exclusivity(self) -> str:
        """ "exclusive" or "non_exclusive" (a file that does not say is non-exclusive)."""
        return "exclusive" if self.exclusive else "non_exclusive"

    @property
    def language_uses(self) -> tuple[str, ...]:
        """Our language uses ("en:original", "ar:subtitled", ...); () means every language use.

        The asset languages are the original versions; the allowed languages may be subtitled, dubbed
        or both, as LocalizationOffering says (no offering, "any" or "subdub": both).
        """
        uses: set[str] = {f"{language}:original" for language in self.asset_languages}
        forms = {
            Localization.SUB.value: ("subtitled",),
            Localization.DUB.value: ("dubbed",),
        }.get(self.localization, ("subtitled", "dubbed"))
        for language in self.allowed_languages:
            uses.update(f"{language}:{form}" for form in forms)
        return tuple(sorted(uses))

    @property
    def display_title(self) -> str:
        """A title for people: the episode under its series and numbers where the file gives them."""
        title = self.title or self.title_internal_alias or self.alid
        if self.work_type == "Episode" and self.series_title:
            numbers = f"S{self.season_number}E{self.episode_number}" if self.season_number else ""
            numbers = numbers or (f"E{self.episode_number}" if self.episode_number else "")
            return " – ".join(part for part in (self.series_title, numbers, title) if part)
        if self.work_type == "Season" and self.series_title and title == self.alid:
            return f"{self.series_title} – S{self.season_number}" if self.season_number else self.series_title
        return title


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The records of a file and everything wrong with it; `ok` when there is no error."""

    format: str  # "xml" or "xlsx"
    version: str  # "2.4" (XML Avails) or "1.9" (XLSX template)
    records: tuple[AvailRecord, ...]
    problems: tuple[Problem, ...] = ()
    schema: str = ""  # the XSD validated against, e.g. "avails-v2.4.xsd"
    notes: tuple[str, ...] = ()  # how the file was read, e.g. which schema stood in for its version

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors


class AvailsReadError(Exception):
    """A file that cannot be read at all (not XML, not an Avails list, no schema to check it against)."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message % {k: str(v) for k, v in params.items()} if params else message)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}
