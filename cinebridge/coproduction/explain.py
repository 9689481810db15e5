"""The eligibility report worded in the user's language: each rule's title, a sentence with its numbers
("Belarus contributes 9.99 %, below the minimum of 10 %."), the status labels, and the input errors of
the engine's readers naming the place in the JSON (`coproducers[1].financing[0].amount`).

The engine (`engine/eligibility.py`) is pure Python and gives codes and numbers only; this module reads
the report's JSON (docs/coproduction-eligibility.md), so the pages, the dossier and the API word it the
same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.core import UnknownLocaleError
from babel.lists import format_list
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from cinebridge.core.engine.calendars import format_jalali_long
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.engine.jsonin import JsonInputError, path_location
from cinebridge.core.i18n import active_language
from cinebridge.core.pdf import money_text
from cinebridge.core.vocabularies import country_name, is_country_code

from .engine.project_json import ProjectInputError
from .engine.rulesets import RuleSetError
from .models import CreativeRole

__all__ = [
    "PLACES",
    "and_list",
    "country_label",
    "digits",
    "error_location",
    "error_sentence",
    "explained_report",
    "place_label",
    "project_input_error_message",
    "role_label",
    "rule_explanation",
    "rule_explanations",
    "rule_groups",
    "rule_set_error_message",
    "rule_title",
    "status_label",
    "undecided_sentence",
    "what_if_contribution_sentence",
    "what_if_points_sentence",
]


PLACES = ("shooting", "post_production", "animation")

# A kind of project inside a sentence ("no verified points table for animation").
_KINDS_IN_SENTENCE: dict[str, Any] = {
    "feature": pgettext_lazy("kind of project, in a sentence", "feature films"),
    "documentary": pgettext_lazy("kind of project, in a sentence", "documentaries"),
    "short": pgettext_lazy("kind of project, in a sentence", "short films"),
    "animation": pgettext_lazy("kind of project, in a sentence", "animation"),
    "series": pgettext_lazy("kind of project, in a sentence", "series"),
}


def digits(value: object) -> str:
    """A number as the reader writes digits (Persian digits in fa)."""
    return localize_digits(str(value), active_language())


def _day(value: object) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    gregorian = digits(formats.date_format(day, "DATE_FORMAT"))
    return f"{format_jalali_long(day)} ({gregorian})" if active_language() == "fa" else gregorian


def and_list(items: Iterable[str]) -> str:
    """Texts joined as the active language joins a list ("Iran and Belarus"); "" for none."""
    values = list(items)
    if not values:
        return ""
    try:
        return format_list(values, locale=active_language())
    except (UnknownLocaleError, ValueError):
        return ", ".join(values)


def country_label(code: object) -> str:
    """A country's name in the active language; anything else as it is."""
    text = str(code)
    return country_name(text) if is_country_code(text) else text


def role_label(role: str) -> str:
    """A creative post's label (director, storyboard…); an unknown post as it is."""
    return str(CreativeRole(role).label) if role in CreativeRole.values else role


def _who(item: Mapping[str, Any]) -> str:
    """A country's name, or a company's with its country."""
    if "country" in item and isinstance(item.get("name"), str):
        name = item.get("name") or item.get("key")
        return _("%(company)s (%(country)s)") % {"company": name, "country": country_label(item["country"])}
    return country_label(item.get("key"))


def status_label(status: str) -> str:
    labels = {
        "passed": pgettext("eligibility rule", "Passed"),
        "failed": pgettext("eligibility rule", "Failed"),
        "waivable": pgettext("eligibility rule", "May be waived"),
        "not_applicable": pgettext("eligibility rule", "Does not apply"),
    }
    return labels.get(status, status)


def place_label(place: str) -> str:
    labels = {
        "shooting": pgettext("place of work", "Shooting"),
        "post_production": pgettext("place of work", "Post-production"),
        "animation": pgettext("place of work", "Animation"),
    }
    return labels.get(place, place)


def rule_title(rule_json: Mapping[str, Any], language: str | None = None) -> str:
    """The rule's title in `language` (default: the active one), else English, else its code."""
    titles = rule_json.get("titles") or {}
    language = language or active_language()
    return str(
        titles.get(language)
        or titles.get(language.split("-")[0])
        or titles.get("en")
        or rule_json.get("code")
    )


def rule_explanations(rule_json: Mapping[str, Any]) -> list[str]:
    """The sentences saying why the rule passed, failed or does not apply, one per finding."""
    status = rule_json.get("status")
    numbers: Mapping[str, Any] = rule_json.get("numbers") or {}
    items: list[Mapping[str, Any]] = list(rule_json.get("items") or [])
    if "missing_rate" in numbers:
        return [_missing_rate(numbers.get("currency"), numbers["missing_rate"])]
    if status == "not_applicable":
        return [_("This rule does not apply to this project.")]
    check = rule_json.get("check")
    worder = _WORDERS.get(str(check))
    if worder is None:
        return [status_label(str(status))]
    return worder(status == "passed", numbers, items, str(status))


def rule_explanation(rule_json: Mapping[str, Any]) -> str:
    """One paragraph with every finding of the rule."""
    return " ".join(rule_explanations(rule_json))


def _missing_rate(currency: object, rule_currency: object) -> str:
    """Which exchange rate to record, naming both currencies."""
    return _(
        "No exchange rate from %(currency)s to %(rule_currency)s was given: record one under exchange rates."
    ) % {
        "currency": currency,
        "rule_currency": rule_currency,
    }


def _waits_for_rate(rule_json: Mapping[str, Any]) -> bool:
    """A rule that failed only because the rate its budget condition needs is missing."""
    numbers = rule_json.get("numbers") or {}
    return rule_json.get("status") == "failed" and "missing_rate" in numbers and not rule_json.get("items")


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _exclude(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """Whether no project meets both `when` conditions (two budget bands, two counts of countries, two
    lists of kinds or of audiences with nothing in common)."""
    first_countries, second_countries = first.get("countries") or {}, second.get("countries") or {}
    lows = [c["min"] for c in (first_countries, second_countries) if c.get("min") is not None]
    highs = [c["max"] for c in (first_countries, second_countries) if c.get("max") is not None]
    if lows and highs and max(lows) > min(highs):
        return True
    for key in ("kinds", "audiences"):
        if first.get(key) and second.get(key) and not set(first[key]) & set(second[key]):
            return True
    floors = [
        v for v in (_decimal(first.get("budget_at_least")), _decimal(second.get("budget_at_least"))) if v
    ]
    ceilings = [
        v
        for v in (_decimal(first.get("budget_below")), _decimal(second.get("budget_below")))
        if v is not None
    ]
    return bool(ceilings) and max(floors, default=Decimal(0)) >= min(ceilings)


def rule_groups(
    rules: Sequence[Mapping[str, Any]],
) -> list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]]:
    """The report's rules, each with the rules shown with it: rules of the same check that failed only
    for want of the same exchange rate and whose conditions exclude each other (below and above a budget)
    are one finding, the first of them standing for the others; every other rule stands alone."""
    groups: list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]] = []
    for rule in rules:
        if _waits_for_rate(rule):
            for first, others in groups:
                members = [first, *others]
                if (
                    _waits_for_rate(first)
                    and first.get("check") == rule.get("check")
                    and (first.get("numbers") or {}).get("missing_rate") == rule["numbers"]["missing_rate"]
                    and all(_exclude(member.get("when") or {}, rule.get("when") or {}) for member in members)
                ):
                    others.append(rule)
                    break
            else:
                groups.append((rule, []))
            continue
        groups.append((rule, []))
    return groups


def undecided_sentence(rules: Sequence[Mapping[str, Any]], language: str | None = None) -> str:
    """Which of the rules applies depends on the missing rate: said once for the group."""
    return _("Until then it is not known which of these rules applies: %(rules)s.") % {
        "rules": and_list(_("“%(title)s”") % {"title": rule_title(rule, language)} for rule in rules)
    }


Findings = list[str]


def _failing(items: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [item for item in items if not item.get("passed")]


def _share_min(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    if passed:
        if numbers.get("per") == "country":
            return [
                _("Every co-producing country contributes at least %(limit)s %%.")
                % {"limit": digits(numbers["percent"])}
            ]
        return [
            _("Every co-producer contributes at least %(limit)s %%.") % {"limit": digits(numbers["percent"])}
        ]
    return [
        _("%(who)s contributes %(value)s %%, below the minimum of %(limit)s %%.")
        % {"who": _who(item), "value": digits(item["value"]), "limit": digits(item["limit"])}
        for item in _failing(items)
    ]


def _share_max(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    if passed:
        return [_("No one contributes more than %(limit)s %%.") % {"limit": digits(numbers["percent"])}]
    return [
        _("%(who)s contributes %(value)s %%, above the maximum of %(limit)s %%.")
        % {"who": _who(item), "value": digits(item["value"]), "limit": digits(item["limit"])}
        for item in _failing(items)
    ]


def _financial_only(
    passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str
) -> Findings:
    band = {"min": digits(numbers["min_percent"]), "max": digits(numbers["max_percent"])}
    if passed:
        return [
            _("Each co-producer that brings money only contributes between %(min)s %% and %(max)s %%.") % band
        ]
    return [
        _(
            "%(who)s brings money only and contributes %(value)s %%, outside the band of %(min)s %% to %(max)s %%."
        )
        % {"who": _who(item), "value": digits(item["value"]), **band}
        for item in _failing(items)
    ]


def _non_party(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    values = {
        "countries": and_list(country_label(code) for code in numbers.get("countries", [])),
        "value": digits(numbers.get("value", "0")),
        "limit": digits(numbers["percent"]),
    }
    if passed:
        return [
            _(
                "Co-producers outside the parties (%(countries)s) contribute %(value)s %%, within the maximum of %(limit)s %%."
            )
            % values
        ]
    return [
        _(
            "Co-producers outside the parties (%(countries)s) contribute %(value)s %%, above the maximum of %(limit)s %%."
        )
        % values
    ]


def _countries_min(
    passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str
) -> Findings:
    count = int(numbers["count"])
    values = {
        "value": digits(numbers["value"]),
        "count": digits(count),
        "countries": and_list(country_label(code) for code in numbers.get("countries", [])) or "—",
    }
    if passed:
        return [
            ngettext(
                "The co-producers come from %(value)s countries (%(countries)s); at least %(count)s is required.",
                "The co-producers come from %(value)s countries (%(countries)s); at least %(count)s are required.",
                count,
            )
            % values
        ]
    if numbers.get("parties_only"):
        return [
            ngettext(
                "The co-producers come from %(value)s of the parties (%(countries)s); at least %(count)s is "
                "required.",
                "The co-producers come from %(value)s of the parties (%(countries)s); at least %(count)s are "
                "required.",
                count,
            )
            % values
        ]
    return [
        ngettext(
            "The co-producers come from %(value)s countries (%(countries)s); at least %(count)s is required.",
            "The co-producers come from %(value)s countries (%(countries)s); at least %(count)s are required.",
            count,
        )
        % values
    ]


def _points(
    passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], status: str
) -> Findings:
    if numbers.get("reason") == "no_table":
        kind = str(numbers.get("kind"))
        return [
            _("The rule set has no verified points table for %(kind)s: the points cannot be checked.")
            % {"kind": _KINDS_IN_SENTENCE.get(kind, kind)}
        ]
    values = {
        "points": digits(numbers.get("points", 0)),
        "threshold": digits(numbers["threshold"]),
        "maximum": digits(numbers.get("maximum", 0)),
        "waiver": digits(numbers.get("waiver_min")),
    }
    if passed:
        return [_("The project scores %(points)s of %(maximum)s points; %(threshold)s are needed.") % values]
    if status == "waivable":
        return [
            _(
                "The project scores %(points)s of %(maximum)s points, below the %(threshold)s needed but at "
                "least %(waiver)s: the competent authorities may waive the difference."
            )
            % values
        ]
    return [_("The project scores %(points)s of %(maximum)s points; %(threshold)s are needed.") % values]


def _runtime(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    minutes = int(numbers["minutes"])
    limit = ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": digits(minutes)}
    value = numbers.get("value")
    if value is None:
        return [_("The runtime is not known; it must be at least %(limit)s.") % {"limit": limit}]
    runtime = ngettext("%(minutes)s minute", "%(minutes)s minutes", int(value)) % {"minutes": digits(value)}
    if passed:
        return [
            _("The runtime of %(runtime)s meets the minimum of %(limit)s.")
            % {"runtime": runtime, "limit": limit}
        ]
    return [
        _("The runtime of %(runtime)s is below the minimum of %(limit)s.")
        % {"runtime": runtime, "limit": limit}
    ]


def _confirmed(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    shown = items if passed else _failing(items)
    sentences = []
    for item in shown:
        values = {"who": _who(item), "value": digits(item["value"]), "limit": digits(item["limit"])}
        if item.get("key") == "total":
            if item.get("passed"):
                sentences.append(
                    _("%(value)s %% of the budget is confirmed; at least %(limit)s %% is required.") % values
                )
            else:
                sentences.append(
                    _("Only %(value)s %% of the budget is confirmed; at least %(limit)s %% is required.")
                    % values
                )
        elif item.get("passed"):
            sentences.append(
                _(
                    "%(who)s has confirmed %(value)s %% of its contribution; at least %(limit)s %% is required."
                )
                % values
            )
        else:
            sentences.append(
                _(
                    "%(who)s has confirmed only %(value)s %% of its contribution; at least %(limit)s %% is required."
                )
                % values
            )
    return sentences


def _letters(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    months = int(numbers["months"])
    if passed:
        return [
            _("Every confirmation letter is dated %(day)s or later.")
            % {"day": _day(numbers["oldest_allowed"])}
        ]
    return [
        ngettext(
            "The letter of %(who)s dated %(day)s is older than %(months)s month.",
            "The letter of %(who)s dated %(day)s is older than %(months)s months.",
            months,
        )
        % {"who": item.get("name") or item.get("key"), "day": _day(item["value"]), "months": digits(months)}
        for item in _failing(items)
    ]


def _support(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    sentences = []
    for item in items:
        if item.get("key") == "percent":
            values = {"value": digits(item["value"]), "limit": digits(item["limit"])}
            if item.get("passed"):
                sentences.append(
                    _("The support requested is %(value)s %% of the budget, within the cap of %(limit)s %%.")
                    % values
                )
            else:
                sentences.append(
                    _("The support requested is %(value)s %% of the budget, above the cap of %(limit)s %%.")
                    % values
                )
        elif "missing_rate" in item:
            sentences.append(
                _(
                    "No exchange rate from %(currency)s to %(rule_currency)s was given, so the cap of "
                    "%(limit)s cannot be checked: record one under exchange rates."
                )
                % {
                    "currency": numbers.get("currency"),
                    "rule_currency": item["missing_rate"],
                    "limit": _amount(item["limit"], str(item["missing_rate"])),
                }
            )
        else:
            currency = str(item.get("currency"))
            values = {"value": _amount(item["value"], currency), "limit": _amount(item["limit"], currency)}
            if item.get("passed"):
                sentences.append(
                    _("The support requested is %(value)s, within the cap of %(limit)s.") % values
                )
            else:
                sentences.append(
                    _("The support requested is %(value)s, above the cap of %(limit)s.") % values
                )
    return sentences


def _amount(value: object, currency: str) -> str:
    """An amount grouped with its currency's minor units, kept left to right inside a sentence."""
    try:
        return money_text(str(value), currency, active_language())
    except (InvalidOperation, ValueError):
        return f"{digits(value)} {currency}"


def _creative(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    if passed:
        return [
            _(
                "Each country's share of the key creative posts is within %(limit)s points of its financial share."
            )
            % {"limit": digits(numbers["tolerance"])}
        ]
    return [
        _(
            "%(who)s holds %(value)s %% of the key creative posts but contributes %(financial)s %%: a difference "
            "of %(difference)s points, above the tolerance of %(limit)s."
        )
        % {
            "who": _who(item),
            "value": digits(item["value"]),
            "financial": digits(item["financial"]),
            "difference": digits(item["difference"]),
            "limit": digits(item["limit"]),
        }
        for item in _failing(items)
    ]


def _places(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    values = {
        "place": place_label(str(numbers["place"])),
        "countries": and_list(country_label(code) for code in numbers.get("countries", [])),
        "outside": and_list(country_label(item["key"]) for item in _failing(items)),
    }
    if passed:
        return [_("%(place)s: %(countries)s, in the parties.") % values]
    if numbers.get("mode") == "any":
        return [_("%(place)s: %(countries)s; none of them is a party.") % values]
    return [_("%(place)s: %(outside)s is not a party.") % values]


def _covers(passed: bool, numbers: Mapping[str, Any], items: list[Mapping[str, Any]], _s: str) -> Findings:
    item = items[0] if items else {}
    values = {"value": digits(item.get("value") or "0"), "limit": digits(numbers["percent"])}
    if passed:
        return [_("The financing plan covers %(value)s %% of the budget; %(limit)s %% is required.") % values]
    return [
        _("The financing plan covers only %(value)s %% of the budget; %(limit)s %% is required.") % values
    ]


_WORDERS = {
    "share_min": _share_min,
    "share_max": _share_max,
    "financial_only_share": _financial_only,
    "non_party_share_max": _non_party,
    "countries_min": _countries_min,
    "points": _points,
    "runtime_min": _runtime,
    "confirmed_financing_min": _confirmed,
    "letters_recent": _letters,
    "support_max": _support,
    "creative_proportional": _creative,
    "places_in_parties": _places,
    "financing_covers_budget": _covers,
}


def what_if_contribution_sentence(answer: Mapping[str, Any]) -> str:
    """The what-if answer for one country, as a sentence."""
    country = country_label(answer.get("country"))
    if answer.get("add") is None:
        return _("No contribution from %(country)s alone can make every share rule pass.") % {
            "country": country
        }
    # Grouped, with the currency's minor units and kept left to right inside Persian and Arabic sentences.
    values = {
        "country": country,
        "amount": money_text(answer["add"], str(answer.get("currency")), active_language()),
    }
    if answer.get("eligible_after"):
        return _("If %(country)s adds %(amount)s of confirmed financing, the project qualifies.") % values
    return (
        _(
            "If %(country)s adds %(amount)s of confirmed financing, every share rule passes; other "
            "rules still fail."
        )
        % values
    )


def what_if_points_sentence(option: Mapping[str, Any]) -> str:
    """One way to reach a points threshold, as a sentence."""

    things = [role_label(role) for role in option.get("roles", [])] + [
        place_label(place) for place in option.get("places", [])
    ]
    return _("With %(things)s from the parties, the project would score %(points)s points.") % {
        "things": and_list(things),
        "points": digits(option.get("points_after")),
    }


# --- input errors ------------------------------------------------------------------------------------

_MESSAGES = {
    "object": lambda: _("Send an object here."),
    "list": lambda: _("Send a list here."),
    "required": lambda: _("This field is required."),
    "unknown": lambda: _("“%(key)s” is not a field here; the fields are: %(known)s."),
    "text": lambda: _("Enter a text."),
    "number": lambda: _("Enter a whole number from %(minimum)s to %(maximum)s."),
    "boolean": lambda: _("Enter true or false."),
    "choice": lambda: _("“%(value)s” is not one of %(choices)s."),
    "date": lambda: _("“%(value)s” is not a date such as 2026-05-02."),
    "country": lambda: _("“%(value)s” is not a country code such as IR or BY."),
    "unique": lambda: _("The id “%(value)s” is already used at %(other)s."),
    "currency": lambda: _("“%(value)s” is not a currency code such as EUR or IRR."),
    "amount": lambda: _('Write the amount as text, such as "1500000.00".'),
    "amount_not_amount": lambda: _("“%(value)s” is not an amount."),
    "amount_negative": lambda: _("“%(value)s” is below zero."),
    "amount_decimals": lambda: _("“%(value)s” has more decimals than %(currency)s allows."),
    "amount_too_large": lambda: _("“%(value)s” is too large an amount."),
    "rule_amount": lambda: _('“%(value)s” is not an amount from 0 written as text, such as "500000".'),
    "rate": lambda: _('“%(value)s” is not a rate above zero such as "0.000023".'),
    "letter": lambda: _("A confirmed source needs the date of its letter."),
    "format": lambda: _("The rule-set format must be %(format)s."),
    "id": lambda: _("An id is lower-case letters, digits and hyphens."),
    "language": lambda: _("“%(value)s” is not a language code such as en or fa."),
    "parties": lambda: _('Give a list of country codes or "coproducers".'),
    "empty": lambda: _("This list must not be empty."),
    "too_many": lambda: _("Send at most %(maximum)s items here, not %(count)s."),
    "min_max": lambda: _("The maximum (%(max)s) is below the minimum (%(min)s)."),
    "percent": lambda: _('“%(value)s” is not a percentage from 0 to 100 written as text, such as "10".'),
    "no_rule": lambda: _("There is no rule “%(value)s”."),
    "not_editable": lambda: _("“%(key)s” cannot be changed here."),
}


def _error_sentence(error: JsonInputError) -> str:
    message = _MESSAGES.get(error.code)
    if message is None:
        return error.message
    try:
        return message() % {key: str(value) for key, value in error.params.items()}
    except (KeyError, ValueError, TypeError):  # params missing: the reader's own words still help
        return error.message


def error_location(error: JsonInputError) -> list[str | int]:
    """The error's path as the API names places in a body: `["body", "project", "coproducers", 1, "country"]`."""
    return path_location(error.path)


def _with_path(error: JsonInputError, sentence: str) -> str:
    return _("%(path)s: %(message)s") % {"path": error.path, "message": sentence} if error.path else sentence


def project_input_error_message(err: ProjectInputError) -> str:
    """What is wrong with the project's JSON and where, in the active language."""
    return _with_path(err, _error_sentence(err))


def rule_set_error_message(err: RuleSetError) -> str:
    """What is wrong with the rule-set document and where, in the active language."""
    return _with_path(err, _error_sentence(err))


def error_sentence(err: JsonInputError) -> str:
    """The sentence alone, for an interface that shows the place beside it."""
    return _error_sentence(err)


def explained_report(report_json: Mapping[str, Any]) -> dict[str, Any]:
    """The report's JSON with each rule's `title` and `explanation` and each what-if answer's
    `explanation`, in the active language (what the command and the API print)."""
    result = dict(report_json)
    result["rules"] = [
        {**rule, "title": rule_title(rule), "explanation": rule_explanation(rule)}
        for rule in report_json["rules"]
    ]
    what_if = report_json.get("what_if") or {}
    result["what_if"] = {
        "contributions": [
            {**answer, "explanation": what_if_contribution_sentence(answer)}
            for answer in what_if.get("contributions", [])
        ],
        "points": [
            {**option, "explanation": what_if_points_sentence(option)} for option in what_if.get("points", [])
        ],
    }
    return result
