"""Importing Avails files into grants: every sample, all or nothing, errors named by location."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.catalogue.models import Film
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.rights.ema.importing import PROGRESS_TOTAL, avails_file_import
from cinebridge.rights.engine.types import Direction
from cinebridge.rights.models import Grant
from cinebridge.rights.services import grant_create
from cinebridge.rights.tests.factories import grant_input

from .conftest import BAD_SAMPLE, GOOD_SAMPLES, sample

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _schemas(settings, schema_dir):
    settings.EMA_AVAILS_SCHEMA_DIR = str(schema_dir)


@pytest.fixture
def studio():
    return OrganisationFactory(
        slug="studio", name="Studio", kind=OrganisationKind.RIGHTS_HOLDER, country="US"
    )


@pytest.fixture
def editor(studio):
    return member_of(studio, Role.EDITOR)


def _import(editor, studio, name, **options):
    options.setdefault("direction", Direction.IN)
    options.setdefault("create_missing_works", True)
    with sample(name).open("rb") as handle:
        return avails_file_import(actor=editor, holder=studio, file=handle, **options)


@pytest.mark.parametrize("name", GOOD_SAMPLES)
def test_every_sample_imports_into_grants(name, editor, studio):
    report = _import(editor, studio, name)
    assert report.ok, [str(e) for e in report.errors]
    assert report.grant_ids
    assert report.films_created
    grants = Grant.objects.filter(pk__in=report.grant_ids)
    assert grants.count() == len(report.grant_ids)
    assert {g.source for g in grants} == {"ema"}
    assert {g.holder_id for g in grants} == {studio.pk}
    assert set(Film.objects.filter(pk__in=report.films_created).values_list("is_published", flat=True)) == {
        False
    }


def test_a_sample_becomes_the_grants_it_describes(editor, studio):
    report = _import(editor, studio, "Avails_noErrors_v2.4.xml")
    assert report.ok
    bravados = Film.objects.get(eidr="10.5240/8FF3-1C20-84F5-F247-8BCD-E")
    assert (bravados.original_title, bravados.year, bravados.runtime_minutes) == ("THE BRAVADOS", 1958, 98)
    (grant,) = Grant.objects.filter(work=bravados)  # two transactions (HD and SD) of one box
    assert (grant.territories_entered, grant.media_entered) == ("US", "EST")
    assert (grant.start_date, grant.end_date) == (date(1917, 9, 24), None)
    assert grant.counterparty_name == "20th Century Fox"
    assert grant.reference == "1431081, 1432642"
    uses = grant.language_uses.split()
    assert "en:original" in uses
    assert "fr:dubbed" in uses
    assert "zh:subtitled" in uses
    assert "es:dubbed" in uses  # es-419 has no region in a grant, which the report says
    assert any("es-419" in w.message for w in report.warnings)
    sith = Film.objects.get(eidr="10.5240/0C6B-73A7-3D92-3950-76BD-Q")
    (grant,) = Grant.objects.filter(work=sith)
    assert (grant.start_date, grant.end_date) == (date(2017, 5, 5), date(2017, 12, 12))
    assert grant.reference == "16623"
    assert (
        Film.objects.filter(pk__in=report.films_created, kind="series").count() == 4
    )  # 3 episodes, 1 season


def test_the_sample_with_errors_imports_nothing_and_names_its_errors(editor, studio):
    report = _import(editor, studio, BAD_SAMPLE)
    assert not report.ok
    assert not Grant.objects.exists()
    assert not Film.objects.exists()
    where = {(e.line, e.path) for e in report.errors}
    assert where == {
        (52, "/AvailList/Avail[1]/Transaction[1]/Territory/country"),
        (60, "/AvailList/Avail[1]/Transaction[1]/AllowedLanguage[4]"),
        (89, "/AvailList/Avail[1]/Transaction[2]/AllowedLanguage[11]"),
        (91, "/AvailList/Avail[1]/Transaction[2]/AssetLanguage"),
        (187, "/AvailList/Avail[2]/Transaction[2]/LicenseRightsDescription"),
    }
    assert all(e.where.startswith(f"line {e.line}, /AvailList/") for e in report.errors)
    assert "Librry" in next(e.message for e in report.errors if e.line == 187)


def test_errors_in_a_spreadsheet_name_sheet_cell_and_column(editor, studio, tmp_path):
    from .test_xlsx_reader import _row, _workbook

    path = tmp_path / "bad.xlsx"
    path.write_bytes(_workbook([_row(), _row(AvailID="T2", Territory="JJ")]).getvalue())
    report = avails_file_import(
        actor=editor, holder=studio, file=str(path), direction="in", create_missing_works=True
    )
    assert not report.ok
    assert not Grant.objects.exists()
    (error,) = report.errors
    assert (error.sheet, error.row, error.column) == ("Movies", 5, "J")
    assert error.where == "sheet Movies, cell J5 (Territory)"
    assert "JJ" in error.message


def test_without_creating_films_an_unknown_work_is_named_and_nothing_is_written(editor, studio):
    report = _import(editor, studio, "Avails_noErrors_v2.4.xml", create_missing_works=False)
    assert not report.ok
    assert not Grant.objects.exists()
    assert not Film.objects.exists()
    assert len(report.errors) == 12  # one per asset
    assert any("md:pseudoalid:wprid.fox.com:001143" in e.message and e.line == 42 for e in report.errors)


def test_works_are_matched_by_eidr_then_by_title_and_year(editor, studio):
    by_eidr = FilmFactory(
        owner=studio, original_title="Other name", eidr="10.5240/8FF3-1C20-84F5-F247-8BCD-E", year=1958
    )
    by_title = FilmFactory(owner=studio, original_title="Star Wars: Revenge Of The Sith", year=2005, eidr="")
    report = _import(editor, studio, "Avails_noErrors_v2.4.xml")
    assert report.ok
    assert {by_eidr.pk, by_title.pk} <= set(report.films_matched)
    assert Grant.objects.filter(work=by_eidr).exists()
    assert Grant.objects.filter(work=by_title).exists()
    assert not Film.objects.filter(pk__in=report.films_created, original_title__icontains="Revenge").exists()


def test_a_refused_grant_rolls_back_the_films_created_for_it(editor, studio):
    """Licensing out what the holder does not hold is refused: nothing stays, not even the new films."""
    report = _import(editor, studio, "Avails_Volume_no-err_v2.4.xml", direction=Direction.OUT)
    assert not report.ok
    assert not Grant.objects.exists()
    assert not Film.objects.exists()
    assert report.errors
    assert all(e.line and e.path.startswith("/AvailList/Avail[") for e in report.errors)


def test_an_out_import_passes_when_the_holder_holds_the_rights(editor, studio):
    report = _import(editor, studio, "Avails_noErrors_v2.4.xml", create_missing_works=True)
    assert report.ok
    films = Film.objects.filter(pk__in=report.films_created)
    for film in films:
        grant_create(actor=editor, data=grant_input(film, holder_id=studio.pk, start=date(1900, 1, 1)))
    out = _import(
        editor, studio, "Avails_noErrors_v2.4.xml", direction=Direction.OUT, create_missing_works=False
    )
    assert out.ok, [str(e) for e in out.errors]
    assert set(out.films_matched) == set(report.films_created)
    assert Grant.objects.filter(pk__in=out.grant_ids, direction="out").count() == len(out.grant_ids)


def test_progress_is_told_in_thousandths_up_to_the_end(editor, studio):
    calls = []
    report = _import(
        editor,
        studio,
        "Avails_noErrors_v2.2.2.xml",
        on_progress=lambda done, total: calls.append((done, total)),
    )
    assert report.ok
    assert {total for _, total in calls} == {PROGRESS_TOTAL}
    assert calls[-1] == (PROGRESS_TOTAL, PROGRESS_TOTAL)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert any(0 < done <= 500 for done, _ in calls)  # reading is the first half, writing the second


def test_without_the_schema_directory_an_xml_import_tells_the_operator_what_to_set(
    editor, studio, settings, tmp_path
):
    settings.EMA_AVAILS_SCHEMA_DIR = str(tmp_path / "nowhere")
    report = _import(editor, studio, "Avails_noErrors_v2.4.xml")
    assert not report.ok
    (error,) = report.errors
    assert "EMA_AVAILS_SCHEMA_DIR" in error.message
    assert error.where == "the file"


def test_only_an_editor_of_the_holder_may_import(studio):
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        _import(outsider, studio, "Avails_noErrors_v2.4.xml")
    viewer = member_of(studio, Role.VIEWER) if hasattr(Role, "VIEWER") else UserFactory()
    with pytest.raises(PermissionDenied):
        _import(viewer, studio, "Avails_noErrors_v2.4.xml")


@pytest.mark.parametrize("name", ["Movies_v1.9.xlsx", "Avails_noErrors_v2.4.xml"])
def test_an_uploaded_file_imports_like_a_file_on_disk(name, editor, studio):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, sample(name).read_bytes())
    report = avails_file_import(
        actor=editor, holder=studio, file=upload, direction="in", create_missing_works=True
    )
    assert report.ok, [str(e) for e in report.errors]
    assert report.format == ("xlsx" if name.endswith("xlsx") else "xml")
