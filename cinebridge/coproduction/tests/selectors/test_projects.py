"""Project selectors with real users of real organisations: the private side (financing, contributions,
creatives) is seen by the co-producers' members and by the film bodies of the co-producers' countries,
never by another company, an observer or a third country's film body; the querysets agree with the
access rules. Shares per company and per country, the financing summary (letters of exactly six months
are fine, a day more is flagged), the eligibility report and the query counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from cinebridge.accounts.models import Role, User
from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.coproduction.models import FinancingKind, RuleSet
from cinebridge.coproduction.selectors.access import project_may_view, project_may_view_private
from cinebridge.coproduction.selectors.projects import (
    letter_is_stale,
    months_before,
    project_eligibility,
    project_financing_summary,
    project_get_visible,
    project_lead_choices,
    project_private,
    project_shares,
    projects_of_viewer,
    projects_private_visible,
    projects_visible,
    rule_set_rows_editable,
)
from cinebridge.coproduction.tests.factories import (
    CoProducerFactory,
    CoproductionScene,
    FinancingSourceFactory,
    ProjectFactory,
    coproduction_scene,
    film_body,
    member_of,
    producer,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()

INSIDERS = ("ir_editor", "ir_viewer", "by_editor", "ir_film_body_member", "by_film_body_member")
OUTSIDERS = ("outsider", "observer", "third_film_body_member")


@pytest.fixture
def scene() -> CoproductionScene:
    return coproduction_scene()


# --- who sees what -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", INSIDERS)
def test_coproducers_and_their_film_bodies_see_the_private_side(scene: CoproductionScene, who: str) -> None:
    viewer = getattr(scene, who)
    private = project_private(viewer=viewer, project=scene.project)
    assert [row.coproducer for row in private.coproducers] == [scene.ir_coproducer, scene.by_coproducer]
    assert [s.name for s in private.coproducers[0].financing] == ["Farabi fund", "IRIB"]
    assert private.creatives == tuple(scene.creatives)
    assert list(projects_private_visible(viewer=viewer)) == [scene.project]
    assert list(projects_visible(viewer=viewer)) == [scene.project]
    assert project_get_visible(viewer=viewer, slug=scene.project.slug) == scene.project


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_see_nothing_of_a_project_not_looking_for_partners(scene: CoproductionScene, who: str) -> None:
    viewer = getattr(scene, who)
    with pytest.raises(PermissionDenied):
        project_private(viewer=viewer, project=scene.project)
    with pytest.raises(PermissionDenied):
        project_eligibility(viewer=viewer, project=scene.project, rule_set="share-test")
    assert not projects_private_visible(viewer=viewer).exists()
    assert not projects_visible(viewer=viewer).exists()
    with pytest.raises(Http404):
        project_get_visible(viewer=viewer, slug=scene.project.slug)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_project_looking_for_partners_shows_its_card_only(scene: CoproductionScene, who: str) -> None:
    scene.project.seeking_partners = True
    scene.project.save()
    viewer = getattr(scene, who)
    assert project_get_visible(viewer=viewer, slug=scene.project.slug) == scene.project
    assert list(projects_visible(viewer=viewer)) == [scene.project]
    assert not projects_private_visible(viewer=viewer).exists()
    with pytest.raises(PermissionDenied):
        project_private(viewer=viewer, project=scene.project)


def test_anonymous_people_see_no_project(scene: CoproductionScene) -> None:
    scene.project.seeking_partners = True
    scene.project.save()
    assert not projects_visible(viewer=AnonymousUser()).exists()
    with pytest.raises(Http404):
        project_get_visible(viewer=AnonymousUser(), slug=scene.project.slug)
    with pytest.raises(Http404):
        project_get_visible(viewer=scene.ir_editor, slug="no-such-project")


def test_a_coproducer_off_the_platform_makes_its_countrys_film_body_a_viewer(
    scene: CoproductionScene,
) -> None:
    kz_member = member_of(film_body(country="KZ"), Role.VIEWER)
    with pytest.raises(PermissionDenied):
        project_private(viewer=kz_member, project=scene.project)
    CoProducerFactory.create(project=scene.project, name="Kazakhfilm", country="KZ")
    private = project_private(viewer=kz_member, project=scene.project)
    assert [row.coproducer.country for row in private.coproducers] == ["IR", "BY", "KZ"]
    assert not private.may_edit
    assert list(projects_private_visible(viewer=kz_member)) == [scene.project]


def test_may_edit_only_for_the_coproducers_editors(scene: CoproductionScene) -> None:
    assert project_private(viewer=scene.by_editor, project=scene.project).may_edit
    assert not project_private(viewer=scene.ir_viewer, project=scene.project).may_edit
    assert not project_private(viewer=scene.ir_film_body_member, project=scene.project).may_edit


def test_querysets_agree_with_the_access_rules() -> None:
    """Several projects and users: for each pair, the SQL and the Python rule say the same."""
    scenes = [coproduction_scene(), coproduction_scene(seeking_partners=True)]
    lone = ProjectFactory.create(lead=producer(country="AM"))
    CoProducerFactory.create(project=lone, name="Off platform", country="GE")
    am_body = member_of(film_body(country="AM"), Role.VIEWER)
    ge_body = member_of(film_body(country="GE"), Role.VIEWER)
    superuser = UserFactory.create(is_superuser=True)
    users: list[User] = [am_body, ge_body, superuser]
    for s in scenes:
        users += [getattr(s, name) for name in (*INSIDERS, *OUTSIDERS)]
    projects = [s.project for s in scenes] + [lone]
    for user in users:
        private = set(projects_private_visible(viewer=user))
        visible = set(projects_visible(viewer=user))
        for project in projects:
            assert (project in private) == project_may_view_private(viewer=user, project=project), (
                user,
                project,
            )
            assert (project in visible) == project_may_view(viewer=user, project=project), (user, project)


def test_projects_of_viewer_are_those_its_organisations_co_produce(scene: CoproductionScene) -> None:
    assert list(projects_of_viewer(viewer=scene.by_editor)) == [scene.project]
    assert list(projects_of_viewer(viewer=scene.ir_viewer)) == [scene.project]
    assert not projects_of_viewer(viewer=scene.ir_film_body_member).exists()  # oversees, does not co-produce
    assert not projects_of_viewer(viewer=scene.outsider).exists()


def test_lead_choices_and_editable_rule_sets(scene: CoproductionScene) -> None:
    assert list(project_lead_choices(viewer=scene.ir_editor)) == [scene.ir_producer]
    assert not project_lead_choices(viewer=scene.ir_viewer).exists()
    assert not project_lead_choices(viewer=scene.observer).exists()
    row = RuleSet.objects.create(slug="programme", document={})
    row.editors.set([scene.ir_film_body, scene.by_film_body])
    goskino = scene.third_film_body_member.memberships.get().organisation
    other = RuleSet.objects.create(slug="other", document={})
    other.editors.set([goskino])
    RuleSet.objects.create(slug="another-ru", document={}).editors.set([film_body(country="RU")])
    assert rule_set_rows_editable(viewer=scene.ir_film_body_member) == [row]
    assert rule_set_rows_editable(viewer=scene.ir_editor) == []
    # Another Russian film body's rule set is not Goskino's to edit: no oversight for rule sets.
    assert rule_set_rows_editable(viewer=scene.third_film_body_member) == [other]


# --- shares and financing ----------------------------------------------------------------------------


def test_shares_per_company_and_per_country(scene: CoproductionScene) -> None:
    # IR: 600,000 confirmed + 100,000 pending; BY: 200,000 confirmed + 100,000 in kind (artistic: 0).
    shares = project_shares(project=scene.project)
    assert shares.total == Decimal("1000000")
    assert [(s.key, s.amount, s.fraction) for s in shares.by_country] == [
        ("IR", Decimal("700000"), Fraction(7, 10)),
        ("BY", Decimal("300000"), Fraction(3, 10)),
    ]
    assert [(s.key, s.percent()) for s in shares.by_company] == [
        (str(scene.ir_coproducer.pk), Decimal("70.00")),
        (str(scene.by_coproducer.pk), Decimal("30.00")),
    ]
    private = project_private(viewer=scene.by_film_body_member, project=scene.project)
    assert [
        (row.amount, row.financing_confirmed, row.in_kind_total, row.share.percent())
        for row in private.coproducers
    ] == [
        (Decimal("700000"), Decimal("600000"), Decimal(0), Decimal("70.00")),
        (Decimal("300000"), Decimal("200000"), Decimal("100000"), Decimal("30.00")),
    ]


def test_two_companies_of_one_country_add_up(scene: CoproductionScene) -> None:
    second = CoProducerFactory.create(project=scene.project, name="Minsk Sound", country="BY")
    FinancingSourceFactory.create(coproducer=second, amount=Decimal("250000"), is_confirmed=False)
    shares = project_shares(project=scene.project)
    assert [(s.key, s.amount, s.percent()) for s in shares.by_country] == [
        ("IR", Decimal("700000"), Decimal("56.00")),
        ("BY", Decimal("550000"), Decimal("44.00")),
    ]
    assert [s.percent() for s in shares.by_company] == [Decimal("56.00"), Decimal("24.00"), Decimal("20.00")]


def test_financing_summary(scene: CoproductionScene) -> None:
    summary = project_financing_summary(project=scene.project, as_of=TODAY)
    assert summary.financing == Decimal("900000")
    assert summary.financing_confirmed == Decimal("800000")
    assert summary.pending == Decimal("100000")
    assert summary.in_kind == Decimal("100000")
    assert summary.confirmed == Decimal("900000")
    assert summary.confirmed_percent == Decimal("90.00")
    assert summary.gap == Decimal("0")
    assert summary.stale == ()


def test_confirmed_percent_is_rounded_half_up_and_the_gap_counts_down(scene: CoproductionScene) -> None:
    scene.project.budget = Decimal("1800000.40")  # 900,000 / 1,800,000.40 = 49.9999 %
    scene.project.save()
    summary = project_financing_summary(project=scene.project, as_of=TODAY)
    assert summary.confirmed_percent == Decimal("50.00")
    assert summary.gap == Decimal("800000.40")


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(date(2026, 7, 15), 6) == date(2026, 1, 15)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2028, 8, 31), 6) == date(2028, 2, 29)
    assert months_before(date(2026, 3, 10), 6) == date(2025, 9, 10)


def test_a_letter_of_exactly_six_months_is_fine_a_day_more_is_stale(scene: CoproductionScene) -> None:
    as_of = date(2026, 7, 15)
    assert not letter_is_stale(date(2026, 1, 15), as_of=as_of)
    assert letter_is_stale(date(2026, 1, 14), as_of=as_of)
    exactly = scene.ir_financing[0]
    exactly.letter_date = date(2026, 1, 15)
    exactly.save()
    older = FinancingSourceFactory.create(
        coproducer=scene.by_coproducer, kind=FinancingKind.BROADCASTER, letter_date=date(2026, 1, 14)
    )
    summary = project_financing_summary(project=scene.project, as_of=as_of)
    assert summary.stale == (older,)
    private = project_private(viewer=scene.ir_editor, project=scene.project, as_of=as_of)
    assert private.financing.stale == (older,)


# --- eligibility -------------------------------------------------------------------------------------


def _share_rules(percent: str) -> dict[str, object]:
    return {
        "format": 1,
        "id": "share-test",
        "version": "2026-01-01",
        "names": {"en": "Share test"},
        "source": {"title": "Test", "url": "https://example.org", "date": "2026-01-01"},
        "parties": "coproducers",
        "currency": "EUR",
        "rules": [
            {
                "code": "minimum-share",
                "check": "share_min",
                "article": "Art. 1",
                "titles": {"en": "Each country brings enough"},
                "severity": "required",
                "params": {"percent": percent, "per": "country"},
            }
        ],
    }


@pytest.mark.parametrize(("percent", "eligible"), [("30", True), ("30.01", False)])
def test_eligibility_report_of_a_rule_set_kept_in_the_database(
    scene: CoproductionScene, percent: str, eligible: bool
) -> None:
    RuleSet.objects.create(slug="share-test", document=_share_rules(percent))
    report = project_eligibility(
        viewer=scene.by_film_body_member, project=scene.project, rule_set="share-test"
    )
    assert report["eligible"] is eligible
    assert [rule["status"] for rule in report["rules"]] == ["passed" if eligible else "failed"]
    assert [(c["country"], c["percent"]) for c in report["shares"]["by_country"]] == [
        ("IR", "70.00"),
        ("BY", "30.00"),
    ]


def test_eligibility_of_an_unknown_rule_set_is_404(scene: CoproductionScene) -> None:
    with pytest.raises(Http404):
        project_eligibility(viewer=scene.ir_editor, project=scene.project, rule_set="no-such-rules")


# --- query counts ------------------------------------------------------------------------------------


def test_private_side_costs_a_fixed_number_of_queries(
    scene: CoproductionScene, django_assert_max_num_queries: object
) -> None:
    for _ in range(5):
        CoProducerFactory.create(project=scene.project, name="More", country="KZ")
    for row in scene.project.coproducers.all():
        FinancingSourceFactory.create(coproducer=row)
    viewer = scene.by_film_body_member
    # The project, co-producers, financing, contributions, creatives and the viewer's memberships.
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        private = project_private(viewer=viewer, project=scene.project)
        summary = project_financing_summary(project=private.project, as_of=TODAY)
        project_shares(project=private.project)
    assert len(private.coproducers) == 7
    assert summary.financing == Decimal("1600000")


def test_the_summary_agrees_with_the_eligibility_report(scene: CoproductionScene) -> None:
    as_of = date(2026, 7, 15)
    old = scene.ir_financing[0]
    old.letter_date = date(2026, 1, 14)
    old.save()
    pending = scene.ir_financing[1]  # not confirmed: its old letter is not flagged
    pending.letter_date = date(2020, 1, 1)
    pending.save()
    summary = project_financing_summary(project=scene.project, as_of=as_of)
    report = project_eligibility(
        viewer=scene.ir_editor, project=scene.project, rule_set="iran-belarus", as_of=as_of
    )
    assert summary.stale == (old,)
    assert [row["letter_date"] for row in report["financing"]["stale_letters"]] == ["2026-01-14"]
    assert report["financing"]["confirmed_percent"] == f"{summary.confirmed_percent}" == "90.00"
