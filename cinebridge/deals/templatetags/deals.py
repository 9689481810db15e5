"""Deals in words, in the user's language: the financial terms of an offer, the rights it covers, what
changed from one offer to the next, and the link from an avails answer to a licence request.

Amounts are formatted in the active locale with Babel (Persian digits and separators in fa), always
with the currency's ISO 4217 minor units, followed by the currency code: "20,000.00 EUR". The terms
JSON is read as stored (`deals.engine.terms` shape); an unreadable part is shown as written rather
than hidden, so that what people read is never less than what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cinebridge.accounts import policy
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.engine.money import minor_units
from cinebridge.core.i18n import active_language
from cinebridge.deals.models import Deal, DealStatus, Offer, Party
from cinebridge.rights.engine.vocabulary import ExpressionError, load_vocabularies
from cinebridge.rights.templatetags.rights import (
    language_uses,
    media_expression,
    plain,
    span_html,
    territory_expression,
)

register = template.Library()

ROUNDING_TEXTS = {
    "half_up": gettext_lazy("each statement line rounded half up to the currency's minor unit"),
    "half_even": gettext_lazy("each statement line rounded half to even to the currency's minor unit"),
    "down": gettext_lazy("each statement line rounded down to the currency's minor unit"),
}


# --- numbers -----------------------------------------------------------------------------------------


def _decimal(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def money_text(amount: object, currency: str) -> str:
    """ "20,000.00 EUR" in the active locale (۲۰٬۰۰۰٫۰۰ EUR in fa), with the currency's minor units."""
    number = _decimal(amount)
    if number is None:
        return f"{amount} {currency}"
    try:
        places = minor_units(currency)
    except ValueError:
        places = max(0, -int(number.as_tuple().exponent))
    pattern = "#,##0." + "0" * places if places else "#,##0"
    text = format_decimal(number, format=pattern, locale=active_language(), numbering_system="default")
    return localize_digits(f"{text}\u00a0{currency}", active_language())


def percent_text(value: object) -> str:
    """ "45 %" as the active locale writes a percentage (with its digits), keeping the decimals given."""
    number = _decimal(value)
    if number is None:
        return f"{value} %"
    text = format_percent(
        number / 100, locale=active_language(), decimal_quantization=False, numbering_system="default"
    )
    return localize_digits(text, active_language())


def _count(number: int) -> str:
    return localize_digits(str(number), active_language())


def _join(parts: Sequence[str]) -> str:
    return format_list(list(parts), style="standard", locale=active_language()) if parts else ""


def _medium_name(code: str) -> str:
    try:
        return load_vocabularies().media.name(code, active_language())
    except ExpressionError:
        return code


# --- financial terms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermLine:
    """One part of the financial terms for people; `key` is the terms JSON key it comes from."""

    key: str
    label: str
    text: str


def sliding_scale_text(percents: Sequence[object], *, over_nut: bool = False) -> str:
    """ "50 % of net box office in week 1, 45 % in week 2 and 40 % from week 3 on" (the last
    percentage repeats); `over_nut`: the percentages of what exceeds the house nut."""
    if not percents:
        return ""
    if len(percents) == 1:
        single = (
            _("%(percent)s over the house nut in every week")
            if over_nut
            else _("%(percent)s of net box office in every week")
        )
        return single % {"percent": percent_text(percents[0])}
    first = (
        _("%(percent)s over the house nut in week %(week)s")
        if over_nut
        else _("%(percent)s of net box office in week %(week)s")
    )
    parts = [first % {"percent": percent_text(percents[0]), "week": _count(1)}]
    parts += [
        _("%(percent)s in week %(week)s") % {"percent": percent_text(p), "week": _count(week)}
        for week, p in enumerate(percents[1:-1], start=2)
    ]
    parts.append(
        _("%(percent)s from week %(week)s on")
        % {"percent": percent_text(percents[-1]), "week": _count(len(percents))}
    )
    return _join(parts)


def _theatrical_text(theatrical: Mapping[str, Any]) -> str:
    text = sliding_scale_text(list(theatrical.get("percent_by_week") or []))
    nut = sliding_scale_text(list(theatrical.get("over_nut_percent_by_week") or []), over_nut=True)
    if text and nut:
        return _("%(percent)s, or %(over_nut)s if higher") % {"percent": text, "over_nut": nut}
    return text or nut


def _fees_text(fees: Mapping[str, object]) -> str:
    return _join(
        [
            _("%(percent)s (%(medium)s)") % {"percent": percent_text(p), "medium": _medium_name(m)}
            for m, p in fees.items()
        ]
    )


def _has_revenue_terms(terms: Mapping[str, Any]) -> bool:
    return any(
        k in terms for k in ("minimum_guarantee", "theatrical", "on_demand", "distribution_fee_percent")
    )


def term_lines(terms: Mapping[str, Any] | None, currency: str) -> list[TermLine]:
    """The financial terms as labelled lines, in the order a deal memo states them."""
    terms = terms or {}
    lines: list[TermLine] = []
    if "flat_fee" in terms:
        lines.append(TermLine("flat_fee", _("Flat fee"), money_text(terms["flat_fee"], currency)))
    if "minimum_guarantee" in terms:
        lines.append(
            TermLine(
                "minimum_guarantee",
                _("Minimum guarantee (MG)"),
                money_text(terms["minimum_guarantee"], currency),
            )
        )
    theatrical = terms.get("theatrical")
    if isinstance(theatrical, Mapping) and (
        theatrical.get("percent_by_week") or theatrical.get("over_nut_percent_by_week")
    ):
        lines.append(TermLine("theatrical", _("Film rental"), _theatrical_text(theatrical)))
    on_demand = terms.get("on_demand")
    if isinstance(on_demand, Mapping) and "revenue_share_percent" in on_demand:
        lines.append(
            TermLine(
                "on_demand",
                _("Share of platform revenue"),
                _("%(percent)s to the licensor")
                % {"percent": percent_text(on_demand["revenue_share_percent"])},
            )
        )
    fees = terms.get("distribution_fee_percent")
    if isinstance(fees, Mapping) and fees:
        lines.append(TermLine("distribution_fee_percent", _("Distribution fee"), _fees_text(fees)))
    if "expenses_cap" in terms:
        cap = _decimal(terms["expenses_cap"])
        text = (
            _("none recoupable")
            if cap is not None and cap.is_zero()
            else _("recoupable up to %(amount)s") % {"amount": money_text(terms["expenses_cap"], currency)}
        )
        lines.append(TermLine("expenses_cap", _("Expenses"), text))
    elif _has_revenue_terms(terms):
        lines.append(TermLine("expenses_cap", _("Expenses"), _("recoupable without a cap")))
    rounding = terms.get("rounding")
    if rounding:
        lines.append(TermLine("rounding", _("Rounding"), str(ROUNDING_TEXTS.get(rounding, rounding))))
    return lines


def terms_sentence(terms: Mapping[str, Any] | None, currency: str) -> str:
    """The terms in one line: "MG 20,000.00 EUR; film rental 50 % of net box office in week 1, …"."""
    shorts = {
        "flat_fee": _("flat fee %(text)s"),
        "minimum_guarantee": _("MG %(text)s"),
        "theatrical": _("film rental %(text)s"),
        "on_demand": _("platform revenue share %(text)s"),
        "distribution_fee_percent": _("distribution fee %(text)s"),
        "expenses_cap": _("expenses %(text)s"),
    }
    parts = [
        shorts[line.key] % {"text": line.text} for line in term_lines(terms, currency) if line.key in shorts
    ]
    return "; ".join(parts) if parts else _("no financial terms proposed")


@register.filter
def offer_terms(offer: Offer | None) -> str:
    """An offer's financial terms in one line, for lists and notifications."""
    if offer is None:
        return ""
    return terms_sentence(offer.terms, offer.currency)


@register.filter
def offer_term_lines(offer: Offer | None) -> list[TermLine]:
    return [] if offer is None else term_lines(offer.terms, offer.currency)


# --- whole offers and their differences --------------------------------------------------------------


@dataclass(frozen=True)
class OfferRow:
    """One line of an offer as the deal page shows it; `changed` against the offer before it."""

    key: str
    label: str
    html: SafeString
    changed: bool = False


def _escaped(text: str) -> SafeString:
    return mark_safe(escape(text))  # noqa: S308 - escaped


def offer_rows(offer: Offer) -> list[OfferRow]:
    """Everything an offer says: the rights, then the money."""
    rows = [
        OfferRow("media", _("Media"), media_expression(offer.media)),
        OfferRow("territories", _("Territories"), territory_expression(offer.territories)),
        OfferRow("language_uses", _("Language versions"), SafeString(language_uses(offer.language_uses))),
        OfferRow("term", _("Term"), span_html(offer.start, offer.end)),
        OfferRow(
            "exclusive",
            _("Exclusivity"),
            _escaped(_("exclusive") if offer.exclusive else _("non-exclusive")),
        ),
        OfferRow("currency", _("Currency"), _escaped(offer.currency)),
    ]
    lines = term_lines(offer.terms, offer.currency)
    rows += [OfferRow(f"terms.{line.key}", line.label, _escaped(line.text)) for line in lines]
    if not lines:
        rows.append(OfferRow("terms", _("Financial terms"), _escaped(_("no financial terms proposed"))))
    return rows


def _signature(rows: Iterable[OfferRow]) -> dict[str, str]:
    return {row.key: plain(row.html) for row in rows}


@dataclass(frozen=True)
class OfferStep:
    """An offer of the history with its rows marked where they differ from the previous offer."""

    offer: Offer
    rows: list[OfferRow]
    removed: list[str]  # labels of terms the previous offer had and this one drops


def offer_history(offers: Iterable[Offer]) -> list[OfferStep]:
    """The offers in order, each compared with the one before it."""
    steps: list[OfferStep] = []
    previous: list[OfferRow] | None = None
    for offer in offers:
        rows = offer_rows(offer)
        if previous is None:
            steps.append(OfferStep(offer, rows, []))
        else:
            before = _signature(previous)
            now = _signature(rows)
            marked = [
                OfferRow(row.key, row.label, row.html, changed=before.get(row.key) != now[row.key])
                for row in rows
            ]
            removed = [row.label for row in previous if row.key not in now and row.key != "terms"]
            steps.append(OfferStep(offer, marked, removed))
        previous = rows
    return steps


# --- whose move ----------------------------------------------------------------------------------------


def deal_turn(deal: Deal) -> Party | None:
    """The party expected to act next, from the status; None once the deal is no longer negotiated."""
    if deal.status in (DealStatus.REQUESTED, DealStatus.COUNTERED):
        return Party.LICENSOR
    if deal.status == DealStatus.OFFERED:
        return Party.LICENSEE
    if deal.status == DealStatus.SIGNING:
        return Party.LICENSEE if deal.licensor_signed_at else Party.LICENSOR
    return None


@register.filter
def party_label(party: str | None) -> str:
    return str(Party(party).label) if party in Party.values else ""


@register.filter
def money(amount: object, currency: str) -> str:
    return money_text(amount, currency)


@register.filter
def percent(value: object) -> str:
    return percent_text(value)


# --- from an avails answer to a request ----------------------------------------------------------------


def request_query(
    *,
    film: str,
    media: str,
    territories: str,
    start: date,
    last_day: date,
    exclusive: bool,
    language_uses: str = "",
) -> str:
    """The query string of `deals:request` for one question; `end` is the first day no longer asked."""
    params = {
        "film": film,
        "media": media,
        "territories": territories,
        "start": start.isoformat(),
        "end": (last_day + timedelta(days=1)).isoformat(),
    }
    if exclusive:
        params["exclusive"] = "1"
    if language_uses:
        params["languages"] = language_uses
    return urlencode(params)


def _may_request(context: Mapping[str, Any]) -> bool:
    request = context.get("request")
    if request is None:
        return False
    # Asked once per page, however many results it lists.
    cached: bool | None = getattr(request, "_cinebridge_may_request_deals", None)
    if cached is None:
        cached = policy.can_anywhere(getattr(request, "user", None), policy.DEALS_REQUEST)
        request._cinebridge_may_request_deals = cached
    return cached


@register.simple_tag(takes_context=True)
def deal_request_url(context: Mapping[str, Any], film: Any, form: Any) -> str:
    """`deals:request` prefilled with a film and a valid avails search form's question; '' when the
    question is not valid or the viewer may not request licences."""
    if not form.is_bound or not form.is_valid() or not _may_request(context):
        return ""
    data = form.cleaned_data
    uses = f"{data['language']}:{data['use']}" if data.get("language") and data.get("use") else ""
    query = request_query(
        film=film.slug,
        media=data["medium"],
        territories=data["territories"],
        start=data["start"],
        last_day=data["last_day"],
        exclusive=data["licence"] == "exclusive",
        language_uses=uses,
    )
    return f"{reverse('deals:request')}?{query}"


@register.simple_tag
def deal_status_label(status: str) -> str:
    return str(DealStatus(status).label) if status in DealStatus.values else status


@register.filter
def week_label(number: int) -> str:
    return pgettext("playing week", "Week %(week)s") % {"week": _count(number)}
