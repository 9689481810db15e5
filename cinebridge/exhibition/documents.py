"""Royalty statements as PDF, in the reader's language, from the royalty engine's output JSON: one
deal's statement, or a rights holder's statements for a period (an overview, then each in full).

Everything printed comes from the statement document (`exhibition.engine.jsonio.statement_to_json`,
docs/royalties.md): the summary, every line with the input rows (`sources`) and the terms (`terms`)
it came from, the film rental of every booking and playing week with its basis, and every currency
conversion with its rate, date and source. Nothing is recomputed here, so the PDF says what the
issued statement says. The same document and `generated_at` always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cinebridge.accounts.models import Organisation
from cinebridge.core.i18n import translated_text
from cinebridge.core.pdf import (
    Column,
    PdfDocument,
    bdi,
    date_text,
    ltr,
    money_text,
    number_text,
    percent_text,
    timestamp_text,
)
from cinebridge.deals.models import Deal
from cinebridge.exhibition.models import Booking
from cinebridge.exhibition.statement_selectors import CurrencyTotals, HolderStatement
from cinebridge.rights.engine.vocabulary import ExpressionError, load_vocabularies

# How many input references a line lists before summing up the rest ("and 40 more"): the weekly and
# usage tables list each row's own references in full.
MAX_SOURCES_SHOWN = 8
SMALL = 7.5


def statement_pdf(*, deal: Deal, document: Mapping[str, Any], language: str, generated_at: datetime) -> bytes:
    """A royalty statement of `deal` (the engine's output JSON `document`) as PDF bytes in `language`."""
    with translation.override(language):
        return _StatementPdf(
            deal=deal, document=document, language=language, generated_at=generated_at
        ).render()


def holder_statements_pdf(
    *,
    holder: Organisation,
    rows: Sequence[HolderStatement],
    totals: Sequence[CurrencyTotals],
    period: tuple[date, date],
    language: str,
    generated_at: datetime,
) -> bytes:
    """A rights holder's statements for a period in one PDF: the overview with its totals per currency,
    then each deal's statement in full."""
    with translation.override(language):
        name = translated_text(holder.translations.all(), "name", holder.name, language)
        start, end = (ltr(day.isoformat()) for day in period)
        pdf = PdfDocument(
            title=_("Royalty statements of %(holder)s") % {"holder": name},
            language=language,
            generated_at=generated_at,
            footer=_("Royalty statements of %(holder)s · %(start)s to %(end)s · generated %(moment)s")
            % {"holder": name, "start": start, "end": end, "moment": timestamp_text(generated_at, language)},
            page_label=_("Page %(page)s of %(pages)s"),
            orientation="landscape",
        )
        _HolderOverview(
            pdf, holder_name=name, rows=rows, totals=totals, period=period, language=language
        ).write()
        for row in rows:
            if row.document is not None:
                pdf.start_section(language=language)
                _StatementPdf(
                    deal=row.deal,
                    document=row.document,
                    language=language,
                    generated_at=generated_at,
                    pdf=pdf,
                ).write()
        return pdf.output()


class _HolderOverview:
    """The first page of a rights holder's statements: one line per deal, then the totals per currency."""

    def __init__(
        self,
        pdf: PdfDocument,
        *,
        holder_name: str,
        rows: Sequence[HolderStatement],
        totals: Sequence[CurrencyTotals],
        period: tuple[date, date],
        language: str,
    ) -> None:
        self.pdf, self.holder_name, self.rows, self.totals = pdf, holder_name, rows, totals
        self.period, self.language = period, language

    def write(self) -> None:
        pdf, language = self.pdf, self.language
        pdf.heading(_("Royalty statements of %(holder)s") % {"holder": self.holder_name})
        pdf.paragraph(
            _("%(start)s to %(end)s")
            % {"start": date_text(self.period[0], language), "end": date_text(self.period[1], language)}
        )
        pdf.table(
            columns=[
                Column(_("Deal"), 1.4),
                Column(_("Film"), 2.2),
                Column(_("Licensee"), 2.2),
                Column(_("Statement"), 1.4),
                Column(_("Gross receipts"), 1.6, numeric=True),
                Column(_("Entitlement to date"), 1.6, numeric=True),
                Column(_("Payable"), 1.6, numeric=True),
                Column(_("Carried forward"), 1.6, numeric=True),
            ],
            rows=[self._row(row) for row in self.rows],
        )
        if self.totals:
            pdf.heading(_("Totals per currency"), level=2)
            pdf.table(
                columns=[
                    Column(_("Currency"), 1),
                    Column(_("Deals"), 1, numeric=True),
                    Column(_("Gross receipts"), 2, numeric=True),
                    Column(_("Entitlement to date"), 2, numeric=True),
                    Column(_("Payable"), 2, numeric=True),
                    Column(_("Carried forward"), 2, numeric=True),
                ],
                rows=[
                    [
                        ltr(total.currency),
                        number_text(total.deals, language),
                        *(
                            money_text(str(amount), total.currency, language)
                            for amount in (
                                total.gross_receipts,
                                total.entitlement,
                                total.payable,
                                total.carried_forward,
                            )
                        ),
                    ]
                    for total in self.totals
                ],
            )

    def _row(self, row: HolderStatement) -> list[str]:
        deal, language = row.deal, self.language
        film = translated_text(deal.film.translations.all(), "title", deal.film.original_title, language)
        licensee = translated_text(deal.licensee.translations.all(), "name", deal.licensee.name, language)
        if row.statement is not None:
            state = _("issued, no. %(number)s") % {"number": number_text(row.statement.number, language)}
        else:
            state = pgettext("statement", "draft")
        if row.document is None:
            return [ltr(deal.reference), film, licensee, row.problem or state, "—", "—", "—", "—"]
        totals, currency = row.document["totals"], str(row.document["currency"])
        amounts = (totals[key] for key in ("gross_receipts", "entitlement", "payable", "carried_forward"))
        return [
            ltr(deal.reference),
            film,
            licensee,
            state,
            *(money_text(str(amount), currency, language) for amount in amounts),
        ]


class _StatementPdf:
    def __init__(
        self,
        *,
        deal: Deal,
        document: Mapping[str, Any],
        language: str,
        generated_at: datetime,
        pdf: PdfDocument | None = None,
    ) -> None:
        self.deal = deal
        self.doc = document
        self.language = language
        self.currency = str(document["currency"])
        self.period_start = date.fromisoformat(document["period"]["start"])
        self.period_end = date.fromisoformat(document["period"]["end"])
        self.pdf = pdf or PdfDocument(
            title=_("Royalty statement %(reference)s") % {"reference": deal.reference},
            language=language,
            generated_at=generated_at,
            footer=_("Royalty statement %(reference)s · %(start)s to %(end)s · generated %(moment)s")
            % {
                "reference": ltr(deal.reference),
                "start": ltr(self.period_start.isoformat()),
                "end": ltr(self.period_end.isoformat()),
                "moment": timestamp_text(generated_at, language),
            },
            page_label=_("Page %(page)s of %(pages)s"),
            orientation="landscape",  # the weekly table has nine columns
        )

    def render(self) -> bytes:
        self.write()
        return self.pdf.output()

    def write(self) -> None:
        self._header()
        self._summary()
        self._lines()
        self._weeks()
        self._usage()
        self._receipts()
        self._expenses()

    # --- formatting -------------------------------------------------------------------------------

    def money(self, amount: object, currency: str | None = None) -> str:
        if amount is None or amount == "":
            return "—"
        return money_text(str(amount), currency or self.currency, self.language)

    def day(self, iso: str) -> str:
        return date_text(date.fromisoformat(iso), self.language)

    def sources(self, refs: Sequence[str]) -> str:
        if not refs:
            return "—"
        shown = ", ".join(refs[:MAX_SOURCES_SHOWN])
        if len(refs) > MAX_SOURCES_SHOWN:
            return _("%(refs)s and %(count)s more") % {
                "refs": ltr(shown),
                "count": number_text(len(refs) - MAX_SOURCES_SHOWN, self.language),
            }
        return ltr(shown)

    def terms(self, paths: Sequence[str]) -> str:
        return ltr(", ".join(paths)) if paths else "—"

    def conversion(self, conversion: Mapping[str, Any] | None) -> str:
        """ "1 BYN = 0.28 EUR (31 Dec 2025, NBRB)", or "—" when the amount needed none."""
        if not conversion:
            return "—"
        rate = ltr(f"1 {conversion['from']} = {self._digits(str(conversion['rate']))} {conversion['to']}")
        source = str(conversion.get("source") or "")
        when = self.day(str(conversion["date"]))
        return f"{rate} ({when}, {bdi(source)})" if source else f"{rate} ({when})"

    def _digits(self, text: str) -> str:
        return number_text(text, self.language)

    # --- sections ---------------------------------------------------------------------------------

    def _header(self) -> None:
        deal, language = self.deal, self.language
        film = deal.film
        title = translated_text(film.translations.all(), "title", film.original_title, language)
        self.pdf.heading(_("Royalty statement %(reference)s") % {"reference": ltr(deal.reference)})
        self.pdf.key_values(
            [
                # No isolate around the whole title: the cell reads in the direction of its first letter.
                (
                    _("Film"),
                    title if title == film.original_title else f"{title} ({bdi(film.original_title)})",
                ),
                (_("Licensor"), self._organisation_name(deal.licensor)),
                (_("Licensee"), self._organisation_name(deal.licensee)),
                (
                    _("Period"),
                    _("%(start)s to %(end)s")
                    % {
                        "start": self.day(self.doc["period"]["start"]),
                        "end": self.day(self.doc["period"]["end"]),
                    },
                ),
                (_("Currency"), ltr(self.currency)),
            ]
        )
        self.pdf.paragraph(
            _(
                "Amounts are cumulative from the start of the licence to the end of the period; the "
                "“this period” column shows what the period added. Amounts in other currencies are "
                "converted at the rate shown beside them."
            ),
            size=SMALL,
        )

    def _organisation_name(self, organisation: Any) -> str:
        return translated_text(organisation.translations.all(), "name", organisation.name, self.language)

    def _summary(self) -> None:
        totals: Mapping[str, Any] = self.doc["totals"]
        rows = [
            (_line_label(key, self.language), self.money(totals[key]))
            for key in (
                "gross_receipts",
                "distribution_fee",
                "expenses_recouped",
                "minimum_guarantee",
                "mg_recouped",
                "overage",
                "flat_fee",
                "entitlement",
                "previously_reported",
                "payable",
                "carried_forward",
            )
            if key in totals
        ]
        self.pdf.heading(_("Summary"), level=2)
        self.pdf.key_values(rows, label_width=0.5)
        if self.doc.get("weeks"):
            self.pdf.key_values(
                [
                    (_("Admissions"), number_text(totals.get("admissions", 0), self.language)),
                    (_("Box office gross"), self.money(totals.get("box_office_gross"))),
                    (_("Taxes"), self.money(totals.get("taxes"))),
                    (_("Levies"), self.money(totals.get("levies"))),
                    (_("Net box office"), self.money(totals.get("net_box_office"))),
                    (_("Film rental"), self.money(totals.get("film_rental"))),
                    (_("Exhibitor's share"), self.money(totals.get("exhibitor_share"))),
                ],
                label_width=0.5,
            )

    def _lines(self) -> None:
        self.pdf.heading(_("Statement lines"), level=2)
        self.pdf.table(
            columns=[
                Column(_("Line"), 3),
                Column(_("This period"), 2, numeric=True),
                Column(_("To date"), 2, numeric=True),
                Column(_("From reports"), 2),
                Column(_("Terms applied"), 4),
            ],
            rows=[
                [
                    _line_label(line["key"], self.language),
                    self.money(line.get("period")),
                    self.money(line["to_date"]),
                    self.sources(line.get("sources", [])),
                    self.terms(line.get("terms", [])),
                ]
                for line in self.doc.get("lines", [])
            ],
            size=SMALL,
        )

    def _booking_labels(self) -> dict[str, str]:
        # The statement input names each booking "B<pk>" (statement_selectors.statement_input).
        return {
            f"B{booking.pk}": f"{booking.cinema.city}, {booking.cinema.name}"
            for booking in Booking.objects.filter(deal=self.deal).select_related("cinema")
        }

    def _weeks(self) -> None:
        weeks = self.doc.get("weeks") or []
        if not weeks:
            return
        labels = self._booking_labels()
        self.pdf.heading(_("Box office and film rental by week"), level=2)
        rows = []
        for week in weeks:
            currency = str(week["currency"])
            booking = str(week["booking"])
            label = labels.get(booking)
            booking_text = f"{bdi(label)} {ltr(booking)}" if label else ltr(booking)
            if week["basis"] == "over_nut":
                basis = _("%(percent)s over the house nut of %(nut)s") % {
                    "percent": percent_text(week["percent"], self.language),
                    "nut": self.money(week.get("house_nut"), currency),
                }
            elif week["basis"] == "percent":
                basis = _("%(percent)s of net box office") % {
                    "percent": percent_text(week["percent"], self.language)
                }
            else:
                basis = "—"
            if week.get("terms"):
                basis = f"{basis}\n{self.terms(week['terms'])}"  # the term paths the basis comes from
            rows.append(
                [
                    booking_text,
                    _("week %(number)s from %(date)s")
                    % {
                        "number": number_text(week["playing_week"], self.language),
                        "date": self.day(week["week_start"]),
                    },
                    number_text(week["admissions"], self.language),
                    self.money(week["net_box_office"], currency),
                    basis,
                    self.money(week["film_rental"], currency),
                    self.conversion(week.get("conversion")),
                    self.money(week["in_deal_currency"]["film_rental"]),
                    self.sources(week.get("sources", [])),
                ]
            )
        self.pdf.table(
            columns=[
                Column(_("Booking"), 3),
                Column(pgettext("playing week", "Week"), 3),
                Column(_("Admissions"), 2.5, numeric=True),
                Column(_("Net box office"), 3, numeric=True),
                Column(_("Basis"), 3),
                Column(_("Film rental"), 3, numeric=True),
                Column(_("Exchange rate"), 3),
                Column(_("Film rental, converted"), 3, numeric=True),
                Column(_("From reports"), 2),
            ],
            rows=rows,
            size=SMALL,
        )

    def _usage(self) -> None:
        usage = self.doc.get("usage") or []
        if not usage:
            return
        self.pdf.heading(_("Platform usage"), level=2)
        self.pdf.table(
            columns=[
                Column(_("Month"), 2),
                Column(_("Territory"), 2),
                Column(_("Medium"), 2),
                Column(_("Views"), 2, numeric=True),
                Column(_("Revenue"), 3, numeric=True),
                Column(_("Exchange rate"), 3),
                Column(_("Licensor's share"), 3, numeric=True),
                Column(_("From reports"), 2),
            ],
            rows=[
                [
                    ltr(str(row["month"])[:7]),
                    _territory_name(str(row["territory"]), self.language),
                    _medium_name(str(row["media"]), self.language),
                    number_text(row["views"], self.language),
                    self.money(row["revenue"], str(row["currency"])),
                    self.conversion(row.get("conversion")),
                    self.money(row["share"]),
                    self.sources(row.get("sources", [])),
                ]
                for row in usage
            ],
            size=SMALL,
        )

    def _receipts(self) -> None:
        self._converted_amounts(
            "receipts",
            _("Receipts reported directly"),
            Column(_("Medium"), 2),
            lambda row: _medium_name(str(row["media"]), self.language),
        )

    def _expenses(self) -> None:
        self._converted_amounts(
            "expenses",
            _("Expenses"),
            Column(_("Description"), 4),
            lambda row: bdi(str(row.get("description") or "")),
        )

    def _converted_amounts(
        self, key: str, heading: str, what: Column, what_text: Callable[[Mapping[str, Any]], str]
    ) -> None:
        """A table of amounts on a date in their own currency, each converted into the deal's."""
        rows = self.doc.get(key) or []
        if not rows:
            return
        self.pdf.heading(heading, level=2)
        self.pdf.table(
            columns=[
                Column(_("Date"), 3),
                what,
                Column(_("Amount"), 3, numeric=True),
                Column(_("Exchange rate"), 3),
                Column(_("Converted"), 3, numeric=True),
                Column(_("From reports"), 2),
            ],
            rows=[
                [
                    self.day(row["date"]),
                    what_text(row),
                    self.money(row["amount"], str(row["currency"])),
                    self.conversion(row.get("conversion")),
                    self.money(row["amount_in_deal_currency"]),
                    self.sources(row.get("sources", [])),
                ]
                for row in rows
            ],
            size=SMALL,
        )


def _medium_name(code: str, language: str) -> str:
    try:
        return load_vocabularies().media.name(code, language)
    except ExpressionError:
        return code


def _territory_name(code: str, language: str) -> str:
    try:
        return load_vocabularies().territories.name(code, language)
    except ExpressionError:
        return code


def _line_label(key: str, language: str) -> str:
    """A statement line's key ("distribution_fee:SVOD") in words, in the active language."""
    name, _sep, medium = key.partition(":")
    if medium:
        medium_name = _medium_name(medium, language)
        if name == "receipts":
            return _("Receipts: %(medium)s") % {"medium": bdi(medium_name)}
        if name == "distribution_fee":
            return _("Distribution fee: %(medium)s") % {"medium": bdi(medium_name)}
    labels = {
        "gross_receipts": _("Gross receipts"),
        "distribution_fee": _("Distribution fee"),
        "expenses_incurred": _("Expenses incurred"),
        "expenses_recouped": _("Expenses recouped"),
        "remaining": _("Receipts after fee and expenses"),
        "minimum_guarantee": _("Minimum guarantee"),
        "mg_recouped": _("Minimum guarantee recouped"),
        "overage": _("Overage"),
        "flat_fee": _("Flat licence fee"),
        "entitlement": _("Licensor's entitlement"),
        "previously_reported": _("Previously reported (advances and earlier statements)"),
        "payable": _("Payable for this statement"),
        "carried_forward": _("Carried forward"),
    }
    return labels.get(key, key)
