"""The deal services: each step, who may take it when, the audit trail, the version, the notifications,
and the licence entered into the rights ledger at the second signature."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from cinebridge.accounts.models import OrganisationKind, OrganisationTranslation, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.catalogue.models import FilmTranslation
from cinebridge.core.errors import ApplicationError
from cinebridge.deals import services
from cinebridge.deals.models import Deal, DealAction, DealEvent, DealStatus, Offer, OfferKind, Party
from cinebridge.deals.services import DealRefused, StaleDeal
from cinebridge.notifications.models import Notification
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.models import Grant
from cinebridge.rights.services import grant_create
from cinebridge.rights.tests.factories import exclusive_out

from .factories import (
    REQUEST_TERMS,
    THEATRICAL_TERMS,
    active_deal,
    deal_parties,
    offered_deal,
    rights_terms,
)

pytestmark = pytest.mark.django_db


def request(parties, **fields):
    values = {
        "actor": parties.licensee_editor,
        "film": parties.film,
        "licensee": parties.licensee,
        "rights": rights_terms(),
        "currency": "EUR",
        "terms": REQUEST_TERMS,
    }
    values.update(fields)
    return services.deal_request(**values)


def offer(deal, actor, **fields):
    values = {
        "actor": actor,
        "deal": deal,
        "expected_version": deal.version,
        "rights": rights_terms(),
        "currency": "EUR",
        "terms": THEATRICAL_TERMS,
    }
    values.update(fields)
    return services.deal_offer(**values)


def counter(deal, actor, **fields):
    values = {
        "actor": actor,
        "deal": deal,
        "expected_version": deal.version,
        "rights": rights_terms(),
        "currency": "EUR",
        "terms": {**THEATRICAL_TERMS, "minimum_guarantee": "15000"},
    }
    values.update(fields)
    return services.deal_counter(**values)


def sign(deal, actor, **fields):
    return services.deal_sign(actor=actor, deal=deal, expected_version=deal.version, **fields)


def trail(deal):
    return list(
        DealEvent.objects.filter(deal=deal).order_by("id").values_list("action", "from_status", "to_status")
    )


def notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


# --- request ---------------------------------------------------------------------------------------


def test_a_request_opens_a_deal_with_the_request_as_its_first_offer(parties):
    deal = request(parties, message="For our spring programme")
    assert deal.status == DealStatus.REQUESTED
    assert deal.reference == f"CB-{timezone.localdate().year}-0001"
    assert (deal.licensor, deal.licensee, deal.version) == (parties.licensor, parties.licensee, 1)
    first = deal.current_offer
    assert (first.number, first.kind, first.party) == (1, OfferKind.REQUEST, Party.LICENSEE)
    assert (first.media, first.territories, first.currency) == ("THEATRICAL", "BY", "EUR")
    assert first.message == "For our spring programme"
    assert trail(deal) == [(DealAction.REQUESTED, "", DealStatus.REQUESTED)]


def test_references_count_up_within_the_year(parties):
    first = request(parties)
    second = request(parties)
    year = timezone.localdate().year
    assert (first.reference, second.reference) == (f"CB-{year}-0001", f"CB-{year}-0002")


def test_the_licensors_members_are_told_of_a_request_but_not_the_requester(parties):
    colleague = member_of(parties.licensee, Role.EDITOR)
    licensor_viewer = member_of(parties.licensor, Role.VIEWER)
    request(parties)
    assert notified("deal.requested") == {parties.licensor_editor.pk, licensor_viewer.pk}
    assert colleague.pk not in notified("deal.requested")


def test_the_rights_and_terms_are_stored_in_their_canonical_form(parties):
    deal = request(
        parties,
        rights=rights_terms(territories="by, ru", language_uses="ru:dubbed fa:original"),
        currency="eur",
        terms={"flat_fee": "5000", "theatrical": {"percent_by_week": ["50.00", 45]}},
    )
    stored = deal.current_offer
    assert stored.currency == "EUR"
    assert stored.language_uses == "fa:original ru:dubbed"
    assert stored.terms == {
        "flat_fee": "5000.00",
        "theatrical": {"percent_by_week": ["50", "45"]},
        "rounding": "half_up",
    }


@pytest.mark.parametrize(
    ("change", "field", "named"),
    [
        ({"rights": rights_terms(territories="Narnia")}, "territories", "Narnia"),
        ({"rights": rights_terms(media="CINEMA_ON_THE_MOON")}, "media", "CINEMA_ON_THE_MOON"),
        ({"rights": rights_terms(language_uses="ru:whispered")}, "language_uses", "ru:whispered"),
        ({"rights": rights_terms(start=date(2027, 1, 1))}, "end", ""),
        ({"currency": "EURO"}, "currency", "EURO"),
        ({"currency": "XAU"}, "currency", "XAU"),
        ({"terms": {"minimum_guarantee": "12.345"}}, "terms", "minimum_guarantee"),
        (
            {"terms": {"theatrical": {"percent_by_week": ["50", "120"]}}},
            "terms",
            "theatrical.percent_by_week[1]",
        ),
        ({"terms": {"royalties_please": "1"}}, "terms", "royalties_please"),
    ],
)
def test_a_bad_request_is_refused_naming_the_field_and_nothing_is_written(parties, change, field, named):
    with pytest.raises(ApplicationError) as refused:
        request(parties, **change)
    assert refused.value.field == field
    assert named in refused.value.message
    assert not Deal.objects.exists()
    assert not Notification.objects.exists()


def test_a_terms_error_carries_the_path_of_the_bad_term(parties):
    with pytest.raises(ApplicationError) as refused:
        request(parties, terms={"theatrical": {"percent_by_week": ["50", "x"]}})
    assert refused.value.extra["path"] == "theatrical.percent_by_week[1]"


def test_an_organisation_cannot_request_its_own_film(parties):
    owner_editor = parties.licensor_editor
    with pytest.raises(ApplicationError) as refused:
        request(parties, actor=owner_editor, licensee=parties.licensor)
    assert refused.value.field == "licensee"


@pytest.mark.parametrize("role", [Role.VIEWER])
def test_only_editors_may_request(parties, role):
    with pytest.raises(PermissionDenied):
        request(parties, actor=member_of(parties.licensee, role))


def test_an_organisation_of_a_kind_that_does_not_license_films_may_not_request(parties):
    festival = OrganisationFactory(kind=OrganisationKind.FESTIVAL, country="BY")
    with pytest.raises(PermissionDenied):
        request(parties, actor=member_of(festival, Role.EDITOR), licensee=festival)


def test_nobody_may_request_for_an_organisation_they_do_not_belong_to(parties):
    with pytest.raises(PermissionDenied):
        request(parties, actor=member_of(OrganisationFactory(kind=OrganisationKind.EXHIBITOR), Role.EDITOR))


# --- offers and counter-offers ---------------------------------------------------------------------


def test_the_licensor_answers_with_an_offer_the_licensee_with_a_counter_offer(parties):
    deal = request(parties)
    deal = offer(deal, parties.licensor_editor, message="Our terms")
    assert (deal.status, deal.version) == (DealStatus.OFFERED, 2)
    assert (deal.current_offer.number, deal.current_offer.kind) == (2, OfferKind.OFFER)
    assert deal.current_offer.terms["minimum_guarantee"] == "20000.00"
    deal = counter(deal, parties.licensee_editor)
    assert (deal.status, deal.version) == (DealStatus.COUNTERED, 3)
    assert (deal.current_offer.number, deal.current_offer.party) == (3, Party.LICENSEE)
    assert deal.current_offer.terms["minimum_guarantee"] == "15000.00"
    deal = offer(deal, parties.licensor_editor)
    assert (deal.status, deal.current_offer.number) == (DealStatus.OFFERED, 4)
    assert [a for a, _f, _t in trail(deal)] == ["requested", "offered", "countered", "offered"]
    # Earlier offers stay as they were: the history of the negotiation.
    assert Offer.objects.get(deal=deal, number=2).terms["minimum_guarantee"] == "20000.00"


def test_each_offer_tells_the_other_party(parties):
    deal = request(parties)
    deal = offer(deal, parties.licensor_editor)
    assert notified("deal.offered") == {parties.licensee_editor.pk}
    counter(deal, parties.licensee_editor)
    assert notified("deal.countered") == {parties.licensor_editor.pk}


def test_the_licensee_cannot_make_an_offer_nor_the_licensor_a_counter_offer(parties):
    deal = request(parties)
    with pytest.raises(DealRefused):
        offer(deal, parties.licensee_editor)
    with pytest.raises(DealRefused):
        counter(deal, parties.licensor_editor)
    deal = offer(deal, parties.licensor_editor)
    with pytest.raises(DealRefused):
        offer(deal, parties.licensor_editor)  # its offer is on the table: the licensee's turn
    assert Deal.objects.get(pk=deal.pk).version == 2


def test_a_viewer_of_a_party_cannot_negotiate(parties):
    deal = request(parties)
    with pytest.raises(PermissionDenied):
        offer(deal, member_of(parties.licensor, Role.VIEWER))


def test_an_outsider_cannot_negotiate(parties):
    deal = request(parties)
    with pytest.raises(PermissionDenied):
        offer(deal, member_of(OrganisationFactory(), Role.EDITOR))


def test_a_change_against_an_old_version_is_refused_as_stale_and_changes_nothing(parties):
    deal = request(parties)
    seen = Deal.objects.get(pk=deal.pk)
    offer(deal, parties.licensor_editor)
    with pytest.raises(StaleDeal) as stale:
        offer(seen, parties.licensor_editor, expected_version=1)
    assert stale.value.extra["version"] == 2
    assert "version 2" in stale.value.message
    assert Offer.objects.filter(deal=deal).count() == 2
    assert Deal.objects.get(pk=deal.pk).version == 2


def test_a_bad_offer_is_refused_naming_the_field_and_changes_nothing(parties):
    deal = request(parties)
    with pytest.raises(ApplicationError) as refused:
        offer(deal, parties.licensor_editor, rights=rights_terms(territories="BY excluding"))
    assert refused.value.field == "territories"
    deal.refresh_from_db()
    assert (deal.status, deal.version, deal.offers.count()) == (DealStatus.REQUESTED, 1, 1)


# --- signatures ------------------------------------------------------------------------------------


def test_both_signatures_make_the_deal_active_and_enter_the_licence_into_the_ledger(parties):
    deal = offered_deal(parties, exclusive=True)
    deal = sign(deal, parties.licensee_editor)
    assert deal.status == DealStatus.SIGNING
    assert deal.licensee_signed_by == parties.licensee_editor
    assert not deal.grants.exists()
    deal = sign(deal, parties.licensor_editor)
    assert deal.status == DealStatus.ACTIVE
    assert deal.activated_at is not None
    (grant,) = deal.grants.all()
    assert (grant.direction, grant.exclusivity, grant.status) == (
        Direction.OUT,
        Exclusivity.EXCLUSIVE,
        "active",
    )
    assert (grant.holder, grant.counterparty, grant.work) == (
        parties.licensor,
        parties.licensee,
        parties.film,
    )
    assert (grant.reference, grant.source) == (deal.reference, "deal")
    assert (grant.media_entered, grant.territories_entered) == ("THEATRICAL", "BY")
    assert (grant.start_date, grant.end_date) == (date(2026, 1, 1), date(2027, 1, 1))
    assert [a for a, _f, _t in trail(deal)][-3:] == ["signed", "signed", "activated"]


def test_activation_tells_both_parties(parties):
    colleague = member_of(parties.licensee, Role.VIEWER)
    deal = offered_deal(parties)
    deal = sign(deal, parties.licensor_editor)
    assert notified("deal.signed") == {parties.licensee_editor.pk, colleague.pk}
    sign(deal, parties.licensee_editor)
    assert notified("deal.activated") == {parties.licensor_editor.pk, colleague.pk}


def test_a_party_cannot_sign_twice(parties):
    deal = sign(offered_deal(parties), parties.licensor_editor)
    with pytest.raises(DealRefused):
        sign(deal, parties.licensor_editor)


def test_a_request_cannot_be_signed(parties):
    deal = request(parties)
    with pytest.raises(DealRefused):
        sign(deal, parties.licensor_editor)


def test_new_terms_after_a_signature_need_new_signatures(parties):
    deal = sign(offered_deal(parties), parties.licensee_editor)
    deal = offer(deal, parties.licensor_editor, terms={"flat_fee": "9000"})
    assert (deal.status, deal.licensee_signed_at, deal.licensor_signed_at) == (DealStatus.OFFERED, None, None)
    deal = sign(deal, parties.licensor_editor)
    assert deal.status == DealStatus.SIGNING


def test_someone_who_may_act_for_both_parties_must_say_for_which(parties):
    admin = UserFactory(is_superuser=True, is_staff=True)
    deal = offered_deal(parties)
    with pytest.raises(DealRefused) as refused:
        sign(deal, admin)
    assert refused.value.field == "party"
    deal = sign(deal, admin, party=Party.LICENSEE)
    assert deal.licensee_signed_by == admin
    deal = sign(deal, admin)  # only the licensor's signature is missing now
    assert deal.status == DealStatus.ACTIVE


def test_signing_fails_and_changes_nothing_when_an_exclusive_grant_appeared_meanwhile(parties):
    deal = offered_deal(parties)
    deal = sign(deal, parties.licensee_editor)
    events_before = DealEvent.objects.filter(deal=deal).count()
    version_before = deal.version
    rival = OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="BY")
    meanwhile = grant_create(
        actor=parties.licensor_editor,
        data=exclusive_out(parties.film, media="THEATRICAL", counterparty_id=rival.pk),
    )
    with pytest.raises(DealRefused) as refused:
        sign(deal, parties.licensor_editor)
    assert f"#{meanwhile.pk}" in refused.value.message
    assert "exclusive" in refused.value.message
    assert refused.value.extra["conflicts"][0]["rule"] == "touches_exclusive"
    deal.refresh_from_db()
    assert deal.status == DealStatus.SIGNING
    assert (deal.licensee_signed_by, deal.licensor_signed_at) == (parties.licensee_editor, None)
    assert deal.version == version_before
    assert DealEvent.objects.filter(deal=deal).count() == events_before
    assert not deal.grants.exists()
    assert not Grant.objects.filter(reference=deal.reference).exists()
    assert not Notification.objects.filter(kind="deal.activated").exists()


def test_a_licensee_refused_at_signing_is_not_told_another_licensees_grant_number(parties):
    deal = sign(offered_deal(parties), parties.licensor_editor)
    rival = OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="BY")
    meanwhile = grant_create(
        actor=parties.licensor_editor,
        data=exclusive_out(parties.film, media="THEATRICAL", counterparty_id=rival.pk),
    )
    with pytest.raises(DealRefused) as refused:
        sign(deal, parties.licensee_editor)
    assert f"#{meanwhile.pk}" not in refused.value.message
    assert "not disclosed" in refused.value.message


def test_signing_fails_when_the_film_changed_owner(parties):
    deal = sign(offered_deal(parties), parties.licensee_editor)
    parties.film.owner = OrganisationFactory()
    parties.film.save()
    with pytest.raises(DealRefused):
        sign(deal, parties.licensor_editor)
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.SIGNING


# --- ending ----------------------------------------------------------------------------------------


def test_either_party_may_decline_an_open_deal(parties):
    deal = services.deal_decline(
        actor=parties.licensor_editor, deal=request(parties), expected_version=1, reason="Not this year"
    )
    assert (deal.status, deal.end_reason) == (DealStatus.DECLINED, "Not this year")
    assert notified("deal.declined") == {parties.licensee_editor.pk}
    with pytest.raises(DealRefused):
        offer(deal, parties.licensor_editor)
    other = offered_deal(
        deal_parties(film=parties.film, licensee=parties.licensee, licensee_editor=parties.licensee_editor)
    )
    other = services.deal_decline(actor=parties.licensee_editor, deal=other, expected_version=other.version)
    assert other.status == DealStatus.DECLINED


def test_only_the_licensee_withdraws(parties):
    deal = offered_deal(parties)
    with pytest.raises(DealRefused):
        services.deal_withdraw(actor=parties.licensor_editor, deal=deal, expected_version=deal.version)
    deal = services.deal_withdraw(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)
    assert deal.status == DealStatus.WITHDRAWN
    assert notified("deal.withdrawn") == {parties.licensor_editor.pk}


def test_an_active_deal_cannot_be_declined_or_withdrawn(parties):
    deal = active_deal(film=parties.film, licensee=parties.licensee, licensee_editor=parties.licensee_editor)
    with pytest.raises(DealRefused):
        services.deal_withdraw(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)


def test_terminating_an_active_deal_needs_a_reason_and_terminates_its_grants(parties):
    deal = active_deal(
        film=parties.film,
        licensee=parties.licensee,
        licensor_editor=parties.licensor_editor,
        licensee_editor=parties.licensee_editor,
    )
    with pytest.raises(ApplicationError) as refused:
        services.deal_terminate(
            actor=parties.licensee_editor, deal=deal, expected_version=deal.version, reason=" "
        )
    assert refused.value.field == "reason"
    deal = services.deal_terminate(
        actor=parties.licensee_editor, deal=deal, expected_version=deal.version, reason="Cinema closed"
    )
    assert (deal.status, deal.end_reason) == (DealStatus.TERMINATED, "Cinema closed")
    assert deal.ended_at is not None
    assert set(deal.grants.values_list("status", flat=True)) == {"terminated"}
    assert notified("deal.terminated") == {parties.licensor_editor.pk}


def test_an_open_deal_cannot_be_terminated(parties):
    deal = offered_deal(parties)
    with pytest.raises(DealRefused):
        services.deal_terminate(
            actor=parties.licensor_editor, deal=deal, expected_version=deal.version, reason="x"
        )


def test_active_deals_whose_term_is_over_expire_with_their_grants(parties):
    ending = active_deal(film=parties.film, licensee=parties.licensee, end=date(2026, 6, 1))
    running = active_deal(film=parties.film, licensee=parties.licensee, start=date(2026, 6, 1))
    open_deal = offered_deal(parties, end=date(2026, 2, 1))
    assert services.deals_expire(today=date(2026, 5, 31)) == 0
    assert services.deals_expire(today=date(2026, 6, 1)) == 1
    ending.refresh_from_db()
    assert ending.status == DealStatus.EXPIRED
    assert set(ending.grants.values_list("status", flat=True)) == {"expired"}
    assert Deal.objects.get(pk=running.pk).status == DealStatus.ACTIVE
    assert Deal.objects.get(pk=open_deal.pk).status == DealStatus.OFFERED
    assert trail(ending)[-1] == (DealAction.EXPIRED, DealStatus.ACTIVE, DealStatus.EXPIRED)
    assert ending.licensor_signed_by_id in notified("deal.expired")
    assert services.deals_expire(today=date(2026, 6, 1)) == 0


def test_the_expiry_command_and_task_expire_deals(parties, capsys):
    from cinebridge.deals.tasks import deals_expire as expire_task

    deal = active_deal(film=parties.film, licensee=parties.licensee, end=date(2026, 6, 1))
    call_command("deals_expire", "--today", "2026-05-01")
    assert "0 deal(s) expired" in capsys.readouterr().out
    call_command("deals_expire", "--today", "2026-06-01")
    assert "1 deal(s) expired" in capsys.readouterr().out
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.EXPIRED
    assert expire_task.apply().get() == 0


# --- notifications in the recipient's language -----------------------------------------------------


def test_a_persian_reader_gets_the_notification_in_persian_with_a_persian_link(
    parties, django_capture_on_commit_callbacks
):
    FilmTranslation.objects.create(film=parties.film, language_code="fa", title="بچه‌های آسمان")
    OrganisationTranslation.objects.create(
        organisation=parties.licensee, language_code="fa", name="سینماهای مینسک", description=""
    )
    parties.licensor_editor.preferred_language = "fa"
    parties.licensor_editor.save()
    english = member_of(parties.licensor, Role.VIEWER, preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        deal = request(parties)
    persian_note = Notification.objects.get(recipient=parties.licensor_editor, kind="deal.requested")
    english_note = Notification.objects.get(recipient=english, kind="deal.requested")
    assert persian_note.link == f"/fa/deals/{deal.reference}/"
    assert english_note.link == f"/en/deals/{deal.reference}/"
    assert "بچه‌های آسمان" in persian_note.subject
    assert "بچه‌های آسمان" not in english_note.subject
    assert f"Film {parties.film.pk}" in english_note.subject  # its English title
    # Names in the reader's language, each isolated from the sentence's direction.
    assert persian_note.subject.startswith("\u2068سینماهای مینسک\u2069")
    assert english_note.subject.startswith(f"\u2068{parties.licensee.name}\u2069")
    assert {m.subject for m in mail.outbox} == {persian_note.subject, english_note.subject}


def test_a_message_from_the_other_party_is_quoted_in_the_notification(parties):
    request(parties, message="Please reply before March")
    (note,) = Notification.objects.filter(recipient=parties.licensor_editor)
    assert "Please reply before March" in note.body
