"""The project pages as real users of the two co-producers, of their film bodies, of another company, of
an observer and of a third country's film body: the list, each tab of a project, the eligibility report
with its numbers and what-if answers, creation and editing (a stale version keeps what was typed), the
forms of each part (bad input named at its field) and confidentiality (404/403 for others); a bounded
number of queries on the list and on each tab; right to left in fa."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from cinebridge.accounts.models import Role
from cinebridge.coproduction.models import (
    Contribution,
    ContributionKind,
    CoProducer,
    Creative,
    CreativeRole,
    FinancingKind,
    FinancingSource,
    Project,
)
from cinebridge.coproduction.services.projects import creative_add
from cinebridge.coproduction.tests.factories import (
    CoProducerFactory,
    CreativeFactory,
    FinancingSourceFactory,
    ProjectFactory,
    coproduction_scene,
    member_of,
    producer,
)

from .helpers import as_user, content, minority_short_scene, programme_rule_set, stale_letter, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return coproduction_scene()


def _version(scene):
    """The project's version as a page loaded now shows it."""
    return {"version": Project.objects.get(pk=scene.project.pk).version}


def _detail(client, user, scene, tab="", language="en"):
    query = f"tab={tab}" if tab else ""
    return as_user(client, user).get(
        url("project_detail", scene.project.slug, language=language, query=query)
    )


# --- the list --------------------------------------------------------------------------------------------------


def test_the_list_shows_the_viewer_s_projects_and_those_looking_for_partners(client, scene):
    seeking = ProjectFactory.create(seeking_partners=True, titles={"en": "The Open Door"})

    response = as_user(client, scene.by_editor).get(url("project_list"))

    assert response.status_code == 200
    page = content(response)
    assert "The Little Crane" in page
    assert "The Open Door" in page
    assert [card.project for card in response.context["mine"]] == [scene.project]
    assert [card.project for card in response.context["seeking"]] == [seeking]


def test_another_company_does_not_see_a_project_that_is_not_looking_for_partners(client, scene):
    response = as_user(client, scene.outsider).get(url("project_list"))

    assert response.status_code == 200
    assert "The Little Crane" not in content(response)


def test_the_list_runs_the_same_queries_for_one_project_and_for_five(client, scene):
    user = as_user(client, scene.ir_editor)
    ProjectFactory.create(seeking_partners=True)
    client.get(url("project_list"))
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("project_list")).status_code == 200
    for _number in range(4):
        project = ProjectFactory.create(lead=scene.ir_producer)
        CoProducerFactory.create(project=project, organisation=scene.by_studio)
        ProjectFactory.create(seeking_partners=True)
    with CaptureQueriesContext(connection) as large:
        response = user.get(url("project_list"))

    assert len(response.context["mine"]) == 5
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


# --- who sees a project --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["ir_editor", "ir_viewer", "by_editor", "ir_film_body_member", "by_film_body_member"]
)
@pytest.mark.parametrize("tab", ["", "partners", "financing", "creatives"])
def test_co_producers_and_their_film_bodies_open_every_tab(client, scene, who, tab):
    response = _detail(client, getattr(scene, who), scene, tab)

    assert response.status_code == 200
    assert response.context["may_view_private"] is True


@pytest.mark.parametrize("who", ["outsider", "observer", "third_film_body_member"])
@pytest.mark.parametrize("tab", ["", "financing"])
def test_others_do_not_find_a_project_that_is_not_looking_for_partners(client, scene, who, tab):
    assert _detail(client, getattr(scene, who), scene, tab).status_code == 404
    response = as_user(client, getattr(scene, who)).get(url("project_eligibility", scene.project.slug))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, scene):
    response = client.get(url("project_detail", scene.project.slug))

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("tab", ["partners", "financing", "creatives"])
def test_a_project_looking_for_partners_shows_its_card_but_not_its_private_side(client, tab):
    scene = coproduction_scene(seeking_partners=True)

    overview = _detail(client, scene.outsider, scene)
    assert overview.status_code == 200
    page = content(overview)
    assert "The Little Crane" in page
    assert "Farabi fund" not in page
    assert "1,000,000" not in page  # the budget
    assert 'href="/en/coproduction/projects/' + scene.project.slug + '/?tab=financing"' not in page

    assert _detail(client, scene.outsider, scene, tab).status_code == 403
    eligibility = as_user(client, scene.outsider).get(url("project_eligibility", scene.project.slug))
    assert eligibility.status_code == 403


def test_an_unknown_tab_is_not_found(client, scene):
    assert _detail(client, scene.ir_editor, scene, "secrets").status_code == 404


# --- the tabs -------------------------------------------------------------------------------------------------


def test_the_partners_tab_shows_the_shares_per_country_and_per_company_with_bars(client, scene):
    response = _detail(client, scene.by_film_body_member, scene, "partners")

    page = content(response)
    by_country = {row.country: row for row in response.context["by_country"]}
    assert by_country["IR"].width == "70.00"
    assert by_country["BY"].width == "30.00"
    assert "70\u00a0%" in page
    assert "30\u00a0%" in page
    assert 'style="width: 70.00%"' in page
    assert [row.label for row in response.context["by_company"]] == [
        "Farabi Cinema Foundation",
        "Belarusfilm",
    ]
    assert "Character designs" in page  # an artistic contribution, recorded
    assert "100,000.00\u00a0EUR" in page  # the in-kind animation work


def test_the_financing_tab_shows_confirmed_and_pending_and_flags_old_letters(client, scene):
    old = stale_letter(scene)

    response = _detail(client, scene.ir_editor, scene, "financing")

    page = content(response)
    rows = {row["source"].pk: row for row in response.context["rows"]}
    assert rows[old.pk]["stale"] is True
    assert rows[scene.by_financing[0].pk]["stale"] is False
    assert page.count("stale-letter") == 1
    assert "Older than 6 months" in page
    # Confirmed: 600,000 + 200,000 of financing; pending: IRIB's 100,000.
    assert "800,000.00\u00a0EUR" in page
    assert 'id="financing-pending">100,000.00\u00a0EUR' in page.replace(
        '<bdi dir="ltr" class="text-nowrap">', ""
    )
    # 800,000 confirmed + 100,000 in kind of a 1,000,000 budget.
    assert "90\u00a0%" in page


def test_the_creatives_tab_shows_nationalities_and_the_days_leads_worked(client, scene):
    CreativeFactory.create(
        project=scene.project, role=CreativeRole.LEAD_1, name="Sara", nationality="BY", days_worked=42
    )

    response = _detail(client, scene.by_editor, scene, "creatives")

    page = content(response)
    assert "First lead role" in page
    assert "Sara" in page
    assert "Belarus" in page
    assert "Iran" in page
    assert ">42<" in page.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("tab", ["", "partners", "financing", "creatives"])
def test_each_tab_runs_the_same_queries_however_long_the_plan(client, scene, tab):
    user = as_user(client, scene.ir_editor)
    address = url("project_detail", scene.project.slug, query=f"tab={tab}" if tab else "")
    client.get(address)
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    for number in range(5):
        coproducer = CoProducerFactory.create(project=scene.project, name=f"Company {number}", country="RU")
        FinancingSourceFactory.create(coproducer=coproducer, amount=Decimal("1000"))
        CreativeFactory.create(project=scene.project, nationality="RU")
    with CaptureQueriesContext(connection) as large:
        assert user.get(address).status_code == 200

    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


def test_the_pages_are_right_to_left_in_persian_with_persian_digits(client, scene):
    response = _detail(client, scene.ir_editor, scene, "partners", language="fa")

    page = content(response)
    assert 'dir="rtl"' in page
    assert "درنای کوچک" in page
    assert "۷۰" in page  # Iran's share
    assert "<bdi" in page


def test_links_lead_to_the_other_parts_of_the_project_that_exist(client, scene):
    response = _detail(client, scene.ir_editor, scene)

    page = content(response)
    for label, address in response.context["links"]:
        assert address in page
        assert label
    assert url("project_eligibility", scene.project.slug) in page


# --- eligibility ------------------------------------------------------------------------------------------------


def test_the_eligibility_tab_shows_a_failing_rule_with_its_numbers_and_the_what_if(client):
    scene = minority_short_scene()
    programme_rule_set(scene)

    response = as_user(client, scene.by_film_body_member).get(
        url("project_eligibility", scene.project.slug, query="rules=iran-belarus-programme")
    )

    assert response.status_code == 200
    page = content(response)
    rules = {rule.code: rule for rule in response.context["rules"]}
    minority = rules["ib-2-1-minority-min"]
    assert minority.status == "failed"
    assert "17.65" in minority.explanation
    assert "17.65" in page
    assert 'id="rule-ib-2-1-minority-min"' in page
    assert "rule-failed" in page
    assert rules["ib-1-both-countries"].status == "passed"
    assert minority.article in page
    assert response.context["report"]["eligible"] is False
    assert any("Belarus must add at least" in sentence for sentence in response.context["what_if"])
    assert "Belarus must add at least" in page


def test_the_what_if_amount_makes_the_shares_pass_when_added(client):
    scene = minority_short_scene()
    programme_rule_set(scene)
    viewer = as_user(client, scene.ir_editor)
    address = url("project_eligibility", scene.project.slug, query="rules=iran-belarus-programme")
    report = viewer.get(address).context["report"]
    answer = next(a for a in report["what_if"]["contributions"] if a["country"] == "BY")

    FinancingSourceFactory.create(coproducer=scene.by_coproducer, amount=Decimal(answer["add"]))
    rules = {rule.code: rule for rule in viewer.get(address).context["rules"]}

    assert rules["ib-2-1-minority-min"].status == "passed"


def test_a_shipped_rule_set_is_checked_with_its_source_cited(client, scene):
    response = as_user(client, scene.ir_editor).get(
        url("project_eligibility", scene.project.slug, query="rules=coe-2017")
    )

    assert response.status_code == 200
    source = response.context["source"]
    assert source["url"]
    assert escape(source["url"]) in content(response)
    assert {rule.status for rule in response.context["rules"]} <= {
        "passed",
        "failed",
        "waivable",
        "not_applicable",
    }


def test_an_unknown_rule_set_is_not_found(client, scene):
    response = as_user(client, scene.ir_editor).get(
        url("project_eligibility", scene.project.slug, query="rules=no-such-treaty")
    )

    assert response.status_code == 404


def test_htmx_gets_the_report_alone(client, scene):
    response = as_user(client, scene.ir_editor).get(
        url("project_eligibility", scene.project.slug, query="rules=coe-2017"), headers={"HX-Request": "true"}
    )

    page = content(response)
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="eligibility-report"')
    assert "<html" not in page


# --- creation and editing ----------------------------------------------------------------------------------------


def _project_data(scene, **changes):
    data = {
        "lead": scene.ir_producer.pk,
        "title_en": "Winter Birds",
        "title_fa": "پرندگان زمستان",
        "title_ru": "Зимние птицы",
        "logline_en": "Two children follow the cranes.",
        "kind": "animation",
        "audience": "children",
        "stage": "development",
        "target_runtime_minutes": "۸۰",
        "languages": ["fa", "ru"],
        "budget": "1 200 000",
        "currency": "eur",
        "support_requested": "",
        "shooting_countries": [],
        "post_countries": ["IR"],
        "animation_countries": ["BY", "IR"],
        "start_year": "2027",
        "seeking_partners": "on",
    }
    data.update(changes)
    return data


def test_a_producer_starts_a_project_its_company_leads(client, scene):
    response = as_user(client, scene.ir_editor).post(url("project_create"), _project_data(scene))

    project = Project.objects.get(titles__en="Winter Birds")
    assert response.status_code == 302
    assert response["Location"] == url("project_detail", project.slug)
    assert project.lead == scene.ir_producer
    assert project.budget == Decimal("1200000")
    assert project.currency == "EUR"
    assert project.target_runtime_minutes == 80
    assert project.titles == {"en": "Winter Birds", "fa": "پرندگان زمستان", "ru": "Зимние птицы"}
    assert project.animation_countries == ["BY", "IR"]
    assert project.seeking_partners is True
    assert list(project.coproducers.values_list("organisation", flat=True)) == [scene.ir_producer.pk]


def test_the_creation_form_renders_with_a_title_in_every_language(client, scene):
    response = as_user(client, scene.ir_editor).get(url("project_create"))

    page = content(response)
    assert response.status_code == 200
    for code in ("en", "fa", "ar", "ru", "be"):
        assert f'name="title_{code}"' in page
    assert 'name="animation_countries"' in page


def test_bad_input_names_its_field_and_creates_nothing(client, scene):
    data = _project_data(scene, title_en="", title_fa="", title_ru="", budget="12,34,5", currency="XYZ")

    response = as_user(client, scene.ir_editor).post(url("project_create"), data)

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "title_en" in errors
    assert "currency" in errors
    assert not Project.objects.filter(start_year=2027).exists()
    page = content(response)
    assert 'id="id_title_en_error"' in page
    assert 'id="id_currency_error"' in page


def test_a_bad_amount_is_named_at_its_field(client, scene):
    response = as_user(client, scene.ir_editor).post(
        url("project_create"), _project_data(scene, budget="12.345")
    )

    assert response.status_code == 400
    assert "budget" in response.context["form"].errors
    assert "at most 2 decimals" in str(response.context["form"].errors["budget"])


@pytest.mark.parametrize("who", ["observer", "ir_film_body_member"])
def test_only_producers_editors_start_projects_for_their_company(client, scene, who):
    user = getattr(scene, who)
    response = as_user(client, user).post(url("project_create"), _project_data(scene))

    assert response.status_code in (400, 403)
    assert not Project.objects.filter(titles__en="Winter Birds").exists()


def _form_data(form):
    """What the form shows, as a browser would send it back."""
    data = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in data.items() if value not in (None, "", False)}


def test_an_editor_changes_the_project(client, scene):
    user = as_user(client, scene.by_editor)
    form = user.get(url("project_edit", scene.project.slug)).context["form"]
    data = _form_data(form)
    data.update(
        {"title_en": "The Little Crane Returns", "budget": "1100000", "version": scene.project.version}
    )
    data["seeking_partners"] = ""

    response = user.post(url("project_edit", scene.project.slug), data)

    assert response.status_code == 302
    scene.project.refresh_from_db()
    assert scene.project.titles["en"] == "The Little Crane Returns"
    assert scene.project.titles["fa"] == "درنای کوچک"
    assert scene.project.budget == Decimal("1100000")


def test_a_change_made_meanwhile_is_refused_and_the_typed_text_kept(client, scene):
    user = as_user(client, scene.ir_editor)
    form = user.get(url("project_edit", scene.project.slug)).context["form"]
    started_at = scene.project.version
    Project.objects.filter(pk=scene.project.pk).update(version=started_at + 1)  # someone else saved
    data = _form_data(form)
    data.update({"title_en": "My careful new title", "version": started_at})

    response = user.post(url("project_edit", scene.project.slug), data)

    assert response.status_code == 409
    page = content(response)
    assert 'id="stale-warning"' in page
    assert 'value="My careful new title"' in page
    assert response.context["form"]["version"].value() == str(started_at + 1)
    scene.project.refresh_from_db()
    assert scene.project.titles["en"] == "The Little Crane"


@pytest.mark.parametrize(
    ("who", "status"), [("ir_viewer", 403), ("by_film_body_member", 403), ("outsider", 404)]
)
def test_only_the_co_producers_editors_edit(client, scene, who, status):
    assert (
        as_user(client, getattr(scene, who)).get(url("project_edit", scene.project.slug)).status_code
        == status
    )


# --- co-producers ---------------------------------------------------------------------------------------------


def test_an_editor_adds_an_organisation_of_the_platform_as_co_producer(client, scene):
    russian = producer(name="Soyuzmultfilm", country="RU")

    response = as_user(client, scene.ir_editor).post(
        url("coproducer_add", scene.project.slug), {"organisation": russian.pk, **_version(scene)}
    )

    assert response.status_code == 302
    assert CoProducer.objects.filter(project=scene.project, organisation=russian, country="RU").exists()


def test_a_company_off_the_platform_needs_its_country(client, scene):
    response = as_user(client, scene.ir_editor).post(
        url("coproducer_add", scene.project.slug), {"name": "Kazakhfilm", "country": "", **_version(scene)}
    )

    assert response.status_code == 400
    assert "country" in response.context["form"].errors
    assert not CoProducer.objects.filter(name="Kazakhfilm").exists()


def test_an_observer_cannot_co_produce(client, scene):
    embassy = scene.observer.memberships.get().organisation

    response = as_user(client, scene.ir_editor).post(
        url("coproducer_add", scene.project.slug), {"organisation": embassy.pk, **_version(scene)}
    )

    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors


def test_the_lead_s_editor_removes_a_co_producer_but_not_the_lead(client, scene):
    user = as_user(client, scene.ir_editor)

    user.post(url("coproducer_remove", scene.project.slug, scene.ir_coproducer.pk), _version(scene))
    assert CoProducer.objects.filter(pk=scene.ir_coproducer.pk).exists()

    response = user.post(
        url("coproducer_remove", scene.project.slug, scene.by_coproducer.pk), _version(scene)
    )
    assert response.status_code == 302
    assert not CoProducer.objects.filter(pk=scene.by_coproducer.pk).exists()


def test_a_co_producer_of_another_project_is_not_found(client, scene):
    other = coproduction_scene()
    response = as_user(client, scene.ir_editor).post(
        url("coproducer_remove", scene.project.slug, other.by_coproducer.pk), _version(scene)
    )

    assert response.status_code == 404
    assert CoProducer.objects.filter(pk=other.by_coproducer.pk).exists()


# --- financing ----------------------------------------------------------------------------------------------


def _source_data(scene, **changes):
    data = {
        "coproducer": scene.by_coproducer.pk,
        "kind": FinancingKind.BROADCASTER,
        "name": "Belteleradio",
        "amount": "۱۵۰٬۰۰۰",
        "is_confirmed": "on",
        "letter_date": (timezone.localdate() - timedelta(days=10)).isoformat(),
        **_version(scene),
    }
    data.update(changes)
    return data


def test_an_editor_adds_a_source_typed_in_persian_digits(client, scene):
    response = as_user(client, scene.by_editor).post(
        url("financing_add", scene.project.slug), _source_data(scene)
    )

    assert response.status_code == 302
    source = FinancingSource.objects.get(name="Belteleradio")
    assert source.amount == Decimal("150000")
    assert source.coproducer == scene.by_coproducer
    assert source.is_confirmed


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "lots"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"letter_date": ""}, "letter_date"),
        ({"name": ""}, "name"),
        ({"kind": "gift"}, "kind"),
    ],
)
def test_a_bad_source_is_refused_at_its_field(client, scene, changes, field):
    response = as_user(client, scene.by_editor).post(
        url("financing_add", scene.project.slug), _source_data(scene, **changes)
    )

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in content(response)
    assert not FinancingSource.objects.filter(name="Belteleradio").exists()


def test_a_letter_in_the_future_is_refused_by_the_service_at_its_field(client, scene):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = as_user(client, scene.by_editor).post(
        url("financing_add", scene.project.slug), _source_data(scene, letter_date=future)
    )

    assert response.status_code == 400
    assert "letter_date" in response.context["form"].errors


def test_an_editor_changes_and_deletes_a_source(client, scene):
    source = scene.ir_financing[1]  # IRIB, pending
    user = as_user(client, scene.ir_editor)
    assert user.get(url("financing_edit", scene.project.slug, source.pk)).status_code == 200

    response = user.post(
        url("financing_edit", scene.project.slug, source.pk),
        {
            "kind": FinancingKind.PRE_SALE,
            "name": "IRIB",
            "amount": "120000",
            "is_confirmed": "on",
            "letter_date": timezone.localdate().isoformat(),
            **_version(scene),
        },
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.amount == Decimal("120000")
    assert source.is_confirmed

    user.post(url("financing_delete", scene.project.slug, source.pk), _version(scene))
    assert not FinancingSource.objects.filter(pk=source.pk).exists()


def test_a_source_of_another_project_is_not_found(client, scene):
    other = coproduction_scene()
    source = other.ir_financing[0]
    user = as_user(client, scene.ir_editor)

    assert user.get(url("financing_edit", scene.project.slug, source.pk)).status_code == 404
    assert (
        user.post(url("financing_delete", scene.project.slug, source.pk), _version(scene)).status_code == 404
    )
    assert FinancingSource.objects.filter(pk=source.pk).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("ir_viewer", 403), ("ir_film_body_member", 403), ("outsider", 404)]
)
def test_only_editors_of_the_co_producers_change_the_financing(client, scene, who, status):
    source = scene.ir_financing[0]
    user = as_user(client, getattr(scene, who))

    assert user.post(url("financing_add", scene.project.slug), _source_data(scene)).status_code == status
    assert (
        user.post(url("financing_delete", scene.project.slug, source.pk), _version(scene)).status_code
        == status
    )
    assert FinancingSource.objects.filter(pk=source.pk).exists()
    assert not FinancingSource.objects.filter(name="Belteleradio").exists()


# --- contributions -----------------------------------------------------------------------------------------


def test_an_editor_adds_changes_and_deletes_a_contribution(client, scene):
    user = as_user(client, scene.by_editor)
    response = user.post(
        url("contribution_add", scene.project.slug),
        {
            "coproducer": scene.by_coproducer.pk,
            "kind": ContributionKind.IN_KIND,
            "category": "studio",
            "description": "Stage 3 for a month",
            "value": "40000",
            **_version(scene),
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get(description="Stage 3 for a month")
    assert contribution.value == Decimal("40000")

    response = user.post(
        url("contribution_edit", scene.project.slug, contribution.pk),
        {
            "kind": ContributionKind.IN_KIND,
            "category": "studio",
            "description": "Stage 3",
            "value": "45000",
            **_version(scene),
        },
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.value == Decimal("45000")

    user.post(url("contribution_delete", scene.project.slug, contribution.pk), _version(scene))
    assert not Contribution.objects.filter(pk=contribution.pk).exists()


def test_an_artistic_contribution_is_not_valued(client, scene):
    response = as_user(client, scene.by_editor).post(
        url("contribution_add", scene.project.slug),
        {
            "coproducer": scene.by_coproducer.pk,
            "kind": ContributionKind.ARTISTIC,
            "category": "",
            "description": "Music",
            "value": "5000",
            **_version(scene),
        },
    )

    assert response.status_code == 400
    assert "value" in response.context["form"].errors


def test_in_kind_work_needs_its_category_and_value(client, scene):
    response = as_user(client, scene.by_editor).post(
        url("contribution_add", scene.project.slug),
        {
            "coproducer": scene.by_coproducer.pk,
            "kind": ContributionKind.IN_KIND,
            "description": "VFX",
            **_version(scene),
        },
    )

    assert response.status_code == 400
    assert {"category", "value"} <= set(response.context["form"].errors)


# --- creatives ----------------------------------------------------------------------------------------------


def test_an_editor_adds_changes_and_deletes_a_creative(client, scene):
    user = as_user(client, scene.ir_editor)
    response = user.post(
        url("creative_add", scene.project.slug),
        {
            "role": CreativeRole.LEAD_1,
            "name": "Voice of Crane",
            "nationality": "BY",
            "days_worked": "۱۲",
            **_version(scene),
        },
    )
    assert response.status_code == 302
    creative = Creative.objects.get(name="Voice of Crane")
    assert creative.days_worked == 12

    response = user.post(
        url("creative_edit", scene.project.slug, creative.pk),
        {
            "role": CreativeRole.LEAD_1,
            "name": "Voice of Crane",
            "nationality": "IR",
            "days_worked": "14",
            **_version(scene),
        },
    )
    assert response.status_code == 302
    creative.refresh_from_db()
    assert (creative.nationality, creative.days_worked) == ("IR", 14)

    user.post(url("creative_delete", scene.project.slug, creative.pk), _version(scene))
    assert not Creative.objects.filter(pk=creative.pk).exists()


def test_a_creative_needs_a_nationality(client, scene):
    response = as_user(client, scene.ir_editor).post(
        url("creative_add", scene.project.slug),
        {"role": CreativeRole.EDITOR, "name": "Ali", "nationality": "", **_version(scene)},
    )

    assert response.status_code == 400
    assert "nationality" in response.context["form"].errors


def test_a_viewer_of_a_co_producer_reads_but_does_not_change(client, scene):
    viewer = member_of(scene.by_studio, Role.VIEWER)
    user = as_user(client, viewer)

    response = user.get(url("project_detail", scene.project.slug, query="tab=creatives"))
    assert response.status_code == 200
    assert url("creative_add", scene.project.slug) not in content(response)
    response = user.post(url("creative_delete", scene.project.slug, scene.creatives[0].pk), _version(scene))
    assert response.status_code == 403
    assert Creative.objects.filter(pk=scene.creatives[0].pk).exists()


# --- a change of a part made meanwhile by another partner --------------------------------------------------


def _another_partner_adds_a_creative(scene):
    """The Belarusian studio's editor saves a change while the Iranian editor has a form open."""
    creative_add(
        actor=scene.by_editor, project=scene.project, role=CreativeRole.EDITOR, name="Olga", nationality="BY"
    )


def test_a_source_changed_meanwhile_is_refused_and_the_typed_text_kept(client, scene):
    source = scene.ir_financing[1]  # IRIB, 100,000 pending
    user = as_user(client, scene.ir_editor)
    form = user.get(url("financing_edit", scene.project.slug, source.pk)).context["form"]
    started_at = form["version"].value()
    assert started_at == scene.project.version
    _another_partner_adds_a_creative(scene)
    data = {**_form_data(form), "amount": "123456", "version": started_at}

    response = user.post(url("financing_edit", scene.project.slug, source.pk), data)

    assert response.status_code == 409
    page = content(response)
    assert 'id="stale-warning"' in page
    assert 'value="123456"' in page
    assert response.context["form"]["version"].value() == str(started_at + 1)
    source.refresh_from_db()
    assert source.amount == Decimal("100000")

    # Sent again (the form now names the current version), the change is made.
    again = user.post(
        url("financing_edit", scene.project.slug, source.pk), _form_data(response.context["form"])
    )
    assert again.status_code == 302
    source.refresh_from_db()
    assert source.amount == Decimal("123456")


def _added_lines(scene):
    return (
        CoProducer.objects.filter(project=scene.project).count(),
        FinancingSource.objects.filter(project=scene.project).count(),
        Contribution.objects.filter(coproducer__project=scene.project).count(),
        Creative.objects.filter(project=scene.project).count(),
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("coproducer_add", lambda scene: {"name": "Kazakhfilm", "country": "KZ"}),
        ("financing_add", _source_data),
        (
            "contribution_add",
            lambda scene: {
                "coproducer": scene.by_coproducer.pk,
                "kind": ContributionKind.ARTISTIC,
                "description": "Music",
            },
        ),
        ("creative_add", lambda scene: {"role": CreativeRole.COMPOSER, "name": "Ali", "nationality": "IR"}),
    ],
)
def test_a_line_added_against_an_old_version_is_refused_and_kept_on_the_page(client, scene, name, data):
    user = as_user(client, scene.ir_editor)
    started_at = user.get(url(name, scene.project.slug)).context["form"]["version"].value()
    _another_partner_adds_a_creative(scene)
    before = _added_lines(scene)

    response = user.post(url(name, scene.project.slug), {**data(scene), "version": started_at})

    assert response.status_code == 409
    assert 'id="stale-warning"' in content(response)
    assert response.context["form"]["version"].value() == str(started_at + 1)
    assert _added_lines(scene) == before


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("financing_delete", lambda scene: scene.ir_financing[0]),
        ("contribution_delete", lambda scene: scene.by_coproducer.contributions.first()),
        ("creative_delete", lambda scene: scene.creatives[0]),
        ("coproducer_remove", lambda scene: scene.by_coproducer),
    ],
)
def test_a_delete_against_an_old_version_is_refused(client, scene, name, line):
    user = as_user(client, scene.ir_editor)
    item = line(scene)
    started_at = scene.project.version
    _another_partner_adds_a_creative(scene)

    response = user.post(url(name, scene.project.slug, item.pk), {"version": started_at})

    assert response.status_code == 409
    assert "Someone changed this project meanwhile" in content(response)
    assert type(item).objects.filter(pk=item.pk).exists()
    # The page now names the current version: deleting from it works.
    response = user.post(url(name, scene.project.slug, item.pk), {"version": started_at + 1})
    assert response.status_code == 302
    assert not type(item).objects.filter(pk=item.pk).exists()


def test_a_change_that_does_not_name_its_version_is_refused(client, scene):
    source = scene.ir_financing[1]
    user = as_user(client, scene.ir_editor)
    data = _form_data(user.get(url("financing_edit", scene.project.slug, source.pk)).context["form"])
    del data["version"]

    response = user.post(url("financing_edit", scene.project.slug, source.pk), {**data, "amount": "5"})
    assert response.status_code == 400
    assert "did not say which version of the project it changes" in content(response)

    response = user.post(url("financing_delete", scene.project.slug, source.pk))
    assert response.status_code == 400
    assert "did not say which version of the project it changes" in content(response)

    project_data = _form_data(user.get(url("project_edit", scene.project.slug)).context["form"])
    del project_data["version"]
    response = user.post(url("project_edit", scene.project.slug), {**project_data, "budget": "5"})
    assert response.status_code == 400

    source.refresh_from_db()
    assert source.amount == Decimal("100000")
    scene.project.refresh_from_db()
    assert scene.project.budget != Decimal("5")
    assert FinancingSource.objects.filter(pk=source.pk).exists()


# --- only the lead producer opens the project to organisations of the platform ---------------------------


def test_a_minority_partner_names_companies_but_does_not_add_organisations(client, scene):
    russian = producer(name="Soyuzmultfilm", country="RU")
    user = as_user(client, scene.by_editor)

    response = user.get(url("coproducer_add", scene.project.slug))
    assert response.status_code == 200
    page = content(response)
    assert 'id="id_organisation"' not in page
    assert 'id="lead-only-note"' in page
    assert "Only the editors of Farabi Cinema Foundation, the lead producer" in page

    response = user.post(
        url("coproducer_add", scene.project.slug), {"organisation": russian.pk, **_version(scene)}
    )
    assert response.status_code == 400
    assert "Only the editors of Farabi Cinema Foundation" in str(response.context["form"].non_field_errors())
    assert not CoProducer.objects.filter(organisation=russian).exists()

    response = user.post(
        url("coproducer_add", scene.project.slug), {"name": "Minsk Sound", "country": "BY", **_version(scene)}
    )
    assert response.status_code == 302
    assert CoProducer.objects.filter(project=scene.project, name="Minsk Sound", organisation=None).exists()


def test_only_the_lead_s_editors_are_offered_to_remove_an_organisation(client, scene):
    named = CoProducerFactory.create(
        project=scene.project, organisation=None, name="Minsk Sound", country="BY"
    )
    remove_studio = url("coproducer_remove", scene.project.slug, scene.by_coproducer.pk)
    remove_named = url("coproducer_remove", scene.project.slug, named.pk)

    lead_page = content(_detail(client, scene.ir_editor, scene, "partners"))
    assert remove_studio in lead_page
    assert remove_named in lead_page

    minority = as_user(client, scene.by_editor)
    page = content(minority.get(url("project_detail", scene.project.slug, query="tab=partners")))
    assert remove_studio not in page
    assert remove_named in page

    response = minority.post(remove_studio, _version(scene), follow=True)
    assert "Only the editors of Farabi Cinema Foundation" in content(response)
    assert CoProducer.objects.filter(pk=scene.by_coproducer.pk).exists()
    assert minority.post(remove_named, _version(scene)).status_code == 302
    assert not CoProducer.objects.filter(pk=named.pk).exists()
