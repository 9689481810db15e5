"""The schedule optimiser's refusals (`ScheduleInputError` codes and params) and the checker's
violations, worded in the user's language.

The engine is pure Python and words its errors in English; the management command and the REST
endpoint say them in the active language with these sentences. The path (`films[3].runtime`) is
given beside the sentence, not inside it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .engine.checker import Violation
from .engine.jsonio import ScheduleInputError

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def schedule_error_location(error: ScheduleInputError) -> list[str | int]:
    """The error's path as the API names places in a body: `["body", "films", 3, "runtime"]`."""
    loc: list[str | int] = ["body"]
    for name, index in _SEGMENT.findall(error.path):
        loc.append(int(index) if index else name)
    return loc


def _format(message: str | None, params: dict[str, object], fallback: str) -> str:
    if message is None:
        return fallback
    try:
        return message % {key: str(value) for key, value in params.items()}
    except (KeyError, ValueError, TypeError):  # params missing: the engine's own words still help
        return fallback


def schedule_error_message(error: ScheduleInputError) -> str:
    """One sentence saying what is wrong at the error's path, in the active language."""
    messages = {
        "object": _("Send an object here."),
        "list": _("Send a list here."),
        "required": _("This field is required."),
        "unknown": _("“%(key)s” is not a field here; the fields are: %(known)s."),
        "text": _("Enter a text."),
        "number": _("Enter a whole number from %(minimum)s to %(maximum)s."),
        "factor": _("Enter a number from 0 to %(maximum)s."),
        "boolean": _("Enter true or false."),
        "choice": _("“%(value)s” is not one of %(choices)s."),
        "time": _("“%(value)s” is not a time of day such as 18:30."),
        "datetime": _("“%(value)s” is not a local date and time such as 2026-05-02T18:30."),
        "date": _("“%(value)s” is not a date such as 2026-05-02."),
        "range": _("Send a range as [from, to]."),
        "order": _("The range ends before it starts."),
        "overlap": _("These opening ranges overlap."),
        "hours": _("Send the opening hours as a list of [from, to] or as an object by date."),
        "day": _("“%(value)s” is not one of the days of the schedule."),
        "days_order": _("List each day once, in order."),
        "empty": _("List at least one."),
        "too_long": _("A schedule covers at most %(maximum)s days."),
        "weekday": _("“%(value)s” is not a weekday from 1 (Monday) to 7 (Sunday)."),
        "unique": _("The id “%(value)s” is already used at %(other)s."),
        "reference": _("Nothing of this kind has the id “%(value)s”."),
        "min_max": _("The maximum (%(max)s) is below the minimum (%(min)s)."),
        "qa_duplicate": _("%(other)s already asks this guest for a Q&A of this film."),
        "timezone": _("“%(value)s” is not a time zone such as Europe/Minsk or Asia/Tehran."),
        "grid": _("The grid must divide a day evenly (5, 10, 15, 30 or 60 minutes…), not %(value)s."),
        "seconds": _("Enter a number of seconds above 0 and at most %(maximum)s."),
    }
    return _format(messages.get(error.code), error.params, error.message)


def schedule_error_text(error: ScheduleInputError) -> str:
    """`path: sentence`, for a command line."""
    message = schedule_error_message(error)
    return f"{error.path}: {message}" if error.path else message


def violation_message(violation: Violation) -> str:
    """The broken rule of a (manually edited) schedule in the active language."""
    messages = {
        "grid": _("%(film)s on %(screen)s at %(start)s starts off the %(grid)s-minute grid."),
        "hours": _("%(film)s on %(screen)s at %(start)s does not fit the screen's opening hours (%(minutes)s "
                   "minutes with the changeover)."),
        "projection": _("%(film)s on %(screen)s at %(start)s: the screen cannot project a %(format)s copy."),
        "children_hours": _("%(film)s on %(screen)s at %(start)s: a children's film must start between %(from_)s "
                            "and %(to)s on this day."),
        "audience": _("%(film)s on %(screen)s at %(start)s: the slot admits %(ceiling)s audiences at most, the "
                      "film is for a %(audience)s audience."),
        "age": _("%(film)s on %(screen)s at %(start)s: the slot admits films rated up to %(max_age)s+, the film "
                 "is %(min_age)s+."),
        "qa_not_requested": _("%(film)s on %(screen)s at %(start)s: no Q&A with %(guest)s is requested for this "
                              "film."),
        "guest_absent": _("%(film)s on %(screen)s at %(start)s: %(guest)s is not in %(city)s for the whole "
                          "screening and Q&A."),
        "screen_overlap": _("%(film)s at %(start)s and %(other_film)s at %(other_start)s overlap on %(screen)s "
                            "(the changeover included)."),
        "city_overlap": _("%(film)s plays twice at once in %(city)s: at %(start)s and at %(other_start)s."),
        "guest_overlap": _("%(guest)s cannot host the Q&As at %(start)s and %(other_start)s: they overlap."),
        "max_screenings": _("%(film)s is shown %(count)s times; at most %(limit)s are allowed."),
        "min_screenings": _("%(film)s is shown %(count)s times; at least %(limit)s are required."),
        "qa_max": _("%(guest)s hosts %(count)s Q&As of %(film)s; at most %(limit)s are asked for."),
        "qa_min": _("%(guest)s hosts %(count)s Q&As of %(film)s; at least %(limit)s are asked for."),
        "lock_missing": _("The locked screening of %(film)s on %(screen)s at %(start)s is missing."),
        "unknown_film": _("There is no film “%(value)s”."),
        "unknown_screen": _("There is no screen “%(value)s”."),
        "unknown_guest": _("There is no guest “%(value)s”."),
    }  # fmt: skip
    return _format(messages.get(violation.code), violation.params, violation.message)
