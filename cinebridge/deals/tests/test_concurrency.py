"""Two people answering the same version of a deal at once on PostgreSQL: exactly one wins.

The deal's row lock (SELECT … FOR UPDATE) makes the second writer wait for the first one's commit;
it then sees the new version and is refused as stale, instead of overwriting the first one's answer.
SQLite has no row locks (and one writer at a time): skipped there.
"""

import pytest
from django.db import connection

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import member_of
from cinebridge.core.tests.concurrency import race
from cinebridge.deals import services
from cinebridge.deals.models import Deal, DealEvent, DealStatus, Offer
from cinebridge.deals.services import DealRefused, StaleDeal
from cinebridge.rights.models import Grant
from cinebridge.rights.services import GrantConflict, grant_create
from cinebridge.rights.tests.factories import exclusive_out

from .factories import THEATRICAL_TERMS, exhibitor, offered_deal, rights_terms

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are PostgreSQL's (SQLite has one writer at a time)",
    ),
]


def one_winner(outcomes, loser_type=StaleDeal):
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    losers = [o for o in outcomes if isinstance(o, loser_type)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    return winners[0], losers[0]


def test_two_people_signing_the_same_version_one_wins_the_other_is_told_it_is_stale(parties):
    deal = offered_deal(parties)
    seen = deal.version
    outcomes = race(
        lambda: services.deal_sign(actor=parties.licensor_editor, deal=deal, expected_version=seen),
        lambda: services.deal_sign(actor=parties.licensee_editor, deal=deal, expected_version=seen),
    )
    winner, loser = one_winner(outcomes)
    assert loser.extra["version"] == winner.version == seen + 1
    deal.refresh_from_db()
    assert deal.status == DealStatus.SIGNING
    assert (deal.licensor_signed_at is None) != (deal.licensee_signed_at is None)  # exactly one signature
    assert DealEvent.objects.filter(deal=deal, action="signed").count() == 1


def test_two_colleagues_offering_against_the_same_version_do_not_overwrite_each_other(parties):
    deal = services.deal_request(
        actor=parties.licensee_editor,
        film=parties.film,
        licensee=parties.licensee,
        rights=rights_terms(),
        currency="EUR",
        terms={},
    )
    colleague = member_of(parties.licensor, Role.EDITOR)

    def offer(actor, fee):
        return services.deal_offer(
            actor=actor,
            deal=deal,
            expected_version=1,
            rights=rights_terms(),
            currency="EUR",
            terms={**THEATRICAL_TERMS, "flat_fee": fee},
        )

    outcomes = race(lambda: offer(parties.licensor_editor, "1000"), lambda: offer(colleague, "2000"))
    winner, _loser = one_winner(outcomes)
    assert Offer.objects.filter(deal=deal).count() == 2
    deal.refresh_from_db()
    assert deal.version == 2
    assert deal.current_offer.terms["flat_fee"] == winner.current_offer.terms["flat_fee"]


def test_a_signature_racing_an_exclusive_grant_of_the_same_rights_one_of_them_wins(parties):
    deal = offered_deal(parties, exclusive=True)
    deal = services.deal_sign(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)
    rival = exhibitor()
    outcomes = race(
        lambda: services.deal_sign(actor=parties.licensor_editor, deal=deal, expected_version=deal.version),
        lambda: grant_create(
            actor=parties.licensor_editor,
            data=exclusive_out(parties.film, media="THEATRICAL", counterparty_id=rival.pk),
        ),
    )
    signed, granted = outcomes
    # Exactly one succeeds; the deal's refusal or the grant's conflict names the other's licence.
    assert isinstance(signed, Deal) != isinstance(granted, Grant), outcomes
    assert isinstance(signed, DealRefused) or isinstance(granted, GrantConflict), outcomes
    exclusive_outs = Grant.objects.filter(work=parties.film, direction="out", exclusivity="exclusive")
    assert exclusive_outs.count() == 1
    status = Deal.objects.get(pk=deal.pk).status
    assert status == (DealStatus.ACTIVE if isinstance(signed, Deal) else DealStatus.SIGNING)
