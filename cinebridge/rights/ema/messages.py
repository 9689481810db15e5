"""The EMA readers' problems in the user's language: where (line and element, or sheet, cell and column) and why."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .records import AvailsReadError, CellLocation, Location, Problem, XmlLocation


def location_text(location: Location) -> str:
    """ "line 52, /AvailList/Avail[1]/Transaction[1]/Territory", "sheet Movies, cell J5 (Territory)"."""
    if isinstance(location, XmlLocation):
        return _("line %(line)s, %(path)s") % {"line": location.line, "path": location.path}
    if isinstance(location, CellLocation):
        if location.column:
            return _("sheet %(sheet)s, cell %(cell)s (%(column)s)") % {
                "sheet": location.sheet,
                "cell": f"{location.column}{location.row}",
                "column": location.header,
            }
        if location.header:
            return _("sheet %(sheet)s, column %(column)s") % {
                "sheet": location.sheet,
                "column": location.header,
            }
        return _("sheet %(sheet)s, row %(row)s") % {"sheet": location.sheet, "row": location.row}
    return _("the file")


def _templates() -> dict[str, str]:
    return {
        "country": _("“%(code)s” is not an ISO 3166-1 country code."),
        "region": _("“%(code)s” is not a UN M.49 area we know."),
        "subdivision": _(
            "Territory “%(code)s” is part of a country; rights are recorded for whole countries only."
        ),
        "language_malformed": _("“%(tag)s” is not a well-formed BCP 47 language tag."),
        "language_unknown_language": _(
            "“%(tag)s” is not a valid language tag: there is no language “%(subtag)s”."
        ),
        "language_unknown_script": _(
            "“%(tag)s” is not a valid language tag: there is no script “%(subtag)s”."
        ),
        "language_unknown_region": _(
            "“%(tag)s” is not a valid language tag: “%(subtag)s” is not a country or UN M.49 area."
        ),
        "vocabulary": _("“%(value)s” is not an allowed %(field)s value."),
        "structure": _("%(detail)s (MovieLabs structure rule %(rule)s)."),
        "schema": _("Not valid against %(schema)s: %(detail)s"),
        "end_before_start": _("The right ends (%(end)s) before it starts (%(start)s)."),
        "duplicate_transaction": _("Transaction %(id)s of ALID %(alid)s appears twice (first in %(first)s)."),
        "no_territory": _("The transaction names no territory."),
        "condition_open": _(
            "%(name)s “%(value)s” depends on an event this file does not date; it is imported as %(as)s."
        ),
        "flag": _("“%(value)s” must be Yes or No."),
        "eidr": _("“%(value)s” is not an EIDR content ID (10.5240/XXXX-…-C)."),
        "date": _("“%(value)s” is not a date (YYYY-MM-DD)."),
        "year": _("“%(value)s” is not a year."),
        "duration": _("“%(value)s” is not a run time (HH:MM:SS)."),
        "required": _("%(column)s is required."),
        "missing_column": _("The sheet has no %(column)s column."),
        "unexpected_element": _("Only Avail elements may stand in an AvailList, not %(name)s."),
        "no_avails": _("The AvailList holds no Avail."),
    }


def problem_message(problem: Problem) -> str:
    """The problem's reason in the active language (the English text when no template fits its parameters)."""
    template = _templates().get(problem.code)
    if template is None:
        return problem.message
    params = problem.param_map
    if problem.code == "duplicate_transaction" and params.get("first", "").isdigit():
        params["first"] = _("line %(line)s") % {"line": params["first"]}
    if problem.code == "condition_open":
        params["as"] = (
            _("an open start") if params.get("name") in ("Start", "StartCondition") else _("an open end")
        )
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return problem.message


def read_error_message(error: AvailsReadError) -> str:
    """Why a file could not be read at all, in the active language."""
    params = error.params
    templates = {
        "no_schema_dir": _(
            "The EMA Avails schemas are not installed (looked in %(dir)s). Set EMA_AVAILS_SCHEMA_DIR to the "
            "directory holding avails-v*.xsd and the vocabulary and structure files."
        ),
        "not_xml": _("The file is not well-formed XML (line %(line)s): %(detail)s"),
        "not_avails": _(
            "This is not an EMA Avails file: its root element is %(root)s, not an AvailList in a MovieLabs "
            "Avails namespace."
        ),
        "unsupported_version": _("Avails version %(version)s is not supported (versions 2.2 to 2.7 are)."),
        "empty": _("The file is empty."),
        "unknown_format": _("This is neither an Avails XML file nor an Avails spreadsheet (.xlsx)."),
        "not_xlsx": _("The file is not an Excel workbook (.xlsx): %(detail)s"),
        "no_avails_sheet": _(
            "No sheet of this workbook has the Avails template's two header rows (an EntryType column in the "
            "second row)."
        ),
    }
    template = templates.get(error.code)
    try:
        return template % params if template else str(error)
    except (KeyError, TypeError, ValueError):
        return str(error)
