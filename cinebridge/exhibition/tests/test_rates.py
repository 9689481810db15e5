"""Exchange rates as people record them: the page (list by pair, add form, errors at the field, Persian
digits and the Solar Hijri calendar in fa), the REST endpoints, the admin, and the links that lead there
from a deal and from a statement that lacks a rate.

Rates are public market data: every signed-in person sees them; only editors record them."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.core.models import ExchangeRate
from cinebridge.exhibition import services

from .factories import box_office_weeks

pytestmark = pytest.mark.django_db

API = "/api/v1/exhibition/rates"
NEW_YEAR_EVE = date(2025, 12, 31)


def rates_url(language="en"):
    with translation.override(language):
        return reverse("exhibition:exchange_rates")


def signed_in(client, user):
    client.force_login(user)
    return client


def record(base="BYN", quote="EUR", on=NEW_YEAR_EVE, rate="0.28", source="NBRB"):
    return services.exchange_rate_record(actor=None, base=base, quote=quote, on=on, rate=rate, source=source)


@pytest.fixture
def viewer():
    """A member of a film body who may read but edits nothing."""
    body = OrganisationFactory(slug="by-ministry", kind=OrganisationKind.FILM_BODY, country="BY")
    return member_of(body, Role.VIEWER)


def add_form_data(**changes):
    return {"base": "BYN", "quote": "EUR", "on": "2025-12-31", "rate": "0.28", "source": "NBRB", **changes}


# --- the page ----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_and_record_nothing(client):
    page = client.get(rates_url())
    posted = client.post(rates_url(), add_form_data())

    assert page.status_code == 302
    assert "/accounts/login/" in page["Location"]
    assert posted.status_code == 302
    assert not ExchangeRate.objects.exists()


def test_an_editor_records_a_rate_and_sees_it_listed(client, cinema_editor):
    signed_in(client, cinema_editor)

    response = client.post(rates_url(), add_form_data(rate="۰٫۲۸"), follow=True)

    rate = ExchangeRate.objects.get()
    assert (rate.base, rate.quote, rate.on, rate.rate, rate.source) == (
        "BYN",
        "EUR",
        NEW_YEAR_EVE,
        Decimal("0.28"),
        "NBRB",
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?base=BYN&quote=EUR")
    assert f'id="rate-{rate.pk}"' in page
    assert "1 BYN = 0.28 EUR" in page  # the confirmation
    assert ">0.28</bdi>" in page  # the stored 0.280000000000, shown as recorded


def test_the_list_is_filtered_by_currency_pair(client, viewer):
    byn_eur = record()
    rub_eur = record(base="RUB", quote="EUR", rate="0.0105")
    byn_usd = record(base="BYN", quote="USD", rate="0.31")

    everything = signed_in(client, viewer).get(rates_url()).content.decode()
    into_euros = client.get(rates_url(), {"quote": "eur"}).content.decode()
    one_pair = client.get(rates_url(), {"base": "BYN", "quote": "EUR"}).content.decode()

    def listed(page):
        return {r.pk for r in (byn_eur, rub_eur, byn_usd) if f'id="rate-{r.pk}"' in page}

    assert listed(everything) == {byn_eur.pk, rub_eur.pk, byn_usd.pk}
    assert listed(into_euros) == {byn_eur.pk, rub_eur.pk}
    assert listed(one_pair) == {byn_eur.pk}


def test_a_wrong_filter_is_named_at_its_field(client, viewer):
    page = signed_in(client, viewer).get(rates_url(), {"base": "XXQ"}).content.decode()

    assert 'id="id_base_error"' in page
    assert "XXQ is not an ISO 4217 currency code." in page


def test_people_who_edit_nothing_see_the_rates_but_no_form_and_cannot_post(client, viewer):
    rate = record()
    signed_in(client, viewer)

    page = client.get(rates_url()).content.decode()
    posted = client.post(rates_url(), add_form_data(on="2026-01-01"))

    assert f'id="rate-{rate.pk}"' in page
    assert 'id="rate-form"' not in page
    assert posted.status_code == 403
    assert ExchangeRate.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"base": "ABC"}, "base", "ABC is not an ISO 4217 currency code."),
        ({"quote": "EU"}, "quote", "EU is not an ISO 4217 currency code."),
        ({"quote": "BYN"}, "quote", "A rate converts between two different currencies."),
        ({"rate": "0"}, "rate", "A rate is a number above zero."),
        ({"rate": "-1.5"}, "rate", "A rate is a number above zero."),
        ({"rate": "abc"}, "rate", "is not a number."),
        ({"rate": "0.1234567890123"}, "rate", "at most 16 digits before the decimal mark and 12 after it"),
        ({"on": "2025-02-30"}, "on", "Enter a valid date."),
    ],
)
def test_a_refused_rate_is_named_at_its_field(client, cinema_editor, changes, field, message):
    response = signed_in(client, cinema_editor).post(rates_url(), add_form_data(**changes))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="rate_{field}_error"' in page
    error = page.split(f'id="rate_{field}_error"')[1].split("</div>\n")[0]
    assert message in error
    assert not ExchangeRate.objects.exists()


def test_a_second_rate_for_the_same_pair_and_day_is_refused_at_the_date(client, cinema_editor):
    record(rate="0.28")

    response = signed_in(client, cinema_editor).post(rates_url(), add_form_data(rate="0.29"))

    page = response.content.decode()
    assert 'id="rate_on_error"' in page
    assert "A rate from BYN to EUR on 2025-12-31 is already recorded." in page
    assert ExchangeRate.objects.get().rate == Decimal("0.28")


def test_the_address_prefills_the_pair_and_the_day(client, cinema_editor):
    page = signed_in(client, cinema_editor).get(
        rates_url(), {"base": "byn", "quote": "EUR", "on": "۲۰۲۵-۱۲-۳۱"}
    )

    form = page.context["form"]
    assert (form["base"].value(), form["quote"].value(), form["on"].value()) == ("BYN", "EUR", NEW_YEAR_EVE)


def test_in_persian_numbers_and_dates_are_localised(client, viewer):
    record(rate="1234.5")

    page = signed_in(client, viewer).get(rates_url("fa")).content.decode()

    assert '<html lang="fa" dir="rtl">' in page
    assert "۱٬۲۳۴٫۵" in page  # Persian digits, grouping and decimal mark
    assert "۱۰ دی ۱۴۰۴" in page  # 31 December 2025 in the Solar Hijri calendar
    assert 'datetime="2025-12-31"' in page
    assert "1234.5" not in page


def test_a_rate_typed_with_persian_digits_in_fa_is_recorded(client, cinema_editor):
    signed_in(client, cinema_editor).post(
        rates_url("fa"), add_form_data(on="۲۰۲۵-۱۲-۳۱", rate="۴۲۰۰۰", base="EUR", quote="IRR")
    )

    assert ExchangeRate.objects.get().rate == Decimal(42000)


# --- links that lead here ----------------------------------------------------------------------


def test_the_deal_page_links_to_the_rates_into_its_currency(client, cinema_editor, deal):
    with translation.override("en"):
        url = reverse("exhibition:deal_exploitation", args=[deal.reference])

    page = signed_in(client, cinema_editor).get(url).content.decode()

    assert f'href="{rates_url()}?quote=EUR"' in page


def test_a_statement_missing_a_rate_links_to_recording_it(client, farabi_editor, deal, booking):
    box_office_weeks(booking=booking, weeks=1)  # BYN, while the deal is in EUR
    with translation.override("en"):
        url = reverse("exhibition:statement_preview", args=[deal.reference])
    signed_in(client, farabi_editor)

    missing = client.get(url, {"start": "2026-01-01", "end": "2026-03-31"}).content.decode()
    record(on=date(2026, 1, 1))
    computed = client.get(url, {"start": "2026-01-01", "end": "2026-03-31"}).content.decode()

    assert 'id="record-missing-rate"' in missing
    link = missing.split('id="record-missing-rate"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert link == f"{rates_url()}?base=BYN&amp;quote=EUR&amp;on=2026-01-07"
    assert 'id="record-missing-rate"' not in computed


# --- the API -----------------------------------------------------------------------------------


def test_the_api_lists_rates_by_pair_and_day(client, viewer):
    record(on=date(2025, 12, 30), rate="0.27")
    record(rate="0.280000")
    record(base="RUB", quote="EUR", rate="0.0105", source="")

    headers = bearer(viewer)
    pair = client.get(API, {"base": "BYN", "quote": "EUR"}, **headers).json()
    until = client.get(API, {"base": "BYN", "until": "2025-12-30"}, **headers).json()

    assert pair["count"] == 2
    assert [(r["on"], r["rate"], r["source"]) for r in pair["items"]] == [
        ("2025-12-31", "0.28", "NBRB"),
        ("2025-12-30", "0.27", "NBRB"),
    ]
    assert set(pair["items"][0]) == {"id", "base", "quote", "on", "rate", "source"}
    assert [r["rate"] for r in until["items"]] == ["0.27"]


def test_the_api_refuses_anonymous_callers(client):
    assert client.get(API).status_code == 401
    assert client.post(API, add_form_data(), content_type="application/json").status_code == 401
    assert not ExchangeRate.objects.exists()


def test_an_editor_records_a_rate_through_the_api(client, cinema_editor):
    response = client.post(
        API, add_form_data(rate="۱۰۵۰٫۲۵"), content_type="application/json", **bearer(cinema_editor)
    )

    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("base", "quote", "on", "rate", "source")} == {
        "base": "BYN",
        "quote": "EUR",
        "on": "2025-12-31",
        "rate": "1050.25",
        "source": "NBRB",
    }
    assert ExchangeRate.objects.get(pk=body["id"]).rate == Decimal("1050.25")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"base": "ABC"}, "base"),
        ({"quote": "BYN"}, "quote"),
        ({"rate": "0"}, "rate"),
        ({"rate": "-2"}, "rate"),
    ],
)
def test_the_api_names_the_field_of_a_refused_rate(client, cinema_editor, changes, field):
    response = client.post(
        API, add_form_data(**changes), content_type="application/json", **bearer(cinema_editor)
    )

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", field]]
    assert not ExchangeRate.objects.exists()


def test_the_api_refuses_a_second_rate_for_the_same_pair_and_day(client, cinema_editor):
    record()

    response = client.post(
        API, add_form_data(rate="0.3"), content_type="application/json", **bearer(cinema_editor)
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "on"]
    assert ExchangeRate.objects.get().rate == Decimal("0.28")


def test_the_api_refuses_those_who_edit_nothing(client, viewer):
    response = client.post(API, add_form_data(), content_type="application/json", **bearer(viewer))

    assert response.status_code == 403
    assert not ExchangeRate.objects.exists()


# --- the admin ---------------------------------------------------------------------------------


def test_the_admin_shows_rates_and_changes_none(client):
    rate = record()
    signed_in(client, UserFactory(is_staff=True, is_superuser=True))

    listing = client.get(reverse("admin:core_exchangerate_changelist"), {"q": "NBRB"})
    page = client.get(reverse("admin:core_exchangerate_change", args=[rate.pk]))

    assert listing.status_code == 200
    assert "NBRB" in listing.content.decode()
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get(reverse("admin:core_exchangerate_add")).status_code == 403


def test_a_festival_editor_may_not_record_the_rates_every_statement_converts_with():
    festival = member_of(OrganisationFactory(kind=OrganisationKind.FESTIVAL, country="FR"), Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.exchange_rate_record(actor=festival, base="BYN", quote="EUR", on=NEW_YEAR_EVE, rate="0.0001")
    assert not ExchangeRate.objects.exists()


def test_a_rate_names_the_exhibitor_editor_who_recorded_it(client):
    editor = member_of(OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="BY"), Role.EDITOR)
    rate = services.exchange_rate_record(actor=editor, base="BYN", quote="EUR", on=NEW_YEAR_EVE, rate="0.28")
    assert rate.recorded_by == editor
    assert editor.get_username() in signed_in(client, editor).get(rates_url()).content.decode()
