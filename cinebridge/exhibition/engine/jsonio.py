"""The royalty engine's JSON interface: a statement's input in, the statement out. Pure Python.

One format for the Python function, `python manage.py royalties --input case.json` and
`POST /api/v1/engines/royalties`, documented in docs/royalties.md. Amounts are strings with no more
decimals than their currency's minor units; dates are ISO strings. Every error names where it is
(`box_office[3].gross`) and carries a stable `code` with `params`, so that an interface can word it
in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.engine.money import AmountError, format_amount, minor_units, parse_amount, unit
from cinebridge.deals.engine.terms import TermsError, format_percent, terms_from_json, terms_to_json

from .royalties import (
    Booking,
    BoxOffice,
    Conversion,
    Expense,
    MissingRateError,
    Rate,
    Receipt,
    RoyaltyInputError,
    Statement,
    StatementInput,
    UsageRow,
    statement,
    without_cycle_collection,
)

__all__ = [
    "ENGINE",
    "FORMAT",
    "RoyaltyInputError",
    "input_from_json",
    "input_to_json",
    "statement_from_json",
    "statement_to_json",
]

ENGINE = "royalties"
FORMAT = 1
RATE_DIGITS = 20  # significant digits of an exchange rate
# Rates between 10^-12 and 10^12: any two currencies, and every conversion stays exact.
RATE_MAGNITUDE = 12
_MEDIA_CODE = re.compile(r"[A-Z][A-Z0-9_]*")

_KEYS = {
    "": ("currency", "terms", "period", "bookings", "box_office", "usage", "receipts", "expenses", "rates",
         "previously_reported"),
    "period": ("start", "end"),
    "bookings": ("ref", "territory", "currency", "house_nut_per_week", "label"),
    "box_office": ("ref", "booking", "screen", "week_start", "playing_week", "admissions", "gross", "taxes",
                   "levies"),
    "usage": ("ref", "month", "territory", "media", "views", "minutes", "revenue", "currency"),
    "receipts": ("ref", "date", "media", "amount", "currency"),
    "expenses": ("ref", "date", "amount", "currency", "description"),
    "rates": ("from", "to", "date", "rate", "source"),
}  # fmt: skip


# --- reading --------------------------------------------------------------------------------
def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _object(value: Any, path: str, keys: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RoyaltyInputError(path, "expected an object", code="object")
    allowed = _KEYS[keys]
    for key in value:
        if key not in allowed:
            where = _at(path, str(key))
            raise RoyaltyInputError(
                where,
                f"{key!r} is not a field here (known: {', '.join(allowed)})",
                code="unknown",
                params={"key": key, "known": ", ".join(allowed)},
            )
    return value


def _list(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RoyaltyInputError(path, "expected a list", code="list")
    return value


def _objects(data: Mapping[str, Any], key: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each object of the list `data[key]` with its path ("usage[2]"); a list of something else is refused."""
    for index, value in enumerate(_list(data.get(key), key)):
        path = f"{key}[{index}]"
        yield path, _object(value, path, key)


def _required(row: Mapping[str, Any], key: str, path: str) -> Any:
    value = row.get(key)
    if value is None:
        raise RoyaltyInputError(_at(path, key), "this field is required", code="required")
    return value


def _text(row: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
    value = row.get(key)
    if value is None:
        if required:
            raise RoyaltyInputError(_at(path, key), "this field is required", code="required")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise RoyaltyInputError(_at(path, key), "expected a non-empty text", code="text")
    return value


def _date(row: Mapping[str, Any], key: str, path: str) -> date:
    value = _required(row, key, path)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RoyaltyInputError(
        _at(path, key), f"not a date like 2026-01-31: {value!r}", code="date", params={"value": str(value)}
    )


def _month(row: Mapping[str, Any], key: str, path: str) -> date:
    value = _required(row, key, path)
    if isinstance(value, str):
        try:
            day = date.fromisoformat(f"{value}-01" if len(value) == 7 else value)
        except ValueError:
            day = None
        if day is not None and day.day == 1:
            return day
    raise RoyaltyInputError(
        _at(path, key), f"not a month like 2026-01 or 2026-01-01: {value!r}", code="month",
        params={"value": str(value)},
    )  # fmt: skip


def _whole(row: Mapping[str, Any], key: str, path: str, minimum: int = 0) -> int:
    value = _required(row, key, path)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RoyaltyInputError(
            _at(path, key), f"expected a whole number ≥ {minimum}", code="number", params={"minimum": minimum}
        )
    number: int = value
    return number


def _currency(row: Mapping[str, Any], key: str, path: str) -> str:
    value = _required(row, key, path)
    try:
        minor_units(value)
    except (ValueError, TypeError):
        raise RoyaltyInputError(
            _at(path, key), f"{value!r} is not an ISO 4217 currency code", code="currency",
            params={"value": str(value)},
        ) from None  # fmt: skip
    code: str = value
    return code


@cache
def _plain_amount(currency: str) -> re.Pattern[str]:
    """ASCII digits with at most the currency's decimals and below 10^18: what machines write."""
    places = minor_units(currency)
    return re.compile(rf"[0-9]{{1,18}}(?:\.[0-9]{{1,{places}}})?" if places else r"[0-9]{1,18}")


def _amount(value: Any, path: str, currency: str) -> Decimal:
    if value is None:
        raise RoyaltyInputError(path, "this field is required", code="required")
    if isinstance(value, str) and _plain_amount(currency).fullmatch(value):
        return Decimal(value).quantize(unit(currency))  # the common case, read without parse_amount's care
    try:
        amount = parse_amount(value, currency=currency)
    except AmountError as error:
        if error.code == "too_large":
            raise RoyaltyInputError(
                path, "the amount is too large", code="amount_too_large", params={"value": str(value)}
            ) from None
        raise RoyaltyInputError(
            path,
            f"expected an amount ≥ 0 in {currency} with at most {minor_units(currency)} decimals ({error})",
            code="amount",
            params={"value": str(value), "currency": currency, "minor_units": minor_units(currency)},
        ) from None
    return amount.quantize(unit(currency))  # exact: parse_amount refused extra decimals


def _media(row: Mapping[str, Any], path: str) -> str:
    value = _required(row, "media", path)
    if not isinstance(value, str) or not _MEDIA_CODE.fullmatch(value):
        raise RoyaltyInputError(
            f"{path}.media", "expected a media code such as THEATRICAL or SVOD", code="media",
            params={"value": str(value)},
        )  # fmt: skip
    return value


def _rate(value: Any, path: str) -> Decimal:
    rate = None
    if isinstance(value, str):
        try:
            rate = Decimal(to_ascii_digits(value.strip()))
        except InvalidOperation:
            rate = None
    elif isinstance(value, int) and not isinstance(value, bool):
        rate = Decimal(value)
    if (
        rate is None
        or not rate.is_finite()
        or rate <= 0
        or len(rate.normalize().as_tuple().digits) > RATE_DIGITS
        or not -RATE_MAGNITUDE <= rate.adjusted() <= RATE_MAGNITUDE
    ):
        raise RoyaltyInputError(
            path,
            f"expected a rate above zero, as text, with at most {RATE_DIGITS} significant digits, "
            f"between 1e-{RATE_MAGNITUDE} and 1e{RATE_MAGNITUDE}",
            code="rate",
            params={"value": str(value), "digits": RATE_DIGITS},
        )
    return rate


class _Refs:
    """Refs are unique across the whole input, so that a line's sources name one row each."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def add(self, row: Mapping[str, Any], path: str) -> str:
        ref = row.get("ref")
        if not isinstance(ref, str) or not ref.strip():
            raise RoyaltyInputError(f"{path}.ref", "expected a non-empty text", code="text")
        if ref in self.seen:
            raise RoyaltyInputError(
                f"{path}.ref",
                f"{ref!r} is already the ref of {self.seen[ref]}",
                code="unique",
                params={"value": ref, "other": self.seen[ref]},
            )
        self.seen[ref] = path
        return ref


def input_from_json(data: Mapping[str, Any]) -> StatementInput:
    """The statement input from its JSON, checked; RoyaltyInputError names the first bad path."""
    with without_cycle_collection():
        return _input_from_json(data)


def _input_from_json(data: Mapping[str, Any]) -> StatementInput:
    data = _object(data, "", "")
    currency = _currency(data, "currency", "")
    try:
        terms = terms_from_json(_required(data, "terms", ""), currency=currency)
    except TermsError as error:
        path = f"terms.{error.path}" if error.path else "terms"
        raise RoyaltyInputError(path, error.message, code=error.code, params=error.params) from None
    period = _object(_required(data, "period", ""), "period", "period")
    start, end = _date(period, "start", "period"), _date(period, "end", "period")
    if end < start:
        raise RoyaltyInputError("period.end", "the period ends before it starts", code="order")
    refs = _Refs()
    bookings = _bookings(data, refs)
    return StatementInput(
        currency=currency,
        terms=terms,
        period_start=start,
        period_end=end,
        bookings=tuple(bookings.values()),
        box_office=_box_office(data, refs, bookings),
        usage=_usage(data, refs),
        receipts=_receipts(data, refs),
        expenses=_expenses(data, refs),
        rates=_rates(data),
        previously_reported=(
            _amount(data["previously_reported"], "previously_reported", currency)
            if data.get("previously_reported") is not None
            else Decimal(0).quantize(unit(currency))
        ),
    )


def _bookings(data: Mapping[str, Any], refs: _Refs) -> dict[str, Booking]:
    bookings: dict[str, Booking] = {}
    for path, row in _objects(data, "bookings"):
        ref = refs.add(row, path)
        currency = _currency(row, "currency", path)
        nut = row.get("house_nut_per_week")
        bookings[ref] = Booking(
            ref=ref,
            territory=_text(row, "territory", path, required=False),
            currency=currency,
            house_nut_per_week=None if nut is None else _amount(nut, f"{path}.house_nut_per_week", currency),
            label=_text(row, "label", path, required=False),
        )
    return bookings


def _box_office(
    data: Mapping[str, Any], refs: _Refs, bookings: Mapping[str, Booking]
) -> tuple[BoxOffice, ...]:
    rows = []
    weeks: dict[tuple[str, int], tuple[date, str]] = {}  # the week start of each booking's playing week
    screens: dict[tuple[str, int, str], str] = {}
    for path, row in _objects(data, "box_office"):
        ref = refs.add(row, path)
        booking_ref = _text(row, "booking", path)
        booking = bookings.get(booking_ref)
        if booking is None:
            raise RoyaltyInputError(
                f"{path}.booking", f"no booking has the ref {booking_ref!r}", code="reference",
                params={"value": booking_ref},
            )  # fmt: skip
        currency = booking.currency
        entry = BoxOffice(
            ref=ref,
            booking=booking_ref,
            screen=_text(row, "screen", path, required=False),
            week_start=_date(row, "week_start", path),
            playing_week=_whole(row, "playing_week", path, minimum=1),
            admissions=_whole(row, "admissions", path),
            gross=_amount(row.get("gross"), f"{path}.gross", currency),
            taxes=_amount(row.get("taxes", "0"), f"{path}.taxes", currency),
            levies=_amount(row.get("levies", "0"), f"{path}.levies", currency),
        )
        if entry.taxes + entry.levies > entry.gross:
            raise RoyaltyInputError(
                f"{path}.gross", "taxes and levies exceed the gross", code="net_negative",
                params={"gross": str(entry.gross), "taxes": str(entry.taxes), "levies": str(entry.levies)},
            )  # fmt: skip
        week = (booking_ref, entry.playing_week)
        known = weeks.setdefault(week, (entry.week_start, path))
        if known[0] != entry.week_start:
            raise RoyaltyInputError(
                f"{path}.week_start",
                f"playing week {entry.playing_week} of booking {booking_ref!r} starts on {known[0].isoformat()} in {known[1]}",
                code="week_start",
                params={"week": entry.playing_week, "booking": booking_ref, "start": known[0].isoformat(), "other": known[1]},
            )  # fmt: skip
        other = screens.setdefault((booking_ref, entry.playing_week, entry.screen), path)
        if other != path:
            raise RoyaltyInputError(
                f"{path}.screen",
                f"{other} already reports screen {entry.screen!r} for this playing week",
                code="duplicate",
                params={"screen": entry.screen, "other": other},
            )
        rows.append(entry)
    return tuple(rows)


def _usage(data: Mapping[str, Any], refs: _Refs) -> tuple[UsageRow, ...]:
    rows = []
    for path, row in _objects(data, "usage"):
        currency = _currency(row, "currency", path)
        rows.append(
            UsageRow(
                ref=refs.add(row, path),
                month=_month(row, "month", path),
                territory=_text(row, "territory", path, required=False),
                media=_media(row, path),
                views=_whole(row, "views", path) if row.get("views") is not None else 0,
                minutes=_whole(row, "minutes", path) if row.get("minutes") is not None else 0,
                revenue=_amount(row.get("revenue"), f"{path}.revenue", currency),
                currency=currency,
            )
        )
    return tuple(rows)


def _receipts(data: Mapping[str, Any], refs: _Refs) -> tuple[Receipt, ...]:
    rows = []
    for path, row in _objects(data, "receipts"):
        currency = _currency(row, "currency", path)
        rows.append(
            Receipt(
                ref=refs.add(row, path),
                on=_date(row, "date", path),
                media=_media(row, path),
                amount=_amount(row.get("amount"), f"{path}.amount", currency),
                currency=currency,
            )
        )
    return tuple(rows)


def _expenses(data: Mapping[str, Any], refs: _Refs) -> tuple[Expense, ...]:
    rows = []
    for path, row in _objects(data, "expenses"):
        currency = _currency(row, "currency", path)
        rows.append(
            Expense(
                ref=refs.add(row, path),
                on=_date(row, "date", path),
                amount=_amount(row.get("amount"), f"{path}.amount", currency),
                currency=currency,
                description=_text(row, "description", path, required=False),
            )
        )
    return tuple(rows)


def _rates(data: Mapping[str, Any]) -> tuple[Rate, ...]:
    rates = []
    seen: dict[tuple[str, str, date], tuple[Decimal, str]] = {}
    for path, row in _objects(data, "rates"):
        rate = Rate(
            base=_currency(row, "from", path),
            quote=_currency(row, "to", path),
            on=_date(row, "date", path),
            rate=_rate(row.get("rate"), f"{path}.rate"),
            source=_text(row, "source", path, required=False),
        )
        if rate.base == rate.quote:
            raise RoyaltyInputError(
                f"{path}.to", "a rate converts between two currencies", code="same_currency"
            )
        # The same pair quoted both ways on one day is allowed (the direct quote wins); twice, not.
        key = (rate.base, rate.quote, rate.on)
        if key in seen:
            raise RoyaltyInputError(
                f"{path}.date",
                f"{seen[key][1]} already gives a {rate.base}→{rate.quote} rate on {rate.on.isoformat()}",
                code="rate_duplicate",
                params={
                    "from": rate.base,
                    "to": rate.quote,
                    "date": rate.on.isoformat(),
                    "other": seen[key][1],
                },
            )
        seen[key] = (rate.rate, path)
        rates.append(rate)
    return tuple(rates)


# --- writing the input back -------------------------------------------------------------------
def input_to_json(data: StatementInput) -> dict[str, Any]:
    """The canonical JSON of a statement input: `input_from_json` of it gives `data` back."""

    def amount(value: Decimal, currency: str) -> str:
        return format_amount(value, currency)

    return {
        "currency": data.currency,
        "terms": terms_to_json(data.terms, currency=data.currency),
        "period": {"start": data.period_start.isoformat(), "end": data.period_end.isoformat()},
        "bookings": [
            {
                "ref": b.ref,
                "territory": b.territory,
                "currency": b.currency,
                "house_nut_per_week": None
                if b.house_nut_per_week is None
                else amount(b.house_nut_per_week, b.currency),
                "label": b.label,
            }
            for b in data.bookings
        ],
        "box_office": [
            _box_office_json(r, {b.ref: b.currency for b in data.bookings}[r.booking])
            for r in data.box_office
        ]
        if data.box_office
        else [],
        "usage": [
            {
                "ref": u.ref,
                "month": u.month.isoformat(),
                "territory": u.territory,
                "media": u.media,
                "views": u.views,
                "minutes": u.minutes,
                "revenue": amount(u.revenue, u.currency),
                "currency": u.currency,
            }
            for u in data.usage
        ],
        "receipts": [
            {
                "ref": r.ref,
                "date": r.on.isoformat(),
                "media": r.media,
                "amount": amount(r.amount, r.currency),
                "currency": r.currency,
            }
            for r in data.receipts
        ],
        "expenses": [
            {
                "ref": e.ref,
                "date": e.on.isoformat(),
                "amount": amount(e.amount, e.currency),
                "currency": e.currency,
                "description": e.description,
            }
            for e in data.expenses
        ],
        "rates": [
            {
                "from": r.base,
                "to": r.quote,
                "date": r.on.isoformat(),
                "rate": f"{r.rate:f}",
                "source": r.source,
            }
            for r in data.rates
        ],
        "previously_reported": amount(data.previously_reported, data.currency),
    }


def _box_office_json(row: BoxOffice, currency: str) -> dict[str, Any]:
    return {
        "ref": row.ref,
        "booking": row.booking,
        "screen": row.screen,
        "week_start": row.week_start.isoformat(),
        "playing_week": row.playing_week,
        "admissions": row.admissions,
        "gross": format_amount(row.gross, currency),
        "taxes": format_amount(row.taxes, currency),
        "levies": format_amount(row.levies, currency),
    }


# --- the statement ------------------------------------------------------------------------------
def statement_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """Input JSON → statement JSON: validated, computed, written. RoyaltyInputError on bad input."""
    checked = input_from_json(data)
    try:
        result = statement(checked)
    except MissingRateError as missing:
        collection, index = missing.row
        raise RoyaltyInputError(
            f"{collection}[{index}]",
            str(missing),
            code="rate_missing",
            params={"from": missing.base, "to": missing.quote, "date": missing.on.isoformat()},
        ) from None
    return statement_to_json(result)


def _conversion_json(conversion: Conversion | None, amount: Decimal) -> dict[str, Any] | None:
    if conversion is None:
        return None
    return {
        "from": conversion.base,
        "to": conversion.quote,
        "rate": f"{conversion.rate:f}",
        "inverse": conversion.inverse,
        "date": conversion.on.isoformat(),
        "source": conversion.source,
        "amount": f"{amount:f}",
    }


def statement_to_json(result: Statement) -> dict[str, Any]:
    """The statement as JSON (docs/royalties.md): amounts as strings at their currency's minor units."""
    with without_cycle_collection():
        return _statement_to_json(result)


def _statement_to_json(result: Statement) -> dict[str, Any]:
    deal_currency = result.currency
    money = f"{{:.{minor_units(deal_currency)}f}}".format
    week_money = {c: f"{{:.{minor_units(c)}f}}".format for c in {w.currency for w in result.weeks}}
    weeks = []
    for w in result.weeks:
        own = week_money[w.currency]
        weeks.append(
            {
                "id": w.id,
                "booking": w.booking,
                "territory": w.territory,
                "week_start": w.week_start.isoformat(),
                "playing_week": w.playing_week,
                "screens": list(w.screens),
                "admissions": w.admissions,
                "currency": w.currency,
                "gross": own(w.gross),
                "taxes": own(w.taxes),
                "levies": own(w.levies),
                "net_box_office": own(w.net),
                "house_nut": None if w.house_nut is None else own(w.house_nut),
                "basis": w.basis,
                "percent": format_percent(w.percent),
                "film_rental": own(w.film_rental),
                "exhibitor_share": own(w.exhibitor_share),
                "in_period": w.in_period,
                "conversion": _conversion_json(w.conversion, w.deal_film_rental),
                "in_deal_currency": {
                    "gross": money(w.deal_gross),
                    "taxes": money(w.deal_taxes),
                    "levies": money(w.deal_levies),
                    "net_box_office": money(w.deal_net),
                    "film_rental": money(w.deal_film_rental),
                    "exhibitor_share": money(w.deal_exhibitor_share),
                },
                "sources": list(w.sources),
                "terms": list(w.terms),
            }
        )
    usage = [
        {
            "ref": u.row.ref,
            "month": u.row.month.isoformat(),
            "territory": u.row.territory,
            "media": u.row.media,
            "views": u.row.views,
            "minutes": u.row.minutes,
            "revenue": format_amount(u.row.revenue, u.row.currency),
            "currency": u.row.currency,
            "in_period": u.in_period,
            "conversion": _conversion_json(u.conversion, u.deal_revenue),
            "revenue_in_deal_currency": money(u.deal_revenue),
            "share": money(u.share),
            "sources": [u.row.ref],
            "terms": list(u.terms),
        }
        for u in result.usage
    ]
    receipts = [
        {
            "ref": r.row.ref,
            "date": r.row.on.isoformat(),
            "media": r.row.media,
            "amount": format_amount(r.row.amount, r.row.currency),
            "currency": r.row.currency,
            "in_period": r.in_period,
            "conversion": _conversion_json(r.conversion, r.amount),
            "amount_in_deal_currency": money(r.amount),
            "sources": [r.row.ref],
        }
        for r in result.receipts
    ]
    expenses = [
        {
            "ref": e.row.ref,
            "date": e.row.on.isoformat(),
            "description": e.row.description,
            "amount": format_amount(e.row.amount, e.row.currency),
            "currency": e.row.currency,
            "in_period": e.in_period,
            "conversion": _conversion_json(e.conversion, e.amount),
            "amount_in_deal_currency": money(e.amount),
            "sources": [e.row.ref],
        }
        for e in result.expenses
    ]
    lines = [
        {
            "key": line.key,
            "period": None if line.period is None else money(line.period),
            "to_date": money(line.to_date),
            "sources": list(line.sources),
            "terms": list(line.terms),
            "lines": list(line.lines),
        }
        for line in result.lines
    ]
    t = result.totals
    totals: dict[str, Any] = {
        name: money(getattr(t, name)) for name in t.__dataclass_fields__ if name != "admissions"
    }
    totals["admissions"] = t.admissions
    return {
        "engine": ENGINE,
        "format": FORMAT,
        "currency": deal_currency,
        "minor_units": minor_units(deal_currency),
        "rounding": result.rounding.value,
        "period": {"start": result.period_start.isoformat(), "end": result.period_end.isoformat()},
        "weeks": weeks,
        "usage": usage,
        "receipts": receipts,
        "expenses": expenses,
        "lines": lines,
        "totals": totals,
    }
