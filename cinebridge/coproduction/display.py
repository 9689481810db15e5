"""How the co-production pages show things: amounts, percentages and counts in the reader's digits, the
names of posts, places, kinds of project, checks and parameters, and the eligibility report's rows, each
number and item of a rule's finding with a label in the reader's language and its value formatted by what
it is (a country's name, a post, a date, an amount, yes or no), never the engine's code.

The views, the dossier and the tests share these helpers; no view imports another view for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from babel.core import Locale, UnknownLocaleError
from babel.numbers import get_currency_name
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from cinebridge.catalogue.models import Audience
from cinebridge.core.i18n import active_language, dual_date_html, text_in
from cinebridge.core.pdf import money_text, percent_text, strip_isolates
from cinebridge.core.vocabularies import country_name, is_country_code

from . import explain
from .explain import and_list, country_label, place_label, role_label
from .explain import digits as number
from .models import CreativeRole, ProjectKind

if TYPE_CHECKING:
    from .models import Project

__all__ = [
    "CHECK_LABELS",
    "NUMBER_LABELS",
    "PARAM_LABELS",
    "RuleRow",
    "audience_label",
    "bar_width",
    "check_label",
    "country_list",
    "currency_label",
    "date_html",
    "html_sentence",
    "item_label",
    "item_limit",
    "item_value",
    "kind_label",
    "minutes_text",
    "money",
    "number",
    "number_label",
    "number_value",
    "param_label",
    "param_value",
    "percent",
    "place_label",
    "project_title",
    "rate_url",
    "role_label",
    "rule_rows",
    "what_if_sentences",
    "yes_no",
]

Text = str | SafeString

# --- numbers --------------------------------------------------------------------------------------------


def money(amount: Decimal | str | None, currency: str) -> SafeString:
    """An amount grouped, with its currency's minor units, in the active language's digits, isolated
    left to right ("1,500,000.00 EUR")."""
    if amount is None or amount == "":
        return SafeString("—")
    text = strip_isolates(money_text(amount, currency, active_language()))
    return format_html('<bdi dir="ltr" class="text-nowrap">{}</bdi>', text)


def percent(value: Decimal | str | None) -> SafeString:
    """A percentage ("12.5 %") in the active language's digits, isolated left to right."""
    if value is None or value == "":
        return SafeString("—")
    text = strip_isolates(percent_text(value, active_language()))
    return format_html('<bdi dir="ltr" class="text-nowrap">{}</bdi>', text)


def bar_width(value: Decimal | str | None) -> str:
    """A CSS width in per cent ("12.50"), ASCII whatever the language, capped at 100."""
    if value is None or value == "":
        return "0"
    amount = min(max(Decimal(str(value)), Decimal(0)), Decimal(100))
    return f"{amount.quantize(Decimal('0.01')):f}"


def html_sentence(template: str, **values: str) -> SafeString:
    """A translated `template` with %(name)s placeholders filled with `values` that may be HTML (an
    amount in its <bdi>): the template's text is escaped, the values are escaped unless already safe."""
    return mark_safe(escape(template) % {key: conditional_escape(value) for key, value in values.items()})  # noqa: S308


def minutes_text(value: object) -> str:
    """ "90 minutes" in the active language."""
    count = int(str(value))
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", count) % {"minutes": number(count)}


def yes_no(value: object) -> str:
    return _("yes") if value else _("no")


def date_html(value: object) -> SafeString | str:
    """An ISO date of the engine ("2025-12-01") as the reader writes dates (Solar Hijri first in fa)."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return dual_date_html(day)


def _and_list(values: Sequence[str]) -> str:
    return and_list(values) or "—"


def country_list(codes: Iterable[object]) -> str:
    """Countries by name, joined as the language joins a list ("Iran and Belarus")."""
    return _and_list([country_label(code) for code in codes])


def currency_label(code: object) -> str:
    """A currency's name in the active language ("euro"), its code when Babel does not know it."""
    text = str(code)
    try:
        return str(get_currency_name(text, locale=Locale.parse(active_language())))
    except (UnknownLocaleError, ValueError):
        return text


# --- vocabularies ---------------------------------------------------------------------------------------


def kind_label(kind: str) -> str:
    """A kind of project (feature, animation…); "*" of a points table is every kind."""
    if kind == "*":
        return _("Every kind")
    return str(ProjectKind(kind).label) if kind in ProjectKind.values else kind


def audience_label(audience: str) -> str:
    return str(Audience(audience).label) if audience in Audience.values else audience


def project_title(project: Project) -> str:
    """The project's title in the active language, else English, else any."""
    return text_in(project.titles) or next(iter(project.titles.values()), project.slug)


CHECK_LABELS: dict[str, Any] = {
    "share_min": gettext_lazy("Minimum share"),
    "share_max": gettext_lazy("Maximum share"),
    "financial_only_share": gettext_lazy("Financial-only co-producer's share"),
    "non_party_share_max": gettext_lazy("Cap for co-producers outside the parties"),
    "countries_min": gettext_lazy("Number of co-producing countries"),
    "points": gettext_lazy("Points table"),
    "runtime_min": gettext_lazy("Minimum runtime"),
    "confirmed_financing_min": gettext_lazy("Confirmed financing"),
    "letters_recent": gettext_lazy("Recent letters of commitment"),
    "support_max": gettext_lazy("Support cap"),
    "creative_proportional": gettext_lazy("Creative contribution in proportion to money"),
    "places_in_parties": gettext_lazy("Where the work is done"),
    "financing_covers_budget": gettext_lazy("Financing covers the budget"),
}

# The parameters of a rule as the rule-set pages and the edit form name them.
PARAM_LABELS: dict[str, Any] = {
    "percent": gettext_lazy("Per cent"),
    "per": gettext_lazy("Per"),
    "min_percent": gettext_lazy("At least (per cent)"),
    "max_percent": gettext_lazy("At most (per cent)"),
    "count": gettext_lazy("Count"),
    "parties_only": gettext_lazy("Parties only"),
    "threshold": gettext_lazy("Threshold (points)"),
    "waiver_min": gettext_lazy("Waiver from (points)"),
    "count_nationals_of": gettext_lazy("Counting nationals of"),
    "minutes": gettext_lazy("Minutes"),
    "months": gettext_lazy("Months"),
    "amount": gettext_lazy("Amount"),
    "tolerance": gettext_lazy("Tolerance (percentage points)"),
    "place": gettext_lazy("Place"),
    "mode": gettext_lazy("Mode"),
    "posts": gettext_lazy("Posts"),
}

_PER_LABELS: dict[str, Any] = {
    "country": pgettext_lazy("measured per", "each co-producing country"),
    "company": pgettext_lazy("measured per", "each co-producer"),
    "company_of_several": pgettext_lazy("measured per", "each co-producer of a country that has several"),
    "total": pgettext_lazy("measured per", "the whole budget"),
}
_MODE_LABELS: dict[str, Any] = {
    "all": pgettext_lazy("places in the parties", "every country must be a party"),
    "any": pgettext_lazy("places in the parties", "at least one country must be a party"),
}
_NATIONALS_LABELS: dict[str, Any] = {
    "parties": pgettext_lazy("counting nationals of", "the parties"),
    "coproducers": pgettext_lazy("counting nationals of", "the co-producing countries"),
}
_REASON_LABELS: dict[str, Any] = {
    "no_table": gettext_lazy("no verified points table for this kind of project"),
}


def check_label(check: str) -> str:
    return str(CHECK_LABELS.get(check, check))


def param_label(name: str) -> str:
    return str(PARAM_LABELS.get(name, name.replace("_", " ")))


def _choice(labels: Mapping[str, Any], value: object) -> str:
    return str(labels.get(str(value), value))


def posts_text(posts: Mapping[str, Any]) -> str:
    """The weighted posts of a proportionality rule: "Director (1), Screenwriter (1) and …"."""
    return _and_list(
        [
            _("%(post)s (weight %(weight)s)") % {"post": role_label(role), "weight": number(weight)}
            for role, weight in posts.items()
        ]
    )


def param_value(name: str, value: Any) -> Text:
    """A parameter of a rule as the rule-set page shows it."""
    if isinstance(value, bool):
        return yes_no(value)
    if value is None:
        return "—"
    if name == "place":
        return place_label(str(value))
    if name == "per":
        return _choice(_PER_LABELS, value)
    if name == "mode":
        return _choice(_MODE_LABELS, value)
    if name == "count_nationals_of":
        return _choice(_NATIONALS_LABELS, value)
    if name in ("percent", "min_percent", "max_percent"):
        return percent(value)
    if name == "posts" and isinstance(value, Mapping):
        return posts_text(value)
    if isinstance(value, list | tuple):
        return _and_list([str(item) for item in value])
    return number(value)


# --- the numbers of a rule's finding ------------------------------------------------------------------------

# Labels of the numbers a rule reports, by key; a check whose key means something of its own has its
# own entry (the `value` of a runtime rule is the runtime, of a countries rule the countries counted).
NUMBER_LABELS: dict[str, dict[str, Any]] = {
    "*": {
        "percent": gettext_lazy("Limit (per cent)"),
        "per": pgettext_lazy("eligibility number", "Measured for"),
        "min_percent": gettext_lazy("At least (per cent)"),
        "max_percent": gettext_lazy("At most (per cent)"),
        "count": gettext_lazy("Countries required"),
        "countries": gettext_lazy("Co-producing countries"),
        "parties": gettext_lazy("Parties"),
        "parties_only": gettext_lazy("Only the parties count"),
        "threshold": gettext_lazy("Points needed"),
        "waiver_min": gettext_lazy("Waiver from (points)"),
        "points": gettext_lazy("Points scored"),
        "maximum": gettext_lazy("Points possible"),
        "table": gettext_lazy("Points table used"),
        "reason": gettext_lazy("Why it cannot be checked"),
        "kind": gettext_lazy("Kind of project"),
        "minutes": gettext_lazy("Minimum runtime"),
        "value": pgettext_lazy("eligibility number", "Found"),
        "confirmed": gettext_lazy("Confirmed financing"),
        "budget": gettext_lazy("Budget"),
        "total": gettext_lazy("Financing and contributions"),
        "months": gettext_lazy("Letters no older than (months)"),
        "oldest_allowed": gettext_lazy("Oldest letter date accepted"),
        "amount": gettext_lazy("Cap on the amount"),
        "support": gettext_lazy("Support requested"),
        "currency": gettext_lazy("Currency of the project"),
        "rule_currency": gettext_lazy("Currency of the rule set"),
        "missing_rate": gettext_lazy("Exchange rate needed to"),
        "tolerance": gettext_lazy("Tolerance (percentage points)"),
        "posts": gettext_lazy("Posts counted"),
        "place": gettext_lazy("Place"),
        "mode": gettext_lazy("Mode"),
    },
    "non_party_share_max": {
        "value": gettext_lazy("Share of the co-producers outside the parties"),
        "countries": gettext_lazy("Countries outside the parties"),
    },
    "countries_min": {"value": gettext_lazy("Countries counted")},
    "runtime_min": {"value": gettext_lazy("Runtime")},
    "places_in_parties": {"countries": gettext_lazy("Countries where the work is done")},
}

_MONEY_IN_PROJECT_CURRENCY = frozenset({"confirmed", "budget", "total", "support"})
_COUNTS = frozenset({"count", "threshold", "waiver_min", "points", "maximum", "months"})


def number_label(check: str, key: str) -> str | None:
    """The label of a number a rule of `check` reports; None for a key nobody named (a test fails then)."""
    label = NUMBER_LABELS.get(check, {}).get(key) or NUMBER_LABELS["*"].get(key)
    return None if label is None else str(label)


def number_value(check: str, key: str, value: Any, *, numbers: Mapping[str, Any], currency: str) -> Text:
    """A number of a rule's finding formatted by what it is (`currency`: the project's)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    if key == "value":
        if check == "non_party_share_max":
            return percent(value)
        if check == "runtime_min":
            return minutes_text(value)
        return number(value)
    if key in ("percent", "min_percent", "max_percent"):
        return percent(value)
    if key == "per":
        return _choice(_PER_LABELS, value)
    if key == "mode":
        return _choice(_MODE_LABELS, value)
    if key == "place":
        return place_label(str(value))
    if key in ("countries", "parties"):
        return country_list(value)
    if key in ("table", "kind"):
        return kind_label(str(value))
    if key == "reason":
        return _choice(_REASON_LABELS, value)
    if key == "minutes":
        return minutes_text(value)
    if key in _MONEY_IN_PROJECT_CURRENCY:
        return money(value, str(numbers.get("currency") or currency))
    if key == "amount":
        return money(value, str(numbers.get("rule_currency") or currency))
    if key in ("currency", "rule_currency", "missing_rate"):
        return currency_label(value)
    if key == "oldest_allowed":
        return date_html(value)
    if key == "tolerance":
        return _points_of_percent(value)
    if key == "posts" and isinstance(value, Mapping):
        return posts_text(value)
    if isinstance(value, list | tuple):
        return _and_list([str(number(item)) for item in value])
    return number(value)


def _points_of_percent(value: object) -> str:
    """A tolerance or difference in percentage points ("10 percentage points")."""
    return _("%(value)s percentage points") % {"value": number(_plain(value))}


def _plain(value: object) -> str:
    """A decimal without trailing zeros ("10.00" → "10")."""
    try:
        amount = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)
    return f"{amount:f}"


# --- the items of a rule's finding ------------------------------------------------------------------------

_ITEM_LABELS: dict[str, Any] = {
    "outside_parties": gettext_lazy("Co-producers outside the parties, together"),
    "countries": gettext_lazy("Co-producing countries"),
    "runtime": gettext_lazy("Runtime"),
    "total": gettext_lazy("The whole budget"),
    "percent": gettext_lazy("Share of the budget"),
    "amount": gettext_lazy("Amount"),
    "financing": gettext_lazy("Financing and contributions"),
}
# The checks whose items measure percentages (a share, a part confirmed, a part of the budget).
_PERCENT_CHECKS = frozenset(
    {
        "share_min",
        "share_max",
        "financial_only_share",
        "non_party_share_max",
        "confirmed_financing_min",
        "creative_proportional",
        "financing_covers_budget",
    }
)


def item_label(check: str, item: Mapping[str, Any]) -> str | None:
    """What an item of a rule's finding is about: a company with its country, a country, a post, a place,
    or the whole (the budget, the runtime…); None when nobody named it (a test fails then)."""
    key = str(item.get("key", ""))
    if isinstance(item.get("name"), str) and item.get("country"):
        return _("%(company)s (%(country)s)") % {
            "company": item.get("name") or key,
            "country": country_label(item["country"]),
        }
    if check == "points":
        if item.get("kind") == "place" or key in explain.PLACES:
            return _("%(place)s in a party's country") % {"place": place_label(key)}
        return role_label(key) if key in CreativeRole.values else None
    if key in _ITEM_LABELS:
        return str(_ITEM_LABELS[key])
    if is_country_code(key):
        return country_name(key)
    return None


def item_value(check: str, item: Mapping[str, Any]) -> Text:
    """What the item measured, formatted by the check ("" when it measured nothing, as a place)."""
    return _item_amount(check, item, item.get("value"), "value")


def item_limit(check: str, item: Mapping[str, Any]) -> Text:
    """The item's limit, formatted by the check ("" when it has none)."""
    if check == "financial_only_share" and item.get("min") is not None:
        return html_sentence(_("%(min)s to %(max)s"), min=percent(item["min"]), max=percent(item.get("max")))
    return _item_amount(check, item, item.get("limit"), "limit")


def _item_amount(check: str, item: Mapping[str, Any], value: Any, which: str) -> Text:
    if value is None:
        return ""
    if check == "creative_proportional" and which == "limit":
        return _points_of_percent(value)
    if check == "support_max" and item.get("key") == "amount":
        return money(value, str(item.get("currency") or ""))
    if check in _PERCENT_CHECKS or (check == "support_max" and item.get("key") == "percent"):
        return percent(value)
    if check == "runtime_min":
        return minutes_text(value)
    if check == "letters_recent":
        return date_html(value)
    return number(value)


# --- the report --------------------------------------------------------------------------------------------


@dataclass
class RuleRow:
    """One rule of the report as the page shows it (or a group of rules a missing exchange rate leaves
    undecided: `also` names the others)."""

    code: str
    title: str
    article: str
    status: str
    status_label: str
    severity: str
    explanation: str
    numbers: list[tuple[str, Text]]
    items: list[dict[str, Any]]
    also: list[str] = field(default_factory=list)
    rate_url: str = ""


def rate_url(*, base: str, quote: str) -> str:
    """The page where an exchange rate is recorded, the pair filled in ("" when that page is not wired)."""
    try:
        address = reverse("exhibition:exchange_rates")
    except NoReverseMatch:
        return ""
    return f"{address}?{urlencode({'base': base, 'quote': quote})}"


def _numbers(rule: Mapping[str, Any], currency: str) -> list[tuple[str, Text]]:
    check = str(rule.get("check"))
    numbers: Mapping[str, Any] = rule.get("numbers") or {}
    return [
        (
            number_label(check, key) or key.replace("_", " "),
            number_value(check, key, value, numbers=numbers, currency=currency),
        )
        for key, value in numbers.items()
        if value is not None
    ]


def _items(rule: Mapping[str, Any]) -> list[dict[str, Any]]:
    check = str(rule.get("check"))
    return [
        {
            "key": item.get("key", ""),
            "label": item_label(check, item) or str(item.get("key", "")),
            "value": item_value(check, item),
            "limit": item_limit(check, item),
            "passed": item.get("passed"),
        }
        for item in rule.get("items") or []
    ]


def rule_rows(report: Mapping[str, Any], language: str) -> list[RuleRow]:
    """The report's rules as rows; rules that only a missing exchange rate leaves undecided and whose
    conditions exclude each other (below or above a budget) are one row naming the rate to record."""
    currency = str(report.get("currency") or "")
    rows = []
    for rule, others in explain.rule_groups(report.get("rules") or []):
        numbers: Mapping[str, Any] = rule.get("numbers") or {}
        missing = numbers.get("missing_rate")
        explanation = explain.rule_explanation(rule)
        if others:
            explanation = f"{explanation} {explain.undecided_sentence([rule, *others], language)}"
        articles = list(dict.fromkeys(str(r.get("article", "")) for r in [rule, *others] if r.get("article")))
        rows.append(
            RuleRow(
                code=rule["code"],
                title=explain.rule_title(rule, language),
                article=" · ".join(articles),
                status=rule["status"],
                status_label=explain.status_label(rule["status"]),
                severity=rule.get("severity", "required"),
                explanation=explanation,
                numbers=[] if rule["status"] == "not_applicable" else _numbers(rule, currency),
                items=_items(rule),
                also=[explain.rule_title(other, language) for other in others],
                rate_url=rate_url(base=str(numbers.get("currency") or currency), quote=str(missing))
                if missing
                else "",
            )
        )
    return rows


def what_if_sentences(report: Mapping[str, Any]) -> list[str]:
    """The what-if answers as sentences: how much a country must add, which posts would reach the points."""
    currency = str(report.get("currency") or "")
    sentences = []
    what_if = report.get("what_if") or {}
    for answer in what_if.get("contributions") or []:
        if answer.get("add") is None:
            sentences.append(explain.what_if_contribution_sentence(answer))
            continue
        values = {
            "country": country_label(answer["country"]),
            "amount": strip_isolates(
                money_text(answer["add"], answer.get("currency") or currency, active_language())
            ),
        }
        if answer.get("eligible_after"):
            sentences.append(
                _("%(country)s must add at least %(amount)s of confirmed financing to pass.") % values
            )
        else:
            sentences.append(
                _(
                    "%(country)s must add at least %(amount)s of confirmed financing for the share rules to "
                    "pass; other rules would still fail."
                )
                % values
            )
    sentences.extend(explain.what_if_points_sentence(option) for option in what_if.get("points") or [])
    return sentences
