"""Exhibition pages: the licensee's cinemas and screens, and what happens under one deal — bookings and
their KDM requests, deliveries to platforms, box-office and usage reports, expenses and payments.

Everything hanging off a deal is as confidential as the deal: `deals.selectors.deal_get` answers 404
to anyone who is not a party (or its film body), and every list comes from a selector that applies
the same rule. The other party sees the pages read-only; the services decide who may change what,
and these views show a form only to those the services would let through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.catalogue.models import FilmVersion
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error
from cinebridge.core.i18n import active_language
from cinebridge.deals.models import Deal, DealStatus
from cinebridge.deals.selectors import deal_get

from . import selectors, services
from .forms import (
    BookingForm,
    BoxOfficeRowForm,
    CinemaForm,
    DeliveryForm,
    ExpenseForm,
    KdmRequestForm,
    PaymentForm,
    ReportFileForm,
    ScreenForm,
    UsageRowForm,
)
from .models import Booking, BookingStatus, Cinema, ReportKind, ReportSource, ReportUpload

# How the report page tells its three forms apart (a hidden field in each).
REPORT_FORMS = ("box_office", "usage", "file")

T = TypeVar("T")


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _shown(count: int) -> str:
    return localize_digits(str(count), active_language())


def _saved(form: Any, save: Callable[..., T]) -> T | None:
    """What `save` (a service, given the form's cleaned data) made of a valid form; None when the form is
    invalid or the service refused it (its refusal is then on the form, at the field it names)."""
    if not form.is_valid():
        return None
    try:
        return save(**form.cleaned_data)
    except (ApplicationError, ValidationError) as error:
        add_service_error(form, error)
        return None


# --- who may do what (the services check again; these decide which forms to show) ---------------------


def may_exploit(user: User, deal: Deal) -> bool:
    """Book, request keys, deliver: the licensee's editors, while the deal is active."""
    return deal.status == DealStatus.ACTIVE and policy.can(user, policy.EXHIBITION_EDIT, deal.licensee)


def may_cancel(user: User, booking: Booking) -> bool:
    """Cancel a booking: the licensee's editors, whatever became of the deal since."""
    return booking.status == BookingStatus.CONFIRMED and policy.can(
        user, policy.EXHIBITION_EDIT, booking.deal.licensee
    )


def may_report(user: User, deal: Deal) -> bool:
    """Report box office and usage, record expenses: the licensee's editors."""
    return policy.can(user, policy.REPORTS_SUBMIT, deal.licensee)


def may_record_payment(user: User, deal: Deal) -> bool:
    """Record a payment: an editor of either party (the payer books it, the payee confirms it)."""
    return policy.can(user, policy.REPORTS_SUBMIT, deal.licensee) or policy.can(
        user, policy.REPORTS_SUBMIT, deal.licensor
    )


def may_confirm_payment(user: User, deal: Deal) -> bool:
    """Confirm a payment the licensee recorded: an editor of the licensor, who received it."""
    return policy.can(user, policy.REPORTS_SUBMIT, deal.licensor)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may only look at this, not change it."))


def _require_exploit(user: User, deal: Deal) -> None:
    if deal.status != DealStatus.ACTIVE and policy.can(user, policy.EXHIBITION_EDIT, deal.licensee):
        raise PermissionDenied(_("Nothing can be booked or delivered under a deal that is not active."))
    _require(may_exploit(user, deal))


# --- cinemas and screens ----------------------------------------------------------------------------


def _cinema_operators(user: User) -> Any:
    return policy.organisations_where(user, policy.EXHIBITION_EDIT)


@login_required
@require_GET
def cinema_list(request: HttpRequest) -> HttpResponse:
    """The cinemas of the viewer's organisations, with their screens."""
    user = _signed_in(request)
    cinemas = selectors.cinemas_of(viewer=user)
    return render(
        request,
        "exhibition/cinema_list.html",
        {"cinemas": cinemas, "may_create": _cinema_operators(user).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cinema_create(request: HttpRequest) -> HttpResponse:
    """Add a cinema of one of the viewer's exhibitor (or distributor) organisations."""
    user = _signed_in(request)
    operators = _cinema_operators(user)
    if not operators.exists():
        raise PermissionDenied(
            _("Only editors of a cinema operator, platform or distributor can add cinemas.")
        )
    form = CinemaForm(request.POST or None, operators=operators)
    cinema = _saved(form, partial(services.cinema_create, actor=user)) if request.method == "POST" else None
    if cinema is not None:
        messages.success(request, _("The cinema was added; now add its screens."))
        return redirect("exhibition:cinema_detail", pk=cinema.pk)
    return render(request, "exhibition/cinema_form.html", {"form": form})


def _cinema_page(
    request: HttpRequest, cinema: Cinema, form: ScreenForm | None, status: int = 200
) -> HttpResponse:
    user = _signed_in(request)
    may_edit = policy.can(user, policy.EXHIBITION_EDIT, cinema.operator)
    return render(
        request,
        "exhibition/cinema_detail.html",
        {
            "cinema": cinema,
            "screens": list(cinema.screens.order_by("name")),
            "may_edit": may_edit,
            "form": (form or ScreenForm()) if may_edit else None,
        },
        status=status,
    )


@login_required
@require_GET
def cinema_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A cinema with its screens (public metadata); its operator's editors add screens here."""
    return _cinema_page(request, selectors.cinema_get(pk=pk), None)


@login_required
@require_POST
def screen_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _signed_in(request)
    cinema = selectors.cinema_get(pk=pk)
    _require(policy.can(user, policy.EXHIBITION_EDIT, cinema.operator))
    form = ScreenForm(request.POST)
    if _saved(form, partial(services.screen_create, actor=user, cinema=cinema)) is not None:
        messages.success(request, _("The screen was added."))
        return redirect("exhibition:cinema_detail", pk=cinema.pk)
    return _cinema_page(request, cinema, form)


# --- one deal's exploitation ---------------------------------------------------------------------------


def _deal(request: HttpRequest, reference: str) -> tuple[User, Deal]:
    """The signed-in user and a deal they may see (404 for anyone else: its existence is confidential)."""
    user = _signed_in(request)
    return user, deal_get(viewer=user, reference=reference)


def _deal_context(user: User, deal: Deal) -> dict[str, Any]:
    return {
        "deal": deal,
        "offer": deal.current_offer,
        "may_exploit": may_exploit(user, deal),
        "may_report": may_report(user, deal),
        "may_record_payment": may_record_payment(user, deal),
    }


@login_required
@require_GET
def deal_exploitation(request: HttpRequest, reference: str) -> HttpResponse:
    """Everything done under one deal: bookings, deliveries, reports, expenses, payments, statements."""
    user, deal = _deal(request, reference)
    context = _deal_context(user, deal)
    bookings = list(selectors.booking_list(viewer=user, deal=deal))
    context.update(
        {
            "bookings": bookings,
            "reported": _reported_by_booking(deal),
            "deliveries": list(selectors.delivery_list(viewer=user, deal=deal)),
            "uploads": list(selectors.report_uploads(viewer=user, deal=deal)),
            "expenses": list(selectors.expenses_of(deal)),
            "payments": list(selectors.payments_of(deal)),
        }
    )
    return render(request, "exhibition/deal_exploitation.html", context)


@dataclass
class Reported:
    """What a booking's box-office reports add up to so far, in the booking's currency."""

    weeks: set[date] = field(default_factory=set)
    admissions: int = 0
    gross: Decimal = Decimal(0)

    @property
    def week_count(self) -> int:
        return len(self.weeks)


def _reported_by_booking(deal: Deal) -> dict[int, Reported]:
    totals: dict[int, Reported] = defaultdict(Reported)
    for entry in selectors.box_office_entries(deal=deal):
        total = totals[entry.booking_id]
        total.weeks.add(entry.week_start)
        total.admissions += entry.admissions
        total.gross += entry.gross
    return dict(totals)


def _versions(deal: Deal) -> Any:
    return FilmVersion.objects.filter(film=deal.film).order_by("pk")


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request: HttpRequest, reference: str) -> HttpResponse:
    """Book a version of the deal's film on screens of one of the licensee's cinemas."""
    user, deal = _deal(request, reference)
    _require_exploit(user, deal)
    cinemas = selectors.cinema_list(operator=deal.licensee).order_by("name")
    form = BookingForm(request.POST or None, cinemas=cinemas, versions=_versions(deal))
    booking = (
        _saved(form, partial(services.booking_create, actor=user, deal=deal))
        if request.method == "POST"
        else None
    )
    if booking is not None:
        messages.success(request, _("The booking was confirmed."))
        return redirect("exhibition:booking_detail", pk=booking.pk)
    context = _deal_context(user, deal)
    context.update({"form": form, "has_cinemas": cinemas.exists()})
    licence = selectors.deal_licence(deal=deal)
    context.update({"licence": licence, "licence_last_day": licence.end - timedelta(days=1)})
    return render(request, "exhibition/booking_form.html", context)


def _booking_page(
    request: HttpRequest, booking: Booking, kdm_form: KdmRequestForm | None = None, status: int = 200
) -> HttpResponse:
    user = _signed_in(request)
    context = _deal_context(user, booking.deal)
    may_request = context["may_exploit"] and booking.status == BookingStatus.CONFIRMED
    if may_request and kdm_form is None:
        kdm_form = KdmRequestForm(
            screens=booking.screens.order_by("name"), time_zone=booking.cinema.time_zone
        )
    context.update(
        {
            "booking": booking,
            "cinema": booking.cinema,
            "screens": list(booking.screens.order_by("name")),
            "kdm_requests": list(selectors.kdm_requests_of(booking)),
            "kdm_form": kdm_form if may_request else None,
            "may_cancel": may_cancel(user, booking),
        }
    )
    return render(request, "exhibition/booking_detail.html", context, status=status)


@login_required
@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A booking: its screens, its engagement, its KDM requests in the cinema's local time."""
    booking = selectors.booking_get(viewer=_signed_in(request), pk=pk)
    return _booking_page(request, booking)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _signed_in(request)
    booking = selectors.booking_get(viewer=user, pk=pk)
    _require(may_cancel(user, booking))
    try:
        services.booking_cancel(actor=user, booking=booking)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The booking was cancelled."))
    return redirect("exhibition:booking_detail", pk=booking.pk)


@login_required
@require_POST
def kdm_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a key for one booked screen; the window is typed in the cinema's local time."""
    user = _signed_in(request)
    booking = selectors.booking_get(viewer=user, pk=pk)
    _require_exploit(user, booking.deal)
    form = KdmRequestForm(
        request.POST, screens=booking.screens.order_by("name"), time_zone=booking.cinema.time_zone
    )
    if _saved(form, partial(services.kdm_request_create, actor=user, booking=booking)) is not None:
        messages.success(request, _("The key was requested."))
        return redirect("exhibition:booking_detail", pk=booking.pk)
    return _booking_page(request, booking, form)


# --- deliveries -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def delivery_create(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a version delivered to the platform, with the subtitle tracks that went with it."""
    user, deal = _deal(request, reference)
    _require_exploit(user, deal)
    form = DeliveryForm(request.POST or None, versions=_versions(deal))
    delivery = (
        _saved(form, partial(services.delivery_create, actor=user, deal=deal))
        if request.method == "POST"
        else None
    )
    if delivery is not None:
        if delivery.missing_languages:
            messages.warning(
                request,
                _("The delivery was recorded, but licensed languages are missing: %(languages)s.")
                % {"languages": delivery.missing_languages},
            )
        else:
            messages.success(request, _("The delivery was recorded."))
        return redirect("exhibition:deal_exploitation", reference=deal.reference)
    context = _deal_context(user, deal)
    context["form"] = form
    return render(request, "exhibition/delivery_form.html", context)


# --- reports ----------------------------------------------------------------------------------------


def _report_forms(
    user: User, deal: Deal, data: Any = None, files: Any = None, which: str = ""
) -> dict[str, Any]:
    """The three ways to report (one box-office row, one usage row, a file); only `which` is bound.
    `has_bookings` says whether there is any confirmed booking to report box office for."""
    booked = list(selectors.booking_list(viewer=user, deal=deal, status=BookingStatus.CONFIRMED))
    cinemas = sorted({booking.cinema.name for booking in booked})
    screens = sorted({screen.name for booking in booked for screen in booking.screens.all()})

    def bound(name: str) -> tuple[Any, Any]:
        return (data, files) if which == name else (None, None)

    return {
        "box_office_form": BoxOfficeRowForm(
            bound("box_office")[0], cinemas=cinemas, screens=screens, prefix="bo"
        ),
        "usage_form": UsageRowForm(bound("usage")[0], prefix="usage"),
        "file_form": ReportFileForm(*bound("file"), prefix="file"),
        "has_bookings": bool(booked),
    }


def _report_page(
    request: HttpRequest, user: User, deal: Deal, forms: dict[str, Any], **extra: Any
) -> HttpResponse:
    """The report page; `forms` is what `_report_forms` gave."""
    context = _deal_context(user, deal)
    context.update(forms)
    context.update(
        {
            "uploads": list(selectors.report_uploads(viewer=user, deal=deal)),
            "problems": [],
            "accepted": None,
        }
    )
    context.update(extra)
    return render(request, "exhibition/report_upload.html", context)


def _import(user: User, deal: Deal, kind: str, **arguments: Any) -> ReportUpload:
    run = services.box_office_import if kind == ReportKind.BOX_OFFICE else services.usage_import
    return run(actor=user, deal=deal, **arguments)


@login_required
@require_http_methods(["GET", "POST"])
def report_upload(request: HttpRequest, reference: str) -> HttpResponse:
    """Report box office or usage by form (one row) or by file (CSV, XLSX); a bad report saves nothing."""
    user, deal = _deal(request, reference)
    if request.method != "POST":
        return _report_page(request, user, deal, _report_forms(user, deal))
    _require(may_report(user, deal))
    which = request.POST.get("report", "")
    if which not in REPORT_FORMS:
        which = "file"
    forms = _report_forms(user, deal, request.POST, request.FILES, which)
    form = forms[f"{which}_form"]
    if not form.is_valid():
        return _report_page(request, user, deal, forms)
    try:
        if which == "file":
            upload = form.cleaned_data["file"]
            upload_record = _import(
                user,
                deal,
                form.cleaned_data["kind"],
                source=ReportFileForm.source_of(upload.name),
                content=upload.read(),
                filename=upload.name,
            )
        else:
            upload_record = _import(user, deal, which, source=ReportSource.FORM, rows=[form.row()])
    except services.ReportRefused as refusal:
        problems = list(refusal.problems)
        if which != "file":
            # One row on a form: each problem belongs to the field of its column.
            columns = getattr(form, "COLUMN_FIELDS", {})
            for problem in problems:
                name = columns.get(problem.column, problem.column)
                form.add_error(name if name in form.fields else None, problem.message)
            problems = []
        return _report_page(
            request,
            user,
            deal,
            forms,
            problems=problems,
            refusal=refusal.message if refusal.truncated else refused_text(len(refusal.problems)),
        )
    except (ApplicationError, ValidationError) as error:
        add_service_error(form, error)
        return _report_page(request, user, deal, forms)
    return _report_page(
        request,
        user,
        deal,
        _report_forms(user, deal),
        accepted=upload_record,
        accepted_text=rows_accepted_text(upload_record.row_count),
    )


# --- expenses and payments ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def expenses(request: HttpRequest, reference: str) -> HttpResponse:
    """The licensee's recoupable expenses under the deal, and a form to add one."""
    user, deal = _deal(request, reference)
    allowed = may_report(user, deal)
    form = ExpenseForm(request.POST or None) if allowed else None
    if request.method == "POST":
        _require(allowed)
        assert form is not None  # noqa: S101 - built above for whoever may post
        if _saved(form, partial(services.expense_record, actor=user, deal=deal)) is not None:
            messages.success(request, _("The expense was recorded."))
            return redirect("exhibition:expenses", reference=deal.reference)
    context = _deal_context(user, deal)
    context.update({"form": form, "expenses": list(selectors.expenses_of(deal))})
    return render(request, "exhibition/expenses.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def payments(request: HttpRequest, reference: str) -> HttpResponse:
    """What the licensee paid the licensor under the deal (MG, flat fee, statements), and a form to add."""
    user, deal = _deal(request, reference)
    allowed = may_record_payment(user, deal)
    currency = selectors.deal_currency(deal=deal)
    form = PaymentForm(request.POST or None, currency=currency) if allowed else None
    if request.method == "POST":
        _require(allowed)
        assert form is not None  # noqa: S101 - built above for whoever may post
        if _saved(form, partial(services.payment_record, actor=user, deal=deal)) is not None:
            messages.success(request, _("The payment was recorded."))
            return redirect("exhibition:payments", reference=deal.reference)
    context = _deal_context(user, deal)
    context.update(
        {
            "form": form,
            "payments": list(selectors.payments_of(deal)),
            "currency": currency,
            "may_confirm": may_confirm_payment(user, deal),
        }
    )
    return render(request, "exhibition/payments.html", context)


@login_required
@require_POST
def payment_confirm(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The licensor confirms it received a payment the licensee recorded."""
    user, deal = _deal(request, reference)
    _require(may_confirm_payment(user, deal))
    payment = selectors.payment_get(deal=deal, pk=pk)
    try:
        services.payment_confirm(actor=user, payment=payment)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The payment is confirmed; statements count it from now on."))
    return redirect("exhibition:payments", reference=deal.reference)


def rows_accepted_text(count: int) -> str:
    return ngettext(
        "The report was accepted: %(count)s row was imported.",
        "The report was accepted: %(count)s rows were imported.",
        count,
    ) % {"count": _shown(count)}


def refused_text(count: int) -> str:
    return ngettext(
        "Nothing was imported: the report has %(count)s problem.",
        "Nothing was imported: the report has %(count)s problems.",
        count,
    ) % {"count": _shown(count)}
