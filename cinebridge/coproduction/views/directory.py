"""The directory's pages (MoU areas 6 and 3): studios with their stages, locations with their photos,
each with a month's availability calendar; booking requests and their answers; specialists with their
catalogue credits, and invitations from projects.

Every signed-in person reads the directory. Listing and answering for a studio, location or specialist
is for the editors of the organisation that lists it; a booking's or an invitation's correspondence is
shown to its two parties only (the selectors return nothing else: a 404 for anyone else). The services
check every permission again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.coproduction.forms.directory import (
    AnswerForm,
    BookingRequestForm,
    ClosureForm,
    DirectoryFilterForm,
    InvitationForm,
    ListingForm,
    LocationForm,
    PhotoForm,
    SpecialistForm,
    StageForm,
    StudioForm,
)
from cinebridge.coproduction.models import Booking, Invitation, Location, RequestStatus, Specialist, Studio
from cinebridge.coproduction.selectors import access
from cinebridge.coproduction.selectors import directory as selectors
from cinebridge.coproduction.services import directory as services
from cinebridge.coproduction.views.common import attempt, signed_in
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.errors import ApplicationError

PAGE_SIZE = 20
Listing = Studio | Location | Specialist
FACILITIES = ("studios", "locations")

# --- helpers ---------------------------------------------------------------------------------------


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(to_ascii_digits(request.GET.get("page", "")))


def _month(request: HttpRequest) -> tuple[int, int]:
    """The month asked for (?month=2026-05, any digits), else the current one."""
    text = to_ascii_digits(request.GET.get("month", "")).strip()
    try:
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.year, today.month
    return year, month


def _facility(facility: str, slug: str) -> Studio | Location:
    if facility == "studios":
        return selectors.studio_get(slug=slug)
    if facility == "locations":
        return selectors.location_get(slug=slug)
    raise Http404


def _split(facility: Studio | Location) -> tuple[Studio | None, Location | None]:
    return (facility, None) if isinstance(facility, Studio) else (None, facility)


def _facility_url(facility: Studio | Location) -> str:
    name = "coproduction:studio_detail" if isinstance(facility, Studio) else "coproduction:location_detail"
    return reverse(name, kwargs={"slug": facility.slug})


def _list_page(
    request: HttpRequest, *, template: str, fields: tuple[str, ...], query: Callable[[Any], Any]
) -> HttpResponse:
    user = signed_in(request)
    form = DirectoryFilterForm(request.GET or None, fields=fields)
    page = _page(request, query(form.filters()))
    return render(
        request,
        template,
        {
            "filter_form": form,
            "page": page,
            "may_list": selectors.directory_organisations(viewer=user).exists(),
        },
    )


def _facility_page(request: HttpRequest, facility: Studio | Location, template: str) -> HttpResponse:
    user = signed_in(request)
    year, month = _month(request)
    may_manage = access.directory_may_manage(viewer=user, organisation=facility.organisation)
    may_book = selectors.requester_organisations(viewer=user, exclude=[facility.organisation]).exists()
    kind = "studios" if isinstance(facility, Studio) else "locations"
    return render(
        request,
        template,
        {
            "facility": facility,
            "facility_kind": kind,
            "month": selectors.availability_month(facility=facility, year=year, month=month),
            "may_manage": may_manage,
            "may_book": may_book,
        },
    )


def _listing_organisations(user: User) -> Any:
    organisations = selectors.directory_organisations(viewer=user)
    if not organisations.exists():
        raise PermissionDenied(
            _("Only editors of a producer, a film body or a school list in the directory.")
        )
    return organisations


@dataclass(frozen=True)
class _ListingKind:
    """What the form pages of a kind of listing (studio, location, specialist) differ in."""

    form_class: type[ListingForm]
    create: Callable[..., Listing]
    update: Callable[..., Listing]  # takes the listing under the kind's name (studio=…)
    listed: StrOrPromise
    saved: StrOrPromise


_LISTING_KINDS = {
    "studio": _ListingKind(
        StudioForm,
        services.studio_create,
        services.studio_update,
        gettext_lazy("The studio is listed in the directory."),
        gettext_lazy("The studio was saved."),
    ),
    "location": _ListingKind(
        LocationForm,
        services.location_create,
        services.location_update,
        gettext_lazy("The location is listed in the directory."),
        gettext_lazy("The location was saved."),
    ),
    "specialist": _ListingKind(
        SpecialistForm,
        services.specialist_create,
        services.specialist_update,
        gettext_lazy("The specialist is listed in the directory."),
        gettext_lazy("The specialist was saved."),
    ),
}


def _listing_page(request: HttpRequest, *, kind: str, listing: Listing | None) -> HttpResponse:
    """The form that lists a studio, location or specialist (`listing` None: for an organisation the
    viewer edits, at an address chosen) or edits one (for the editors of the organisation listing it)."""
    user = signed_in(request)
    spec = _LISTING_KINDS[kind]
    if listing is None:
        form = spec.form_class(request.POST or None, organisations=_listing_organisations(user))
    else:
        access.directory_require_manage(viewer=user, organisation=listing.organisation)
        form = spec.form_class(
            request.POST or None,
            texts=spec.form_class.texts_for(listing),
            initial=spec.form_class.initial_for(listing),
        )

    def save() -> Listing:
        if listing is None:
            chosen = form.cleaned_data
            return spec.create(
                actor=user,
                organisation=chosen["organisation"],
                slug=chosen["slug"],
                data=form.data_for_service(),
            )
        return spec.update(actor=user, data=form.data_for_service(), **{kind: listing})

    if request.method == "POST" and form.is_valid():
        saved = attempt(form, save)
        if saved is not None:
            messages.success(request, str(spec.listed if listing is None else spec.saved))
            return redirect(f"coproduction:{kind}_detail", slug=saved.slug)
    return render(
        request, "coproduction/directory/listing_form.html", {"form": form, "kind": kind, "listing": listing}
    )


# --- studios ---------------------------------------------------------------------------------------


@login_required
@require_GET
def studio_list(request: HttpRequest) -> HttpResponse:
    """Studios, filtered by country, region, service, the operator's language and a free day."""
    return _list_page(
        request,
        template="coproduction/directory/studio_list.html",
        fields=("country", "region", "capability", "language", "available_on"),
        query=lambda filters: selectors.studio_list(filters=filters),
    )


@login_required
@require_GET
def studio_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A studio: services, equipment, stages, and a month of its availability."""
    return _facility_page(
        request, selectors.studio_get(slug=slug), "coproduction/directory/studio_detail.html"
    )


@login_required
@require_http_methods(["GET", "POST"])
def studio_create(request: HttpRequest) -> HttpResponse:
    return _listing_page(request, kind="studio", listing=None)


@login_required
@require_http_methods(["GET", "POST"])
def studio_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _listing_page(request, kind="studio", listing=selectors.studio_get(slug=slug))


@login_required
@require_http_methods(["GET", "POST"])
def stage_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    studio = selectors.studio_get(slug=slug)
    access.directory_require_manage(viewer=user, organisation=studio.organisation)
    form = StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stage = attempt(form, lambda: services.stage_add(actor=user, studio=studio, **form.cleaned_data))
        if stage is not None:
            messages.success(request, _("The stage was added."))
            return redirect("coproduction:studio_detail", slug=slug)
    return render(
        request,
        "coproduction/directory/small_form.html",
        {"form": form, "facility": studio, "heading": _("Add a stage"), "back": _facility_url(studio)},
    )


# --- locations -------------------------------------------------------------------------------------


@login_required
@require_GET
def location_list(request: HttpRequest) -> HttpResponse:
    """Locations, filtered by country, region, the manager's language and a free day."""
    return _list_page(
        request,
        template="coproduction/directory/location_list.html",
        fields=("country", "region", "language", "available_on"),
        query=lambda filters: selectors.location_list(filters=filters),
    )


@login_required
@require_GET
def location_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _facility_page(
        request, selectors.location_get(slug=slug), "coproduction/directory/location_detail.html"
    )


@login_required
@require_http_methods(["GET", "POST"])
def location_create(request: HttpRequest) -> HttpResponse:
    return _listing_page(request, kind="location", listing=None)


@login_required
@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _listing_page(request, kind="location", listing=selectors.location_get(slug=slug))


@login_required
@require_http_methods(["GET", "POST"])
def location_photo_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    location = selectors.location_get(slug=slug)
    access.directory_require_manage(viewer=user, organisation=location.organisation)
    form = PhotoForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            photo = attempt(
                form,
                lambda: services.location_photo_add(
                    actor=user,
                    location=location,
                    image=form.cleaned_data["image"],
                    caption=form.cleaned_data.get("caption", ""),
                ),
            )
            if photo is not None:
                messages.success(request, _("The photo was added."))
                return redirect("coproduction:location_detail", slug=slug)
        status = 400
    return render(
        request,
        "coproduction/directory/small_form.html",
        {
            "form": form,
            "facility": location,
            "heading": _("Add a photo"),
            "back": _facility_url(location),
            "multipart": True,
        },
        status=status,
    )


# --- closures and booking requests -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def closure_add(request: HttpRequest, facility: str, slug: str) -> HttpResponse:
    """The operator closes some days of a studio or location."""
    user = signed_in(request)
    place = _facility(facility, slug)
    access.directory_require_manage(viewer=user, organisation=place.organisation)
    form = ClosureForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            studio, location = _split(place)
            closure = attempt(
                form,
                lambda: services.closure_add(
                    actor=user, studio=studio, location=location, **form.cleaned_data
                ),
            )
            if closure is not None:
                messages.success(request, _("Those days are closed."))
                return redirect(_facility_url(place))
        status = 400
    return render(
        request,
        "coproduction/directory/small_form.html",
        {"form": form, "facility": place, "heading": _("Close some days"), "back": _facility_url(place)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_request(request: HttpRequest, facility: str, slug: str) -> HttpResponse:
    """Ask the operator for some free days of a studio (or one of its stages) or a location."""
    user = signed_in(request)
    place = _facility(facility, slug)
    requesters = selectors.requester_organisations(viewer=user, exclude=[place.organisation])
    if not requesters.exists():
        raise PermissionDenied(_("Only the editors of another organisation may ask to book this."))
    form = BookingRequestForm(
        request.POST or None,
        requesters=requesters,
        stages=place.stages.all() if isinstance(place, Studio) else None,
        projects=selectors.projects_editable(viewer=user),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            studio, location = _split(place)
            data = form.cleaned_data
            booking = attempt(
                form,
                lambda: services.booking_request(
                    actor=user,
                    requester=data["requester"],
                    stage=data.get("stage"),
                    project=data.get("project"),
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    message=data.get("message", ""),
                    studio=studio,
                    location=location,
                ),
            )
            if booking is not None:
                messages.success(request, _("Your request was sent; the operator was told."))
                return redirect("coproduction:booking_list")
        status = 400
    year, month = _month(request)
    return render(
        request,
        "coproduction/directory/booking_form.html",
        {
            "form": form,
            "facility": place,
            "facility_kind": facility,
            "month": selectors.availability_month(facility=place, year=year, month=month),
        },
        status=status,
    )


@dataclass
class BookingRow:
    booking: Booking
    received: bool  # the viewer's organisation operates the studio or location
    may_answer: bool
    may_withdraw: bool


@login_required
@require_GET
def booking_list(request: HttpRequest) -> HttpResponse:
    """The booking requests the viewer's organisations received and made, with their correspondence."""
    user = signed_in(request)
    rows = []
    for booking in selectors.bookings_of_viewer(viewer=user):
        facility = booking.studio or booking.location
        assert facility is not None  # noqa: S101 - one facility per booking (a constraint)
        operator = access.directory_may_manage(viewer=user, organisation=facility.organisation)
        pending = booking.status == RequestStatus.PENDING
        rows.append(
            BookingRow(
                booking=booking,
                received=policy.is_member(user, facility.organisation),
                may_answer=operator and pending,
                may_withdraw=policy.can(user, policy.MEETINGS_REQUEST, booking.requester)
                and booking.status in (RequestStatus.PENDING, RequestStatus.ACCEPTED),
            )
        )
    return render(
        request,
        "coproduction/directory/booking_list.html",
        {
            "received": [row for row in rows if row.received],
            "made": [row for row in rows if not row.received],
        },
    )


@login_required
@require_POST
def booking_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline (the operator) or withdraw (the requester) a booking request."""
    user = signed_in(request)
    booking = selectors.booking_get_for_party(viewer=user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to accept, decline or withdraw."))
        return redirect("coproduction:booking_list")
    action, reply = form.cleaned_data["action"], form.cleaned_data.get("reply", "")
    calls = {
        "accept": (services.booking_accept, _("The booking is accepted; the requester was told.")),
        "decline": (services.booking_decline, _("The booking is declined; the requester was told.")),
        "withdraw": (services.booking_withdraw, _("The booking is withdrawn; the operator was told.")),
    }
    service, done = calls[action]
    try:
        service(actor=user, booking=booking, reply=reply)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("coproduction:booking_list")


# --- specialists and invitations -------------------------------------------------------------------


@login_required
@require_GET
def specialist_list(request: HttpRequest) -> HttpResponse:
    """Specialists, filtered by country, skill, language and a day they are free."""
    return _list_page(
        request,
        template="coproduction/directory/specialist_list.html",
        fields=("country", "skill", "language", "available_on"),
        query=lambda filters: selectors.specialist_list(filters=filters),
    )


@login_required
@require_GET
def specialist_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A specialist: skills, languages, availability and their credits in the catalogue."""
    user = signed_in(request)
    specialist = selectors.specialist_get(slug=slug)
    return render(
        request,
        "coproduction/directory/specialist_detail.html",
        {
            "specialist": specialist,
            "credits": selectors.specialist_credits(viewer=user, specialist=specialist),
            "may_manage": access.directory_may_manage(viewer=user, organisation=specialist.organisation),
            "may_invite": selectors.projects_editable(viewer=user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def specialist_create(request: HttpRequest) -> HttpResponse:
    return _listing_page(request, kind="specialist", listing=None)


@login_required
@require_http_methods(["GET", "POST"])
def specialist_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _listing_page(request, kind="specialist", listing=selectors.specialist_get(slug=slug))


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    """A project's editors invite the specialist to a post for some days."""
    user = signed_in(request)
    specialist = selectors.specialist_get(slug=slug)
    projects = selectors.projects_editable(viewer=user)
    if not projects.exists():
        raise PermissionDenied(_("Only the editors of a co-production project may invite specialists."))
    form = InvitationForm(request.POST or None, projects=projects, skills=list(specialist.skills))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            invitation = attempt(
                form,
                lambda: services.invitation_create(
                    actor=user,
                    project=data["project"],
                    specialist=specialist,
                    role=data["role"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    message=data.get("message", ""),
                ),
            )
            if invitation is not None:
                messages.success(
                    request, _("The invitation was sent; the specialist's organisation was told.")
                )
                return redirect("coproduction:invitation_list")
        status = 400
    return render(
        request,
        "coproduction/directory/invitation_form.html",
        {"form": form, "specialist": specialist},
        status=status,
    )


@dataclass
class InvitationRow:
    invitation: Invitation
    received: bool  # the viewer's organisation lists the specialist
    may_answer: bool
    may_withdraw: bool


@login_required
@require_GET
def invitation_list(request: HttpRequest) -> HttpResponse:
    """Invitations the viewer's projects sent and their organisations' specialists received."""
    user = signed_in(request)
    rows = []
    for invitation in selectors.invitations_of_viewer(viewer=user):
        pending = invitation.status == RequestStatus.PENDING
        organisation = invitation.specialist.organisation
        rows.append(
            InvitationRow(
                invitation=invitation,
                received=policy.is_member(user, organisation),
                may_answer=pending and access.directory_may_manage(viewer=user, organisation=organisation),
                may_withdraw=pending and access.project_may_edit(viewer=user, project=invitation.project),
            )
        )
    return render(
        request,
        "coproduction/directory/invitation_list.html",
        {
            "received": [row for row in rows if row.received],
            "sent": [row for row in rows if not row.received],
        },
    )


@login_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline (the specialist's organisation) or withdraw (the project's editors) an invitation."""
    user = signed_in(request)
    invitation = selectors.invitation_get_for_party(viewer=user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to accept, decline or withdraw."))
        return redirect("coproduction:invitation_list")
    action, reply = form.cleaned_data["action"], form.cleaned_data.get("reply", "")
    calls = {
        "accept": (services.invitation_accept, _("The invitation is accepted; the project was told.")),
        "decline": (services.invitation_decline, _("The invitation is declined; the project was told.")),
        "withdraw": (
            services.invitation_withdraw,
            _("The invitation is withdrawn; the specialist's organisation was told."),
        ),
    }
    service, done = calls[action]
    try:
        service(actor=user, invitation=invitation, reply=reply)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("coproduction:invitation_list")
