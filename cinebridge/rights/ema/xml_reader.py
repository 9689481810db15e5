"""Read EMA Avails XML (v2.2.x to v2.7): schema validation, MovieLabs and our own checks, records. No Django.

The file is streamed with `lxml.etree.iterparse`: each Avail is validated against the schema (the
XSD declares `Avail` as a global element, so one Avail validates on its own and libxml2 reports line
numbers), checked, turned into records and dropped before the next one is read, so a large file never
sits in memory whole, let alone twice.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import IO, Any, cast

from lxml import etree

from .codes import LanguageTagError, canonical_language_tag, is_country, is_m49_region
from .records import (
    AltId,
    AvailRecord,
    AvailsReadError,
    Problem,
    ReadResult,
    XmlLocation,
    problem,
    warning,
)
from .rules import VOCABULARY_CHECKS, Rules, load_rules
from .values import (
    IMMEDIATE,
    OPEN,
    UnreadableValueError,
    canonical_eidr,
    end_day,
    parse_date_time,
    parse_flag,
    parse_run_length,
    parse_year,
    start_day,
)

ProgressCallback = Callable[[int, int], None]
Source = str | Path | IO[bytes]

AVAILS_NAMESPACE = re.compile(
    r"^http://www\.movielabs\.com/schema/avails/v(?P<version>\d+(?:\.\d+)*)/avails$"
)
MD_NAMESPACE = re.compile(r"^http://www\.movielabs\.com/schema/md/v[\d.]+/md$")
MDMEC_NAMESPACE = re.compile(r"^http://www\.movielabs\.com/schema/mdmec/v[\d.]+$")
XSD = "{http://www.w3.org/2001/XMLSchema}"

SUPPORTED_VERSIONS = ("2.2", "2.2.1", "2.2.2", "2.3", "2.4", "2.5", "2.5.2", "2.6", "2.6.1", "2.7")


# --- schemas -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShippedSchema:
    """An `avails-v*.xsd` of the schema directory and the namespaces it validates."""

    version: tuple[int, ...]
    path: Path
    avails_ns: str
    md_ns: str
    mdmec_ns: str

    @property
    def label(self) -> str:
        return ".".join(str(p) for p in self.version)


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


@cache
def _read_schema_heads(paths: tuple[tuple[Path, float], ...]) -> tuple[ShippedSchema, ...]:
    found = []
    for path, _mtime in paths:
        root = etree.parse(str(path)).getroot()
        target = root.get("targetNamespace", "")
        match = AVAILS_NAMESPACE.match(target)
        if match is None:
            continue
        imports = [el.get("namespace", "") for el in root.iter(f"{XSD}import")]
        md = next((ns for ns in imports if MD_NAMESPACE.match(ns)), "")
        mdmec = next((ns for ns in imports if MDMEC_NAMESPACE.match(ns)), "")
        found.append(ShippedSchema(_version_tuple(match["version"]), path, target, md, mdmec))
    return tuple(sorted(found, key=lambda s: s.version))


def shipped_schemas(schema_dir: Path) -> tuple[ShippedSchema, ...]:
    """The Avails schemas in `schema_dir`, oldest first."""
    paths = tuple((p, p.stat().st_mtime) for p in sorted(schema_dir.glob("avails-v*.xsd")))
    return _read_schema_heads(paths)


def choose_schema(version: str, schemas: tuple[ShippedSchema, ...]) -> ShippedSchema:
    """The schema of `version`, else the oldest newer one (newer Avails schemas accept older files' elements),
    else the newest older one."""
    wanted = _version_tuple(version)
    for schema in schemas:
        if schema.version == wanted:
            return schema
    newer = [s for s in schemas if s.version > wanted]
    return newer[0] if newer else schemas[-1]


def require_schema_dir(schema_dir: Path | None) -> Path:
    """The schema directory, or AvailsReadError naming the setting that points to it."""
    if schema_dir is None or not schema_dir.is_dir() or not any(schema_dir.glob("avails-v*.xsd")):
        raise AvailsReadError(
            "no_schema_dir",
            "The EMA Avails schemas are not installed (looked in %(dir)s). Set EMA_AVAILS_SCHEMA_DIR to the "
            "directory holding avails-v*.xsd and the vocabulary and structure files.",
            dir=schema_dir if schema_dir is not None else "(not configured)",
        )
    return schema_dir


# --- reading -------------------------------------------------------------------------------------------


class _CountingReader:
    """A file wrapper that tells how far it has read, so a long import can show progress."""

    def __init__(self, raw: IO[bytes], total: int, on_progress: ProgressCallback | None) -> None:
        self._raw = raw
        self.total = total
        self.done = 0
        self._on_progress = on_progress
        self._reported = -1

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        self.done += len(chunk)
        return chunk

    def report(self) -> None:
        if self._on_progress is not None and self.done != self._reported:
            self._reported = self.done
            self._on_progress(self.done, max(self.total, self.done))


def _size_of(raw: IO[bytes]) -> int:
    size = getattr(raw, "size", None)
    if isinstance(size, int):
        return size
    try:
        position = raw.tell()
        raw.seek(0, 2)
        end = raw.tell()
        raw.seek(position)
    except (OSError, AttributeError, ValueError):
        return 0
    return end - position


@dataclass
class _State:
    schema: etree.XMLSchema
    shipped: ShippedSchema
    rules: Rules
    namespace_map: dict[str, str]  # the file's namespaces → the schema's, when they differ
    avail_tag: str
    records: list[AvailRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen_transactions: dict[tuple[str, str], int] = field(default_factory=dict)
    xpaths: dict[tuple[str, str, str], etree.XPath] = field(default_factory=dict)
    clark: dict[tuple[str, str, str], str | None] = field(default_factory=dict)


def read_avails_xml(
    source: Source, *, schema_dir: Path | None, on_progress: ProgressCallback | None = None
) -> ReadResult:
    """Every record of an Avails XML file with every problem found, or AvailsReadError if it cannot be read."""
    schema_dir = require_schema_dir(schema_dir)
    schemas = shipped_schemas(schema_dir)
    rules = load_rules(schema_dir)
    if isinstance(source, str | Path):
        with open(source, "rb") as raw:
            return _read(raw, schemas, rules, on_progress)
    return _read(source, schemas, rules, on_progress)


def _read(
    raw: IO[bytes],
    schemas: tuple[ShippedSchema, ...],
    rules: Rules,
    on_progress: ProgressCallback | None,
) -> ReadResult:
    reader = _CountingReader(raw, _size_of(raw), on_progress)
    state: _State | None = None
    version = ""
    notes: list[str] = []
    avail_index = 0
    root: Any = None
    events = etree.iterparse(
        reader, events=("start", "end"), remove_blank_text=False, resolve_entities=False, no_network=True
    )
    try:
        for event, element in events:
            if state is None:
                root = element
                version, state, note = _start(element, schemas, rules)
                if note:
                    notes.append(note)
                continue
            if event != "end" or element.getparent() is not root:
                continue
            if not isinstance(element.tag, str):
                continue  # a comment or processing instruction between Avails
            avail_index += 1
            if element.tag == state.avail_tag:
                _process_avail(element, avail_index, state)
            else:
                state.problems.append(
                    problem(
                        XmlLocation(element.sourceline or 0, f"/AvailList/{etree.QName(element).localname}"),
                        "unexpected_element",
                        "Only Avail elements may stand in an AvailList, not %(name)s.",
                        name=etree.QName(element).localname,
                    )
                )
            # Drop what has been read so memory stays flat however long the file is.
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del root[0]
            reader.report()
    except etree.XMLSyntaxError as exc:
        if reader.done == 0:
            raise AvailsReadError("empty", "The file is empty.") from exc
        line = exc.lineno or 0
        raise AvailsReadError(
            "not_xml",
            "The file is not well-formed XML (line %(line)s): %(detail)s",
            line=line,
            detail=exc.msg,
        ) from exc
    if state is None:
        raise AvailsReadError("empty", "The file is empty.")
    if avail_index == 0:
        state.problems.append(
            problem(XmlLocation(1, "/AvailList"), "no_avails", "The AvailList holds no Avail.")
        )
    reader.report()
    return ReadResult(
        format="xml",
        version=version,
        records=tuple(state.records),
        problems=tuple(sorted(state.problems, key=_problem_order)),
        schema=state.shipped.path.name,
        notes=tuple(notes),
    )


def _problem_order(p: Problem) -> tuple[int, str]:
    location = p.location
    return (location.line, location.path) if isinstance(location, XmlLocation) else (0, "")


def _start(root: Any, schemas: tuple[ShippedSchema, ...], rules: Rules) -> tuple[str, _State, str]:
    qname = etree.QName(root)
    match = AVAILS_NAMESPACE.match(qname.namespace or "")
    if match is None or qname.localname != "AvailList":
        raise AvailsReadError(
            "not_avails",
            "This is not an EMA Avails file: its root element is %(root)s, not an AvailList in a MovieLabs "
            "Avails namespace.",
            root=root.tag,
        )
    version = match["version"]
    if not version.startswith("2."):
        raise AvailsReadError(
            "unsupported_version",
            "Avails version %(version)s is not supported (versions 2.2 to 2.7 are).",
            version=version,
        )
    shipped = choose_schema(version, schemas)
    note = ""
    namespace_map: dict[str, str] = {}
    if shipped.label != version:
        note = (
            f"Avails v{version} has no schema in the schema directory; validated against "
            f"{shipped.path.name} (the closest one shipped)."
        )
        namespace_map[qname.namespace or ""] = shipped.avails_ns
        for uri in root.nsmap.values():
            if MD_NAMESPACE.match(uri) and uri != shipped.md_ns:
                namespace_map[uri] = shipped.md_ns
            elif MDMEC_NAMESPACE.match(uri) and uri != shipped.mdmec_ns:
                namespace_map[uri] = shipped.mdmec_ns
    schema = etree.XMLSchema(etree.parse(str(shipped.path)))
    state = _State(
        schema=schema,
        shipped=shipped,
        rules=rules,
        namespace_map=namespace_map,
        avail_tag=f"{{{qname.namespace}}}Avail",
    )
    return version, state, note


# --- one Avail -----------------------------------------------------------------------------------------


def _renamespaced(element: Any, mapping: dict[str, str]) -> Any:
    """A copy of `element` whose tags are in the schema's namespaces (line numbers are kept)."""
    twin = copy.deepcopy(element)
    for node in twin.iter():
        if not isinstance(node.tag, str):
            continue
        qname = etree.QName(node)
        if qname.namespace in mapping:
            node.tag = f"{{{mapping[qname.namespace]}}}{qname.localname}"
    etree.cleanup_namespaces(twin)
    return twin


_PREFIX = re.compile(r"^[A-Za-z_][\w.-]*:")


def _libxml_path(path: str, avail_index: int) -> str:
    """libxml2's `/avails:Avail/avails:Transaction[1]/avails:Start` as `/AvailList/Avail[n]/Transaction[1]/Start`."""
    steps = [s for s in (path or "").split("/") if s]
    names = [_PREFIX.sub("", step) for step in steps]
    tail = "/".join(names[1:]) if names and names[0].startswith("Avail") else "/".join(names)
    return f"/AvailList/Avail[{avail_index}]" + (f"/{tail}" if tail else "")


def _element_path(node: Any, avail: Any, avail_index: int) -> str:
    steps: list[str] = []
    while node is not avail and node is not None and node.getparent() is not None:
        name = etree.QName(node).localname
        before = sum(1 for _ in node.itersiblings(node.tag, preceding=True))
        after = next(node.itersiblings(node.tag), None) is not None
        steps.append(f"{name}[{before + 1}]" if before or after else name)
        node = node.getparent()
    return f"/AvailList/Avail[{avail_index}]" + "".join(f"/{s}" for s in reversed(steps))


_SIMPLE_PATH = re.compile(r"(?:(?:avails|md):[A-Za-z][\w.-]*/)*(?:avails|md):[A-Za-z][\w.-]*")


@dataclass
class _Avail:
    element: Any
    index: int
    ns: dict[str, str]
    state: _State

    def where(self, node: Any, attribute: str = "") -> XmlLocation:
        path = _element_path(node, self.element, self.index)
        return XmlLocation(node.sourceline or 0, f"{path}/@{attribute}" if attribute else path)

    def xpath(self, expression: str) -> etree.XPath:
        key = (expression, self.ns["avails"], self.ns["md"])
        compiled = self.state.xpaths.get(key)
        if compiled is None:
            compiled = etree.XPath(expression, namespaces=self.ns)
            self.state.xpaths[key] = compiled
        return compiled

    def clark(self, path: str) -> str | None:
        """A plain child path ("avails:A/md:B") in Clark notation for lxml's fast `find`; None otherwise."""
        key = (path, self.ns["avails"], self.ns["md"])
        if key not in self.state.clark:
            simple = _SIMPLE_PATH.fullmatch(path)
            self.state.clark[key] = (
                "/".join(f"{{{self.ns[p.split(':')[0]]}}}{p.split(':')[1]}" for p in path.split("/"))
                if simple
                else None
            )
        return self.state.clark[key]

    def find(self, node: Any, path: str) -> list[Any]:
        clark = self.clark(path)
        if clark is not None:
            return list(node.iterfind(clark))
        found = self.xpath(path)(node)
        return list(found) if isinstance(found, list) else []

    def text(self, node: Any, path: str) -> str:
        clark = self.clark(path)
        if clark is not None:
            return (node.findtext(clark) or "").strip()
        found = self.find(node, path)
        if not found:
            return ""
        first = found[0]
        return (first if isinstance(first, str) else (first.text or "")).strip()

    def report(self, location: XmlLocation, code: str, message: str, /, **params: object) -> None:
        self.state.problems.append(problem(location, code, message, **params))

    def warn(self, location: XmlLocation, code: str, message: str, /, **params: object) -> None:
        self.state.problems.append(warning(location, code, message, **params))


def _namespaces(element: Any, state: _State) -> dict[str, str]:
    avails = etree.QName(element).namespace or ""
    md = next((uri for uri in element.nsmap.values() if MD_NAMESPACE.match(uri)), state.shipped.md_ns)
    mdmec = next(
        (uri for uri in element.nsmap.values() if MDMEC_NAMESPACE.match(uri)), state.shipped.mdmec_ns
    )
    return {"avails": avails, "md": md, "mdmec": mdmec}


def _process_avail(element: Any, index: int, state: _State) -> None:
    avail = _Avail(element=element, index=index, ns=_namespaces(element, state), state=state)
    target = _renamespaced(element, state.namespace_map) if state.namespace_map else element
    if not state.schema.validate(target):
        for error in cast(Iterable[Any], state.schema.error_log):
            state.problems.append(
                problem(
                    XmlLocation(error.line, _libxml_path(error.path, index)),
                    "schema",
                    "Not valid against %(schema)s: %(detail)s",
                    schema=state.shipped.path.name,
                    detail=error.message,
                )
            )
    _check_vocabulary(avail)
    _check_structure(avail)
    _check_codes(avail)
    state.records.extend(_records(avail))


def _check_vocabulary(avail: _Avail) -> None:
    vocabulary = avail.state.rules.vocabulary
    for check in VOCABULARY_CHECKS:
        for found in avail.find(avail.element, check.xpath):
            if isinstance(found, etree._ElementUnicodeResult):  # an attribute value
                value, node, attribute = str(found).strip(), found.getparent(), str(found.attrname)
            else:
                value, node, attribute = (found.text or "").strip(), found, ""
            if not vocabulary.accepts(check.key, value, case_sensitive=check.case_sensitive):
                avail.report(
                    avail.where(node, attribute),
                    "vocabulary",
                    "“%(value)s” is not an allowed %(field)s value.",
                    value=value,
                    field=check.label,
                )


def _count(result: object) -> int:
    if isinstance(result, list):
        return len(result)
    return 1 if result else 0


def _check_structure(avail: _Avail) -> None:
    for rule in avail.state.rules.structure:
        try:
            targets = avail.find(avail.element, rule.target)
        except etree.XPathError:
            continue  # documented: a rule whose path XPath 1.0 cannot express is skipped
        for target in targets:
            if not hasattr(target, "tag"):
                continue
            for constraint in rule.constraints:
                found = sum(_count(avail.xpath(x)(target)) for x in constraint.xpaths)
                too_few = constraint.minimum is not None and found < constraint.minimum
                too_many = constraint.maximum is not None and found > constraint.maximum
                if too_few or too_many:
                    make = warning if constraint.severity.lower() == "warning" else problem
                    avail.state.problems.append(
                        make(
                            avail.where(target),
                            "structure",
                            "%(detail)s (MovieLabs structure rule %(rule)s).",
                            detail=constraint.message,
                            rule=rule.name,
                        )
                    )


_LANGUAGE_ELEMENTS = (
    ".//avails:AllowedLanguage | .//avails:AssetLanguage | .//avails:HoldbackLanguage"
    " | .//avails:Term/avails:Language"
)
_LANGUAGE_ATTRIBUTES = ".//@language"


def _check_codes(avail: _Avail) -> None:
    for node in avail.find(avail.element, ".//md:country"):
        code = (node.text or "").strip()
        if not is_country(code):
            avail.report(
                avail.where(node), "country", "“%(code)s” is not an ISO 3166-1 country code.", code=code
            )
    for node in avail.find(avail.element, "avails:Transaction/avails:Territory/md:countryRegion"):
        _check_region(avail, node)
    for node in avail.find(avail.element, "avails:Transaction/avails:TerritoryExcluded/md:countryRegion"):
        _check_region(avail, node)
    for node in avail.find(avail.element, _LANGUAGE_ELEMENTS):
        _check_language(avail, (node.text or "").strip(), node)
    for value in avail.find(avail.element, _LANGUAGE_ATTRIBUTES):
        _check_language(avail, str(value).strip(), value.getparent(), "language")


def _check_region(avail: _Avail, node: Any) -> None:
    code = (node.text or "").strip()
    if code.isdigit():
        if not is_m49_region(code):
            avail.report(avail.where(node), "region", "“%(code)s” is not a UN M.49 area we know.", code=code)
        return
    avail.report(
        avail.where(node),
        "subdivision",
        "Territory “%(code)s” is part of a country; rights are recorded for whole countries only.",
        code=code,
    )


def _language(value: str) -> str | None:
    try:
        return canonical_language_tag(value)
    except LanguageTagError:
        return None


_LANGUAGE_PROBLEMS = {
    "malformed": "“%(tag)s” is not a well-formed BCP 47 language tag.",
    "unknown_language": "“%(tag)s” is not a valid language tag: there is no language “%(subtag)s”.",
    "unknown_script": "“%(tag)s” is not a valid language tag: there is no script “%(subtag)s”.",
    "unknown_region": "“%(tag)s” is not a valid language tag: “%(subtag)s” is not a country or UN M.49 area.",
}


def _check_language(avail: _Avail, value: str, node: Any, attribute: str = "") -> None:
    try:
        canonical_language_tag(value)
    except LanguageTagError as exc:
        avail.report(
            avail.where(node, attribute),
            f"language_{exc.code}",
            _LANGUAGE_PROBLEMS[exc.code],
            tag=value,
            subtag=exc.subtag,
        )


# --- records -------------------------------------------------------------------------------------------


_METADATA = ("Metadata", "EpisodeMetadata", "SeasonMetadata", "SeriesMetadata", "VolumeMetadata")


def _alt_ids(avail: _Avail, node: Any, name: str) -> tuple[AltId, ...]:
    ids = []
    for alt in avail.find(node, f"avails:{name}"):
        ids.append(
            AltId(
                namespace=avail.text(alt, "md:Namespace"),
                identifier=avail.text(alt, "md:Identifier"),
                scope=(alt.get("scope") or "").strip(),
            )
        )
    return tuple(ids)


def _eidr(avail: _Avail, node: Any, path: str) -> str:
    text = avail.text(node, path)
    if not text:
        return ""
    try:
        return canonical_eidr(text)
    except UnreadableValueError:
        found = avail.find(node, path)[0]
        avail.report(
            avail.where(found),
            "eidr",
            "“%(value)s” is not an EIDR content ID (10.5240/XXXX-…-C).",
            value=text,
        )
        return ""


def _year(avail: _Avail, node: Any, path: str) -> int | None:
    text = avail.text(node, path)
    if not text:
        return None
    try:
        return parse_year(text)
    except UnreadableValueError:
        return None  # the schema reports it


def _series(avail: _Avail, node: Any) -> dict[str, str]:
    """Series and season facts of an episode, season or volume's nested metadata."""
    facts = {"series_title": "", "series_content_id": "", "season_number": "", "season_content_id": ""}
    season = next(iter(avail.find(node, "avails:SeasonMetadata")), None)
    series_parent = season if season is not None else node
    if season is not None:
        facts["season_number"] = avail.text(season, "avails:SeasonNumber/md:Number")
        facts["season_content_id"] = avail.text(season, "avails:SeasonContentID")
    series = next(iter(avail.find(series_parent, "avails:SeriesMetadata")), None)
    if series is not None:
        facts["series_title"] = avail.text(series, "avails:SeriesTitleDisplayUnlimited") or avail.text(
            series, "avails:SeriesTitleInternalAlias"
        )
        facts["series_content_id"] = avail.text(series, "avails:SeriesContentID")
    return facts


def _asset(avail: _Avail, asset: Any) -> dict[str, Any]:
    work_type = avail.text(asset, "avails:WorkType")
    fields: dict[str, Any] = {
        "work_type": work_type,
        "content_id": (asset.get("contentID") or "").strip(),
        "bundled_alids": tuple(
            avail.text(b, "avails:BundledALID") for b in avail.find(asset, "avails:BundledAsset")
        ),
    }
    metadata = next((m for name in _METADATA for m in avail.find(asset, f"avails:{name}")), None)
    if metadata is None:
        return fields
    kind = etree.QName(metadata).localname
    prefix = {"SeasonMetadata": "Season", "SeriesMetadata": "Series", "VolumeMetadata": "Volume"}.get(
        kind, ""
    )
    display = avail.text(metadata, f"avails:{prefix}TitleDisplayUnlimited")
    alias = avail.text(metadata, f"avails:{prefix}TitleInternalAlias")
    fields["title"] = display or alias
    fields["title_internal_alias"] = alias or display
    fields["release_year"] = _year(avail, metadata, "avails:ReleaseDate")
    if prefix:
        fields["title_eidr"] = _eidr(avail, metadata, f"avails:{prefix}EIDR-URN")
        fields["alt_ids"] = _alt_ids(avail, metadata, f"{prefix}AltIdentifier")
    else:
        fields["title_eidr"] = _eidr(avail, metadata, "avails:TitleEIDR-URN")
        fields["edit_eidr"] = _eidr(avail, metadata, "avails:EditEIDR-URN")
        fields["alt_ids"] = _alt_ids(avail, metadata, "AltIdentifier")
        run_length = avail.text(metadata, "avails:RunLength")
        if run_length:
            with suppress(UnreadableValueError):  # the schema reports it
                fields["run_length_seconds"] = parse_run_length(run_length)
        fields["localization"] = avail.text(metadata, "avails:LocalizationOffering")
    if kind == "EpisodeMetadata":
        fields["episode_number"] = avail.text(metadata, "avails:EpisodeNumber/md:Number")
        fields.update(_series(avail, metadata))
    elif kind == "SeasonMetadata":
        fields["season_number"] = avail.text(metadata, "avails:SeasonNumber/md:Number")
        fields["season_content_id"] = avail.text(metadata, "avails:SeasonContentID")
        fields.update({k: v for k, v in _series(avail, metadata).items() if k.startswith("series")})
    elif kind == "SeriesMetadata":
        fields["series_content_id"] = avail.text(metadata, "avails:SeriesContentID")
    elif kind == "VolumeMetadata":
        fields["volume_number"] = avail.text(metadata, "avails:VolumeNumber/md:Number")
        fields.update(_series(avail, metadata))
    return fields


def _languages(avail: _Avail, transaction: Any, name: str) -> tuple[str, ...]:
    found = [_language((n.text or "").strip()) for n in avail.find(transaction, f"avails:{name}")]
    return tuple(dict.fromkeys(code for code in found if code))


def _territories(avail: _Avail, transaction: Any, name: str) -> tuple[str, ...]:
    codes = [
        (node.text or "").strip()
        for node in avail.find(transaction, f"avails:{name}/md:country | avails:{name}/md:countryRegion")
    ]
    return tuple(dict.fromkeys(code for code in codes if code))


def _term(transaction: Any, avail: _Avail) -> dict[str, Any]:
    """Start, end and their conditions in our convention, checking that the right starts before it ends."""
    out: dict[str, Any] = {"start": None, "end": None, "start_condition": "", "end_condition": ""}
    start_node = next(iter(avail.find(transaction, "avails:Start")), None)
    end_node = next(iter(avail.find(transaction, "avails:End")), None)
    if start_node is not None:
        with suppress(UnreadableValueError):  # the schema reports it
            out["start"] = start_day(*parse_date_time(start_node.text or ""))
    else:
        out["start_condition"] = avail.text(transaction, "avails:StartCondition")
    if end_node is not None:
        with suppress(UnreadableValueError):
            out["end"] = end_day(*parse_date_time(end_node.text or ""))
    else:
        out["end_condition"] = avail.text(transaction, "avails:EndCondition")
    start, end = out["start"], out["end"]
    if isinstance(start, date) and isinstance(end, date) and start >= end and end_node is not None:
        avail.report(
            avail.where(end_node),
            "end_before_start",
            "The right ends (%(end)s) before it starts (%(start)s).",
            end=(end_node.text or "").strip(),
            start=(start_node.text or "").strip() if start_node is not None else "",
        )
    for name, word, value in (
        ("StartCondition", IMMEDIATE, out["start_condition"]),
        ("EndCondition", OPEN, out["end_condition"]),
    ):
        if value and value != word:
            node = avail.find(transaction, f"avails:{name}")[0]
            avail.warn(
                avail.where(node),
                "condition_open",
                "%(name)s “%(value)s” depends on an event this file does not date; it is imported as %(as)s.",
                name=name,
                value=value,
                **{"as": "an open start" if name == "StartCondition" else "an open end"},
            )
    return out


def _exclusive(avail: _Avail, transaction: Any) -> bool | None:
    terms = avail.find(transaction, "avails:Term[@termName='Exclusive']")
    if not terms:
        return None
    value = avail.text(terms[0], "avails:Boolean") or avail.text(terms[0], "avails:Text")
    try:
        return parse_flag(value)
    except UnreadableValueError:
        avail.report(
            avail.where(terms[0]),
            "flag",
            "The Exclusive term must be true or false, not “%(value)s”.",
            value=value,
        )
        return None


def _event_date(avail: _Avail, transaction: Any, term_name: str) -> date | None:
    text = avail.text(transaction, f"avails:Term[@termName='{term_name}']/avails:Event")
    if not text:
        return None
    try:
        return parse_date_time(text)[0]
    except UnreadableValueError:
        return None  # the schema reports it


def _records(avail: _Avail) -> Iterator[AvailRecord]:
    element = avail.element
    alid = avail.text(element, "avails:ALID")
    common: dict[str, Any] = {
        "alid": alid,
        "entry_type": avail.text(element, "avails:Disposition/avails:EntryType"),
        "licensor": avail.text(element, "avails:Licensor/md:DisplayName"),
        "service_provider": avail.text(element, "avails:ServiceProvider/md:DisplayName"),
        "avail_type": avail.text(element, "avails:AvailType"),
        "short_description": avail.text(element, "avails:ShortDescription"),
    }
    assets = [_asset(avail, a) for a in avail.find(element, "avails:Asset")]
    for transaction in avail.find(element, "avails:Transaction"):
        transaction_id = (transaction.get("TransactionID") or "").strip()
        location = avail.where(transaction)
        if transaction_id:
            key = (alid, transaction_id)
            first = avail.state.seen_transactions.get(key)
            if first is not None:
                avail.report(
                    location,
                    "duplicate_transaction",
                    "Transaction %(id)s of ALID %(alid)s appears twice (first on line %(first)s).",
                    id=transaction_id,
                    alid=alid,
                    first=first,
                )
            else:
                avail.state.seen_transactions[key] = location.line
        facts = {
            "transaction_id": transaction_id,
            "licensee": avail.text(transaction, "avails:Licensee/md:DisplayName"),
            "license_type": avail.text(transaction, "avails:LicenseType"),
            "license_rights_description": avail.text(transaction, "avails:LicenseRightsDescription"),
            "format_profile": avail.text(transaction, "avails:FormatProfile"),
            "territories": _territories(avail, transaction, "Territory"),
            "territories_excluded": _territories(avail, transaction, "TerritoryExcluded"),
            "allowed_languages": _languages(avail, transaction, "AllowedLanguage"),
            "asset_languages": _languages(avail, transaction, "AssetLanguage"),
            "holdback_languages": _languages(avail, transaction, "HoldbackLanguage"),
            "exclusive": _exclusive(avail, transaction),
            "suppression_lift_date": _event_date(avail, transaction, "SuppressionLiftDate"),
            "contract_id": avail.text(transaction, "avails:ContractID"),
            "reporting_id": avail.text(transaction, "avails:ReportingID"),
            "description": avail.text(transaction, "avails:Description"),
            **_term(transaction, avail),
        }
        if not facts["territories"]:
            avail.report(location, "no_territory", "The transaction names no territory.")
        for asset in assets:
            yield AvailRecord(location=location, **common, **asset, **facts)
