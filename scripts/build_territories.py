"""Regenerate the ISO and UN M49 parts of cinebridge/rights/data/territories.json from their sources.

What it writes:
- `countries`: every ISO 3166-1 alpha-2 code with its ISO numeric code as the stable integer id
  (Debian's `iso-codes` package), plus Kosovo (XK) with the user-assigned numeric code CLDR gives it.
- the members of the UN M49 groups (kind "m49 region" / "m49 subregion"): the three-level M49
  structure (region → sub-region → intermediate region) is written out below; which country sits in
  which lowest region comes from CLDR's territory containment (Debian's `unicode-cldr-core`), which
  follows M49.

Every other group (EU, CIS, …, with their dated memberships), the groups' names, notes and aliases
are curated by hand in the JSON and kept as they are. A new M49 group gets seed names from Babel's
CLDR data; review them before committing.

Usage (from the repository root):
    apt-get install iso-codes unicode-cldr-core      # the sources, once
    .venv/bin/python scripts/build_territories.py --check   # report differences, exit 1 if any
    .venv/bin/python scripts/build_territories.py --write   # rewrite the file, then review `git diff`
Bump the file's "version" when its content changes (see docs/rights-vocabularies.md).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "cinebridge" / "rights" / "data" / "territories.json"
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")
CLDR_SUPPLEMENTAL = Path("/usr/share/unicode/cldr/common/supplemental/supplementalData.xml")
LANGUAGES = ("en", "fa", "ar", "ru", "be")

# UN M49 code → our group code, in the order the groups are listed in the file.
M49_CODES = {
    "001": "WORLD",
    "002": "AFRICA",
    "015": "NORTHERN_AFRICA",
    "202": "SUB_SAHARAN_AFRICA",
    "014": "EASTERN_AFRICA",
    "017": "MIDDLE_AFRICA",
    "018": "SOUTHERN_AFRICA",
    "011": "WESTERN_AFRICA",
    "019": "AMERICAS",
    "419": "LATIN_AMERICA_CARIBBEAN",
    "029": "CARIBBEAN",
    "013": "CENTRAL_AMERICA",
    "005": "SOUTH_AMERICA",
    "021": "NORTHERN_AMERICA",
    "142": "ASIA",
    "143": "CENTRAL_ASIA",
    "030": "EASTERN_ASIA",
    "035": "SOUTH_EASTERN_ASIA",
    "034": "SOUTHERN_ASIA",
    "145": "WESTERN_ASIA",
    "150": "EUROPE",
    "151": "EASTERN_EUROPE",
    "154": "NORTHERN_EUROPE",
    "039": "SOUTHERN_EUROPE",
    "155": "WESTERN_EUROPE",
    "009": "OCEANIA",
    "053": "AUSTRALIA_NEW_ZEALAND",
    "054": "MELANESIA",
    "057": "MICRONESIA_REGION",
    "061": "POLYNESIA",
}

# The M49 structure above the countries (the UN's "Standard country or area codes for statistical
# use"): CLDR flattens Africa and the Americas and lists 202 and 419 only as "groupings".
M49_TREE = {
    "001": ("002", "019", "142", "150", "009"),
    "002": ("015", "202"),
    "202": ("014", "017", "018", "011"),
    "019": ("419", "021"),
    "419": ("029", "013", "005"),
    "142": ("143", "030", "035", "034", "145"),
    "150": ("151", "154", "039", "155"),
    "009": ("053", "054", "057", "061"),
}
M49_REGIONS = frozenset({"001", "002", "019", "142", "150", "009"})

# Not an ISO 3166-1 assignment; CLDR's user-assigned numeric code for it.
KOSOVO_CODE, KOSOVO_ID = "XK", 983
# Placed by CLDR where M49 (which lists neither) has no entry; kept where CLDR puts them.
NOT_IN_M49 = {"XK": "039", "TW": "030"}
# M49 puts Antarctica (010) directly under the World, in no region; CLDR files it under Oceania.
DIRECTLY_IN_WORLD = ("AQ",)


def iso_countries() -> dict[str, int]:
    data = json.loads(ISO_CODES.read_text(encoding="utf-8"))
    return {entry["alpha_2"]: int(entry["numeric"]) for entry in data["3166-1"]}


def cldr_supplemental() -> tuple[dict[str, list[str]], dict[str, int]]:
    """CLDR's (non-grouping, current) territory containment and its numeric code mappings."""
    root = ET.parse(CLDR_SUPPLEMENTAL).getroot()  # noqa: S314 - a local, trusted Debian data file
    containment: dict[str, list[str]] = {}
    for group in root.iter("group"):
        if group.get("status") in ("grouping", "deprecated") or group.get("grouping") == "true":
            continue
        containment.setdefault(group.get("type", ""), []).extend(group.get("contains", "").split())
    numerics = {
        element.get("type", ""): int(element.get("numeric", "0"))
        for element in root.iter("territoryCodes")
        if element.get("numeric")
    }
    return containment, numerics


def package_version(name: str) -> str:
    try:
        completed = subprocess.run(  # noqa: S603 - fixed argument list
            ["dpkg-query", "-W", "-f=${Version}", name],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return completed.stdout.strip()


def seed_names(m49: str) -> dict[str, str]:
    from babel import Locale

    return {language: str(Locale.parse(language).territories.get(m49, m49)) for language in LANGUAGES}


def compute(existing: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The file's new content and the warnings met on the way."""
    warnings: list[str] = []
    iso = iso_countries()
    containment, cldr_numerics = cldr_supplemental()
    for code, numeric in sorted(iso.items()):
        if cldr_numerics.get(code, numeric) != numeric:
            warnings.append(f"{code}: iso-codes numeric {numeric}, CLDR {cldr_numerics[code]}")
    leaves = set(iso) | {KOSOVO_CODE}

    placed: dict[str, str] = {}
    lowest = [m49 for m49 in M49_CODES if m49 not in M49_TREE]
    members_of: dict[str, list[str]] = {m49: [] for m49 in lowest}
    for m49 in lowest:
        for code in containment.get(m49, []):
            if code not in leaves:
                warnings.append(f"{code} (CLDR, in {m49}) is not an ISO 3166-1 code: left out")
                continue
            if code in placed:
                warnings.append(f"{code} is in both {placed[code]} and {m49} in CLDR")
            placed[code] = m49
            members_of[m49].append(code)
    for code, m49 in NOT_IN_M49.items():
        if placed.get(code) != m49:
            warnings.append(f"{code}: expected under {m49}, CLDR has {placed.get(code)}")
    unplaced = sorted(leaves - set(placed) - set(DIRECTLY_IN_WORLD))
    if unplaced:
        warnings.append(f"in no M49 region: {', '.join(unplaced)}")

    old_countries = {entry["code"]: entry for entry in existing.get("countries", [])}
    countries = []
    for code in sorted(leaves):
        entry: dict[str, Any] = {"code": code, "id": KOSOVO_ID if code == KOSOVO_CODE else iso[code]}
        if "note" in old_countries.get(code, {}):
            entry["note"] = old_countries[code]["note"]
        countries.append(entry)

    old_groups = {group["code"]: group for group in existing.get("groups", [])}
    groups: list[dict[str, Any]] = []
    for m49, code in M49_CODES.items():
        old = old_groups.get(code, {})
        members: list[Any] = [M49_CODES[child] for child in M49_TREE.get(m49, ())]
        members += sorted(members_of.get(m49, []))
        if m49 == "001":
            members += list(DIRECTLY_IN_WORLD)
        group: dict[str, Any] = {
            "code": code,
            "kind": "m49 region" if m49 in M49_REGIONS else "m49 subregion",
            "m49": m49,
            "names": old.get("names") or seed_names(m49),
        }
        for key in ("aliases", "note"):
            if key in old:
                group[key] = old[key]
        group["members"] = members
        groups.append(group)
    groups += [group for code, group in old_groups.items() if code not in M49_CODES.values()]

    today = datetime.now(tz=UTC).date().isoformat()
    sources = dict(existing.get("sources", {}))
    sources["countries"] = (
        f"ISO 3166-1 alpha-2 and numeric codes from Debian's iso-codes {package_version('iso-codes')}; "
        "Kosovo (XK) with CLDR's user-assigned numeric 983"
    )
    sources["m49"] = (
        "UN M49 structure (regions, sub-regions, intermediate regions); country placement from "
        "Unicode CLDR territoryContainment (Debian unicode-cldr-core "
        f"{package_version('unicode-cldr-core')}, i.e. CLDR {package_version('unicode-cldr-core').split('-')[0]})"
    )
    sources["generated"] = f"scripts/build_territories.py on {today}"
    result: dict[str, Any] = {"version": existing.get("version", "0")}
    if "description" in existing:
        result["description"] = existing["description"]
    result["sources"] = sources
    result.update(
        (key, value)
        for key, value in existing.items()
        if key not in ("version", "description", "sources", "countries", "groups")
    )
    result["countries"] = countries
    result["groups"] = groups
    return result, warnings


def dumps(data: dict[str, Any]) -> str:
    """JSON with one country, one member and one name table per line: small, readable diffs."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    keys = list(data)
    for index, key in enumerate(keys):
        comma = "," if index < len(keys) - 1 else ""
        value = data[key]
        if key == "countries":
            lines.append(f'  "{key}": [')
            lines += [
                f"    {compact(entry)}{',' if i < len(value) - 1 else ''}" for i, entry in enumerate(value)
            ]
            lines.append(f"  ]{comma}")
        elif key == "groups":
            lines.append(f'  "{key}": [')
            for i, group in enumerate(value):
                lines.append("    {")
                group_keys = list(group)
                for j, group_key in enumerate(group_keys):
                    group_comma = "," if j < len(group_keys) - 1 else ""
                    if group_key == "members":
                        members = group[group_key]
                        lines.append('      "members": [')
                        lines += [
                            f"        {compact(member)}{',' if k < len(members) - 1 else ''}"
                            for k, member in enumerate(members)
                        ]
                        lines.append(f"      ]{group_comma}")
                    else:
                        lines.append(f'      "{group_key}": {compact(group[group_key])}{group_comma}')
                lines.append(f"    }}{',' if i < len(value) - 1 else ''}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(
                f'  "{key}": {json.dumps(value, ensure_ascii=False, indent=2)}{comma}'.replace("\n", "\n  ")
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="report differences (the default)")
    mode.add_argument("--write", action="store_true", help="rewrite the file")
    args = parser.parse_args()
    for source in (ISO_CODES, CLDR_SUPPLEMENTAL):
        if not source.exists():
            print(f"error: {source} is missing: apt-get install iso-codes unicode-cldr-core", file=sys.stderr)
            return 2
    existing = json.loads(TARGET.read_text(encoding="utf-8")) if TARGET.exists() else {}
    result, warnings = compute(existing)
    for warning in warnings:
        print(f"note: {warning}", file=sys.stderr)
    if args.write:
        TARGET.write_text(dumps(result), encoding="utf-8")
        print(
            f"wrote {TARGET.relative_to(ROOT)}: {len(result['countries'])} countries, {len(result['groups'])} groups"
        )
        return 0
    ignore = ("sources",)
    old = {key: value for key, value in existing.items() if key not in ignore}
    new = {key: value for key, value in result.items() if key not in ignore}
    if old == new:
        print("territories.json matches its sources")
        return 0
    old_countries = {entry["code"]: entry["id"] for entry in existing.get("countries", [])}
    new_countries = {entry["code"]: entry["id"] for entry in result["countries"]}
    for code in sorted(set(old_countries) | set(new_countries)):
        if old_countries.get(code) != new_countries.get(code):
            print(f"country {code}: {old_countries.get(code)} → {new_countries.get(code)}")
    old_groups = {group["code"]: group for group in existing.get("groups", [])}
    for group in result["groups"]:
        if old_groups.get(group["code"]) != group:
            print(f"group {group['code']} differs")
    return 1


if __name__ == "__main__":
    sys.exit(main())
