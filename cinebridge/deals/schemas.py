"""The deals API's JSON shapes (a public interface: keep them stable, docs/api.md) and how each is built.

A deal's shapes are built only for a deal the caller may see (the selectors answer 404 otherwise), so
that its terms, offers and audit trail reach the two parties and their film bodies and nobody else.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from cinebridge.api.schemas import OrganisationRefOut, StrictSchema, film_title
from cinebridge.rights.api import ExpressionText, IsoDate

from .models import Deal, DealAction, DealEvent, DealStatus, Offer, OfferKind, Party

CURRENCY_DESCRIPTION = "ISO 4217 code of the currency every amount of the terms is in, e.g. EUR."
TERMS_DESCRIPTION = (
    "The financial terms (docs/royalties.md): flat_fee, minimum_guarantee, theatrical.percent_by_week, "
    "theatrical.over_nut_percent_by_week, on_demand.revenue_share_percent, distribution_fee_percent, "
    "expenses_cap, rounding; amounts and percentages as decimal strings."
)


def _uses(text: str) -> list[str] | None:
    return text.split() if text.strip() else None


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


# --- answers -----------------------------------------------------------------------------------


class OfferOut(Schema):
    number: int = Field(description="1 for the request, then one more for every offer and counter-offer.")
    kind: OfferKind
    party: Party = Field(description="Who proposed it.")
    media: str
    territories: str
    language_uses: list[str] | None = Field(description="null: every language.")
    start: date
    end: date = Field(description="The first day NOT licensed (terms are half-open, as grants are).")
    exclusive: bool
    currency: str
    terms: dict[str, Any] = Field(description=TERMS_DESCRIPTION)
    message: str
    created_by: str | None
    created_at: datetime

    @classmethod
    def build(cls, offer: Offer) -> OfferOut:
        return cls(
            number=offer.number,
            kind=OfferKind(offer.kind),
            party=Party(offer.party),
            media=offer.media,
            territories=offer.territories,
            language_uses=_uses(offer.language_uses),
            start=offer.start,
            end=offer.end,
            exclusive=offer.exclusive,
            currency=offer.currency,
            terms=dict(offer.terms),
            message=offer.message,
            created_by=_username(offer.created_by),
            created_at=offer.created_at,
        )


class EventOut(Schema):
    at: datetime
    actor: str | None
    party: Party | None
    action: DealAction
    from_status: DealStatus | None
    to_status: DealStatus
    offer: int | None = Field(description="The number of the offer it concerns.")
    version: int = Field(description="The deal's version after this change.")
    note: str

    @classmethod
    def build(cls, event: DealEvent, offer_numbers: dict[int, int]) -> EventOut:
        return cls(
            at=event.at,
            actor=_username(event.actor),
            party=Party(event.party) if event.party else None,
            action=DealAction(event.action),
            from_status=DealStatus(event.from_status) if event.from_status else None,
            to_status=DealStatus(event.to_status),
            offer=offer_numbers.get(event.offer_id) if event.offer_id is not None else None,
            version=event.version,
            note=event.note,
        )


class DealOut(Schema):
    reference: str
    film: str = Field(description="The film's slug.")
    film_title: str = Field(description="In the request's language, else English, else the original.")
    licensor: OrganisationRefOut
    licensee: OrganisationRefOut
    status: DealStatus
    status_label: str = Field(description="The status in the request's language.")
    version: int = Field(description="Send it back as `expected_version` with your next step.")
    media: str | None = Field(description="Of the offer on the table.")
    territories: str | None
    start: date | None
    end: date | None
    exclusive: bool | None
    currency: str | None
    created_at: datetime
    updated_at: datetime
    activated_at: datetime | None
    ended_at: datetime | None

    @classmethod
    def fields_of(cls, deal: Deal, language: str) -> dict[str, Any]:
        offer = deal.current_offer
        return {
            "reference": deal.reference,
            "film": deal.film.slug,
            "film_title": film_title(deal.film, language),
            "licensor": OrganisationRefOut(slug=deal.licensor.slug, name=deal.licensor.name),
            "licensee": OrganisationRefOut(slug=deal.licensee.slug, name=deal.licensee.name),
            "status": DealStatus(deal.status),
            "status_label": str(deal.get_status_display()),
            "version": deal.version,
            "media": offer.media if offer else None,
            "territories": offer.territories if offer else None,
            "start": offer.start if offer else None,
            "end": offer.end if offer else None,
            "exclusive": offer.exclusive if offer else None,
            "currency": offer.currency if offer else None,
            "created_at": deal.created_at,
            "updated_at": deal.updated_at,
            "activated_at": deal.activated_at,
            "ended_at": deal.ended_at,
        }

    @classmethod
    def build(cls, deal: Deal, language: str) -> DealOut:
        return cls(**cls.fields_of(deal, language))


class DealDetailOut(DealOut):
    current_offer: OfferOut | None = Field(description="The terms on the table (or signed).")
    terms: dict[str, Any] | None = Field(
        description="The financial terms of the offer on the table, in canonical form."
    )
    offers: list[OfferOut] = Field(description="Every proposal, oldest first.")
    events: list[EventOut] = Field(description="The audit trail, oldest first.")
    licensor_signed_at: datetime | None
    licensee_signed_at: datetime | None
    end_reason: str
    grants: list[int] = Field(description="Ids of the licences (OUT grants) signing created.")
    your_parties: list[Party] = Field(description="The sides you may act for.")
    next_actions: list[str] = Field(
        description="What you may do now: offer, counter, sign, decline, withdraw, terminate."
    )
    rights_conflicts: list[str] = Field(
        description="Open deals: why signing the offer on the table would fail against the rights now."
    )

    @classmethod
    def build_detail(
        cls,
        deal: Deal,
        language: str,
        *,
        offers: list[Offer],
        events: list[DealEvent],
        terms: dict[str, Any] | None,
        parties: frozenset[Party],
        next_actions: frozenset[str],
        rights_conflicts: list[str],
    ) -> DealDetailOut:
        numbers = {offer.pk: offer.number for offer in offers}
        return cls(
            **DealOut.fields_of(deal, language),
            current_offer=OfferOut.build(deal.current_offer) if deal.current_offer else None,
            terms=terms,
            offers=[OfferOut.build(offer) for offer in offers],
            events=[EventOut.build(event, numbers) for event in events],
            licensor_signed_at=deal.licensor_signed_at,
            licensee_signed_at=deal.licensee_signed_at,
            end_reason=deal.end_reason,
            grants=sorted(grant.pk for grant in deal.grants.all()),
            your_parties=sorted(parties),
            next_actions=sorted(next_actions),
            rights_conflicts=rights_conflicts,
        )


class RefusedOut(Schema):
    detail: str = Field(description="Why the step was refused, in the request's language.")
    version: int = Field(
        description="The deal's current version (a stale `expected_version`: read the deal again, then retry)."
    )
    conflicts: list[str] = Field(
        default_factory=list, description="Signing: each conflict with the film's rights, explained."
    )


# --- requests ----------------------------------------------------------------------------------


class DealListQuery(Schema):
    status: DealStatus | None = None
    side: Party | None = Field(None, description="Only deals where your organisations are this party.")
    lang: str | None = Field(None, description="Language of `film_title`.")


class RightsIn(StrictSchema):
    media: ExpressionText
    territories: ExpressionText
    language_uses: list[str] | None = Field(
        None, description='null: every language; else uses such as ["fa:original", "ru:subtitled"].'
    )
    start: IsoDate = Field(description="The first day licensed.")
    end: IsoDate = Field(description="The first day NOT licensed.")
    exclusive: bool = False


class _Proposal(RightsIn):
    currency: str = Field(min_length=3, max_length=3, description=CURRENCY_DESCRIPTION)
    terms: dict[str, Any] = Field(default_factory=dict, description=TERMS_DESCRIPTION)
    message: str = Field("", max_length=5000)


class DealRequestIn(_Proposal):
    film: str = Field(description="The film's slug.")
    licensee: str | None = Field(
        None,
        description="The organisation asking (short name); default: yours, when you may ask for only one.",
    )


class _Step(StrictSchema):
    expected_version: int = Field(ge=1, description="The `version` of the deal you answer.")
    party: Party | None = Field(
        None, description="Only for a member of both parties: which side you act for."
    )


class ProposalIn(_Proposal, _Step):
    """An offer (licensor) or a counter-offer (licensee): the whole proposal, rights and terms."""


class SignIn(_Step):
    pass


class EndIn(_Step):
    reason: str = Field("", max_length=5000)
