"""Exporting a licensor's avails for a licensee: valid v2.7 XML and XLSX that import to the same grants."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from lxml import etree

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.core.errors import ApplicationError
from cinebridge.rights.ema.exporting import alid_of, avails_export
from cinebridge.rights.ema.importing import avails_file_import
from cinebridge.rights.ema.xml_writer import SCHEMA_FILE
from cinebridge.rights.engine.types import Direction, Exclusivity, Status
from cinebridge.rights.models import Grant
from cinebridge.rights.services import grant_create, grant_set_status
from cinebridge.rights.tests.factories import grant_input

pytestmark = pytest.mark.django_db

COMPARED = (
    "work_id", "holder_id", "counterparty_id", "direction", "exclusivity", "territory_keys", "media_keys",
    "language_uses", "start_date", "end_date", "status",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _schemas(settings, schema_dir):
    settings.EMA_AVAILS_SCHEMA_DIR = str(schema_dir)


@pytest.fixture
def farabi():
    return OrganisationFactory(
        slug="farabi", name="Farabi Cinema Foundation", kind=OrganisationKind.RIGHTS_HOLDER, country="IR"
    )


@pytest.fixture
def platform():
    return OrganisationFactory(
        slug="kinopoisk-by", name="Minsk Streaming", kind=OrganisationKind.PLATFORM, country="BY"
    )


@pytest.fixture
def editor(farabi):
    return member_of(farabi, Role.EDITOR)


@pytest.fixture
def licensed(farabi, platform, editor):
    """Three films held worldwide, licensed out to the platform in several shapes."""
    children = FilmFactory(owner=farabi, original_title="Bacheha-ye aseman", year=1997, eidr="")
    series = FilmFactory(owner=farabi, kind="series", original_title="Shahrzad", year=2015)
    short = FilmFactory(owner=farabi, kind="short", original_title="The Bread", year=2020)
    for film in (children, series, short):
        grant_create(actor=editor, data=grant_input(film, start=date(2000, 1, 1)))
    outs = [
        grant_input(
            children,
            direction=Direction.OUT,
            exclusivity=Exclusivity.EXCLUSIVE,
            territories="BY",
            media="SVOD",
            sublicensable=False,
            start=date(2026, 1, 1),
            end=date(2027, 1, 1),
            counterparty_id=platform.pk,
            language_uses="fa:original ru:dubbed ru:subtitled be:subtitled",
            reference="FCF-2026-01",
        ),
        grant_input(
            children,
            direction=Direction.OUT,
            territories="World excluding US, CA",
            media="EST + TVOD",
            sublicensable=False,
            start=date(2028, 1, 1),
            counterparty_id=platform.pk,
            language_uses="fa:original en:original",
        ),
        grant_input(
            series,
            direction=Direction.OUT,
            territories="BY + RU + KZ",
            media="SVOD",
            sublicensable=False,
            start=date(2026, 3, 1),
            end=date(2026, 9, 1),
            counterparty_id=platform.pk,
        ),
        grant_input(
            short,
            direction=Direction.OUT,
            territories="CIS",
            media="TVOD",
            sublicensable=False,
            counterparty_id=platform.pk,
            language_uses="fa:original",
        ),
    ]
    return [grant_create(actor=editor, data=data) for data in outs]


def _snapshot(grants):
    return sorted(tuple(getattr(g, name) for name in COMPARED) for g in grants)


@pytest.mark.parametrize("fmt", ["xml", "xlsx"])
def test_an_export_imports_back_to_the_same_grants(
    fmt, licensed, farabi, platform, editor, schema_dir, tmp_path
):
    document = avails_export(viewer=editor, licensor=farabi, licensee=platform, fmt=fmt)
    if fmt == "xml":
        schema = etree.XMLSchema(etree.parse(str(schema_dir / SCHEMA_FILE)))
        assert schema.validate(etree.parse(io.BytesIO(document))), list(schema.error_log)
    before = _snapshot(Grant.objects.filter(pk__in=[g.pk for g in licensed]))
    for grant in licensed:  # make room: the same licences again would overlap the exclusive one
        grant_set_status(actor=editor, grant=grant, status=Status.TERMINATED)
    path = tmp_path / f"avails.{fmt}"
    path.write_bytes(document)
    report = avails_file_import(
        actor=editor, holder=farabi, file=str(path), direction=Direction.OUT, create_missing_works=False
    )
    assert report.ok, [str(e) for e in report.errors]
    assert not report.films_created
    assert _snapshot(Grant.objects.filter(pk__in=report.grant_ids)) == before


def test_the_xml_export_says_what_the_grants_say(licensed, farabi, platform, editor):
    root = etree.fromstring(avails_export(viewer=editor, licensor=farabi, licensee=platform, fmt="xml"))
    ns = {
        "a": "http://www.movielabs.com/schema/avails/v2.7/avails",
        "md": "http://www.movielabs.com/schema/md/v2.12/md",
    }
    children = licensed[0].work
    avails = root.xpath("a:Avail[a:ALID=$alid]", namespaces=ns, alid=alid_of(children))
    transactions = [t for avail in avails for t in avail.xpath("a:Transaction", namespaces=ns)]
    svod = [t for t in transactions if t.findtext("a:LicenseType", namespaces=ns) == "SVOD"]
    assert len(svod) == 2  # ru is dubbed and subtitled, be only subtitled: two localization offerings
    first = svod[0]
    assert first.xpath("a:Territory/md:country/text()", namespaces=ns) == ["BY"]
    assert first.findtext("a:Start", namespaces=ns) == "2026-01-01T00:00:00"
    assert first.findtext("a:End", namespaces=ns) == "2026-12-31T23:59:59"
    assert first.xpath("a:Term[@termName='Exclusive']/a:Boolean/text()", namespaces=ns) == ["true"]
    assert first.findtext("a:Licensee/md:DisplayName", namespaces=ns) == "Minsk Streaming"
    world = [
        t for t in transactions if t.xpath("a:Territory/md:countryRegion/text()", namespaces=ns) == ["001"]
    ]
    assert world
    assert all(t.xpath("a:TerritoryExcluded/md:country/text()", namespaces=ns) == ["CA", "US"] for t in world)
    assert {t.findtext("a:LicenseType", namespaces=ns) for t in world} == {"EST", "VOD"}


def test_a_film_body_or_the_licensee_may_export_but_a_stranger_may_not(licensed, farabi, platform):
    member = member_of(platform, Role.VIEWER)
    assert avails_export(viewer=member, licensor=farabi, licensee=platform, fmt="xml")
    with pytest.raises(PermissionDenied):
        avails_export(viewer=UserFactory(), licensor=farabi, licensee=platform, fmt="xml")


def test_only_xml_and_xlsx_are_exported(farabi, platform, editor):
    with pytest.raises(ApplicationError):
        avails_export(viewer=editor, licensor=farabi, licensee=platform, fmt="pdf")


def test_an_export_without_grants_is_a_valid_empty_list_of_avails(farabi, platform, editor):
    document = avails_export(viewer=editor, licensor=farabi, licensee=platform, fmt="xlsx")
    assert document.startswith(b"PK")


def test_media_without_an_ema_license_type_are_left_out(farabi, platform, editor):
    film = FilmFactory(owner=farabi)
    grant_create(actor=editor, data=grant_input(film, start=date(2000, 1, 1)))
    grant_create(
        actor=editor,
        data=grant_input(
            film,
            direction=Direction.OUT,
            territories="BY",
            media="SVOD + AVOD + THEATRICAL",
            sublicensable=False,
            counterparty_id=platform.pk,
        ),
    )
    root = etree.fromstring(avails_export(viewer=editor, licensor=farabi, licensee=platform, fmt="xml"))
    types = root.xpath(
        "//a:LicenseType/text()", namespaces={"a": "http://www.movielabs.com/schema/avails/v2.7/avails"}
    )
    assert types == ["SVOD"]
