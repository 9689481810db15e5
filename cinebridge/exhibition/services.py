"""Writes of exhibition: cinemas and screens, bookings inside the licence, KDM requests inside the
booking, deliveries to platforms, box-office and usage reports, expenses, payments, exchange rates.

Each is one transaction and checks who acts (`accounts.policy`): cinemas, screens, bookings, keys and
deliveries are the licensee's (the operator's) to edit (EXHIBITION_EDIT); reports and expenses are
submitted by the licensee (REPORTS_SUBMIT); payments are recorded by an editor of either party.
Every refusal is an ApplicationError naming the field (or, for a report, each row and column) and
saying why in the user's language. A report is all or nothing: one bad cell and nothing is saved.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import FilmVersion, SubtitleTrack
from cinebridge.core.checks import checked_country, checked_time_zone
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.engine.money import is_currency
from cinebridge.core.errors import ApplicationError
from cinebridge.core.models import ExchangeRate
from cinebridge.core.vocabularies import is_country_code
from cinebridge.deals.models import Deal, DealStatus
from cinebridge.notifications.services import in_reader_language, notify_organisation
from cinebridge.rights.engine.types import LanguageUse, Use

from . import reports, selectors
from .models import (
    Booking,
    BookingStatus,
    BoxOfficeEntry,
    Cinema,
    Delivery,
    Expense,
    KdmRequest,
    Payment,
    PaymentKind,
    ReportKind,
    ReportSource,
    ReportUpload,
    Screen,
    UsageEntry,
)
from .reports import CellError, ReportProblem
from .selectors import Licence

__all__ = [
    "THEATRICAL_LEAF_ID",
    "ReportProblem",
    "ReportRefused",
    "booking_cancel",
    "booking_create",
    "box_office_import",
    "cinema_create",
    "cinema_update",
    "delivery_create",
    "exchange_rate_record",
    "expense_record",
    "kdm_request_create",
    "payment_record",
    "screen_create",
    "screen_update",
    "usage_import",
]

T = TypeVar("T")

# The THEATRICAL leaf of the media vocabulary (cinebridge/rights/data/media.json): what a booking uses.
THEATRICAL_LEAF_ID = 1
THUMBPRINT_LENGTH = 28  # base64 of a 20-byte SHA-1 digest
SHA1_BYTES = 20
# Reports are accepted for deals that were signed: while active, and after (late weekly figures).
REPORTABLE_STATUSES = frozenset({DealStatus.ACTIVE, DealStatus.EXPIRED, DealStatus.TERMINATED})


_ACTOR_FIELDS = frozenset({"created_by", "recorded_by", "uploaded_by", "requested_by", "issued_by"})


class ReportRefused(ApplicationError):  # noqa: N818 (the contract names it)
    """A report refused as a whole (nothing was saved); `problems` names each row, column and reason."""

    def __init__(self, problems: Sequence[ReportProblem], *, truncated: bool = False) -> None:
        self.problems = sorted(problems, key=lambda p: (p.row, p.column))
        self.truncated = truncated
        count = len(self.problems)
        message = ngettext(
            "Nothing was imported: %(count)d problem was found.",
            "Nothing was imported: %(count)d problems were found.",
            count,
        ) % {"count": count}
        if truncated:
            message += " " + _("Only the first %(count)d are listed; mend them and upload again.") % {
                "count": count
            }
        super().__init__(message, extra={"problems": [p.as_json() for p in self.problems]})


# --- shared steps -------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"field": field})


def _require(actor: User | None, action: str, organisation: Organisation) -> None:
    if actor is not None:
        policy.require(actor, action, organisation)


def _require_either(actor: User | None, action: str, organisations: Iterable[Organisation]) -> None:
    if actor is None:
        return
    parties = list(organisations)
    if not any(policy.can(actor, action, o) for o in parties):
        policy.require(actor, action, parties[0])  # raises, naming the first party


def _clean_and_save(instance: models.Model, *, unique_field: str = "", unique_message: str = "") -> None:
    """full_clean() then save; a field's validation error becomes an ApplicationError naming it."""
    # Who acted is None for the system (demo data, commands): the models leave it nullable, not blank.
    actor_fields = [f.name for f in instance._meta.fields if f.name in _ACTOR_FIELDS]
    try:
        instance.full_clean(exclude=actor_fields)
    except ValidationError as error:
        if unique_field and "__all__" in error.message_dict and unique_message:
            raise _refuse(unique_field, unique_message) from None
        field, messages = next(iter(error.message_dict.items()))
        raise _refuse("" if field == "__all__" else field, " ".join(messages)) from None
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        if unique_field:
            raise _refuse(unique_field, unique_message) from None
        raise


def _text(value: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _refuse(field, _("This field is required."))
    return value


def _currency(code: str, field: str = "currency") -> str:
    code = (code or "").strip().upper()
    if not is_currency(code):
        raise _refuse(field, _("“%(code)s” is not an ISO 4217 currency code.") % {"code": code})
    return code


def _amount(value: str | Decimal | int, *, currency: str, field: str, positive: bool = False) -> Decimal:
    try:
        amount = reports.read_amount(value, currency=currency)
    except CellError as error:
        raise _refuse(field, error.message) from None
    if positive and amount <= 0:
        raise _refuse(field, _("The amount must be more than zero."))
    return amount


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _moment(value: datetime) -> str:
    return date_format(value, "DATETIME_FORMAT")


# --- cinemas and screens ------------------------------------------------------------------------


def _save_cinema(cinema: Cinema) -> None:
    """Validate and save a cinema; a second one of the same name for its operator is refused at `name`."""
    _clean_and_save(
        cinema,
        unique_field="name",
        unique_message=_("%(operator)s already runs a cinema called “%(name)s”.")
        % {"operator": cinema.operator.name, "name": cinema.name},
    )


@transaction.atomic
def cinema_create(
    *, actor: User | None, operator: Organisation, name: str, city: str, country: str, time_zone: str
) -> Cinema:
    """Add a cinema run by `operator`, in its country and time zone."""
    _require(actor, policy.EXHIBITION_EDIT, operator)
    cinema = Cinema(
        operator=operator,
        name=_text(name, "name"),
        city=_text(city, "city"),
        country=checked_country(country, field="country"),
        time_zone=checked_time_zone(time_zone),
    )
    _save_cinema(cinema)
    return cinema


@transaction.atomic
def cinema_update(
    *,
    actor: User | None,
    cinema: Cinema,
    name: str | None = None,
    city: str | None = None,
    country: str | None = None,
    time_zone: str | None = None,
) -> Cinema:
    """Change a cinema's name, city, country or time zone (what is not given stays)."""
    cinema = Cinema.objects.select_for_update(of=("self",)).select_related("operator").get(pk=cinema.pk)
    _require(actor, policy.EXHIBITION_EDIT, cinema.operator)
    if name is not None:
        cinema.name = _text(name, "name")
    if city is not None:
        cinema.city = _text(city, "city")
    if country is not None:
        new_country = checked_country(country, field="country")
        if new_country != cinema.country and cinema.bookings.exists():
            raise _refuse("country", _("A cinema with bookings cannot move to another country."))
        cinema.country = new_country
    if time_zone is not None:
        cinema.time_zone = checked_time_zone(time_zone)
    _save_cinema(cinema)
    return cinema


def _thumbprint(value: str) -> str:
    value = "".join((value or "").split())
    if not value:
        return ""
    try:
        digest = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        digest = b""
    if len(value) != THUMBPRINT_LENGTH or len(digest) != SHA1_BYTES:
        raise _refuse(
            "certificate_thumbprint",
            _(
                "A certificate thumbprint is the base64 of a SHA-1 digest: %(length)d characters "
                "such as jGgKxbp8mZf0sB7e3Vq1s0W9kPI=."
            )
            % {"length": THUMBPRINT_LENGTH},
        )
    return value


def _capacity(value: int | str) -> int:
    try:
        seats = int(to_ascii_digits(str(value)).strip())
    except ValueError:
        seats = 0
    if seats <= 0:
        raise _refuse("capacity", _("A screen has at least one seat."))
    return seats


def _save_screen(screen: Screen) -> None:
    """Validate and save a screen; a second one of the same name in its cinema is refused at `name`."""
    _clean_and_save(
        screen,
        unique_field="name",
        unique_message=_("%(cinema)s already has a screen called “%(name)s”.")
        % {"cinema": screen.cinema.name, "name": screen.name},
    )


@transaction.atomic
def screen_create(
    *, actor: User | None, cinema: Cinema, name: str, capacity: int, certificate_thumbprint: str = ""
) -> Screen:
    """Add a screen to a cinema, with the thumbprint of its media block's certificate (for KDMs)."""
    _require(actor, policy.EXHIBITION_EDIT, cinema.operator)
    screen = Screen(
        cinema=cinema,
        name=_text(name, "name"),
        capacity=_capacity(capacity),
        certificate_thumbprint=_thumbprint(certificate_thumbprint),
    )
    _save_screen(screen)
    return screen


@transaction.atomic
def screen_update(
    *,
    actor: User | None,
    screen: Screen,
    name: str | None = None,
    capacity: int | None = None,
    certificate_thumbprint: str | None = None,
) -> Screen:
    """Change a screen (a new server means a new certificate thumbprint); what is not given stays."""
    screen = (
        Screen.objects.select_for_update(of=("self",)).select_related("cinema__operator").get(pk=screen.pk)
    )
    _require(actor, policy.EXHIBITION_EDIT, screen.cinema.operator)
    if name is not None:
        screen.name = _text(name, "name")
    if capacity is not None:
        screen.capacity = _capacity(capacity)
    if certificate_thumbprint is not None:
        screen.certificate_thumbprint = _thumbprint(certificate_thumbprint)
    _save_screen(screen)
    return screen


# --- bookings -----------------------------------------------------------------------------------


def _lock_deal(deal: Deal) -> Deal:
    """The deal as committed, locked so that it cannot end while something is booked under it."""
    return (
        Deal.objects.select_for_update(of=("self",))
        .select_related("licensor", "licensee", "film", "current_offer")
        .get(pk=deal.pk)
    )


def _require_active(deal: Deal) -> None:
    if deal.status != DealStatus.ACTIVE:
        raise _refuse(
            "deal",
            _(
                "Deal %(reference)s is not active (it is %(status)s): nothing can be booked or delivered under it."
            )
            % {"reference": deal.reference, "status": deal.get_status_display()},
        )


def _version_uses(version: FilmVersion, subtitle_languages: Iterable[str]) -> set[LanguageUse]:
    """How a version presents the film: its audio (original or dubbed) and each subtitle language."""
    audio = version.audio_language.lower()
    uses = {
        LanguageUse(audio, Use.ORIGINAL if audio == version.film.original_language.lower() else Use.DUBBED)
    }
    if audio != version.film.original_language.lower():
        uses.add(LanguageUse(audio, Use.VOICE_OVER))
    for language in subtitle_languages:
        uses.add(LanguageUse(language.lower(), Use.SUBTITLED))
        uses.add(LanguageUse(language.lower(), Use.SDH))
    return uses


def _check_language(licence: Licence, version: FilmVersion) -> None:
    """The version may be shown when at least one of the licensed language uses is how it presents
    the film (its audio as original or dubbed, or one of its subtitle tracks)."""
    if licence.language_uses is None:
        return
    subtitles = sorted(set(version.subtitles.values_list("language_code", flat=True)))
    if _version_uses(version, subtitles) & licence.language_uses:
        return
    raise _refuse(
        "version",
        _(
            "The licence covers only these language versions: %(uses)s; this version has %(audio)s audio "
            "and subtitles in %(subtitles)s."
        )
        % {
            "uses": ", ".join(str(u) for u in sorted(licence.language_uses)),
            "audio": version.audio_language,
            "subtitles": ", ".join(subtitles) or _("no language"),
        },
    )


def _check_term(licence: Licence, first_day: date, last_day: date) -> None:
    if last_day < first_day:
        raise _refuse("last_day", _("The last day cannot come before the first day."))
    if first_day < licence.start:
        raise _refuse(
            "first_day",
            _("The licence starts on %(start)s; the engagement cannot begin before.")
            % {"start": _day(licence.start)},
        )
    if last_day >= licence.end:
        raise _refuse(
            "last_day",
            _("The licence ends on %(last)s (inclusive); the engagement must end by then.")
            % {"last": _day(licence.end - timedelta(days=1))},
        )


@transaction.atomic
def booking_create(
    *,
    actor: User | None,
    deal: Deal,
    cinema: Cinema,
    screens: Sequence[Screen],
    version: FilmVersion,
    first_day: date,
    last_day: date,
    currency: str,
    house_nut_per_week: Decimal | str | None = None,
) -> Booking:
    """Book a version of the deal's film on screens of one of the licensee's cinemas, inside the licence:
    the deal is active and licenses theatrical exhibition in the cinema's country, the version's language,
    and every day of the engagement."""
    deal = _lock_deal(deal)
    _require(actor, policy.EXHIBITION_EDIT, deal.licensee)
    _require_active(deal)
    if cinema.operator_id != deal.licensee_id:
        raise _refuse(
            "cinema",
            _("%(cinema)s is not run by %(licensee)s, the licensee of this deal.")
            % {"cinema": cinema.name, "licensee": deal.licensee.name},
        )
    screen_list = list(screens)
    if not screen_list:
        raise _refuse("screens", _("Choose at least one screen."))
    foreign = [s.name for s in screen_list if s.cinema_id != cinema.pk]
    if foreign:
        raise _refuse(
            "screens",
            _("These screens are not in %(cinema)s: %(screens)s.")
            % {"cinema": cinema.name, "screens": ", ".join(foreign)},
        )
    if version.film_id != deal.film_id:
        raise _refuse("version", _("This version is not of the deal's film."))
    currency = _currency(currency)
    nut = None
    if house_nut_per_week not in (None, ""):
        assert house_nut_per_week is not None  # noqa: S101 (narrowing for mypy)
        nut = _amount(house_nut_per_week, currency=currency, field="house_nut_per_week")
    licence = selectors.deal_licence(deal=deal)
    if THEATRICAL_LEAF_ID not in licence.media:
        raise _refuse(
            "deal",
            _("Deal %(reference)s does not license theatrical exhibition (it licenses %(media)s).")
            % {"reference": deal.reference, "media": ", ".join(licence.media_codes) or "—"},
        )
    if not licence.covers_country(cinema.country):
        raise _refuse(
            "cinema",
            _("The licence does not cover %(country)s, where %(cinema)s is (it covers %(countries)s).")
            % {
                "country": cinema.country,
                "cinema": cinema.name,
                "countries": ", ".join(licence.country_codes[:12]) or "—",
            },
        )
    _check_language(licence, version)
    _check_term(licence, first_day, last_day)
    _check_not_booked_twice(deal, screen_list, first_day, last_day)
    booking = Booking(
        deal=deal,
        cinema=cinema,
        version=version,
        first_day=first_day,
        last_day=last_day,
        currency=currency,
        house_nut_per_week=nut,
        created_by=actor,
    )
    _clean_and_save(booking)
    booking.screens.set(screen_list)
    return booking


def _check_not_booked_twice(deal: Deal, screens: Sequence[Screen], first_day: date, last_day: date) -> None:
    """One screen shows the deal's film under one booking at a time, so each week's takings have one home."""
    clash = (
        Booking.objects.filter(
            deal=deal,
            status=BookingStatus.CONFIRMED,
            screens__in=screens,
            first_day__lte=last_day,
            last_day__gte=first_day,
        )
        .order_by("first_day")
        .first()
    )
    if clash is not None:
        raise _refuse(
            "screens",
            _("A screen chosen is already booked for this deal from %(first)s to %(last)s.")
            % {"first": clash.first_day.isoformat(), "last": clash.last_day.isoformat()},
        )


@transaction.atomic
def booking_cancel(*, actor: User | None, booking: Booking) -> Booking:
    """Cancel a booking that has no box office reported yet (reported weeks are owed for)."""
    booking = (
        Booking.objects.select_for_update(of=("self",)).select_related("deal__licensee").get(pk=booking.pk)
    )
    _require(actor, policy.EXHIBITION_EDIT, booking.deal.licensee)
    if booking.status == BookingStatus.CANCELLED:
        return booking
    if booking.box_office.exists():
        raise _refuse("status", _("Box office was reported for this booking: it can no longer be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    return booking


# --- keys ---------------------------------------------------------------------------------------


@transaction.atomic
def kdm_request_create(
    *, actor: User | None, booking: Booking, screen: Screen, valid_from: datetime, valid_until: datetime
) -> KdmRequest:
    """Ask for a key for one booked screen; its window lies inside the engagement, in the cinema's time."""
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("deal__licensee", "cinema")
        .get(pk=booking.pk)
    )
    _require(actor, policy.EXHIBITION_EDIT, booking.deal.licensee)
    if booking.status != BookingStatus.CONFIRMED:
        raise _refuse("booking", _("This booking was cancelled."))
    _require_active(booking.deal)
    for field, moment in (("valid_from", valid_from), ("valid_until", valid_until)):
        if timezone.is_naive(moment):
            raise _refuse(field, _("Give the time with its time zone."))
    if valid_until <= valid_from:
        raise _refuse("valid_until", _("The key must stop being valid after it starts."))
    if not booking.screens.filter(pk=screen.pk).exists():
        raise _refuse("screen", _("%(screen)s is not booked for this engagement.") % {"screen": screen.name})
    if not screen.certificate_thumbprint:
        raise _refuse(
            "screen",
            _("%(screen)s has no server certificate thumbprint: a key cannot be made for it.")
            % {"screen": screen.name},
        )
    start, end = selectors.booking_local_bounds(booking)
    if valid_from < start:
        raise _refuse(
            "valid_from",
            _("The key cannot be valid before the engagement starts, %(start)s (%(zone)s).")
            % {"start": _moment(start), "zone": booking.cinema.time_zone},
        )
    if valid_until > end:
        raise _refuse(
            "valid_until",
            _("The key cannot be valid after the engagement ends, %(end)s (%(zone)s).")
            % {"end": _moment(end), "zone": booking.cinema.time_zone},
        )
    kdm = KdmRequest(
        booking=booking,
        screen=screen,
        valid_from=selectors.utc(valid_from),
        valid_until=selectors.utc(valid_until),
        requested_by=actor,
    )
    _clean_and_save(kdm)
    return kdm


# --- deliveries ---------------------------------------------------------------------------------


def missing_languages(licence: Licence, version: FilmVersion, subtitle_languages: Iterable[str]) -> list[str]:
    """Languages the licence names that the delivery carries neither as audio nor as subtitles."""
    covered = {version.audio_language.lower()} | {s.lower() for s in subtitle_languages}
    return [language for language in licence.languages if language not in covered]


@transaction.atomic
def delivery_create(
    *,
    actor: User | None,
    deal: Deal,
    version: FilmVersion,
    subtitle_tracks: Sequence[SubtitleTrack],
    delivered_on: date,
) -> Delivery:
    """Record a version delivered to the platform with its subtitle tracks; licensed languages with
    neither audio nor subtitles are flagged in `missing_languages`, not refused (they may follow)."""
    deal = _lock_deal(deal)
    _require(actor, policy.EXHIBITION_EDIT, deal.licensee)
    _require_active(deal)
    if version.film_id != deal.film_id:
        raise _refuse("version", _("This version is not of the deal's film."))
    tracks = list(subtitle_tracks)
    if any(t.version_id != version.pk for t in tracks):
        raise _refuse("subtitle_tracks", _("Every subtitle track must belong to the delivered version."))
    missing = missing_languages(selectors.deal_licence(deal=deal), version, (t.language_code for t in tracks))
    delivery = Delivery(
        deal=deal,
        version=version,
        delivered_on=delivered_on,
        missing_languages=" ".join(missing),
        created_by=actor,
    )
    _clean_and_save(delivery)
    delivery.subtitle_tracks.set(tracks)
    return delivery


# --- reports ------------------------------------------------------------------------------------


class _Problems:
    """Collects a report's problems up to the limit."""

    def __init__(self, initial: Iterable[ReportProblem] = ()) -> None:
        self.items: list[ReportProblem] = list(initial)
        self.truncated = False

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.items) >= reports.MAX_PROBLEMS:
            self.truncated = True
            return
        self.items.append(ReportProblem(row, column, message))

    def cell(self, row: int, column: str, read: Callable[[str], T], text: str) -> T | None:
        try:
            return read(text)
        except CellError as error:
            self.add(row, column, error.message)
            return None

    @property
    def full(self) -> bool:
        return len(self.items) >= reports.MAX_PROBLEMS

    def raise_if_any(self) -> None:
        if self.items:
            raise ReportRefused(self.items[: reports.MAX_PROBLEMS], truncated=self.truncated)


def _report_table(
    *,
    source: str,
    content: bytes | None,
    rows: Sequence[Mapping[str, Any]] | None,
    columns: Sequence[str],
    optional: Sequence[str] = (),
) -> reports.Table:
    source = str(getattr(source, "value", source))
    if source not in ReportSource.values:
        raise _refuse("source", _("“%(value)s” is not a valid choice.") % {"value": source})
    if source == ReportSource.FORM:
        if rows is None:
            raise _refuse("rows", _("The report has no rows."))
        return reports.table_from_rows(rows, columns=columns, optional=optional)
    if not content:
        raise _refuse("file", _("The file is empty."))
    return reports.read_table(content, source=source, columns=columns, optional=optional)


def _require_reportable(deal: Deal) -> None:
    if deal.status not in REPORTABLE_STATUSES:
        raise _refuse(
            "deal",
            _("Deal %(reference)s was never signed by both parties: there is nothing to report under it.")
            % {"reference": deal.reference},
        )


@dataclass(frozen=True, slots=True)
class _BookingWeeks:
    booking: Booking
    screens: Mapping[str, Screen]  # by folded name


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _bookings_by_cinema(deal: Deal) -> dict[str, list[_BookingWeeks]]:
    found: dict[str, list[_BookingWeeks]] = {}
    bookings = (
        Booking.objects.filter(deal=deal, status=BookingStatus.CONFIRMED)
        .select_related("cinema")
        .prefetch_related("screens")
        .order_by("first_day", "pk")
    )
    for booking in bookings:
        found.setdefault(_fold(booking.cinema.name), []).append(
            _BookingWeeks(booking, {_fold(s.name): s for s in booking.screens.all()})
        )
    return found


def _booking_of_week(
    candidates: Sequence[_BookingWeeks], week_start: date, screen: str, problems: _Problems, row: int
) -> _BookingWeeks | None:
    covering = [c for c in candidates if c.booking.first_day <= week_start <= c.booking.last_day]
    # Two bookings of one cinema may overlap on different screens: the row's screen decides.
    chosen = next((c for c in covering if _fold(screen) in c.screens), covering[0] if covering else None)
    if chosen is not None:
        first_day = chosen.booking.first_day
        if (week_start - first_day).days % 7:
            problems.add(
                row,
                "week_start",
                _("Film weeks of this booking start every seven days from %(first)s; %(day)s is not one.")
                % {"first": first_day.isoformat(), "day": week_start.isoformat()},
            )
            return None
        return chosen
    spans = ", ".join(
        f"{c.booking.first_day.isoformat()}–{c.booking.last_day.isoformat()}" for c in candidates
    )
    problems.add(
        row,
        "week_start",
        _("%(day)s is outside the bookings of this cinema (%(spans)s).")
        % {"day": week_start.isoformat(), "spans": spans},
    )
    return None


def _box_office_entry(
    row: int,
    cells: Mapping[str, str],
    *,
    bookings: Mapping[str, Sequence[_BookingWeeks]],
    problems: _Problems,
) -> BoxOfficeEntry | None:
    """One row checked into an unsaved entry, or None with its problems recorded."""
    candidates = bookings.get(_fold(cells["cinema"]))
    week_start = problems.cell(row, "week_start", reports.read_date, cells["week_start"])
    admissions = problems.cell(row, "admissions", reports.read_count, cells["admissions"])
    if not candidates:
        if cells["cinema"]:
            message = _("“%(cinema)s” has no booking under this deal.") % {"cinema": cells["cinema"]}
        else:
            message = _("This cell is empty; write the cinema's name.")
        problems.add(row, "cinema", message)
        return None
    found = (
        None
        if week_start is None
        else _booking_of_week(candidates, week_start, cells["screen"], problems, row)
    )
    # Without a week to place the row, the cinema's first booking still says its screens and currency.
    placed = found or candidates[0]
    screen = placed.screens.get(_fold(cells["screen"]))
    if screen is None:
        problems.add(
            row,
            "screen",
            _("“%(screen)s” is not a booked screen of %(cinema)s (booked: %(screens)s).")
            % {
                "screen": cells["screen"],
                "cinema": cells["cinema"],
                "screens": ", ".join(sorted(s.name for s in placed.screens.values())),
            },
        )
    currency = placed.booking.currency
    written_currency = cells.get("currency", "")
    if written_currency and written_currency.strip().upper() != currency:
        problems.add(
            row,
            "currency",
            _("This booking reports in %(currency)s, not “%(value)s”.")
            % {"currency": currency, "value": written_currency},
        )
    amounts = {
        column: problems.cell(row, column, lambda t: reports.read_amount(t, currency=currency), cells[column])
        for column in ("gross", "taxes", "levies")
    }
    gross, taxes, levies = amounts["gross"], amounts["taxes"], amounts["levies"]
    if gross is not None and taxes is not None and levies is not None and taxes + levies > gross:
        problems.add(
            row,
            "taxes",
            _("Taxes and levies (%(deductions)s) exceed the gross (%(gross)s).")
            % {"deductions": taxes + levies, "gross": gross},
        )
        return None
    if (
        found is None
        or screen is None
        or admissions is None
        or gross is None
        or taxes is None
        or levies is None
    ):
        return None
    assert week_start is not None  # noqa: S101 (found implies it)
    return BoxOfficeEntry(
        row_number=row,
        booking=found.booking,
        screen=screen,
        week_start=week_start,
        playing_week=(week_start - found.booking.first_day).days // 7 + 1,
        admissions=admissions,
        gross=gross,
        taxes=taxes,
        levies=levies,
        currency=currency,
    )


def _check_box_office_duplicates(entries: Sequence[BoxOfficeEntry], problems: _Problems) -> None:
    seen: dict[tuple[int, int, date], int] = {}
    for entry in entries:
        key = (entry.booking_id, entry.screen_id, entry.week_start)
        if key in seen:
            problems.add(
                entry.row_number,
                "week_start",
                _("Row %(row)d already reports this screen and week.") % {"row": seen[key]},
            )
        else:
            seen[key] = entry.row_number
    if not entries:
        return
    reported = BoxOfficeEntry.objects.filter(
        booking_id__in={e.booking_id for e in entries}, week_start__in={e.week_start for e in entries}
    ).values_list("booking_id", "screen_id", "week_start", "upload_id")
    earlier = {(b, s, w): upload for b, s, w, upload in reported}
    for entry in entries:
        upload = earlier.get((entry.booking_id, entry.screen_id, entry.week_start))
        if upload is not None:
            problems.add(
                entry.row_number,
                "week_start",
                _("The week from %(day)s on %(screen)s was already reported (report #%(report)d).")
                % {"day": entry.week_start.isoformat(), "screen": entry.screen.name, "report": upload},
            )


def _new_upload(
    *, actor: User | None, deal: Deal, kind: str, source: str, filename: str, count: int
) -> ReportUpload:
    upload = ReportUpload(
        deal=deal,
        kind=kind,
        source=str(getattr(source, "value", source)),
        filename=(filename or "")[:255],
        row_count=count,
        uploaded_by=actor,
    )
    _clean_and_save(upload)
    return upload


@transaction.atomic
def box_office_import(
    *,
    actor: User | None,
    deal: Deal,
    source: ReportSource | str,
    content: bytes | None = None,
    filename: str = "",
    rows: Sequence[Mapping[str, Any]] | None = None,
) -> ReportUpload:
    """Accept weekly box office per screen and film week (form, CSV or XLSX) under the deal's bookings,
    all or nothing: every problem of the report is named by row and column and nothing is saved."""
    deal = _lock_deal(deal)
    _require(actor, policy.REPORTS_SUBMIT, deal.licensee)
    _require_reportable(deal)
    table = _report_table(
        source=source,
        content=content,
        rows=rows,
        columns=reports.BOX_OFFICE_COLUMNS,
        optional=reports.BOX_OFFICE_OPTIONAL,
    )
    problems = _Problems(table.problems)
    bookings = _bookings_by_cinema(deal)
    entries = []
    for row, cells in table.rows:
        if problems.full:
            problems.truncated = True
            break
        entry = _box_office_entry(row, cells, bookings=bookings, problems=problems)
        if entry is not None:
            entries.append(entry)
    _check_box_office_duplicates(entries, problems)
    problems.raise_if_any()
    upload = _new_upload(
        actor=actor,
        deal=deal,
        kind=ReportKind.BOX_OFFICE,
        source=source,
        filename=filename,
        count=len(entries),
    )
    for entry in entries:
        entry.upload = upload
    BoxOfficeEntry.objects.bulk_create(entries)
    return upload


def _usage_entry(
    row: int, cells: Mapping[str, str], *, deal: Deal, licence: Licence, problems: _Problems
) -> UsageEntry | None:
    month = problems.cell(row, "month", reports.read_month, cells["month"])
    if month is not None:
        next_month = (month + timedelta(days=32)).replace(day=1)
        if not (month < licence.end and next_month > licence.start):
            problems.add(
                row,
                "month",
                _("%(month)s is outside the licence term (%(start)s to %(last)s).")
                % {
                    "month": month.strftime("%Y-%m"),
                    "start": licence.start.isoformat(),
                    "last": (licence.end - timedelta(days=1)).isoformat(),
                },
            )
            month = None
    territory = cells["territory"].strip().upper()
    if not is_country_code(territory):
        problems.add(row, "territory", _("“%(code)s” is not a country code.") % {"code": cells["territory"]})
        territory = ""
    elif not licence.covers_country(territory):
        problems.add(row, "territory", _("The licence does not cover %(country)s.") % {"country": territory})
        territory = ""
    media = cells["media"].strip().upper()
    if not licence.covers_media_code(media):
        problems.add(
            row,
            "media",
            _("“%(media)s” is not a medium this deal licenses (%(licensed)s).")
            % {"media": cells["media"], "licensed": ", ".join(licence.media_codes)},
        )
        media = ""
    views = problems.cell(row, "views", reports.read_count, cells["views"])
    minutes = problems.cell(row, "minutes", reports.read_count, cells["minutes"])
    currency = problems.cell(row, "currency", reports.read_currency, cells["currency"])
    revenue = None
    if currency is not None:
        revenue = problems.cell(
            row, "revenue", lambda t: reports.read_amount(t, currency=currency), cells["revenue"]
        )
    if month is None or not territory or not media or views is None or minutes is None or revenue is None:
        return None
    assert currency is not None  # noqa: S101 (revenue implies it)
    return UsageEntry(
        row_number=row,
        deal=deal,
        month=month,
        territory=territory,
        media=media,
        views=views,
        minutes=minutes,
        revenue=revenue,
        currency=currency,
    )


def _check_usage_duplicates(deal: Deal, entries: Sequence[UsageEntry], problems: _Problems) -> None:
    seen: dict[tuple[date, str, str], int] = {}
    for entry in entries:
        key = (entry.month, entry.territory, entry.media)
        if key in seen:
            problems.add(
                entry.row_number,
                "month",
                _("Row %(row)d already reports this month, country and medium.") % {"row": seen[key]},
            )
        else:
            seen[key] = entry.row_number
    if not entries:
        return
    reported = UsageEntry.objects.filter(deal=deal, month__in={e.month for e in entries}).values_list(
        "month", "territory", "media", "upload_id"
    )
    earlier = {(m, t, media): upload for m, t, media, upload in reported}
    for entry in entries:
        upload = earlier.get((entry.month, entry.territory, entry.media))
        if upload is not None:
            problems.add(
                entry.row_number,
                "month",
                _("%(month)s in %(country)s (%(media)s) was already reported (report #%(report)d).")
                % {
                    "month": entry.month.strftime("%Y-%m"),
                    "country": entry.territory,
                    "media": entry.media,
                    "report": upload,
                },
            )


@transaction.atomic
def usage_import(
    *,
    actor: User | None,
    deal: Deal,
    source: ReportSource | str,
    content: bytes | None = None,
    filename: str = "",
    rows: Sequence[Mapping[str, Any]] | None = None,
) -> ReportUpload:
    """Accept monthly platform usage (views, minutes, revenue per month, country and medium), all or
    nothing, inside the licence: its term, territories and media."""
    deal = _lock_deal(deal)
    _require(actor, policy.REPORTS_SUBMIT, deal.licensee)
    _require_reportable(deal)
    table = _report_table(source=source, content=content, rows=rows, columns=reports.USAGE_COLUMNS)
    problems = _Problems(table.problems)
    licence = selectors.deal_licence(deal=deal)
    entries = []
    for row, cells in table.rows:
        if problems.full:
            problems.truncated = True
            break
        entry = _usage_entry(row, cells, deal=deal, licence=licence, problems=problems)
        if entry is not None:
            entries.append(entry)
    _check_usage_duplicates(deal, entries, problems)
    problems.raise_if_any()
    upload = _new_upload(
        actor=actor, deal=deal, kind=ReportKind.USAGE, source=source, filename=filename, count=len(entries)
    )
    for entry in entries:
        entry.upload = upload
    UsageEntry.objects.bulk_create(entries)
    return upload


# --- money --------------------------------------------------------------------------------------


@transaction.atomic
def expense_record(
    *,
    actor: User | None,
    deal: Deal,
    incurred_on: date,
    description: str,
    amount: Decimal | str,
    currency: str,
) -> Expense:
    """Record a recoupable expense of the licensee (prints, advertising, subtitling) in its currency."""
    deal = _lock_deal(deal)
    _require(actor, policy.REPORTS_SUBMIT, deal.licensee)
    _require_reportable(deal)
    currency = _currency(currency)
    expense = Expense(
        deal=deal,
        incurred_on=incurred_on,
        description=_text(description, "description"),
        amount=_amount(amount, currency=currency, field="amount", positive=True),
        currency=currency,
        recorded_by=actor,
    )
    _clean_and_save(expense)
    return expense


@transaction.atomic
def payment_record(
    *,
    actor: User | None,
    deal: Deal,
    kind: PaymentKind | str,
    paid_on: date,
    amount: Decimal | str,
    reference: str = "",
) -> Payment:
    """Record money the licensee paid the licensor, in the deal's currency; an editor of either party may.

    The licensor's word settles it; a payment the licensee records waits for the licensor to confirm
    receiving it (`payment_confirm`) before statements count it, and the licensor is told.
    """
    deal = _lock_deal(deal)
    _require_either(actor, policy.REPORTS_SUBMIT, (deal.licensee, deal.licensor))
    _require_reportable(deal)
    kind = str(getattr(kind, "value", kind))
    if kind not in PaymentKind.values:
        raise _refuse("kind", _("“%(value)s” is not a valid choice.") % {"value": kind})
    currency = selectors.deal_currency(deal=deal)
    by_licensor = actor is None or policy.can(actor, policy.REPORTS_SUBMIT, deal.licensor)
    payment = Payment(
        deal=deal,
        kind=kind,
        paid_on=paid_on,
        amount=_amount(amount, currency=currency, field="amount", positive=True),
        reference=_text(reference, "reference", required=False),
        recorded_by=actor,
        awaiting_confirmation=not by_licensor,
        confirmed_by=actor if by_licensor else None,
        confirmed_at=timezone.now() if by_licensor else None,
    )
    _clean_and_save(payment)
    if payment.awaiting_confirmation:
        _ask_licensor_to_confirm(payment, actor=actor, currency=currency)
    return payment


def _ask_licensor_to_confirm(payment: Payment, *, actor: User | None, currency: str) -> None:
    deal = payment.deal
    notify_organisation(
        organisation=deal.licensor,
        exclude=actor,
        kind="payment.recorded",
        subject=gettext_lazy("%(licensee)s recorded a payment under deal %(reference)s"),
        body=gettext_lazy(
            "%(licensee)s says it paid %(amount)s %(currency)s on %(day)s. Statements count it once you "
            "confirm you received it."
        ),
        params={
            "licensee": in_reader_language(deal.licensee.translations.all(), "name", deal.licensee.name),
            "reference": deal.reference,
            "amount": f"{payment.amount:f}",
            "currency": currency,
            "day": payment.paid_on.isoformat(),
        },
        link=lambda: reverse("exhibition:payments", args=[deal.reference]),
    )


@transaction.atomic
def payment_confirm(*, actor: User, payment: Payment) -> Payment:
    """The licensor confirms it received a payment the licensee recorded; statements count it from now."""
    deal = _lock_deal(payment.deal)
    policy.require(actor, policy.REPORTS_SUBMIT, deal.licensor)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if not payment.awaiting_confirmation:
        raise _refuse("payment", _("This payment is already confirmed."))
    payment.awaiting_confirmation = False
    payment.confirmed_by = actor
    payment.confirmed_at = timezone.now()
    payment.save(update_fields=["awaiting_confirmation", "confirmed_by", "confirmed_at"])
    return payment


def _rate(value: Decimal | str | int) -> Decimal:
    if isinstance(value, str):
        text = to_ascii_digits(value).strip().replace("\u066b", ".").replace(",", ".")
        try:
            rate = Decimal(text)
        except InvalidOperation:
            raise _refuse("rate", _("“%(value)s” is not a number.") % {"value": value}) from None
    else:
        rate = Decimal(value)
    if not rate.is_finite() or rate <= 0:
        raise _refuse("rate", _("A rate is a number above zero."))
    # The column holds 28 digits, 12 of them after the decimal mark.
    if rate.adjusted() >= 16 or rate != rate.quantize(Decimal("1e-12")):
        raise _refuse("rate", _("A rate has at most 16 digits before the decimal mark and 12 after it."))
    return rate


@transaction.atomic
def exchange_rate_record(
    *,
    actor: User | None,
    base: str,
    quote: str,
    on: date,
    rate: Decimal | str,
    source: str = "",
) -> ExchangeRate:
    """Record that one `base` bought `rate` `quote` on a day (one rate per pair and day), citing its source."""
    if actor is not None and not policy.can_anywhere(actor, policy.EXCHANGE_RATES_RECORD):
        raise PermissionDenied(_("You do not have permission to record exchange rates."))
    base = _currency(base, "base")
    quote = _currency(quote, "quote")
    if base == quote:
        raise _refuse("quote", _("A rate converts between two different currencies."))
    record = ExchangeRate(
        base=base,
        quote=quote,
        on=on,
        rate=_rate(rate),
        source=_text(source, "source", required=False),
        recorded_by=actor,
    )
    _clean_and_save(
        record,
        unique_field="on",
        unique_message=_("A rate from %(base)s to %(quote)s on %(day)s is already recorded.")
        % {"base": base, "quote": quote, "day": on.isoformat()},
    )
    return record
