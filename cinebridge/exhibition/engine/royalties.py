"""Royalty statements: box office and platform revenue → the licensor's cumulative entitlement. Pure Python.

The steps, the rounding rule and the conservation laws are written out in docs/royalties.md; in short:

1. each booking's playing week (its screens summed): net box office = gross − taxes − levies; film
   rental = the higher of percent × net and over-nut percent × (net − house nut), rounded; the
   exhibitor keeps the rest;
2. amounts in another currency are converted into the deal's at the latest rate on or before the
   week's last day (the month's last day for usage, the date of a receipt or an expense);
3. receipts per medium: film rentals (theatrical), the licensor's share of platform revenue, and
   receipts reported directly; 4. a distribution fee per medium; 5. recoupable expenses up to the
   cap; 6. the minimum guarantee recouped, then overage; 7. entitlement; 8. payable or carried forward.

Every figure is cumulative up to the period's end; the period column is the change since the day
before the period began. `JSON in → JSON out` lives in `jsonio.py`.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from operator import itemgetter
from typing import Any, NamedTuple

from cinebridge.core.engine.money import Rounding, unit
from cinebridge.deals.engine.terms import Terms

__all__ = [
    "Booking",
    "BoxOffice",
    "Conversion",
    "Expense",
    "ExpenseLine",
    "Line",
    "MissingRateError",
    "Rate",
    "Receipt",
    "ReceiptLine",
    "Statement",
    "StatementInput",
    "Totals",
    "UsageLine",
    "UsageRow",
    "WeekLine",
    "month_end",
    "statement",
]

ZERO = Decimal(0)
HUNDRED = Decimal(100)
THEATRICAL = "THEATRICAL"
WEEK_LAST_DAY = timedelta(days=6)
# Amounts are below 10^18 and rates and percents have few digits (jsonio checks both), so every
# product fits in this precision exactly: the only rounding is the one per statement line.
PRECISION = 80
_DECIMAL_ROUNDING = {
    Rounding.HALF_UP: ROUND_HALF_UP,
    Rounding.HALF_EVEN: ROUND_HALF_EVEN,
    Rounding.DOWN: ROUND_DOWN,
}


# --- input ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Booking:
    ref: str
    territory: str
    currency: str
    house_nut_per_week: Decimal | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class BoxOffice:
    """One screen's film week of a booking, in the booking's currency."""

    ref: str
    booking: str
    screen: str
    week_start: date
    playing_week: int  # 1 = the booking's first week
    admissions: int
    gross: Decimal
    taxes: Decimal
    levies: Decimal


@dataclass(frozen=True, slots=True)
class UsageRow:
    """One month of a platform's usage in a territory and medium."""

    ref: str
    month: date  # its first day
    territory: str
    media: str
    views: int
    minutes: int
    revenue: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Receipt:
    """Money reported directly as the licensor's receipts of a medium (e.g. by a sub-distributor)."""

    ref: str
    on: date
    media: str
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Expense:
    ref: str
    on: date
    amount: Decimal
    currency: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Rate:
    """1 `base` = `rate` `quote` on `on`."""

    base: str
    quote: str
    on: date
    rate: Decimal
    source: str = ""


@dataclass(frozen=True, slots=True)
class StatementInput:
    currency: str
    terms: Terms
    period_start: date
    period_end: date  # inclusive
    bookings: tuple[Booking, ...] = ()
    box_office: tuple[BoxOffice, ...] = ()
    usage: tuple[UsageRow, ...] = ()
    receipts: tuple[Receipt, ...] = ()
    expenses: tuple[Expense, ...] = ()
    rates: tuple[Rate, ...] = ()
    previously_reported: Decimal = ZERO


# --- output -----------------------------------------------------------------------------------
class Conversion(NamedTuple):
    """How an amount came into the deal's currency: the rate used (1 `base` = `rate` `quote`),
    whether it was applied inverted (the input quoted the deal's currency in the other), its date."""

    base: str
    quote: str
    rate: Decimal
    inverse: bool
    on: date
    source: str


class WeekLine(NamedTuple):
    """A booking's playing week: its screens summed, in the booking's currency, then converted."""

    id: str  # "<booking ref>:w<playing week>"
    booking: str
    territory: str
    week_start: date
    playing_week: int
    screens: tuple[str, ...]
    admissions: int
    currency: str
    gross: Decimal
    taxes: Decimal
    levies: Decimal
    net: Decimal
    house_nut: Decimal | None
    basis: str  # percent | over_nut | none (no theatrical terms)
    percent: Decimal  # the percent applied to `basis`
    film_rental: Decimal
    exhibitor_share: Decimal
    in_period: bool
    conversion: Conversion | None
    # in the deal's currency: taxes, levies, film rental and exhibitor share each converted and
    # rounded; net and gross are their sums, so the week conserves money in both currencies
    deal_taxes: Decimal
    deal_levies: Decimal
    deal_film_rental: Decimal
    deal_exhibitor_share: Decimal
    sources: tuple[str, ...]
    terms: tuple[str, ...]

    @property
    def deal_net(self) -> Decimal:
        return self.deal_film_rental + self.deal_exhibitor_share

    @property
    def deal_gross(self) -> Decimal:
        return self.deal_taxes + self.deal_levies + self.deal_film_rental + self.deal_exhibitor_share


class UsageLine(NamedTuple):
    row: UsageRow
    in_period: bool
    conversion: Conversion | None
    deal_revenue: Decimal  # converted and rounded
    share: Decimal  # the licensor's share, rounded
    terms: tuple[str, ...]


class ReceiptLine(NamedTuple):
    row: Receipt
    in_period: bool
    conversion: Conversion | None
    amount: Decimal  # in the deal's currency


class ExpenseLine(NamedTuple):
    row: Expense
    in_period: bool
    conversion: Conversion | None
    amount: Decimal  # in the deal's currency


class Line(NamedTuple):
    """A line of the statement: `to_date` cumulative to the period's end, `period` the change within
    the period (None for the settlement lines, which are not cumulative)."""

    key: str
    period: Decimal | None
    to_date: Decimal
    sources: tuple[str, ...]  # input refs and week ids
    terms: tuple[str, ...]  # term paths
    lines: tuple[str, ...] = ()  # keys of the lines it is computed from


@dataclass(frozen=True, slots=True)
class Totals:
    box_office_gross: Decimal
    taxes: Decimal
    levies: Decimal
    net_box_office: Decimal
    film_rental: Decimal
    exhibitor_share: Decimal
    admissions: int
    gross_receipts: Decimal
    distribution_fee: Decimal
    expenses_incurred: Decimal
    expenses_recouped: Decimal
    expenses_unrecouped: Decimal
    minimum_guarantee: Decimal
    mg_recouped: Decimal
    mg_unrecouped: Decimal
    overage: Decimal
    flat_fee: Decimal
    entitlement: Decimal
    previously_reported: Decimal
    payable: Decimal
    carried_forward: Decimal


@dataclass(frozen=True, slots=True)
class Statement:
    currency: str
    rounding: Rounding
    period_start: date
    period_end: date
    weeks: tuple[WeekLine, ...]
    usage: tuple[UsageLine, ...]
    receipts: tuple[ReceiptLine, ...]
    expenses: tuple[ExpenseLine, ...]
    lines: tuple[Line, ...]
    totals: Totals


class RoyaltyInputError(ValueError):
    """Bad input at `path`. `code` says what is wrong and `params` the details, so that an interface
    can word it in the user's language; docs/royalties.md lists them. The message is English."""

    def __init__(
        self, path: str, message: str, *, code: str, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message
        self.code = code
        self.params: dict[str, object] = dict(params or {})


class MissingRateError(LookupError):
    """No rate converts `base` into `quote` on or before `on`; `row` is the input row that needed it
    ("box_office", index) so that the error can name it."""

    def __init__(self, base: str, quote: str, on: date, row: tuple[str, int]) -> None:
        super().__init__(f"no {base}→{quote} rate on or before {on.isoformat()}")
        self.base = base
        self.quote = quote
        self.on = on
        self.row = row


# --- conversion ---------------------------------------------------------------------------------
class _Rates:
    """The latest rate into the deal's currency on or before a day, direct or inverted."""

    def __init__(self, rates: Iterable[Rate], into: str) -> None:
        self.into = into
        by_base: dict[str, list[tuple[date, int, Rate]]] = {}
        for rate in rates:
            if rate.quote == into:
                by_base.setdefault(rate.base, []).append((rate.on, 1, rate))  # direct wins a tie
            elif rate.base == into:
                by_base.setdefault(rate.quote, []).append((rate.on, 0, rate))
        self._days: dict[str, list[tuple[date, int]]] = {}
        self._rates: dict[str, list[Rate]] = {}
        for base, entries in by_base.items():
            entries.sort(key=lambda entry: (entry[0], entry[1]))
            self._days[base] = [(on, direct) for on, direct, _rate in entries]
            self._rates[base] = [rate for _on, _direct, rate in entries]
        self._found: dict[tuple[str, date], tuple[Conversion, Decimal, bool] | None] = {}

    def find(self, currency: str, on: date) -> tuple[Conversion, Decimal, bool] | None:
        """(conversion, factor, divide) for `currency` on `on`, or None without a rate."""
        key = (currency, on)
        if key in self._found:
            return self._found[key]
        days = self._days.get(currency, [])
        position = bisect_right(days, (on, 2)) - 1
        found = None
        if position >= 0:
            rate = self._rates[currency][position]
            inverse = rate.quote != self.into
            conversion = Conversion(rate.base, rate.quote, rate.rate, inverse, rate.on, rate.source)
            found = (conversion, rate.rate, inverse)
        self._found[key] = found
        return found


# --- the statement ------------------------------------------------------------------------------
def statement(data: StatementInput) -> Statement:
    """The licensor's statement for `data`: cumulative to the period's end, with the period's change."""
    with without_cycle_collection(), localcontext() as context:
        context.prec = PRECISION
        return _Computation(data).run()


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector: a statement's rows and lines are hundreds of thousands of objects
    holding no cycles, which it would scan again and again as they accumulate (at the benchmark's
    size, a third of the time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class _Computation:
    def __init__(self, data: StatementInput) -> None:
        self.data = data
        self.terms = data.terms
        self.currency = data.currency
        self.unit = unit(data.currency)
        self.rounding = _DECIMAL_ROUNDING[data.terms.rounding]
        self.rates = _Rates(data.rates, data.currency)

    # Converting one amount: rounded once, to the deal currency's minor unit.
    def _convert(
        self, amount: Decimal, currency: str, on: date, row: tuple[str, int]
    ) -> tuple[Decimal, Conversion | None]:
        if currency == self.currency:
            return amount, None
        found = self.rates.find(currency, on)
        if found is None:
            raise MissingRateError(currency, self.currency, on, row)
        conversion, factor, divide = found
        value = amount / factor if divide else amount * factor
        return value.quantize(self.unit, rounding=self.rounding), conversion

    def run(self) -> Statement:
        data = self.data
        weeks, sums = self._weeks()
        usage = self._usage()
        receipts = tuple(
            ReceiptLine(
                row,
                row.on >= data.period_start,
                *self._converted(row.amount, row.currency, row.on, ("receipts", i)),
            )
            for i, row in enumerate(data.receipts)
            if row.on <= data.period_end
        )
        expenses = tuple(
            ExpenseLine(
                row,
                row.on >= data.period_start,
                *self._converted(row.amount, row.currency, row.on, ("expenses", i)),
            )
            for i, row in enumerate(data.expenses)
            if row.on <= data.period_end
        )
        lines, totals = _Waterfall(self, weeks, sums, usage, receipts, expenses).lines_and_totals()
        return Statement(
            currency=data.currency,
            rounding=data.terms.rounding,
            period_start=data.period_start,
            period_end=data.period_end,
            weeks=weeks,
            usage=usage,
            receipts=receipts,
            expenses=expenses,
            lines=lines,
            totals=totals,
        )

    def _converted(
        self, amount: Decimal, currency: str, on: date, row: tuple[str, int]
    ) -> tuple[Conversion | None, Decimal]:
        value, conversion = self._convert(amount, currency, on, row)
        return conversion, value

    # Step 1: a booking's playing week, its screens summed. This loop runs once per booking-week
    # (520,000 times in the benchmark), hence the local names, the cached lookups and the sums
    # kept on the way rather than computed again from the lines.
    def _weeks(self) -> tuple[tuple[WeekLine, ...], _WeekSums]:
        data = self.data
        end, start = data.period_end, data.period_start
        # one row per booking-week is the rule, several screens the exception: a list only for those
        grouped: dict[tuple[str, int], BoxOffice | list[BoxOffice]] = {}
        for row in data.box_office:
            if row.week_start <= end:
                key = (row.booking, row.playing_week)
                earlier = grouped.setdefault(key, row)
                if earlier is not row:
                    if isinstance(earlier, list):
                        earlier.append(row)
                    else:
                        grouped[key] = [earlier, row]
        # per booking: the booking, its currency's unit, its house nut (None without the over-nut term)
        over_nut_terms = self.terms.theatrical is not None and bool(
            self.terms.theatrical.over_nut_percent_by_week
        )
        bookings = {
            b.ref: (b, unit(b.currency), b.house_nut_per_week if over_nut_terms else None)
            for b in data.bookings
        }
        scale = _SlidingScales.of(self.terms)
        rounding, deal_unit, deal_currency = self.rounding, self.unit, self.currency
        find_rate = self.rates.find
        conversions: dict[tuple[str, date], tuple[Conversion, Decimal, bool] | None] = {}
        make_line = tuple.__new__
        # shared, so that the lines hold fewer objects for the cycle collector to pass over later
        one_screen: dict[str, tuple[str]] = {}
        sums = _WeekSums()
        sum_taxes = sum_levies = sum_rental = sum_exhibitor = rental_before = ZERO
        admissions_total = 0
        lines = []
        suffixes = [f":w{week}" for week in range(max((key[1] for key in grouped), default=0) + 1)]
        for (booking_ref, playing_week), members in grouped.items():
            booking, currency_unit, nut = bookings[booking_ref]
            currency = booking.currency
            if type(members) is BoxOffice:
                first = members
                gross, taxes, levies, admissions = first.gross, first.taxes, first.levies, first.admissions
                screens: tuple[str, ...] = one_screen.get(first.screen) or one_screen.setdefault(
                    first.screen, (first.screen,)
                )
                sources: tuple[str, ...] = (first.ref,)
            else:
                assert isinstance(members, list)  # noqa: S101 — for the type checker
                first = members[0]
                gross, taxes, levies, admissions = first.gross, first.taxes, first.levies, first.admissions
                for other in members[1:]:
                    gross += other.gross
                    taxes += other.taxes
                    levies += other.levies
                    admissions += other.admissions
                screens = tuple([r.screen for r in members])
                sources = tuple([r.ref for r in members])
            net = gross - taxes - levies
            terms: tuple[str, ...]
            if scale is None:
                basis, percent, rental, terms = "none", ZERO, ZERO, ()
            else:
                week = scale.weeks[playing_week - 1] if playing_week <= scale.last else scale.weeks[-1]
                percent, fraction, over_percent, over_fraction, terms, terms_with_nut = week
                rental = net * fraction
                basis = "percent"
                if nut is not None:
                    terms = terms_with_nut
                    if net > nut and (over := (net - nut) * over_fraction) > rental:
                        rental, basis, percent = over, "over_nut", over_percent
                rental = rental.quantize(currency_unit, rounding)
            exhibitor = net - rental
            week_start = first.week_start
            if currency == deal_currency:
                conversion = None
                deal_taxes, deal_levies, deal_rental, deal_exhibitor = taxes, levies, rental, exhibitor
            else:
                rate_key = (currency, week_start)
                found = conversions.get(rate_key)
                if found is None:
                    found = conversions[rate_key] = find_rate(currency, week_start + WEEK_LAST_DAY)
                    if found is None:
                        index = data.box_office.index(first)
                        raise MissingRateError(
                            currency, deal_currency, week_start + WEEK_LAST_DAY, ("box_office", index)
                        )
                conversion, factor, divide = found
                if divide:
                    deal_taxes = (taxes / factor).quantize(deal_unit, rounding)
                    deal_levies = (levies / factor).quantize(deal_unit, rounding)
                    deal_rental = (rental / factor).quantize(deal_unit, rounding)
                    deal_exhibitor = (exhibitor / factor).quantize(deal_unit, rounding)
                else:
                    deal_taxes = (taxes * factor).quantize(deal_unit, rounding)
                    deal_levies = (levies * factor).quantize(deal_unit, rounding)
                    deal_rental = (rental * factor).quantize(deal_unit, rounding)
                    deal_exhibitor = (exhibitor * factor).quantize(deal_unit, rounding)
            in_period = week_start >= start
            sum_taxes += deal_taxes
            sum_levies += deal_levies
            sum_rental += deal_rental
            sum_exhibitor += deal_exhibitor
            admissions_total += admissions
            if not in_period:
                rental_before += deal_rental
            lines.append(
                make_line(
                    WeekLine,
                    (
                        booking_ref + suffixes[playing_week],
                        booking_ref,
                        booking.territory,
                        week_start,
                        playing_week,
                        screens,
                        admissions,
                        currency,
                        gross,
                        taxes,
                        levies,
                        net,
                        nut,
                        basis,
                        percent,
                        rental,
                        exhibitor,
                        in_period,
                        conversion,
                        deal_taxes,
                        deal_levies,
                        deal_rental,
                        deal_exhibitor,
                        sources,
                        terms,
                    ),
                )
            )
        lines.sort(key=_WEEK_ORDER)
        sums.taxes, sums.levies, sums.rental, sums.exhibitor_share = (
            sum_taxes,
            sum_levies,
            sum_rental,
            sum_exhibitor,
        )
        sums.admissions, sums.rental_before_period = admissions_total, rental_before
        return tuple(lines), sums

    # Step 3 for platforms: each month's revenue converted, then the licensor's share of it.
    def _usage(self) -> tuple[UsageLine, ...]:
        data = self.data
        share = self.terms.revenue_share_percent
        fraction = share / HUNDRED if share is not None else ZERO
        terms = ("on_demand.revenue_share_percent",) if share is not None else ()
        lines = []
        for index, row in enumerate(data.usage):
            if row.month > data.period_end:
                continue
            revenue, conversion = self._convert(
                row.revenue, row.currency, month_end(row.month), ("usage", index)
            )
            licensor_share = (revenue * fraction).quantize(self.unit, rounding=self.rounding)
            lines.append(
                UsageLine(row, row.month >= data.period_start, conversion, revenue, licensor_share, terms)
            )
        return tuple(lines)


class _SlidingScales:
    """Each playing week's percent and fraction of NBO, over-nut percent and fraction, and the term
    paths of its film rental without and with a house nut; the last entry serves every later week."""

    def __init__(self, percents: Sequence[Decimal], over_nut: Sequence[Decimal]) -> None:
        length = max(len(percents), len(over_nut))
        self.weeks: list[tuple[Decimal, Decimal, Decimal, Decimal, tuple[str, ...], tuple[str, ...]]] = []
        for week in range(length):
            at = min(week, len(percents) - 1)
            plain: tuple[str, ...] = (f"theatrical.percent_by_week[{at}]",)
            with_nut: tuple[str, ...]
            if over_nut:
                over_at = min(week, len(over_nut) - 1)
                over_percent = over_nut[over_at]
                with_nut = (*plain, f"theatrical.over_nut_percent_by_week[{over_at}]")
            else:
                over_percent, with_nut = ZERO, plain
            self.weeks.append(
                (percents[at], percents[at] / HUNDRED, over_percent, over_percent / HUNDRED, plain, with_nut)
            )
        self.last = length

    @classmethod
    def of(cls, terms: Terms) -> _SlidingScales | None:
        theatrical = terms.theatrical
        if theatrical is None:
            return None
        return cls(theatrical.percent_by_week, theatrical.over_nut_percent_by_week)


@dataclass(slots=True)
class _WeekSums:
    """The weeks' figures in the deal's currency, summed while the weeks are computed."""

    taxes: Decimal = ZERO
    levies: Decimal = ZERO
    rental: Decimal = ZERO
    exhibitor_share: Decimal = ZERO
    admissions: int = 0
    rental_before_period: Decimal = ZERO


# By week start; weeks starting on the same day keep the order of their first box-office row in the
# input (a stable sort on a date costs a third of one on a (date, ref, week) tuple).
_WEEK_ORDER = itemgetter(3)


def month_end(month: date) -> date:
    """The last day of `month`'s month: the day a month's platform revenue is converted on."""
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)


# --- steps 3 to 8 -------------------------------------------------------------------------------
class _Cut(NamedTuple):
    """The waterfall at one cut-off day."""

    receipts: dict[str, Decimal]
    fees: dict[str, Decimal]
    gross_receipts: Decimal
    fee_total: Decimal
    expenses_incurred: Decimal
    expenses_recouped: Decimal
    remaining: Decimal
    mg_recouped: Decimal
    overage: Decimal
    entitlement: Decimal


class _Waterfall:
    def __init__(
        self,
        computation: _Computation,
        weeks: tuple[WeekLine, ...],
        sums: _WeekSums,
        usage: tuple[UsageLine, ...],
        receipts: tuple[ReceiptLine, ...],
        expenses: tuple[ExpenseLine, ...],
    ) -> None:
        self.c = computation
        self.sums = sums
        self.terms = computation.terms
        self.weeks, self.usage, self.receipts, self.expenses = weeks, usage, receipts, expenses

    def _receipts(self, *, before_period: bool) -> dict[str, Decimal]:
        """Receipts per medium, up to the period's end, or up to the day before it began."""
        totals: dict[str, Decimal] = {}
        # the theatrical line shows whenever something could feed it, even at zero
        if (
            self.terms.theatrical is not None
            or self.weeks
            or any(r.row.media == THEATRICAL for r in self.receipts)
        ):
            totals[THEATRICAL] = self.sums.rental_before_period if before_period else self.sums.rental
        for line in self.usage:
            if not (before_period and line.in_period):
                totals[line.row.media] = totals.get(line.row.media, ZERO) + line.share
        for receipt in self.receipts:
            if not (before_period and receipt.in_period):
                totals[receipt.row.media] = totals.get(receipt.row.media, ZERO) + receipt.amount
        return totals

    def _cut(self, *, before_period: bool) -> _Cut:
        terms, rounding, deal_unit = self.terms, self.c.rounding, self.c.unit
        receipts = self._receipts(before_period=before_period)
        fees = {
            media: (amount * terms.fee_percent(media) / HUNDRED).quantize(deal_unit, rounding=rounding)
            for media, amount in receipts.items()
        }
        gross_receipts = sum(receipts.values(), ZERO)
        fee_total = sum(fees.values(), ZERO)
        incurred = sum((e.amount for e in self.expenses if not (before_period and e.in_period)), ZERO)
        recoupable = incurred if terms.expenses_cap is None else min(incurred, terms.expenses_cap)
        recouped = min(recoupable, gross_receipts - fee_total)
        remaining = gross_receipts - fee_total - recouped
        guarantee = terms.minimum_guarantee or ZERO
        mg_recouped = min(remaining, guarantee)
        overage = remaining - mg_recouped
        entitlement = (terms.flat_fee or ZERO) + guarantee + overage  # = flat fee + max(MG, remaining)
        return _Cut(
            receipts,
            fees,
            gross_receipts,
            fee_total,
            incurred,
            recouped,
            remaining,
            mg_recouped,
            overage,
            entitlement,
        )

    def lines_and_totals(self) -> tuple[tuple[Line, ...], Totals]:
        now, before = self._cut(before_period=False), self._cut(before_period=True)
        terms = self.terms
        lines: list[Line] = []

        def line(
            key: str,
            to_date: Decimal,
            earlier: Decimal | None,
            sources: Iterable[str] = (),
            term_paths: Iterable[str] = (),
            from_lines: Iterable[str] = (),
        ) -> None:
            period = None if earlier is None else to_date - earlier
            lines.append(Line(key, period, to_date, tuple(sources), tuple(term_paths), tuple(from_lines)))

        media = sorted(now.receipts)
        for medium in media:
            line(
                f"receipts:{medium}",
                now.receipts[medium],
                before.receipts.get(medium, ZERO),
                self._sources_of(medium),
                self._terms_of(medium),
            )
        line(
            "gross_receipts",
            now.gross_receipts,
            before.gross_receipts,
            from_lines=[f"receipts:{m}" for m in media],
        )
        for medium in media:
            line(
                f"distribution_fee:{medium}",
                now.fees[medium],
                before.fees.get(medium, ZERO),
                term_paths=[f"distribution_fee_percent.{medium}"] if terms.fee_percent(medium) else [],
                from_lines=[f"receipts:{medium}"],
            )
        line(
            "distribution_fee",
            now.fee_total,
            before.fee_total,
            from_lines=[f"distribution_fee:{m}" for m in media],
        )
        line(
            "expenses_incurred",
            now.expenses_incurred,
            before.expenses_incurred,
            [e.row.ref for e in self.expenses],
        )
        cap = ["expenses_cap"] if terms.expenses_cap is not None else []
        line(
            "expenses_recouped",
            now.expenses_recouped,
            before.expenses_recouped,
            term_paths=cap,
            from_lines=["expenses_incurred", "gross_receipts", "distribution_fee"],
        )
        line(
            "remaining",
            now.remaining,
            before.remaining,
            from_lines=["gross_receipts", "distribution_fee", "expenses_recouped"],
        )
        guarantee = terms.minimum_guarantee or ZERO
        mg_terms = ["minimum_guarantee"] if terms.minimum_guarantee is not None else []
        line("minimum_guarantee", guarantee, guarantee, term_paths=mg_terms)
        line(
            "mg_recouped", now.mg_recouped, before.mg_recouped, term_paths=mg_terms, from_lines=["remaining"]
        )
        line(
            "overage",
            now.overage,
            before.overage,
            term_paths=mg_terms,
            from_lines=["remaining", "mg_recouped"],
        )
        flat_fee = terms.flat_fee or ZERO
        line("flat_fee", flat_fee, flat_fee, term_paths=["flat_fee"] if terms.flat_fee is not None else [])
        line(
            "entitlement",
            now.entitlement,
            before.entitlement,
            from_lines=["flat_fee", "minimum_guarantee", "overage"],
        )
        previously = self.c.data.previously_reported
        payable = max(ZERO, now.entitlement - previously)
        carried_forward = max(ZERO, previously - now.entitlement)
        line("previously_reported", previously, None)
        line("payable", payable, None, from_lines=["entitlement", "previously_reported"])
        line("carried_forward", carried_forward, None, from_lines=["entitlement", "previously_reported"])

        sums = self.sums
        deal_taxes, deal_levies, deal_rental, deal_exhibitor = (
            sums.taxes,
            sums.levies,
            sums.rental,
            sums.exhibitor_share,
        )
        totals = Totals(
            box_office_gross=deal_taxes + deal_levies + deal_rental + deal_exhibitor,
            taxes=deal_taxes,
            levies=deal_levies,
            net_box_office=deal_rental + deal_exhibitor,
            film_rental=deal_rental,
            exhibitor_share=deal_exhibitor,
            admissions=sums.admissions,
            gross_receipts=now.gross_receipts,
            distribution_fee=now.fee_total,
            expenses_incurred=now.expenses_incurred,
            expenses_recouped=now.expenses_recouped,
            expenses_unrecouped=now.expenses_incurred - now.expenses_recouped,
            minimum_guarantee=guarantee,
            mg_recouped=now.mg_recouped,
            mg_unrecouped=guarantee - now.mg_recouped,
            overage=now.overage,
            flat_fee=flat_fee,
            entitlement=now.entitlement,
            previously_reported=previously,
            payable=payable,
            carried_forward=carried_forward,
        )
        return tuple(lines), totals

    def _sources_of(self, medium: str) -> list[str]:
        sources = [w.id for w in self.weeks] if medium == THEATRICAL else []
        sources += [u.row.ref for u in self.usage if u.row.media == medium]
        sources += [r.row.ref for r in self.receipts if r.row.media == medium]
        return sources

    def _terms_of(self, medium: str) -> list[str]:
        if medium == THEATRICAL:
            return ["theatrical"] if self.terms.theatrical is not None else []
        if any(u.row.media == medium for u in self.usage) and self.terms.revenue_share_percent is not None:
            return ["on_demand.revenue_share_percent"]
        return []


# The JSON interface (jsonio.py), reachable from here too: jsonio imports this module, so these
# import it when called.
def input_from_json(data: Mapping[str, Any]) -> StatementInput:
    """The statement input from its JSON, checked (RoyaltyInputError names the first bad path)."""
    from .jsonio import input_from_json as read

    return read(data)


def input_to_json(data: StatementInput) -> dict[str, Any]:
    """The canonical JSON of a statement input."""
    from .jsonio import input_to_json as write

    return write(data)


def statement_to_json(result: Statement) -> dict[str, Any]:
    """The statement as JSON (docs/royalties.md)."""
    from .jsonio import statement_to_json as write

    return write(result)


def statement_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """Input JSON → statement JSON: validated, computed, written."""
    from .jsonio import statement_from_json as compute

    return compute(data)


__all__ += [
    "RoyaltyInputError",
    "input_from_json",
    "input_to_json",
    "statement_from_json",
    "statement_to_json",
]
