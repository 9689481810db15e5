"""Writes to deals: the request, offers and counter-offers, signatures, and the end of a deal.

Every change is one transaction that locks the deal's row, checks that the person changes the version
they saw (`expected_version`; otherwise `StaleDeal`), checks that the step is permitted now
(`TRANSITIONS`: from which status, by which party) and that the person may act for that party (the
policy), then writes the new offer or state, raises `Deal.version`, records a `DealEvent` and tells
the other party's members. The second signature enters the licence into the licensor's rights ledger
through the rights services (an OUT grant, under their conflict rules) in the same transaction: when
the rights no longer allow it, the signature fails and nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Film
from cinebridge.core.engine.money import is_currency
from cinebridge.core.errors import ApplicationError
from cinebridge.notifications.services import in_reader_language, notify_organisation
from cinebridge.rights.convert import GrantInput, GrantInputError, Normaliser, grant_values
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.engine.types import Status as GrantStatus
from cinebridge.rights.models import Grant
from cinebridge.rights.services import (
    GrantConflict,
    conflicts_described,
    conflicts_message,
    grant_create,
    grant_set_status,
)

from .engine.terms import TermsError, terms_from_json, terms_to_json
from .messages import terms_error_message
from .models import OPEN_STATUSES, Deal, DealAction, DealEvent, DealStatus, Offer, OfferKind, Party

__all__ = [
    "TRANSITIONS",
    "DealRefused",
    "RightsTerms",
    "StaleDeal",
    "Transition",
    "deal_counter",
    "deal_decline",
    "deal_offer",
    "deal_request",
    "deal_sign",
    "deal_terminate",
    "deal_withdraw",
    "deals_expire",
    "grant_input_of_offer",
    "offer_checked",
]

_REFERENCE_ATTEMPTS = 5
_ALL_OPEN = frozenset(OPEN_STATUSES)
_BOTH = frozenset({Party.LICENSOR, Party.LICENSEE})


# --- inputs and errors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RightsTerms:
    """The rights of an offer, in the rights vocabularies' expressions; `end` is the first day not covered."""

    media: str
    territories: str
    language_uses: str
    start: date
    end: date
    exclusive: bool


class StaleDeal(ApplicationError):  # noqa: N818 (the contract names it)
    """The deal changed since the person loaded it; `extra["version"]` is its version now."""

    def __init__(self, *, version: int) -> None:
        super().__init__(
            _(
                "Someone changed this deal meanwhile (it is now at version %(version)d). "
                "Reload it, read what changed and decide again."
            )
            % {"version": version},
            extra={"field": "expected_version", "version": version},
        )


class DealRefused(ApplicationError):  # noqa: N818 (the contract names it)
    """A step that is not permitted now (wrong status, not this party's turn, rights in the way)."""


# --- the permitted transitions, in one place -----------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """Who may take a step (which parties), from which statuses."""

    parties: frozenset[Party]
    sources: frozenset[DealStatus]


TRANSITIONS: dict[DealAction, Transition] = {
    # The licensor answers a request or a counter-offer, or revises terms one side has signed.
    DealAction.OFFERED: Transition(
        frozenset({Party.LICENSOR}),
        frozenset({DealStatus.REQUESTED, DealStatus.COUNTERED, DealStatus.SIGNING}),
    ),
    DealAction.COUNTERED: Transition(
        frozenset({Party.LICENSEE}), frozenset({DealStatus.OFFERED, DealStatus.SIGNING})
    ),
    # Either party signs the terms on the table; the second signature makes the deal active.
    DealAction.SIGNED: Transition(
        _BOTH, frozenset({DealStatus.OFFERED, DealStatus.COUNTERED, DealStatus.SIGNING})
    ),
    DealAction.DECLINED: Transition(_BOTH, _ALL_OPEN),
    DealAction.WITHDRAWN: Transition(frozenset({Party.LICENSEE}), _ALL_OPEN),
    DealAction.TERMINATED: Transition(_BOTH, frozenset({DealStatus.ACTIVE})),
    # Done by the clock (deals_expire), never by a person.
    DealAction.EXPIRED: Transition(frozenset(), frozenset({DealStatus.ACTIVE})),
}


def step_permitted(deal: Deal, action: DealAction, party: Party) -> bool:
    """Whether `party` may take `action` on the deal as it stands (status, turn, signatures)."""
    transition = TRANSITIONS[action]
    if party not in transition.parties or deal.status not in transition.sources:
        return False
    return not (action == DealAction.SIGNED and _signed_at(deal, party) is not None)


def _signed_at(deal: Deal, party: Party) -> Any:
    return deal.licensor_signed_at if party == Party.LICENSOR else deal.licensee_signed_at


def _organisation_of(deal: Deal, party: Party) -> Organisation:
    return deal.licensor if party == Party.LICENSOR else deal.licensee


def _other(party: Party) -> Party:
    return Party.LICENSEE if party == Party.LICENSOR else Party.LICENSOR


def sides_of(actor: policy.Viewer, deal: Deal) -> frozenset[Party]:
    """The parties of the deal the person may negotiate for (DEALS_NEGOTIATE on that organisation)."""
    return frozenset(
        side for side in Party if policy.can(actor, policy.DEALS_NEGOTIATE, _organisation_of(deal, side))
    )


def _acting_party(actor: User, deal: Deal, action: DealAction, party: Party | None) -> Party:
    """The party the actor takes this step for; refuses when the actor may not, or it is not its turn."""
    sides = sides_of(actor, deal)
    if party is not None:
        party = Party(party)
        if party not in sides:
            raise PermissionDenied(
                _("You do not have permission to act for %(organisation)s in this deal.")
                % {"organisation": _organisation_of(deal, party).name}
            )
        sides = frozenset({party})
    if not sides:
        raise PermissionDenied(_("You do not have permission to negotiate this deal."))
    permitted = [side for side in Party if side in sides and step_permitted(deal, action, side)]
    if len(permitted) == 1:
        return permitted[0]
    if len(permitted) > 1:
        raise DealRefused(
            _("You may act for both parties of this deal: say for which one."), extra={"field": "party"}
        )
    raise DealRefused(_refusal(deal, action, sides), extra={"field": None, "status": deal.status})


def _refusal(deal: Deal, action: DealAction, sides: frozenset[Party]) -> str:
    status = DealStatus(deal.status).label
    if deal.status not in TRANSITIONS[action].sources:
        return _("This cannot be done to a deal whose status is “%(status)s”.") % {"status": status}
    if action == DealAction.SIGNED:
        return _("Your side has already signed these terms; the other party's signature is awaited.")
    if action == DealAction.WITHDRAWN:
        return _("Only the licensee may withdraw its request.")
    if action == DealAction.COUNTERED:
        return _("Only the licensee answers an offer with a counter-offer.")
    if action == DealAction.OFFERED:
        return _("Only the licensor makes offers.")
    return _("This is not permitted now (status “%(status)s”).") % {"status": status}


# --- checking an offer ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedOffer:
    """An offer's rights and terms in their canonical form, ready to be written."""

    media: str
    territories: str
    language_uses: str
    start: date
    end: date
    exclusive: bool
    currency: str
    terms: dict[str, Any]


def grant_input_of_offer(
    *,
    film: Film,
    licensor: Organisation,
    licensee: Organisation,
    offer: RightsTerms | Offer,
    reference: str = "",
) -> GrantInput:
    """The OUT grant the licensor's ledger receives when these rights are signed."""
    return GrantInput(
        work_id=film.pk,
        holder_id=licensor.pk,
        direction=Direction.OUT,
        territories=offer.territories,
        media=offer.media,
        language_uses=offer.language_uses,
        exclusivity=Exclusivity.EXCLUSIVE if offer.exclusive else Exclusivity.NON_EXCLUSIVE,
        sublicensable=False,
        start=offer.start,
        end=offer.end,
        counterparty_id=licensee.pk,
        contract_date=timezone.localdate(),
        reference=reference,
        source="deal",
    )


def offer_checked(
    *,
    film: Film,
    licensor: Organisation,
    licensee: Organisation,
    rights: RightsTerms,
    currency: str,
    terms: Mapping[str, Any],
) -> CheckedOffer:
    """Check an offer's parties, rights and terms; ApplicationError names the field at fault."""
    if licensor.pk != film.owner_id:
        raise ApplicationError(
            _("The licensor must be the organisation that owns the film."), extra={"field": "licensor"}
        )
    if licensee.pk == licensor.pk:
        raise ApplicationError(
            _("An organisation cannot license a film to itself."), extra={"field": "licensee"}
        )
    if rights.start >= rights.end:
        raise ApplicationError(
            _("The end (the first day not covered) must come after the start."), extra={"field": "end"}
        )
    data = grant_input_of_offer(film=film, licensor=licensor, licensee=licensee, offer=rights)
    try:
        values = grant_values(data, normaliser=Normaliser(), events={}, today=timezone.localdate())
    except GrantInputError as error:
        raise ApplicationError(error.message, extra={"field": error.field}) from None
    code = currency.strip().upper()
    if not is_currency(code):
        raise ApplicationError(
            _("“%(code)s” is not an ISO 4217 currency code such as EUR or IRR.") % {"code": currency},
            extra={"field": "currency"},
        )
    try:
        parsed = terms_from_json(terms, currency=code)
    except TermsError as error:
        raise ApplicationError(
            terms_error_message(error), extra={"field": "terms", "path": error.path}
        ) from None
    return CheckedOffer(
        media=values["media_entered"],
        territories=values["territories_entered"],
        language_uses=values["language_uses"],
        start=rights.start,
        end=rights.end,
        exclusive=rights.exclusive,
        currency=code,
        terms=terms_to_json(parsed, currency=code),
    )


# --- shared steps --------------------------------------------------------------------------------


def _locked(deal: Deal, expected_version: int) -> Deal:
    """The deal as committed, its row locked until the transaction ends; StaleDeal if it moved on."""
    current = (
        Deal.objects.select_for_update(of=("self",))
        .select_related("film", "licensor", "licensee", "current_offer")
        .get(pk=deal.pk)
    )
    if current.version != expected_version:
        raise StaleDeal(version=current.version)
    return current


def _add_offer(
    deal: Deal, *, kind: OfferKind, party: Party, offer: CheckedOffer, actor: User, message: str
) -> Offer:
    number = deal.offers.count() + 1
    row = Offer(
        deal=deal,
        number=number,
        kind=kind,
        party=party,
        media=offer.media,
        territories=offer.territories,
        language_uses=offer.language_uses,
        start=offer.start,
        end=offer.end,
        exclusive=offer.exclusive,
        currency=offer.currency,
        terms=offer.terms,
        message=message.strip(),
        created_by=actor,
    )
    row.full_clean()
    row.save()
    return row


def _move(
    deal: Deal,
    *,
    to: DealStatus,
    action: DealAction,
    actor: User | None,
    party: Party | None,
    offer: Offer | None = None,
    note: str = "",
) -> DealEvent:
    """Put the deal in status `to`, raise its version, save it and record the event."""
    before = deal.status
    deal.status = to
    deal.version += 1
    deal.full_clean(validate_unique=False, validate_constraints=False)
    deal.save()
    return DealEvent.objects.create(
        deal=deal,
        actor=actor,
        party=party or "",
        action=action,
        from_status=before,
        to_status=to,
        offer=offer,
        version=deal.version,
        note=note.strip(),
    )


def _clear_signatures(deal: Deal) -> None:
    deal.licensor_signed_at = deal.licensee_signed_at = None
    deal.licensor_signed_by = deal.licensee_signed_by = None


def _rights_actor(user: User | None, film: Film) -> User | None:
    """Who the rights ledger records for a change a deal makes: the person when they edit the film's
    rights; otherwise the deal (None: the deal's own checks authorised it, the rights services skip theirs)."""
    if user is not None and policy.can(user, policy.RIGHTS_EDIT, film.owner):
        return user
    return None


# --- notifications -------------------------------------------------------------------------------

# (subject, body) per kind; rendered in each recipient's language by `notify`.
_MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "deal.requested": (
        gettext_lazy("%(licensee)s asks for a licence of “%(film)s” (%(reference)s)"),
        gettext_lazy(
            "%(licensee)s has asked to license “%(film)s”. Answer with an offer or decline.%(note)s"
        ),
    ),
    "deal.offered": (
        gettext_lazy("%(licensor)s made an offer for “%(film)s” (%(reference)s)"),
        gettext_lazy("Read the offer, then sign it, counter it or decline it.%(note)s"),
    ),
    "deal.countered": (
        gettext_lazy("%(licensee)s made a counter-offer for “%(film)s” (%(reference)s)"),
        gettext_lazy("Read the counter-offer, then sign it, answer with a new offer or decline it.%(note)s"),
    ),
    "deal.signed": (
        gettext_lazy("%(party)s signed the terms of %(reference)s for “%(film)s”"),
        gettext_lazy("Your signature is awaited: once you sign too, the deal becomes active.%(note)s"),
    ),
    "deal.activated": (
        gettext_lazy("The deal %(reference)s for “%(film)s” is signed by both parties and active"),
        gettext_lazy("The licence is entered into the rights ledger.%(note)s"),
    ),
    "deal.declined": (
        gettext_lazy("%(party)s declined the deal %(reference)s for “%(film)s”"),
        gettext_lazy("The negotiation has ended.%(note)s"),
    ),
    "deal.withdrawn": (
        gettext_lazy("%(licensee)s withdrew its request %(reference)s for “%(film)s”"),
        gettext_lazy("The negotiation has ended.%(note)s"),
    ),
    "deal.terminated": (
        gettext_lazy("%(party)s terminated the deal %(reference)s for “%(film)s”"),
        gettext_lazy("The licence has ended before its term.%(note)s"),
    ),
    "deal.expired": (
        gettext_lazy("The deal %(reference)s for “%(film)s” has expired"),
        gettext_lazy("The licence term is over.%(note)s"),
    ),
}


def _film_title(film: Film) -> str:
    return in_reader_language(film.translations.all(), "title", film.original_title)


def _organisation_name(organisation: Organisation) -> str:
    return in_reader_language(organisation.translations.all(), "name", organisation.name)


def _note(text: str) -> str:
    text = text.strip()
    return lazy(lambda: "\n\n" + _("Their message: %(text)s") % {"text": text} if text else "", str)()


def _tell(
    deal: Deal,
    *,
    kind: str,
    to: Party | tuple[Party, ...],
    actor: User | None,
    party: Party | None = None,
    note: str = "",
) -> None:
    """Notify the members of the party (or parties) `to`; the names are read once for all of them."""
    subject, body = _MESSAGES[kind]
    reference = deal.reference
    params = {
        "reference": reference,
        "film": _film_title(deal.film),
        "licensor": _organisation_name(deal.licensor),
        "licensee": _organisation_name(deal.licensee),
        "party": _organisation_name(_organisation_of(deal, party)) if party else "",
        "note": _note(note),
    }
    for side in (to,) if isinstance(to, Party) else to:
        notify_organisation(
            organisation=_organisation_of(deal, side),
            exclude=actor,
            kind=kind,
            subject=subject,
            body=body,
            params=params,
            link=lambda: reverse("deals:detail", kwargs={"reference": reference}),
        )


# --- the steps -----------------------------------------------------------------------------------


def _next_reference(year: int) -> str:
    prefix = f"CB-{year}-"
    last = (
        Deal.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _save_with_reference(deal: Deal) -> None:
    """Save a new deal under the next free reference of the year (another request may take one first)."""
    year = timezone.localdate().year
    for attempt in range(_REFERENCE_ATTEMPTS):
        deal.reference = _next_reference(year)
        try:
            with transaction.atomic():
                deal.save()
            return
        except IntegrityError:
            taken = Deal.objects.filter(reference=deal.reference).exists()
            if attempt == _REFERENCE_ATTEMPTS - 1 or not taken:
                raise
            deal.pk = None


@transaction.atomic
def deal_request(
    *,
    actor: User,
    film: Film,
    licensee: Organisation,
    rights: RightsTerms,
    currency: str,
    terms: Mapping[str, Any],
    message: str = "",
) -> Deal:
    """Ask the film's rights holder for a licence: a new deal, REQUESTED, with the request as offer #1."""
    policy.require(actor, policy.DEALS_REQUEST, licensee)
    film = Film.objects.select_related("owner").get(pk=film.pk)
    checked = offer_checked(
        film=film, licensor=film.owner, licensee=licensee, rights=rights, currency=currency, terms=terms
    )
    deal = Deal(
        film=film,
        licensor=film.owner,
        licensee=licensee,
        status=DealStatus.REQUESTED,
        version=1,
        created_by=actor,
    )
    deal.full_clean(exclude=["reference", "current_offer"], validate_unique=False)
    _save_with_reference(deal)
    offer = _add_offer(
        deal, kind=OfferKind.REQUEST, party=Party.LICENSEE, offer=checked, actor=actor, message=message
    )
    deal.current_offer = offer
    deal.save(update_fields=["current_offer", "updated_at"])
    DealEvent.objects.create(
        deal=deal,
        actor=actor,
        party=Party.LICENSEE,
        action=DealAction.REQUESTED,
        from_status="",
        to_status=DealStatus.REQUESTED,
        offer=offer,
        version=deal.version,
        note=message.strip(),
    )
    _tell(deal, kind="deal.requested", to=Party.LICENSOR, actor=actor, party=Party.LICENSEE, note=message)
    return deal


def _propose(
    *,
    actor: User,
    deal: Deal,
    expected_version: int,
    rights: RightsTerms,
    currency: str,
    terms: Mapping[str, Any],
    message: str,
    action: DealAction,
    party: Party | None,
) -> Deal:
    deal = _locked(deal, expected_version)
    side = _acting_party(actor, deal, action, party)
    checked = offer_checked(
        film=deal.film,
        licensor=deal.licensor,
        licensee=deal.licensee,
        rights=rights,
        currency=currency,
        terms=terms,
    )
    kind, status, notice = (
        (OfferKind.OFFER, DealStatus.OFFERED, "deal.offered")
        if action == DealAction.OFFERED
        else (OfferKind.COUNTER, DealStatus.COUNTERED, "deal.countered")
    )
    offer = _add_offer(deal, kind=kind, party=side, offer=checked, actor=actor, message=message)
    deal.current_offer = offer
    _clear_signatures(deal)  # new terms: a signature of the old ones no longer counts
    _move(deal, to=status, action=action, actor=actor, party=side, offer=offer, note=message)
    _tell(deal, kind=notice, to=_other(side), actor=actor, party=side, note=message)
    return deal


@transaction.atomic
def deal_offer(
    *,
    actor: User,
    deal: Deal,
    expected_version: int,
    rights: RightsTerms,
    currency: str,
    terms: Mapping[str, Any],
    message: str = "",
    party: Party | None = None,
) -> Deal:
    """The licensor puts terms on the table (answering a request or a counter-offer): OFFERED."""
    return _propose(
        actor=actor,
        deal=deal,
        expected_version=expected_version,
        rights=rights,
        currency=currency,
        terms=terms,
        message=message,
        action=DealAction.OFFERED,
        party=party,
    )


@transaction.atomic
def deal_counter(
    *,
    actor: User,
    deal: Deal,
    expected_version: int,
    rights: RightsTerms,
    currency: str,
    terms: Mapping[str, Any],
    message: str = "",
    party: Party | None = None,
) -> Deal:
    """The licensee answers an offer with other terms: COUNTERED."""
    return _propose(
        actor=actor,
        deal=deal,
        expected_version=expected_version,
        rights=rights,
        currency=currency,
        terms=terms,
        message=message,
        action=DealAction.COUNTERED,
        party=party,
    )


@transaction.atomic
def deal_sign(*, actor: User, deal: Deal, expected_version: int, party: Party | None = None) -> Deal:
    """Sign the terms on the table; the second signature makes the deal ACTIVE and enters the licence
    into the rights ledger (refused, with nothing changed, when the rights no longer allow it)."""
    deal = _locked(deal, expected_version)
    side = _acting_party(actor, deal, DealAction.SIGNED, party)
    offer = deal.current_offer
    if offer is None or offer.kind == OfferKind.REQUEST:
        raise DealRefused(_("There are no terms on the table to sign yet."), extra={"field": None})
    now = timezone.now()
    if side == Party.LICENSOR:
        deal.licensor_signed_at, deal.licensor_signed_by = now, actor
    else:
        deal.licensee_signed_at, deal.licensee_signed_by = now, actor
    if _signed_at(deal, _other(side)) is None:
        _move(deal, to=DealStatus.SIGNING, action=DealAction.SIGNED, actor=actor, party=side, offer=offer)
        _tell(deal, kind="deal.signed", to=_other(side), actor=actor, party=side)
        return deal
    grant = _enter_licence(deal, offer, actor=actor)
    deal.activated_at = now
    _move(deal, to=DealStatus.SIGNING, action=DealAction.SIGNED, actor=actor, party=side, offer=offer)
    _move(deal, to=DealStatus.ACTIVE, action=DealAction.ACTIVATED, actor=actor, party=side, offer=offer)
    deal.grants.add(grant)
    _tell(deal, kind="deal.activated", to=(_other(side), side), actor=actor, party=side)
    return deal


def _enter_licence(deal: Deal, offer: Offer, *, actor: User) -> Grant:
    """The OUT grant of the signed offer, under the rights services' conflict rules."""
    film = Film.objects.select_related("owner").get(pk=deal.film_id)
    if film.owner_id != deal.licensor_id:
        raise DealRefused(
            _("The film no longer belongs to the licensor: this deal cannot be signed."),
            extra={"field": None},
        )
    licensor_signer = deal.licensor_signed_by if deal.licensor_signed_by_id else actor
    data = grant_input_of_offer(
        film=film, licensor=deal.licensor, licensee=deal.licensee, offer=offer, reference=deal.reference
    )
    try:
        return grant_create(actor=_rights_actor(licensor_signer, film), data=data)
    except GrantConflict as conflict:
        # Told to the signer, who may be the licensee: other organisations' grants are not numbered.
        reasons = conflicts_described(viewer=actor, conflicts=conflict.conflicts)
        raise DealRefused(
            _("The deal cannot be signed: %(reason)s") % {"reason": conflicts_message(reasons)},
            extra={
                "field": None,
                "conflicts": [
                    {"rule": c.rule.value, "message": text}
                    for c, text in zip(conflict.conflicts, reasons, strict=True)
                ],
            },
        ) from conflict
    except ApplicationError as error:
        raise DealRefused(
            _("The deal cannot be signed: %(reason)s") % {"reason": error.message},
            extra={**error.extra, "field": error.extra.get("field")},
        ) from error


def _end(
    *,
    actor: User,
    deal: Deal,
    expected_version: int,
    reason: str,
    action: DealAction,
    to: DealStatus,
    kind: str,
    party: Party | None,
) -> Deal:
    deal = _locked(deal, expected_version)
    side = _acting_party(actor, deal, action, party)
    deal.ended_at = timezone.now()
    deal.end_reason = reason.strip()
    _move(deal, to=to, action=action, actor=actor, party=side, offer=deal.current_offer, note=reason)
    _tell(deal, kind=kind, to=_other(side), actor=actor, party=side, note=reason)
    return deal


@transaction.atomic
def deal_decline(
    *, actor: User, deal: Deal, expected_version: int, reason: str = "", party: Party | None = None
) -> Deal:
    """Either party ends the negotiation without a deal: DECLINED."""
    return _end(
        actor=actor,
        deal=deal,
        expected_version=expected_version,
        reason=reason,
        action=DealAction.DECLINED,
        to=DealStatus.DECLINED,
        kind="deal.declined",
        party=party,
    )


@transaction.atomic
def deal_withdraw(
    *, actor: User, deal: Deal, expected_version: int, reason: str = "", party: Party | None = None
) -> Deal:
    """The licensee withdraws its request while the deal is open: WITHDRAWN."""
    return _end(
        actor=actor,
        deal=deal,
        expected_version=expected_version,
        reason=reason,
        action=DealAction.WITHDRAWN,
        to=DealStatus.WITHDRAWN,
        kind="deal.withdrawn",
        party=party,
    )


@transaction.atomic
def deal_terminate(
    *, actor: User, deal: Deal, expected_version: int, reason: str, party: Party | None = None
) -> Deal:
    """Either party ends an active deal before its term, with a reason; its grants are terminated."""
    if not reason.strip():
        raise ApplicationError(_("Say why the deal is terminated."), extra={"field": "reason"})
    deal = _end(
        actor=actor,
        deal=deal,
        expected_version=expected_version,
        reason=reason,
        action=DealAction.TERMINATED,
        to=DealStatus.TERMINATED,
        kind="deal.terminated",
        party=party,
    )
    _set_grants_status(deal, GrantStatus.TERMINATED, actor=actor)
    return deal


def _set_grants_status(deal: Deal, status: GrantStatus, *, actor: User | None) -> None:
    rights_actor = _rights_actor(actor, deal.film)
    # Expiry touches the licences still running; termination ends every one not ended yet.
    changing = (
        (GrantStatus.ACTIVE,)
        if status == GrantStatus.EXPIRED
        else tuple(s for s in GrantStatus if s != GrantStatus.TERMINATED)
    )
    for grant in deal.grants.filter(status__in=changing).order_by("pk"):
        grant_set_status(actor=rights_actor, grant=grant, status=status)


def deals_ending(*, today: date) -> QuerySet[Deal]:
    """Active deals whose licence term is over on `today` (the end date is the first day not covered)."""
    return Deal.objects.filter(status=DealStatus.ACTIVE, current_offer__end__lte=today).order_by("pk")


def deals_expire(*, today: date) -> int:
    """Move every active deal whose term is over to EXPIRED (its grants too); returns how many.

    One transaction per deal, so that one deal's trouble does not hold back the others.
    """
    expired = 0
    for deal_id, version in deals_ending(today=today).values_list("pk", "version"):
        try:
            if _expire_one(deal_id=deal_id, version=version, today=today):
                expired += 1
        except StaleDeal:
            continue  # changed meanwhile (terminated, say): the next run looks again
    return expired


@transaction.atomic
def _expire_one(*, deal_id: int, version: int, today: date) -> bool:
    deal = _locked(Deal(pk=deal_id), version)
    if deal.status != DealStatus.ACTIVE or deal.current_offer is None or deal.current_offer.end > today:
        return False
    deal.ended_at = timezone.now()
    _move(
        deal,
        to=DealStatus.EXPIRED,
        action=DealAction.EXPIRED,
        actor=None,
        party=None,
        offer=deal.current_offer,
    )
    _set_grants_status(deal, GrantStatus.EXPIRED, actor=None)
    _tell(deal, kind="deal.expired", to=tuple(Party), actor=None)
    return True
