"""The project pages: the list (the viewer's projects, those looking for partners), creation, the project
with its tabs (overview; co-producers and contributions with the shares per company and per country; the
financing plan; creatives and cast; eligibility against a rule set with the what-if answers) and the forms
that change each part.

A project looking for partners shows its card to every signed-in person; its financing, contributions,
creatives and eligibility only to its co-producers and their film bodies (`access.project_may_view_private`,
asked by the selectors); changes only to the co-producers' editors (asked here and again by the services),
and only the lead producer's editors add or remove co-producers that are organisations of the platform.
Every change (of the project, a co-producer, a line of the financing plan, a contribution, a creative, and
the delete buttons) names the version of the project it was made against: a change made meanwhile is
refused (409) and the page keeps what the person typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.accounts.selectors import organisation_list
from cinebridge.coproduction import display
from cinebridge.coproduction.display import bar_width, money, number, percent, project_title
from cinebridge.coproduction.forms.projects import (
    ContributionForm,
    CoProducerForm,
    CreativeForm,
    FinancingForm,
    ProjectForm,
    ProjectVersionForm,
    field_for_service,
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
from cinebridge.coproduction.views.common import signed_in
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language, text_in
from cinebridge.core.vocabularies import country_name, is_country_code

T = TypeVar("T")

TABS = ("overview", "partners", "financing", "creatives")
PRIVATE_TABS = frozenset({"partners", "financing", "creatives", "eligibility"})
LEAD_ROLES = frozenset({CreativeRole.LEAD_1, CreativeRole.LEAD_2, CreativeRole.LEAD_3})

# The display helpers (amounts, percentages and counts in the reader's digits) are in `display`.


def url_or_none(name: str, *args: Any) -> str | None:
    """The address of a page another part of the app may not have yet (matchmaking, directory, dossier)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# --- helpers ------------------------------------------------------------------------------------------------


def _project(request: HttpRequest, slug: str) -> tuple[User, Project]:
    """The viewer and a project they may see (404 for anyone else)."""
    user = signed_in(request)
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
    """A service's refusal shown at the field it names (or above the form). Unlike `add_service_error`,
    it finds the input of a text typed in several languages ("titles" is the English title's input)."""
    if isinstance(error, ApplicationError):
        form.add_error(field_for_service(form, error.field), error.message)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, texts in error.message_dict.items():
        form.add_error(field_for_service(form, name), texts)


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
    user = signed_in(request)
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
    user = signed_in(request)
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
            try:
                project = services.project_create(actor=user, **form.service_arguments())
            except (ApplicationError, ValidationError) as error:
                _refusal(form, error)
            else:
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
    # Only the lead producer's editors remove a co-producer that is an organisation of the platform.
    may_change_parties = access.project_may_change_parties(viewer=user, project=project)
    coproducers = [
        {
            "coproducer": row.coproducer,
            "is_lead": row.coproducer.organisation_id == project.lead_id,
            "may_remove": row.coproducer.organisation_id != project.lead_id
            and (may_change_parties or row.coproducer.organisation_id is None),
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


def _overview_context(project: Project, *, may_view_private: bool) -> dict[str, Any]:
    """The card: logline, synopsis, languages; the budget and the support asked for only to those who may
    see the project's private side (the public card's readers never get them, not even hidden)."""
    context: dict[str, Any] = {
        "logline": text_in(project.loglines),
        "synopsis": text_in(project.synopses),
        "languages": list(project.languages),
    }
    if may_view_private:
        context["budget"] = money(project.budget, project.currency)
        if project.support_requested is not None:
            context["support_requested"] = money(project.support_requested, project.currency)
    return context


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
        context.update(_overview_context(project, may_view_private=context["may_view_private"]))
    return render(request, f"coproduction/projects/tab_{tab}.html", context)


# --- eligibility ------------------------------------------------------------------------------------------------


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
    return [
        (name, _("%(name)s (%(address)s)") % {"name": label, "address": name} if counts[label] > 1 else label)
        for name, label in labels
    ]


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
        "rules": display.rule_rows(report, language) if report else [],
        "what_if": display.what_if_sentences(report) if report else [],
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
            try:
                services.project_update(
                    actor=user,
                    project=project,
                    expected_version=form.cleaned_data["version"],
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


# --- the parts of a project: co-producers, financing, contributions, creatives -----------------------------


@dataclass(frozen=True)
class Part:
    """One kind of a project's lines as its pages add, change and delete them: the form, the tab that
    lists them, the service calls (each given the version the page was made against) and what is said."""

    tab: str
    # form(data, user, project, line: None when adding, initial) -> a VersionedForm
    form: Callable[[QueryDict | None, User, Project, Any, dict[str, Any] | None], Any]
    lines: Callable[[User, Project], Sequence[Any]]
    add: Callable[[User, Project, Any, int], object]  # (actor, project, form, version)
    delete: Callable[[User, Any, int], object]  # (actor, line, version)
    add_heading: StrOrPromise
    add_button: StrOrPromise
    added: StrOrPromise
    deleted: StrOrPromise
    update: Callable[[User, Any, Any, int], object] | None = None  # (actor, line, form, version)
    initial: Callable[[Any], dict[str, Any]] | None = None  # the form's values for a line
    delete_url: str = ""  # the URL name of the line's delete button on its page
    edit_heading: StrOrPromise = ""
    saved: StrOrPromise = ""


def _tab_page(request: HttpRequest, user: User, project: Project, tab: str, *, status: int) -> HttpResponse:
    """A private tab (after a refused delete or removal: the refusal is among the messages)."""
    contexts = {
        "partners": _partners_context,
        "financing": _financing_context,
        "creatives": _creatives_context,
    }
    context = {**_project_context(user, project, tab), **contexts[tab](user, project)}
    return render(request, f"coproduction/projects/tab_{tab}.html", context, status=status)


def _part_form(request: HttpRequest, slug: str, part: Part, pk: int | None = None) -> HttpResponse:
    """Add (no `pk`) or change a line of `part`; a change made meanwhile by someone else is refused (409)
    and the page keeps what the person typed, now against the current version."""
    user, project = _editing(request, slug)
    line = None if pk is None else _pick(part.lines(user, project), pk)
    stale, status = False, 200
    if request.method != "POST":
        initial = {
            **(part.initial(line) if part.initial and line is not None else {}),
            "version": project.version,
        }
        form = part.form(None, user, project, line, initial)
    else:
        form = part.form(request.POST, user, project, line, None)
        status = 400
        if form.is_valid():
            version = form.cleaned_data["version"]
            try:
                if line is None:
                    part.add(user, project, form, version)
                elif part.update is not None:
                    part.update(user, line, form, version)
            except services.StaleProject:
                stale, status = True, 409
                project = selectors.project_get_visible(viewer=user, slug=slug)
                form = part.form(_stale_data(request, project), user, project, line, None)
                form.is_valid()
            except (ApplicationError, ValidationError) as error:
                _refusal(form, error)
            else:
                messages.success(request, part.added if line is None else part.saved)
                return redirect(_tab_url(slug, part.tab))
    return render(
        request,
        "coproduction/projects/part_form.html",
        {
            **_project_context(user, project, part.tab),
            "form": form,
            "heading": part.add_heading if line is None else part.edit_heading,
            "button": part.add_button if line is None else _("Save"),
            "cancel_url": _tab_url(slug, part.tab),
            "delete_url": reverse(f"coproduction:{part.delete_url}", args=[slug, pk])
            if line is not None and part.delete_url
            else None,
            "note": getattr(form, "lead_only", ""),
            "stale": stale,
        },
        status=status,
    )


def _part_delete(request: HttpRequest, slug: str, pk: int, part: Part) -> HttpResponse:
    """Delete a line of `part` with its button; a change made meanwhile is refused (409) and the tab shown
    as it is now."""
    user, project = _editing(request, slug)
    line = _pick(part.lines(user, project), pk)
    form = ProjectVersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.non_field_errors()))
        return _tab_page(request, user, project, part.tab, status=400)
    try:
        part.delete(user, line, form.cleaned_data["version"])
    except services.StaleProject as error:
        messages.error(request, error.message)
        project = selectors.project_get_visible(viewer=user, slug=slug)
        return _tab_page(request, user, project, part.tab, status=409)
    except ApplicationError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, part.deleted)
    return redirect(_tab_url(slug, part.tab))


def _coproducers(user: User, project: Project) -> list[CoProducer]:
    return [row.coproducer for row in selectors.project_private(viewer=user, project=project).coproducers]


def _sources(user: User, project: Project) -> list[FinancingSource]:
    private = selectors.project_private(viewer=user, project=project)
    return [source for row in private.coproducers for source in row.financing]


def _contributions(user: User, project: Project) -> list[Contribution]:
    private = selectors.project_private(viewer=user, project=project)
    return [c for row in private.coproducers for c in row.contributions]


def _creatives(user: User, project: Project) -> Sequence[Creative]:
    return list(selectors.project_private(viewer=user, project=project).creatives)


def _coproducer_form(
    data: QueryDict | None, user: User, project: Project, line: Any, initial: dict[str, Any] | None
) -> CoProducerForm:
    """Organisations of the platform that may co-produce, but not those that already do, offered only to
    the lead producer's editors (`access.project_may_change_parties`)."""
    organisations = None
    if access.project_may_change_parties(viewer=user, project=project):
        taken = [c.organisation_id for c in project.coproducers.all() if c.organisation_id]
        organisations = organisation_list().exclude(pk__in=taken)
    return CoProducerForm(data, initial=initial, organisations=organisations, lead=project.lead)


COPRODUCERS = Part(
    tab="partners",
    form=_coproducer_form,
    lines=_coproducers,
    add=lambda user, project, form, version: services.coproducer_add(
        actor=user, project=project, expected_version=version, **form.service_arguments()
    ),
    delete=lambda user, line, version: services.coproducer_remove(
        actor=user, coproducer=line, expected_version=version
    ),
    add_heading=gettext_lazy("Add a co-producer"),
    add_button=gettext_lazy("Add the co-producer"),
    added=gettext_lazy("The co-producer was added."),
    deleted=gettext_lazy("The co-producer was removed with its financing and contributions."),
)

FINANCING = Part(
    tab="financing",
    form=lambda data, user, project, line, initial: FinancingForm(
        data,
        initial=initial,
        currency=project.currency,
        coproducers=None if line is not None else _coproducers(user, project),
    ),
    lines=_sources,
    initial=FinancingForm.initial_for,
    add=lambda user, project, form, version: services.financing_source_add(
        actor=user,
        coproducer=form.cleaned_data["coproducer"],
        expected_version=version,
        **form.service_arguments(),
    ),
    update=lambda user, line, form, version: services.financing_source_update(
        actor=user, source=line, expected_version=version, **form.service_arguments()
    ),
    delete=lambda user, line, version: services.financing_source_delete(
        actor=user, source=line, expected_version=version
    ),
    delete_url="financing_delete",
    add_heading=gettext_lazy("Add a source of financing"),
    add_button=gettext_lazy("Add the source"),
    added=gettext_lazy("The source was added to the financing plan."),
    edit_heading=gettext_lazy("A source of financing"),
    saved=gettext_lazy("The source was saved."),
    deleted=gettext_lazy("The source was taken out of the financing plan."),
)

CONTRIBUTIONS = Part(
    tab="partners",
    form=lambda data, user, project, line, initial: ContributionForm(
        data,
        initial=initial,
        currency=project.currency,
        coproducers=None if line is not None else _coproducers(user, project),
    ),
    lines=_contributions,
    initial=ContributionForm.initial_for,
    add=lambda user, project, form, version: services.contribution_add(
        actor=user,
        coproducer=form.cleaned_data["coproducer"],
        expected_version=version,
        **form.service_arguments(),
    ),
    update=lambda user, line, form, version: services.contribution_update(
        actor=user, contribution=line, expected_version=version, **form.service_arguments()
    ),
    delete=lambda user, line, version: services.contribution_delete(
        actor=user, contribution=line, expected_version=version
    ),
    delete_url="contribution_delete",
    add_heading=gettext_lazy("Add a contribution"),
    add_button=gettext_lazy("Add the contribution"),
    added=gettext_lazy("The contribution was added."),
    edit_heading=gettext_lazy("A contribution"),
    saved=gettext_lazy("The contribution was saved."),
    deleted=gettext_lazy("The contribution was deleted."),
)

CREATIVES = Part(
    tab="creatives",
    form=lambda data, user, project, line, initial: CreativeForm(data, initial=initial),
    lines=_creatives,
    initial=CreativeForm.initial_for,
    add=lambda user, project, form, version: services.creative_add(
        actor=user, project=project, expected_version=version, **form.service_arguments()
    ),
    update=lambda user, line, form, version: services.creative_update(
        actor=user, creative=line, expected_version=version, **form.service_arguments()
    ),
    delete=lambda user, line, version: services.creative_delete(
        actor=user, creative=line, expected_version=version
    ),
    delete_url="creative_delete",
    add_heading=gettext_lazy("Add a creative or a member of the cast"),
    add_button=gettext_lazy("Add"),
    added=gettext_lazy("The creative was added."),
    edit_heading=gettext_lazy("A creative or a member of the cast"),
    saved=gettext_lazy("The creative was saved."),
    deleted=gettext_lazy("The creative was taken off the project."),
)


@login_required
@require_http_methods(["GET", "POST"])
def coproducer_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a co-producer: an organisation of the platform (its members are told; only the lead producer's
    editors may) or a named company."""
    return _part_form(request, slug, COPRODUCERS)


@login_required
@require_POST
def coproducer_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _part_delete(request, slug, pk, COPRODUCERS)


@login_required
@require_http_methods(["GET", "POST"])
def financing_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a line to the financing plan, raised by one co-producer."""
    return _part_form(request, slug, FINANCING)


@login_required
@require_http_methods(["GET", "POST"])
def financing_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _part_form(request, slug, FINANCING, pk)


@login_required
@require_POST
def financing_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _part_delete(request, slug, pk, FINANCING)


@login_required
@require_http_methods(["GET", "POST"])
def contribution_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add what a co-producer brings besides money."""
    return _part_form(request, slug, CONTRIBUTIONS)


@login_required
@require_http_methods(["GET", "POST"])
def contribution_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _part_form(request, slug, CONTRIBUTIONS, pk)


@login_required
@require_POST
def contribution_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _part_delete(request, slug, pk, CONTRIBUTIONS)


@login_required
@require_http_methods(["GET", "POST"])
def creative_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a key creative or a member of the cast."""
    return _part_form(request, slug, CREATIVES)


@login_required
@require_http_methods(["GET", "POST"])
def creative_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _part_form(request, slug, CREATIVES, pk)


@login_required
@require_POST
def creative_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _part_delete(request, slug, pk, CREATIVES)
