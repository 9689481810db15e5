"""The dossier page: the PDF for the co-producers and the film bodies of their countries, refused to
everyone else (another company, an observer, a film body of a third country, a stranger)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cinebridge.coproduction.models import CreativeRole
from cinebridge.coproduction.tests.dossier.helpers import TITLE_FA, TITLE_RU, dossier_scene
from cinebridge.coproduction.tests.factories import (
    ContributionFactory,
    CoProducerFactory,
    CreativeFactory,
    FinancingSourceFactory,
    ProjectFactory,
    member_of,
    producer,
)
from cinebridge.core.tests.pdf_checks import pdf_text

pytestmark = pytest.mark.django_db

RULES = "iran-belarus"


def url(slug: str, query: str = f"rules={RULES}", language: str = "en") -> str:
    with translation.override(language):
        return reverse("coproduction:project_dossier", args=[slug]) + (f"?{query}" if query else "")


@pytest.fixture
def scene():
    return dossier_scene().scene


def _get(client, user, address):
    client.force_login(user)
    return client.get(address)


def test_the_url_is_the_projects_dossier_pdf():
    assert url("little-crane", query="") == "/en/coproduction/projects/little-crane/dossier.pdf"


@pytest.mark.parametrize("who", ["ir_viewer", "by_editor", "ir_film_body_member", "by_film_body_member"])
def test_co_producers_and_their_film_bodies_get_the_pdf(client, scene, who):
    response = _get(client, getattr(scene, who), url(scene.project.slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"dossier-{scene.project.slug}-{RULES}.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert TITLE_FA in text
    assert TITLE_RU in text


@pytest.mark.parametrize("who", ["outsider", "observer", "third_film_body_member"])
def test_others_get_404_for_a_project_not_looking_for_partners(client, scene, who):
    response = _get(client, getattr(scene, who), url(scene.project.slug))
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["outsider", "observer", "third_film_body_member"])
def test_others_get_403_when_the_project_shows_its_public_card(client, scene, who):
    scene.project.seeking_partners = True
    scene.project.save()
    response = _get(client, getattr(scene, who), url(scene.project.slug))
    assert response.status_code == 403
    assert not response.content.startswith(b"%PDF")


def test_a_member_of_another_organisation_with_its_own_project_sees_no_other_dossier(client, scene):
    other = producer(name="Other producer", country="BY")
    ProjectFactory.create(lead=other, slug="their-own")
    response = _get(client, member_of(other), url(scene.project.slug))
    assert response.status_code == 404


def test_a_stranger_is_sent_to_sign_in(client, scene):
    response = client.get(url(scene.project.slug))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unknown_rule_set_is_a_404_and_a_missing_one_the_projects_default(client, scene):
    assert (
        _get(client, scene.ir_editor, url(scene.project.slug, query="rules=no-such-rules")).status_code == 404
    )
    response = _get(client, scene.ir_editor, url(scene.project.slug, query=""))
    assert response.status_code == 200
    # The shipped Iran–Belarus programme names both countries as parties: it is the default.
    assert f"-{RULES}.pdf" in response["Content-Disposition"]


def test_only_get(client, scene):
    client.force_login(scene.ir_editor)
    assert client.post(url(scene.project.slug)).status_code == 405


def test_the_queries_do_not_grow_with_the_co_producers_and_creatives(client, scene):
    client.force_login(scene.ir_editor)
    address = url(scene.project.slug)
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    for number in range(3):
        coproducer = CoProducerFactory.create(
            project=scene.project, organisation=producer(name=f"Partner {number}", country="BY")
        )
        FinancingSourceFactory.create(coproducer=coproducer, amount=Decimal("1000"))
        ContributionFactory.create(coproducer=coproducer, value=Decimal("500"))
        CreativeFactory.create(project=scene.project, role=CreativeRole.EDITOR, nationality="BY")
    with CaptureQueriesContext(connection) as large:
        assert client.get(address).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
