"""The rule sets a project can be checked against: the shipped files (`rulesets/*.json`, read-only) and
the ones kept in the database for film bodies to edit (`RuleSet`). A name is a file's `id` or a row's
slug; the services keep the two apart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from cinebridge.accounts.models import Organisation
from cinebridge.coproduction.models import RuleSet, RuleSetRevision

__all__ = [
    "RULE_SET_DIR",
    "RuleSetRow",
    "rule_set_default_for",
    "rule_set_document_get",
    "rule_set_documents",
    "rule_set_row",
    "rule_set_rows",
    "shipped_rule_set_documents",
]

# When no rule set names all of a project's countries as parties, the generic bilateral treaty.
FALLBACK_RULE_SET = "bilateral-template"

RULE_SET_DIR = Path(__file__).resolve().parent.parent / "rulesets"


@cache
def _shipped() -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for path in sorted(RULE_SET_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        documents[document["id"]] = document
    return documents


def shipped_rule_set_documents() -> dict[str, dict[str, Any]]:
    """The shipped rule sets by id (a copy: callers may change what they get)."""
    return json.loads(json.dumps(_shipped()))  # type: ignore[no-any-return]


def rule_set_documents() -> dict[str, dict[str, Any]]:
    """Every rule set by name: the shipped ones, then the editable ones of the database."""
    documents = shipped_rule_set_documents()
    for row in RuleSet.objects.order_by("slug"):
        documents[row.slug] = row.document
    return documents


def rule_set_document_get(*, name: str) -> dict[str, Any]:
    """One rule set by name; 404 with the name when there is none."""
    # The shipped files first: they answer without a database (a fresh checkout's `coproduction_check`).
    shipped = _shipped().get(name)
    if shipped is not None:
        return json.loads(json.dumps(shipped))  # type: ignore[no-any-return]
    row = RuleSet.objects.filter(slug=name).first()
    if row is None:
        raise Http404(_("There is no rule set named %(name)s.") % {"name": name})
    return row.document  # type: ignore[no-any-return]


def rule_set_default_for(*, countries: set[str]) -> str:
    """The rule set a project of these co-producing countries is checked against unless someone picks
    another: an editable one (a programme two film bodies run) whose parties include every country,
    else a shipped one whose parties do, else the bilateral template."""
    documents = rule_set_documents()
    editable = [name for name in documents if name not in _shipped()]
    for name in [*editable, *_shipped()]:
        parties = documents[name].get("parties")
        if isinstance(parties, list) and countries and countries <= set(parties):
            return name
    return FALLBACK_RULE_SET if FALLBACK_RULE_SET in documents else next(iter(documents))


@dataclass(frozen=True)
class RuleSetRow:
    """An editable rule set with the film bodies that edit it and its latest revisions, newest first."""

    rule_set: RuleSet
    editors: list[Organisation]
    revisions: list[RuleSetRevision]


def rule_set_row(*, name: str, revisions: int = 20) -> RuleSetRow | None:
    """The database row of the editable rule set `name`, with its editors and its `revisions` latest
    revisions (and who made them); None for a shipped file's name or an unknown one."""
    row = RuleSet.objects.filter(slug=name).prefetch_related("editors").first()
    if row is None:
        return None
    latest = list(row.revisions.select_related("edited_by").order_by("-version")[:revisions])
    return RuleSetRow(rule_set=row, editors=list(row.editors.all()), revisions=latest)


def rule_set_rows() -> dict[str, RuleSetRow]:
    """Every editable rule set by slug, with its editors (no revisions: the list does not show them)."""
    return {
        row.slug: RuleSetRow(rule_set=row, editors=list(row.editors.all()), revisions=[])
        for row in RuleSet.objects.prefetch_related("editors").order_by("slug")
    }
