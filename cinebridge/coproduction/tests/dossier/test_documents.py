"""The application pack: its languages (the co-producers' official languages, then English), what each
language's section says with its numbers, the points table and the eligibility report as the engine
reports them, the same bytes for the same data and moment, and Persian shaped right to left."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.db import transaction
from django.utils import translation

from cinebridge.coproduction import explain
from cinebridge.coproduction.documents import country_languages, dossier_languages, dossier_pdf
from cinebridge.coproduction.selectors import projects as selectors
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get
from cinebridge.coproduction.tests.dossier.helpers import (
    BELARUSFILM_RU,
    FARABI_FA,
    LEAD_ACTOR,
    MOMENT,
    STALE_FUND,
    SYNOPSIS_EN,
    SYNOPSIS_FA,
    SYNOPSIS_RU,
    TITLE_BE,
    TITLE_FA,
    TITLE_RU,
    dossier_scene,
    render,
    report_for,
    sections,
    today,
)
from cinebridge.coproduction.tests.factories import CoProducerFactory, ProjectFactory, producer
from cinebridge.core.pdf import date_text
from cinebridge.core.tests.pdf_checks import (
    embedded_fonts,
    has_number,
    metadata,
    normalise,
    page_texts,
    pdf_text,
    shaping_changes,
    unshaped_words,
)

pytestmark = pytest.mark.django_db

RULES = "iran-belarus"
PERSIAN_WORDS = ["درنای", "کوچک", "بنیاد", "سینمایی", "فارابی", "ایران", "بلاروس", "خانه"]


@dataclass(frozen=True)
class Pack:
    data: bytes
    text: dict[str, str]  # by section language
    report: dict[str, Any]
    stale_letter: date


@pytest.fixture(scope="module")
def pack(django_db_setup, django_db_blocker) -> Pack:
    """The scene's pack, rendered once for the tests that only read it (the scene is rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        dossier = dossier_scene()
        data = render(dossier.scene, RULES)
        made = Pack(data, sections(data), report_for(dossier.scene, RULES), dossier.stale_letter)
        transaction.set_rollback(True)
    return made


@pytest.fixture
def scene():
    return dossier_scene().scene


# --- languages ---------------------------------------------------------------------------------------


def test_a_countrys_languages_are_its_official_ones_the_platform_speaks():
    assert country_languages("IR") == ("fa",)
    assert country_languages("BY") == ("ru", "be")
    assert country_languages("RU") == ("ru",)
    assert country_languages("DE") == ()  # German is not a language of the platform


def test_iran_and_belarus_give_persian_russian_belarusian_then_english(scene):
    assert dossier_languages(scene.project) == ["fa", "ru", "be", "en"]


def test_the_leads_country_comes_first_and_english_is_there_once():
    project = ProjectFactory.create(lead=producer(country="BY"))
    CoProducerFactory.create(project=project, organisation=producer(country="IR"))
    CoProducerFactory.create(project=project, country="GB", name="London Films")
    assert dossier_languages(project) == ["ru", "be", "fa", "en"]
    assert dossier_languages(ProjectFactory.create(lead=producer(country="DE"))) == ["en"]


# --- what each section says ---------------------------------------------------------------------------


def test_each_language_has_its_own_section_with_the_projects_texts(pack):
    text = pack.text
    assert list(text) == ["fa", "ru", "be", "en"]
    for language, expected in {
        "fa": [TITLE_FA, SYNOPSIS_FA[:-1], FARABI_FA, "ایران", "بلاروس"],
        "ru": [TITLE_RU, SYNOPSIS_RU, BELARUSFILM_RU, "Иран", "Беларусь"],
        "be": [TITLE_BE, "Іран", "Беларусь", SYNOPSIS_EN],  # no Belarusian synopsis: the English one
        "en": ["The Little Crane", SYNOPSIS_EN, "Farabi Cinema Foundation", "Belarusfilm", "Iran", "Belarus"],
    }.items():
        for words in expected:
            assert normalise(words) in text[language], (language, words)
    assert SYNOPSIS_FA[:-1] not in text["en"]
    assert SYNOPSIS_RU not in text["fa"]


def test_the_english_section_has_every_part_with_its_numbers(pack):
    en = pack.text["en"]
    for expected in (
        "Co-production application pack",
        "Co-producers",
        "Logline and synopsis",
        "Financing plan",
        "Contributions",
        "Per country",
        "Crew and cast",
        "Eligibility report",
        "1,000,000.00 EUR",  # the budget
        "600,000.00 EUR",  # Farabi fund, confirmed
        "100,000.00 EUR",  # IRIB pre-sale, pending
        "Farabi fund",
        "IRIB",
        "Belarus state support",
        STALE_FUND,
        "pending",
        "confirmed",
        "older than six months",
        "82 minutes",
        "Character designs",  # the artistic contribution
        "Animation",  # in-kind category
        LEAD_ACTOR,
        "First voice role",
        "17",  # the lead's days worked
        "Director",
        "Screenwriter",
        "Composer",
    ):
        assert normalise(expected) in en, expected
    assert normalise(date_text(pack.stale_letter, "en")) in en


def test_shares_per_company_and_per_country_are_the_selectors(pack):
    # IR brings 700,000 of financing; BY 250,000 of financing and 100,000 in kind: 1,050,000 together.
    en = pack.text["en"]
    assert "700,000.00 EUR" in en
    assert "350,000.00 EUR" in en
    assert "1,050,000.00 EUR" in en
    assert "66.67 %" in en  # 700,000 / 1,050,000
    assert "33.33 %" in en
    fa = pack.text["fa"]
    assert has_number(fa, "66.67")
    assert has_number(fa, "700,000.00")


def test_the_financing_plan_says_how_much_is_confirmed(pack):
    # Confirmed: 600,000 + 200,000 + 50,000 (an old letter still confirms) and 100,000 in kind, of 1,000,000;
    # raised: 950,000 of financing (100,000 of it pending) and 100,000 in kind, 50,000 beyond the budget.
    en = pack.text["en"]
    assert "950,000.00 EUR, of which 100,000.00 EUR pending" in en
    assert "950,000.00 EUR (95 % of the budget)" in en
    assert "Raised beyond the budget 50,000.00 EUR" in en
    assert "1 letter is older than six months" in en


def test_the_eligibility_report_lists_every_rule_with_its_status_explanation_and_article(pack):
    report = pack.report
    en = pack.text["en"]
    with translation.override("en"):
        for rule in report["rules"]:
            assert normalise(rule["article"]) in en, rule["code"]
            assert normalise(explain.status_label(rule["status"])) in en, rule["code"]
            # The explanation is long: the table wraps it, so look for its words in order.
            words = normalise(explain.rule_explanation(rule)).split()
            assert " ".join(words[:3]) in en.replace("\n", " "), rule["code"]
        # The page's verdict.
        verdict = "meets every required rule" if report["eligible"] else "does not yet meet the rules of"
        assert verdict in en


def test_the_russian_section_explains_the_rules_in_russian(pack):
    report = pack.report
    ru = pack.text["ru"]
    with translation.override("ru"):
        for rule in report["rules"]:
            assert normalise(explain.rule_title(rule, "ru")).split()[0] in ru, rule["code"]


def test_the_title_of_the_file_is_in_the_first_language_and_dated_by_the_moment(pack):
    info = metadata(pack.data)
    assert TITLE_FA in info["/Title"]
    assert info["/CreationDate"].startswith("D:20260301120000")


# --- the same bytes -------------------------------------------------------------------------------------


def test_the_same_project_and_moment_give_the_same_bytes(scene):
    assert render(scene, RULES) == render(scene, RULES)


def test_another_moment_or_a_changed_project_gives_other_bytes(scene):
    data = render(scene, RULES)
    assert render(scene, RULES, generated_at=MOMENT + timedelta(minutes=1)) != data
    scene.project.synopses = {**scene.project.synopses, "en": "Another story."}
    scene.project.save()
    assert render(scene, RULES) != data


# --- Persian, shaped right to left ----------------------------------------------------------------------


def test_persian_is_shaped_in_vazirmatn(pack):
    data = pack.data
    assert any("Vazirmatn" in name for name in embedded_fonts(data))
    assert all(shaping_changes(word) for word in PERSIAN_WORDS)
    assert unshaped_words(data, PERSIAN_WORDS) == []


def test_the_shaping_check_fails_when_shaping_is_off(scene, monkeypatch):
    # The control: the same pack written without HarfBuzz has only the letters' isolated forms.
    from cinebridge.core import pdf as core_pdf

    monkeypatch.setattr(core_pdf._Fpdf, "set_text_shaping", lambda self, *args, **kwargs: None)
    unshaped = render(scene, RULES)
    assert any("Vazirmatn" in name for name in embedded_fonts(unshaped))  # written, only not shaped
    assert unshaped_words(unshaped, PERSIAN_WORDS) == PERSIAN_WORDS


def _x_positions(data: bytes, page: int) -> dict[str, float]:
    positions: dict[str, float] = {}

    def visit(text, _cm, tm, _font, _size):
        key = normalise(text).strip()
        if key:
            positions.setdefault(key, tm[4])

    pypdf.PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return positions


def test_persian_pages_run_right_to_left(pack):
    data = pack.data
    # On the first (Persian) page the co-producers table starts at the right: the company's name stands
    # to the right of its country; on an English page the other way round.
    persian = _x_positions(data, 0)
    company = next(x for key, x in persian.items() if "فارابی" in key)
    country = next(x for key, x in persian.items() if key == "ایران")
    assert company > country
    pages = page_texts(data)
    english = next(
        number for number, text in enumerate(pages) if text.lstrip().startswith("The Little Crane")
    )
    latin = _x_positions(data, english)
    company = next(x for key, x in latin.items() if "Farabi Cinema Foundation" in key)
    country = next(x for key, x in latin.items() if key == "Iran")
    assert company < country


def test_as_of_is_the_date_on_the_cover(pack):
    assert normalise(date_text(today(), "en")) in pack.text["en"]


def test_a_project_with_nothing_recorded_yet_still_has_a_pack(scene):
    project = ProjectFactory.create(
        lead=scene.ir_producer, titles={"en": "Empty Nest"}, loglines={}, budget=Decimal("0")
    )
    CoProducerFactory.create(project=project, country="BY", name="Studio off the platform")
    data = dossier_pdf(
        project=project,
        report=selectors.project_eligibility(viewer=scene.ir_editor, project=project, rule_set=RULES),
        rule_set=rule_set_document_get(name=RULES),
        as_of=today(),
        generated_at=MOMENT,
    )
    text = pdf_text(data)
    for expected in (
        "Empty Nest",  # no Persian title: the English one in every section
        "Studio off the platform",
        "No financing has been recorded yet.",
        "No key creatives or cast have been recorded yet.",
        "Eligibility report",
    ):
        assert expected in text, expected
