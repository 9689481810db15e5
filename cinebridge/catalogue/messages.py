"""Messages in the user's language for the catalogue engines' error codes."""

from typing import Any

from django.utils.translation import gettext as _


def subtitle_error_message(code: str, line: int | None, params: dict[str, Any]) -> str:
    """A sentence naming the line and what is wrong with the subtitle file."""
    where = {"line": line}
    messages = {
        "empty": _("The subtitle file is empty."),
        "encoding": _("The subtitle file is not UTF-8 text. Save it as UTF-8 and upload it again."),
        "missing_header": _("Line %(line)s: a WebVTT file must start with “WEBVTT”.") % where,
        "bad_index": _("Line %(line)s: expected a cue number.") % where,
        "bad_timing": _("Line %(line)s: expected a time range such as “00:00:01,000 --> 00:00:02,500”.")
        % where,
        "end_before_start": _("Line %(line)s: the cue ends before it starts.") % where,
        "empty_cue_text": _("Line %(line)s: the cue has no text.") % where,
        "unknown_format": _("The file is neither SubRip (SRT) nor WebVTT."),
    }
    return messages.get(code, _("Line %(line)s: the subtitle file cannot be read.") % where)


def identifier_error_message(code: str, params: dict[str, Any]) -> str:
    """A sentence saying what is wrong with an EIDR, ISAN or IMDb identifier."""
    messages = {
        "eidr_format": _(
            "An EIDR looks like 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C (hexadecimal groups and a check character)."
        ),
        "eidr_check": _("The EIDR's check character is wrong: with these digits it must be %(expected)s."),
        "isan_format": _(
            "An ISAN looks like 0000-0000-0000-0000-C (hexadecimal groups and a check character)."
        ),
        "isan_check": _("The ISAN's check character is wrong: with these digits it must be %(expected)s."),
        "imdb_format": _("An IMDb id looks like tt0118849 (tt followed by 7 or 8 digits)."),
    }
    return messages.get(code, _("This identifier is not valid.")) % {"expected": params.get("expected", "?")}
