"""Deals built through the deals services, for the tests of this app and of those after it (exhibition).

`active_deal()` takes a deal all the way: the licensee's editor requests, the licensor's editor offers
and signs, the licensee's editor signs — so the OUT grant is in the rights ledger, as in production.
Who acted is on the deal: `deal.licensor_signed_by` and `deal.licensee_signed_by` (editors of each
party), `deal.created_by` (the licensee's editor who asked).

    deal = active_deal()                                   # Farabi-like IR rights holder → BY cinema, THEATRICAL in BY, 2026
    deal = active_deal(licensee=platform, media="SVOD", terms={"on_demand": {"revenue_share_percent": "50"}})
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.models import Film
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.deals import services
from cinebridge.deals.models import Deal
from cinebridge.deals.services import RightsTerms
from cinebridge.rights.convert import GrantInput
from cinebridge.rights.engine.types import Direction
from cinebridge.rights.models import Grant
from cinebridge.rights.services import grant_create

# MG with a sliding scale and the 90/10 alternative: the Farabi offer.
THEATRICAL_TERMS: dict[str, Any] = {
    "minimum_guarantee": "20000.00",
    "theatrical": {"percent_by_week": ["50", "45", "40", "35"], "over_nut_percent_by_week": ["90"]},
    "distribution_fee_percent": {"THEATRICAL": "25"},
    "rounding": "half_up",
}
REQUEST_TERMS: dict[str, Any] = {"theatrical": {"percent_by_week": ["40"]}}


def rights_terms(**fields: Any) -> RightsTerms:
    """Non-exclusive theatrical rights in Belarus for 2026, unless `fields` say otherwise."""
    values: dict[str, Any] = {
        "media": "THEATRICAL",
        "territories": "BY",
        "language_uses": "",
        "start": date(2026, 1, 1),
        "end": date(2027, 1, 1),
        "exclusive": False,
    }
    values.update(fields)
    return RightsTerms(**values)


def rights_holder(**fields: Any) -> Organisation:
    values: dict[str, Any] = {"kind": OrganisationKind.RIGHTS_HOLDER, "country": "IR"}
    values.update(fields)
    return OrganisationFactory.create(**values)


def exhibitor(**fields: Any) -> Organisation:
    values: dict[str, Any] = {"kind": OrganisationKind.EXHIBITOR, "country": "BY"}
    values.update(fields)
    return OrganisationFactory.create(**values)


def hold_world_rights(film: Film) -> None:
    """Give the film's owner every right, worldwide, from 2020 on (sublicensable), unless it holds some."""
    if not Grant.objects.filter(work=film, direction=Direction.IN).exists():
        grant_create(
            actor=None,
            data=GrantInput(
                work_id=film.pk,
                holder_id=film.owner_id,
                direction=Direction.IN,
                territories="World",
                media="ALL_MEDIA",
                sublicensable=True,
                start=date(2020, 1, 1),
                contract_date=date(2024, 1, 1),
            ),
        )


def licensable_film(owner: Organisation | None = None, **fields: Any) -> Film:
    """A film whose owner holds the world's rights."""
    film = FilmFactory.create(owner=owner or rights_holder(), **fields)
    hold_world_rights(film)
    return film


@dataclass(frozen=True)
class Parties:
    film: Film
    licensor: Organisation
    licensee: Organisation
    licensor_editor: User
    licensee_editor: User


def deal_parties(
    *,
    film: Film | None = None,
    licensor: Organisation | None = None,
    licensee: Organisation | None = None,
    licensor_editor: User | None = None,
    licensee_editor: User | None = None,
) -> Parties:
    """A film whose owner holds its rights, a licensee, and an editor on each side (made when missing)."""
    if film is None:
        film = licensable_film(owner=licensor)
    else:
        hold_world_rights(film)
    licensor = film.owner
    licensee = licensee or exhibitor()
    return Parties(
        film=film,
        licensor=licensor,
        licensee=licensee,
        licensor_editor=licensor_editor or member_of(licensor, Role.EDITOR),
        licensee_editor=licensee_editor or member_of(licensee, Role.EDITOR),
    )


def requested_deal(
    parties: Parties | None = None,
    *,
    currency: str = "EUR",
    terms: dict[str, Any] | None = None,
    **rights: Any,
) -> Deal:
    """A deal the licensee has just asked for (REQUESTED)."""
    parties = parties or deal_parties()
    return services.deal_request(
        actor=parties.licensee_editor,
        film=parties.film,
        licensee=parties.licensee,
        rights=rights_terms(**rights),
        currency=currency,
        terms=REQUEST_TERMS if terms is None else terms,
    )


def offered_deal(
    parties: Parties | None = None,
    *,
    currency: str = "EUR",
    terms: dict[str, Any] | None = None,
    **rights: Any,
) -> Deal:
    """A deal the licensor has answered with an offer (OFFERED)."""
    parties = parties or deal_parties()
    deal = requested_deal(parties, currency=currency, **rights)
    return services.deal_offer(
        actor=parties.licensor_editor,
        deal=deal,
        expected_version=deal.version,
        rights=rights_terms(**rights),
        currency=currency,
        terms=THEATRICAL_TERMS if terms is None else terms,
    )


def active_deal(
    *,
    film: Film | None = None,
    licensor: Organisation | None = None,
    licensee: Organisation | None = None,
    licensor_editor: User | None = None,
    licensee_editor: User | None = None,
    currency: str = "EUR",
    terms: dict[str, Any] | None = None,
    **rights: Any,
) -> Deal:
    """A deal requested, offered and signed by both parties (ACTIVE, its OUT grant in the ledger).

    `rights` are RightsTerms fields: media, territories, language_uses, start, end (exclusive), exclusive.
    """
    parties = deal_parties(
        film=film,
        licensor=licensor,
        licensee=licensee,
        licensor_editor=licensor_editor,
        licensee_editor=licensee_editor,
    )
    deal = offered_deal(parties, currency=currency, terms=terms, **rights)
    deal = services.deal_sign(actor=parties.licensor_editor, deal=deal, expected_version=deal.version)
    return services.deal_sign(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)
