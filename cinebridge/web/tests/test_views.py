"""The home page, the organisations' pages and the template helpers they rely on."""

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from cinebridge.accounts.models import OrganisationKind, OrganisationTranslation, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.models import Audience, Film, FilmCountry, FilmKind
from cinebridge.catalogue.tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


def _home(client, language="en"):
    with translation.override(language):
        url = reverse("web:home")
    return client.get(url)


def _section(html: str, start_id: str, end: str = "</main>") -> str:
    """The part of the page from a heading's id up to `end` (the next heading's id, or the end of the page)."""
    stop = f'id="{end}"' if not end.startswith("<") else end
    return html[html.index(f'id="{start_id}"') : html.index(stop)]


# --- home -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "direction"), [("fa", "rtl"), ("ar", "rtl"), ("ru", "ltr"), ("be", "ltr"), ("en", "ltr")]
)
def test_home_renders_in_each_language_with_its_direction(client, language, direction):
    FilmFactory(audience=Audience.CHILDREN)

    response = _home(client, language)

    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_home_writes_counts_with_persian_digits_in_persian(client):
    FilmFactory.create_batch(3, kind=FilmKind.FEATURE)
    FilmFactory.create_batch(12, kind=FilmKind.DOCUMENTARY)

    html = _home(client, "fa").content.decode()

    assert re.search(r'data-count="total">\s*۱۵\s*<', html)
    documentaries = re.search(r'data-kind="documentary">(.*?)</li>', html, re.S)
    assert documentaries is not None
    assert "۱۲" in documentaries.group(1)
    assert "12" not in documentaries.group(1)


def test_home_writes_counts_with_western_digits_in_english(client):
    FilmFactory.create_batch(12, kind=FilmKind.DOCUMENTARY)

    html = _home(client, "en").content.decode()

    assert re.search(r'data-count="total">\s*12\s*<', html)
    assert "12 documentaries" in html


def test_home_shows_when_a_film_was_added_in_the_solar_hijri_calendar_in_persian(client):
    film = FilmFactory()
    # A date in the past: "today" would be written out even if the stored date were ignored.
    Film.objects.filter(pk=film.pk).update(created_at=datetime(2025, 8, 15, 12, 0, tzinfo=UTC))

    html = _home(client, "fa").content.decode()

    assert "۲۴ مرداد ۱۴۰۴" in html
    assert 'datetime="2025-08-15"' in html


def test_home_puts_children_and_youth_films_first_in_their_own_strand(client):
    FilmFactory(english_title="Little Fish", audience=Audience.CHILDREN, year=2024)
    FilmFactory(english_title="Sixteen", audience=Audience.YOUTH, year=2023)
    FilmFactory(english_title="Grown-up Drama", audience=Audience.GENERAL, year=2025)

    html = _home(client).content.decode()
    strand = _section(html, "young-heading", "counts-heading")

    assert "Little Fish" in strand
    assert "Sixteen" in strand
    assert "Grown-up Drama" not in strand
    assert strand.index("Little Fish") < strand.index("Sixteen")  # newest first
    assert "badge-audience-children" in strand
    assert "badge-audience-youth" in strand
    assert html.index('id="young-heading"') < html.index('id="latest-heading"')


def test_home_strand_shows_at_most_eight_films(client):
    FilmFactory.create_batch(10, audience=Audience.CHILDREN)

    strand = _section(_home(client).content.decode(), "young-heading", "counts-heading")

    assert strand.count('class="card h-100 film-card') == 8


def test_home_hides_unpublished_films_from_visitors(client):
    FilmFactory(english_title="Work in Progress", audience=Audience.CHILDREN, is_published=False)

    html = _home(client).content.decode()

    assert "Work in Progress" not in html


def test_home_shows_an_unpublished_film_to_its_owners_members(client):
    film = FilmFactory(english_title="Work in Progress", audience=Audience.CHILDREN, is_published=False)
    client.force_login(member_of(film.owner, Role.VIEWER))

    html = _home(client).content.decode()

    assert "Work in Progress" in html
    assert "Not published" in html


def test_home_lists_organisations_grouped_by_country_with_their_kind(client):
    OrganisationFactory(name="Farabi Cinema Foundation", country="IR", kind=OrganisationKind.RIGHTS_HOLDER)
    OrganisationFactory(name="Belarusfilm", country="BY", kind=OrganisationKind.RIGHTS_HOLDER)
    OrganisationFactory(name="Listapad", country="BY", kind=OrganisationKind.FESTIVAL)

    html = _section(_home(client).content.decode(), "organisations-heading")

    belarus, iran = html.index(">Belarus<"), html.index(">Iran<")
    assert belarus < html.index("Belarusfilm") < html.index("Listapad") < iran < html.index("Farabi")
    assert "Festival" in html


def test_home_film_cards_show_countries_and_link_to_the_film(client):
    film = FilmFactory(english_title="Across the Border")
    FilmCountry.objects.create(film=film, country="BY", position=0)
    FilmCountry.objects.create(film=film, country="IR", position=1)

    html = _home(client).content.decode()

    assert reverse("catalogue:film_detail", args=[film.slug]) in html
    assert "Belarus" in html
    assert "<bdi>Across the Border</bdi>" in html


@pytest.mark.parametrize(("signed_in", "most"), [(False, 9), (True, 14)])
def test_home_runs_a_fixed_number_of_queries_however_big_the_catalogue(
    client, django_assert_max_num_queries, signed_in, most
):
    organisations = OrganisationFactory.create_batch(6)
    for i, organisation in enumerate(organisations):
        OrganisationTranslation.objects.create(organisation=organisation, language_code="en", name=f"Org {i}")
        for audience in (Audience.CHILDREN, Audience.YOUTH, Audience.GENERAL):
            film = FilmFactory(owner=organisation, audience=audience)
            FilmCountry.objects.create(film=film, country="IR")
    if signed_in:
        client.force_login(member_of(organisations[0], Role.ADMIN))

    # 1 count of the public catalogue (then cached), 3 per film strip (films, titles, countries), 2 for
    # organisations and their names; signed in, also the session, the user, their memberships and the
    # count of the unpublished films they may see.
    with django_assert_max_num_queries(most):
        response = _home(client)

    assert response.status_code == 200


# --- the dual_date tag ------------------------------------------------------------------------------


def _render_dual_date(value: object, language: str) -> str:
    with translation.override(language):
        return Template("{% load cinebridge %}{% dual_date value %}").render(Context({"value": value}))


def test_dual_date_writes_the_solar_hijri_date_with_the_gregorian_beside_it_in_persian():
    html = _render_dual_date(date(2026, 11, 26), "fa")

    assert '<span class="jalali">۵ آذر ۱۴۰۵</span>' in html
    assert "۲۰۲۶" in html
    assert "۲۶" in html
    assert 'datetime="2026-11-26"' in html


def test_dual_date_writes_only_the_gregorian_date_outside_persian():
    html = _render_dual_date(date(2026, 11, 26), "en")

    assert "1405" not in html
    assert "2026" in html
    assert "jalali" not in html


# --- organisations ----------------------------------------------------------------------------------


def test_organisation_list_filters_by_kind_and_country(client):
    OrganisationFactory(name="Fajr Festival", kind=OrganisationKind.FESTIVAL, country="IR")
    OrganisationFactory(name="Listapad", kind=OrganisationKind.FESTIVAL, country="BY")
    OrganisationFactory(name="Belarusfilm", kind=OrganisationKind.RIGHTS_HOLDER, country="BY")

    html = client.get(
        reverse("web:organisation_list"), {"kind": "festival", "country": "BY"}
    ).content.decode()

    assert "Listapad" in html
    assert "Fajr Festival" not in html
    assert "Belarusfilm" not in html


def test_organisation_list_ignores_a_filter_value_it_does_not_know(client):
    OrganisationFactory(name="Listapad", kind=OrganisationKind.FESTIVAL, country="BY")

    response = client.get(reverse("web:organisation_list"), {"kind": "circus"})

    assert response.status_code == 200
    assert "Listapad" in response.content.decode()


def test_organisation_page_is_404_for_an_unknown_short_name(client):
    response = client.get(reverse("web:organisation_detail", args=["nobody"]))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "<html lang=" in response.content.decode()


def test_organisation_page_shows_the_name_and_description_in_the_active_language(client):
    organisation = OrganisationFactory(name="سازمان سینمایی", country="IR")
    OrganisationTranslation.objects.create(
        organisation=organisation,
        language_code="en",
        name="Cinema Organization",
        description="Runs the programme.",
    )
    OrganisationTranslation.objects.create(
        organisation=organisation, language_code="ru", name="Кинематографическая организация", description=""
    )

    with translation.override("ru"):
        url = reverse("web:organisation_detail", args=[organisation.slug])
    html = client.get(url).content.decode()

    assert "<bdi>Кинематографическая организация</bdi>" in html
    assert "Runs the programme." not in html  # an empty description in Russian is not filled from English
    with translation.override("be"):
        url = reverse("web:organisation_detail", args=[organisation.slug])
    html = client.get(url).content.decode()
    assert "<bdi>Cinema Organization</bdi>" in html
    assert "Runs the programme." in html


def test_organisation_page_shows_its_published_films_to_everyone_and_its_drafts_to_its_members(client):
    organisation = OrganisationFactory()
    FilmFactory(owner=organisation, english_title="Finished Film")
    FilmFactory(owner=organisation, english_title="Draft Film", is_published=False)
    FilmFactory(english_title="Someone Else's Film")
    url = reverse("web:organisation_detail", args=[organisation.slug])

    public = client.get(url).content.decode()
    client.force_login(member_of(organisation, Role.VIEWER))
    internal = client.get(url).content.decode()

    assert "Finished Film" in public
    assert "Draft Film" not in public
    assert "Someone Else" not in public
    assert "Draft Film" in internal


@pytest.fixture
def iranian_producer():
    organisation = OrganisationFactory(country="IR", kind=OrganisationKind.RIGHTS_HOLDER)
    member = member_of(
        organisation,
        Role.EDITOR,
        email="secret.member@farabi.example",
        first_name="Maryam",
        last_name="Rahimi",
    )
    return organisation, member


def _members_visible(client, organisation) -> bool:
    response = client.get(reverse("web:organisation_detail", args=[organisation.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    shown = 'id="members-heading"' in html
    assert shown == ("secret.member@farabi.example" in html) == ("Rahimi" in html)
    return shown


def test_members_are_visible_to_a_member_of_the_organisation(client, iranian_producer):
    organisation, _member = iranian_producer
    client.force_login(member_of(organisation, Role.VIEWER))

    assert _members_visible(client, organisation)


def test_members_are_visible_to_the_film_body_of_the_same_country(client, iranian_producer):
    organisation, _member = iranian_producer
    film_body = OrganisationFactory(country="IR", kind=OrganisationKind.FILM_BODY)
    client.force_login(member_of(film_body, Role.VIEWER))

    assert _members_visible(client, organisation)


def test_members_are_hidden_from_a_member_of_another_organisation(client, iranian_producer):
    organisation, _member = iranian_producer
    client.force_login(member_of(OrganisationFactory(country="IR"), Role.ADMIN))

    assert not _members_visible(client, organisation)


def test_members_are_hidden_from_the_film_body_of_another_country(client, iranian_producer):
    organisation, _member = iranian_producer
    client.force_login(
        member_of(OrganisationFactory(country="BY", kind=OrganisationKind.FILM_BODY), Role.ADMIN)
    )

    assert not _members_visible(client, organisation)


def test_members_are_hidden_from_anonymous_visitors(client, iranian_producer):
    organisation, _member = iranian_producer

    assert not _members_visible(client, organisation)


def test_only_administrators_see_the_link_to_manage_members(client, iranian_producer):
    organisation, member = iranian_producer
    url = reverse("web:organisation_detail", args=[organisation.slug])
    manage = reverse("accounts:organisation_members", args=[organisation.slug])

    client.force_login(member)
    as_editor = client.get(url).content.decode()
    client.force_login(member_of(organisation, Role.ADMIN))
    as_admin = client.get(url).content.decode()

    assert manage not in as_editor
    assert manage in as_admin


# --- error pages ------------------------------------------------------------------------------------------


def test_the_server_error_page_renders_without_a_request_context_in_the_active_language():
    with translation.override("fa"):
        response = server_error(RequestFactory().get("/fa/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fa" dir="rtl">' in html
    assert "<h1>" in html
    assert 'id="main"' not in html  # the plain page, not the site's layout


def test_language_switch_translates_the_page_whatever_the_browser_language(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "fa", "next": "/ru/films/?audience=children"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    assert response["Location"] == "/fa/films/?audience=children"
