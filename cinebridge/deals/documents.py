"""The deal memo: the signed terms of a deal as a PDF, in the languages of both parties and in English.

The memo is made from the offer both parties signed (`deal.current_offer` once the deal is active),
never from a draft. Each language gets the whole memo, one after another (the licensor's language,
the licensee's, then English), every label translated through gettext in that language. The same
deal and `generated_at` always give the same bytes (see `cinebridge.core.pdf`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cinebridge.accounts.models import Organisation, User
from cinebridge.core.errors import ApplicationError
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
from cinebridge.deals.engine.terms import Terms, TermsError, terms_from_json
from cinebridge.deals.models import Deal, DealStatus, Offer
from cinebridge.rights.engine.vocabulary import ExpressionError, load_vocabularies
from cinebridge.rights.templatetags.rights import language_uses, media_expression, plain, territory_expression

ENGLISH = "en"

# The language a party reads a contract in, by the country of its organisation. Belarus has two
# official languages; Russian is the one its film trade writes contracts in.
COUNTRY_LANGUAGES: dict[str, str] = {"IR": "fa", "BY": "ru"}

# A memo records signed terms: only deals whose offer both parties signed have one.
SIGNED_STATUSES = frozenset({DealStatus.ACTIVE, DealStatus.EXPIRED, DealStatus.TERMINATED})


def party_language(organisation: Organisation) -> str:
    """The language a party of a deal reads: its country's main language (IR → fa, BY → ru), else English."""
    return COUNTRY_LANGUAGES.get(organisation.country.upper(), ENGLISH)


def memo_languages(deal: Deal) -> list[str]:
    """The memo's languages in order: the licensor's, the licensee's, then English, each once."""
    languages: list[str] = []
    for language in (party_language(deal.licensor), party_language(deal.licensee), ENGLISH):
        if language not in languages:
            languages.append(language)
    return languages


def deal_memo_pdf(*, deal: Deal, generated_at: datetime) -> bytes:
    """The deal memo of a signed deal as PDF bytes; ApplicationError for a deal nobody has signed yet."""
    offer = deal.current_offer
    if deal.status not in SIGNED_STATUSES or offer is None:
        raise ApplicationError(
            _("Deal %(reference)s has no signed terms yet, so it has no deal memo.")
            % {"reference": deal.reference},
            extra={"field": "status", "status": deal.status},
        )
    try:
        terms = terms_from_json(offer.terms, currency=offer.currency)
    except TermsError as error:
        raise ApplicationError(
            _("The signed terms of deal %(reference)s cannot be read (%(path)s).")
            % {"reference": deal.reference, "path": error.path},
            extra={"field": "terms", "path": error.path},
        ) from error

    document: PdfDocument | None = None
    for language in memo_languages(deal):
        with translation.override(language):
            footer = _("Deal memo %(reference)s · generated %(moment)s") % {
                "reference": ltr(deal.reference),
                "moment": timestamp_text(generated_at, language),
            }
            page_label = _("Page %(page)s of %(pages)s")
            if document is None:
                document = PdfDocument(
                    title=_("Deal memo %(reference)s") % {"reference": deal.reference},
                    language=language,
                    generated_at=generated_at,
                    footer=footer,
                    page_label=page_label,
                )
            else:
                document.start_section(language=language, footer=footer, page_label=page_label)
            _memo(document, deal=deal, offer=offer, terms=terms, language=language)
    assert document is not None  # noqa: S101 - memo_languages always has English
    return document.output()


# --- one language's memo -----------------------------------------------------------------------------


def _memo(document: PdfDocument, *, deal: Deal, offer: Offer, terms: Terms, language: str) -> None:
    document.heading(_("Deal memo %(reference)s") % {"reference": ltr(deal.reference)})
    document.paragraph(
        _(
            "This memo records the licence both parties signed: offer no. %(number)s of deal %(reference)s. "
            "Status: %(status)s."
        )
        % {
            "number": number_text(offer.number, language),
            "reference": ltr(deal.reference),
            "status": DealStatus(deal.status).label,
        }
    )
    _parties(document, deal=deal, language=language)
    _film(document, deal=deal, language=language)
    _rights(document, offer=offer, language=language)
    _money(document, offer=offer, terms=terms, language=language)
    _signatures(document, deal=deal, language=language)


def _organisation_name(organisation: Organisation, language: str) -> str:
    return translated_text(organisation.translations.all(), "name", organisation.name, language)


def _country_name(code: str, language: str) -> str:
    try:
        return load_vocabularies().territories.name(code, language)
    except ExpressionError:
        return code


def _language_name(code: str) -> str:
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _parties(document: PdfDocument, *, deal: Deal, language: str) -> None:
    document.heading(_("Parties"), level=2)
    rows: list[tuple[str, str]] = []
    for label, organisation in ((_("Licensor"), deal.licensor), (_("Licensee"), deal.licensee)):
        own_name = _organisation_name(organisation, language)
        # Isolated, so that a Russian name keeps its order and punctuation inside a Persian line.
        name = (
            bdi(own_name) if own_name == organisation.name else f"{bdi(own_name)} ({bdi(organisation.name)})"
        )
        rows.append((label, f"{name} — {_country_name(organisation.country, language)}"))
    document.key_values(rows)


def _film(document: PdfDocument, *, deal: Deal, language: str) -> None:
    film = deal.film
    document.heading(_("Film"), level=2)
    rows = [
        (_("Original title"), film.original_title),
        (_("Original language"), _language_name(film.original_language)),
        (_("Year"), number_text(film.year, language)),
    ]
    for translation_row in sorted(film.translations.all(), key=lambda t: t.language_code):
        rows.append(
            (
                _("Title (%(language)s)") % {"language": _language_name(translation_row.language_code)},
                translation_row.title,
            )
        )
    document.key_values(rows)


def _rights(document: PdfDocument, *, offer: Offer, language: str) -> None:
    last_day = offer.end - timedelta(days=1)
    document.heading(_("Rights licensed"), level=2)
    document.key_values(
        [
            (_("Media"), plain(media_expression(offer.media))),
            (_("Territories"), plain(territory_expression(offer.territories))),
            (_("Language versions"), plain(language_uses(offer.language_uses)) or _("all language versions")),
            (
                _("Term"),
                _("%(start)s to %(last)s (inclusive)")
                % {"start": date_text(offer.start, language), "last": date_text(last_day, language)},
            ),
            (_("Exclusivity"), _("exclusive") if offer.exclusive else _("non-exclusive")),
        ]
    )


def _rounding_text(rounding: str) -> str:
    if rounding == "half_even":
        return _("Each statement line is rounded half to even to the currency's minor unit.")
    if rounding == "down":
        return _("Each statement line is rounded down to the currency's minor unit.")
    return _("Each statement line is rounded half up to the currency's minor unit.")


def _medium_name(code: str, language: str) -> str:
    try:
        return load_vocabularies().media.name(code, language)
    except ExpressionError:
        return code


def _money(document: PdfDocument, *, offer: Offer, terms: Terms, language: str) -> None:
    currency = offer.currency

    def amount(value: object) -> str:
        return money_text(str(value), currency, language)

    document.heading(_("Financial terms"), level=2)
    rows: list[tuple[str, str]] = [(_("Currency"), ltr(currency))]
    if terms.flat_fee is not None:
        rows.append((_("Flat licence fee"), amount(terms.flat_fee)))
    if terms.minimum_guarantee is not None:
        rows.append(
            (
                _("Minimum guarantee"),
                _("%(amount)s, recouped from the licensor's share; receipts above it are overage")
                % {"amount": amount(terms.minimum_guarantee)},
            )
        )
    if terms.revenue_share_percent is not None:
        rows.append(
            (
                _("Revenue share (on demand)"),
                _("%(percent)s of the platform's revenue to the licensor")
                % {"percent": percent_text(terms.revenue_share_percent, language)},
            )
        )
    if terms.expenses_cap is None:
        cap = _("recoupable expenses are not capped")
    elif terms.expenses_cap == 0:
        cap = _("no expenses are recoupable")
    else:
        cap = _("recoupable up to %(amount)s") % {"amount": amount(terms.expenses_cap)}
    rows.append((_("Expenses"), cap))
    rows.append((_("Rounding"), _rounding_text(str(terms.rounding))))
    document.key_values(rows)

    if terms.theatrical is not None:
        _sliding_scale(document, terms=terms, language=language)
    if terms.distribution_fee_percent:
        document.heading(_("Distribution fee per medium"), level=3)
        document.table(
            columns=[Column(_("Medium"), 3), Column(_("Fee"), 1, numeric=True)],
            rows=[
                [_medium_name(code, language), percent_text(percent, language)]
                for code, percent in terms.distribution_fee_percent
            ],
        )


def _sliding_scale(document: PdfDocument, *, terms: Terms, language: str) -> None:
    theatrical = terms.theatrical
    assert theatrical is not None  # noqa: S101 - checked by the caller
    weeks = max(len(theatrical.percent_by_week), len(theatrical.over_nut_percent_by_week))
    over_nut = bool(theatrical.over_nut_percent_by_week)
    document.heading(_("Film rental by playing week"), level=3)
    columns = [
        Column(pgettext("playing week", "Week"), 1),
        Column(_("Share of net box office"), 2, numeric=True),
    ]
    if over_nut:
        columns.append(Column(_("Share of net box office over the house nut"), 2, numeric=True))
    rows: list[list[str]] = []
    for week in range(1, weeks + 1):
        label = number_text(week, language)
        if week == weeks:
            label = _("%(week)s and later") % {"week": label}
        row = [label, percent_text(theatrical.percent(week), language)]
        if over_nut:
            row.append(percent_text(theatrical.over_nut_percent(week) or Decimal(0), language))
        rows.append(row)
    document.table(columns=columns, rows=rows)
    if over_nut:
        document.paragraph(
            _(
                "Each week the exhibitor pays the higher of the two: the share of net box office, or the "
                "share of net box office above the cinema's weekly house nut."
            )
        )


def _person(user: User | None) -> str:
    if user is None:
        return "—"
    return bdi(user.get_full_name() or user.get_username())


def _signatures(document: PdfDocument, *, deal: Deal, language: str) -> None:
    document.heading(_("Signatures"), level=2)
    rows: list[Sequence[str]] = []
    for party, organisation, user, moment in (
        (_("Licensor"), deal.licensor, deal.licensor_signed_by, deal.licensor_signed_at),
        (_("Licensee"), deal.licensee, deal.licensee_signed_by, deal.licensee_signed_at),
    ):
        rows.append(
            [
                f"{party}: {bdi(_organisation_name(organisation, language))}",
                _person(user),
                timestamp_text(moment, language) if moment is not None else "—",
            ]
        )
    document.table(
        columns=[Column(_("Party"), 2), Column(_("Signed by"), 2), Column(_("Signed on"), 2)],
        rows=[list(row) for row in rows],
    )
    if deal.activated_at is not None:
        document.paragraph(
            _("The licence took effect on %(date)s.")
            % {"date": date_text(deal.activated_at.date(), language)}
        )
    if deal.ended_at is not None:
        document.paragraph(
            _("The deal ended on %(date)s (%(status)s).")
            % {"date": date_text(deal.ended_at.date(), language), "status": DealStatus(deal.status).label}
        )
