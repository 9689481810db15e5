"""The financial terms of a deal: the JSON stored in `Offer.terms`, read and written. Pure Python.

```json
{"flat_fee": "5000.00", "minimum_guarantee": "20000.00",
 "theatrical": {"percent_by_week": ["50", "45", "40"], "over_nut_percent_by_week": ["90", "85"]},
 "on_demand": {"revenue_share_percent": "50"},
 "distribution_fee_percent": {"THEATRICAL": "25", "SVOD": "30"},
 "expenses_cap": "10000.00", "rounding": "half_up"}
```

Every key is optional (`rounding` defaults to half_up). Amounts are in the deal's currency, which
travels beside the terms (`Offer.currency`), with no more decimals than its minor units; percents
lie in 0..100. A missing `expenses_cap` means expenses are recouped without a cap, "0" means none
are recoupable. Errors are `TermsError(path, message, code, params)`: the message is English, the
`code` and `params` let an interface word it in the user's language (docs/royalties.md lists them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.engine.money import (
    AmountError,
    Rounding,
    format_amount,
    minor_units,
    parse_amount,
    quantize,
)

__all__ = [
    "TERM_KEYS",
    "Terms",
    "TermsError",
    "Theatrical",
    "format_percent",
    "terms_from_json",
    "terms_to_json",
]

HUNDRED = Decimal(100)
PERCENT_DECIMALS = 6  # keeps every product in the royalty engine exact
TERM_KEYS = (
    "flat_fee",
    "minimum_guarantee",
    "theatrical",
    "on_demand",
    "distribution_fee_percent",
    "expenses_cap",
    "rounding",
)
_MEDIA_CODE = re.compile(r"[A-Z][A-Z0-9_]*")


class TermsError(ValueError):
    """Bad terms at `path` ("theatrical.percent_by_week[2]"). `code` is one of: object, unknown
    (a key that is not a term; params: key), amount (params: value, currency, minor_units),
    amount_too_large (params: value), percent (params: value), percent_decimals (params: value,
    decimals), list, required, choice (params: value, choices), media (params: value),
    currency (params: value)."""

    def __init__(
        self, path: str, message: str, *, code: str, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message
        self.code = code
        self.params: dict[str, object] = dict(params or {})


@dataclass(frozen=True, slots=True)
class Theatrical:
    """Film rental per playing week: a percent of net box office, or of the net over the house nut."""

    percent_by_week: tuple[Decimal, ...]
    over_nut_percent_by_week: tuple[Decimal, ...] = ()  # empty: no over-the-nut alternative

    def percent(self, week: int) -> Decimal:
        """The percent of net box office for playing week `week` (1-based); the last one repeats."""
        return _by_week(self.percent_by_week, week)

    def over_nut_percent(self, week: int) -> Decimal | None:
        """The percent of the net over the house nut for `week`, or None without that term."""
        return _by_week(self.over_nut_percent_by_week, week) if self.over_nut_percent_by_week else None


def _by_week(scale: tuple[Decimal, ...], week: int) -> Decimal:
    return scale[min(max(week, 1), len(scale)) - 1]


@dataclass(frozen=True, slots=True)
class Terms:
    """Financial terms in the deal's currency, amounts at its minor units."""

    flat_fee: Decimal | None = None
    minimum_guarantee: Decimal | None = None
    theatrical: Theatrical | None = None
    revenue_share_percent: Decimal | None = None  # on_demand.revenue_share_percent
    distribution_fee_percent: tuple[tuple[str, Decimal], ...] = field(default=())  # sorted by media code
    expenses_cap: Decimal | None = None  # None: uncapped; 0: no expenses recoupable
    rounding: Rounding = Rounding.HALF_UP

    def fee_percent(self, media: str) -> Decimal:
        """The distribution fee percent for a media code; zero where the terms name none."""
        for code, percent in self.distribution_fee_percent:
            if code == media:
                return percent
        return Decimal(0)


# --- reading --------------------------------------------------------------------------------
def terms_from_json(data: Mapping[str, Any], *, currency: str) -> Terms:
    """Terms from their JSON, checked; TermsError names the first bad path."""
    try:
        minor_units(currency)
    except ValueError:
        raise TermsError(
            "currency",
            f"{currency!r} is not an ISO 4217 currency",
            code="currency",
            params={"value": currency},
        ) from None
    data = _object(data, "")
    _no_unknown_keys(data, TERM_KEYS, "")
    theatrical = None
    if data.get("theatrical") is not None:
        theatrical = _theatrical(data["theatrical"])
    share = None
    if data.get("on_demand") is not None:
        on_demand = _object(data["on_demand"], "on_demand")
        _no_unknown_keys(on_demand, ("revenue_share_percent",), "on_demand")
        if on_demand.get("revenue_share_percent") is None:
            raise TermsError(
                "on_demand.revenue_share_percent", "the revenue share percent is required", code="required"
            )
        share = _percent(on_demand["revenue_share_percent"], "on_demand.revenue_share_percent")
    return Terms(
        flat_fee=_optional_amount(data.get("flat_fee"), "flat_fee", currency),
        minimum_guarantee=_optional_amount(data.get("minimum_guarantee"), "minimum_guarantee", currency),
        theatrical=theatrical,
        revenue_share_percent=share,
        distribution_fee_percent=_fees(data.get("distribution_fee_percent")),
        expenses_cap=_optional_amount(data.get("expenses_cap"), "expenses_cap", currency),
        rounding=_rounding(data.get("rounding")),
    )


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TermsError(path, "expected an object", code="object")
    return value


def _no_unknown_keys(data: Mapping[str, Any], allowed: tuple[str, ...], path: str) -> None:
    for key in data:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            raise TermsError(
                where,
                f"{key!r} is not a term (known: {', '.join(allowed)})",
                code="unknown",
                params={"key": key},
            )


def _optional_amount(value: Any, path: str, currency: str) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = parse_amount(value, currency=currency)
    except AmountError as error:
        if error.code == "too_large":
            raise TermsError(
                path, "the amount is too large", code="amount_too_large", params={"value": _shown(value)}
            ) from None
        raise TermsError(
            path,
            f"expected an amount ≥ 0 with at most {minor_units(currency)} decimals ({error})",
            code="amount",
            params={"value": _shown(value), "currency": currency, "minor_units": minor_units(currency)},
        ) from None
    return quantize(amount, currency, Rounding.HALF_UP)  # exact: parse_amount refused extra decimals


def _percent(value: Any, path: str) -> Decimal:
    percent: Decimal | None = None
    if isinstance(value, str):
        try:
            percent = Decimal(to_ascii_digits(value.strip()).replace("\u066b", "."))
        except InvalidOperation:
            percent = None
    elif isinstance(value, int) and not isinstance(value, bool):
        percent = Decimal(value)
    if percent is None or not percent.is_finite() or not 0 <= percent <= HUNDRED:
        raise TermsError(
            path, "expected a percent from 0 to 100, as text", code="percent", params={"value": _shown(value)}
        )
    exponent = percent.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > PERCENT_DECIMALS:
        raise TermsError(
            path,
            f"a percent has at most {PERCENT_DECIMALS} decimals",
            code="percent_decimals",
            params={"value": _shown(value), "decimals": PERCENT_DECIMALS},
        )
    return _canonical_percent(percent)


def _canonical_percent(percent: Decimal) -> Decimal:
    # "50.00" and "50" are the same term; one spelling keeps terms_to_json stable and equality meaningful.
    return Decimal(format_percent(percent))


def format_percent(percent: Decimal) -> str:
    """A percent without trailing zeros or exponent: "50", "12.5"."""
    return f"{percent.normalize():f}"


def _percent_list(value: Any, path: str) -> tuple[Decimal, ...]:
    if not isinstance(value, list) or not value:
        raise TermsError(path, 'expected a list of percents like ["50", "45", "40"]', code="list")
    return tuple(_percent(item, f"{path}[{position}]") for position, item in enumerate(value))


def _theatrical(value: Any) -> Theatrical:
    data = _object(value, "theatrical")
    _no_unknown_keys(data, ("percent_by_week", "over_nut_percent_by_week"), "theatrical")
    if data.get("percent_by_week") is None:
        raise TermsError(
            "theatrical.percent_by_week", "the percent of each playing week is required", code="required"
        )
    over_nut = data.get("over_nut_percent_by_week")
    return Theatrical(
        percent_by_week=_percent_list(data["percent_by_week"], "theatrical.percent_by_week"),
        over_nut_percent_by_week=(
            () if over_nut is None else _percent_list(over_nut, "theatrical.over_nut_percent_by_week")
        ),
    )


def _fees(value: Any) -> tuple[tuple[str, Decimal], ...]:
    if value is None:
        return ()
    data = _object(value, "distribution_fee_percent")
    fees = []
    for media, percent in data.items():
        path = f"distribution_fee_percent.{media}"
        if not isinstance(media, str) or not _MEDIA_CODE.fullmatch(media):
            raise TermsError(
                path,
                "expected a media code such as THEATRICAL or SVOD",
                code="media",
                params={"value": media},
            )
        fees.append((media, _percent(percent, path)))
    return tuple(sorted(fees))


def _rounding(value: Any) -> Rounding:
    if value is None:
        return Rounding.HALF_UP
    try:
        return Rounding(value)
    except ValueError:
        choices = ", ".join(r.value for r in Rounding)
        raise TermsError(
            "rounding",
            f"{value!r} is not one of {choices}",
            code="choice",
            params={"value": _shown(value), "choices": choices},
        ) from None


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


# --- writing --------------------------------------------------------------------------------
def terms_to_json(terms: Terms, *, currency: str | None = None) -> dict[str, Any]:
    """The canonical JSON of `terms`: only the terms present, amounts as read (at the currency's
    minor units: with `currency` given, an amount that does not fit raises ValueError)."""

    def amount(value: Decimal) -> str:
        return format_amount(value, currency) if currency else f"{value:f}"

    data: dict[str, Any] = {}
    if terms.flat_fee is not None:
        data["flat_fee"] = amount(terms.flat_fee)
    if terms.minimum_guarantee is not None:
        data["minimum_guarantee"] = amount(terms.minimum_guarantee)
    if terms.theatrical is not None:
        theatrical: dict[str, Any] = {
            "percent_by_week": [format_percent(p) for p in terms.theatrical.percent_by_week]
        }
        if terms.theatrical.over_nut_percent_by_week:
            theatrical["over_nut_percent_by_week"] = [
                format_percent(p) for p in terms.theatrical.over_nut_percent_by_week
            ]
        data["theatrical"] = theatrical
    if terms.revenue_share_percent is not None:
        data["on_demand"] = {"revenue_share_percent": format_percent(terms.revenue_share_percent)}
    if terms.distribution_fee_percent:
        data["distribution_fee_percent"] = {m: format_percent(p) for m, p in terms.distribution_fee_percent}
    if terms.expenses_cap is not None:
        data["expenses_cap"] = amount(terms.expenses_cap)
    data["rounding"] = terms.rounding.value
    return data
