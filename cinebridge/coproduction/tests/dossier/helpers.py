"""The dossier tests' project: the shared Iran–Belarus scene with what an application pack shows besides
(synopses in three languages, the companies' Persian and Russian names, a lead's days worked, a letter
older than six months), and the pack rendered as the view renders it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cinebridge.accounts.models import OrganisationTranslation
from cinebridge.coproduction.documents import dossier_pdf
from cinebridge.coproduction.models import CreativeRole, FinancingKind
from cinebridge.coproduction.selectors import projects as selectors
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get
from cinebridge.coproduction.tests.factories import (
    CoproductionScene,
    CreativeFactory,
    FinancingSourceFactory,
    coproduction_scene,
)
from cinebridge.core.tests.pdf_checks import page_texts

MOMENT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def today() -> date:
    """The day the report is made on, as the view makes it (the factories date letters from it)."""
    return timezone.localdate()


TITLE_FA = "درنای کوچک"
TITLE_RU = "Маленький журавль"
TITLE_BE = "Маленькі журавель"
SYNOPSIS_FA = "درنای کوچکی راه خانه را گم می‌کند."  # extracted right to left, the stop comes first
SYNOPSIS_RU = "Маленький журавль теряет дорогу домой."
SYNOPSIS_EN = "A little crane loses its way home."
FARABI_FA = "بنیاد سینمایی فارابی"
BELARUSFILM_RU = "Беларусьфильм"
LEAD_ACTOR = "Sara Ahmadi"
STALE_FUND = "Old letter fund"


@dataclass
class DossierScene:
    scene: CoproductionScene
    stale_letter: date


def dossier_scene(**project_fields: Any) -> DossierScene:
    values: dict[str, Any] = {
        "titles": {"en": "The Little Crane", "fa": TITLE_FA, "ru": TITLE_RU, "be": TITLE_BE},
        "loglines": {"en": "A crane, a girl and a long way home.", "ru": "Журавль, девочка и долгая дорога."},
        "synopses": {"en": SYNOPSIS_EN, "fa": SYNOPSIS_FA, "ru": SYNOPSIS_RU},
        "target_runtime_minutes": 82,
    }
    values.update(project_fields)
    scene = coproduction_scene(**values)
    OrganisationTranslation.objects.create(organisation=scene.ir_producer, language_code="fa", name=FARABI_FA)
    OrganisationTranslation.objects.create(
        organisation=scene.by_studio, language_code="ru", name=BELARUSFILM_RU
    )
    stale = today() - timedelta(days=250)
    FinancingSourceFactory.create(
        coproducer=scene.by_coproducer,
        kind=FinancingKind.BROADCASTER,
        name=STALE_FUND,
        amount=Decimal("50000"),
        letter_date=stale,
    )
    CreativeFactory.create(
        project=scene.project,
        role=CreativeRole.VOICE_1,
        name=LEAD_ACTOR,
        nationality="IR",
        days_worked=17,
        position=5,
    )
    return DossierScene(scene=scene, stale_letter=stale)


def report_for(scene: CoproductionScene, rules: str, as_of: date | None = None) -> dict[str, Any]:
    as_of = as_of or today()
    return selectors.project_eligibility(
        viewer=scene.ir_editor, project=scene.project, rule_set=rules, as_of=as_of
    )


def render(
    scene: CoproductionScene, rules: str, generated_at: datetime = MOMENT, as_of: date | None = None
) -> bytes:
    """The pack of the scene's project as the view makes it (the report computed by the selector)."""
    as_of = as_of or today()
    return dossier_pdf(
        project=scene.project,
        report=report_for(scene, rules, as_of),
        rule_set=rule_set_document_get(name=rules),
        as_of=as_of,
        generated_at=generated_at,
    )


def sections(data: bytes) -> dict[str, str]:
    """The text of each language's section, found by the section's title on its first page's heading."""
    starts = {TITLE_FA: "fa", TITLE_RU: "ru", TITLE_BE: "be", "The Little Crane": "en"}
    found: dict[str, list[str]] = {}
    current = None
    for text in page_texts(data):
        for title, language in starts.items():
            if text.lstrip().startswith(title) and language not in found:
                current = language
                found[language] = []
        assert current is not None, text[:80]
        found[current].append(text)
    return {language: "\n".join(pages) for language, pages in found.items()}
