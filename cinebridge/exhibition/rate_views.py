"""The exchange-rate page: the rates royalty statements convert with, by currency pair, and a form to
record one.

Rates are public market data, not a deal's secret: every signed-in person sees them all. Recording one
needs the permission the service checks (an editor of some organisation); the form is shown only to
those the service would let through. A statement that lacks a rate links here with the pair and the
day already filled in (`missing_rate_url`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel.numbers import format_decimal
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.core.engine.digits import localize_digits, to_ascii_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error
from cinebridge.core.i18n import active_language
from cinebridge.core.models import ExchangeRate

from . import selectors, services
from .engine.jsonio import RoyaltyInputError
from .rate_forms import ExchangeRateFilterForm, ExchangeRateForm
from .views import _signed_in

RATES_PAGE_SIZE = 50
# A rate is stored with 12 decimals; it is shown with as many as it has (0.28, not 0.280000000000).
RATE_PATTERN = "#,##0.############"


@dataclass(frozen=True)
class RateRow:
    """A recorded rate with its figure as the active language writes numbers."""

    rate: ExchangeRate
    text: str


def rate_text(value: Decimal) -> str:
    """A rate in the active language's digits and decimal mark, without trailing zeros."""
    language = active_language()
    text = format_decimal(value, format=RATE_PATTERN, locale=language, numbering_system="default")
    return localize_digits(text, language)


def may_record_rates(user: User) -> bool:
    """Whether `services.exchange_rate_record` would let the user record a rate (it checks again)."""
    return policy.can_anywhere(user, policy.EXCHANGE_RATES_RECORD)


def exchange_rates_url(*, base: str = "", quote: str = "", on: date | None = None) -> str:
    """The exchange-rate page listing a pair (either side may be open), its form set to the day `on`."""
    params = {key: value for key, value in (("base", base), ("quote", quote)) if value}
    if on is not None:
        params["on"] = on.isoformat()
    url = reverse("exhibition:exchange_rates")
    return f"{url}?{urlencode(params)}" if params else url


def missing_rate_url(error: ApplicationError) -> str:
    """For a statement refused for want of an exchange rate, the page where that rate is recorded
    (pair and day filled in); "" for any other refusal."""
    if error.extra.get("code") != "rate_missing":
        return ""
    cause = error.__cause__  # the engine's refusal, which names the pair and the day
    if not isinstance(cause, RoyaltyInputError):
        return exchange_rates_url()
    params = cause.params
    day = _day(str(params.get("date", "")))
    return exchange_rates_url(base=str(params.get("from", "")), quote=str(params.get("to", "")), on=day)


def _prefilled(query: QueryDict, base: str | None, quote: str | None) -> dict[str, object]:
    """The add form's starting values: the pair being listed and a day passed in the address."""
    initial: dict[str, object] = {"base": base or "", "quote": quote or ""}
    day = _day(query.get("on", ""))
    if day is not None:
        initial["on"] = day
    return initial


def _day(text: str) -> date | None:
    """A day written as 2025-12-31 (in any digits), or None for anything else."""
    try:
        return parse_date(to_ascii_digits(text).strip())
    except ValueError:  # well formed but no such day, e.g. 2026-02-30
        return None


@login_required
@require_http_methods(["GET", "POST"])
def exchange_rates(request: HttpRequest) -> HttpResponse:
    """Recorded exchange rates by currency pair, newest first, and a form to record one."""
    user = _signed_in(request)
    allowed = may_record_rates(user)
    filter_form = ExchangeRateFilterForm(request.GET)
    base, quote = filter_form.pair()
    form: ExchangeRateForm | None = None
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("You do not have permission to record exchange rates."))
        form = ExchangeRateForm(request.POST)
        if form.is_valid():
            try:
                rate = services.exchange_rate_record(actor=user, **form.service_arguments())
            except (ApplicationError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("The rate was recorded: 1 %(base)s = %(rate)s %(quote)s.")
                    % {"base": rate.base, "rate": rate_text(rate.rate), "quote": rate.quote},
                )
                return redirect(exchange_rates_url(base=rate.base, quote=rate.quote))
    elif allowed:
        form = ExchangeRateForm(initial=_prefilled(request.GET, base, quote))
    rates = selectors.exchange_rates(base=base, quote=quote)
    page = Paginator(rates, RATES_PAGE_SIZE).get_page(to_ascii_digits(request.GET.get("page", "")))
    context = {
        "filter_form": filter_form,
        "form": form,
        "page": page,
        "rows": [RateRow(rate=rate, text=rate_text(rate.rate)) for rate in page.object_list],
        "base": base,
        "quote": quote,
    }
    return render(request, "exhibition/exchange_rates.html", context)
