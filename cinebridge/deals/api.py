"""Deals over REST: the deals you are party to (or oversee), a licence request, and each step after it.

Every step names the deal's `version` it answers (`expected_version`): a step made against an older
version is refused with 409 and the current version, so two people answering the same offer never
overwrite each other. A deal the caller may not see answers 404 to every request, as if it did not
exist. Shapes in `schemas`; the rules of each step live in the services (docs/api.md, Deals).
"""

import re
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply

from cinebridge.accounts import policy
from cinebridge.accounts import selectors as accounts_selectors
from cinebridge.accounts.models import Organisation, User
from cinebridge.api import auth
from cinebridge.api.errors import FieldError
from cinebridge.api.schemas import ErrorOut, ValidationErrorOut
from cinebridge.catalogue.models import Film
from cinebridge.catalogue.selectors import film_get_visible
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language
from cinebridge.core.pdf import pdf_response

from . import selectors, services
from .engine.terms import Terms, terms_to_json
from .models import Deal
from .schemas import (
    DealDetailOut,
    DealListQuery,
    DealOut,
    DealRequestIn,
    EndIn,
    ProposalIn,
    RefusedOut,
    RightsIn,
    SignIn,
)

deals = Router(tags=["deals"])

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# The answers of every step: the deal as it now stands, or why not.
STEP_RESPONSES: dict[int, Any] = {
    200: DealDetailOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: RefusedOut,
    422: ValidationErrorOut,
}


# --- helpers -----------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> User:
    user = auth.request_user(request)
    assert user is not None  # noqa: S101 - auth.REQUIRED admits only users
    return user


_SEGMENT = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def _path_loc(path: str) -> list[str | int]:
    """`theatrical.percent_by_week[2]` as ["theatrical", "percent_by_week", 2]."""
    return [int(index) if index else name for name, index in _SEGMENT.findall(path)]


def _refusal(error: ApplicationError) -> list[FieldError]:
    """A service's refusal located at the body field at fault (a term's path inside `terms`)."""
    loc: list[str | int] = ["body"]
    if error.field:
        loc.extend(_path_loc(error.field))
    path = error.extra.get("path")
    if isinstance(path, str) and path and loc[-1] == "terms":
        loc.extend(_path_loc(path))
    return [{"loc": loc, "msg": error.message, "type": "invalid"}]


def _rights(payload: RightsIn) -> services.RightsTerms:
    return services.RightsTerms(
        media=payload.media,
        territories=payload.territories,
        language_uses=" ".join(payload.language_uses or []),
        start=payload.start,
        end=payload.end,
        exclusive=payload.exclusive,
    )


def _detail(viewer: User, reference: str) -> DealDetailOut:
    deal = selectors.deal_get(viewer=viewer, reference=reference)
    terms = selectors.deal_terms(deal=deal)
    return DealDetailOut.build_detail(
        deal,
        active_language(),
        offers=list(selectors.deal_offers(deal=deal)),
        events=list(selectors.deal_events(deal=deal)),
        terms=_canonical(terms, deal),
        parties=selectors.deal_parties_of(viewer=viewer, deal=deal),
        next_actions=selectors.deal_next_actions(viewer=viewer, deal=deal),
        rights_conflicts=selectors.deal_rights_conflicts(viewer=viewer, deal=deal),
    )


def _canonical(terms: Terms | None, deal: Deal) -> dict[str, Any] | None:
    if terms is None or deal.current_offer is None:
        return None
    return terms_to_json(terms, currency=deal.current_offer.currency)


def _step(viewer: User, reference: str, run: Callable[[Deal], Deal]) -> Reply[Any]:
    """Run one step on a deal the viewer may see; its refusals as 409 (stale, not now, rights) or 422."""
    deal = selectors.deal_get(viewer=viewer, reference=reference)
    try:
        changed = run(deal)
    except services.StaleDeal as error:
        version = error.extra.get("version", deal.version)
        return Reply(409, {"detail": error.message, "version": version, "conflicts": []})
    except services.DealRefused as error:
        # A signature the rights refuse carries each conflict, already worded for this caller.
        conflicts = [str(c["message"]) for c in error.extra.get("conflicts", [])]
        return Reply(409, {"detail": error.message, "version": deal.version, "conflicts": conflicts})
    except ApplicationError as error:
        return Reply(422, {"detail": _refusal(error)})
    return Reply(200, _detail(viewer, changed.reference))


def _answer(
    request: HttpRequest,
    reference: str,
    payload: ProposalIn | SignIn | EndIn,
    service: Callable[..., Deal],
    **details: Any,
) -> Reply[Any]:
    """One step service run on the deal for the caller, at the version and as the side they name."""
    viewer = _viewer(request)
    return _step(
        viewer,
        reference,
        lambda deal: service(
            actor=viewer,
            deal=deal,
            expected_version=payload.expected_version,
            party=payload.party,
            **details,
        ),
    )


def _proposal(payload: ProposalIn) -> dict[str, Any]:
    """What an offer or a counter-offer puts on the table."""
    return {
        "rights": _rights(payload),
        "currency": payload.currency,
        "terms": payload.terms,
        "message": payload.message,
    }


def _film(viewer: User, slug: str) -> Film:
    try:
        return film_get_visible(viewer=viewer, slug=slug)
    except Http404:
        raise ApplicationError(_("There is no such film."), extra={"field": "film"}) from None


def _licensee(viewer: User, slug: str | None) -> Organisation:
    """The organisation named, else the only one the caller may ask for licences for."""
    if slug is not None:
        try:
            return accounts_selectors.organisation_get(slug=slug)
        except Http404:
            raise ApplicationError(
                _("No organisation has the short name “%(slug)s”.") % {"slug": slug},
                extra={"field": "licensee"},
            ) from None
    candidates = list(policy.organisations_where(viewer, policy.DEALS_REQUEST)[:2])
    if len(candidates) == 1:
        return candidates[0]
    raise ApplicationError(
        _("Name the organisation that asks for the licence (its short name)."), extra={"field": "licensee"}
    )


class _Deals:
    """The deals for the paginator to slice, each page's rows turned into DealOut."""

    def __init__(self, rows: Any, language: str) -> None:
        self._rows = rows
        self._language = language

    def __len__(self) -> int:
        return int(self._rows.count())

    def __getitem__(self, page: slice) -> list[DealOut]:
        rows = self._rows.select_related("film", "licensor", "licensee", "current_offer").prefetch_related(
            "film__translations"
        )
        return [DealOut.build(deal, self._language) for deal in rows[page]]


# --- reads -------------------------------------------------------------------------------------


@deals.get("", response=list[DealOut], auth=auth.REQUIRED, summary="The deals you may see")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def deal_list(request: HttpRequest, query: Query[DealListQuery]) -> _Deals:
    """Deals your organisations are party to (or your film body oversees), newest first."""
    viewer = _viewer(request)
    rows = selectors.deal_list(viewer=viewer, status=query.status, side=query.side)
    return _Deals(rows, query.lang or active_language())


@deals.get(
    "/{reference}",
    response={200: DealDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="One deal: offers, terms, audit trail",
)
def deal_detail(request: HttpRequest, reference: str) -> DealDetailOut:
    """The deal with every offer, the terms on the table, its events and what you may do next."""
    return _detail(_viewer(request), reference)


@deals.get(
    "/{reference}/memo.pdf",
    response={200: None, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=auth.REQUIRED,
    summary="The deal memo (PDF)",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def deal_memo(request: HttpRequest, reference: str) -> HttpResponse:
    """The signed terms as a PDF in the languages of both parties and English (409 before signing)."""
    from .documents import deal_memo_pdf  # the PDF stack loads only when a memo is asked for

    deal = selectors.deal_get(viewer=_viewer(request), reference=reference)
    try:
        content = deal_memo_pdf(deal=deal, generated_at=timezone.now())
    except ApplicationError as error:  # a deal nobody has signed yet has no memo
        raise HttpError(409, error.message) from None
    return pdf_response(content, f"{deal.reference}.pdf")


# --- steps -------------------------------------------------------------------------------------


@deals.post(
    "",
    response={201: DealDetailOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="Ask for a licence",
)
def deal_request(request: HttpRequest, payload: DealRequestIn) -> Reply[Any]:
    """Ask the film's rights holder for a licence: the rights and the terms you propose (offer #1)."""
    viewer = _viewer(request)
    try:
        film = _film(viewer, payload.film)
        licensee = _licensee(viewer, payload.licensee)
        deal = services.deal_request(
            actor=viewer,
            film=film,
            licensee=licensee,
            rights=_rights(payload),
            currency=payload.currency,
            terms=payload.terms,
            message=payload.message,
        )
    except ApplicationError as error:
        return Reply(422, {"detail": _refusal(error)})
    return Reply(201, _detail(viewer, deal.reference))


@deals.post("/{reference}/offer", response=STEP_RESPONSES, auth=auth.REQUIRED, summary="Offer terms")
def deal_offer(request: HttpRequest, reference: str, payload: ProposalIn) -> Reply[Any]:
    """The licensor answers a request or a counter-offer with an offer (or changes its own)."""
    return _answer(request, reference, payload, services.deal_offer, **_proposal(payload))


@deals.post("/{reference}/counter", response=STEP_RESPONSES, auth=auth.REQUIRED, summary="Counter-offer")
def deal_counter(request: HttpRequest, reference: str, payload: ProposalIn) -> Reply[Any]:
    """The licensee answers an offer with other terms."""
    return _answer(request, reference, payload, services.deal_counter, **_proposal(payload))


@deals.post("/{reference}/sign", response=STEP_RESPONSES, auth=auth.REQUIRED, summary="Sign the offer")
def deal_sign(request: HttpRequest, reference: str, payload: SignIn) -> Reply[Any]:
    """Sign the offer on the table; the second signature makes the deal active and grants the licence."""
    return _answer(request, reference, payload, services.deal_sign)


@deals.post("/{reference}/decline", response=STEP_RESPONSES, auth=auth.REQUIRED, summary="Decline")
def deal_decline(request: HttpRequest, reference: str, payload: EndIn) -> Reply[Any]:
    """Either party ends an open deal without agreement."""
    return _answer(request, reference, payload, services.deal_decline, reason=payload.reason)


@deals.post("/{reference}/withdraw", response=STEP_RESPONSES, auth=auth.REQUIRED, summary="Withdraw")
def deal_withdraw(request: HttpRequest, reference: str, payload: EndIn) -> Reply[Any]:
    """The licensee withdraws its request while the deal is open."""
    return _answer(request, reference, payload, services.deal_withdraw, reason=payload.reason)


@deals.post("/{reference}/terminate", response=STEP_RESPONSES, auth=auth.REQUIRED, summary="Terminate")
def deal_terminate(request: HttpRequest, reference: str, payload: EndIn) -> Reply[Any]:
    """Either party ends an active deal, with a reason; its licences are terminated with it."""
    return _answer(request, reference, payload, services.deal_terminate, reason=payload.reason)
