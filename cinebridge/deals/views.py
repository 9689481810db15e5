"""Deals pages: my deals, a licence request, a deal with its offers and audit trail, the answers to an
offer (offer, counter-offer, signature, decline, withdrawal, termination) and the deal memo PDF.

Deals are confidential: a deal the viewer may not see is a 404 everywhere (`selectors.deal_get`).
Every answer names the deal version it was made against; when someone changed the deal meanwhile the
service refuses (`StaleDeal`) and the page shows the latest terms beside what the person entered,
keeping their input, so they decide again knowingly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.catalogue.selectors import film_get_visible
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error
from cinebridge.core.pdf import pdf_response

from . import selectors, services
from .forms import DealActionForm, DealRequestForm, OfferForm
from .models import Deal, DealStatus, Party
from .templatetags.deals import deal_turn, offer_history, offer_rows

DEALS_PAGE_SIZE = 25

ACTION_TITLES = {
    "offer": gettext_lazy("Make an offer"),
    "counter": gettext_lazy("Make a counter-offer"),
    "sign": gettext_lazy("Sign these terms"),
    "decline": gettext_lazy("Decline"),
    "withdraw": gettext_lazy("Withdraw the request"),
    "terminate": gettext_lazy("Terminate the deal"),
}
DONE_MESSAGES = {
    "offer": gettext_lazy("Your offer was sent."),
    "counter": gettext_lazy("Your counter-offer was sent."),
    "decline": gettext_lazy("The deal was declined."),
    "withdraw": gettext_lazy("The request was withdrawn."),
    "terminate": gettext_lazy("The deal was terminated."),
}


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _deal(request: HttpRequest, reference: str) -> tuple[User, Deal]:
    """The signed-in viewer and a deal they may see (404 otherwise)."""
    user = _signed_in(request)
    return user, selectors.deal_get(viewer=user, reference=reference)


def viewer_sides(viewer: User, deal: Deal) -> list[Party]:
    """The parties of the deal the viewer belongs to (none: a film body overseeing it)."""
    return [
        side
        for side, organisation in ((Party.LICENSOR, deal.licensor), (Party.LICENSEE, deal.licensee))
        if policy.is_member(viewer, organisation)
    ]


def _party(form: Any) -> Party | None:
    value = form.cleaned_data.get("party") if "party" in form.fields else None
    return Party(value) if value else None


# --- list ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def deal_list(request: HttpRequest) -> HttpResponse:
    """The deals of the viewer's organisations, by status and side, with whose turn it is."""
    user = _signed_in(request)
    status = request.GET.get("status", "")
    side = request.GET.get("side", "")
    deals = selectors.deal_list(
        viewer=user,
        status=status if status in DealStatus.values else None,
        side=Party(side) if side in Party.values else None,
    )
    page = Paginator(deals, DEALS_PAGE_SIZE).get_page(to_ascii_digits(request.GET.get("page", "")))
    rows = [
        {"deal": deal, "sides": viewer_sides(user, deal), "turn": deal_turn(deal)}
        for deal in page.object_list
    ]
    return render(
        request,
        "deals/deal_list.html",
        {
            "rows": rows,
            "page": page,
            "status": status,
            "side": side,
            "statuses": DealStatus.choices,
            "parties": Party.choices,
            "can_request": policy.can_anywhere(user, policy.DEALS_REQUEST),
        },
    )


# --- request -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def deal_request(request: HttpRequest) -> HttpResponse:
    """Ask a film's rights holder for a licence, prefilled from an avails answer."""
    user = _signed_in(request)
    licensees = policy.organisations_where(user, policy.DEALS_REQUEST)
    if not licensees.exists():
        raise PermissionDenied(
            _("Only editors of a cinema, platform, distributor or film body can request a licence.")
        )
    if request.method == "POST":
        form = DealRequestForm(request.POST, licensees=licensees)
    else:
        form = DealRequestForm(initial=DealRequestForm.initial_from_query(request.GET), licensees=licensees)
    slug = (form.data.get("film") if form.is_bound else form.initial.get("film")) or ""
    film = film_get_visible(viewer=user, slug=slug) if slug else None
    if request.method == "POST" and film is not None and form.is_valid():
        try:
            deal = services.deal_request(
                actor=user,
                film=film,
                licensee=form.cleaned_data["licensee"],
                rights=_rights(form),
                currency=form.cleaned_data["currency"],
                terms=form.terms,
                message=form.cleaned_data.get("message", ""),
            )
        except (ApplicationError, ValidationError) as error:
            form.show_refusal(error)
        else:
            messages.success(
                request,
                _("Your request %(reference)s was sent to the rights holder.")
                % {"reference": deal.reference},
            )
            return redirect("deals:detail", reference=deal.reference)
    return render(request, "deals/deal_request.html", {"form": form, "film": film})


def _rights(form: OfferForm) -> services.RightsTerms:
    data = form.cleaned_data
    return services.RightsTerms(
        media=data["media_expression"],
        territories=data["territories"],
        language_uses=data.get("language_uses", ""),
        start=data["start"],
        end=form.end,
        exclusive=bool(data.get("exclusive")),
    )


# --- one deal ------------------------------------------------------------------------------------------


def _detail_context(user: User, deal: Deal) -> dict[str, Any]:
    actions = selectors.deal_next_actions(viewer=user, deal=deal)
    sides = selectors.deal_parties_of(viewer=user, deal=deal)
    return {
        "deal": deal,
        "film": deal.film,
        "offer": deal.current_offer,
        "offer_rows": offer_rows(deal.current_offer) if deal.current_offer else [],
        "history": offer_history(selectors.deal_offers(deal=deal)),
        "events": list(selectors.deal_events(deal=deal)),
        "actions": actions,
        "sides": sides,
        "my_sides": viewer_sides(user, deal),
        "turn": deal_turn(deal),
        "conflicts": selectors.deal_rights_conflicts(viewer=user, deal=deal),
        "memo_available": deal.activated_at is not None,
        "action_form": DealActionForm(
            initial={"version": deal.version}, sides=frozenset(sides), auto_id=False
        ),
        "end_actions": [
            (action, reverse(f"deals:{action}", args=[deal.reference]), ACTION_TITLES[action])
            for action in ("decline", "withdraw", "terminate")
            if action in actions
        ],
    }


@login_required
@require_GET
def deal_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One deal: parties, status, whose turn, the terms on the table, the offers, the audit trail."""
    user, deal = _deal(request, reference)
    return render(request, "deals/deal_detail.html", _detail_context(user, deal))


def _not_permitted(request: HttpRequest, deal: Deal, action: str) -> HttpResponse:
    messages.error(
        request, _("“%(action)s” is not possible on this deal now.") % {"action": ACTION_TITLES[action]}
    )
    return redirect("deals:detail", reference=deal.reference)


def _stale_data(request: HttpRequest, deal: Deal) -> Any:
    """The person's input again, now against the deal's latest version (they have seen what changed)."""
    data = request.POST.copy()
    data["version"] = str(deal.version)
    return data


def _negotiation(request: HttpRequest, reference: str) -> tuple[User, Deal, frozenset[Party]]:
    """The person, the deal and the sides they may act for (refused when they may act for none)."""
    user, deal = _deal(request, reference)
    sides = frozenset(selectors.deal_parties_of(viewer=user, deal=deal))
    if not sides:
        raise PermissionDenied(_("You do not have permission to negotiate this deal."))
    return user, deal, sides


def _step_context(deal: Deal, *, form: Any, action: str, stale: ApplicationError | None) -> dict[str, Any]:
    """What every step page shows: the deal, the terms on the table, the form and a stale warning."""
    return {
        "deal": deal,
        "film": deal.film,
        "form": form,
        "action": action,
        "title": ACTION_TITLES[action],
        "stale": stale,
        "offer": deal.current_offer,
        "offer_rows": offer_rows(deal.current_offer) if deal.current_offer else [],
    }


# --- offer and counter-offer ---------------------------------------------------------------------------


def _proposal(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    user, deal, sides = _negotiation(request, reference)
    stale: ApplicationError | None = None
    if request.method != "POST":
        if action not in selectors.deal_next_actions(viewer=user, deal=deal):
            return _not_permitted(request, deal, action)
        initial = {**OfferForm.initial_from(deal.current_offer), "version": deal.version}
        form = OfferForm(initial=initial, sides=sides)
    else:
        form = OfferForm(request.POST, sides=sides)
        if form.is_valid():
            service = services.deal_offer if action == "offer" else services.deal_counter
            try:
                service(
                    actor=user,
                    deal=deal,
                    expected_version=form.cleaned_data.get("version") or 0,
                    rights=_rights(form),
                    currency=form.cleaned_data["currency"],
                    terms=form.terms,
                    message=form.cleaned_data.get("message", ""),
                    party=_party(form),
                )
            except services.StaleDeal as error:
                stale = error
                deal = selectors.deal_get(viewer=user, reference=reference)
                form = OfferForm(_stale_data(request, deal), sides=sides)
                form.is_valid()
            except (ApplicationError, ValidationError) as error:
                form.show_refusal(error)
            else:
                messages.success(request, str(DONE_MESSAGES[action]))
                return redirect("deals:detail", reference=deal.reference)
    return render(
        request,
        "deals/offer_form.html",
        _step_context(deal, form=form, action=action, stale=stale),
        status=409 if stale else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def deal_offer(request: HttpRequest, reference: str) -> HttpResponse:
    """The licensor puts terms on the table (prefilled from the terms there now)."""
    return _proposal(request, reference, "offer")


@login_required
@require_http_methods(["GET", "POST"])
def deal_counter(request: HttpRequest, reference: str) -> HttpResponse:
    """The licensee answers an offer with other terms."""
    return _proposal(request, reference, "counter")


# --- sign, decline, withdraw, terminate ----------------------------------------------------------------


def _answer(
    request: HttpRequest,
    reference: str,
    action: str,
    call: Callable[..., Deal],
    *,
    reason_required: bool = False,
    with_reason: bool = True,
) -> HttpResponse:
    user, deal, sides = _negotiation(request, reference)
    stale: ApplicationError | None = None
    if request.method != "POST":
        if action not in selectors.deal_next_actions(viewer=user, deal=deal):
            return _not_permitted(request, deal, action)
        form = DealActionForm(initial={"version": deal.version}, reason_required=reason_required, sides=sides)
    else:
        form = DealActionForm(request.POST, reason_required=reason_required, sides=sides)
        if form.is_valid():
            kwargs: dict[str, Any] = {
                "actor": user,
                "deal": deal,
                "expected_version": form.cleaned_data["version"],
                "party": _party(form),
            }
            if with_reason:
                kwargs["reason"] = form.cleaned_data.get("reason", "")
            try:
                done = call(**kwargs)
            except services.StaleDeal as error:
                stale = error
                deal = selectors.deal_get(viewer=user, reference=reference)
                form = DealActionForm(
                    _stale_data(request, deal), reason_required=reason_required, sides=sides
                )
                form.is_valid()
            except (ApplicationError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _done_message(action, done))
                return redirect("deals:detail", reference=done.reference)
    return render(
        request,
        "deals/deal_action.html",
        {
            **_step_context(deal, form=form, action=action, stale=stale),
            "conflicts": selectors.deal_rights_conflicts(viewer=user, deal=deal) if action == "sign" else [],
            "with_reason": with_reason,
            "form_url": reverse(f"deals:{action}", args=[deal.reference]),
        },
        status=409 if stale else 200,
    )


def _done_message(action: str, deal: Deal) -> str:
    if action != "sign":
        return str(DONE_MESSAGES[action])
    if deal.status == DealStatus.ACTIVE:
        return _(
            "Both parties have signed: the deal is active and the licence is entered in the film's rights."
        )
    return _("Your signature is recorded; the other party's is awaited.")


@login_required
@require_http_methods(["GET", "POST"])
def deal_sign(request: HttpRequest, reference: str) -> HttpResponse:
    """Sign the terms on the table, after reading exactly what is signed."""
    return _answer(request, reference, "sign", services.deal_sign, with_reason=False)


@login_required
@require_http_methods(["GET", "POST"])
def deal_decline(request: HttpRequest, reference: str) -> HttpResponse:
    """End the negotiation without a deal."""
    return _answer(request, reference, "decline", services.deal_decline)


@login_required
@require_http_methods(["GET", "POST"])
def deal_withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    """The licensee withdraws its request."""
    return _answer(request, reference, "withdraw", services.deal_withdraw)


@login_required
@require_http_methods(["GET", "POST"])
def deal_terminate(request: HttpRequest, reference: str) -> HttpResponse:
    """End an active deal before its term, saying why."""
    return _answer(request, reference, "terminate", services.deal_terminate, reason_required=True)


# --- the memo ------------------------------------------------------------------------------------------


@login_required
@require_GET
def deal_memo_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """The deal memo of the signed terms, as PDF (only once both parties have signed)."""
    _user, deal = _deal(request, reference)
    if deal.activated_at is None:
        raise Http404(_("This deal has no signed terms yet."))
    from .documents import deal_memo_pdf as memo  # heavy (fonts, shaping): loaded only when asked

    try:
        content = memo(deal=deal, generated_at=timezone.now())
    except ApplicationError as error:
        raise Http404(error.message) from error
    return pdf_response(content, f"{deal.reference}.pdf")
