"""Deals pages as real users of both parties and of a third organisation: the list, the request from
an avails answer, the deal page, offers and counter-offers with the terms entered as fields, the
signature, ending a deal, the stale-version path, confidentiality (404 for outsiders) and RTL in fa."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.deals import services
from cinebridge.deals.forms import form_field_for
from cinebridge.deals.models import Deal, DealStatus
from cinebridge.deals.templatetags.deals import money_text, percent_text, terms_sentence
from cinebridge.rights import loader

from .factories import THEATRICAL_TERMS, offered_deal, requested_deal, rights_terms

pytestmark = pytest.mark.django_db

ACTIONS = ("offer", "counter", "sign", "decline", "withdraw", "terminate")


def url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(f"deals:{name}", args=args) + (f"?{query}" if query else "")


@pytest.fixture(autouse=True)
def _fresh_index():
    # Each test's rolled-back transaction may reach the same rights version again: start from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()


@pytest.fixture
def outsider():
    """An admin of a platform of another country: a party to nothing here."""
    platform = OrganisationFactory(slug="kino-platform", kind=OrganisationKind.PLATFORM, country="RU")
    return member_of(platform, Role.ADMIN)


@pytest.fixture
def requested(parties):
    return requested_deal(parties)


@pytest.fixture
def offered(parties):
    return offered_deal(parties)


def as_user(client, user):
    client.force_login(user)
    return client


def offer_post(version, **changes):
    """The offer form as a person fills it: Farabi's MG with a sliding scale and the 90/10 alternative."""
    data = {
        "version": str(version),
        "media_expression": "THEATRICAL",
        "territories": "BY",
        "language_uses": "",
        "start": "2026-01-01",
        "last_day": "2026-12-31",
        "currency": "EUR",
        "flat_fee": "",
        "minimum_guarantee": "20000",
        "percent_by_week": ["50", "45", "40", "35", ""],
        "over_nut_percent_by_week": ["90", "", ""],
        "revenue_share_percent": "",
        "distribution_fees_medium": ["THEATRICAL", ""],
        "distribution_fees_percent": ["25", ""],
        "expenses_cap": "10000",
        "rounding": "half_up",
        "message": "Our best terms.",
    }
    data.update(changes)
    return data


# --- confidentiality ---------------------------------------------------------------------------------


def test_a_third_organisation_gets_404_on_every_deal_page(client, outsider, offered):
    version = offered.version
    as_user(client, outsider)
    for name in ("detail", *ACTIONS, "memo_pdf"):
        assert client.get(url(name, offered.reference)).status_code == 404, name
    for name in ACTIONS:
        response = client.post(url(name, offered.reference), {"version": offered.version, "reason": "x"})
        assert response.status_code == 404, name
    offered.refresh_from_db()
    assert offered.status == DealStatus.OFFERED
    assert offered.version == version


def test_a_third_organisation_does_not_see_the_deal_in_its_list(client, outsider, offered):
    response = as_user(client, outsider).get(url("list"))

    assert response.status_code == 200
    assert offered.reference not in response.content.decode()
    assert response.context["rows"] == []


def test_signed_out_visitors_are_sent_to_sign_in(client, offered):
    for name in ("list", "request"):
        assert client.get(url(name)).status_code == 302
    response = client.get(url("detail", offered.reference))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_film_body_of_a_party_sees_the_deal_but_cannot_act(client, offered):
    ministry = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY")
    official = member_of(ministry, Role.EDITOR)

    response = as_user(client, official).get(url("detail", offered.reference))

    assert response.status_code == 200
    assert response.context["actions"] == frozenset()
    assert "film body" in response.content.decode()
    assert client.get(url("sign", offered.reference)).status_code == 403


# --- the list ------------------------------------------------------------------------------------------


def test_each_party_sees_the_deal_with_its_side_and_whose_turn(client, parties, offered):
    response = as_user(client, parties.licensor_editor).get(url("list"))
    [row] = response.context["rows"]
    assert row["deal"] == offered
    assert [str(side) for side in row["sides"]] == ["licensor"]
    assert row["turn"] == "licensee"

    response = as_user(client, parties.licensee_editor).get(url("list"))
    [row] = response.context["rows"]
    assert [str(side) for side in row["sides"]] == ["licensee"]
    assert "ours" in response.content.decode()


def test_the_list_filters_by_status(client, parties, offered):
    as_user(client, parties.licensee_editor)

    assert client.get(url("list", query="status=offered")).context["rows"][0]["deal"] == offered
    assert client.get(url("list", query="status=active")).context["rows"] == []
    assert client.get(url("list", query="side=licensor")).context["rows"] == []


# --- the request ---------------------------------------------------------------------------------------


def test_the_request_form_is_prefilled_from_an_avails_answer(client, parties):
    query = f"film={parties.film.slug}&media=THEATRICAL&territories=BY&start=2026-03-01&end=2026-09-01&exclusive=1"
    response = as_user(client, parties.licensee_editor).get(url("request", query=query))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["film"] == parties.film.slug
    assert form.initial["start"] == date(2026, 3, 1)
    assert form.initial["last_day"] == date(2026, 8, 31)  # `end` is the first day no longer asked
    assert form.initial["exclusive"] is True
    html = response.content.decode()
    assert 'value="2026-08-31"' in html
    assert 'value="THEATRICAL"' in html


def test_a_request_sends_the_terms_entered_as_fields(client, parties):
    data = offer_post(0, film=parties.film.slug, licensee=str(parties.licensee.pk))
    del data["version"]

    response = as_user(client, parties.licensee_editor).post(url("request"), data)

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", deal.reference)
    assert deal.status == DealStatus.REQUESTED
    offer = deal.current_offer
    assert offer.end == date(2027, 1, 1)
    assert offer.terms["minimum_guarantee"] == "20000.00"
    assert offer.terms["theatrical"]["percent_by_week"] == ["50", "45", "40", "35"]
    assert offer.terms["theatrical"]["over_nut_percent_by_week"] == ["90"]
    assert offer.terms["distribution_fee_percent"] == {"THEATRICAL": "25"}
    assert offer.terms["expenses_cap"] == "10000.00"


def test_a_gap_in_the_sliding_scale_is_shown_at_its_field_and_nothing_is_sent(client, parties):
    data = offer_post(0, film=parties.film.slug, licensee=str(parties.licensee.pk))
    data["percent_by_week"] = ["50", "", "40"]

    response = as_user(client, parties.licensee_editor).post(url("request"), data)

    assert response.status_code == 200
    assert "Week 2 is empty" in str(response.context["form"].errors["percent_by_week"])
    assert Deal.objects.count() == 0


def test_an_amount_with_more_decimals_than_the_currency_has_is_refused_at_its_field(client, parties):
    data = offer_post(
        0, film=parties.film.slug, licensee=str(parties.licensee.pk), minimum_guarantee="20000.125"
    )

    response = as_user(client, parties.licensee_editor).post(url("request"), data)

    assert "minimum_guarantee" in response.context["form"].errors
    assert Deal.objects.count() == 0


def test_a_territory_the_vocabulary_does_not_know_is_refused_at_its_field(client, parties):
    data = offer_post(0, film=parties.film.slug, licensee=str(parties.licensee.pk), territories="NARNIA")

    response = as_user(client, parties.licensee_editor).post(url("request"), data)

    assert response.status_code == 200
    assert "territories" in response.context["form"].errors
    assert Deal.objects.count() == 0


def test_only_editors_of_a_licensee_kind_may_request(client, parties):
    viewer = member_of(parties.licensee, Role.VIEWER)

    assert as_user(client, viewer).get(url("request")).status_code == 403


# --- the deal page -------------------------------------------------------------------------------------


def test_the_deal_page_shows_the_terms_in_words_and_the_trail(client, parties, offered):
    response = as_user(client, parties.licensee_editor).get(url("detail", offered.reference))

    assert response.status_code == 200
    html = response.content.decode()
    assert "20,000.00\xa0EUR" in html
    assert "50% of net box office in week 1, 45% in week 2" in html
    assert "35% from week 4 on, or 90% over the house nut in every week if higher" in html
    assert response.context["actions"] >= {"counter", "sign", "decline", "withdraw"}
    assert f'value="{offered.version}"' in html  # the action forms carry the version
    assert [e.action for e in response.context["events"]] == ["requested", "offered"]
    # The offer differs from the request in its money: those lines are marked.
    latest = response.context["history"][-1]
    changed = {row.key for row in latest.rows if row.changed}
    assert "terms.minimum_guarantee" in changed
    assert "media" not in changed


def test_the_licensor_offers_from_a_form_prefilled_with_the_request(client, parties, requested):
    as_user(client, parties.licensor_editor)
    form = client.get(url("offer", requested.reference)).context["form"]
    assert form.initial["percent_by_week"] == ["40"]
    assert form.initial["version"] == requested.version

    response = client.post(url("offer", requested.reference), offer_post(requested.version))

    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == DealStatus.OFFERED
    assert requested.current_offer.terms["minimum_guarantee"] == "20000.00"


def test_the_counter_offer_form_repeats_every_term_of_the_offer(client, parties, offered):
    response = as_user(client, parties.licensee_editor).get(url("counter", offered.reference))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="THEATRICAL" selected>' in html  # the fee's medium
    assert 'name="distribution_fees_percent"' in html
    weeks = re.findall(r'name="percent_by_week"\s+id="[^"]+"\s+value="([^"]*)"', html)
    assert weeks[:5] == ["50", "45", "40", "35", ""]  # and spare inputs to add weeks
    assert 'value="20000.00"' in html


def test_the_licensee_counters(client, parties, offered):
    response = as_user(client, parties.licensee_editor).post(
        url("counter", offered.reference), offer_post(offered.version, minimum_guarantee="15000")
    )

    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.status == DealStatus.COUNTERED
    assert offered.current_offer.terms["minimum_guarantee"] == "15000.00"


def test_persian_digits_are_read_in_amounts_and_percentages(client, parties, offered):
    data = offer_post(offered.version, minimum_guarantee="۱۵۰۰۰٫۵۰", percent_by_week=["۵۰", "۴۵"])

    response = as_user(client, parties.licensee_editor).post(
        url("counter", offered.reference, language="fa"), data
    )

    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.current_offer.terms["minimum_guarantee"] == "15000.50"
    assert offered.current_offer.terms["theatrical"]["percent_by_week"] == ["50", "45"]


def test_a_film_of_ones_own_organisation_cannot_be_requested_and_the_page_says_why(client, parties):
    own = member_of(parties.licensor, Role.EDITOR)
    data = offer_post(0, film=parties.film.slug, licensee=str(parties.licensor.pk))

    response = as_user(client, own).post(url("request"), data)

    assert response.status_code == 200
    assert "cannot license a film to itself" in response.content.decode()
    assert Deal.objects.count() == 0


def test_the_licensee_cannot_open_the_licensors_offer_form(client, parties, offered):
    response = as_user(client, parties.licensee_editor).get(url("offer", offered.reference))

    assert response.status_code == 302
    assert response["Location"] == url("detail", offered.reference)


def test_a_stale_offer_shows_the_latest_terms_and_keeps_what_was_entered(client, parties, offered):
    countered = services.deal_counter(
        actor=parties.licensee_editor,
        deal=offered,
        expected_version=offered.version,
        rights=rights_terms(),
        currency="EUR",
        terms={"flat_fee": "7777.00"},
    )
    loaded_version = countered.version  # the licensor's editor opens the offer form at this version
    colleague = member_of(parties.licensor, Role.EDITOR)
    services.deal_sign(actor=colleague, deal=countered, expected_version=loaded_version)  # meanwhile

    response = as_user(client, parties.licensor_editor).post(
        url("offer", offered.reference), offer_post(loaded_version, minimum_guarantee="31234")
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone changed this deal meanwhile" in html
    assert "7,777.00" in html  # the terms on the table now
    assert "Signed by one party" in html  # and where the deal stands now
    assert 'value="31234"' in html  # what the person entered is kept, as typed
    countered.refresh_from_db()
    assert response.context["form"]["version"].value() == str(countered.version)
    assert countered.current_offer.terms == {"flat_fee": "7777.00", "rounding": "half_up"}

    # Sent again knowingly, against the version shown, it goes through (new terms void the signature).
    again = client.post(
        url("offer", offered.reference), offer_post(countered.version, minimum_guarantee="31234")
    )
    assert again.status_code == 302
    countered.refresh_from_db()
    assert countered.status == DealStatus.OFFERED
    assert countered.current_offer.terms["minimum_guarantee"] == "31234.00"
    assert countered.licensor_signed_at is None


def test_a_stale_signature_is_refused_with_the_latest_terms(client, parties, offered):
    loaded_version = offered.version
    services.deal_counter(
        actor=parties.licensee_editor,
        deal=offered,
        expected_version=loaded_version,
        rights=rights_terms(),
        currency="EUR",
        terms={"minimum_guarantee": "12000.00"},
    )

    response = as_user(client, parties.licensor_editor).post(
        url("sign", offered.reference), {"version": loaded_version}
    )

    assert response.status_code == 409
    assert "12,000.00" in response.content.decode()
    offered.refresh_from_db()
    assert offered.licensor_signed_at is None


def test_both_signatures_make_the_deal_active_with_its_memo_link(client, parties, offered):
    as_user(client, parties.licensor_editor)
    confirmation = client.get(url("sign", offered.reference))
    assert confirmation.status_code == 200
    assert "20,000.00" in confirmation.content.decode()  # exactly what is signed
    assert client.post(url("sign", offered.reference), {"version": offered.version}).status_code == 302
    offered.refresh_from_db()
    assert offered.status == DealStatus.SIGNING

    as_user(client, parties.licensee_editor)
    assert client.post(url("sign", offered.reference), {"version": offered.version}).status_code == 302
    offered.refresh_from_db()
    assert offered.status == DealStatus.ACTIVE
    page = client.get(url("detail", offered.reference))
    assert url("memo_pdf", offered.reference) in page.content.decode()
    assert "terminate" in page.context["actions"]


def test_both_parties_download_the_memo_of_an_active_deal(client, parties, offered):
    deal = services.deal_sign(actor=parties.licensor_editor, deal=offered, expected_version=offered.version)
    deal = services.deal_sign(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)

    for user in (parties.licensor_editor, parties.licensee_editor):
        response = as_user(client, user).get(url("memo_pdf", deal.reference))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_no_memo_before_both_parties_signed(client, parties, offered):
    assert as_user(client, parties.licensor_editor).get(url("memo_pdf", offered.reference)).status_code == 404


def test_termination_needs_a_reason(client, parties, offered):
    deal = services.deal_sign(actor=parties.licensor_editor, deal=offered, expected_version=offered.version)
    deal = services.deal_sign(actor=parties.licensee_editor, deal=deal, expected_version=deal.version)
    as_user(client, parties.licensor_editor)

    response = client.post(url("terminate", deal.reference), {"version": deal.version, "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors

    response = client.post(url("terminate", deal.reference), {"version": deal.version, "reason": "Unpaid MG"})
    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.status == DealStatus.TERMINATED
    assert deal.end_reason == "Unpaid MG"


def test_the_licensee_withdraws_and_the_licensor_cannot(client, parties, requested):
    response = as_user(client, parties.licensor_editor).post(
        url("withdraw", requested.reference), {"version": requested.version, "reason": "no"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    requested.refresh_from_db()
    assert requested.status == DealStatus.REQUESTED

    response = as_user(client, parties.licensee_editor).post(
        url("withdraw", requested.reference), {"version": requested.version, "reason": "Changed our plans"}
    )
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == DealStatus.WITHDRAWN


def test_declining_records_the_reason_in_the_trail(client, parties, offered):
    as_user(client, parties.licensee_editor).post(
        url("decline", offered.reference), {"version": offered.version, "reason": "Too expensive"}
    )

    page = client.get(url("detail", offered.reference))
    assert page.context["deal"].status == DealStatus.DECLINED
    assert "Too expensive" in page.content.decode()
    assert page.context["actions"] == frozenset()


# --- languages -----------------------------------------------------------------------------------------


def test_the_deal_page_is_right_to_left_with_persian_digits_in_fa(client, parties, offered):
    response = as_user(client, parties.licensor_editor).get(url("detail", offered.reference, language="fa"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in html
    assert "۲۰٬۰۰۰٫۰۰" in html  # the MG in Persian digits and separators


def test_amounts_and_percentages_follow_the_locale():
    with translation.override("ru"):
        assert money_text("20000.00", "EUR") == "20\xa0000,00\xa0EUR"
        assert percent_text("45") == "45\xa0%"
    with translation.override("en"):
        assert money_text("1500", "JPY") == "1,500\xa0JPY"
        assert terms_sentence(THEATRICAL_TERMS, "EUR").startswith(
            "MG 20,000.00\xa0EUR; film rental 50% of net box office in week 1, 45% in week 2"
        )
        assert terms_sentence({}, "EUR") == "no financial terms proposed"


def test_service_error_paths_land_on_the_form_field_that_holds_them():
    assert form_field_for("terms.theatrical.percent_by_week[2]") == "percent_by_week"
    assert form_field_for("terms.theatrical.over_nut_percent_by_week[0]") == "over_nut_percent_by_week"
    assert form_field_for("terms.distribution_fee_percent.SVOD") == "distribution_fees"
    assert form_field_for("end") == "last_day"


# --- from avails to a request -------------------------------------------------------------------------


def test_avails_results_link_to_a_prefilled_request(client, parties):
    query = "medium=THEATRICAL&territories=BY&start=2026-03-01&last_day=2026-08-31&licence=exclusive&match=cover_entire&min_days=1"
    with translation.override("en"):
        search = reverse("rights:avails_search")

    response = as_user(client, parties.licensee_editor).get(f"{search}?{query}")

    html = response.content.decode()
    assert "Request a licence" in html
    expected = url(
        "request",
        query=f"film={parties.film.slug}&amp;media=THEATRICAL&amp;territories=BY&amp;start=2026-03-01&amp;end=2026-09-01&amp;exclusive=1",
    )
    assert expected in html


@pytest.mark.parametrize("language", ["fa", "ar", "ru", "be", "en"])
def test_every_deal_page_renders_in_every_ui_language(client, parties, offered, language):
    as_user(client, parties.licensee_editor)
    for name, args in (("list", ()), ("detail", (offered.reference,)), ("counter", (offered.reference,))):
        response = client.get(url(name, *args, language=language))
        assert response.status_code == 200, (name, language)
        assert f'<html lang="{language}" dir="{"rtl" if language in ("fa", "ar") else "ltr"}">' in (
            response.content.decode()
        )
