"""Reads behind royalty statements: the engine input built from a deal's records, drafts, issued
statements, a rights holder's statements for a period, the sources behind each line, chart data.

The engine (`exhibition.engine.jsonio.statement_from_json`) computes; this module only gathers what
it needs from the database, in the JSON shape of docs/royalties.md. Row references name the rows:
"B<pk>" a booking, "bo-<pk>" a box-office entry, "u-<pk>" a usage entry, "e-<pk>" an expense, so
that every statement line can be traced back to the reports it came from.

Statements are confidential: a deal's statements are seen by the members of its two parties and by
the film bodies overseeing either (`deals_visible`); anyone else gets a 404.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.engine.money import format_amount
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language
from cinebridge.core.models import ExchangeRate
from cinebridge.core.vocabularies import country_name
from cinebridge.deals.models import Deal, DealStatus

from .engine.jsonio import RoyaltyInputError, statement_from_json
from .engine.royalties import WEEK_LAST_DAY, month_end
from .models import Booking, BoxOfficeEntry, Expense, Payment, PaymentKind, Statement, UsageEntry

# Deals that were signed by both parties: the only ones with anything to state.
SIGNED_STATUSES = (DealStatus.ACTIVE, DealStatus.EXPIRED, DealStatus.TERMINATED)
# Payments made in advance of any statement; statement payments settle payables already counted.
ADVANCE_KINDS = (PaymentKind.MINIMUM_GUARANTEE, PaymentKind.FLAT_FEE)
FILM_WEEK_DAYS = 7


# --- visibility ----------------------------------------------------------------------------------


def deals_with_statements_visible(viewer: policy.Viewer) -> QuerySet[Deal]:
    """Signed deals whose licensor or licensee the viewer belongs to or oversees."""
    organisations = policy.organisations_where(viewer, policy.DEALS_VIEW)
    return Deal.objects.filter(
        Q(licensor__in=organisations) | Q(licensee__in=organisations), status__in=SIGNED_STATUSES
    )


def statement_deal_get(*, viewer: policy.Viewer, reference: str) -> Deal:
    """A signed deal the viewer may see, by reference; 404 otherwise (we never confirm it exists)."""
    try:
        return (
            deals_with_statements_visible(viewer)
            .select_related("film", "licensor", "licensee", "current_offer")
            .get(reference=reference)
        )
    except Deal.DoesNotExist:
        raise Http404 from None


def deal_is_visible(*, viewer: policy.Viewer, deal: Deal) -> bool:
    return policy.can(viewer, policy.DEALS_VIEW, deal.licensor) or policy.can(
        viewer, policy.DEALS_VIEW, deal.licensee
    )


def statement_may_issue(*, viewer: policy.Viewer, deal: Deal) -> bool:
    """Whether the viewer may issue statements of this deal (an editor of either party)."""
    return policy.can(viewer, policy.STATEMENTS_ISSUE, deal.licensor) or policy.can(
        viewer, policy.STATEMENTS_ISSUE, deal.licensee
    )


def statement_list(*, viewer: policy.Viewer, deal: Deal | None = None) -> QuerySet[Statement]:
    """The issued statements the viewer may see, of one deal or of all, newest deal and number last."""
    qs = Statement.objects.filter(deal__in=deals_with_statements_visible(viewer))
    if deal is not None:
        qs = qs.filter(deal=deal)
    return qs.select_related("deal__film", "deal__licensor", "deal__licensee").order_by("deal_id", "number")


def statement_get(*, viewer: policy.Viewer, pk: int) -> Statement:
    """One issued statement; 404 when it does not exist or the viewer may not see its deal."""
    try:
        return statement_list(viewer=viewer).get(pk=pk)
    except Statement.DoesNotExist:
        raise Http404 from None


def last_statement(deal: Deal) -> Statement | None:
    return Statement.objects.filter(deal=deal).order_by("-number").first()


# --- the engine input ------------------------------------------------------------------------------


def _amount(value: Decimal, currency: str) -> str:
    """A stored amount as the engine reads it: the currency's minor units ("4500.00").

    Amounts are stored with four decimals and the services let in no more than the currency allows,
    so only zeros are dropped; anything else is passed on as it is, for the engine to name the row.
    """
    try:
        return format_amount(value, currency)
    except ValueError:
        return f"{value.normalize():f}"


def _rate(value: Decimal) -> str:
    return f"{value.normalize():f}"  # stored with twelve decimals: "0.28", not "0.280000000000"


def _deal_terms(deal: Deal) -> tuple[str, dict[str, Any]]:
    offer = deal.current_offer
    if deal.status not in SIGNED_STATUSES or offer is None:
        raise ApplicationError(
            _("Deal %(reference)s has not been signed by both parties: there is nothing to state yet.")
            % {"reference": deal.reference},
            extra={"field": "deal"},
        )
    return offer.currency, dict(offer.terms)


def _check_period(period_start: date, period_end: date) -> None:
    if period_end < period_start:
        raise ApplicationError(_("The period ends before it starts."), extra={"field": "end"})


def statement_input(*, deal: Deal, period_start: date, period_end: date) -> dict[str, Any]:
    """The royalty engine's input for `deal`, cumulative up to `period_end` (docs/royalties.md).

    Rows dated after the period's end are left out: they belong to later statements.
    """
    _check_period(period_start, period_end)
    currency, terms = _deal_terms(deal)
    box_office = list(
        BoxOfficeEntry.objects.filter(booking__deal=deal, week_start__lte=period_end)
        .select_related("screen")
        .order_by("week_start", "booking_id", "screen__name", "pk")
    )
    booking_ids = sorted({entry.booking_id for entry in box_office})
    bookings = Booking.objects.filter(pk__in=booking_ids).select_related("cinema").order_by("pk")
    usage = list(
        UsageEntry.objects.filter(deal=deal, month__lte=period_end).order_by(
            "month", "territory", "media", "pk"
        )
    )
    expenses = list(
        Expense.objects.filter(deal=deal, incurred_on__lte=period_end).order_by("incurred_on", "pk")
    )

    # The days each foreign currency needs a rate for: a film week converts at the latest rate on or
    # before its last day, a month at its last day, which may fall after the period's end.
    first_needed: dict[str, date] = {}
    last_needed: dict[str, date] = {}

    def need(row_currency: str, on: date, until: date) -> None:
        if row_currency != currency:
            first_needed[row_currency] = min(on, first_needed.get(row_currency, on))
            last_needed[row_currency] = max(until, last_needed.get(row_currency, until))

    booking_rows = []
    for booking in bookings:
        row: dict[str, Any] = {
            "ref": f"B{booking.pk}",
            "territory": booking.cinema.country,
            "currency": booking.currency,
            "label": f"{booking.cinema.city}, {booking.cinema.name}",
        }
        if booking.house_nut_per_week is not None:
            row["house_nut_per_week"] = _amount(booking.house_nut_per_week, booking.currency)
        booking_rows.append(row)
    booking_currency = {booking.pk: booking.currency for booking in bookings}

    box_office_rows = []
    for entry in box_office:
        entry_currency = booking_currency[entry.booking_id]
        need(entry_currency, entry.week_start, entry.week_start + WEEK_LAST_DAY)
        box_office_rows.append(
            {
                "ref": f"bo-{entry.pk}",
                "booking": f"B{entry.booking_id}",
                "screen": entry.screen.name,
                "week_start": entry.week_start.isoformat(),
                "playing_week": entry.playing_week,
                "admissions": entry.admissions,
                "gross": _amount(entry.gross, entry_currency),
                "taxes": _amount(entry.taxes, entry_currency),
                "levies": _amount(entry.levies, entry_currency),
            }
        )
    usage_rows = []
    for usage_entry in usage:
        need(usage_entry.currency, usage_entry.month, month_end(usage_entry.month))
        usage_rows.append(
            {
                "ref": f"u-{usage_entry.pk}",
                "month": usage_entry.month.isoformat(),
                "territory": usage_entry.territory,
                "media": usage_entry.media,
                "views": usage_entry.views,
                "minutes": usage_entry.minutes,
                "revenue": _amount(usage_entry.revenue, usage_entry.currency),
                "currency": usage_entry.currency,
            }
        )
    expense_rows = []
    for expense in expenses:
        need(expense.currency, expense.incurred_on, expense.incurred_on)
        expense_rows.append(
            {
                "ref": f"e-{expense.pk}",
                "date": expense.incurred_on.isoformat(),
                "amount": _amount(expense.amount, expense.currency),
                "currency": expense.currency,
                "description": expense.description,
            }
        )
    return {
        "currency": currency,
        "terms": terms,
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "bookings": booking_rows,
        "box_office": box_office_rows,
        "usage": usage_rows,
        "receipts": [],
        "expenses": expense_rows,
        "rates": _rates_needed(currency, first_needed, last_needed),
        "previously_reported": _amount(previously_reported(deal=deal, period_end=period_end), currency),
    }


def _rates_needed(
    currency: str, first_needed: Mapping[str, date], last_needed: Mapping[str, date]
) -> list[dict[str, str]]:
    """Every rate between the deal's currency and each foreign one (either direction) that the
    engine may pick: from the latest on/before the first day needed up to the last day needed."""
    rows: list[dict[str, str]] = []
    for foreign in sorted(first_needed):
        for base, quote in ((foreign, currency), (currency, foreign)):
            pair = ExchangeRate.objects.filter(base=base, quote=quote, on__lte=last_needed[foreign])
            floor = (
                pair.filter(on__lte=first_needed[foreign])
                .order_by("-on")
                .values_list("on", flat=True)
                .first()
            )
            if floor is not None:
                pair = pair.filter(on__gte=floor)
            rows.extend(
                {
                    "from": rate.base,
                    "to": rate.quote,
                    "date": rate.on.isoformat(),
                    "rate": _rate(rate.rate),
                    "source": rate.source,
                }
                for rate in pair.order_by("on")
            )
    return rows


def previously_reported(*, deal: Deal, period_end: date) -> Decimal:
    """Advances paid (MG, flat fee) by `period_end` and confirmed by the licensor, plus the payables of
    statements issued before it."""
    advances = Payment.objects.filter(
        deal=deal, kind__in=ADVANCE_KINDS, paid_on__lte=period_end, awaiting_confirmation=False
    ).aggregate(total=Sum("amount"))["total"]
    payables = Statement.objects.filter(deal=deal, period_end__lt=period_end).aggregate(total=Sum("payable"))[
        "total"
    ]
    return (advances or Decimal(0)) + (payables or Decimal(0))


def canonical_json(data: Any) -> bytes:
    """The one byte form of a JSON document: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def input_digest(data: Mapping[str, Any]) -> str:
    """sha256 of the canonical engine input: anyone holding the input can check and recompute."""
    return hashlib.sha256(canonical_json(data)).hexdigest()


# --- computing ---------------------------------------------------------------------------------------


def statement_compute(data: Mapping[str, Any]) -> dict[str, Any]:
    """The engine's statement for an input; a refusal of the input becomes a message people can act on."""
    try:
        return statement_from_json(data)
    except RoyaltyInputError as error:
        raise ApplicationError(
            royalty_input_message(error, data),
            extra={"field": "period", "path": error.path, "code": error.code},
        ) from error


def _row_named(data: Mapping[str, Any], path: str) -> str:
    """The input row at `path` ("box_office[3].gross") as people know it: its reference and what it is."""
    collection, _sep, rest = path.partition("[")
    index_text = rest.partition("]")[0]
    rows = data.get(collection)
    if not index_text.isdigit() or not isinstance(rows, list) or int(index_text) >= len(rows):
        return path
    row = rows[int(index_text)]
    if collection == "box_office":
        return _("box office %(ref)s (screen %(screen)s, week from %(week)s)") % {
            "ref": row.get("ref"),
            "screen": row.get("screen"),
            "week": row.get("week_start"),
        }
    if collection == "usage":
        return _("platform usage %(ref)s (%(month)s, %(territory)s, %(media)s)") % {
            "ref": row.get("ref"),
            "month": str(row.get("month", ""))[:7],
            "territory": row.get("territory"),
            "media": row.get("media"),
        }
    if collection == "expenses":
        return _("expense %(ref)s (%(description)s)") % {
            "ref": row.get("ref"),
            "description": row.get("description"),
        }
    return str(row.get("ref") or path)


def royalty_input_message(error: RoyaltyInputError, data: Mapping[str, Any]) -> str:
    """The engine's refusal in the user's language (the engine speaks English and gives a code)."""
    params = error.params
    if error.code == "rate_missing":
        return _(
            "There is no exchange rate from %(from)s to %(to)s on or before %(date)s, which %(row)s needs. "
            "Record the rate, then compute the statement again."
        ) % {
            "from": params.get("from"),
            "to": params.get("to"),
            "date": params.get("date"),
            "row": _row_named(data, error.path),
        }
    if error.code == "amount":
        return _("%(row)s has an amount with more decimals than %(currency)s allows: %(value)s.") % {
            "row": _row_named(data, error.path),
            "currency": params.get("currency"),
            "value": params.get("value"),
        }
    if error.path.startswith("terms"):
        return _("The deal's financial terms cannot be used for a statement (%(path)s: %(problem)s).") % {
            "path": error.path,
            "problem": error.message,
        }
    return _("The statement cannot be computed: %(row)s — %(problem)s.") % {
        "row": _row_named(data, error.path),
        "problem": error.message,
    }


def statement_reproduces(statement: Statement) -> bool:
    """Whether the statement's stored input still has its digest and gives exactly its document."""
    if input_digest(statement.inputs) != statement.inputs_digest:
        return False
    try:
        recomputed = statement_compute(statement.inputs)
    except ApplicationError:
        return False
    return bool(recomputed == statement.document)


def statement_preview(
    *, viewer: policy.Viewer, deal: Deal, period_start: date, period_end: date
) -> dict[str, Any]:
    """A draft statement computed now from the deal's records (404 when the viewer may not see the deal)."""
    if not deal_is_visible(viewer=viewer, deal=deal):
        raise Http404
    return statement_compute(statement_input(deal=deal, period_start=period_start, period_end=period_end))


# --- a rights holder's statements ----------------------------------------------------------------------


@dataclass(frozen=True)
class HolderStatement:
    """One deal of a rights holder for a period: its issued statement, else a draft computed now."""

    deal: Deal
    statement: Statement | None  # issued for exactly this period's end
    document: Mapping[str, Any] | None  # None when it could not be computed
    problem: str = ""  # why not, in words

    @property
    def is_draft(self) -> bool:
        return self.statement is None


@dataclass
class CurrencyTotals:
    """What a rights holder's deals in one currency add up to for a period."""

    currency: str
    deals: int = 0
    gross_receipts: Decimal = Decimal(0)
    entitlement: Decimal = Decimal(0)
    payable: Decimal = Decimal(0)
    carried_forward: Decimal = Decimal(0)


def holder_statements(
    *, viewer: policy.Viewer, holder: Organisation, period_start: date, period_end: date
) -> list[HolderStatement]:
    """Every signed deal the viewer may see in which `holder` is the licensor and whose term began by
    the period's end, each with its statement for the period."""
    _check_period(period_start, period_end)
    deals = (
        deals_with_statements_visible(viewer)
        .filter(licensor=holder, current_offer__start__lte=period_end)
        .select_related("film", "licensor", "licensee", "current_offer")
        .order_by("reference")
    )
    issued = {
        statement.deal_id: statement
        for statement in Statement.objects.filter(deal__in=deals, period_end=period_end)
    }
    rows = []
    for deal in deals:
        statement = issued.get(deal.pk)
        if statement is not None:
            rows.append(HolderStatement(deal=deal, statement=statement, document=statement.document))
            continue
        try:
            document = statement_compute(
                statement_input(deal=deal, period_start=period_start, period_end=period_end)
            )
        except ApplicationError as error:
            rows.append(HolderStatement(deal=deal, statement=None, document=None, problem=error.message))
        else:
            rows.append(HolderStatement(deal=deal, statement=None, document=document))
    return rows


def holder_statement_totals(rows: Iterable[HolderStatement]) -> list[CurrencyTotals]:
    """The rows' totals per currency (amounts of different currencies are never added)."""
    by_currency: dict[str, CurrencyTotals] = {}
    for row in rows:
        if row.document is None:
            continue
        currency = str(row.document["currency"])
        totals = row.document["totals"]
        sums = by_currency.setdefault(currency, CurrencyTotals(currency=currency))
        sums.deals += 1
        sums.gross_receipts += Decimal(totals["gross_receipts"])
        sums.entitlement += Decimal(totals["entitlement"])
        sums.payable += Decimal(totals["payable"])
        sums.carried_forward += Decimal(totals["carried_forward"])
    return [by_currency[currency] for currency in sorted(by_currency)]


def holders_visible(viewer: policy.Viewer) -> QuerySet[Organisation]:
    """Rights holders that licensed something in a signed deal the viewer may see."""
    licensors = deals_with_statements_visible(viewer).values("licensor")
    return Organisation.objects.filter(pk__in=licensors).order_by("name")


# --- where each line came from -------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """A report row, expense or booking behind a statement line, as people recognise it."""

    ref: str
    kind: str  # "box_office" | "usage" | "expense" | "booking"
    date: date | None
    description: str  # cinema and screen, country and medium, or what was spent
    upload_id: int | None = None
    filename: str = ""
    row_number: int | None = None
    booking_id: int | None = None
    playing_week: int | None = None
    amount: Decimal | None = None
    currency: str = ""
    admissions: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def _pks(refs: Iterable[str], prefix: str) -> list[int]:
    return [
        int(ref[len(prefix) :]) for ref in refs if ref.startswith(prefix) and ref[len(prefix) :].isdigit()
    ]


def statement_sources(*, deal: Deal, refs: Iterable[str]) -> dict[str, SourceRow]:
    """The deal's rows behind these references ("bo-17", "u-3", "e-1", "B12"); others are left out."""
    wanted = set(refs)
    sources: dict[str, SourceRow] = {}
    box_office = BoxOfficeEntry.objects.filter(booking__deal=deal, pk__in=_pks(wanted, "bo-")).select_related(
        "booking__cinema", "screen", "upload"
    )
    for entry in box_office:
        cinema = entry.booking.cinema
        sources[f"bo-{entry.pk}"] = SourceRow(
            ref=f"bo-{entry.pk}",
            kind="box_office",
            date=entry.week_start,
            description=f"{cinema.name} ({cinema.city}) — {entry.screen.name}",
            upload_id=entry.upload_id,
            filename=entry.upload.filename,
            row_number=entry.row_number,
            booking_id=entry.booking_id,
            playing_week=entry.playing_week,
            amount=entry.gross,
            currency=entry.currency,
            admissions=entry.admissions,
            extra={"taxes": entry.taxes, "levies": entry.levies},
        )
    for usage in UsageEntry.objects.filter(deal=deal, pk__in=_pks(wanted, "u-")).select_related("upload"):
        sources[f"u-{usage.pk}"] = SourceRow(
            ref=f"u-{usage.pk}",
            kind="usage",
            date=usage.month,
            description=f"{usage.territory} — {usage.media}",
            upload_id=usage.upload_id,
            filename=usage.upload.filename,
            row_number=usage.row_number,
            amount=usage.revenue,
            currency=usage.currency,
            extra={"views": usage.views, "minutes": usage.minutes},
        )
    for expense in Expense.objects.filter(deal=deal, pk__in=_pks(wanted, "e-")):
        sources[f"e-{expense.pk}"] = SourceRow(
            ref=f"e-{expense.pk}",
            kind="expense",
            date=expense.incurred_on,
            description=expense.description,
            amount=expense.amount,
            currency=expense.currency,
        )
    for booking in Booking.objects.filter(deal=deal, pk__in=_pks(wanted, "B")).select_related("cinema"):
        sources[f"B{booking.pk}"] = SourceRow(
            ref=f"B{booking.pk}",
            kind="booking",
            date=booking.first_day,
            description=f"{booking.cinema.name} ({booking.cinema.city})",
            booking_id=booking.pk,
            amount=booking.house_nut_per_week,
            currency=booking.currency,
        )
    return sources


def document_refs(document: Mapping[str, Any]) -> set[str]:
    """Every input reference a statement document cites, its bookings included."""
    refs: set[str] = set()
    for section in ("weeks", "usage", "expenses", "receipts", "lines"):
        for line in document.get(section, ()):
            refs.update(str(ref) for ref in line.get("sources", ()))
    refs.update(str(week["booking"]) for week in document.get("weeks", ()))
    return refs


def statement_line_sources(*, deal: Deal, document: Mapping[str, Any]) -> dict[str, SourceRow]:
    """The rows behind a document's references, and its week lines ("B12:w3") named as people say them."""
    sources = statement_sources(deal=deal, refs=document_refs(document))
    for week in document.get("weeks", ()):
        booking = sources.get(str(week["booking"]))
        place = booking.description if booking is not None else str(week["booking"])
        sources[str(week["id"])] = SourceRow(
            ref=str(week["id"]),
            kind="week",
            date=date.fromisoformat(week["week_start"]),
            description=_("%(place)s, playing week %(week)s")
            % {"place": place, "week": localize_digits(str(week["playing_week"]), active_language())},
            booking_id=booking.booking_id if booking is not None else None,
            playing_week=int(week["playing_week"]),
            admissions=int(week["admissions"]),
        )
    return sources


# --- chart ---------------------------------------------------------------------------------------------


def statement_chart_data(
    *, deal: Deal, period_end: date | None = None, document: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Admissions and revenue (in the deal's currency) by film week and by territory, for Chart.js.

    Drawn from a statement document (computed to `period_end` from the deal's start when none is
    given), so that the chart adds up to the statement: box office is its gross converted as the
    statement converted it, platform revenue its converted revenue.
    """
    if document is None:
        if period_end is None:
            raise ValueError("statement_chart_data needs a document or a period end")
        start = min(deal.current_offer.start, period_end) if deal.current_offer else period_end
        document = statement_compute(statement_input(deal=deal, period_start=start, period_end=period_end))
    currency = str(document["currency"])
    language = active_language()
    by_week: dict[str, list[Any]] = defaultdict(lambda: [0, Decimal(0)])
    by_territory: dict[str, list[Any]] = defaultdict(lambda: [0, Decimal(0)])
    for week in document.get("weeks", ()):
        gross = Decimal(week["in_deal_currency"]["gross"])
        for bucket in (by_week[week["week_start"]], by_territory[week["territory"] or "—"]):
            bucket[0] += int(week["admissions"])
            bucket[1] += gross
    for usage in document.get("usage", ()):
        by_territory[usage["territory"] or "—"][1] += Decimal(usage["revenue_in_deal_currency"])

    def series(buckets: Mapping[str, list[Any]], labels: list[str]) -> dict[str, Any]:
        keys = list(buckets)
        return {
            "keys": keys,
            "labels": labels,
            "admissions": [buckets[key][0] for key in keys],
            "revenue": [f"{buckets[key][1]:f}" for key in keys],
        }

    weeks = dict(sorted(by_week.items()))
    territories = dict(sorted(by_territory.items(), key=lambda item: (-item[1][1], item[0])))
    return {
        "currency": currency,
        "text": {
            "admissions": str(_("Admissions")),
            "revenue": str(_("Revenue (%(currency)s)") % {"currency": currency}),
        },
        "weeks": series(
            weeks,
            [
                localize_digits(formats.date_format(date.fromisoformat(key), "SHORT_DATE_FORMAT"), language)
                for key in weeks
            ],
        ),
        "territories": series(
            territories, [country_name(key) if len(key) == 2 else key for key in territories]
        ),
    }
