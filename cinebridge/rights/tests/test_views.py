"""Rights pages: a film's grants, the grant editor and its conflict check, status and releases, the
avails search, the availability grid, and EMA Avails import and export — with the confidentiality of
grant terms between organisations checked against real members of other organisations."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.rights import loader, tasks
from cinebridge.rights.engine.types import Direction, Exclusivity, Status
from cinebridge.rights.models import Grant, GrantAudit, ReleaseEvent
from cinebridge.rights.services import grant_create
from conftest import shared_data_file

from .factories import exclusive_out, grant_input

pytestmark = pytest.mark.django_db

SECRET_REFERENCE = "MINSK-2026-SECRET"
SECRET_NOTES = "Minimum guarantee 12,000 EUR"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"rights:{name}", args=args)


@pytest.fixture(autouse=True)
def _fresh_index():
    # Each test's rolled-back transaction may reach the same version again: start from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()


@pytest.fixture
def platform():
    """A streaming platform of another country: a party to none of the film's grants."""
    return OrganisationFactory(
        slug="kinopoisk", name="Kino Platform", kind=OrganisationKind.PLATFORM, country="RU"
    )


@pytest.fixture
def outsider(platform):
    return member_of(platform, Role.ADMIN)


@pytest.fixture
def film(farabi):
    return FilmFactory(owner=farabi, slug="children-of-heaven", english_title="Children of Heaven")


@pytest.fixture
def held(film):
    """Farabi holds every medium in the world from 2020 on, and may license it on."""
    return grant_create(actor=None, data=grant_input(film, reference="FARABI-OWN"))


@pytest.fixture
def licence(film, held, minsk_cinemas):
    """Exclusive SVOD in Belarus for 2026, licensed to a Minsk cinema network."""
    return grant_create(
        actor=None,
        data=exclusive_out(
            film, counterparty_id=minsk_cinemas.pk, reference=SECRET_REFERENCE, notes=SECRET_NOTES
        ),
    )


def as_client(client, user):
    client.force_login(user)
    return client


def grant_post(**changes):
    """The grant form as a person fills it: an exclusive SVOD licence for Belarus in 2026."""
    data = {
        "direction": "out",
        "territories": "BY",
        "media_expression": "SVOD",
        "language_uses": "",
        "exclusivity": "exclusive",
        "co_exclusive_group": "",
        "term": "fixed",
        "start": "2026-03-01",
        "last_day": "2026-08-31",
        "event_kind": "",
        "event_country": "",
        "start_after_months": "",
        "start_after_days": "",
        "duration_months": "",
        "duration_days": "",
        "status": "active",
        "counterparty_name": "Belkino",
        "contract_date": "2025-12-01",
        "reference": "BELKINO-1",
        "notes": "",
    }
    data.update(changes)
    return data


# --- a film's grants --------------------------------------------------------------------------------


def test_the_holder_sees_every_grant_of_its_film_with_its_terms(client, editor, film, licence):
    response = as_client(client, editor).get(url("film_rights", film.slug))

    assert response.status_code == 200
    assert [g.pk for g in response.context["grants"]] == [licence.pk - 1, licence.pk]
    html = response.content.decode()
    assert SECRET_REFERENCE in html
    assert "Minsk Cinemas" in html
    assert "Subscription VOD (SVOD)" in html  # the media named, not coded


def test_another_organisation_sees_none_of_the_terms_of_grants_that_are_not_its_own(
    client, outsider, film, licence
):
    response = as_client(client, outsider).get(url("film_rights", film.slug))

    assert response.status_code == 200
    assert response.context["grants"] == []
    html = response.content.decode()
    for secret in (SECRET_REFERENCE, SECRET_NOTES, "Minsk Cinemas", "FARABI-OWN"):
        assert secret not in html
    assert 'id="grants-confidential"' in html


def test_the_licensee_sees_its_own_licence_and_not_the_holders_other_grants(client, licensee, film, licence):
    response = as_client(client, licensee).get(url("film_rights", film.slug))

    assert [g.pk for g in response.context["grants"]] == [licence.pk]
    assert "FARABI-OWN" not in response.content.decode()


def test_a_visitor_sees_no_grant_terms(client, film, licence):
    html = client.get(url("film_rights", film.slug)).content.decode()

    assert SECRET_REFERENCE not in html
    assert "Minsk Cinemas" not in html


def test_the_film_page_links_its_rights_for_members(client, editor, film):
    html = as_client(client, editor).get(reverse("catalogue:film_detail", args=[film.slug])).content.decode()

    assert url("film_grid", film.slug) in html
    assert url("grant_create", film.slug) in html


def test_the_film_page_offers_a_visitor_no_rights_links(client, film):
    html = client.get(reverse("catalogue:film_detail", args=[film.slug])).content.decode()

    assert url("film_rights", film.slug) not in html


# --- one grant --------------------------------------------------------------------------------------


def test_a_grant_is_not_found_for_another_organisation(client, outsider, licence):
    assert as_client(client, outsider).get(url("grant_detail", licence.pk)).status_code == 404


def test_a_grant_is_not_found_for_a_visitor(client, licence):
    assert client.get(url("grant_detail", licence.pk)).status_code == 404


def test_the_holder_reads_a_grant_and_its_history(client, editor, licence):
    response = as_client(client, editor).get(url("grant_detail", licence.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET_NOTES in html
    assert 'id="grant-history"' in html
    assert [item.entry.action for item in response.context["history"]] == ["create"]


def test_the_licensee_reads_its_licence_but_not_the_holders_history(client, licensee, licence):
    response = as_client(client, licensee).get(url("grant_detail", licence.pk))

    assert response.status_code == 200
    assert 'id="grant-history"' not in response.content.decode()
    assert response.context["next_statuses"] == []  # nor may it change it


# --- the grant editor ---------------------------------------------------------------------------------


def test_the_grant_form_is_refused_to_another_organisation(client, outsider, film):
    assert as_client(client, outsider).get(url("grant_create", film.slug)).status_code == 403


def test_the_grant_form_sends_a_visitor_to_sign_in(client, film):
    response = client.get(url("grant_create", film.slug))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_grant_form_offers_groups_and_media_named_in_the_users_language(client, editor, film):
    client = as_client(client, editor)
    with translation.override("fa"):
        html = client.get(url("grant_create", film.slug, language="fa")).content.decode()

    assert '<option value="CIS">کشورهای مستقل مشترک‌المنافع</option>' in html
    assert 'name="media_expression"' in html
    assert "ویدئوی درخواستی اشتراکی (SVOD)" in html


def test_a_grant_is_entered_and_audited(client, editor, film, held):
    response = as_client(client, editor).post(url("grant_create", film.slug), grant_post())

    grant = Grant.objects.get(reference="BELKINO-1")
    assert response.status_code == 302
    assert response["Location"] == url("grant_detail", grant.pk)
    assert (grant.direction, grant.territories_entered, grant.media_entered) == ("out", "BY", "SVOD")
    assert (grant.start_date, grant.end_date) == (date(2026, 3, 1), date(2026, 9, 1))  # last day + 1
    assert GrantAudit.objects.filter(grant=grant, action="create", actor=editor).exists()


def test_a_conflicting_grant_is_refused_with_its_conflicts_explained(client, editor, film, licence):
    response = as_client(client, editor).post(url("grant_create", film.slug), grant_post())

    assert response.status_code == 200
    assert not Grant.objects.filter(reference="BELKINO-1").exists()
    explanations = response.context["check"].conflicts
    assert [e.rule for e in explanations] == ["exclusive_overlap"]
    assert explanations[0].grant == licence
    html = response.content.decode()
    assert "The grant was not saved" in html
    assert "Overlaps an exclusive licence" in html
    assert url("grant_detail", licence.pk) in html  # the existing grant, linked
    assert "Belarus" in html  # where they overlap


def test_the_check_explains_conflicts_before_saving_and_writes_nothing(client, editor, film, licence):
    before = Grant.objects.count()
    response = as_client(client, editor).post(
        url("grant_check", film.slug), grant_post(), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert Grant.objects.count() == before
    html = response.content.decode()
    assert "<html" not in html  # a fragment for htmx
    assert 'id="grant-conflicts"' in html
    assert "Overlaps an exclusive licence" in html
    assert url("grant_detail", licence.pk) in html


def test_the_check_says_a_free_grant_can_be_saved(client, editor, film, licence):
    response = as_client(client, editor).post(url("grant_check", film.slug), grant_post(territories="RU"))

    assert 'id="grant-no-conflict"' in response.content.decode()


def test_the_check_button_works_without_javascript(client, editor, film, licence):
    response = as_client(client, editor).post(url("grant_create", film.slug), {**grant_post(), "check": "1"})

    assert response.status_code == 200
    assert not Grant.objects.filter(reference="BELKINO-1").exists()
    assert response.context["check"].conflicts


def test_a_conflict_with_another_partys_grant_does_not_reveal_its_terms(client, editor, film, held, platform):
    # The platform holds a holdback on SVOD in Belarus that is recorded in its own ledger, not Farabi's.
    grant_create(
        actor=None,
        data=grant_input(
            film,
            holder_id=platform.pk,
            direction=Direction.HOLDBACK,
            territories="BY",
            media="SVOD",
            reference="PLATFORM-HOLDBACK-7",
        ),
    )
    response = as_client(client, editor).post(url("grant_check", film.slug), grant_post())

    html = response.content.decode()
    assert "Held back" in html
    assert "a grant of another party" in html
    assert "PLATFORM-HOLDBACK-7" not in html
    assert "Kino Platform" not in html


def test_an_unknown_territory_is_named_on_its_field(client, editor, film, held):
    response = as_client(client, editor).post(
        url("grant_create", film.slug), grant_post(territories="WORLD excluding XQ")
    )

    assert response.status_code == 200
    assert "territories" in response.context["form"].errors
    assert "XQ" in response.context["form"].errors["territories"][0]
    assert 'id="id_territories_error"' in response.content.decode()


def test_a_fixed_term_needs_its_last_day_on_that_field(client, editor, film, held):
    response = as_client(client, editor).post(url("grant_create", film.slug), grant_post(last_day=""))

    assert list(response.context["form"].errors) == ["last_day"]


def test_a_last_day_before_the_first_is_refused_on_the_last_day(client, editor, film, held):
    response = as_client(client, editor).post(
        url("grant_create", film.slug), grant_post(last_day="2026-01-01")
    )

    assert list(response.context["form"].errors) == ["last_day"]


def test_a_relative_term_names_its_missing_country(client, editor, film, held):
    response = as_client(client, editor).post(
        url("grant_create", film.slug), grant_post(term="relative", event_kind="theatrical")
    )

    assert list(response.context["form"].errors) == ["event_country"]


def test_a_co_exclusive_grant_without_its_group_is_refused_on_that_field(client, editor, film, held):
    response = as_client(client, editor).post(
        url("grant_create", film.slug), grant_post(exclusivity="co_exclusive")
    )

    assert list(response.context["form"].errors) == ["co_exclusive_group"]


def test_the_check_lists_what_to_correct_with_the_fields_named(client, editor, film, held):
    response = as_client(client, editor).post(
        url("grant_check", film.slug), grant_post(media_expression="SVOD + TELEPATHY")
    )

    assert response.context["check"].problems == [
        ("Media", "“TELEPATHY” is not a medium or a group of media.")
    ]


def test_dates_in_persian_digits_are_read(client, editor, film, held):
    as_client(client, editor).post(
        url("grant_create", film.slug), grant_post(start="۲۰۲۶-۰۳-۰۱", last_day="۲۰۲۶-۰۸-۳۱")
    )

    assert Grant.objects.get(reference="BELKINO-1").end_date == date(2026, 9, 1)


def test_a_relative_term_is_entered_waiting_for_its_event(client, editor, film, held):
    as_client(client, editor).post(
        url("grant_create", film.slug),
        grant_post(
            term="relative",
            event_kind="theatrical",
            event_country="BY",
            start_after_months="6",
            duration_months="24",
            exclusivity="non_exclusive",
        ),
    )

    grant = Grant.objects.get(reference="BELKINO-1")
    assert (grant.event, grant.start_after_months, grant.duration_months, grant.duration_days) == (
        "theatrical:BY",
        6,
        24,
        0,
    )
    assert grant.is_waiting


def test_editing_a_grant_keeps_what_was_not_changed(client, editor, licence):
    client = as_client(client, editor)
    form = client.get(url("grant_edit", licence.pk)).context["form"]
    assert form.initial["last_day"] == date(2026, 12, 31)
    assert form.initial["term"] == "fixed"

    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(territories="BY + RU", counterparty=str(licence.counterparty_id))
    response = client.post(url("grant_edit", licence.pk), data)

    licence.refresh_from_db()
    assert response.status_code == 302
    assert licence.territories_entered == "BY + RU"
    assert (licence.end_date, licence.reference) == (date(2027, 1, 1), SECRET_REFERENCE)
    history = client.get(url("grant_detail", licence.pk)).context["history"]
    assert [(c.label, c.before, c.after) for c in history[-1].changes] == [("Territories", "BY", "BY + RU")]


def test_the_licensee_may_not_edit_the_licence(client, licensee, licence):
    assert as_client(client, licensee).get(url("grant_edit", licence.pk)).status_code == 403


def test_another_organisation_cannot_check_grants_of_a_film(client, outsider, film):
    assert as_client(client, outsider).post(url("grant_check", film.slug), grant_post()).status_code == 403


# --- status and releases ------------------------------------------------------------------------------


def test_a_grant_is_terminated_and_the_change_recorded(client, editor, licence):
    response = as_client(client, editor).post(url("grant_status", licence.pk), {"status": "terminated"})

    licence.refresh_from_db()
    assert response.status_code == 302
    assert licence.status == Status.TERMINATED
    assert GrantAudit.objects.filter(grant=licence, action="status").exists()


def test_activating_a_conflicting_draft_is_refused_with_the_reason(client, editor, film, licence):
    draft = grant_create(actor=None, data=exclusive_out(film, status=Status.DRAFT, reference="DRAFT-2"))
    response = as_client(client, editor).post(url("grant_status", draft.pk), {"status": "active"})

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert response.status_code == 200
    assert [c.rule for c in response.context["conflicts"]] == ["exclusive_overlap"]
    assert "Overlaps an exclusive licence" in response.content.decode()


def test_a_terminated_grant_cannot_come_back(client, editor, licence):
    client = as_client(client, editor)
    client.post(url("grant_status", licence.pk), {"status": "terminated"})
    response = client.post(url("grant_status", licence.pk), {"status": "active"}, follow=True)

    licence.refresh_from_db()
    assert licence.status == Status.TERMINATED
    assert "cannot go from" in response.content.decode()


def test_another_organisation_cannot_change_a_status(client, outsider, licence):
    assert (
        as_client(client, outsider)
        .post(url("grant_status", licence.pk), {"status": "terminated"})
        .status_code
        == 404
    )


def test_recording_a_release_gives_waiting_terms_their_dates(client, editor, film, held):
    waiting = grant_create(
        actor=None,
        data=grant_input(
            film,
            direction=Direction.OUT,
            exclusivity=Exclusivity.NON_EXCLUSIVE,
            territories="BY",
            media="SVOD",
            event="theatrical:BY",
            start_after_months=6,
        ),
    )
    response = as_client(client, editor).post(
        url("release_event_add", film.slug),
        {"kind": "theatrical", "territory": "BY", "on": "2026-03-01"},
        follow=True,
    )

    waiting.refresh_from_db()
    assert waiting.start_date == date(2026, 9, 1)
    assert ReleaseEvent.objects.filter(work=film, kind="theatrical", territory="BY").exists()
    assert "1 waiting term now has its dates" in response.content.decode()


def test_a_release_needs_its_country(client, editor, film):
    response = as_client(client, editor).post(
        url("release_event_add", film.slug), {"kind": "theatrical", "on": "2026-03-01"}
    )

    assert list(response.context["event_form"].errors) == ["territory"]


def test_another_organisation_cannot_record_a_release(client, outsider, film):
    response = as_client(client, outsider).post(
        url("release_event_add", film.slug), {"kind": "theatrical", "territory": "BY", "on": "2026-03-01"}
    )
    assert response.status_code == 403


# --- avails search ------------------------------------------------------------------------------------


def avails_params(**changes):
    params = {
        "medium": "SVOD",
        "territories": "WORLD",
        "start": "2026-03-01",
        "last_day": "2026-06-30",
        "licence": "exclusive",
        "match": "cover_entire",
        "language": "",
        "use": "",
        "min_days": "1",
    }
    params.update(changes)
    return params


@pytest.fixture
def other_film(farabi):
    film = FilmFactory(owner=farabi, slug="the-white-balloon", english_title="The White Balloon")
    grant_create(actor=None, data=grant_input(film))
    return film


def found(response):
    return [result.film.slug for result in response.context["results"]]


def test_avails_search_lists_the_films_free_for_the_question(client, outsider, film, licence, other_film):
    client = as_client(client, outsider)

    assert found(client.get(url("avails_search"), avails_params())) == ["the-white-balloon"]
    assert sorted(
        found(client.get(url("avails_search"), avails_params(territories="WORLD excluding BY")))
    ) == [
        "children-of-heaven",
        "the-white-balloon",
    ]


def test_avails_search_shows_windows_compressed_for_people(client, outsider, film, licence):
    response = as_client(client, outsider).get(url("avails_search"), avails_params(match="overlap"))

    lines = [str(line) for result in response.context["results"] for line in result.lines]
    assert len(lines) == 1
    assert "Subscription VOD (SVOD)" in lines[0]
    assert "World</bdi> excluding <bdi" in lines[0]
    assert "Belarus" in lines[0]
    assert SECRET_REFERENCE not in response.content.decode()


def test_avails_search_without_parameters_asks_a_default_question(client, outsider, other_film):
    response = as_client(client, outsider).get(url("avails_search"))

    assert response.status_code == 200
    assert response.context["form"].is_valid()
    assert found(response) == ["the-white-balloon"]
    assert '<option value="SVOD" selected>' in response.content.decode()


def test_avails_search_answers_htmx_with_the_results_only(client, outsider, other_film):
    response = as_client(client, outsider).get(
        url("avails_search"), avails_params(), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="avails-count"' in html


def test_avails_search_names_a_wrong_territory(client, outsider, other_film):
    response = as_client(client, outsider).get(url("avails_search"), avails_params(territories="Atlantis"))

    assert response.status_code == 200
    assert "territories" in response.context["form"].errors
    assert 'id="id_territories_error"' in response.content.decode()


def test_avails_search_in_persian_is_right_to_left_with_persian_digits(client, outsider, other_film):
    client = as_client(client, outsider)
    with translation.override("fa"):
        response = client.get(url("avails_search", language="fa"), avails_params())
    html = response.content.decode()

    assert 'dir="rtl"' in html
    assert found(response) == ["the-white-balloon"]
    assert "ویدئوی درخواستی اشتراکی (SVOD)" in html
    assert "۱۱ دی ۱۳۹۸" in html  # the window from 1 January 2020, in the Solar Hijri calendar


def test_avails_search_sends_a_visitor_to_sign_in(client):
    assert client.get(url("avails_search")).status_code == 302


def test_avails_search_is_refused_to_someone_of_no_organisation(client):
    assert as_client(client, UserFactory()).get(url("avails_search")).status_code == 403


def test_avails_search_hides_unpublished_films_of_others(client, outsider, farabi):
    hidden = FilmFactory(owner=farabi, slug="not-yet", is_published=False)
    grant_create(actor=None, data=grant_input(hidden))

    assert found(as_client(client, outsider).get(url("avails_search"), avails_params())) == []


# --- the availability grid ----------------------------------------------------------------------------


def grid(client, film, **params):
    return client.get(
        url("film_grid", film.slug),
        {"start": "2026-03-01", "last_day": "2026-06-30", "licence": "exclusive", **params},
    )


def test_the_grid_gathers_countries_into_the_regions_the_engine_answers(client, outsider, film, licence):
    response = grid(as_client(client, outsider), film)

    columns = response.context["columns"]
    assert [len(c.countries) for c in columns][1:] == [1]
    assert columns[1].countries == frozenset({"BY"})
    assert "BY" not in columns[0].countries
    assert "excluding" in str(columns[0].label)
    svod = next(row for row in response.context["rows"] if row.code == "SVOD")
    assert [cell.state for cell in svod.cells] == ["full", "none"]
    theatrical = next(row for row in response.context["rows"] if row.code == "THEATRICAL")
    assert [cell.state for cell in theatrical.cells] == ["full", "full"]


def test_the_grid_gives_another_organisation_the_reason_without_the_party(client, outsider, film, licence):
    response = grid(as_client(client, outsider), film)

    html = response.content.decode()
    svod = next(row for row in response.context["rows"] if row.code == "SVOD")
    blocked = svod.cells[1]
    assert [b.grant for b in blocked.blockers] == [None]
    assert "licensed exclusively" in blocked.summary
    assert "licensed exclusively" in html
    for secret in (SECRET_REFERENCE, "Minsk Cinemas", url("grant_detail", licence.pk)):
        assert secret not in html


def test_the_grid_names_the_blocking_grant_to_its_holder(client, editor, film, licence):
    html = grid(as_client(client, editor), film).content.decode()

    assert url("grant_detail", licence.pk) in html
    assert SECRET_REFERENCE in html


def test_the_grid_shows_partial_availability(client, outsider, film, licence):
    response = grid(as_client(client, outsider), film, start="2026-11-01", last_day="2027-02-28")

    svod = next(row for row in response.context["rows"] if row.code == "SVOD")
    states = {
        column.countries == frozenset({"BY"}): cell.state
        for column, cell in zip(response.context["columns"], svod.cells, strict=True)
    }
    assert states[True] == "part"


def test_the_grid_inspects_one_country(client, outsider, film, licence):
    response = grid(as_client(client, outsider), film, country="IR")

    assert [c.countries for c in response.context["columns"]] == [frozenset({"IR"})]


def test_the_grid_says_not_held_where_nothing_was_acquired(client, outsider, film):
    response = grid(as_client(client, outsider), film)

    cells = [cell for row in response.context["rows"] for cell in row.cells]
    assert {cell.state for cell in cells} == {"none"}
    assert all(cell.not_held for cell in cells)


def test_the_grid_is_right_to_left_in_arabic(client, outsider, film, licence):
    client = as_client(client, outsider)
    with translation.override("ar"):
        html = client.get(url("film_grid", film.slug, language="ar")).content.decode()

    assert 'dir="rtl"' in html
    assert 'class="cb-cell-details"' in html


def test_the_grid_is_refused_to_someone_of_no_organisation(client, film):
    assert as_client(client, UserFactory()).get(url("film_grid", film.slug)).status_code == 403


# --- EMA Avails ---------------------------------------------------------------------------------------


def test_the_import_page_is_refused_to_an_organisation_that_holds_no_rights(client, outsider):
    assert as_client(client, outsider).get(url("avails_import")).status_code == 403


def upload(name):
    path = shared_data_file(f"ema-avails/samples/{name}")
    return SimpleUploadedFile(name, path.read_bytes())


def test_an_avails_file_is_imported_and_its_report_shown(client, editor, farabi, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = as_client(client, editor)
    response = client.post(
        url("avails_import"),
        {
            "holder": farabi.pk,
            "file": upload("Avails_noErrors_v2.4.xml"),
            "direction": "in",
            "create_missing_works": "on",
        },
    )

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.context["job"]["state"] == "done"
    assert page.context["report"]["ok"], page.context["report"]["errors"]
    assert Grant.objects.filter(holder=farabi, source="ema").count() == len(
        page.context["report"]["grant_ids"]
    )
    assert 'id="import-result"' in page.content.decode()


def test_a_file_with_errors_imports_nothing_and_names_each_problem(
    client, editor, farabi, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = as_client(client, editor)
    response = client.post(
        url("avails_import"),
        {
            "holder": farabi.pk,
            "file": upload("Avails_withErrors.xml"),
            "direction": "out",
            "create_missing_works": "on",
        },
    )
    page = client.get(response["Location"], headers={"HX-Request": "true"})

    report = page.context["report"]
    assert not report["ok"]
    assert report["errors"]
    assert all(line["where"] for line in report["errors"])
    assert not Grant.objects.filter(source="ema").exists()
    html = page.content.decode()
    assert 'id="import-errors"' in html
    assert report["errors"][0]["where"] in html


def test_an_import_job_is_seen_only_by_whoever_started_it(client, editor, farabi, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = as_client(client, editor).post(
        url("avails_import"),
        {"holder": farabi.pk, "file": upload("Avails_noErrors_v2.4.xml"), "direction": "out"},
    )
    colleague = member_of(farabi, Role.EDITOR)

    assert as_client(client, colleague).get(response["Location"]).status_code == 404


def test_an_import_needs_a_file(client, editor, farabi):
    response = as_client(client, editor).post(url("avails_import"), {"holder": farabi.pk, "direction": "in"})

    assert list(response.context["form"].errors) == ["file"]


def test_avails_are_exported_for_a_licensee(client, editor, farabi, minsk_cinemas, licence):
    response = as_client(client, editor).get(
        url("avails_export"), {"licensor": farabi.pk, "licensee": minsk_cinemas.pk, "fmt": "xml"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert "attachment" in response["Content-Disposition"]
    assert b"AvailList" in response.content


def test_the_export_offers_only_the_organisations_whose_rights_the_user_sees(
    client, outsider, farabi, minsk_cinemas
):
    response = as_client(client, outsider).get(
        url("avails_export"), {"licensor": farabi.pk, "licensee": minsk_cinemas.pk, "fmt": "xml"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["licensor"]


def test_the_export_is_refused_to_someone_of_no_organisation(client):
    assert as_client(client, UserFactory()).get(url("avails_export")).status_code == 403


def test_the_grid_asks_about_the_coming_year_by_default(client, outsider, film):
    form = as_client(client, outsider).get(url("film_grid", film.slug)).context["form"]

    assert form.cleaned_data["start"] == timezone.localdate()
    assert form.cleaned_data["last_day"] - form.cleaned_data["start"] == timedelta(days=364)


def test_a_queued_import_shows_a_progress_bar_that_polls_until_the_worker_has_finished(
    client, editor, farabi, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    queued = []
    monkeypatch.setattr(tasks.avails_import, "apply_async", lambda kwargs: queued.append(kwargs))
    client = as_client(client, editor)
    response = client.post(
        url("avails_import"),
        {
            "holder": farabi.pk,
            "file": upload("Avails_noErrors_v2.4.xml"),
            "direction": "in",
            "create_missing_works": "on",
        },
    )
    job_page = response["Location"]

    waiting = client.get(job_page, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in waiting
    assert 'role="progressbar"' in waiting

    tasks.avails_import(**queued[0])  # the worker runs the job
    done = client.get(job_page, headers={"HX-Request": "true"})

    assert "hx-trigger" not in done.content.decode()
    assert done.context["report"]["ok"]
    assert not any(tmp_path.rglob("*.xml"))  # the uploaded file is gone once read
