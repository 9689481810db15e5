"""The REST API (django-ninja): the public catalogue for everyone, more with a token, errors as JSON.

Endpoints are thin: parse, authorise through the policy (inside the selectors and services they
call), and build the response shapes of `schemas`. Messages follow the request's Accept-Language.
"""

import json
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from cinebridge.accounts import policy
from cinebridge.accounts import selectors as accounts_selectors
from cinebridge.accounts.models import Organisation
from cinebridge.catalogue import selectors as catalogue_selectors
from cinebridge.catalogue import services as catalogue_services
from cinebridge.catalogue.models import Film, Person
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language
from cinebridge.deals.api import deals as deals_router
from cinebridge.exhibition.api import exhibition as exhibition_router
from cinebridge.rights.api import rights as rights_router
from cinebridge.search.models import DocumentKind
from cinebridge.search.selectors import search_ids

from . import auth
from .engines import engines
from .errors import application_error_detail, django_validation_detail, translated_validation_detail
from .schemas import (
    ErrorOut,
    FilmDetailOut,
    FilmIn,
    FilmOut,
    FilmQuery,
    LangQuery,
    MeOut,
    OrganisationDetailOut,
    OrganisationOut,
    OrganisationQuery,
    PersonDetailOut,
    PersonOut,
    PersonQuery,
    ValidationErrorOut,
)

logger = logging.getLogger("django.request")

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SEARCH_LIMIT = 200  # the best matches a `q` search returns, before filters and pagination


class OfflineSwagger(Swagger):
    """Swagger UI from the copy bundled with django-ninja, never from a CDN: the app must work offline.

    Needs "ninja" in INSTALLED_APPS (for its template and static files). The CSRF token is always
    passed, since our auth is set per operation and ninja would otherwise omit it for session users.
    """

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"swagger_settings": json.dumps(settings, indent=1), "api": api, "add_csrf": True}
        return render(request, "ninja/swagger.html", context)


api = NinjaAPI(
    title="cinebridge API",
    version="1",
    description="The film catalogue, people and organisations of the cooperation programme. See docs/api.md.",
    openapi_url="/openapi.json",
    docs=OfflineSwagger(),
    docs_url="/docs",
    urls_namespace="api",
)

films = Router(tags=["films"])
people = Router(tags=["people"])
organisations = Router(tags=["organisations"])
me = Router(tags=["me"])

M = TypeVar("M", bound=Model)
O = TypeVar("O")  # noqa: E741 - the output schema, as in Generic[M, O]


class _Converted(Generic[M, O]):
    """A queryset for the paginator to slice, each page's rows turned into response shapes.

    The conversion needs the language the caller asked for, which ninja's schema resolvers are not given.
    """

    def __init__(self, rows: QuerySet[M], convert: Callable[[M], O]) -> None:
        self._rows = rows
        self._convert = convert

    def __len__(self) -> int:
        return self._rows.count()

    def __getitem__(self, page: slice) -> list[O]:
        return [self._convert(row) for row in self._rows[page]]


def _language(requested: str | None) -> str:
    return requested or active_language()


# --- films ------------------------------------------------------------------------------------------


@films.get("", response=list[FilmOut], auth=auth.OPTIONAL, summary="List and search films")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def film_list(request: HttpRequest, query: Query[FilmQuery]) -> _Converted[Film, FilmOut]:
    """Published films, plus your organisations' unpublished ones; newest first, or best match first with `q`."""
    language = _language(query.lang)
    ranked = search_ids(kind=DocumentKind.FILM, query=query.q, limit=SEARCH_LIMIT) if query.q else None
    rows = catalogue_selectors.film_list(
        viewer=auth.request_user(request), filters=query.filters(), language=language, ranked_ids=ranked
    )
    return _Converted(rows, lambda film: FilmOut.build(film, language))


@films.get(
    "/{slug}", response={200: FilmDetailOut, 404: ErrorOut}, auth=auth.OPTIONAL, summary="One film in full"
)
def film_detail(request: HttpRequest, slug: str, query: Query[LangQuery]) -> FilmDetailOut:
    """Everything known about a film: texts in every language, credits, versions, ratings, festivals."""
    film = catalogue_selectors.film_get_visible(viewer=auth.request_user(request), slug=slug)
    return FilmDetailOut.build_detail(film, _language(query.lang))


@films.post(
    "",
    response={201: FilmDetailOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="Add a film",
)
def film_create(request: HttpRequest, payload: FilmIn) -> Status[FilmDetailOut]:
    """Add a film to the catalogue of a rights holder you edit for; answers with the film in full."""
    user = auth.request_user(request)
    try:
        owner = accounts_selectors.organisation_get(slug=payload.owner)
    except Http404:
        raise ApplicationError(
            _("No organisation has the short name “%(slug)s”.") % {"slug": payload.owner},
            extra={"field": "owner"},
        ) from None
    film = catalogue_services.film_create(owner=owner, data=payload.to_data(), actor=user)
    created = catalogue_selectors.film_get_visible(viewer=user, slug=film.slug)
    return Status(201, FilmDetailOut.build_detail(created, active_language()))


# --- people -----------------------------------------------------------------------------------------


@people.get("", response=list[PersonOut], auth=auth.OPTIONAL, summary="List and search people")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def person_list(request: HttpRequest, query: Query[PersonQuery]) -> _Converted[Person, PersonOut]:
    """Everyone credited on films, by slug, or best match first with `q` (Khazaei finds خزاعی)."""
    language = _language(query.lang)
    ranked = search_ids(kind=DocumentKind.PERSON, query=query.q, limit=SEARCH_LIMIT) if query.q else None
    rows = catalogue_selectors.person_list(ranked_ids=ranked)
    return _Converted(rows, lambda person: PersonOut.build(person, language))


@people.get(
    "/{slug}", response={200: PersonDetailOut, 404: ErrorOut}, auth=auth.OPTIONAL, summary="One person"
)
def person_detail(request: HttpRequest, slug: str, query: Query[LangQuery]) -> PersonDetailOut:
    """A person's names in every script and their credits on the films you may see."""
    language = _language(query.lang)
    person = catalogue_selectors.person_get(slug=slug)
    credits = catalogue_selectors.person_credits(
        viewer=auth.request_user(request), person=person, language=language
    )
    return PersonDetailOut.build_detail(person, list(credits), language)


# --- organisations ----------------------------------------------------------------------------------


@organisations.get("", response=list[OrganisationOut], auth=auth.OPTIONAL, summary="List organisations")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def organisation_list(
    request: HttpRequest, query: Query[OrganisationQuery]
) -> _Converted[Organisation, OrganisationOut]:
    """The organisations of the programme, by country and name."""
    language = active_language()
    kind = query.kind.value if query.kind else None
    rows = accounts_selectors.organisation_list(kind=kind, country=query.country)
    return _Converted(rows, lambda organisation: OrganisationOut.build(organisation, language))


@organisations.get(
    "/{slug}",
    response={200: OrganisationDetailOut, 404: ErrorOut},
    auth=auth.OPTIONAL,
    exclude_unset=True,
    summary="One organisation",
)
def organisation_detail(request: HttpRequest, slug: str) -> OrganisationDetailOut:
    """An organisation's public profile; its members only for its own people and its country's film body."""
    viewer = auth.request_user(request)
    organisation = accounts_selectors.organisation_get(slug=slug)
    members = None
    if policy.can(viewer, policy.ORGANISATION_VIEW_MEMBERS, organisation):
        members = list(accounts_selectors.organisation_members(viewer=viewer, organisation=organisation))
    return OrganisationDetailOut.build_detail(organisation, active_language(), members)


# --- the caller -------------------------------------------------------------------------------------


@me.get("", response={200: MeOut, 401: ErrorOut}, auth=auth.REQUIRED, summary="Who you are")
def who_am_i(request: HttpRequest) -> MeOut:
    """The account the token (or session) belongs to, with its organisations and roles."""
    user = auth.request_user(request)
    assert user is not None  # noqa: S101 - auth.REQUIRED admits only users
    return MeOut.build(user, list(accounts_selectors.user_memberships(user=user)))


api.add_router("/v1/films", films)
api.add_router("/v1/people", people)
api.add_router("/v1/organisations", organisations)
api.add_router("/v1/me", me)
api.add_router("/v1/engines", engines)
api.add_router("/v1/rights", rights_router)
api.add_router("/v1/deals", deals_router)
api.add_router("/v1/exhibition", exhibition_router)


# --- errors: always JSON, always in the request's language ------------------------------------------


@api.exception_handler(ApplicationError)
def _application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, {"detail": application_error_detail(exc)}, status=422)


@api.exception_handler(DjangoValidationError)
def _model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": django_validation_detail(exc)}, status=422)


@api.exception_handler(ValidationError)
def _request_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": translated_validation_detail(exc.errors)}, status=422)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or _("You do not have permission to do this.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found, or not visible to you.")}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    # Ninja raises it with an English "Unauthorized" when no credentials were sent at all.
    message = exc.message if exc.message != AuthenticationError().message else _unauthenticated_message()
    response = api.create_response(request, {"detail": message}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


def _unauthenticated_message() -> str:
    return _("Sign in, or send an API token as “Authorization: Bearer <token>”.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("Internal Server Error: %s", request.path, exc_info=exc, extra={"request": request})
    message = _("Something went wrong on our side. The error has been logged; please try again later.")
    return api.create_response(request, {"detail": message}, status=500)
