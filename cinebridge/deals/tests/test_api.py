"""Deals over REST: a request, offers and signatures as steps naming the version they answer, and the
refusals (stale version, not now, rights in the way) as 409 with the reason."""

from datetime import date
from typing import Any

import pytest

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.deals.models import Deal, DealStatus, Offer
from cinebridge.rights import loader
from cinebridge.rights.convert import GrantInput
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.services import grant_create

from .factories import THEATRICAL_TERMS, active_deal, offered_deal, requested_deal

pytestmark = pytest.mark.django_db

DEALS = "/api/v1/deals"


@pytest.fixture(autouse=True)
def _fresh_index():
    # Each test's rolled-back transaction may reach the same rights version again: start from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()


def _request_body(film_slug: str, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "film": film_slug,
        "media": "THEATRICAL",
        "territories": "BY",
        "start": "2026-01-01",
        "end": "2027-01-01",
        "currency": "EUR",
        "terms": {"theatrical": {"percent_by_week": ["40"]}},
        "message": "For our spring programme.",
    }
    body.update(fields)
    return body


def _proposal(version: int, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "expected_version": version,
        "media": "THEATRICAL",
        "territories": "BY",
        "start": "2026-01-01",
        "end": "2027-01-01",
        "currency": "EUR",
        "terms": THEATRICAL_TERMS,
    }
    body.update(fields)
    return body


def _post(client, url: str, user, body: dict[str, Any]):
    return client.post(url, body, content_type="application/json", **bearer(user))


# --- asking --------------------------------------------------------------------------------------


def test_a_cinema_asks_for_a_licence_and_gets_the_deal_with_its_request(client, parties):
    response = _post(client, DEALS, parties.licensee_editor, _request_body(parties.film.slug))

    assert response.status_code == 201, response.content
    deal = response.json()
    assert deal["status"] == "requested"
    assert deal["version"] == 1
    assert deal["licensor"]["slug"] == parties.licensor.slug
    assert deal["licensee"]["slug"] == parties.licensee.slug  # the only organisation it may ask for
    assert [(o["number"], o["kind"], o["party"]) for o in deal["offers"]] == [(1, "request", "licensee")]
    assert deal["current_offer"]["terms"]["theatrical"] == {"percent_by_week": ["40"]}
    assert deal["events"][0]["action"] == "requested"
    assert deal["your_parties"] == ["licensee"]
    assert "withdraw" in deal["next_actions"]
    assert "sign" not in deal["next_actions"]
    assert Deal.objects.get(reference=deal["reference"]).created_by == parties.licensee_editor


def test_a_request_names_the_field_the_rights_refuse(client, parties):
    body = _request_body(parties.film.slug, territories="Narnia")

    response = _post(client, DEALS, parties.licensee_editor, body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "territories"]
    assert not Deal.objects.exists()


def test_a_request_names_the_term_at_fault(client, parties):
    body = _request_body(parties.film.slug, terms={"theatrical": {"percent_by_week": ["40", "140"]}})

    response = _post(client, DEALS, parties.licensee_editor, body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["body", "terms"]
    assert not Deal.objects.exists()


def test_a_request_for_a_film_you_cannot_see_is_refused_on_the_film_field(client, parties):
    response = _post(client, DEALS, parties.licensee_editor, _request_body("no-such-film"))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "film"]


def test_a_viewer_may_not_ask_for_a_licence(client, parties):
    viewer = member_of(parties.licensee, Role.VIEWER)

    response = _post(client, DEALS, viewer, _request_body(parties.film.slug, licensee=parties.licensee.slug))

    assert response.status_code == 403
    assert not Deal.objects.exists()


def test_asking_without_a_token_is_refused(client, parties):
    response = client.post(DEALS, _request_body(parties.film.slug), content_type="application/json")

    assert response.status_code == 401


# --- negotiating ---------------------------------------------------------------------------------


def test_offer_counter_and_both_signatures_make_the_deal_active_with_its_licence(client, parties):
    reference = requested_deal(parties).reference
    url = f"{DEALS}/{reference}"

    offered = _post(client, f"{url}/offer", parties.licensor_editor, _proposal(1))
    assert offered.status_code == 200, offered.content
    assert offered.json()["status"] == "offered"

    counter_terms = {**THEATRICAL_TERMS, "minimum_guarantee": "15000.00"}
    countered = _post(client, f"{url}/counter", parties.licensee_editor, _proposal(2, terms=counter_terms))
    assert countered.status_code == 200, countered.content
    assert countered.json()["terms"]["minimum_guarantee"] == "15000.00"

    first = _post(client, f"{url}/sign", parties.licensor_editor, {"expected_version": 3})
    assert first.status_code == 200, first.content
    assert first.json()["status"] == "signing"

    second = _post(client, f"{url}/sign", parties.licensee_editor, {"expected_version": 4})
    assert second.status_code == 200, second.content
    deal = second.json()
    assert deal["status"] == "active"
    assert deal["licensor_signed_at"]
    assert deal["licensee_signed_at"]
    assert len(deal["grants"]) == 1
    assert [o["kind"] for o in deal["offers"]] == ["request", "offer", "counter"]
    assert deal["terms"]["minimum_guarantee"] == "15000.00"


def test_a_step_against_a_stale_version_is_refused_with_the_current_version(client, parties):
    deal = offered_deal(parties)  # version 2
    url = f"{DEALS}/{deal.reference}"
    countered = _post(client, f"{url}/counter", parties.licensee_editor, _proposal(deal.version))
    assert countered.status_code == 200

    # The licensor answers the offer it saw, not knowing of the counter-offer.
    response = _post(client, f"{url}/offer", parties.licensor_editor, _proposal(deal.version))

    assert response.status_code == 409
    assert response.json()["version"] == deal.version + 1
    assert response.json()["detail"]
    assert Offer.objects.filter(deal=deal).count() == 3
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.COUNTERED


def test_a_step_that_is_not_possible_now_is_refused_with_why(client, parties):
    deal = requested_deal(parties)

    signing_a_request = _post(
        client, f"{DEALS}/{deal.reference}/sign", parties.licensee_editor, {"expected_version": 1}
    )
    licensor_withdraws = _post(
        client, f"{DEALS}/{deal.reference}/withdraw", parties.licensor_editor, {"expected_version": 1}
    )

    assert signing_a_request.status_code == 409
    assert signing_a_request.json()["version"] == 1
    assert licensor_withdraws.status_code == 409
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.REQUESTED


def test_signing_fails_with_the_reason_when_an_exclusive_licence_appeared_meanwhile(client, parties):
    deal = offered_deal(parties, exclusive=True)
    url = f"{DEALS}/{deal.reference}"
    assert _post(client, f"{url}/sign", parties.licensee_editor, {"expected_version": 2}).status_code == 200
    other = OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="BY")
    grant_create(
        actor=None,
        data=GrantInput(
            work_id=parties.film.pk,
            holder_id=parties.licensor.pk,
            counterparty_id=other.pk,
            direction=Direction.OUT,
            exclusivity=Exclusivity.EXCLUSIVE,
            territories="BY",
            media="THEATRICAL",
            start=date(2026, 6, 1),
            end=date(2026, 9, 1),
            contract_date=date(2025, 12, 1),
        ),
    )

    response = _post(client, f"{url}/sign", parties.licensor_editor, {"expected_version": 3})

    assert response.status_code == 409, response.content
    assert response.json()["detail"]
    (conflict,) = response.json()["conflicts"]
    assert "exclusive" in conflict
    unchanged = Deal.objects.get(pk=deal.pk)
    assert unchanged.status == DealStatus.SIGNING
    assert unchanged.licensor_signed_at is None
    assert not unchanged.grants.exists()


def test_decline_and_terminate_end_the_deal_with_the_reason(client, parties):
    open_deal = offered_deal(parties)
    declined = _post(
        client,
        f"{DEALS}/{open_deal.reference}/decline",
        parties.licensee_editor,
        {"expected_version": open_deal.version, "reason": "Too expensive."},
    )
    active = active_deal(
        film=parties.film,
        licensee=OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="KZ"),
        territories="KZ",
    )
    licensor_editor = active.licensor_signed_by
    terminated = _post(
        client,
        f"{DEALS}/{active.reference}/terminate",
        licensor_editor,
        {"expected_version": active.version, "reason": "Unpaid minimum guarantee."},
    )

    assert declined.status_code == 200
    assert declined.json()["status"] == "declined"
    assert terminated.status_code == 200, terminated.content
    assert terminated.json()["status"] == "terminated"
    assert terminated.json()["end_reason"] == "Unpaid minimum guarantee."


def test_an_unknown_field_in_a_step_is_refused(client, parties):
    deal = offered_deal(parties)

    response = _post(
        client,
        f"{DEALS}/{deal.reference}/sign",
        parties.licensee_editor,
        {"expected_version": 2, "sign": True},
    )

    assert response.status_code == 422
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.OFFERED


# --- reading -------------------------------------------------------------------------------------


def test_the_list_holds_the_deals_of_your_organisations_filtered_by_status_and_side(client, parties):
    requested = requested_deal(parties)
    active = active_deal(licensee=parties.licensee, licensee_editor=parties.licensee_editor)
    someone_elses = active_deal()
    headers = bearer(parties.licensee_editor)

    every = client.get(DEALS, **headers).json()
    only_active = client.get(DEALS, {"status": "active"}, **headers).json()
    as_licensor = client.get(DEALS, {"side": "licensor"}, **headers).json()

    assert {d["reference"] for d in every["items"]} == {requested.reference, active.reference}
    assert every["count"] == 2
    assert someone_elses.reference not in {d["reference"] for d in every["items"]}
    assert [d["reference"] for d in only_active["items"]] == [active.reference]
    assert as_licensor == {"items": [], "count": 0}


def test_film_bodies_of_both_countries_see_the_deal_and_nobody_else_does(client, parties):
    deal = offered_deal(parties)
    iran = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR")
    belarus = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY")
    russia = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="RU")
    url = f"{DEALS}/{deal.reference}"

    for body in (iran, belarus):
        response = client.get(url, **bearer(member_of(body, Role.VIEWER)))
        assert response.status_code == 200
        assert response.json()["terms"]["minimum_guarantee"] == "20000.00"
        assert response.json()["your_parties"] == []
        assert response.json()["next_actions"] == []
    outsider = client.get(url, **bearer(member_of(russia, Role.ADMIN)))
    missing = client.get(f"{DEALS}/CB-2099-9999", **bearer(member_of(russia, Role.ADMIN)))
    assert outsider.status_code == 404
    assert outsider.json() == missing.json()
    assert "20000" not in outsider.content.decode()
    assert client.get(url).status_code == 401


def test_an_outsider_cannot_take_a_step_on_a_deal_it_cannot_see(client, parties):
    deal = offered_deal(parties)
    outsider = member_of(OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="RU"), Role.ADMIN)

    response = _post(client, f"{DEALS}/{deal.reference}/decline", outsider, {"expected_version": 2})

    assert response.status_code == 404
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.OFFERED


def test_a_film_body_overseeing_a_deal_may_not_take_its_steps(client, parties):
    deal = offered_deal(parties)
    belarus_editor = member_of(
        OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY"), Role.EDITOR
    )

    response = _post(client, f"{DEALS}/{deal.reference}/decline", belarus_editor, {"expected_version": 2})

    assert response.status_code == 403
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.OFFERED


def test_the_memo_of_a_signed_deal_is_a_pdf_and_an_unsigned_deal_has_none(client, parties):
    unsigned = offered_deal(parties)
    signed = active_deal(licensee=parties.licensee, licensee_editor=parties.licensee_editor)
    headers = bearer(parties.licensee_editor)

    pdf = client.get(f"{DEALS}/{signed.reference}/memo.pdf", **headers)
    none_yet = client.get(f"{DEALS}/{unsigned.reference}/memo.pdf", **headers)

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert none_yet.status_code == 409
    assert none_yet.json()["detail"]
