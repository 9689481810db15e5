"""The rule sets a project is checked against: the shipped instruments (read-only files citing their
source) and the programme rule sets kept in the database, which the editors of the film bodies named on
them change here, one number at a time, each change kept as a revision with a note of what changed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cinebridge.accounts.models import User
from cinebridge.coproduction import explain
from cinebridge.coproduction.engine.rulesets import editable_params, rule_set_from_json
from cinebridge.coproduction.forms.rules import EditableParam, RuleSetParamsForm, initial_values
from cinebridge.coproduction.models import CreativeRole, RuleSet
from cinebridge.coproduction.selectors import access
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get, rule_set_documents
from cinebridge.coproduction.services import rulesets as services
from cinebridge.coproduction.views.projects import number
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language, text_in
from cinebridge.core.vocabularies import country_name

CHECK_LABELS: dict[str, Any] = {
    "share_min": gettext_lazy("Minimum share"),
    "share_max": gettext_lazy("Maximum share"),
    "financial_only_share": gettext_lazy("Financial-only co-producer's share"),
    "non_party_share_max": gettext_lazy("Cap for co-producers outside the parties"),
    "countries_min": gettext_lazy("Number of co-producing countries"),
    "points": gettext_lazy("Points table"),
    "runtime_min": gettext_lazy("Minimum runtime"),
    "confirmed_financing_min": gettext_lazy("Confirmed financing"),
    "letters_recent": gettext_lazy("Recent letters of commitment"),
    "support_max": gettext_lazy("Support cap"),
    "creative_proportional": gettext_lazy("Creative contribution in proportion to money"),
    "places_in_parties": gettext_lazy("Where the work is done"),
    "financing_covers_budget": gettext_lazy("Financing covers the budget"),
}
PARAM_LABELS: dict[str, Any] = {
    "percent": gettext_lazy("Per cent"),
    "per": gettext_lazy("Per"),
    "min_percent": gettext_lazy("At least (per cent)"),
    "max_percent": gettext_lazy("At most (per cent)"),
    "count": gettext_lazy("Count"),
    "parties_only": gettext_lazy("Parties only"),
    "threshold": gettext_lazy("Threshold (points)"),
    "waiver_min": gettext_lazy("Waiver from (points)"),
    "count_nationals_of": gettext_lazy("Counting nationals of"),
    "minutes": gettext_lazy("Minutes"),
    "months": gettext_lazy("Months"),
    "amount": gettext_lazy("Amount"),
    "tolerance": gettext_lazy("Tolerance (percentage points)"),
    "place": gettext_lazy("Place"),
    "mode": gettext_lazy("Mode"),
    "posts": gettext_lazy("Posts"),
}
PLACE_LABELS: dict[str, Any] = {
    "shooting": gettext_lazy("Shooting"),
    "post_production": gettext_lazy("Post-production"),
    "animation": gettext_lazy("Animation"),
}
_PATH = re.compile(r"rules\[(\d+)\]\.params\.(\w+)")


def check_label(check: str) -> str:
    return str(CHECK_LABELS.get(check, check))


def param_label(name: str) -> str:
    return str(PARAM_LABELS.get(name, name.replace("_", " ")))


def role_label(role: str) -> str:
    return str(CreativeRole(role).label) if role in CreativeRole.values else role


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _row(name: str) -> RuleSet | None:
    """The database row of an editable rule set, with its editors (None for a shipped file)."""
    return RuleSet.objects.filter(slug=name).prefetch_related("editors").first()


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
    conditions: list[str]
    params: list[tuple[str, str]]
    tables: list[tuple[str, list[TableRow]]]


def _value_text(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None:
        return "—"
    if name == "place":
        return str(PLACE_LABELS.get(value, value))
    if name in ("percent", "min_percent", "max_percent"):
        return f"{number(value)} %"
    if name == "posts" and isinstance(value, Mapping):
        return ", ".join(f"{role_label(role)} ({number(weight)})" for role, weight in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return number(value)


def _conditions(when: Mapping[str, Any], currency: str) -> list[str]:
    """When a rule applies, as short sentences."""
    conditions = []
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
        conditions.append(_("for: %(kinds)s") % {"kinds": ", ".join(when["kinds"])})
    if when.get("audiences"):
        conditions.append(_("for audiences: %(audiences)s") % {"audiences": ", ".join(when["audiences"])})
    if when.get("budget_at_least"):
        conditions.append(
            _("budget of at least %(amount)s %(currency)s")
            % {"amount": number(when["budget_at_least"]), "currency": currency}
        )
    if when.get("budget_below"):
        conditions.append(
            _("budget below %(amount)s %(currency)s")
            % {"amount": number(when["budget_below"]), "currency": currency}
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
                label = _("%(place)s in a party's country") % {
                    "place": PLACE_LABELS.get(entry.get("place", ""), entry.get("place", ""))
                }
            rows.append(TableRow(label, number(entry.get("points", ""))))
        tables.append((_("Every kind") if kind == "*" else str(kind), rows))
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
                    (param_label(name), _value_text(name, value))
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
    user = _signed_in(request)
    language = active_language()
    editable = {row.slug: row for row in RuleSet.objects.prefetch_related("editors")}
    rows = []
    for name, document in rule_set_documents().items():
        row = editable.get(name)
        rows.append(
            {
                "name": name,
                "title": text_in(document.get("names") or {}, language) or name,
                "version": document.get("version", ""),
                "source": document.get("source") or {},
                "parties": _parties(document),
                "rule_count": number(len(document.get("rules") or [])),
                "row": row,
                "editors": list(row.editors.all()) if row is not None else [],
                "may_edit": row is not None and access.rule_set_may_edit(viewer=user, rule_set=row),
            }
        )
    return render(request, "coproduction/rules/list.html", {"rows": rows})


@login_required
@require_GET
def rule_set_detail(request: HttpRequest, name: str) -> HttpResponse:
    """A rule set: its source, its parties and every rule with its check, numbers and article; an editable
    one also shows its editors and its revisions."""
    user = _signed_in(request)
    document = rule_set_document_get(name=name)
    row = _row(name)
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
            "editors": list(row.editors.all()) if row is not None else [],
            "revisions": list(row.revisions.select_related("edited_by")[:20]) if row is not None else [],
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
    user = _signed_in(request)
    row = _row(name)
    if row is None:
        raise Http404(_("Only the programme rule sets kept on the platform are edited here."))
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
                row = _row(name) or row
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
            "editors": list(row.editors.all()),
            "revisions": list(row.revisions.select_related("edited_by")[:20]),
        },
        status=status,
    )
