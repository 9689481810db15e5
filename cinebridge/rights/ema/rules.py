"""The MovieLabs checks beyond the schema: controlled vocabularies and structure rules. No Django import.

Both come from files in the operator's schema directory (`vocab_avail_v2.7.json`,
`structure_avail_v2.6.1.json`), read as they are: nothing of them is copied into the repository.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCABULARY_FILE = "vocab_avail_v2.7.json"
STRUCTURE_FILE = "structure_avail_v2.6.1.json"

# LicenseRightsDescription values of the Avails spreadsheet templates and of the v2.2-v2.4
# specifications, still written by studios ("Library", "New Release", ...). The v2.7 vocabulary file
# lists only the values added since ("Next Day TV", "POD"); both sets are accepted.
LEGACY_LICENSE_RIGHTS_DESCRIPTIONS = frozenset(
    {
        "New Release", "Library", "Mega-Library", "Priority Library", "DD-Theatrical", "Pre-Theatrical",
        "DD-DVD", "Early EST", "Preorder EST", "Early VOD", "Preorder VOD", "Early PVOD", "PVOD", "DTV",
        "Free", "Season Only", "Next Day TV", "POD",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class VocabularyCheck:
    """Values found by `xpath` (relative to an Avail, prefixes avails: and md:) must be in `key`'s list."""

    xpath: str
    key: str
    label: str  # how a person would name the field, e.g. "LicenseType" or "Term/@termName"
    case_sensitive: bool = True


# What the MovieLabs validator checks against each list of the vocabulary file, as XPath on one Avail.
VOCABULARY_CHECKS: tuple[VocabularyCheck, ...] = (
    VocabularyCheck("avails:AvailType", "AvailType", "AvailType"),
    VocabularyCheck("avails:Disposition/avails:EntryType", "EntryType", "EntryType"),
    VocabularyCheck(".//avails:AltIdentifier/@scope", "AltIdentifier@scope", "AltIdentifier/@scope"),
    VocabularyCheck(
        ".//avails:USACaptionsExemptionReason", "USACaptionsExemptionReason", "USACaptionsExemptionReason"
    ),
    VocabularyCheck(".//avails:LocalizationOffering", "LocalizationOffering", "LocalizationOffering"),
    VocabularyCheck(".//avails:SeasonStatus", "SeasonStatus", "SeasonStatus"),
    VocabularyCheck(".//avails:SeriesStatus", "SeriesStatus", "SeriesStatus"),
    VocabularyCheck(".//avails:VolumeMetadata/avails:Status", "VolumeStatus", "VolumeMetadata/Status"),
    VocabularyCheck("avails:Transaction/avails:LicenseType", "LicenseType", "LicenseType"),
    VocabularyCheck(
        "avails:Transaction/avails:LicenseRightsDescription",
        "LicenseRightsDescription",
        "LicenseRightsDescription",
    ),
    VocabularyCheck("avails:Transaction/avails:FormatProfile", "FormatProfile", "FormatProfile"),
    VocabularyCheck(
        "avails:Transaction/avails:FormatProfile/@HDR", "FormatProfile@HDR", "FormatProfile/@HDR"
    ),
    VocabularyCheck(
        "avails:Transaction/avails:AllowedLanguage/@asset | avails:Transaction/avails:AssetLanguage/@asset",
        "Language@asset",
        "Language/@asset",
    ),
    VocabularyCheck("avails:Transaction/avails:Term/@termName", "Term@termName", "Term/@termName", False),
    VocabularyCheck(
        "avails:Transaction/avails:Term[@termName='TitleStatus']/avails:Text",
        "@termName='TitleStatus'",
        "Term[TitleStatus]",
    ),
    VocabularyCheck(
        "avails:Transaction/avails:Term[@termName='TPRType']/avails:Text",
        "@termName='TPRType'",
        "Term[TPRType]",
    ),
    VocabularyCheck(
        "avails:SharedEntitlement/@ecosystem", "SharedEntitlement@ecosystem", "SharedEntitlement/@ecosystem"
    ),
    VocabularyCheck(
        "avails:Transaction/avails:ExperienceCondition", "ExperienceCondition", "ExperienceCondition"
    ),
    VocabularyCheck("avails:Transaction/avails:StartCondition", "DateTimeCondition", "StartCondition"),
    VocabularyCheck("avails:Transaction/avails:EndCondition", "DateTimeCondition", "EndCondition"),
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    lists: Mapping[str, frozenset[str]]

    def allowed(self, key: str) -> frozenset[str]:
        values = self.lists.get(key, frozenset())
        if key == "LicenseRightsDescription":
            return values | LEGACY_LICENSE_RIGHTS_DESCRIPTIONS
        return values

    def accepts(self, key: str, value: str, *, case_sensitive: bool = True) -> bool:
        allowed = self.allowed(key)
        if not allowed:
            return True  # the vocabulary file has no list for it: nothing to check
        if case_sensitive:
            return value in allowed
        return value.casefold() in {v.casefold() for v in allowed}


@dataclass(frozen=True, slots=True)
class Constraint:
    """For each target node, the number of nodes `xpaths` find (added up) must lie in [minimum, maximum]."""

    xpaths: tuple[str, ...]
    minimum: int | None
    maximum: int | None
    severity: str  # "Error" or "Warning"
    message: str
    doc_ref: str = ""


@dataclass(frozen=True, slots=True)
class StructureRule:
    name: str
    target: str  # XPath relative to one Avail
    constraints: tuple[Constraint, ...]


_BRACED_PREFIX = re.compile(r"\{(avail|md|mdmec)\}")


def to_xpath(path: str) -> str:
    """MovieLabs' path notation (`.//{avail}Asset/{md}Number`) as XPath 1.0 on one Avail element.

    A leading `.//` becomes `descendant-or-self::` so that a rule targeting the Avail itself matches it.
    """
    text = _BRACED_PREFIX.sub(lambda m: "avails:" if m[1] == "avail" else f"{m[1]}:", path.strip())
    if text.startswith(".//"):
        text = "descendant-or-self::" + text[3:]
    return text


def _optional_int(value: object) -> int | None:
    return None if value in (None, "") else int(str(value))


def _structure_rules(raw: Mapping[str, object]) -> tuple[StructureRule, ...]:
    rules: list[StructureRule] = []
    requirements = raw.get("StrucRqmts", {})
    if not isinstance(requirements, dict):
        raise ValueError(f"{STRUCTURE_FILE}: StrucRqmts is not an object")
    for name, body in requirements.items():
        constraints = []
        for item in body.get("constraint", []):
            xpaths = item["xpath"] if isinstance(item["xpath"], list) else [item["xpath"]]
            minimum, maximum = _optional_int(item.get("min")), _optional_int(item.get("max"))
            message = item.get("msg") or _default_message(xpaths, minimum, maximum)
            constraints.append(
                Constraint(
                    xpaths=tuple(to_xpath(x) for x in xpaths),
                    minimum=minimum,
                    maximum=maximum,
                    severity=item.get("severity", "Error"),
                    message=message,
                    doc_ref=item.get("docRef", ""),
                )
            )
        rules.append(
            StructureRule(name=name, target=to_xpath(body["targetPath"]), constraints=tuple(constraints))
        )
    return tuple(rules)


def _default_message(xpaths: list[str], minimum: int | None, maximum: int | None) -> str:
    wanted = " or ".join(_BRACED_PREFIX.sub("", x) for x in xpaths)
    if minimum is not None and maximum is not None:
        return f"Expected between {minimum} and {maximum} of {wanted}"
    if minimum is not None:
        return f"Expected at least {minimum} of {wanted}"
    return f"Expected at most {maximum} of {wanted}"


@dataclass(frozen=True, slots=True)
class Rules:
    vocabulary: Vocabulary
    structure: tuple[StructureRule, ...]


@cache
def _load(
    vocabulary_path: Path, vocabulary_mtime: float, structure_path: Path, structure_mtime: float
) -> Rules:
    vocab_raw = json.loads(vocabulary_path.read_text(encoding="utf-8"))["avail"]
    lists = {
        key: frozenset(str(v) for v in values)
        for key, values in vocab_raw.items()
        if isinstance(values, list)
    }
    structure_raw = json.loads(structure_path.read_text(encoding="utf-8"))
    return Rules(vocabulary=Vocabulary(lists=lists), structure=_structure_rules(structure_raw))


def load_rules(schema_dir: Path) -> Rules:
    """The vocabulary and structure rules of the schema directory (cached while the files are unchanged)."""
    vocabulary_path = schema_dir / VOCABULARY_FILE
    structure_path = schema_dir / STRUCTURE_FILE
    return _load(
        vocabulary_path, vocabulary_path.stat().st_mtime, structure_path, structure_path.stat().st_mtime
    )
