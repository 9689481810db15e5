"""The eligibility engine's problems worded in the user's language, each naming the rule and the values.

The engine's params are plain JSON (codes, numbers, ISO dates), as a submission stores them; here the
codes become labels (kind, audience, country, premiere), the numbers get the reader's digits and the
dates the reader's calendar (Solar Hijri beside Gregorian in Persian).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from babel.lists import format_list
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cinebridge.catalogue.models import Audience, FilmKind
from cinebridge.core.engine.calendars import format_jalali_long
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import active_language
from cinebridge.core.vocabularies import country_name

from .engine.eligibility import Problem
from .models import PremiereStatus

__all__ = ["problem_message", "problem_messages"]


def _digits(value: object) -> str:
    return localize_digits(str(value), active_language())


def _minutes(value: object) -> str:
    count = int(str(value))
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", count) % {"minutes": _digits(count)}


def _day(value: object) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    gregorian = _digits(formats.date_format(day, "DATE_FORMAT"))
    if active_language() == "fa":
        return f"{format_jalali_long(day)} ({gregorian})"
    return gregorian


def _label(choices: type[FilmKind] | type[Audience] | type[PremiereStatus], value: object) -> str:
    try:
        return str(choices(str(value)).label)
    except ValueError:
        return str(value)


def _or_list(items: Iterable[str]) -> str:
    values = list(items)
    if not values:
        return ""
    return format_list(values, style="or", locale=active_language())


def _and_list(items: Iterable[str]) -> str:
    values = list(items)
    if not values:
        return ""
    return format_list(values, locale=active_language())


def _codes(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list | tuple) else []


def problem_message(problem: Problem | Mapping[str, object]) -> str:
    """One sentence, in the active language, saying which rule of the call the film breaks and why."""
    if isinstance(problem, Problem):
        rule, params = problem.rule, dict(problem.params)
    else:
        rule = str(problem.get("rule", ""))
        raw = problem.get("params")
        params = dict(raw) if isinstance(raw, Mapping) else {}
    get = params.get
    if rule == "not_open":
        return _("The call opens on %(opens_on)s: entries are accepted from that day.") % {
            "opens_on": _day(get("opens_on"))
        }
    if rule == "deadline_passed":
        return _("The call's deadline was %(deadline)s: entries are no longer accepted.") % {
            "deadline": _day(get("deadline"))
        }
    if rule == "kind":
        return _("Kind of film “%(kind)s” is not accepted: the call takes %(allowed)s.") % {
            "kind": _label(FilmKind, get("kind")),
            "allowed": _or_list(_label(FilmKind, code) for code in _codes(get("allowed"))),
        }
    if rule == "runtime_short":
        return _("Runtime %(runtime)s is shorter than the call's minimum of %(limit)s.") % {
            "runtime": _minutes(get("runtime")),
            "limit": _minutes(get("min_runtime")),
        }
    if rule == "runtime_long":
        return _("Runtime %(runtime)s is longer than the call's limit of %(limit)s.") % {
            "runtime": _minutes(get("runtime")),
            "limit": _minutes(get("max_runtime")),
        }
    if rule == "year":
        return _(
            "Production year %(year)s is too early: the call takes films made in %(min_year)s or later."
        ) % {"year": _digits(get("year")), "min_year": _digits(get("min_year"))}
    if rule == "country":
        countries = _codes(get("countries"))
        allowed = _or_list(country_name(code) for code in _codes(get("allowed")))
        if not countries:
            return _(
                "The film has no country of production recorded: the call takes films made or "
                "co-produced in %(allowed)s."
            ) % {"allowed": allowed}
        return _(
            "Country of production %(countries)s: the call takes films made or co-produced in %(allowed)s."
        ) % {"countries": _and_list(country_name(code) for code in countries), "allowed": allowed}
    if rule == "audience":
        return _("Audience “%(audience)s” is not accepted: the call takes films for %(allowed)s.") % {
            "audience": _label(Audience, get("audience")),
            "allowed": _or_list(_label(Audience, code) for code in _codes(get("allowed"))),
        }
    if rule == "premiere":
        return _("The call asks for at least “%(required)s”; the entry claims “%(premiere)s”.") % {
            "required": _label(PremiereStatus, get("required")),
            "premiere": _label(PremiereStatus, get("premiere")),
        }
    if rule == "premiere_history":
        return _(
            "“%(premiere)s” cannot be claimed: the film's festival history shows screenings in %(years)s."
        ) % {
            "premiere": _label(PremiereStatus, get("premiere")),
            "years": _and_list(_digits(year) for year in _codes(get("years"))),
        }
    return _("The film does not meet the call's rule “%(rule)s”.") % {"rule": rule}


def problem_messages(problems: Iterable[Problem | Mapping[str, object]]) -> list[str]:
    """`problem_message` of each problem, in order."""
    return [problem_message(problem) for problem in problems]
