"""Royalty statement pages: a deal's draft for a period (computed now) with the button that issues it,
issued statements, a rights holder's statements for a period, and their PDFs.

Statements are confidential: every page answers 404 to anyone who is not a member of the deal's
two parties or of a film body overseeing either (the selectors decide).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from cinebridge.accounts.models import Organisation, User
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import BootstrapMixin
from cinebridge.core.i18n import active_language
from cinebridge.core.pdf import pdf_response
from cinebridge.deals.models import Deal

from . import statement_selectors as selectors
from . import statement_services as services
from .documents import holder_statements_pdf as render_holder_pdf
from .documents import statement_pdf as render_pdf
from .rate_views import missing_rate_url


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)


class LocalDigitsDateField(forms.DateField):
    """A date typed with Persian or Arabic-Indic digits reads as the same date in ASCII digits."""

    def to_python(self, value: Any) -> date | None:
        return super().to_python(to_ascii_digits(value) if isinstance(value, str) else value)


class PeriodForm(BootstrapMixin, forms.Form):
    start = LocalDigitsDateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = LocalDigitsDateField(
        label=gettext_lazy("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return cleaned


def _viewer(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _period(data: Mapping[str, Any], *, after: date | None = None) -> tuple[PeriodForm, date, date]:
    """The period asked for; when none (or a wrong one) is given, the current quarter, or the
    period from the day after `after` (the last statement's end) to the end of its quarter."""
    if after is not None and after < timezone.localdate():
        default_start = after + timedelta(days=1)
        default_end = quarter_of(default_start)[1]
    else:
        default_start, default_end = quarter_of(timezone.localdate())
    if not data.get("start") and not data.get("end"):
        form = PeriodForm(initial={"start": default_start, "end": default_end})
        return form, default_start, default_end
    form = PeriodForm(data)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default_start, default_end


def _period_query(start: date, end: date) -> str:
    return urlencode({"start": start.isoformat(), "end": end.isoformat()})


def _document_context(
    deal: Deal, document: Mapping[str, Any] | None, inputs: Mapping[str, Any] | None
) -> dict[str, Any]:
    """What every page showing a statement document needs: its terms, its sources and its chart."""
    if document is None or inputs is None:
        return {"document": None, "sources": {}, "chart": None, "terms": {}}
    return {
        "document": document,
        "terms": inputs.get("terms", {}),
        "sources": selectors.statement_line_sources(deal=deal, document=document),
        "chart": selectors.statement_chart_data(deal=deal, document=document),
    }


@login_required
@require_GET
def statement_preview(request: HttpRequest, reference: str) -> HttpResponse:
    """A draft statement of the deal for a period, computed now, with the button that issues it."""
    viewer = _viewer(request)
    deal = selectors.statement_deal_get(viewer=viewer, reference=reference)
    last = selectors.last_statement(deal)
    form, start, end = _period(request.GET, after=last.period_end if last is not None else None)
    document: dict[str, Any] | None = None
    inputs: dict[str, Any] | None = None
    problem = ""
    rate_url = ""
    try:
        # The deal is visible (statement_deal_get); the input is kept to show the terms it used.
        inputs = selectors.statement_input(deal=deal, period_start=start, period_end=end)
        document = selectors.statement_compute(inputs)
    except ApplicationError as error:
        problem = error.message
        rate_url = missing_rate_url(error)  # a missing rate: where to record it
    context = {
        "deal": deal,
        "form": form,
        "period_start": start,
        "period_end": end,
        "problem": problem,
        "missing_rate_url": rate_url,
        "statements": selectors.statement_list(viewer=viewer, deal=deal),
        "may_issue": selectors.statement_may_issue(viewer=viewer, deal=deal),
        "pdf_url": reverse("exhibition:statement_draft_pdf", args=[deal.reference])
        + "?"
        + _period_query(start, end),
        **_document_context(deal, document, inputs),
    }
    return render(request, "exhibition/statement_preview.html", context)


@login_required
@require_POST
def statement_issue(request: HttpRequest, reference: str) -> HttpResponse:
    """Issue the statement for the period posted (an editor of either party)."""
    viewer = _viewer(request)
    deal = selectors.statement_deal_get(viewer=viewer, reference=reference)
    form = PeriodForm(request.POST)
    preview_url = reverse("exhibition:statement_preview", args=[deal.reference])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(preview_url)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        statement = services.statement_issue(actor=viewer, deal=deal, period_start=start, period_end=end)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(f"{preview_url}?{_period_query(start, end)}")
    messages.success(request, _("Statement %(number)s was issued.") % {"number": statement.number})
    return redirect("exhibition:statement_detail", pk=statement.pk)


@login_required
@require_GET
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued statement as it was issued, checked against a recomputation of its stored input."""
    viewer = _viewer(request)
    statement = selectors.statement_get(viewer=viewer, pk=pk)
    context = {
        "deal": statement.deal,
        "statement": statement,
        "reproduced": selectors.statement_reproduces(statement),
        **_document_context(statement.deal, statement.document, statement.inputs),
    }
    return render(request, "exhibition/statement_detail.html", context)


@login_required
@require_GET
def statement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The issued statement as a PDF in the reader's language, stamped with its issue time."""
    statement = selectors.statement_get(viewer=_viewer(request), pk=pk)
    pdf = render_pdf(
        deal=statement.deal,
        document=statement.document,
        language=active_language(),
        generated_at=statement.issued_at,
    )
    return pdf_response(pdf, f"{statement.deal.reference}-statement-{statement.number}.pdf")


@login_required
@require_GET
def statement_draft_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """The draft statement for a period as a PDF (marked with the time it was computed)."""
    viewer = _viewer(request)
    deal = selectors.statement_deal_get(viewer=viewer, reference=reference)
    _form, start, end = _period(request.GET)
    try:
        document = selectors.statement_preview(viewer=viewer, deal=deal, period_start=start, period_end=end)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(
            reverse("exhibition:statement_preview", args=[deal.reference]) + "?" + _period_query(start, end)
        )
    pdf = render_pdf(deal=deal, document=document, language=active_language(), generated_at=timezone.now())
    return pdf_response(pdf, f"{deal.reference}-draft-{start.isoformat()}-{end.isoformat()}.pdf")


def _holder(viewer: User, requested: str, choices: list[Organisation]) -> Organisation | None:
    """The rights holder asked for (by slug or id) among those the viewer may see, else a sensible one."""
    if requested:
        for organisation in choices:
            if requested in (organisation.slug, str(organisation.pk)):
                return organisation
        raise Http404
    own = {membership.organisation_id for membership in viewer.memberships.all()}
    return next((o for o in choices if o.pk in own), choices[0] if choices else None)


@login_required
@require_GET
def holder_statements(request: HttpRequest) -> HttpResponse:
    """A rights holder's deals for a period: entitlement, payable and carried forward per deal and currency."""
    viewer = _viewer(request)
    form, start, end = _period(request.GET)
    choices = list(selectors.holders_visible(viewer))
    holder = _holder(viewer, request.GET.get("holder", "").strip(), choices)
    rows = (
        selectors.holder_statements(viewer=viewer, holder=holder, period_start=start, period_end=end)
        if holder is not None
        else []
    )
    context = {
        "form": form,
        "holders": choices,
        "holder": holder,
        "period_start": start,
        "period_end": end,
        "period_query": _period_query(start, end),
        "rows": rows,
        "totals": selectors.holder_statement_totals(rows),
    }
    return render(request, "exhibition/statement_holder_list.html", context)


@login_required
@require_GET
def holder_statements_pdf(request: HttpRequest) -> HttpResponse:
    """A rights holder's statements for a period as one PDF: the overview, then each deal's statement."""
    viewer = _viewer(request)
    _form, start, end = _period(request.GET)
    holder = _holder(viewer, request.GET.get("holder", "").strip(), list(selectors.holders_visible(viewer)))
    if holder is None:
        raise Http404
    rows = selectors.holder_statements(viewer=viewer, holder=holder, period_start=start, period_end=end)
    pdf = render_holder_pdf(
        holder=holder,
        rows=rows,
        totals=selectors.holder_statement_totals(rows),
        period=(start, end),
        language=active_language(),
        generated_at=timezone.now(),
    )
    return pdf_response(pdf, f"{holder.slug}-statements-{start.isoformat()}-{end.isoformat()}.pdf")
