"""Import a sample, export it, import the export: the same records come back (locations aside)."""

import io
from collections import Counter
from dataclasses import replace

import pytest
from lxml import etree

from cinebridge.rights.ema.reading import detect_format, read_avails
from cinebridge.rights.ema.xlsx_writer import write_avails_xlsx
from cinebridge.rights.ema.xml_writer import SCHEMA_FILE, write_avails_xml

from .conftest import GOOD_SAMPLES, XLSX_SAMPLES, XML_SAMPLES, sample


def _validate(document, schema_dir):
    schema = etree.XMLSchema(etree.parse(str(schema_dir / SCHEMA_FILE)))
    ok = schema.validate(etree.parse(io.BytesIO(document)))
    return [] if ok else [f"{e.line}: {e.message}" for e in schema.error_log]


@pytest.mark.parametrize("name", GOOD_SAMPLES)
def test_every_sample_exported_as_xml_validates_against_v2_7_and_reads_back_the_same(name, schema_dir):
    original = read_avails(sample(name), schema_dir=schema_dir)
    document = write_avails_xml(original.records)
    assert _validate(document, schema_dir) == []
    again = read_avails(io.BytesIO(document), schema_dir=schema_dir)
    assert again.ok, [str(p) for p in again.errors]
    assert (again.format, again.version, again.schema) == ("xml", "2.7", SCHEMA_FILE)
    assert Counter(again.records) == Counter(original.records)


@pytest.mark.parametrize("name", XLSX_SAMPLES)
def test_every_spreadsheet_sample_exported_as_xlsx_reads_back_the_same(name, schema_dir):
    original = read_avails(sample(name), schema_dir=schema_dir)
    workbook = write_avails_xlsx(original.records)
    assert detect_format(io.BytesIO(workbook)) == "xlsx"
    again = read_avails(io.BytesIO(workbook), schema_dir=schema_dir)
    assert again.ok, [str(p) for p in again.errors]
    assert again.version == "1.9"
    assert Counter(again.records) == Counter(original.records)


@pytest.mark.parametrize("name", XML_SAMPLES)
def test_xml_samples_survive_the_spreadsheet_except_what_it_has_no_column_for(name, schema_dir):
    def spreadsheet_view(record):
        alt_ids = tuple(replace(a, scope="") for a in record.alt_ids if a.namespace == "org:mddf")
        return replace(record, short_description="", alt_ids=alt_ids)

    original = read_avails(sample(name), schema_dir=schema_dir)
    again = read_avails(io.BytesIO(write_avails_xlsx(original.records)), schema_dir=schema_dir)
    assert again.ok, [str(p) for p in again.errors]
    assert Counter(again.records) == Counter(spreadsheet_view(r) for r in original.records)


def test_the_xml_export_keeps_an_avail_with_several_assets_together(schema_dir):
    original = read_avails(sample("Avails_noErrors_v2.4.xml"), schema_dir=schema_dir)
    two_assets = [replace(r, content_id=cid) for r in original.records[:2] for cid in ("cid:a", "cid:b")]
    document = write_avails_xml(two_assets)
    assert _validate(document, schema_dir) == []
    root = etree.fromstring(document)
    (avail,) = root
    assert [etree.QName(child).localname for child in avail].count("Asset") == 2
    assert Counter(read_avails(io.BytesIO(document), schema_dir=schema_dir).records) == Counter(two_assets)
