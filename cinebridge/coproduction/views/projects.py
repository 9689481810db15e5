"""The project pages: the list (the viewer's projects, those looking for partners), creation, the project
with its tabs (overview; co-producers and contributions with the shares per company and per country; the
financing plan; creatives and cast; eligibility against a rule set with the what-if answers) and the forms
that change each part.

A project looking for partners shows its card to every signed-in person; its financing, contributions,
creatives and eligibility only to its co-producers and their film bodies (`access.project_may_view_private`,
asked by the selectors); changes only to the co-producers' editors (asked here and again by the services).
An edit of the project names the version it was made against: a change made meanwhile is refused and the
page keeps what the person typed (409).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.accounts.selectors import organisation_list
from cinebridge.coproduction import explain
from cinebridge.coproduction.forms.projects import (
    ContributionForm,
    CoProducerForm,
    CreativeForm,
    FinancingForm,
    ProjectForm,
    field_for_service,
    project_title,
)
from cinebridge.coproduction.models import (
    Contribution,
    CoProducer,
    Creative,
    CreativeRole,
    FinancingSource,
    Project,
)
from cinebridge.coproduction.selectors import access
from cinebridge.coproduction.selectors import projects as selectors
from cinebridge.coproduction.selectors.rulesets import rule_set_default_for, rule_set_documents
from cinebridge.coproduction.services import projects as services
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language, text_in
from cinebridge.core.pdf import money_text, percent_text, strip_isolates
from cinebridge.core.vocabularies import country_name, is_country_code

T = TypeVar("T")

TABS = ("overview", "partners", "financing", "creatives")
PRIVATE_TABS = frozenset({"partners", "financing", "creatives", "eligibility"})
LEAD_ROLES = frozenset({CreativeRole.LEAD_1, CreativeRole.LEAD_2, CreativeRole.LEAD_3})

# --- display helpers (numbers in the active language's digits, isolated for right-to-left pages) ----------


def money(amount: Decimal | str | None, currency: str) -> SafeString:
    """An amount with its currency's minor units in the active language's digits, isolated left to right."""
    if amount is None or amount == "":
        return SafeString("—")
    text = strip_isolates(money_text(amount, currency, active_language()))
    return format_html('<bdi dir="ltr" class="text-nowrap">{}</bdi>', text)


def percent(value: Decimal | str | None) -> SafeString:
    """A percentage ("12.5 %") in the active language's digits, isolated left to right."""
    if value is None or value == "":
        return SafeString("—")
    text = strip_isolates(percent_text(value, active_language()))
    return format_html('<bdi dir="ltr" class="text-nowrap">{}</bdi>', text)


def number(value: object) -> str:
    return localize_digits(str(value), active_language())


def bar_width(value: Decimal | str | None) -> str:
    """A CSS width in per cent ("12.50"), ASCII whatever the language, capped at 100."""
    if value is None or value == "":
        return "0"
    amount = min(max(Decimal(str(value)), Decimal(0)), Decimal(100))
    return f"{amount.quantize(Decimal('0.01')):f}"


def url_or_none(name: str, *args: Any) -> str | None:
    """The address of a page another part of the app may not have yet (matchmaking, directory, dossier)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# --- helpers ------------------------------------------------------------------------------------------------


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _project(request: HttpRequest, slug: str) -> tuple[User, Project]:
    """The viewer and a project they may see (404 for anyone else)."""
    user = _signed_in(request)
    return user, selectors.project_get_visible(viewer=user, slug=slug)


def _private(request: HttpRequest, slug: str) -> tuple[User, Project]:
    """The viewer and a project whose private side they may see (403 for the public card's readers)."""
    user, project = _project(request, slug)
    access.project_require_view_private(viewer=user, project=project)
    return user, project


def _editing(request: HttpRequest, slug: str) -> tuple[User, Project]:
    """The viewer and a project they may change."""
    user, project = _private(request, slug)
    access.project_require_edit(viewer=user, project=project)
    return user, project


def _pick(items: Iterable[T], pk: int) -> T:
    """The item of the project with this id (a 404 for another project's)."""
    for item in items:
        if item.pk == pk:  # type: ignore[attr-defined]
            return item
    raise Http404


def _refusal(form: Any, error: ApplicationError | ValidationError) -> None:
    """A service's refusal shown at the field it names (or above the form)."""
    if isinstance(error, ApplicationError):
        form.add_error(field_for_service(form, error.field), error.message)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, texts in error.message_dict.items():
        form.add_error(field_for_service(form, name), texts)


def _attempt(form: Any, call: Callable[[], T]) -> T | None:
    """What the service `call` returned, or None with its refusal on the form."""
    try:
        return call()
    except (ApplicationError, ValidationError) as error:
        _refusal(form, error)
        return None


def _step(request: HttpRequest, call: Callable[[], object], done: str) -> bool:
    """A step taken with one button (remove, delete): `done` flashed, or the refusal; whether it was taken."""
    try:
        call()
    except ApplicationError as error:
        messages.error(request, error.message)
        return False
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done)
    return True


def _today() -> date:
    return timezone.localdate()


def _tab_url(slug: str, tab: str) -> str:
    address = reverse("coproduction:project_detail", args=[slug])
    return address if tab == "overview" else f"{address}?tab={tab}"


def _project_context(user: User, project: Project, tab: str) -> dict[str, Any]:
    """What every project page shows around its content: the title, the card line, the tabs and links."""
    may_view_private = access.project_may_view_private(viewer=user, project=project)
    slug = project.slug
    tabs = [("overview", _("Overview"), _tab_url(slug, "overview"))]
    if may_view_private:
        tabs += [
            ("partners", _("Co-producers & contributions"), _tab_url(slug, "partners")),
            ("financing", _("Financing plan"), _tab_url(slug, "financing")),
            ("creatives", _("Creatives & cast"), _tab_url(slug, "creatives")),
            ("eligibility", _("Eligibility"), reverse("coproduction:project_eligibility", args=[slug])),
        ]
    links = [
        (label, address)
        for label, address in (
            (_("Partners wanted"), url_or_none("coproduction:project_partners", slug)),
            (_("Bookings of studios and locations"), url_or_none("coproduction:booking_list")),
            (_("Invitations to specialists"), url_or_none("coproduction:invitation_list")),
            (
                _("Application dossier (PDF)"),
                url_or_none("coproduction:project_dossier", slug) if may_view_private else None,
            ),
        )
        if address
    ]
    return {
        "project": project,
        "title": project_title(project),
        "tab": tab,
        "tabs": tabs,
        "links": links,
        "may_edit": may_view_private and access.project_may_edit(viewer=user, project=project),
        "may_view_private": may_view_private,
        "countries": sorted({c.country for c in project.coproducers.all()}, key=country_name),
    }


# --- the list and creation ----------------------------------------------------------------------------------


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """The viewer's co-productions, and the projects of others looking for partners."""
    user = _signed_in(request)
    # The cards name the co-producers' countries: fetched with the projects, not one query a card.
    mine = list(selectors.projects_of_viewer(viewer=user).prefetch_related("coproducers"))
    own = {project.pk for project in mine}
    seeking = [
        project
        for project in selectors.projects_visible(viewer=user)
        .filter(seeking_partners=True)
        .prefetch_related("coproducers")
        if project.pk not in own
    ]
    return render(
        request,
        "coproduction/projects/list.html",
        {
            "mine": [_card(project) for project in mine],
            "seeking": [_card(project) for project in seeking],
            "may_create": policy.can_anywhere(user, policy.COPRODUCTION_EDIT),
        },
    )


@dataclass
class Card:
    """A project as a list shows it."""

    project: Project
    title: str
    logline: str
    countries: list[str]


def _card(project: Project) -> Card:
    return Card(
        project=project,
        title=project_title(project),
        logline=text_in(project.loglines),
        countries=sorted({c.country for c in project.coproducers.all()}, key=country_name),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    """A producer starts a project; its company becomes the lead and first co-producer."""
    user = _signed_in(request)
    leads = selectors.project_lead_choices(viewer=user)
    if not leads.exists():
        raise PermissionDenied(
            _("Only the editors of a production company or film body can start a project.")
        )
    form = ProjectForm(
        request.POST or None, leads=leads, initial={"start_year": _today().year, "currency": "EUR"}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            project = _attempt(form, lambda: services.project_create(actor=user, **form.service_arguments()))
            if project is not None:
                messages.success(request, _("The project was created; add its co-producers and financing."))
                return redirect("coproduction:project_detail", slug=project.slug)
    return render(request, "coproduction/projects/form.html", {"form": form, "creating": True}, status=status)


# --- the project and its tabs ---------------------------------------------------------------------------------


@dataclass
class ShareRow:
    label: str
    country: str
    amount: SafeString
    percent: SafeString
    width: str
    note: str = ""


def _share_rows(
    shares: Any, currency: str, labels: dict[str, tuple[str, str]] | None = None
) -> list[ShareRow]:
    """The engine's shares as table rows with a bar each (`labels`: company id → (name, country))."""
    rows = []
    for share in shares:
        value = share.percent()
        if labels is None:
            label, country = country_name(share.key), share.key
        else:
            label, country = labels.get(share.key, (share.key, ""))
        rows.append(ShareRow(label, country, money(share.amount, currency), percent(value), bar_width(value)))
    return rows


def _partners_context(user: User, project: Project) -> dict[str, Any]:
    private = selectors.project_private(viewer=user, project=project)
    shares = private.shares
    labels = {
        str(row.coproducer.pk): (row.coproducer.name, row.coproducer.country) for row in private.coproducers
    }
    currency = project.currency
    coproducers = [
        {
            "coproducer": row.coproducer,
            "is_lead": row.coproducer.organisation_id == project.lead_id,
            "financing_total": money(row.financing_total, currency),
            "in_kind_total": money(row.in_kind_total, currency),
            "amount": money(row.amount, currency),
            "percent": percent(row.share.percent()),
            "contributions": [
                {"contribution": c, "value": money(c.value, currency) if c.value else ""}
                for c in row.contributions
            ],
        }
        for row in private.coproducers
    ]
    return {
        "coproducers": coproducers,
        "by_company": _share_rows(shares.by_company, currency, labels),
        "by_country": _share_rows(shares.by_country, currency),
        "total": money(shares.total, currency),
    }


def _financing_context(user: User, project: Project) -> dict[str, Any]:
    private = selectors.project_private(viewer=user, project=project, as_of=_today())
    summary = private.financing
    stale = {source.pk for source in summary.stale}
    currency = project.currency
    rows = [
        {
            "source": source,
            "coproducer": row.coproducer,
            "amount": money(source.amount, currency),
            "stale": source.pk in stale,
        }
        for row in private.coproducers
        for source in row.financing
    ]
    return {
        "rows": rows,
        "summary": summary,
        "financing": money(summary.financing, currency),
        "financing_confirmed": money(summary.financing_confirmed, currency),
        "in_kind": money(summary.in_kind, currency),
        "total": money(summary.total, currency),
        "confirmed": money(summary.confirmed, currency),
        "pending": money(summary.pending, currency),
        "confirmed_percent": percent(summary.confirmed_percent),
        "confirmed_width": bar_width(summary.confirmed_percent),
        "budget": money(project.budget, currency),
        "gap": money(summary.gap, currency) if summary.gap > 0 else None,
        "stale_count": len(stale),
        "stale_months": selectors.LETTER_MONTHS,
    }


def _creatives_context(user: User, project: Project) -> dict[str, Any]:
    private = selectors.project_private(viewer=user, project=project)
    return {
        "creatives": [
            {
                "creative": creative,
                "is_lead": creative.role in LEAD_ROLES,
                "days": number(creative.days_worked) if creative.days_worked is not None else "",
            }
            for creative in private.creatives
        ]
    }


def _overview_context(project: Project) -> dict[str, Any]:
    return {
        "logline": text_in(project.loglines),
        "synopsis": text_in(project.synopses),
        "languages": list(project.languages),
        "budget": money(project.budget, project.currency),
        "support_requested": money(project.support_requested, project.currency)
        if project.support_requested is not None
        else None,
    }


@login_required
@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The project with one tab open (`?tab=`): the private tabs only for co-producers and their film bodies."""
    user, project = _project(request, slug)
    tab = request.GET.get("tab") or "overview"
    if tab not in TABS:
        raise Http404
    if tab in PRIVATE_TABS:
        access.project_require_view_private(viewer=user, project=project)
    context = _project_context(user, project, tab)
    if tab == "partners":
        context.update(_partners_context(user, project))
    elif tab == "financing":
        context.update(_financing_context(user, project))
    elif tab == "creatives":
        context.update(_creatives_context(user, project))
    else:
        context.update(_overview_context(project))
    return render(request, f"coproduction/projects/tab_{tab}.html", context)


# --- eligibility ------------------------------------------------------------------------------------------------


@dataclass
class RuleRow:
    """One rule of the report as the page shows it."""

    code: str
    title: str
    article: str
    status: str
    status_label: str
    severity: str
    explanation: str
    numbers: list[tuple[str, str]]
    items: list[dict[str, Any]]


def rule_set_choices(language: str) -> list[tuple[str, str]]:
    """Every rule set a project can be checked against: (name, its name in the language); a name two
    rule sets share (a programme's copy of its template) is told apart by the rule set's address."""
    labels = [
        (name, text_in(document.get("names") or {}, language) or name)
        for name, document in rule_set_documents().items()
    ]
    counts: dict[str, int] = {}
    for _name, label in labels:
        counts[label] = counts.get(label, 0) + 1
    return [(name, f"{label} ({name})" if counts[label] > 1 else label) for name, label in labels]


def _item_label(item: dict[str, Any]) -> str:
    """What an item of a rule's finding is about: a company, a country, a post or a place."""
    key = str(item.get("key", ""))
    if isinstance(item.get("name"), str) and item.get("country"):
        return f"{item['name']} ({country_name(str(item['country']))})"
    if is_country_code(key):
        return country_name(key)
    if key in CreativeRole.values:
        return str(CreativeRole(key).label)
    if key in ("shooting", "post_production", "animation"):
        return explain.place_label(key)
    return key.replace("_", " ")


def _shown(value: Any) -> str:
    return "" if value is None else _number_text(value)


def _number_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_number_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_number_text(item)}" for key, item in value.items())
    return number(value)


def _rule_rows(report: dict[str, Any], language: str) -> list[RuleRow]:
    from cinebridge.coproduction.views.rules import param_label  # views.rules imports this module

    rows = []
    for rule in report.get("rules") or []:
        rows.append(
            RuleRow(
                code=rule["code"],
                title=explain.rule_title(rule, language),
                article=rule.get("article", ""),
                status=rule["status"],
                status_label=explain.status_label(rule["status"]),
                severity=rule.get("severity", "required"),
                explanation=explain.rule_explanation(rule),
                numbers=[]
                if rule["status"] == "not_applicable"
                else [
                    (param_label(key), _number_text(value))
                    for key, value in (rule.get("numbers") or {}).items()
                    if value is not None
                ],
                items=[
                    {
                        "key": item.get("key", ""),
                        "label": _item_label(item),
                        "value": _shown(item.get("value")),
                        "limit": _shown(item.get("limit")),
                        "passed": item.get("passed"),
                    }
                    for item in rule.get("items") or []
                ],
            )
        )
    return rows


def _what_if_sentences(report: dict[str, Any], currency: str) -> list[str]:
    """The what-if answers as sentences: how much a country must add, which posts would reach the points."""
    sentences = []
    what_if = report.get("what_if") or {}
    for answer in what_if.get("contributions") or []:
        if answer.get("add") is None:
            sentences.append(explain.what_if_contribution_sentence(answer))
            continue
        values = {
            "country": country_name(answer["country"]),
            "amount": strip_isolates(
                money_text(answer["add"], answer.get("currency") or currency, active_language())
            ),
        }
        if answer.get("eligible_after"):
            sentences.append(
                _("%(country)s must add at least %(amount)s of confirmed financing to pass.") % values
            )
        else:
            sentences.append(
                _(
                    "%(country)s must add at least %(amount)s of confirmed financing for the share rules to "
                    "pass; other rules would still fail."
                )
                % values
            )
    sentences.extend(explain.what_if_points_sentence(option) for option in what_if.get("points") or [])
    return sentences


@login_required
@require_GET
def project_eligibility(request: HttpRequest, slug: str) -> HttpResponse:
    """The project checked against a rule set (`?rules=`): every rule passed, failed, waivable or not
    applicable, with its numbers and article, and what would make it pass."""
    user, project = _private(request, slug)
    language = active_language()
    choices = rule_set_choices(language)
    names = [name for name, _label in choices]
    chosen = request.GET.get("rules") or rule_set_default_for(countries=access.project_countries(project))
    if chosen not in names:
        raise Http404(_("There is no rule set named %(name)s.") % {"name": chosen})
    what_if = [code for code in request.GET.getlist("what_if") if is_country_code(code)]
    error: str | None = None
    report: dict[str, Any] | None = None
    try:
        report = selectors.project_eligibility(
            viewer=user, project=project, rule_set=chosen, as_of=_today(), what_if_countries=what_if
        )
    except ApplicationError as refusal:
        error = refusal.message
    context = {
        **_project_context(user, project, "eligibility"),
        "choices": choices,
        "chosen": chosen,
        "report": report,
        "error": error,
        "rules": _rule_rows(report, language) if report else [],
        "what_if": _what_if_sentences(report, project.currency) if report else [],
        "source": (report or {}).get("rule_set", {}).get("source") or {},
        "rule_set_name": dict(choices).get(chosen, chosen),
    }
    if getattr(request, "htmx", False):
        return render(request, "coproduction/projects/_eligibility_report.html", context)
    return render(request, "coproduction/projects/tab_eligibility.html", context)


# --- editing the project ------------------------------------------------------------------------------------------


def _stale_data(request: HttpRequest, project: Project) -> QueryDict:
    """What the person typed, now against the current version (sent again, it overwrites the other change)."""
    data = request.POST.copy()
    data["version"] = str(project.version)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change the project's card and plan; a change made meanwhile by someone else is refused (409) and
    the page keeps what the person typed."""
    user, project = _editing(request, slug)
    stale = False
    status = 200
    if request.method != "POST":
        form = ProjectForm(initial=ProjectForm.initial_for(project), texts=ProjectForm.texts_for(project))
    else:
        form = ProjectForm(request.POST)
        status = 400
        if form.is_valid():
            version = form.cleaned_data.get("version")
            try:
                services.project_update(
                    actor=user,
                    project=project,
                    expected_version=version if version is not None else project.version,
                    **form.service_arguments(),
                )
            except services.StaleProject:
                stale, status = True, 409
                project = selectors.project_get_visible(viewer=user, slug=slug)
                form = ProjectForm(_stale_data(request, project))
                form.is_valid()
            except (ApplicationError, ValidationError) as error:
                _refusal(form, error)
            else:
                messages.success(request, _("The project was saved."))
                return redirect("coproduction:project_detail", slug=project.slug)
    return render(
        request,
        "coproduction/projects/form.html",
        {**_project_context(user, project, "overview"), "form": form, "creating": False, "stale": stale},
        status=status,
    )


def _part_page(
    request: HttpRequest,
    user: User,
    project: Project,
    *,
    form: Any,
    heading: str,
    button: str,
    tab: str,
    status: int = 200,
    delete_url: str | None = None,
) -> HttpResponse:
    return render(
        request,
        "coproduction/projects/part_form.html",
        {
            **_project_context(user, project, tab),
            "form": form,
            "heading": heading,
            "button": button,
            "cancel_url": _tab_url(project.slug, tab),
            "delete_url": delete_url,
        },
        status=status,
    )


def _coproducers(user: User, project: Project) -> list[CoProducer]:
    return [row.coproducer for row in selectors.project_private(viewer=user, project=project).coproducers]


# --- co-producers -------------------------------------------------------------------------------------------


def _organisation_choices(project: Project) -> Any:
    """Organisations of the platform that may co-produce, but not those that already do."""
    taken = [c.organisation_id for c in project.coproducers.all() if c.organisation_id]
    return organisation_list().exclude(pk__in=taken)


@login_required
@require_http_methods(["GET", "POST"])
def coproducer_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a co-producer: an organisation of the platform (its members are told) or a named company."""
    user, project = _editing(request, slug)
    form = CoProducerForm(request.POST or None, organisations=_organisation_choices(project))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            added = _attempt(
                form, lambda: services.coproducer_add(actor=user, project=project, **form.service_arguments())
            )
            if added is not None:
                messages.success(request, _("The co-producer was added."))
                return redirect(_tab_url(slug, "partners"))
    return _part_page(
        request,
        user,
        project,
        form=form,
        heading=_("Add a co-producer"),
        button=_("Add the co-producer"),
        tab="partners",
        status=status,
    )


@login_required
@require_POST
def coproducer_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, project = _editing(request, slug)
    coproducer = _pick(_coproducers(user, project), pk)
    _step(
        request,
        lambda: services.coproducer_remove(actor=user, coproducer=coproducer),
        _("The co-producer was removed with its financing and contributions."),
    )
    return redirect(_tab_url(slug, "partners"))


# --- financing --------------------------------------------------------------------------------------------------


def _sources(user: User, project: Project) -> list[FinancingSource]:
    private = selectors.project_private(viewer=user, project=project)
    return [source for row in private.coproducers for source in row.financing]


@login_required
@require_http_methods(["GET", "POST"])
def financing_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a line to the financing plan, raised by one co-producer."""
    user, project = _editing(request, slug)
    coproducers = _coproducers(user, project)
    form = FinancingForm(request.POST or None, currency=project.currency, coproducers=coproducers)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            coproducer = form.cleaned_data["coproducer"]
            added = _attempt(
                form,
                lambda: services.financing_source_add(
                    actor=user, coproducer=coproducer, **form.service_arguments()
                ),
            )
            if added is not None:
                messages.success(request, _("The source was added to the financing plan."))
                return redirect(_tab_url(slug, "financing"))
    return _part_page(
        request,
        user,
        project,
        form=form,
        heading=_("Add a source of financing"),
        button=_("Add the source"),
        tab="financing",
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def financing_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, project = _editing(request, slug)
    source = _pick(_sources(user, project), pk)
    status = 200
    if request.method != "POST":
        form = FinancingForm(initial=FinancingForm.initial_for(source), currency=project.currency)
    else:
        form = FinancingForm(request.POST, currency=project.currency)
        status = 400
        if form.is_valid():
            updated = _attempt(
                form,
                lambda: services.financing_source_update(
                    actor=user, source=source, **form.service_arguments()
                ),
            )
            if updated is not None:
                messages.success(request, _("The source was saved."))
                return redirect(_tab_url(slug, "financing"))
    return _part_page(
        request,
        user,
        project,
        form=form,
        heading=_("A source of financing"),
        button=_("Save"),
        tab="financing",
        status=status,
        delete_url=reverse("coproduction:financing_delete", args=[slug, pk]),
    )


@login_required
@require_POST
def financing_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, project = _editing(request, slug)
    source = _pick(_sources(user, project), pk)
    _step(
        request,
        lambda: services.financing_source_delete(actor=user, source=source),
        _("The source was taken out of the financing plan."),
    )
    return redirect(_tab_url(slug, "financing"))


# --- contributions ------------------------------------------------------------------------------------------------


def _contributions(user: User, project: Project) -> list[Contribution]:
    private = selectors.project_private(viewer=user, project=project)
    return [c for row in private.coproducers for c in row.contributions]


@login_required
@require_http_methods(["GET", "POST"])
def contribution_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add what a co-producer brings besides money."""
    user, project = _editing(request, slug)
    coproducers = _coproducers(user, project)
    form = ContributionForm(request.POST or None, currency=project.currency, coproducers=coproducers)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            coproducer = form.cleaned_data["coproducer"]
            added = _attempt(
                form,
                lambda: services.contribution_add(
                    actor=user, coproducer=coproducer, **form.service_arguments()
                ),
            )
            if added is not None:
                messages.success(request, _("The contribution was added."))
                return redirect(_tab_url(slug, "partners"))
    return _part_page(
        request,
        user,
        project,
        form=form,
        heading=_("Add a contribution"),
        button=_("Add the contribution"),
        tab="partners",
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, project = _editing(request, slug)
    contribution = _pick(_contributions(user, project), pk)
    status = 200
    if request.method != "POST":
        form = ContributionForm(initial=ContributionForm.initial_for(contribution), currency=project.currency)
    else:
        form = ContributionForm(request.POST, currency=project.currency)
        status = 400
        if form.is_valid():
            updated = _attempt(
                form,
                lambda: services.contribution_update(
                    actor=user, contribution=contribution, **form.service_arguments()
                ),
            )
            if updated is not None:
                messages.success(request, _("The contribution was saved."))
                return redirect(_tab_url(slug, "partners"))
    return _part_page(
        request,
        user,
        project,
        form=form,
        heading=_("A contribution"),
        button=_("Save"),
        tab="partners",
        status=status,
        delete_url=reverse("coproduction:contribution_delete", args=[slug, pk]),
    )


@login_required
@require_POST
def contribution_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, project = _editing(request, slug)
    contribution = _pick(_contributions(user, project), pk)
    _step(
        request,
        lambda: services.contribution_delete(actor=user, contribution=contribution),
        _("The contribution was deleted."),
    )
    return redirect(_tab_url(slug, "partners"))


# --- creatives ------------------------------------------------------------------------------------------------------


def _creatives(user: User, project: Project) -> Sequence[Creative]:
    return list(selectors.project_private(viewer=user, project=project).creatives)


@login_required
@require_http_methods(["GET", "POST"])
def creative_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a key creative or a member of the cast."""
    user, project = _editing(request, slug)
    form = CreativeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            added = _attempt(
                form, lambda: services.creative_add(actor=user, project=project, **form.service_arguments())
            )
            if added is not None:
                messages.success(request, _("The creative was added."))
                return redirect(_tab_url(slug, "creatives"))
    return _part_page(
        request,
        user,
        project,
        form=form,
        heading=_("Add a creative or a member of the cast"),
        button=_("Add"),
        tab="creatives",
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def creative_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, project = _editing(request, slug)
    creative = _pick(_creatives(user, project), pk)
    status = 200
    if request.method != "POST":
        form = CreativeForm(initial=CreativeForm.initial_for(creative))
    else:
        form = CreativeForm(request.POST)
        status = 400
        if form.is_valid():
            updated = _attempt(
                form,
                lambda: services.creative_update(actor=user, creative=creative, **form.service_arguments()),
            )
            if updated is not None:
                messages.success(request, _("The creative was saved."))
                return redirect(_tab_url(slug, "creatives"))
    return _part_page(
        request,
        user,
        project,
        form=form,
        heading=_("A creative or a member of the cast"),
        button=_("Save"),
        tab="creatives",
        status=status,
        delete_url=reverse("coproduction:creative_delete", args=[slug, pk]),
    )


@login_required
@require_POST
def creative_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, project = _editing(request, slug)
    creative = _pick(_creatives(user, project), pk)
    _step(
        request,
        lambda: services.creative_delete(actor=user, creative=creative),
        _("The creative was taken off the project."),
    )
    return redirect(_tab_url(slug, "creatives"))
