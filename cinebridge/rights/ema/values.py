"""Conversions shared by the XML and XLSX readers and writers: dates, durations, EIDRs, flags. No Django import."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

# Avail types implied by a work type where a spreadsheet has no AvailType column.
AVAIL_TYPE_FOR_WORK_TYPE = {
    "Movie": "single",
    "Short": "single",
    "Episode": "episode",
    "Season": "season",
    "Series": "series",
    "Miniseries": "miniseries",
    "Collection": "collection",
    "Volume": "volume",
    "Supplemental": "supplement",
    "Promotion": "promotion",
}
TV_WORK_TYPES = frozenset({"Episode", "Season", "Series", "Volume", "Miniseries"})

OPEN = "Open"
IMMEDIATE = "Immediate"

_DATE_TIME = re.compile(
    r"^\s*(?P<date>-?\d{4,}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?\s*$"
)


class UnreadableValueError(ValueError):
    """A value that cannot be understood; `code` names what was expected."""

    def __init__(self, code: str, value: object) -> None:
        super().__init__(code, value)
        self.code = code
        self.value = value


def parse_date_time(text: str) -> tuple[date, time]:
    """An xs:dateTime or xs:date as written (its time zone is ignored: Avails dates are local to the deal)."""
    match = _DATE_TIME.match(text)
    if match is None:
        raise UnreadableValueError("date", text)
    try:
        day = date.fromisoformat(match["date"])
        clock = time.fromisoformat(match["time"]) if match["time"] else time(0, 0)
    except ValueError as exc:
        raise UnreadableValueError("date", text) from exc
    return day, clock


def start_day(day: date, clock: time) -> date:
    """The first day of a right that starts at `day` `clock`: the day it starts on counts."""
    return day


def end_day(day: date, clock: time) -> date:
    """The exclusive end day of a right that ends at `day` `clock`.

    An end at midnight (00:00:00) ends before that day; any later time (typically 23:59:59) includes
    the day, so the exclusive end is the next day: 2018-09-30T23:59:59 → 2018-10-01,
    2018-10-01T00:00:00 → 2018-10-01.
    """
    return day if clock == time(0, 0) else day + timedelta(days=1)


def format_start(value: date) -> str:
    return f"{value.isoformat()}T00:00:00"


def format_end(exclusive_end: date) -> str:
    """The inclusive end-of-day form Avails files use: exclusive 2018-10-01 → 2018-09-30T23:59:59."""
    return f"{(exclusive_end - timedelta(days=1)).isoformat()}T23:59:59"


_DURATION = re.compile(
    r"^P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_CLOCK = re.compile(r"^(?P<hours>\d{1,3}):(?P<minutes>\d{2})(?::(?P<seconds>\d{2}(?:\.\d+)?))?$")


def parse_run_length(value: object) -> int:
    """Seconds from an xs:duration ("PT01H37M49S"), a clock text ("01:37:49") or a spreadsheet time."""
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value) * 86400)  # a spreadsheet time is a fraction of a day
    text = str(value).strip()
    match = _DURATION.match(text) or _CLOCK.match(text)
    if match is None or not any(match.groupdict().values()):
        raise UnreadableValueError("duration", value)
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    return round(
        parts.get("days", 0) * 86400 + parts["hours"] * 3600 + parts["minutes"] * 60 + parts["seconds"]
    )


def format_run_length(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours:02d}H{minutes:02d}M{secs:02d}S"


def format_clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


_YEAR = re.compile(r"^\s*(\d{4})")


def parse_year(value: object) -> int:
    """The year of a gYear, gYearMonth or date ("1958", "2005-05-19") or of a spreadsheet date."""
    if isinstance(value, datetime | date):
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    match = _YEAR.match(str(value))
    if match is None:
        raise UnreadableValueError("year", value)
    return int(match[1])


_EIDR = re.compile(
    r"^(?:urn:eidr:10\.5240:|10\.5240/)(?P<suffix>[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){4}-[0-9A-Za-z])$"
)


def canonical_eidr(text: str) -> str:
    """An EIDR content ID in DOI form, "10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C", from either DOI or URN form.

    Only the shape is checked: Avails files carry test IDs whose check characters are wrong, and the
    MovieLabs validator accepts them.
    """
    match = _EIDR.match(text.strip())
    if match is None:
        raise UnreadableValueError("eidr", text)
    return "10.5240/" + match["suffix"].upper()


def eidr_urn(canonical: str) -> str:
    return "urn:eidr:10.5240:" + canonical.removeprefix("10.5240/")


_TRUE = frozenset({"true", "yes", "y", "1", "=true()", "exclusive"})
_FALSE = frozenset({"false", "no", "n", "0", "=false()", "non-exclusive", "nonexclusive"})


def parse_flag(value: object) -> bool:
    """A yes/no cell or element: Yes/No, TRUE/FALSE, 1/0, a spreadsheet boolean or =TRUE() formula."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise UnreadableValueError("flag", value)


def split_list(value: object) -> list[str]:
    """The items of a comma- or semicolon-separated cell ("ar, cmn, cs")."""
    if value is None:
        return []
    return [item.strip() for item in re.split(r"[,;]", str(value)) if item.strip()]
