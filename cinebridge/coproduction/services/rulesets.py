"""Writes to the rule sets kept in the database (`RuleSet`), the ones film bodies edit in the UI: made
from a shipped template (`rulesets/<id>.json`), then changed as a whole document or number by number.

Every document is validated by the engine (`engine.rulesets.rule_set_from_json`) before it is kept; a
refusal names the place in the document (`rules[2].params.percent`), worded in the user's language by
`explain.rule_set_error_message`. Every version of the document is kept as a `RuleSetRevision` (the
first one too) with who made it and why; a change made against a version someone has moved past is
refused (`StaleRuleSet`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, OrganisationKind, User
from cinebridge.coproduction.engine.rulesets import (
    RuleSetError,
    document_with_params,
    rule_set_from_json,
)
from cinebridge.coproduction.explain import error_sentence, rule_set_error_message
from cinebridge.coproduction.models import RuleSet, RuleSetRevision
from cinebridge.coproduction.selectors.access import rule_set_require_edit
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get, shipped_rule_set_documents
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.errors import ApplicationError

__all__ = [
    "StaleRuleSet",
    "rule_set_create_from",
    "rule_set_update",
    "rule_set_update_params",
]

_NOTE_LENGTH = 300
_PARAM_PATH = re.compile(r"rules\[(\d+)\]\.params\.([A-Za-z_]+)")


class StaleRuleSet(ApplicationError):  # noqa: N818 (the contract names it)
    """The rule set changed since the person loaded it; `extra["version"]` is its version now."""

    def __init__(self, *, version: int) -> None:
        super().__init__(
            _(
                "Someone changed this rule set meanwhile (it is now at version %(version)d). "
                "Reload it and make your change again."
            )
            % {"version": version},
            extra={"field": "expected_version", "version": version},
        )


def _refuse(field: str | None, message: str, **extra: Any) -> ApplicationError:
    return ApplicationError(message, extra={"field": field, **extra})


def _validated(document: Any, *, field: str = "document") -> None:
    try:
        rule_set_from_json(document)
    except RuleSetError as error:
        raise _refuse(field, rule_set_error_message(error), path=error.path, code=error.code) from None


def _note(note: str) -> str:
    note = str(note or "").strip()
    if len(note) > _NOTE_LENGTH:
        raise _refuse("note", _("Keep this to %(limit)d characters.") % {"limit": _NOTE_LENGTH})
    return note


def _keep_revision(rule_set: RuleSet, *, actor: User | None, note: str) -> None:
    RuleSetRevision.objects.create(
        rule_set=rule_set, version=rule_set.version, document=rule_set.document, edited_by=actor, note=note
    )


def _locked(rule_set: RuleSet, expected_version: int) -> RuleSet:
    current = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    if current.version != expected_version:
        raise StaleRuleSet(version=current.version)
    return current


@transaction.atomic
def rule_set_create_from(
    *, actor: User, slug: str, template: str, editors: Sequence[Organisation], note: str = ""
) -> RuleSet:
    """A rule set the film bodies `editors` edit, starting as a copy of the rule set named `template` (a
    shipped file's id or another editable rule set's address). Made by a superuser or by an editor of
    one of those film bodies."""
    editors = list(dict.fromkeys(editors))
    if not editors:
        raise _refuse("editors", _("Name at least one film body that edits this rule set."))
    for body in editors:
        if body.kind != OrganisationKind.FILM_BODY:
            raise _refuse("editors", _("%(organisation)s is not a film body.") % {"organisation": body.name})
    if not (actor.is_superuser or any(policy.can(actor, policy.RULE_SETS_EDIT, body) for body in editors)):
        raise PermissionDenied(_("Only the editors of the film bodies named on a rule set may make it."))
    slug = str(slug or "").strip()
    if not slug or slugify(slug) != slug:
        raise _refuse("slug", _("An address is made of lower-case letters, digits and hyphens."))
    if slug in shipped_rule_set_documents():
        raise _refuse(
            "slug", _("“%(slug)s” is the name of a shipped rule set; choose another.") % {"slug": slug}
        )
    if RuleSet.objects.filter(slug=slug).exists():
        raise _refuse("slug", _("The address “%(slug)s” is taken; choose another.") % {"slug": slug})
    try:
        document = copy.deepcopy(rule_set_document_get(name=str(template)))
    except Http404:
        raise _refuse("template", _("There is no rule set named %(name)s.") % {"name": template}) from None
    document["id"] = slug
    _validated(document)
    rule_set = RuleSet(slug=slug, document=document, version=1)
    rule_set.full_clean()
    rule_set.save()
    rule_set.editors.set(editors)
    _keep_revision(
        rule_set, actor=actor, note=_note(note) or _("Made from %(template)s.") % {"template": template}
    )
    return rule_set


@transaction.atomic
def rule_set_update(
    *, actor: User, rule_set: RuleSet, document: dict[str, Any], expected_version: int, note: str
) -> RuleSet:
    """Replace the rule set's document with `document` (validated; its id stays the rule set's address)."""
    rule_set_require_edit(viewer=actor, rule_set=rule_set)
    note = _note(note)
    current = _locked(rule_set, expected_version)
    if not isinstance(document, Mapping):
        raise _refuse("document", _("The rules must be a JSON object."))
    if document.get("id") != current.slug:
        raise _refuse(
            "document",
            _("The rule set's id must stay “%(slug)s”.") % {"slug": current.slug},
            path="id",
            code="id",
        )
    _validated(document)
    current.document = copy.deepcopy(dict(document))
    current.version += 1
    current.save(update_fields=["document", "version", "updated_at"])
    _keep_revision(current, actor=actor, note=note)
    rule_set.document, rule_set.version, rule_set.updated_at = (
        current.document,
        current.version,
        current.updated_at,
    )
    return rule_set


@transaction.atomic
def rule_set_update_params(
    *,
    actor: User,
    rule_set: RuleSet,
    values: Mapping[str, Mapping[str, str]],
    expected_version: int,
    note: str,
) -> RuleSet:
    """Change the numbers of the rule set (`values[rule code][param]` as typed, Persian or Arabic-Indic
    digits too); only the params `engine.rulesets.editable_params` lists. A refusal's field is
    "<rule code>.<param>"."""
    rule_set_require_edit(viewer=actor, rule_set=rule_set)
    current = _locked(rule_set, expected_version)
    texts = {
        str(code): {str(name): to_ascii_digits(str(text)).strip() for name, text in params.items()}
        for code, params in values.items()
    }
    try:
        document = document_with_params(current.document, texts)
    except RuleSetError as error:
        match = _PARAM_PATH.fullmatch(error.path)
        if match is None:
            raise _refuse(
                "document", rule_set_error_message(error), path=error.path, code=error.code
            ) from None
        # The form shows the number's rule beside it: the sentence alone, on the field "<code>.<param>".
        rule = current.document["rules"][int(match.group(1))]
        raise _refuse(
            f"{rule['code']}.{match.group(2)}", error_sentence(error), path=error.path, code=error.code
        ) from None
    return rule_set_update(
        actor=actor, rule_set=rule_set, document=document, expected_version=expected_version, note=note
    )
