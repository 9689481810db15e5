"""Write records as an EMA Avails spreadsheet in the 1.9 template layout. No Django import.

Movies go to a "Movies" sheet with the 1.9 movie template's columns, in its order; episodes, seasons,
series and volumes to a "TV" sheet with the same columns followed by the TV template's series,
season and episode columns. Row 3 carries the template version (1.9) in column A, as the template does.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .records import AvailRecord
from .values import TV_WORK_TYPES, format_clock
from .xlsx_reader import ALT_ID_COLUMN, MDDF_NAMESPACE

TEMPLATE_VERSION = 1.9

# The 1.9 movie template: (group, column) in the template's order.
MOVIE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Avail", "DisplayName"), ("Avail", "Licensee"), ("AvailTrans", "AssetLanguage"),
    ("AvailTrans", "Territory"), ("AvailTrans", "TerritoryExclusion"), ("Avail", "StoreType"),
    ("AvailAsset", "WorkType"), ("Disposition", "EntryType"), ("AvailMetadata", "TitleInternalAlias"),
    ("AvailMetadata", "TitleDisplayUnlimited"), ("AvailMetadata", "LocalizationType"),
    ("AvailMetadata", "CompanyDisplayCredit"), ("AvailMetadata", "GroupIdentity"), ("AvailMetadata", "Director"),
    ("AvailTrans", "LicenseType"), ("AvailTrans", "LicenseRightsDescription"), ("AvailTrans", "FormatProfile"),
    ("AvailTrans", "HDR"), ("AvailTrans", "WCG"), ("AvailTrans", "HFR"), ("AvailTrans", "NGAudio"),
    ("AvailTrans", "Start"), ("AvailTrans", "StartLag"), ("AvailTrans", "End"), ("AvailTrans", "EndLag"),
    ("AvailTrans", "WindowDuration"), ("AvailTrans", "PriceType"), ("AvailTrans", "PriceValue"),
    ("AvailTrans", "PriceCurrency"), ("AvailTrans", "SRP"), ("AvailTrans", "Description"),
    ("AvailTrans", "Download"), ("AvailTrans", "OtherTerms"), ("AvailTrans", "OtherInstructions"),
    ("AvailAsset", "TitleID"), ("AvailAsset", "EditID"), ("AvailAsset", "AltID"), ("AvailAsset", "ContentID"),
    ("Avail", "AvailID"), ("Avail", "UV_ID"), ("Avail", "DMA_ID"), ("Avail", "ReportingID"),
    ("AvailAsset", "Metadata"), ("Avail", "ALID"), ("AvailTrans", "SuppressionLiftDate"),
    ("AvailTrans", "SpecialPreOrderFulfillDate"), ("AvailTrans", "AnnounceDate"), ("AvailMetadata", "ReleaseYear"),
    ("AvailMetadata", "ReleaseHistoryOriginal"), ("AvailMetadata", "ReleaseHistoryPhysicalHV"),
    ("Avail", "ExceptionFlag"), ("AvailMetadata", "RatingSystem"), ("AvailMetadata", "RatingValue"),
    ("AvailMetadata", "RatingReason"), ("AvailTrans", "RentalDuration"), ("AvailTrans", "WatchDuration"),
    ("AvailMetadata", "CaptionIncluded"), ("AvailMetadata", "CaptionExemption"), ("AvailMetadata", "Any"),
    ("AvailTrans", "ContractID"), ("AvailTrans", "TitleStatus"), ("AvailTrans", "Exclusive"),
    ("AvailTrans", "ExclusiveAttributes"), ("AvailTrans", "BrandingRights"),
    ("AvailTrans", "BrandingRightsAttributes"), ("Avail", "ServiceProvider"), ("AvailMetadata", "TotalRunTime"),
    ("AvailTrans", "HoldbackLanguage"), ("AvailTrans", "AllowedLanguages"),
    ("AvailTrans", "RequiredFulfillmentLanguages"), ("Avail", "BundleALIDs"), ("Avail", "RetailerID1"),
    ("Avail", "RetailerID2"), ("Avail", "RetailerID3"), ("Avail", "RetailerSpare1"), ("Avail", "RetailerSpare2"),
    ("Avail", "RetailerSpare3"), ("AvailAsset", "PackageLabel"),
)  # fmt: skip

TV_COLUMNS: tuple[tuple[str, str], ...] = (
    *MOVIE_COLUMNS,
    ("AvailAsset", "EpisodeContentID"), ("AvailAsset", "SeasonContentID"), ("AvailAsset", "SeriesContentID"),
    ("AvailMetadata", "EpisodeNumber"), ("AvailMetadata", "EpisodeTitleDisplayUnlimited"),
    ("AvailMetadata", "EpisodeTitleInternalAlias"), ("AvailMetadata", "EpisodeID"),
    ("AvailMetadata", "EpisodeTitleID"), ("AvailMetadata", "EpisodeAltID"), ("AvailMetadata", "SeasonNumber"),
    ("AvailMetadata", "SeasonID"), ("AvailMetadata", "SeasonAltID"), ("AvailMetadata", "SeasonTitleDisplayUnlimited"),
    ("AvailMetadata", "SeasonTitleInternalAlias"), ("AvailMetadata", "SeriesID"), ("AvailMetadata", "SeriesAltID"),
    ("AvailMetadata", "SeriesTitleDisplayUnlimited"), ("AvailMetadata", "SeriesTitleInternalAlias"),
    ("AvailMetadata", "VolumeNumber"),
)  # fmt: skip


def _joined(values: Iterable[str]) -> str:
    return ", ".join(values)


def _alt_value(record: AvailRecord) -> str:
    column = ALT_ID_COLUMN.get(record.work_type, "AltID")
    prefix = f"{column}:"
    for alt in record.alt_ids:
        if alt.namespace == MDDF_NAMESPACE and alt.identifier.startswith(prefix):
            return alt.identifier.removeprefix(prefix)
    return ""


def _row_values(record: AvailRecord) -> dict[str, Any]:
    """The cells of one record, by column name."""
    values: dict[str, Any] = {
        "DisplayName": record.licensor,
        "Licensee": record.licensee,
        "AssetLanguage": _joined(record.asset_languages),
        "Territory": _joined(record.territories),
        "TerritoryExclusion": _joined(record.territories_excluded),
        "WorkType": record.work_type,
        "EntryType": record.entry_type,
        "LocalizationType": record.localization,
        "LicenseType": record.license_type,
        "LicenseRightsDescription": record.license_rights_description,
        "FormatProfile": record.format_profile,
        "Start": record.start if record.start is not None else (record.start_condition or "Immediate"),
        # A spreadsheet End is the last day of the right.
        "End": record.end - timedelta(days=1) if record.end is not None else (record.end_condition or "Open"),
        "Description": record.description,
        "ContentID": record.content_id,
        "AvailID": record.transaction_id,
        "ReportingID": record.reporting_id,
        "ALID": record.alid,
        "ReleaseYear": record.release_year,
        "ContractID": record.contract_id,
        "SuppressionLiftDate": record.suppression_lift_date,
        "Exclusive": None if record.exclusive is None else ("Yes" if record.exclusive else "No"),
        "ServiceProvider": record.service_provider,
        "TotalRunTime": format_clock(record.run_length_seconds)
        if record.run_length_seconds is not None
        else None,
        "HoldbackLanguage": _joined(record.holdback_languages),
        "AllowedLanguages": _joined(record.allowed_languages),
        "BundleALIDs": _joined(record.bundled_alids),
        ALT_ID_COLUMN.get(record.work_type, "AltID"): _alt_value(record),
    }
    title = {"Episode": "Episode", "Season": "Season", "Series": "Series"}.get(record.work_type, "")
    values[f"{title}TitleDisplayUnlimited"] = record.title
    values[f"{title}TitleInternalAlias"] = record.title_internal_alias
    if record.work_type == "Episode":
        values.update(
            EpisodeContentID=record.content_id,
            EpisodeNumber=record.episode_number,
            EpisodeTitleID=record.title_eidr,
            EpisodeID=record.edit_eidr,
        )
    elif record.work_type == "Season":
        values["SeasonID"] = record.title_eidr
    elif record.work_type == "Series":
        values["SeriesID"] = record.title_eidr
    else:
        values.update(TitleID=record.title_eidr, EditID=record.edit_eidr)
    if record.work_type in TV_WORK_TYPES:
        values.update(
            SeasonContentID=record.season_content_id,
            SeriesContentID=record.series_content_id,
            SeasonNumber=record.season_number,
            VolumeNumber=record.volume_number,
        )
        if record.work_type != "Series":
            values["SeriesTitleDisplayUnlimited"] = record.series_title
    return values


def _cell(sheet: Any, value: Any) -> Any:
    if value in ("", None):
        return None
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=datetime.combine(value, time(0, 0)))
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def _header(sheet: Any, columns: tuple[tuple[str, str], ...]) -> None:
    bold = Font(bold=True)
    for index in (0, 1):
        cells = []
        for pair in columns:
            cell = WriteOnlyCell(sheet, value=pair[index])
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    sheet.append([TEMPLATE_VERSION])


def write_avails_xlsx(records: Iterable[AvailRecord]) -> bytes:
    """An Avails 1.9 workbook of `records` (a TV sheet only when there are TV records)."""
    workbook = Workbook(write_only=True)
    movies = workbook.create_sheet("Movies")
    _header(movies, MOVIE_COLUMNS)
    tv: Any = None
    for record in records:
        values = _row_values(record)
        if record.work_type in TV_WORK_TYPES:
            if tv is None:
                tv = workbook.create_sheet("TV")
                _header(tv, TV_COLUMNS)
            sheet, columns = tv, TV_COLUMNS
        else:
            sheet, columns = movies, MOVIE_COLUMNS
        sheet.append([_cell(sheet, values.get(name)) for _, name in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
