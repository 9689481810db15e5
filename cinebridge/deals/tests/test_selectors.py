"""The deal selectors: lists, what each side may do next, the rights warning, the parsed terms and
what a signed deal licenses."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.deals import selectors, services
from cinebridge.deals.models import DealStatus, Party
from cinebridge.rights.engine import vocabulary
from cinebridge.rights.engine.types import LanguageUse, Use
from cinebridge.rights.services import grant_create
from cinebridge.rights.tests.factories import exclusive_out

from .factories import active_deal, exhibitor, offered_deal, requested_deal

pytestmark = pytest.mark.django_db


def test_deal_list_filters_by_status_and_side(parties):
    requested = requested_deal(parties)
    offered = offered_deal(parties)
    assert set(selectors.deal_list(viewer=parties.licensee_editor)) == {requested, offered}
    assert list(selectors.deal_list(viewer=parties.licensee_editor, status=DealStatus.OFFERED)) == [offered]
    assert set(selectors.deal_list(viewer=parties.licensee_editor, side=Party.LICENSEE)) == {
        requested,
        offered,
    }
    assert list(selectors.deal_list(viewer=parties.licensee_editor, side=Party.LICENSOR)) == []
    assert set(selectors.deal_list(viewer=parties.licensor_editor, side=Party.LICENSOR)) == {
        requested,
        offered,
    }


def test_deal_get_answers_404_to_outsiders_and_unknown_references(parties):
    deal = requested_deal(parties)
    assert selectors.deal_get(viewer=parties.licensor_editor, reference=deal.reference) == deal
    with pytest.raises(Http404):
        selectors.deal_get(viewer=member_of(OrganisationFactory(), Role.ADMIN), reference=deal.reference)
    with pytest.raises(Http404):
        selectors.deal_get(viewer=parties.licensor_editor, reference="CB-1999-0001")


@pytest.mark.parametrize(
    ("stage", "licensor_actions", "licensee_actions"),
    [
        ("requested", {"offer", "decline"}, {"decline", "withdraw"}),
        ("offered", {"sign", "decline"}, {"counter", "sign", "decline", "withdraw"}),
        ("countered", {"offer", "sign", "decline"}, {"sign", "decline", "withdraw"}),
        ("licensee_signed", {"offer", "sign", "decline"}, {"counter", "decline", "withdraw"}),
        ("active", {"terminate"}, {"terminate"}),
    ],
)
def test_next_actions_follow_the_status_and_the_side(parties, stage, licensor_actions, licensee_actions):
    deal = requested_deal(parties)
    if stage != "requested":
        deal = offered_deal(parties)
    if stage == "countered":
        deal = services.deal_counter(
            actor=parties.licensee_editor,
            deal=deal,
            expected_version=deal.version,
            rights=services.RightsTerms("THEATRICAL", "BY", "", date(2026, 1, 1), date(2027, 1, 1), False),
            currency="EUR",
            terms={"flat_fee": "100"},
        )
    if stage in ("licensee_signed", "active"):
        deal = services.deal_sign(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)
    if stage == "active":
        deal = services.deal_sign(actor=parties.licensor_editor, deal=deal, expected_version=deal.version)
    assert selectors.deal_next_actions(viewer=parties.licensor_editor, deal=deal) == licensor_actions
    assert selectors.deal_next_actions(viewer=parties.licensee_editor, deal=deal) == licensee_actions


def test_viewers_and_overseeing_film_bodies_see_a_deal_but_may_do_nothing_with_it(parties):
    deal = offered_deal(parties)
    viewer = member_of(parties.licensee, Role.VIEWER)
    film_body = OrganisationFactory(kind="film_body", country=parties.licensee.country)
    overseer = member_of(film_body, Role.EDITOR)
    for person in (viewer, overseer):
        assert selectors.deal_get(viewer=person, reference=deal.reference) == deal
        assert selectors.deal_parties_of(viewer=person, deal=deal) == frozenset()
        assert selectors.deal_next_actions(viewer=person, deal=deal) == frozenset()


def test_offers_and_events_come_in_order(parties):
    deal = offered_deal(parties)
    assert [o.number for o in selectors.deal_offers(deal=deal)] == [1, 2]
    assert [e.action for e in selectors.deal_events(deal=deal)] == ["requested", "offered"]


def test_the_rights_warning_names_a_conflict_that_appeared_before_signing(parties):
    deal = offered_deal(parties)
    assert selectors.deal_rights_conflicts(viewer=parties.licensor_editor, deal=deal) == []
    rival = grant_create(
        actor=parties.licensor_editor,
        data=exclusive_out(parties.film, media="THEATRICAL", counterparty_id=exhibitor().pk),
    )
    (warning,) = selectors.deal_rights_conflicts(viewer=parties.licensor_editor, deal=deal)
    assert f"#{rival.pk}" in warning


def test_the_licensee_is_warned_without_the_number_of_another_licensees_grant(parties):
    deal = offered_deal(parties)
    rival = grant_create(
        actor=parties.licensor_editor,
        data=exclusive_out(parties.film, media="THEATRICAL", counterparty_id=exhibitor().pk),
    )
    (warning,) = selectors.deal_rights_conflicts(viewer=parties.licensee_editor, deal=deal)
    assert f"#{rival.pk}" not in warning
    assert "not disclosed" in warning


def test_the_rights_warning_is_silent_once_the_deal_is_active(parties):
    deal = active_deal(film=parties.film, exclusive=True)
    assert selectors.deal_rights_conflicts(viewer=parties.licensor_editor, deal=deal) == []


def test_deal_terms_are_the_parsed_terms_on_the_table(parties):
    deal = requested_deal(parties)
    assert selectors.deal_terms(deal=deal).theatrical.percent_by_week == (Decimal(40),)
    deal = offered_deal(parties)
    terms = selectors.deal_terms(deal=deal)
    assert terms.minimum_guarantee == Decimal("20000.00")
    assert terms.theatrical.over_nut_percent(3) == Decimal(90)


def test_licensed_leaves_are_those_of_the_grant_the_signature_created(parties):
    vocabularies = vocabulary.load_vocabularies()
    deal = offered_deal(
        parties, territories="BY, KZ", media="THEATRICAL, SVOD", language_uses="ru:dubbed fa:subtitled"
    )
    assert selectors.deal_licensed_leaves(deal=deal).territories == frozenset()  # nothing signed yet
    deal = services.deal_sign(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)
    deal = services.deal_sign(actor=parties.licensor_editor, deal=deal, expected_version=deal.version)
    territories, media, uses = selectors.deal_licensed_leaves(deal=deal)
    by, kz = (vocabularies.territories.numeric_id(code) for code in ("BY", "KZ"))
    assert territories == {by, kz} == {112, 398}
    assert media == {vocabularies.media.leaf_id("THEATRICAL"), vocabularies.media.leaf_id("SVOD")}
    assert uses == {LanguageUse("ru", Use.DUBBED), LanguageUse("fa", Use.SUBTITLED)}


def test_licensed_leaves_of_a_deal_for_every_language(parties):
    deal = active_deal(film=parties.film)
    assert selectors.deal_licensed_leaves(deal=deal).language_uses is None
