"""Writes to the directory of studios, locations and specialists (MoU areas 6 and 3): listings, stages,
location photos, closures, booking requests and invitations from projects.

A studio, location or specialist is listed and answered for by the editors of the organisation that
lists it (`access.directory_require_manage`). A booking request is made by the editors of the requesting
organisation for days that are free: days overlapping an accepted booking or a closure are refused with
those dates named. Accepting re-checks the same under a lock on the studio's (location's) row, so that
two accepts made at the same moment cannot both take the same days. A booking of a studio without a
stage takes the whole studio; a booking of a stage takes that stage (and a whole-studio booking takes
every stage). Invitations are sent by the editors of a project's co-producers to a specialist for a
post and days within the specialist's availability, and answered by the specialist's organisation.
Every step tells the other party, in each reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Person
from cinebridge.catalogue.posters import ALLOWED_FORMATS, MIN_SIDE_PX
from cinebridge.coproduction.models import (
    Booking,
    Capability,
    Closure,
    CreativeRole,
    Invitation,
    Location,
    LocationPhoto,
    Project,
    RequestStatus,
    Specialist,
    Stage,
    Studio,
)
from cinebridge.coproduction.selectors import access
from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_country_code, is_language_code
from cinebridge.notifications.services import (
    in_reader_language,
    names_in_reader_language,
    notify_organisation,
)

__all__ = [
    "booking_accept",
    "booking_decline",
    "booking_request",
    "booking_withdraw",
    "closure_add",
    "invitation_accept",
    "invitation_create",
    "invitation_decline",
    "invitation_withdraw",
    "location_create",
    "location_photo_add",
    "location_update",
    "specialist_create",
    "specialist_update",
    "stage_add",
    "studio_create",
    "studio_update",
]

Facility = Studio | Location

# --- shared steps ----------------------------------------------------------------------------------


def _refuse(field: str | None, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"field": field})


def _clean_and_save(instance: models.Model, *, exclude: Sequence[str] = ()) -> None:
    """full_clean() then save; a field's validation error becomes an ApplicationError naming it."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise _refuse(None if field == "__all__" else field, " ".join(messages)) from None
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise _refuse(None, _("This conflicts with a change made meanwhile; reload and try again.")) from None


def _text(value: str | None, field: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _refuse(field, _("This field is required."))
    return value


def _names(value: Mapping[str, str] | None, field: str, *, required: bool = True) -> dict[str, str]:
    """A {language: text} map, trimmed, without empty entries; at least one text when required."""
    if value is not None and not isinstance(value, Mapping):
        raise _refuse(field, _("Give the text per language."))
    cleaned = {str(k).strip(): str(v).strip() for k, v in (value or {}).items() if str(v or "").strip()}
    for code in cleaned:
        if not is_language_code(code):
            raise _refuse(field, _("“%(code)s” is not a language code.") % {"code": code})
    if required and not cleaned:
        raise _refuse(field, _("Give the name in at least one language."))
    return cleaned


def _country(value: str, field: str = "country") -> str:
    code = (value or "").strip().upper()
    if not is_country_code(code):
        raise _refuse(field, _("“%(value)s” is not a country code such as IR or BY.") % {"value": value})
    return code


def _choices(values: Iterable[str], allowed: Sequence[str], field: str) -> list[str]:
    """Codes of a vocabulary, each once, in the order given; an unknown one is refused by name."""
    chosen: list[str] = []
    for value in values:
        code = str(value).strip()
        if code not in allowed:
            raise _refuse(field, _("“%(value)s” is not one of the choices.") % {"value": code})
        if code not in chosen:
            chosen.append(code)
    return chosen


def _languages(values: Iterable[str], field: str = "languages") -> list[str]:
    chosen: list[str] = []
    for value in values:
        code = str(value).strip().lower()
        if not is_language_code(code):
            raise _refuse(field, _("“%(code)s” is not a language code.") % {"code": code})
        if code not in chosen:
            chosen.append(code)
    return chosen


def _metres_or_none(value: Decimal | str | None, field: str) -> Decimal | None:
    return None if value is None or value == "" else _metres(value, field)


def _metres(value: Decimal | str | None, field: str) -> Decimal:
    if value is None or value == "":
        raise _refuse(field, _("This field is required."))
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _refuse(field, _("Give a number of metres, such as 24.5.")) from None
    if not amount.is_finite() or amount <= 0:
        raise _refuse(field, _("Give a size greater than zero."))
    return amount


def _slug_free(model: type[Studio] | type[Location] | type[Specialist], slug: str) -> str:
    slug = (slug or "").strip().lower()
    if slug and model.objects.filter(slug=slug).exists():
        raise _refuse("slug", _("The address “%(slug)s” is taken; choose another.") % {"slug": slug})
    return slug


Listing = TypeVar("Listing", Studio, Location, Specialist)
ListingData = TypeVar("ListingData")


def _save_listing(
    listing: Listing, *, actor: User, apply: Callable[[Listing, ListingData], None], data: ListingData
) -> Listing:
    """Write what a form says into a studio, location or specialist, for the editors of the organisation
    that lists it; a new listing's address must be free."""
    access.directory_require_manage(viewer=actor, organisation=listing.organisation)
    if listing.pk is None:
        listing.slug = _slug_free(type(listing), listing.slug)
    apply(listing, data)
    return listing


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _span(starts_on: date, ends_on: date) -> str:
    if starts_on == ends_on:
        return _day(starts_on)
    return _("%(start)s to %(end)s") % {"start": _day(starts_on), "end": _day(ends_on)}


def _check_dates(starts_on: date | None, ends_on: date | None) -> tuple[date, date]:
    if not isinstance(starts_on, date):
        raise _refuse("starts_on", _("Give the first day."))
    if not isinstance(ends_on, date):
        raise _refuse("ends_on", _("Give the last day."))
    if ends_on < starts_on:
        raise _refuse("ends_on", _("The last day comes before the first."))
    return starts_on, ends_on


# --- notifications ---------------------------------------------------------------------------------

_MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "booking.requested": (
        gettext_lazy("%(party)s asks to book %(facility)s"),
        gettext_lazy(
            "%(party)s asks to book %(facility)s from %(start)s to %(end)s. Accept or decline it.%(note)s"
        ),
    ),
    "booking.accepted": (
        gettext_lazy("%(party)s accepted your booking of %(facility)s"),
        gettext_lazy("The days from %(start)s to %(end)s are yours.%(note)s"),
    ),
    "booking.declined": (
        gettext_lazy("%(party)s declined your booking of %(facility)s"),
        gettext_lazy("Your request for the days from %(start)s to %(end)s was declined.%(note)s"),
    ),
    "booking.withdrawn": (
        gettext_lazy("%(party)s withdrew a booking of %(facility)s"),
        gettext_lazy("The days from %(start)s to %(end)s are no longer asked for.%(note)s"),
    ),
    "invitation.sent": (
        gettext_lazy("%(party)s invites %(specialist)s to %(project)s"),
        gettext_lazy(
            "%(party)s invites %(specialist)s to work as %(role)s on %(project)s from %(start)s to %(end)s. "
            "Accept or decline it.%(note)s"
        ),
    ),
    "invitation.accepted": (
        gettext_lazy("%(specialist)s accepted the invitation to %(project)s"),
        gettext_lazy("%(party)s accepted: %(role)s, from %(start)s to %(end)s.%(note)s"),
    ),
    "invitation.declined": (
        gettext_lazy("%(specialist)s declined the invitation to %(project)s"),
        gettext_lazy("%(party)s declined the invitation for %(role)s from %(start)s to %(end)s.%(note)s"),
    ),
    "invitation.withdrawn": (
        gettext_lazy("%(party)s withdrew the invitation of %(specialist)s"),
        gettext_lazy("The invitation to %(project)s from %(start)s to %(end)s was withdrawn.%(note)s"),
    ),
}


def _organisation_name(organisation: Organisation) -> str:
    return in_reader_language(organisation.translations.all(), "name", organisation.name)


def _note(text: str) -> str:
    text = (text or "").strip()
    return lazy(lambda: "\n\n" + _("Their message: %(text)s") % {"text": text} if text else "", str)()


def _lazy_day(value: date) -> str:
    return lazy(lambda: _day(value), str)()


def _lazy_role(role: str) -> str:
    return lazy(lambda: str(CreativeRole(role).label), str)()


def _tell(
    *,
    kind: str,
    to: Iterable[Organisation],
    actor: User,
    params: Mapping[str, object],
    page: str,
) -> None:
    subject, body = _MESSAGES[kind]
    seen: set[int] = set()
    for organisation in to:
        if organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        notify_organisation(
            organisation=organisation,
            exclude=actor,
            kind=f"coproduction.{kind}",
            subject=subject,
            body=body,
            params=params,
            link=lambda: reverse(page),
        )


def _facility_of(booking: Booking) -> Facility:
    facility = booking.studio if booking.studio_id is not None else booking.location
    assert facility is not None  # noqa: S101 - the booking_of_one_facility constraint
    return facility


def _tell_booking(
    booking: Booking, *, kind: str, to: Organisation, actor: User, party: Organisation, note: str
) -> None:
    facility = _facility_of(booking)
    facility_name = names_in_reader_language(facility.names, facility.slug)
    name = facility_name
    if booking.stage is not None:
        stage_name = booking.stage.name
        name = lazy(lambda: f"{facility_name} ({stage_name})", str)()
    _tell(
        kind=kind,
        to=[to],
        actor=actor,
        params={
            "party": _organisation_name(party),
            "facility": name,
            "start": _lazy_day(booking.starts_on),
            "end": _lazy_day(booking.ends_on),
            "note": _note(note),
        },
        page="coproduction:booking_list",
    )


def _tell_invitation(
    invitation: Invitation,
    *,
    kind: str,
    to: Iterable[Organisation],
    actor: User,
    party: Organisation,
    note: str,
) -> None:
    specialist = invitation.specialist
    _tell(
        kind=kind,
        to=to,
        actor=actor,
        params={
            "party": _organisation_name(party),
            "specialist": names_in_reader_language(specialist.names, specialist.slug),
            "project": names_in_reader_language(invitation.project.titles, invitation.project.slug),
            "role": _lazy_role(invitation.role),
            "start": _lazy_day(invitation.starts_on),
            "end": _lazy_day(invitation.ends_on),
            "note": _note(note),
        },
        page="coproduction:invitation_list",
    )


# --- studios and stages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StudioData:
    """What a studio's form says about it."""

    names: Mapping[str, str]
    country: str
    city: str
    region: str = ""
    descriptions: Mapping[str, str] | None = None
    capabilities: Sequence[str] = ()
    equipment: str = ""


def _apply_studio(studio: Studio, data: StudioData) -> None:
    studio.names = _names(data.names, "names")
    studio.descriptions = _names(data.descriptions, "descriptions", required=False)
    studio.country = _country(data.country)
    studio.region = _text(data.region, "region")
    studio.city = _text(data.city, "city", required=True)
    studio.capabilities = _choices(data.capabilities, Capability.values, "capabilities")
    studio.equipment = _text(data.equipment, "equipment")
    _clean_and_save(studio)


@transaction.atomic
def studio_create(*, actor: User, organisation: Organisation, slug: str, data: StudioData) -> Studio:
    """List a studio the organisation operates."""
    return _save_listing(
        Studio(organisation=organisation, slug=slug), actor=actor, apply=_apply_studio, data=data
    )


@transaction.atomic
def studio_update(*, actor: User, studio: Studio, data: StudioData) -> Studio:
    """Change what the directory says about a studio."""
    return _save_listing(studio, actor=actor, apply=_apply_studio, data=data)


@transaction.atomic
def stage_add(
    *,
    actor: User,
    studio: Studio,
    name: str,
    width_m: Decimal | str,
    length_m: Decimal | str,
    height_m: Decimal | str | None = None,
    features: str = "",
) -> Stage:
    """Add a stage, with its floor size (and height) in metres, to a studio."""
    access.directory_require_manage(viewer=actor, organisation=studio.organisation)
    name = _text(name, "name", required=True)
    if studio.stages.filter(name__iexact=name).exists():
        raise _refuse("name", _("The studio already has a stage called “%(name)s”.") % {"name": name})
    stage = Stage(
        studio=studio,
        name=name,
        width_m=_metres(width_m, "width_m"),
        length_m=_metres(length_m, "length_m"),
        height_m=_metres_or_none(height_m, "height_m"),
        features=_text(features, "features"),
    )
    _clean_and_save(stage)
    return stage


# --- locations and their photos --------------------------------------------------------------------


@dataclass(frozen=True)
class LocationData:
    """What a location's form says about it."""

    names: Mapping[str, str]
    country: str
    region: str
    descriptions: Mapping[str, str] | None = None
    permits_needed: str = ""


def _apply_location(location: Location, data: LocationData) -> None:
    location.names = _names(data.names, "names")
    location.descriptions = _names(data.descriptions, "descriptions", required=False)
    location.country = _country(data.country)
    location.region = _text(data.region, "region", required=True)
    location.permits_needed = _text(data.permits_needed, "permits_needed")
    _clean_and_save(location)


@transaction.atomic
def location_create(*, actor: User, organisation: Organisation, slug: str, data: LocationData) -> Location:
    """List a location the organisation manages (or offers line production for)."""
    return _save_listing(
        Location(organisation=organisation, slug=slug), actor=actor, apply=_apply_location, data=data
    )


@transaction.atomic
def location_update(*, actor: User, location: Location, data: LocationData) -> Location:
    return _save_listing(location, actor=actor, apply=_apply_location, data=data)


def _checked_photo(upload: UploadedFile) -> UploadedFile:
    """The upload renamed by its real format, or a refusal naming the photo field (read with Pillow)."""
    if upload is None:
        raise _refuse("image", _("Choose a photo to upload."))
    if upload.size is not None and upload.size > settings.POSTER_MAX_BYTES:
        raise _refuse(
            "image", _("The photo is larger than %(max)s MB.") % {"max": settings.POSTER_MAX_BYTES // 2**20}
        )
    try:
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
            if width * height > settings.POSTER_MAX_PIXELS:
                raise _refuse("image", _("The photo has too many pixels."))
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise _refuse("image", _("The photo is not an image we can read (use JPEG, PNG or WebP).")) from exc
    if image_format not in ALLOWED_FORMATS:
        raise _refuse("image", _("Photos must be JPEG, PNG or WebP."))
    if min(width, height) < MIN_SIDE_PX:
        raise _refuse(
            "image", _("The photo is too small (at least %(px)s pixels on each side).") % {"px": MIN_SIDE_PX}
        )
    upload.seek(0)
    upload.name = f"location.{ALLOWED_FORMATS[str(image_format)]}"
    return upload


@transaction.atomic
def location_photo_add(
    *, actor: User, location: Location, image: UploadedFile, caption: str = ""
) -> LocationPhoto:
    """Add a photo (a real JPEG, PNG or WebP image) to a location, after its other photos."""
    access.directory_require_manage(viewer=actor, organisation=location.organisation)
    checked = _checked_photo(image)
    last = location.photos.aggregate(last=models.Max("position"))["last"]
    photo = LocationPhoto(
        location=location,
        image=checked,
        caption=_text(caption, "caption"),
        position=0 if last is None else last + 1,
    )
    _clean_and_save(photo)
    return photo


# --- days taken: closures and accepted bookings ----------------------------------------------------


def _taken(
    facility: Facility, *, starts_on: date, ends_on: date, stage: Stage | None, exclude: Booking | None = None
) -> list[tuple[date, date]]:
    """The spans of closures and accepted bookings of the facility overlapping the days asked for.

    Spans are inclusive: a booking ending the day before another starts does not overlap it; one ending
    on that day does. A whole-studio booking takes every stage; a stage's booking takes the studio as a
    whole and that stage, not the other stages.
    """
    overlapping = Q(starts_on__lte=ends_on, ends_on__gte=starts_on)
    if isinstance(facility, Studio):
        closures = Closure.objects.filter(overlapping, studio=facility)
        bookings = Booking.objects.filter(overlapping, studio=facility, status=RequestStatus.ACCEPTED)
        if stage is not None:
            bookings = bookings.filter(Q(stage__isnull=True) | Q(stage=stage))
    else:
        closures = Closure.objects.filter(overlapping, location=facility)
        bookings = Booking.objects.filter(overlapping, location=facility, status=RequestStatus.ACCEPTED)
    if exclude is not None:
        bookings = bookings.exclude(pk=exclude.pk)
    spans = {(c.starts_on, c.ends_on) for c in closures.only("starts_on", "ends_on")}
    spans |= {(b.starts_on, b.ends_on) for b in bookings.only("starts_on", "ends_on")}
    return sorted(spans)


def _refuse_taken(spans: Sequence[tuple[date, date]], field: str | None = "starts_on") -> ApplicationError:
    listed = "; ".join(_span(start, end) for start, end in spans)
    return _refuse(
        field,
        _("These days are already taken (booked or closed): %(dates)s. Choose other days.")
        % {"dates": listed},
    )


@transaction.atomic
def closure_add(
    *,
    actor: User,
    studio: Studio | None = None,
    location: Location | None = None,
    starts_on: date,
    ends_on: date,
    reason: str = "",
) -> Closure:
    """Close a studio or a location for some days; days already given to an accepted booking are refused."""
    if (studio is None) == (location is None):
        raise _refuse(None, _("Close either a studio or a location."))
    facility: Facility = studio if studio is not None else location  # type: ignore[assignment]
    access.directory_require_manage(viewer=actor, organisation=facility.organisation)
    starts_on, ends_on = _check_dates(starts_on, ends_on)
    _lock(facility)
    overlapping = Q(starts_on__lte=ends_on, ends_on__gte=starts_on, status=RequestStatus.ACCEPTED)
    booked = (
        Booking.objects.filter(overlapping, studio=facility)
        if isinstance(facility, Studio)
        else Booking.objects.filter(overlapping, location=facility)
    )
    spans = sorted({(b.starts_on, b.ends_on) for b in booked})
    if spans:
        listed = "; ".join(_span(start, end) for start, end in spans)
        raise _refuse(
            "starts_on",
            _("Accepted bookings hold some of these days: %(dates)s. Close other days.") % {"dates": listed},
        )
    closure = Closure(
        studio=studio, location=location, starts_on=starts_on, ends_on=ends_on, reason=_text(reason, "reason")
    )
    _clean_and_save(closure)
    return closure


def _lock(facility: Facility) -> Facility:
    """Lock the studio's or location's row until the transaction ends: its days are decided one at a time."""
    model: type[Studio] | type[Location] = type(facility)
    return model.objects.select_for_update().get(pk=facility.pk)


# --- booking requests ------------------------------------------------------------------------------


def _projects_of(organisation: Organisation) -> QuerySet[Project]:
    return Project.objects.filter(Q(lead=organisation) | Q(coproducers__organisation=organisation)).distinct()


@transaction.atomic
def booking_request(
    *,
    actor: User,
    requester: Organisation,
    studio: Studio | None = None,
    location: Location | None = None,
    stage: Stage | None = None,
    project: Project | None = None,
    starts_on: date,
    ends_on: date,
    message: str = "",
) -> Booking:
    """Ask to book a studio (or one of its stages) or a location for some free days; its operator is told."""
    policy.require(actor, policy.MEETINGS_REQUEST, requester)
    if (studio is None) == (location is None):
        raise _refuse(None, _("Book either a studio or a location."))
    facility: Facility = studio if studio is not None else location  # type: ignore[assignment]
    if facility.organisation_id == requester.pk:
        raise _refuse(
            "requester", _("This is your own organisation's; to keep days for yourself, close them instead.")
        )
    if stage is not None and (studio is None or stage.studio_id != studio.pk):
        raise _refuse("stage", _("Choose a stage of this studio."))
    starts_on, ends_on = _check_dates(starts_on, ends_on)
    if starts_on < timezone.localdate():
        raise _refuse("starts_on", _("The first day has passed; choose days to come."))
    if project is not None:
        if not _projects_of(requester).filter(pk=project.pk).exists():
            raise _refuse("project", _("The project must be one your organisation co-produces."))
        access.project_require_edit(viewer=actor, project=project)
    spans = _taken(facility, starts_on=starts_on, ends_on=ends_on, stage=stage)
    if spans:
        raise _refuse_taken(spans)
    booking = Booking(
        studio=studio,
        location=location,
        stage=stage,
        requester=requester,
        project=project,
        starts_on=starts_on,
        ends_on=ends_on,
        message=_text(message, "message"),
        requested_by=actor,
    )
    _clean_and_save(booking)
    _tell_booking(
        booking,
        kind="booking.requested",
        to=facility.organisation,
        actor=actor,
        party=requester,
        note=message,
    )
    return booking


def _booking_locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("studio__organisation", "location__organisation", "stage", "requester")
        .get(pk=booking.pk)
    )


def _require_status(status: str, allowed: Iterable[str], *, booking: bool) -> None:
    if status in allowed:
        return
    label = RequestStatus(status).label
    if booking:
        raise _refuse(None, _("This booking request is already “%(status)s”.") % {"status": label})
    raise _refuse(None, _("This invitation is already “%(status)s”.") % {"status": label})


@transaction.atomic
def booking_accept(*, actor: User, booking: Booking, reply: str = "") -> Booking:
    """The operator accepts a pending request; its days must still be free (checked under a row lock)."""
    facility = _facility_of(booking)
    access.directory_require_manage(viewer=actor, organisation=facility.organisation)
    _lock(facility)  # two accepts of the same facility wait for each other here
    current = _booking_locked(booking)
    _require_status(current.status, [RequestStatus.PENDING], booking=True)
    spans = _taken(
        facility, starts_on=current.starts_on, ends_on=current.ends_on, stage=current.stage, exclude=current
    )
    if spans:
        raise _refuse_taken(spans, field=None)
    current.status = RequestStatus.ACCEPTED
    current.reply = _text(reply, "reply")
    _clean_and_save(current)
    _tell_booking(
        current,
        kind="booking.accepted",
        to=current.requester,
        actor=actor,
        party=facility.organisation,
        note=reply,
    )
    return current


@transaction.atomic
def booking_decline(*, actor: User, booking: Booking, reply: str = "") -> Booking:
    """The operator declines a pending request; the requester is told."""
    facility = _facility_of(booking)
    access.directory_require_manage(viewer=actor, organisation=facility.organisation)
    current = _booking_locked(booking)
    _require_status(current.status, [RequestStatus.PENDING], booking=True)
    current.status = RequestStatus.DECLINED
    current.reply = _text(reply, "reply")
    _clean_and_save(current)
    _tell_booking(
        current,
        kind="booking.declined",
        to=current.requester,
        actor=actor,
        party=facility.organisation,
        note=reply,
    )
    return current


@transaction.atomic
def booking_withdraw(*, actor: User, booking: Booking, reply: str = "") -> Booking:
    """The requester withdraws a pending or accepted booking (its days are free again); the operator is told."""
    current = _booking_locked(booking)
    policy.require(actor, policy.MEETINGS_REQUEST, current.requester)
    _require_status(current.status, [RequestStatus.PENDING, RequestStatus.ACCEPTED], booking=True)
    current.status = RequestStatus.WITHDRAWN
    note = _text(reply, "reply")
    _clean_and_save(current)
    facility = _facility_of(current)
    _tell_booking(
        current,
        kind="booking.withdrawn",
        to=facility.organisation,
        actor=actor,
        party=current.requester,
        note=note,
    )
    return current


# --- specialists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpecialistData:
    """What a specialist's form says about them."""

    names: Mapping[str, str]
    country: str
    bios: Mapping[str, str] | None = None
    skills: Sequence[str] = ()
    languages: Sequence[str] = ()
    available_from: date | None = None
    available_until: date | None = None
    person: Person | None = None


def _apply_specialist(specialist: Specialist, data: SpecialistData) -> None:
    specialist.names = _names(data.names, "names")
    specialist.bios = _names(data.bios, "bios", required=False)
    specialist.country = _country(data.country)
    specialist.skills = _choices(data.skills, CreativeRole.values, "skills")
    if not specialist.skills:
        raise _refuse("skills", _("Choose at least one skill."))
    specialist.languages = _languages(data.languages)
    if data.available_from and data.available_until and data.available_until < data.available_from:
        raise _refuse("available_until", _("The end of the availability comes before its start."))
    specialist.available_from = data.available_from
    specialist.available_until = data.available_until
    specialist.person = data.person
    _clean_and_save(specialist)


@transaction.atomic
def specialist_create(
    *, actor: User, organisation: Organisation, slug: str, data: SpecialistData
) -> Specialist:
    """List a professional available to work on co-productions; the organisation answers invitations."""
    return _save_listing(
        Specialist(organisation=organisation, slug=slug), actor=actor, apply=_apply_specialist, data=data
    )


@transaction.atomic
def specialist_update(*, actor: User, specialist: Specialist, data: SpecialistData) -> Specialist:
    return _save_listing(specialist, actor=actor, apply=_apply_specialist, data=data)


# --- invitations -----------------------------------------------------------------------------------


def _acting_party(actor: User, project: Project) -> Organisation:
    """The co-producer the actor acts for: the first party of the project they are an editor of."""
    for party in access.project_parties(project):
        if policy.can(actor, policy.COPRODUCTION_EDIT, party):
            return party
    raise PermissionDenied(_("Only the co-producers' editors may change this project."))


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    project: Project,
    specialist: Specialist,
    role: str,
    starts_on: date,
    ends_on: date,
    message: str = "",
) -> Invitation:
    """Invite a specialist to a post on the project for days within their availability."""
    party = _acting_party(actor, project)
    role = _text(role, "role", required=True)
    if role not in CreativeRole.values:
        raise _refuse("role", _("“%(value)s” is not one of the choices.") % {"value": role})
    starts_on, ends_on = _check_dates(starts_on, ends_on)
    if starts_on < timezone.localdate():
        raise _refuse("starts_on", _("The first day has passed; choose days to come."))
    available_from, available_until = specialist.available_from, specialist.available_until
    if (available_from and starts_on < available_from) or (available_until and ends_on > available_until):
        if available_from and available_until:
            window = _span(available_from, available_until)
        elif available_from:
            window = _("from %(start)s") % {"start": _day(available_from)}
        else:
            window = _("until %(end)s") % {"end": _day(available_until)}  # type: ignore[arg-type]
        raise _refuse(
            "starts_on" if available_from and starts_on < available_from else "ends_on",
            _("%(dates)s is outside the days the specialist is available (%(window)s).")
            % {"dates": _span(starts_on, ends_on), "window": window},
        )
    invitation = Invitation(
        project=project,
        specialist=specialist,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        message=_text(message, "message"),
        invited_by=actor,
    )
    _clean_and_save(invitation)
    _tell_invitation(
        invitation,
        kind="invitation.sent",
        to=[specialist.organisation],
        actor=actor,
        party=party,
        note=message,
    )
    return invitation


def _invitation_locked(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("project__lead", "specialist__organisation")
        .get(pk=invitation.pk)
    )


def _answer(invitation: Invitation, *, actor: User, status: str, kind: str, reply: str) -> Invitation:
    current = _invitation_locked(invitation)
    organisation = current.specialist.organisation
    access.directory_require_manage(viewer=actor, organisation=organisation)
    _require_status(current.status, [RequestStatus.PENDING], booking=False)
    current.status = status
    current.reply = _text(reply, "reply")
    _clean_and_save(current)
    _tell_invitation(
        current,
        kind=kind,
        to=access.project_parties(current.project),
        actor=actor,
        party=organisation,
        note=reply,
    )
    return current


@transaction.atomic
def invitation_accept(*, actor: User, invitation: Invitation, reply: str = "") -> Invitation:
    """The specialist's organisation accepts; the project's co-producers are told."""
    return _answer(
        invitation, actor=actor, status=RequestStatus.ACCEPTED, kind="invitation.accepted", reply=reply
    )


@transaction.atomic
def invitation_decline(*, actor: User, invitation: Invitation, reply: str = "") -> Invitation:
    """The specialist's organisation declines; the project's co-producers are told."""
    return _answer(
        invitation, actor=actor, status=RequestStatus.DECLINED, kind="invitation.declined", reply=reply
    )


@transaction.atomic
def invitation_withdraw(*, actor: User, invitation: Invitation, reply: str = "") -> Invitation:
    """The project's editors withdraw a pending invitation; the specialist's organisation is told."""
    current = _invitation_locked(invitation)
    party = _acting_party(actor, current.project)
    _require_status(current.status, [RequestStatus.PENDING], booking=False)
    current.status = RequestStatus.WITHDRAWN
    note = _text(reply, "reply")
    _clean_and_save(current)
    _tell_invitation(
        current,
        kind="invitation.withdrawn",
        to=[current.specialist.organisation],
        actor=actor,
        party=party,
        note=note,
    )
    return current
