"""The overall balance of co-production between two countries, four years at a time: what each country's
companies brought, how often each was the majority or a minority co-producer, and the key creative posts
its nationals held. Only the projects whose private side the viewer sees count (`selectors.balance`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from cinebridge.coproduction.display import money, number, project_title, rate_url, role_label
from cinebridge.coproduction.forms.rules import BalanceForm
from cinebridge.coproduction.selectors.balance import BalancePeriod, CountryBalance
from cinebridge.coproduction.selectors.balance import balance as balance_of
from cinebridge.coproduction.views.common import signed_in


@dataclass
class Side:
    """One country's side of a period as the page shows it."""

    country: str
    amounts: list[SafeString]
    converted: SafeString | None
    majority: str
    minority: str
    equal: str
    key_posts: str
    roles: list[tuple[str, str]]


@dataclass
class PeriodRow:
    first_year: str
    last_year: str
    projects: list[tuple[str, str]]  # (title, slug)
    sides: list[Side]
    missing_rates: list[
        tuple[str, str]
    ]  # (currency, the page where its rate to the reporting one is recorded)


def _side(side: CountryBalance, currency: str) -> Side:
    return Side(
        country=side.country,
        amounts=[money(amount, code) for code, amount in side.amounts.items() if amount],
        converted=money(side.converted, currency) if side.converted is not None else None,
        majority=number(side.majority),
        minority=number(side.minority),
        equal=number(side.equal),
        key_posts=number(side.key_posts),
        roles=[(role_label(role), number(count)) for role, count in side.key_posts_by_role.items()],
    )


def _row(period: BalancePeriod) -> PeriodRow:
    return PeriodRow(
        first_year=number(period.first_year),
        last_year=number(period.last_year),
        projects=[(project_title(project), project.slug) for project in period.projects],
        sides=[_side(side, period.currency) for side in period.countries],
        missing_rates=[(code, rate_url(base=code, quote=period.currency)) for code in period.missing_rates],
    )


@login_required
@require_GET
def balance(request: HttpRequest) -> HttpResponse:
    """Pick two countries and the first year; the periods follow, with what the viewer may see."""
    user = signed_in(request)
    asked = bool(request.GET.get("country_a") or request.GET.get("country_b"))
    form = BalanceForm(request.GET if asked else None, initial={"currency": "EUR"})
    context: dict[str, Any] = {"form": form, "periods": None}
    status = 200
    if asked:
        if form.is_valid():
            data = form.cleaned_data
            periods = balance_of(
                viewer=user,
                country_a=data["country_a"],
                country_b=data["country_b"],
                first_year=data["first_year"],
                last_year=data.get("last_year"),
                currency=data["currency"],
            )
            context.update(
                periods=[_row(period) for period in periods],
                country_a=data["country_a"],
                country_b=data["country_b"],
                currency=data["currency"],
            )
        else:
            status = 400
    return render(request, "coproduction/balance/balance.html", context, status=status)
