"""Issuing royalty statements: the engine's document for a period, kept with the input it came from.

A statement is cumulative from the deal's start to its period's end; its payable is what that period
adds and later statements count it as reported. Issued statements are never changed: the stored
input and its digest let anyone recompute the document and get the same one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cinebridge.accounts.models import User
from cinebridge.core.errors import ApplicationError
from cinebridge.deals.models import Deal

from .models import Statement
from .statement_selectors import (
    deal_is_visible,
    input_digest,
    last_statement,
    statement_compute,
    statement_input,
    statement_may_issue,
)


@transaction.atomic
def statement_issue(*, actor: User, deal: Deal, period_start: date, period_end: date) -> Statement:
    """Issue the next statement of `deal` for a period after the last one (an editor of either party)."""
    if not deal_is_visible(viewer=actor, deal=deal):
        raise PermissionDenied(_("You may not see this deal."))
    if not statement_may_issue(viewer=actor, deal=deal):
        raise PermissionDenied(
            _("Only an editor of the licensor or of the licensee may issue statements of this deal.")
        )
    # Serialise issuing per deal: the number and "previously reported" depend on the last statement.
    deal = Deal.objects.select_for_update(of=("self",)).select_related("current_offer").get(pk=deal.pk)
    last = last_statement(deal)
    if last is not None and period_start <= last.period_end:
        raise ApplicationError(
            _(
                "Statement %(number)s already covers the period until %(end)s: "
                "the next statement starts after that day."
            )
            % {"number": last.number, "end": date_format(last.period_end, "DATE_FORMAT")},
            extra={"field": "start"},
        )
    inputs = statement_input(deal=deal, period_start=period_start, period_end=period_end)
    document = statement_compute(inputs)
    totals = document["totals"]
    statement = Statement(
        deal=deal,
        number=(last.number + 1) if last is not None else 1,
        period_start=period_start,
        period_end=period_end,
        currency=inputs["currency"],
        payable=Decimal(totals["payable"]),
        carried_forward=Decimal(totals["carried_forward"]),
        document=document,
        inputs=inputs,
        inputs_digest=input_digest(inputs),
        issued_by=actor,
    )
    statement.full_clean()
    statement.save()
    return statement
