"""Exhibition over REST: cinemas and screens, bookings and KDM requests, deliveries, box-office and
usage reports, expenses, payments and royalty statements.

Cinemas and screens are public metadata. Everything else hangs off a deal and is answered only to the
members of its two parties and to their film bodies; to anyone else a deal, booking or statement
answers 404, as if it did not exist. Reports are all-or-nothing: a refused report imports nothing and
names every row, column and reason (docs/api.md, Exhibition).
"""

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply

from cinebridge.accounts import selectors as accounts_selectors
from cinebridge.accounts.models import Organisation, User
from cinebridge.api import auth
from cinebridge.api.errors import application_error_detail
from cinebridge.api.schemas import ErrorOut, ValidationErrorOut
from cinebridge.catalogue.models import FilmVersion, SubtitleTrack
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language
from cinebridge.core.pdf import pdf_response
from cinebridge.deals import selectors as deal_selectors
from cinebridge.deals.models import Deal

from . import selectors, services, statement_selectors, statement_services
from .models import ReportSource, Screen, Statement
from .schemas import (
    BookingDetailOut,
    BookingIn,
    BookingOut,
    BookingQuery,
    CinemaIn,
    CinemaOut,
    CinemaQuery,
    DeliveryIn,
    DeliveryOut,
    ExchangeRateIn,
    ExchangeRateOut,
    ExchangeRateQuery,
    ExpenseIn,
    ExpenseOut,
    KdmRequestIn,
    KdmRequestOut,
    PaymentIn,
    PaymentOut,
    PdfQuery,
    PeriodIn,
    PeriodQuery,
    ReportRefusedOut,
    ReportUploadOut,
    ScreenIn,
    ScreenOut,
    StatementOut,
    StatementSummaryOut,
)

exhibition = Router(tags=["exhibition"])

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# A weekly report of a whole circuit is far below this; anything above is a wrong file.
MAX_REPORT_BYTES = getattr(settings, "REPORT_MAX_BYTES", 10 * 1024 * 1024)
REPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "A CSV or XLSX file (multipart field `file`), or the rows as JSON.",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "rows": {
                            "type": "array",
                            "items": {"type": "object", "additionalProperties": {"type": "string"}},
                        }
                    },
                    "required": ["rows"],
                }
            },
        },
    }
}
WRITE_RESPONSES: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}

M = TypeVar("M", bound=Model)
O = TypeVar("O")  # noqa: E741 - the output schema


# --- helpers -----------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> User:
    user = auth.request_user(request)
    assert user is not None  # noqa: S101 - auth.REQUIRED admits only users
    return user


def _written(write: Callable[[], O], status: int = 201) -> Reply[Any]:
    """Run a service write; its refusal as 422 naming the field at fault."""
    try:
        return Reply(status, write())
    except ApplicationError as error:
        return Reply(422, {"detail": application_error_detail(error)})


def _deal(viewer: User, reference: str) -> Deal:
    """A deal the viewer may see (404 for any other: its existence is not confirmed)."""
    return deal_selectors.deal_get(viewer=viewer, reference=reference)


def _one(rows: QuerySet[M], pk: int, field: str, message: str) -> M:
    """One row of an allowed set by id, or a refusal of the body field that named it."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise ApplicationError(message, extra={"field": field})
    return found


def _film_version(deal: Deal, pk: int) -> FilmVersion:
    """A version of the deal's film by id, or a refusal of the body field `version`."""
    return _one(
        FilmVersion.objects.filter(film_id=deal.film_id),
        pk,
        "version",
        _("Choose a version of the deal's film."),
    )


def _aware(moment: datetime, time_zone: str) -> datetime:
    """A datetime sent without an offset is the cinema's local time, as people there say it."""
    if timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=ZoneInfo(time_zone))


class _Page:
    """Rows for the paginator to slice, each page's rows turned into response shapes."""

    def __init__(self, rows: QuerySet[Any], convert: Callable[[Any], Any]) -> None:
        self._rows = rows
        self._convert = convert

    def __len__(self) -> int:
        return int(self._rows.count())

    def __getitem__(self, page: slice) -> list[Any]:
        return [self._convert(row) for row in self._rows[page]]


# --- cinemas and screens -----------------------------------------------------------------------


@exhibition.get("/cinemas", response=list[CinemaOut], auth=auth.OPTIONAL, summary="Cinemas")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def cinema_list(request: HttpRequest, query: Query[CinemaQuery]) -> _Page:
    """Every cinema of the programme with its screens (public), by country, city and name."""
    rows = selectors.cinema_list(country=query.country)
    if query.operator:
        rows = rows.filter(operator__slug=query.operator)
    return _Page(rows, CinemaOut.build)


@exhibition.get(
    "/cinemas/{cinema_id}", response={200: CinemaOut, 404: ErrorOut}, auth=auth.OPTIONAL, summary="One cinema"
)
def cinema_detail(request: HttpRequest, cinema_id: int) -> CinemaOut:
    """A cinema and its screens."""
    return CinemaOut.build(selectors.cinema_get(pk=cinema_id))


def _operator(slug: str) -> Organisation:
    try:
        return accounts_selectors.organisation_get(slug=slug)
    except Http404:
        raise ApplicationError(
            _("No organisation has the short name “%(slug)s”.") % {"slug": slug}, extra={"field": "operator"}
        ) from None


@exhibition.post(
    "/cinemas", response={201: CinemaOut, **WRITE_RESPONSES}, auth=auth.REQUIRED, summary="Add a cinema"
)
def cinema_create(request: HttpRequest, payload: CinemaIn) -> Reply[Any]:
    """Add a cinema run by an exhibitor you edit for."""
    viewer = _viewer(request)

    def write() -> CinemaOut:
        cinema = services.cinema_create(
            actor=viewer,
            operator=_operator(payload.operator),
            name=payload.name,
            city=payload.city,
            country=payload.country.upper(),
            time_zone=payload.time_zone,
        )
        return CinemaOut.build(selectors.cinema_get(pk=cinema.pk))

    return _written(write)


@exhibition.post(
    "/cinemas/{cinema_id}/screens",
    response={201: ScreenOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Add a screen",
)
def screen_create(request: HttpRequest, cinema_id: int, payload: ScreenIn) -> Reply[Any]:
    """Add a screen (its seats and its server certificate thumbprint) to a cinema you edit for."""
    viewer = _viewer(request)
    cinema = selectors.cinema_get(pk=cinema_id)
    return _written(
        lambda: ScreenOut.build(
            services.screen_create(
                actor=viewer,
                cinema=cinema,
                name=payload.name,
                capacity=payload.capacity,
                certificate_thumbprint=payload.certificate_thumbprint,
            )
        )
    )


# --- bookings and KDM requests -----------------------------------------------------------------


@exhibition.get("/bookings", response=list[BookingOut], auth=auth.REQUIRED, summary="Bookings")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def booking_list(request: HttpRequest, query: Query[BookingQuery]) -> _Page:
    """The bookings of the deals you may see (or of one of them), latest engagement first."""
    viewer = _viewer(request)
    deal = _deal(viewer, query.deal) if query.deal else None
    return _Page(selectors.booking_list(viewer=viewer, deal=deal), BookingOut.build)


def _booking_detail(viewer: User, pk: int) -> BookingDetailOut:
    booking = selectors.booking_get(viewer=viewer, pk=pk)
    entries = list(selectors.box_office_entries(deal=booking.deal).filter(booking=booking))
    return BookingDetailOut.build_detail(
        booking, list(selectors.kdm_requests_of(booking).select_related("screen", "requested_by")), entries
    )


@exhibition.get(
    "/bookings/{booking_id}",
    response={200: BookingDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="One booking",
)
def booking_detail(request: HttpRequest, booking_id: int) -> BookingDetailOut:
    """A booking with its KDM requests (UTC and the cinema's local time) and its box office."""
    return _booking_detail(_viewer(request), booking_id)


@exhibition.post(
    "/bookings",
    response={201: BookingDetailOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Book a film",
)
def booking_create(request: HttpRequest, payload: BookingIn) -> Reply[Any]:
    """Book a version of the deal's film on screens of one of your cinemas, inside the licence."""
    viewer = _viewer(request)
    deal = _deal(viewer, payload.deal)

    def write() -> BookingDetailOut:
        cinema = _one(selectors.cinema_list(), payload.cinema, "cinema", _("There is no such cinema."))
        screens = list(cinema.screens.filter(pk__in=payload.screens))
        if len(screens) != len(set(payload.screens)):
            raise ApplicationError(
                _("Choose screens of the cinema %(cinema)s.") % {"cinema": cinema.name},
                extra={"field": "screens"},
            )
        version = _film_version(deal, payload.version)
        booking = services.booking_create(
            actor=viewer,
            deal=deal,
            cinema=cinema,
            screens=screens,
            version=version,
            first_day=payload.first_day,
            last_day=payload.last_day,
            currency=payload.currency,
            house_nut_per_week=payload.house_nut_per_week or None,
        )
        return _booking_detail(viewer, booking.pk)

    return _written(write)


@exhibition.post(
    "/bookings/{booking_id}/kdm-requests",
    response={201: KdmRequestOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Request a KDM",
)
def kdm_request_create(request: HttpRequest, booking_id: int, payload: KdmRequestIn) -> Reply[Any]:
    """Ask for a key for one booked screen; its window must lie inside the engagement."""
    viewer = _viewer(request)
    booking = selectors.booking_get(viewer=viewer, pk=booking_id)
    zone = booking.cinema.time_zone

    def write() -> KdmRequestOut:
        screen = _one(
            Screen.objects.filter(cinema_id=booking.cinema_id),
            payload.screen,
            "screen",
            _("Choose a screen of the cinema %(cinema)s.") % {"cinema": booking.cinema.name},
        )
        kdm = services.kdm_request_create(
            actor=viewer,
            booking=booking,
            screen=screen,
            valid_from=_aware(payload.valid_from, zone),
            valid_until=_aware(payload.valid_until, zone),
        )
        return KdmRequestOut.build(kdm, zone)

    return _written(write)


# --- deliveries --------------------------------------------------------------------------------


@exhibition.get(
    "/deals/{reference}/deliveries",
    response={200: list[DeliveryOut], 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="Deliveries of a deal",
)
def delivery_list(request: HttpRequest, reference: str) -> list[DeliveryOut]:
    """The versions delivered to the platform, with the licensed languages they lack."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)
    rows = selectors.delivery_list(viewer=viewer, deal=deal).select_related("deal", "version")
    return [DeliveryOut.build(delivery) for delivery in rows.prefetch_related("subtitle_tracks")]


@exhibition.post(
    "/deals/{reference}/deliveries",
    response={201: DeliveryOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Record a delivery",
)
def delivery_create(request: HttpRequest, reference: str, payload: DeliveryIn) -> Reply[Any]:
    """Record a version delivered to the platform; licensed languages it lacks are flagged."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)

    def write() -> DeliveryOut:
        version = _film_version(deal, payload.version)
        tracks = list(SubtitleTrack.objects.filter(version=version, pk__in=payload.subtitle_tracks))
        if len(tracks) != len(set(payload.subtitle_tracks)):
            raise ApplicationError(
                _("Choose subtitle tracks of the version delivered."), extra={"field": "subtitle_tracks"}
            )
        delivery = services.delivery_create(
            actor=viewer,
            deal=deal,
            version=version,
            subtitle_tracks=tracks,
            delivered_on=payload.delivered_on,
        )
        return DeliveryOut.build(delivery)

    return _written(write)


# --- reports -----------------------------------------------------------------------------------

_EXTENSIONS = {".csv": ReportSource.CSV, ".xlsx": ReportSource.XLSX}


def _report_from_request(
    request: HttpRequest,
) -> tuple[ReportSource, bytes | None, str, Sequence[Mapping[str, str]] | None]:
    """A report as sent: a multipart `file` (CSV or XLSX, by its name) or JSON `{"rows": [...]}`."""
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise ApplicationError(_("Send the report as the file field “file”."), extra={"field": "file"})
        if upload.size is not None and upload.size > MAX_REPORT_BYTES:
            raise HttpError(413, _("The report file is too large."))
        name = upload.name or ""
        extension = re.search(r"\.[A-Za-z]+$", name)
        source = _EXTENSIONS.get(extension[0].lower()) if extension else None
        if source is None:
            raise ApplicationError(_("Send a .csv or an .xlsx file."), extra={"field": "file"})
        return source, upload.read(), name, None
    if content_type == "application/json":
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            raise ApplicationError(_("The request body is not valid JSON.")) from None
        rows = body.get("rows") if isinstance(body, dict) else None
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ApplicationError(
                _("Send the rows as a list of objects, one per row."), extra={"field": "rows"}
            )
        return ReportSource.FORM, None, "", [{str(k): _cell(v) for k, v in row.items()} for row in rows]
    raise HttpError(415, _("Send the report as multipart/form-data (a file) or application/json (rows)."))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _imported(viewer: User, reference: str, request: HttpRequest, run: Callable[..., Any]) -> Reply[Any]:
    deal = _deal(viewer, reference)
    try:
        source, content, filename, rows = _report_from_request(request)
        upload = run(actor=viewer, deal=deal, source=source, content=content, filename=filename, rows=rows)
    except services.ReportRefused as error:
        problems = [{"row": p.row, "column": p.column, "message": p.message} for p in error.problems]
        return Reply(422, {"detail": error.message, "problems": problems})
    except ApplicationError as error:
        return Reply(422, {"detail": application_error_detail(error)})
    return Reply(201, ReportUploadOut.build(upload))


REPORT_RESPONSES: dict[int, Any] = {
    201: ReportUploadOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    415: ErrorOut,
    422: ReportRefusedOut | ValidationErrorOut,
}


@exhibition.post(
    "/deals/{reference}/reports/box-office",
    response=REPORT_RESPONSES,
    auth=auth.REQUIRED,
    summary="Report weekly box office",
    openapi_extra=REPORT_BODY,
)
def box_office_upload(request: HttpRequest, reference: str) -> Reply[Any]:
    """Columns cinema, screen, week_start, admissions, gross, taxes, levies; all rows or none are imported."""
    viewer = _viewer(request)
    return _imported(viewer, reference, request, services.box_office_import)


@exhibition.post(
    "/deals/{reference}/reports/usage",
    response=REPORT_RESPONSES,
    auth=auth.REQUIRED,
    summary="Report monthly platform usage",
    openapi_extra=REPORT_BODY,
)
def usage_upload(request: HttpRequest, reference: str) -> Reply[Any]:
    """Columns month, territory, media, views, minutes, revenue, currency; all rows or none are imported."""
    viewer = _viewer(request)
    return _imported(viewer, reference, request, services.usage_import)


@exhibition.get(
    "/deals/{reference}/reports",
    response={200: list[ReportUploadOut], 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="Reports of a deal",
)
def report_list(request: HttpRequest, reference: str) -> list[ReportUploadOut]:
    """Every accepted report of the deal, latest first."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)
    rows = selectors.report_uploads(viewer=viewer, deal=deal).select_related("deal", "uploaded_by")
    return [ReportUploadOut.build(upload) for upload in rows]


# --- expenses and payments ---------------------------------------------------------------------


@exhibition.get(
    "/deals/{reference}/expenses",
    response={200: list[ExpenseOut], 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="Recoupable expenses of a deal",
)
def expense_list(request: HttpRequest, reference: str) -> list[ExpenseOut]:
    deal = _deal(_viewer(request), reference)
    return [
        ExpenseOut.build(expense) for expense in selectors.expenses_of(deal).select_related("recorded_by")
    ]


@exhibition.post(
    "/deals/{reference}/expenses",
    response={201: ExpenseOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Record an expense",
)
def expense_create(request: HttpRequest, reference: str, payload: ExpenseIn) -> Reply[Any]:
    """Record an expense the licensee incurred, recoupable up to the terms' cap."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)

    def write() -> ExpenseOut:
        expense = services.expense_record(
            actor=viewer,
            deal=deal,
            incurred_on=payload.incurred_on,
            description=payload.description,
            amount=payload.amount,
            currency=payload.currency,
        )
        return ExpenseOut.build(expense)

    return _written(write)


@exhibition.get(
    "/deals/{reference}/payments",
    response={200: list[PaymentOut], 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="Payments of a deal",
)
def payment_list(request: HttpRequest, reference: str) -> list[PaymentOut]:
    deal = _deal(_viewer(request), reference)
    currency = selectors.deal_currency(deal=deal)
    return [
        PaymentOut.build(payment, currency)
        for payment in selectors.payments_of(deal).select_related("recorded_by")
    ]


@exhibition.post(
    "/deals/{reference}/payments",
    response={201: PaymentOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Record a payment",
)
def payment_create(request: HttpRequest, reference: str, payload: PaymentIn) -> Reply[Any]:
    """Record money the licensee paid the licensor (MG, flat fee, or a statement's payable)."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)

    def write() -> PaymentOut:
        payment = services.payment_record(
            actor=viewer,
            deal=deal,
            kind=payload.kind,
            paid_on=payload.paid_on,
            amount=payload.amount,
            reference=payload.reference,
        )
        return PaymentOut.build(payment, selectors.deal_currency(deal=deal))

    return _written(write)


@exhibition.post(
    "/deals/{reference}/payments/{payment_id}/confirm",
    response={200: PaymentOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Confirm a payment",
)
def payment_confirm(request: HttpRequest, reference: str, payment_id: int) -> Reply[Any]:
    """The licensor confirms it received a payment the licensee recorded; statements count it from then."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)
    payment = selectors.payment_get(deal=deal, pk=payment_id)

    def write() -> PaymentOut:
        confirmed = services.payment_confirm(actor=viewer, payment=payment)
        return PaymentOut.build(confirmed, selectors.deal_currency(deal=deal))

    return _written(write, status=200)


# --- exchange rates (public market data) -------------------------------------------------------


@exhibition.get("/rates", response=list[ExchangeRateOut], auth=auth.REQUIRED, summary="Exchange rates")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def exchange_rate_list(request: HttpRequest, query: Query[ExchangeRateQuery]) -> _Page:
    """The rates statements convert with (1 base = rate quote on a day), by pair, newest first."""
    rows = selectors.exchange_rates(base=query.base, quote=query.quote, until=query.until)
    return _Page(rows, ExchangeRateOut.build)


@exhibition.post(
    "/rates",
    response={201: ExchangeRateOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Record an exchange rate",
)
def exchange_rate_create(request: HttpRequest, payload: ExchangeRateIn) -> Reply[Any]:
    """Record what one `base` bought in `quote` on a day (one rate per pair and day), with its source."""
    viewer = _viewer(request)
    return _written(
        lambda: ExchangeRateOut.build(
            services.exchange_rate_record(
                actor=viewer,
                base=payload.base,
                quote=payload.quote,
                on=payload.on,
                rate=payload.rate,
                source=payload.source,
            )
        )
    )


# --- statements --------------------------------------------------------------------------------


def _period_refusal(start: date, end: date, *, sent_in: str) -> Reply[Any] | None:
    """A period that ends before it starts, refused at its `end` (in the "query" or the "body")."""
    if end < start:
        message = _("The period ends before it starts.")
        return Reply(422, {"detail": [{"loc": [sent_in, "end"], "msg": message, "type": "invalid"}]})
    return None


@exhibition.get(
    "/deals/{reference}/statement",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="A draft statement (computed now)",
)
def statement_preview(request: HttpRequest, reference: str, query: Query[PeriodQuery]) -> Any:
    """The royalty engine's statement of the deal up to `end`, from the records as they are now."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)
    refused = _period_refusal(query.start, query.end, sent_in="query")
    if refused is not None:
        return refused
    try:
        return statement_selectors.statement_preview(
            viewer=viewer, deal=deal, period_start=query.start, period_end=query.end
        )
    except ApplicationError as error:
        return Reply(422, {"detail": [{"loc": ["query"], "msg": error.message, "type": "invalid"}]})


@exhibition.get(
    "/deals/{reference}/statements",
    response={200: list[StatementSummaryOut], 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="Issued statements of a deal",
)
def statement_list(request: HttpRequest, reference: str) -> list[StatementSummaryOut]:
    viewer = _viewer(request)
    deal = _deal(viewer, reference)
    return [
        StatementSummaryOut.build(s) for s in statement_selectors.statement_list(viewer=viewer, deal=deal)
    ]


@exhibition.post(
    "/deals/{reference}/statements",
    response={201: StatementOut, **WRITE_RESPONSES},
    auth=auth.REQUIRED,
    summary="Issue a statement",
)
def statement_issue(request: HttpRequest, reference: str, payload: PeriodIn) -> Reply[Any]:
    """Issue the statement up to `end`: it is kept as computed, with its input and the input's digest."""
    viewer = _viewer(request)
    deal = _deal(viewer, reference)
    refused = _period_refusal(payload.start, payload.end, sent_in="body")
    if refused is not None:
        return refused

    def write() -> StatementOut:
        statement = statement_services.statement_issue(
            actor=viewer, deal=deal, period_start=payload.start, period_end=payload.end
        )
        return StatementOut.build(statement)

    return _written(write)


def _statement(viewer: User, pk: int) -> Statement:
    return statement_selectors.statement_get(viewer=viewer, pk=pk)


@exhibition.get(
    "/statements/{statement_id}.pdf",
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="An issued statement (PDF)",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def statement_pdf(request: HttpRequest, statement_id: int, query: Query[PdfQuery]) -> HttpResponse:
    """The issued statement as a PDF, each line with the reports and terms it came from."""
    from .documents import statement_pdf as render_pdf  # loaded only when a PDF is asked for

    statement = _statement(_viewer(request), statement_id)
    content = render_pdf(
        deal=statement.deal,
        document=statement.document,
        language=query.lang or active_language(),
        generated_at=statement.issued_at,  # an issued statement prints the same bytes every time
    )
    return pdf_response(content, f"{statement.deal.reference}-{statement.number}.pdf")


@exhibition.get(
    "/statements/{statement_id}",
    response={200: StatementOut, 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="An issued statement",
)
def statement_detail(request: HttpRequest, statement_id: int) -> StatementOut:
    """The statement as it was issued: the engine's document, its input and the input's digest."""
    return StatementOut.build(_statement(_viewer(request), statement_id))
