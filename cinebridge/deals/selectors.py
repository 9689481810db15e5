"""Reads of deals: which deals a viewer may see, what they may do next, what a deal licenses.

Deals are confidential: a deal (its offers, terms and trail) is seen by the members of its two parties
and by the film bodies overseeing either party's country, never by anyone else — for them it does not
exist (404).
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.http import Http404

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Film
from cinebridge.core.errors import ApplicationError
from cinebridge.rights.convert import language_uses_of_text
from cinebridge.rights.engine.types import LanguageUse
from cinebridge.rights.selectors import grant_conflicts_check
from cinebridge.rights.services import conflicts_described

from .engine.terms import Terms, TermsError, terms_from_json
from .models import OPEN_STATUSES, Deal, DealAction, DealEvent, Offer, OfferKind, Party
from .services import grant_input_of_offer, sides_of, step_permitted

__all__ = [
    "NEXT_ACTIONS",
    "LicensedLeaves",
    "deal_events",
    "deal_exists",
    "deal_get",
    "deal_licensed_leaves",
    "deal_list",
    "deal_next_actions",
    "deal_offers",
    "deal_parties_of",
    "deal_rights_conflicts",
    "deal_terms",
    "deals_visible",
]

# The names of the steps (as the views and the API call them) and the actions they record.
NEXT_ACTIONS: dict[str, DealAction] = {
    "offer": DealAction.OFFERED,
    "counter": DealAction.COUNTERED,
    "sign": DealAction.SIGNED,
    "decline": DealAction.DECLINED,
    "withdraw": DealAction.WITHDRAWN,
    "terminate": DealAction.TERMINATED,
}


def deals_visible(viewer: policy.Viewer) -> QuerySet[Deal]:
    """Deals one of whose parties the viewer belongs to or oversees (as a film body of its country)."""
    organisations = policy.organisations_where(viewer, policy.DEALS_VIEW)
    return Deal.objects.filter(Q(licensor__in=organisations) | Q(licensee__in=organisations))


def deal_list(
    *, viewer: policy.Viewer, status: str | None = None, side: Party | str | None = None
) -> QuerySet[Deal]:
    """The visible deals, newest first; `side` keeps those where the viewer's organisations are that party."""
    deals = deals_visible(viewer)
    if status:
        deals = deals.filter(status=status)
    if side:
        organisations = policy.organisations_where(viewer, policy.DEALS_VIEW)
        if side == Party.LICENSOR:
            deals = deals.filter(licensor__in=organisations)
        else:
            deals = deals.filter(licensee__in=organisations)
    return deals.select_related("film", "licensor", "licensee", "current_offer").order_by(
        "-created_at", "-id"
    )


def deal_exists(*, film: Film, licensee: Organisation) -> bool:
    """Whether the film was ever asked for by this licensee (for seeds and imports, not for pages)."""
    return Deal.objects.filter(film=film, licensee=licensee).exists()


def deal_get(*, viewer: policy.Viewer, reference: str) -> Deal:
    """The deal with this reference, when the viewer may see it; Http404 otherwise."""
    try:
        return (
            deals_visible(viewer)
            .select_related("film", "film__owner", "licensor", "licensee", "current_offer")
            .get(reference=reference)
        )
    except Deal.DoesNotExist:
        raise Http404("No such deal") from None


def deal_parties_of(*, viewer: policy.Viewer, deal: Deal) -> frozenset[Party]:
    """The sides of the deal the viewer may negotiate for (none for a film body merely overseeing)."""
    return sides_of(viewer, deal)


def deal_next_actions(*, viewer: policy.Viewer, deal: Deal) -> frozenset[str]:
    """The steps the viewer may take on the deal now: a subset of NEXT_ACTIONS' names."""
    sides = deal_parties_of(viewer=viewer, deal=deal)
    possible = {
        name for name, action in NEXT_ACTIONS.items() for side in sides if step_permitted(deal, action, side)
    }
    offer = deal.current_offer
    if offer is None or offer.kind == OfferKind.REQUEST:
        possible.discard("sign")  # a request states wishes; there is nothing to sign yet
    return frozenset(possible)


def deal_offers(*, deal: Deal) -> QuerySet[Offer]:
    """Every proposal of the deal, the first (the request) first."""
    return Offer.objects.filter(deal=deal).select_related("created_by").order_by("number")


def deal_events(*, deal: Deal) -> QuerySet[DealEvent]:
    """The deal's audit trail, oldest first."""
    return DealEvent.objects.filter(deal=deal).select_related("actor", "offer").order_by("at", "id")


def deal_rights_conflicts(*, viewer: policy.Viewer, deal: Deal) -> list[str]:
    """Why the rights would refuse the terms on the table if they were signed now (empty: they would not).

    A warning before signing; the signature itself checks again, under the locks.
    """
    offer = deal.current_offer
    if offer is None or deal.status not in OPEN_STATUSES:
        return []
    data = grant_input_of_offer(
        film=deal.film, licensor=deal.licensor, licensee=deal.licensee, offer=offer, reference=deal.reference
    )
    try:
        conflicts = grant_conflicts_check(data=data)
    except ApplicationError as error:
        return [error.message]
    return conflicts_described(viewer=viewer, conflicts=conflicts)


def deal_terms(*, deal: Deal) -> Terms | None:
    """The financial terms on the table (the signed ones, once the deal is active), parsed; None without."""
    offer = deal.current_offer
    if offer is None:
        return None
    try:
        return terms_from_json(offer.terms, currency=offer.currency)
    except TermsError:
        return None  # written through the services, so checked; only a hand-edited row lands here


class LicensedLeaves(NamedTuple):
    """What a deal's grants license: territories as ISO 3166 numeric ids, media as vocabulary leaf ids,
    and the language uses (None: every language)."""

    territories: frozenset[int]
    media: frozenset[int]
    language_uses: frozenset[LanguageUse] | None


def deal_licensed_leaves(*, deal: Deal) -> LicensedLeaves:
    """The union of the leaves of the grants the deal's signature created (empty before it is signed)."""
    territories: set[int] = set()
    media: set[int] = set()
    uses: set[LanguageUse] | None = set()
    for territory_keys, media_keys, language_uses in deal.grants.order_by("pk").values_list(
        "territory_keys", "media_keys", "language_uses"
    ):
        territories.update(int(key) for key in territory_keys.split())
        media.update(int(key) for key in media_keys.split())
        parsed = language_uses_of_text(language_uses)
        if parsed is None:
            uses = None  # one grant of every language: every language is licensed
        elif uses is not None:
            uses.update(parsed)
    return LicensedLeaves(
        territories=frozenset(territories),
        media=frozenset(media),
        language_uses=None if uses is None else frozenset(uses),
    )
