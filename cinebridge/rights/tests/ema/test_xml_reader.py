import io
from datetime import date
from pathlib import Path

import pytest

from cinebridge.rights.ema.records import AvailsReadError, Severity, XmlLocation
from cinebridge.rights.ema.xml_reader import read_avails_xml

from .conftest import BAD_SAMPLE, XML_SAMPLES, sample


def _relabelled(name, avails, md):
    """A sample moved to another Avails version's namespaces (the shared data has no v2.3/2.5/2.6 file)."""
    text = sample(name).read_text("utf-8")
    for old in ("2.2.2", "2.4"):
        text = text.replace(f"avails/v{old}/avails", f"avails/v{avails}/avails")
    for old in ("2.5", "2.7"):
        text = text.replace(f"md/v{old}/md", f"md/v{md}/md").replace(f"mdmec/v{old}", f"mdmec/v{md}")
    return io.BytesIO(text.encode("utf-8"))


@pytest.mark.parametrize("name", XML_SAMPLES)
def test_every_good_sample_passes_the_schema_and_every_check(name, schema_dir):
    result = read_avails_xml(sample(name), schema_dir=schema_dir)
    assert result.ok, [str(p) for p in result.errors]
    assert result.records
    assert result.schema == f"avails-v{result.version}.xsd"


def test_the_records_of_a_sample_say_what_the_file_says(schema_dir):
    result = read_avails_xml(sample("Avails_noErrors_v2.4.xml"), schema_dir=schema_dir)
    assert len(result.records) == 24
    bravados = result.records[0]
    assert bravados.location == XmlLocation(42, "/AvailList/Avail[1]/Transaction[1]")
    assert bravados.alid == "md:pseudoalid:wprid.fox.com:001143"
    assert (bravados.title, bravados.title_internal_alias) == ("THE BRAVADOS", "Bravados, The")
    assert bravados.title_eidr == "10.5240/8FF3-1C20-84F5-F247-8BCD-E"
    assert bravados.edit_eidr == "10.5240/77C5-ED35-8FC2-7D9D-9531-1"
    assert bravados.release_year == 1958
    assert bravados.run_length_seconds == 5869
    assert bravados.territories == ("US",)
    assert (bravados.start, bravados.end, bravados.end_condition) == (date(1917, 9, 24), None, "Open")
    assert bravados.asset_languages == ("en",)  # written "EN" in the file
    assert bravados.allowed_languages == ("ar", "cmn", "cs", "da", "de", "el")
    assert (bravados.license_type, bravados.format_profile, bravados.reporting_id) == ("EST", "HD", "001143")
    sith = next(r for r in result.records if r.alid == "33603_OV")
    assert (sith.start, sith.end) == (date(2017, 5, 5), date(2017, 12, 12))  # ends 2017-12-11T23:59:59
    assert sith.contract_id == "16623"
    collection = next(r for r in result.records if r.work_type == "Collection")
    assert collection.bundled_alids == ("33483_OV", "33600_OV", "33601_OV", "33602_OV", "33603_OV")
    episode = next(r for r in result.records if r.work_type == "Episode")
    assert episode.series_title == "Jake and the Neverland Pirates"
    assert (episode.season_number, episode.episode_number) == ("1", "1")
    assert (
        episode.display_title
        == "Jake and the Neverland Pirates – S1E1 – Hide The Hideout! /The Old Shell Game"
    )


def test_the_sample_with_errors_is_refused_naming_each_error_by_line_and_element(schema_dir):
    result = read_avails_xml(sample(BAD_SAMPLE), schema_dir=schema_dir)
    assert not result.ok
    found = {(p.location.line, p.location.path, p.code) for p in result.errors}
    assert found == {
        (52, "/AvailList/Avail[1]/Transaction[1]/Territory/country", "country"),
        (60, "/AvailList/Avail[1]/Transaction[1]/AllowedLanguage[4]", "language_unknown_language"),
        (89, "/AvailList/Avail[1]/Transaction[2]/AllowedLanguage[11]", "language_unknown_region"),
        (91, "/AvailList/Avail[1]/Transaction[2]/AssetLanguage", "language_unknown_language"),
        (187, "/AvailList/Avail[2]/Transaction[2]/LicenseRightsDescription", "vocabulary"),
    }
    messages = {p.location.line: p.message for p in result.errors}
    assert "JJ" in messages[52]
    assert "XYZ" in messages[60]
    assert "XX" in messages[89]
    assert "ENg" in messages[91]
    assert "Librry" in messages[187]


@pytest.mark.parametrize(
    ("name", "avails", "md", "schema"),
    [
        ("Avails_noErrors_v2.2.2.xml", "2.2.1", "2.5", "avails-v2.2.2.xsd"),
        ("Avails_noErrors_v2.4.xml", "2.3", "2.6", "avails-v2.4.xsd"),
        ("Avails_noErrors_v2.4.xml", "2.5", "2.8", "avails-v2.7.xsd"),
        ("Avails_noErrors_v2.4.xml", "2.6", "2.9", "avails-v2.7.xsd"),
        ("Avails_noErrors_v2.4.xml", "2.7", "2.12", "avails-v2.7.xsd"),
    ],
)
def test_a_version_without_its_own_schema_is_validated_against_the_closest_and_says_so(
    name, avails, md, schema, schema_dir
):
    result = read_avails_xml(_relabelled(name, avails, md), schema_dir=schema_dir)
    assert result.ok, [str(p) for p in result.errors]
    assert (result.version, result.schema) == (avails, schema)
    assert bool(result.notes) == (avails != schema.removeprefix("avails-v").removesuffix(".xsd"))
    assert len(result.records) == 24


def _edited(replacements):
    text = sample("Avails_noErrors_v2.4.xml").read_text("utf-8")
    for old, new, count in replacements:
        assert old in text
        text = text.replace(old, new, count)
    return io.BytesIO(text.encode("utf-8"))


def test_schema_errors_name_their_line_and_element(schema_dir):
    source = _edited(
        [
            (
                "<avails:LicenseType>SVOD</avails:LicenseType>",
                "<avails:Bogus/><avails:LicenseType>SVOD</avails:LicenseType>",
                1,
            )
        ]
    )
    result = read_avails_xml(source, schema_dir=schema_dir)
    (error,) = result.errors
    assert error.code == "schema"
    assert error.location.line == 715
    assert error.location.path == "/AvailList/Avail[9]/Transaction[1]/Bogus"
    assert "Bogus" in error.message
    assert "avails-v2.4.xsd" in error.message


def test_a_right_ending_before_it_starts_is_refused(schema_dir):
    source = _edited(
        [("<avails:End>2017-12-11T23:59:59</avails:End>", "<avails:End>2017-05-04T23:59:59</avails:End>", 1)]
    )
    result = read_avails_xml(source, schema_dir=schema_dir)
    assert [(p.code, p.location.path) for p in result.errors] == [
        ("end_before_start", "/AvailList/Avail[3]/Transaction[1]/End")
    ]


def test_an_end_at_midnight_of_the_start_day_is_an_empty_right(schema_dir):
    source = _edited(
        [("<avails:End>2017-12-11T23:59:59</avails:End>", "<avails:End>2017-05-05T00:00:00</avails:End>", 1)]
    )
    assert [p.code for p in read_avails_xml(source, schema_dir=schema_dir).errors] == ["end_before_start"]


def test_a_transaction_id_used_twice_in_one_avail_list_is_refused(schema_dir):
    source = _edited([('TransactionID="1432642"', 'TransactionID="1431081"', 1)])
    result = read_avails_xml(source, schema_dir=schema_dir)
    (error,) = result.errors
    assert error.code == "duplicate_transaction"
    assert error.location.path == "/AvailList/Avail[1]/Transaction[2]"
    assert "1431081" in error.message
    assert "line 42" in error.message


def test_structure_rules_beyond_the_schema_are_applied(schema_dir):
    source = _edited(
        [
            (
                "<avails:LicenseType>EST</avails:LicenseType>",
                "<avails:LicenseType>POEST</avails:LicenseType>",
                1,
            ),
            ("<avails:WorkType>Collection</avails:WorkType>", "<avails:WorkType>Movie</avails:WorkType>", 1),
        ]
    )
    result = read_avails_xml(source, schema_dir=schema_dir)
    rules = sorted(p.message.rsplit("structure rule ", 1)[1] for p in result.errors if p.code == "structure")
    assert rules == [
        "BundledAsset).",
        "BundledAsset).",
        "BundledAsset).",
        "BundledAsset).",
        "BundledAsset).",
        "POEST).",
    ]


def test_a_pricing_term_missing_from_a_tvod_transaction_is_only_a_warning(schema_dir):
    result = read_avails_xml(sample("Avails_noErrors_v2.2.2.xml"), schema_dir=schema_dir)
    assert result.ok
    assert {p.severity for p in result.warnings} == {Severity.WARNING}
    assert all("pricing" in p.message for p in result.warnings)


def test_a_start_condition_other_than_immediate_is_read_as_an_open_start_with_a_warning(schema_dir):
    source = _edited(
        [
            (
                "<avails:Start>2018-05-01T00:00:00</avails:Start>",
                "<avails:StartCondition>Theatrical</avails:StartCondition>",
                1,
            )
        ]
    )
    result = read_avails_xml(source, schema_dir=schema_dir)
    assert result.ok
    (warning,) = result.warnings
    assert warning.code == "condition_open"
    assert "Theatrical" in warning.message
    record = next(r for r in result.records if r.start_condition)
    assert (record.start, record.start_condition) == (None, "Theatrical")


def test_an_import_without_the_schemas_is_refused_naming_the_setting(tmp_path):
    with pytest.raises(AvailsReadError) as raised:
        read_avails_xml(sample("Avails_noErrors_v2.4.xml"), schema_dir=tmp_path / "missing")
    assert raised.value.code == "no_schema_dir"
    assert "EMA_AVAILS_SCHEMA_DIR" in str(raised.value)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<a:AvailList xmlns:a='http://www.movielabs.com/schema/avails/v2.4/avails'><a:Avail>", "not_xml"),
        (b"", "empty"),
        (b"<?xml version='1.0'?><html/>", "not_avails"),
        (
            b"<a:AvailList xmlns:a='http://www.movielabs.com/schema/avails/v3.0/avails'/>",
            "unsupported_version",
        ),
    ],
)
def test_files_that_are_not_avails_xml_are_refused(content, code, schema_dir):
    with pytest.raises(AvailsReadError) as raised:
        read_avails_xml(io.BytesIO(content), schema_dir=schema_dir)
    assert raised.value.code == code


def _many_avails(count):
    text = sample("Avails_noErrors_v2.4.xml").read_text("utf-8")
    head, _, rest = text.partition("<avails:Avail>")
    body, _, _tail = rest.rpartition("</avails:Avail>")
    one = "<avails:Avail>" + body.split("</avails:Avail>")[0] + "</avails:Avail>\n"
    avails = [
        one.replace('TransactionID="1431081"', f'TransactionID="a{i}"').replace(
            'TransactionID="1432642"', f'TransactionID="b{i}"'
        )
        for i in range(count)
    ]
    return (head + "".join(avails) + "</avails:AvailList>\n").encode("utf-8")


def test_a_long_file_is_streamed_with_progress(schema_dir, tmp_path: Path):
    path = tmp_path / "many.xml"
    path.write_bytes(_many_avails(1500))
    calls: list[tuple[int, int]] = []
    result = read_avails_xml(
        path, schema_dir=schema_dir, on_progress=lambda done, total: calls.append((done, total))
    )
    assert result.ok
    assert len(result.records) == 3000
    assert len(calls) > 10
    assert calls[-1] == (path.stat().st_size, path.stat().st_size)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
