"""Write records as EMA Avails XML v2.7 (valid against avails-v2.7.xsd). No Django import.

Records that share their Avail and Asset facts become one Avail with one Transaction each; when every
asset of an Avail has the same transactions (an Avail with several Assets), the Assets stay together.
The document is written incrementally, one Avail at a time.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .records import AvailRecord
from .values import IMMEDIATE, OPEN, eidr_urn, format_end, format_run_length, format_start

AVAILS_NS = "http://www.movielabs.com/schema/avails/v2.7/avails"
MD_NS = "http://www.movielabs.com/schema/md/v2.12/md"
MDMEC_NS = "http://www.movielabs.com/schema/mdmec/v2.12"
NSMAP = {"avails": AVAILS_NS, "md": MD_NS, "mdmec": MDMEC_NS}
SCHEMA_FILE = "avails-v2.7.xsd"

_AVAIL_FIELDS = ("alid", "entry_type", "licensor", "service_provider", "avail_type", "short_description")
_ASSET_FIELDS = (
    "work_type", "content_id", "title", "title_internal_alias", "title_eidr", "edit_eidr", "alt_ids",
    "release_year", "run_length_seconds", "localization", "series_title", "series_content_id",
    "season_number", "season_content_id", "episode_number", "volume_number", "bundled_alids",
)  # fmt: skip
_TRANSACTION_FIELDS = (
    "transaction_id", "licensee", "license_type", "license_rights_description", "format_profile",
    "territories", "territories_excluded", "start", "end", "start_condition", "end_condition",
    "allowed_languages", "asset_languages", "holdback_languages", "exclusive", "suppression_lift_date", "contract_id",
    "reporting_id", "description",
)  # fmt: skip


def _key(record: AvailRecord, names: Sequence[str]) -> tuple[Any, ...]:
    return tuple(getattr(record, name) for name in names)


@dataclass(frozen=True, slots=True)
class _Avail:
    head: AvailRecord  # carries the Avail-level facts
    assets: tuple[AvailRecord, ...]  # one record per Asset, carrying its facts
    transactions: tuple[AvailRecord, ...]  # one record per Transaction, carrying its facts


def group_avails(records: Iterable[AvailRecord]) -> list[_Avail]:
    """Records gathered into Avails (Transaction × Asset), in the order they first appear."""
    by_avail: dict[tuple[Any, ...], list[AvailRecord]] = {}
    for record in records:
        by_avail.setdefault(_key(record, _AVAIL_FIELDS), []).append(record)
    avails: list[_Avail] = []
    for members in by_avail.values():
        assets = {_key(r, _ASSET_FIELDS): r for r in members}
        transactions = {_key(r, _TRANSACTION_FIELDS): r for r in members}
        pairs = {(_key(r, _ASSET_FIELDS), _key(r, _TRANSACTION_FIELDS)) for r in members}
        if len(assets) > 1 and len(pairs) == len(assets) * len(transactions) == len(members):
            avails.append(_Avail(members[0], tuple(assets.values()), tuple(transactions.values())))
            continue
        by_asset: dict[tuple[Any, ...], list[AvailRecord]] = {}
        for record in members:
            by_asset.setdefault(_key(record, _ASSET_FIELDS), []).append(record)
        for asset_records in by_asset.values():
            avails.append(_Avail(asset_records[0], (asset_records[0],), tuple(asset_records)))
    return avails


def _a(name: str) -> str:
    return f"{{{AVAILS_NS}}}{name}"


def _md(name: str) -> str:
    return f"{{{MD_NS}}}{name}"


def _sub(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _org(parent: Any, tag: str, name: str) -> None:
    element = _sub(parent, _a(tag))
    if name:
        _sub(element, _md("DisplayName"), name)


def _alt_ids(parent: Any, tag: str, record: AvailRecord, *, with_scope: bool) -> None:
    for alt in record.alt_ids:
        element = _sub(parent, _a(tag))
        if with_scope and alt.scope:
            element.set("scope", alt.scope)
        _sub(element, _md("Namespace"), alt.namespace)
        _sub(element, _md("Identifier"), alt.identifier)


def _series_metadata(parent: Any, record: AvailRecord, *, own: bool = False) -> None:
    """SeriesMetadata: the asset's own (a Series) or the parent series of an episode, season or volume."""
    series = _sub(parent, _a("SeriesMetadata"))
    title = record.title if own else record.series_title
    _sub(series, _a("SeriesContentID"), record.series_content_id)
    if own and record.title_eidr:
        _sub(series, _a("SeriesEIDR-URN"), eidr_urn(record.title_eidr))
    if title:
        _sub(series, _a("SeriesTitleDisplayUnlimited"), title)
    _sub(series, _a("SeriesTitleInternalAlias"), (record.title_internal_alias if own else "") or title)
    if own and record.release_year is not None:
        _sub(series, _a("ReleaseDate"), f"{record.release_year:04d}")
    if own:
        _alt_ids(series, "SeriesAltIdentifier", record, with_scope=False)


def _season_metadata(parent: Any, record: AvailRecord, *, own: bool = False) -> None:
    season = _sub(parent, _a("SeasonMetadata"))
    _sub(season, _a("SeasonContentID"), record.season_content_id)
    if own and record.title_eidr:
        _sub(season, _a("SeasonEIDR-URN"), eidr_urn(record.title_eidr))
    if own and record.title:
        _sub(season, _a("SeasonTitleDisplayUnlimited"), record.title)
        _sub(season, _a("SeasonTitleInternalAlias"), record.title_internal_alias or record.title)
    number = _sub(season, _a("SeasonNumber"))
    if record.season_number:
        _sub(number, _md("Number"), record.season_number)
    if own and record.release_year is not None:
        _sub(season, _a("ReleaseDate"), f"{record.release_year:04d}")
    if own:
        _alt_ids(season, "SeasonAltIdentifier", record, with_scope=False)
    _series_metadata(season, record)


def _parent_metadata(parent: Any, record: AvailRecord) -> None:
    """The season (with its series) of an episode or volume, or only the series when there is no season."""
    if record.season_content_id or record.season_number:
        _season_metadata(parent, record)
    else:
        _series_metadata(parent, record)


def _unit_metadata(parent: Any, tag: str, record: AvailRecord) -> Any:
    metadata = _sub(parent, _a(tag))
    if record.title:
        _sub(metadata, _a("TitleDisplayUnlimited"), record.title)
    _sub(metadata, _a("TitleInternalAlias"), record.title_internal_alias or record.title)
    if record.edit_eidr:
        _sub(metadata, _a("EditEIDR-URN"), eidr_urn(record.edit_eidr))
    if record.title_eidr:
        _sub(metadata, _a("TitleEIDR-URN"), eidr_urn(record.title_eidr))
    _alt_ids(metadata, "AltIdentifier", record, with_scope=True)
    if record.release_year is not None:
        _sub(metadata, _a("ReleaseDate"), f"{record.release_year:04d}")
    if record.run_length_seconds is not None:
        _sub(metadata, _a("RunLength"), format_run_length(record.run_length_seconds))
    if record.localization:
        _sub(metadata, _a("LocalizationOffering"), record.localization)
    return metadata


def _volume_metadata(parent: Any, record: AvailRecord) -> None:
    volume = _sub(parent, _a("VolumeMetadata"))
    _sub(volume, _a("VolumeContentID"), record.content_id)
    if record.title_eidr:
        _sub(volume, _a("VolumeEIDR-URN"), eidr_urn(record.title_eidr))
    if record.title:
        _sub(volume, _a("VolumeTitleDisplayUnlimited"), record.title)
        _sub(volume, _a("VolumeTitleInternalAlias"), record.title_internal_alias or record.title)
    number = _sub(volume, _a("VolumeNumber"))
    if record.volume_number:
        _sub(number, _md("Number"), record.volume_number)
    if record.release_year is not None:
        _sub(volume, _a("ReleaseDate"), f"{record.release_year:04d}")
    _alt_ids(volume, "VolumeAltIdentifier", record, with_scope=False)
    _parent_metadata(volume, record)


def _asset(parent: Any, record: AvailRecord) -> None:
    asset = _sub(parent, _a("Asset"), contentID=record.content_id)
    _sub(asset, _a("WorkType"), record.work_type)
    if record.work_type == "Episode":
        metadata = _unit_metadata(asset, "EpisodeMetadata", record)
        number = _sub(metadata, _a("EpisodeNumber"))
        if record.episode_number:
            _sub(number, _md("Number"), record.episode_number)
        _parent_metadata(metadata, record)
    elif record.work_type == "Season":
        _season_metadata(asset, record, own=True)
    elif record.work_type == "Series":
        _series_metadata(asset, record, own=True)
    elif record.work_type == "Volume":
        _volume_metadata(asset, record)
    else:
        _unit_metadata(asset, "Metadata", record)
    for sequence, alid in enumerate(record.bundled_alids):
        bundled = _sub(asset, _a("BundledAsset"), sequence=str(sequence))
        _sub(bundled, _a("BundledALID"), alid)


def _region(parent: Any, tag: str, code: str) -> None:
    region = _sub(parent, _a(tag))
    _sub(region, _md("countryRegion" if code.isdigit() else "country"), code)


def _transaction(parent: Any, record: AvailRecord) -> None:
    attributes = {"TransactionID": record.transaction_id} if record.transaction_id else {}
    transaction = _sub(parent, _a("Transaction"), **attributes)
    if record.licensee:
        _org(transaction, "Licensee", record.licensee)
    _sub(transaction, _a("LicenseType"), record.license_type)
    if record.description:
        _sub(transaction, _a("Description"), record.description)
    for code in record.territories:
        _region(transaction, "Territory", code)
    for code in record.territories_excluded:
        _region(transaction, "TerritoryExcluded", code)
    if record.start is not None:
        _sub(transaction, _a("Start"), format_start(record.start))
    else:
        _sub(transaction, _a("StartCondition"), record.start_condition or IMMEDIATE)
    if record.end is not None:
        _sub(transaction, _a("End"), format_end(record.end))
    else:
        _sub(transaction, _a("EndCondition"), record.end_condition or OPEN)
    for tag, languages in (
        ("AllowedLanguage", record.allowed_languages),
        ("AssetLanguage", record.asset_languages),
        ("HoldbackLanguage", record.holdback_languages),
    ):
        for language in languages:
            _sub(transaction, _a(tag), language)
    if record.license_rights_description:
        _sub(transaction, _a("LicenseRightsDescription"), record.license_rights_description)
    _sub(transaction, _a("FormatProfile"), record.format_profile)
    if record.contract_id:
        _sub(transaction, _a("ContractID"), record.contract_id)
    if record.reporting_id:
        _sub(transaction, _a("ReportingID"), record.reporting_id)
    if record.exclusive is not None:
        term = _sub(transaction, _a("Term"), termName="Exclusive")
        _sub(term, _a("Boolean"), "true" if record.exclusive else "false")
    if record.suppression_lift_date is not None:
        term = _sub(transaction, _a("Term"), termName="SuppressionLiftDate")
        _sub(term, _a("Event"), record.suppression_lift_date.isoformat())


def _avail(avail: _Avail) -> Any:
    head = avail.head
    element = etree.Element(_a("Avail"), nsmap=NSMAP)
    _sub(element, _a("ALID"), head.alid)
    disposition = _sub(element, _a("Disposition"))
    _sub(disposition, _a("EntryType"), head.entry_type)
    _org(element, "Licensor", head.licensor)
    if head.service_provider:
        _org(element, "ServiceProvider", head.service_provider)
    _sub(element, _a("AvailType"), head.avail_type)
    _sub(element, _a("ShortDescription"), head.short_description)
    for asset in avail.assets:
        _asset(element, asset)
    for transaction in avail.transactions:
        _transaction(element, transaction)
    return element


def write_avails_xml(records: Iterable[AvailRecord]) -> bytes:
    """An Avails v2.7 document of `records`."""
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element(_a("AvailList"), nsmap=NSMAP):
            for avail in group_avails(records):
                xml.write(_avail(avail), pretty_print=True)
    return buffer.getvalue()
