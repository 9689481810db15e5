"""The rule sets a project is checked against: the shipped instruments (read-only files citing their
source) and the programme rule sets kept in the database, which the editors of the film bodies named on
them change here, one number at a time, each change kept as a revision with a note of what changed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cinebridge.coproduction import explain
from cinebridge.coproduction.display import (
    Text,
    audience_label,
    check_label,
    html_sentence,
    kind_label,
    money,
    number,
    param_label,
    param_value,
    place_label,
    role_label,
)
from cinebridge.coproduction.engine.rulesets import editable_params, rule_set_from_json
from cinebridge.coproduction.forms.rules import EditableParam, RuleSetParamsForm, initial_values
from cinebridge.coproduction.selectors import access
from cinebridge.coproduction.selectors.rulesets import (
    rule_set_document_get,
    rule_set_documents,
    rule_set_row,
    rule_set_rows,
)
from cinebridge.coproduction.services import rulesets as services
from cinebridge.coproduction.views.common import signed_in
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language, text_in
from cinebridge.core.vocabularies import country_name

_PATH = re.compile(r"rules\[(\d+)\]\.params\.(\w+)")


# --- presentation -----------------------------------------------------------------------------------------


@dataclass
class TableRow:
    label: str
    points: str


@dataclass
class RuleView:
    """A rule of a rule set as the page shows it: its check, its numbers, its article."""

    code: str
    title: str
    check: str
    article: str
    severity: str
    conditions: list[Text]
    params: list[tuple[str, Text]]
    tables: list[tuple[str, list[TableRow]]]


def _listed(values: Iterable[str]) -> str:
    return format_list(list(values), locale=active_language())


def _conditions(when: Mapping[str, Any], currency: str) -> list[Text]:
    """When a rule applies, as short sentences."""
    conditions: list[Text] = []
    countries = when.get("countries") or {}
    low, high = countries.get("min"), countries.get("max")
    if low is not None and low == high:
        conditions.append(_("with exactly %(count)s co-producing countries") % {"count": number(low)})
    else:
        if low is not None:
            conditions.append(_("with at least %(count)s co-producing countries") % {"count": number(low)})
        if high is not None:
            conditions.append(_("with at most %(count)s co-producing countries") % {"count": number(high)})
    if when.get("kinds"):
        conditions.append(
            _("for: %(kinds)s") % {"kinds": _listed(kind_label(kind) for kind in when["kinds"])}
        )
    if when.get("audiences"):
        conditions.append(
            _("for audiences: %(audiences)s")
            % {"audiences": _listed(audience_label(audience) for audience in when["audiences"])}
        )
    if when.get("budget_at_least"):
        conditions.append(
            html_sentence(_("budget of at least %(amount)s"), amount=money(when["budget_at_least"], currency))
        )
    if when.get("budget_below"):
        conditions.append(
            html_sentence(_("budget below %(amount)s"), amount=money(when["budget_below"], currency))
        )
    return conditions


def _tables(params: Mapping[str, Any]) -> list[tuple[str, list[TableRow]]]:
    tables = []
    for kind, entries in (params.get("tables") or {}).items():
        rows = []
        for entry in entries:
            if "role" in entry:
                label = role_label(entry["role"])
            else:
                label = _("%(place)s in a party's country") % {"place": place_label(entry.get("place", ""))}
            rows.append(TableRow(label, number(entry.get("points", ""))))
        tables.append((kind_label(str(kind)), rows))
    return tables


def rule_views(document: Mapping[str, Any], language: str) -> list[RuleView]:
    currency = str(document.get("currency") or "")
    views = []
    for rule in document.get("rules") or []:
        params = rule.get("params") or {}
        views.append(
            RuleView(
                code=rule["code"],
                title=explain.rule_title(rule, language),
                check=check_label(rule["check"]),
                article=rule.get("article", ""),
                severity=rule.get("severity", "required"),
                conditions=_conditions(rule.get("when") or {}, currency),
                params=[
                    (param_label(name), param_value(name, value))
                    for name, value in params.items()
                    if name != "tables"
                ],
                tables=_tables(params),
            )
        )
    return views


def _parties(document: Mapping[str, Any]) -> list[str]:
    parties = document.get("parties")
    if isinstance(parties, list):
        return sorted((str(code) for code in parties), key=country_name)
    return []


# --- pages ----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def rule_set_list(request: HttpRequest) -> HttpResponse:
    """Every rule set: the shipped instruments and the programme rule sets film bodies edit."""
    user = signed_in(request)
    language = active_language()
    editable = rule_set_rows()
    rows = []
    for name, document in rule_set_documents().items():
        found = editable.get(name)
        row = found.rule_set if found is not None else None
        rows.append(
            {
                "name": name,
                "title": text_in(document.get("names") or {}, language) or name,
                "version": document.get("version", ""),
                "source": document.get("source") or {},
                "parties": _parties(document),
                "rule_count": number(len(document.get("rules") or [])),
                "row": row,
                "editors": found.editors if found is not None else [],
                "may_edit": row is not None and access.rule_set_may_edit(viewer=user, rule_set=row),
            }
        )
    return render(request, "coproduction/rules/list.html", {"rows": rows})


@login_required
@require_GET
def rule_set_detail(request: HttpRequest, name: str) -> HttpResponse:
    """A rule set: its source, its parties and every rule with its check, numbers and article; an editable
    one also shows its editors and its revisions."""
    user = signed_in(request)
    found = rule_set_row(name=name)
    row = found.rule_set if found is not None else None
    document = row.document if row is not None else rule_set_document_get(name=name)
    language = active_language()
    return render(
        request,
        "coproduction/rules/detail.html",
        {
            "name": name,
            "document": document,
            "title": text_in(document.get("names") or {}, language) or name,
            "source": document.get("source") or {},
            "parties": _parties(document),
            "parties_are_coproducers": document.get("parties") == "coproducers",
            "rules": rule_views(document, language),
            "row": row,
            "editors": found.editors if found is not None else [],
            "revisions": found.revisions if found is not None else [],
            "may_edit": row is not None and access.rule_set_may_edit(viewer=user, rule_set=row),
        },
    )


def _params(document: Mapping[str, Any], language: str) -> list[EditableParam]:
    doc = rule_set_from_json(document)
    values = initial_values(document)
    titles = {rule["code"]: explain.rule_title(rule, language) for rule in document.get("rules") or []}
    hints = {
        "percent": _("Per cent, e.g. 10 or 12.5"),
        "amount": _("An amount in %(currency)s") % {"currency": document.get("currency", "")},
        "integer": _("A whole number"),
    }
    return [
        EditableParam(
            code=param.code,
            param=param.name,
            kind=param.type,
            title=titles.get(param.code, param.code),
            value=values.get(param.code, {}).get(param.name),
            label=param_label(param.name),
            hint=hints.get(param.type, ""),
        )
        for param in editable_params(doc)
    ]


def _refusal_field(
    form: RuleSetParamsForm, error: ApplicationError, document: Mapping[str, Any]
) -> str | None:
    """The input a refusal is about: its field when the form has it ("note"), the parameter it names as
    "<rule code>.<param>", or the parameter at the document path it names."""
    field = error.field or ""
    if field in form.fields:
        return field
    code, _dot, param = field.rpartition(".")
    if code and form.field_of(code, param):
        return form.field_of(code, param)
    match = _PATH.search(str(error.extra.get("path") or ""))
    if match:
        rules = document.get("rules") or []
        index = int(match.group(1))
        if index < len(rules):
            return form.field_of(rules[index]["code"], match.group(2))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def rule_set_edit(request: HttpRequest, name: str) -> HttpResponse:
    """The editors of the film bodies named on a programme rule set change its numbers; each change is a
    revision with a note. A change made meanwhile is refused (409) and the page keeps what was typed."""
    user = signed_in(request)
    found = rule_set_row(name=name)
    if found is None:
        raise Http404(_("Only the programme rule sets kept on the platform are edited here."))
    row = found.rule_set
    access.rule_set_require_edit(viewer=user, rule_set=row)
    language = active_language()
    params = _params(row.document, language)
    status = 200
    stale = False
    if request.method != "POST":
        form = RuleSetParamsForm(initial={"version": row.version}, params=params)
    else:
        form = RuleSetParamsForm(request.POST, params=params)
        status = 400
        if form.is_valid():
            try:
                services.rule_set_update_params(
                    actor=user,
                    rule_set=row,
                    values=form.values(),
                    expected_version=form.cleaned_data["version"],
                    note=form.cleaned_data["note"],
                )
            except services.StaleRuleSet:
                stale, status = True, 409
                found = rule_set_row(name=name) or found
                row = found.rule_set
                data: QueryDict = request.POST.copy()
                data["version"] = str(row.version)
                form = RuleSetParamsForm(data, params=_params(row.document, language))
                form.is_valid()
            except ApplicationError as error:
                form.add_error(_refusal_field(form, error, row.document), error.message)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The rule set was saved; the change is kept as a revision."))
                return redirect("coproduction:rule_set_detail", name=name)
    return render(
        request,
        "coproduction/rules/edit.html",
        {
            "name": name,
            "row": row,
            "title": text_in(row.document.get("names") or {}, language) or name,
            "form": form,
            "stale": stale,
            "editors": found.editors,
            "revisions": found.revisions,
        },
        status=status,
    )
