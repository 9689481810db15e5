"""Export the avails a licensor has licensed to a licensee as EMA Avails XML (v2.7) or XLSX (1.9).

One record per grant and EMA LicenseType: the grant's media leaves are grouped by the LicenseType
each maps to (leaves without one, such as theatrical, have no place in an Avails file and are left
out), its countries become Territory elements (most of the world becomes the UN M.49 area 001 with
TerritoryExcluded countries), its language uses become AssetLanguage (original) and AllowedLanguage
with a LocalizationOffering (subtitled, dubbed or both). Importing the file again gives the same grants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Film, FilmKind
from cinebridge.core.errors import ApplicationError
from cinebridge.rights.convert import language_uses_of_text, media_of_keys, territories_of_keys
from cinebridge.rights.engine.types import Direction, Exclusivity, LanguageUse, Status, Use
from cinebridge.rights.engine.vocabulary import Vocabularies, load_vocabularies
from cinebridge.rights.models import Grant, TermKind
from cinebridge.rights.selectors import grant_list

from .records import AltId, AvailRecord, FileLocation
from .xlsx_writer import write_avails_xlsx
from .xml_writer import write_avails_xml

FORMATS = ("xml", "xlsx")
DEFAULT_FORMAT_PROFILE = "HD"  # grants do not restrict the format; Avails needs one per transaction
_MOST_OF_THE_WORLD = 150  # more countries than this are written as the world minus the others
_WORK_TYPE = {FilmKind.SHORT: "Short", FilmKind.SERIES: "Series"}
_AVAIL_TYPE = {"Movie": "single", "Short": "single", "Series": "series"}
_FORMS = {Use.SUBTITLED: "sub", Use.DUBBED: "dub"}


def alid_of(film: Film) -> str:
    """The ALID our exports give a film; an import of that file finds the film again by it."""
    return f"md:alid:cinebridge:{film.slug}"


def _title(film: Film) -> str:
    english = next((t.title for t in film.translations.all() if t.language_code == "en"), "")
    return english or film.original_title


def _territories(
    leaves: frozenset[str], at: date, vocabularies: Vocabularies
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    world = vocabularies.territories.members("WORLD", at)
    if len(leaves) > _MOST_OF_THE_WORLD and leaves <= world:
        return ("001",), tuple(sorted(world - leaves))
    return tuple(sorted(leaves)), ()


def _language_blocks(
    uses: frozenset[LanguageUse] | None, license_type: str
) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """(asset languages, allowed languages, localization) per transaction for the grant's language uses.

    Languages allowed in different forms go to different transactions (LocalizationOffering belongs to
    the asset); a non-SVOD transaction has at most one AssetLanguage (MovieLabs structure rule).
    Voice-over and SDH uses have no Avails counterpart.
    """
    if uses is None:
        return [((), (), "")]
    originals = tuple(sorted({u.language for u in uses if u.use is Use.ORIGINAL}))
    forms: dict[str, set[str]] = defaultdict(set)
    for use in uses:
        if use.use in _FORMS:
            forms[use.language].add(_FORMS[use.use])
    by_offering: dict[str, list[str]] = defaultdict(list)
    for language, found in sorted(forms.items()):
        by_offering["subdub" if len(found) == 2 else next(iter(found))].append(language)
    originals_per_block = (
        [originals] if license_type == "SVOD" or len(originals) <= 1 else [(o,) for o in originals]
    )
    blocks = [
        (asset, tuple(allowed), offering)
        for offering, allowed in sorted(by_offering.items())
        for asset in originals_per_block
    ]
    return blocks or [(asset, (), "") for asset in originals_per_block]


def grant_records(
    grant: Grant, *, licensor: str, licensee: str, vocabularies: Vocabularies
) -> Iterator[AvailRecord]:
    """The Avails records of one OUT grant (none for a relative term still waiting for its event)."""
    if grant.term_kind == TermKind.RELATIVE and grant.start_date is None:
        return
    film = grant.work
    work_type = _WORK_TYPE.get(FilmKind(film.kind), "Movie")
    by_type: dict[str, set[str]] = defaultdict(set)
    for leaf in media_of_keys(grant.media_keys):
        license_type = vocabularies.media.ema_license_type(leaf)
        if license_type:
            by_type[license_type].add(leaf)
    territories, excluded = _territories(
        territories_of_keys(grant.territory_keys), grant.contract_date, vocabularies
    )
    uses = language_uses_of_text(grant.language_uses)
    content_id = f"md:cid:cinebridge:{film.slug}"
    number = 0
    for license_type in sorted(by_type):
        for assets, allowed, offering in _language_blocks(uses, license_type):
            number += 1
            yield AvailRecord(
                location=FileLocation(),
                alid=alid_of(film),
                transaction_id=f"cinebridge:grant:{grant.pk}:{number}",
                entry_type="Full Extract",
                licensor=licensor,
                licensee=licensee,
                avail_type=_AVAIL_TYPE[work_type],
                short_description=_("Avails of %(licensor)s for %(licensee)s")
                % {"licensor": licensor, "licensee": licensee},
                work_type=work_type,
                content_id=content_id,
                title=_title(film),
                title_internal_alias=film.original_title,
                title_eidr=film.eidr,
                alt_ids=(AltId("IMDB", film.imdb_id),) if film.imdb_id else (),
                release_year=film.year,
                run_length_seconds=film.runtime_minutes * 60,
                localization=offering,
                series_content_id=content_id if work_type == "Series" else "",
                license_type=license_type,
                format_profile=DEFAULT_FORMAT_PROFILE,
                territories=territories,
                territories_excluded=excluded,
                start=grant.start_date,
                end=grant.end_date,
                start_condition="" if grant.start_date else "Immediate",
                end_condition="" if grant.end_date else "Open",
                allowed_languages=allowed,
                asset_languages=assets,
                exclusive=grant.exclusivity in (Exclusivity.EXCLUSIVE, Exclusivity.CO_EXCLUSIVE),
                contract_id=grant.reference,
            )


def avails_export(*, viewer: User, licensor: Organisation, licensee: Organisation, fmt: str) -> bytes:
    """The active OUT grants of `licensor` to `licensee` as an Avails file ("xml" v2.7 or "xlsx" 1.9)."""
    if fmt not in FORMATS:
        raise ApplicationError(
            _("Avails are exported as xml or xlsx, not %(format)s.") % {"format": fmt}, extra={"field": "fmt"}
        )
    if not (
        policy.can(viewer, policy.RIGHTS_VIEW, licensor) or policy.can(viewer, policy.RIGHTS_VIEW, licensee)
    ):
        raise PermissionDenied
    grants = (
        grant_list(viewer=viewer, holder=licensor, direction=Direction.OUT.value, status=Status.ACTIVE.value)
        .filter(counterparty=licensee)
        .prefetch_related("work__translations")
    )
    vocabularies = load_vocabularies()
    records = [
        record
        for grant in grants
        for record in grant_records(
            grant, licensor=licensor.name, licensee=licensee.name, vocabularies=vocabularies
        )
    ]
    if fmt == "xml":
        return write_avails_xml(records)
    return write_avails_xlsx(records)


def export_filename(*, licensor: Organisation, licensee: Organisation, fmt: str) -> str:
    """A file name for the download: avails-<licensor>-<licensee>-<date>.<fmt>."""
    return f"avails-{licensor.slug}-{licensee.slug}-{timezone.localdate().isoformat()}.{fmt}"
