"""Rights pages: a film's grants and releases, the grant editor with its conflict check, the avails
search, a film's availability grid, and EMA Avails import and export.

Grant terms are confidential: every list and explanation shows only the grants the viewer may see
(`selectors.grant_list`); a grant that blocks something but is not theirs is described by its kind
("licensed exclusively"), never by its parties, reference or terms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.accounts.selectors import organisation_list
from cinebridge.catalogue.models import Film
from cinebridge.catalogue.selectors import FilmFilters, film_get_visible, film_list, films_hidden_ids
from cinebridge.core.engine.digits import localize_digits, to_ascii_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error
from cinebridge.core.i18n import active_language
from cinebridge.core.jobs import JobState
from cinebridge.core.vocabularies import language_choices

from . import selectors, services
from .convert import GrantInput, GrantInputError, Normaliser
from .ema.exporting import avails_export as export_avails
from .ema.exporting import export_filename
from .engine.types import AvailsQuery, Conflict, Direction, Exclusivity, Match, Region, Rule, WorkAvails
from .engine.vocabulary import load_vocabularies
from .forms import (
    SERVICE_FIELDS,
    USE_CHOICES,
    AvailsExportForm,
    AvailsImportForm,
    AvailsSearchForm,
    GrantForm,
    GridForm,
    Licence,
    ReleaseEventForm,
    media_choices,
    next_statuses,
    territory_country_choices,
    territory_group_choices,
    window_of,
)
from .models import Grant, GrantAudit
from .tasks import import_job_get, import_job_start
from .templatetags.rights import avails_line, day_windows, plain, territory_set

AVAILS_PAGE_SIZE = 12
# How many regions of one film's answer the search lists before summing up the rest.
AVAILS_LINES = 6
# Audit fields a person reads; the normalised keys and ids repeat what the others say.
_AUDIT_HIDDEN = frozenset({"territory_keys", "media_keys", "vocabulary_version", "work_id", "holder_id"})


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _viewer(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _signed_in(request: HttpRequest) -> User:
    user = _viewer(request)
    if user is None:
        raise PermissionDenied
    return user


def _wants_partial(request: HtmxHttpRequest) -> bool:
    # A history restore asks for the whole page even though it comes from htmx.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _shown(count: int) -> str:
    return localize_digits(str(count), active_language())


def _editable_film(request: HttpRequest, slug: str) -> tuple[User, Film]:
    """The signed-in user and a film whose rights they may edit (403 for a film they may only see)."""
    user = _signed_in(request)
    film = film_get_visible(viewer=user, slug=slug)
    if not policy.can(user, policy.RIGHTS_EDIT, film.owner):
        raise PermissionDenied(_("You may not edit the rights of this film."))
    return user, film


def _editable_grant(request: HttpRequest, pk: int) -> tuple[User, Grant]:
    user = _signed_in(request)
    grant = selectors.grant_get(viewer=user, pk=pk)
    if not selectors.grant_may_edit(viewer=user, grant=grant):
        raise PermissionDenied(_("You may not edit this grant."))
    return user, grant


def _show_refusal(form: Any, error: ApplicationError | ValidationError) -> None:
    """A service's refusal on the form field it names (the services name their input's fields)."""
    if isinstance(error, ApplicationError) and error.field in SERVICE_FIELDS:
        mapped = SERVICE_FIELDS[error.field]
        form.add_error(mapped if mapped in form.fields else None, error.message)
        return
    add_service_error(form, error)


# --- conflicts, explained ----------------------------------------------------------------------------

RULE_TITLES = {
    Rule.EXCLUSIVE_OVERLAP: gettext_lazy("Overlaps an exclusive licence"),
    Rule.TOUCHES_EXCLUSIVE: gettext_lazy("Already licensed exclusively"),
    Rule.TOUCHES_HOLDBACK: gettext_lazy("Held back"),
    Rule.EXCLUSIVE_OVER_LICENSED: gettext_lazy("Already licensed"),
    Rule.NOT_HELD: gettext_lazy("Not held"),
    Rule.NOT_SUBLICENSABLE: gettext_lazy("May not be sublicensed"),
    Rule.LICENSING_PERIOD_OVER: gettext_lazy("Licensing period over"),
    Rule.LANGUAGE_NOT_ACQUIRED: gettext_lazy("Language use not acquired"),
}
RULE_TEXTS = {
    Rule.EXCLUSIVE_OVERLAP: gettext_lazy(
        "Two exclusive licences may not cover the same media, territories and days."
    ),
    Rule.TOUCHES_EXCLUSIVE: gettext_lazy(
        "These rights are licensed exclusively to someone else here: no other licence may cover them."
    ),
    Rule.TOUCHES_HOLDBACK: gettext_lazy("A holdback promises not to exploit these rights here and then."),
    Rule.EXCLUSIVE_OVER_LICENSED: gettext_lazy(
        "An exclusive licence may not cover rights already licensed to someone else, even non-exclusively."
    ),
    Rule.NOT_HELD: gettext_lazy("Only rights held by an active acquired (IN) grant can be licensed out."),
    Rule.NOT_SUBLICENSABLE: gettext_lazy("The acquired rights here may not be licensed on to others."),
    Rule.LICENSING_PERIOD_OVER: gettext_lazy(
        "The acquired rights here may be licensed only until their “licensing until” date, which has passed."
    ),
    Rule.LANGUAGE_NOT_ACQUIRED: gettext_lazy("No acquired grant holds these language uses here."),
}


@dataclass(frozen=True)
class ConflictExplanation:
    """One refusal for people: the rule in words, the grant it meets (if the viewer may see it), where."""

    rule: str
    title: str
    text: str
    grant: Grant | None  # the existing grant, when the viewer may see it
    hidden_grant: bool  # an existing grant the viewer may not see
    where: Region


def explain_conflicts(viewer: User, film: Film, conflicts: Sequence[Conflict]) -> list[ConflictExplanation]:
    ids = {c.grant for c in conflicts if c.grant is not None and c.grant > 0}
    visible = (
        {g.pk: g for g in selectors.grant_list(viewer=viewer, work=film).filter(pk__in=ids)} if ids else {}
    )
    return [
        ConflictExplanation(
            rule=conflict.rule.value,
            title=str(RULE_TITLES[conflict.rule]),
            text=str(RULE_TEXTS[conflict.rule]),
            grant=visible.get(conflict.grant) if conflict.grant is not None else None,
            hidden_grant=conflict.grant is not None and conflict.grant not in visible,
            where=conflict.where,
        )
        for conflict in conflicts
    ]


@dataclass
class CheckResult:
    """What the conflict check found for the form as it stands."""

    ran: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field label, message)
    conflicts: list[ConflictExplanation] = field(default_factory=list)
    territories: frozenset[str] = frozenset()
    media: frozenset[str] = frozenset()


def _field_label(form: GrantForm, name: str | None) -> str:
    mapped = SERVICE_FIELDS.get(name or "", name)
    if mapped and mapped in form.fields:
        return str(form.fields[mapped].label)
    return ""


def _check(viewer: User, form: GrantForm, film: Film, grant: Grant | None) -> CheckResult:
    """The conflicts the form's grant would meet (nothing is written), or what to correct first."""
    result = CheckResult(ran=True)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = str(form.fields[name].label) if name in form.fields else ""
            result.problems += [(label, str(error)) for error in errors]
        return result
    data = form.grant_input()
    normaliser = Normaliser()
    try:
        at = data.contract_date or timezone.localdate()
        result.territories = normaliser.territories(data.territories, at).leaves
        result.media = normaliser.media(data.media).leaves
        conflicts = selectors.grant_conflicts_check(data=data, exclude_grant_id=grant.pk if grant else None)
    except (GrantInputError, ApplicationError) as error:
        result.problems.append((_field_label(form, error.field), error.message))
        return result
    result.conflicts = explain_conflicts(viewer, film, conflicts)
    return result


# --- a film's rights ---------------------------------------------------------------------------------


def _film_rights_page(
    request: HttpRequest, film: Film, *, event_form: ReleaseEventForm | None = None, status: int = 200
) -> HttpResponse:
    viewer = _viewer(request)
    can_edit = policy.can(viewer, policy.RIGHTS_EDIT, film.owner)
    grants = list(selectors.grant_list(viewer=viewer, work=film))
    return render(
        request,
        "rights/film_rights.html",
        {
            "film": film,
            "grants": grants,
            "can_edit": can_edit,
            "can_search": policy.can_anywhere(viewer, policy.AVAILS_SEARCH),
            "events": list(selectors.release_events_of(film)),
            "event_form": (event_form or ReleaseEventForm()) if can_edit else None,
        },
        status=status,
    )


@require_GET
def film_rights(request: HttpRequest, slug: str) -> HttpResponse:
    """A film's grants as far as the viewer may see them, its release events, and the editor's links."""
    film = film_get_visible(viewer=_viewer(request), slug=slug)
    return _film_rights_page(request, film)


@login_required
@require_POST
def release_event_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a release of the film; the relative terms waiting for it get their dates."""
    user, film = _editable_film(request, slug)
    form = ReleaseEventForm(request.POST)
    if form.is_valid():
        kind, territory = form.cleaned_data["kind"], form.cleaned_data["territory"]
        waiting = selectors.grant_list(viewer=user, work=film).filter(
            event=f"{kind}:{territory}", start_date__isnull=True
        )
        before = waiting.count()
        try:
            services.release_event_record(
                actor=user, work=film, kind=kind, territory=territory, on=form.cleaned_data["on"]
            )
        except (ApplicationError, ValidationError) as error:
            _show_refusal(form, error)
        else:
            resolved = before - waiting.count()
            messages.success(
                request,
                ngettext(
                    "The release was recorded; %(count)s waiting term now has its dates.",
                    "The release was recorded; %(count)s waiting terms now have their dates.",
                    resolved,
                )
                % {"count": _shown(resolved)},
            )
            return redirect("rights:film_rights", slug=film.slug)
    return _film_rights_page(request, film, event_form=form, status=200)


def _grant_form_page(
    request: HttpRequest,
    film: Film,
    form: GrantForm,
    *,
    grant: Grant | None,
    check: CheckResult | None = None,
) -> HttpResponse:
    check_url = reverse("rights:grant_check", args=[film.slug])
    if grant is not None:
        check_url += f"?grant={grant.pk}"
    return render(
        request,
        "rights/grant_form.html",
        {
            "film": film,
            "grant": grant,
            "form": form,
            "check": check or CheckResult(),
            "check_url": check_url,
            "territory_groups": territory_group_choices(),
            "territory_countries": territory_country_choices(),
            "media_nodes": media_choices(),
            "languages": language_choices(),
            "uses": USE_CHOICES,
        },
    )


def _save_grant(
    request: HttpRequest, user: User, film: Film, form: GrantForm, grant: Grant | None
) -> tuple[Grant | None, CheckResult | None]:
    """Check or save the posted grant; (the saved grant, None) or (None, what to show)."""
    if "check" in request.POST or not form.is_valid():
        return None, _check(user, form, film, grant)
    data: GrantInput = form.grant_input()
    try:
        if grant is None:
            return services.grant_create(actor=user, data=data), None
        return services.grant_update(actor=user, grant=grant, data=data), None
    except services.GrantConflict as conflict:
        form.add_error(
            None,
            ngettext(
                "The grant was not saved: it conflicts with the film's rights (see below).",
                "The grant was not saved: it conflicts with the film's rights in %(count)s ways (see below).",
                len(conflict.conflicts),
            )
            % {"count": _shown(len(conflict.conflicts))},
        )
        return None, CheckResult(ran=True, conflicts=explain_conflicts(user, film, conflict.conflicts))
    except (ApplicationError, ValidationError) as error:
        _show_refusal(form, error)
        return None, None


@login_required
@require_http_methods(["GET", "POST"])
def grant_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Enter a contract line for the film, its conflicts explained before it is saved."""
    user, film = _editable_film(request, slug)
    if request.method != "POST":
        return _grant_form_page(request, film, GrantForm(film=film), grant=None)
    form = GrantForm(request.POST, film=film)
    saved, check = _save_grant(request, user, film, form, None)
    if saved is not None:
        messages.success(request, _("The grant was saved."))
        return redirect("rights:grant_detail", pk=saved.pk)
    return _grant_form_page(request, film, form, grant=None, check=check)


@login_required
@require_http_methods(["GET", "POST"])
def grant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a grant as a whole; the same conflict rules as for a new one."""
    user, grant = _editable_grant(request, pk)
    film = grant.work
    if request.method != "POST":
        form = GrantForm(initial=GrantForm.initial_for(grant), film=film, grant=grant)
        return _grant_form_page(request, film, form, grant=grant)
    form = GrantForm(request.POST, film=film, grant=grant)
    saved, check = _save_grant(request, user, film, form, grant)
    if saved is not None:
        messages.success(request, _("The grant was saved."))
        return redirect("rights:grant_detail", pk=saved.pk)
    return _grant_form_page(request, film, form, grant=grant, check=check)


@login_required
@require_POST
def grant_check(request: HttpRequest, slug: str) -> HttpResponse:
    """The conflict check of the grant form as it stands (htmx swaps this into the form); writes nothing."""
    user, film = _editable_film(request, slug)
    grant = None
    grant_id = to_ascii_digits(request.GET.get("grant", ""))
    if grant_id:
        if not grant_id.isdigit():
            raise Http404
        grant = selectors.grant_get(viewer=user, pk=int(grant_id))
        if grant.work_id != film.pk or not selectors.grant_may_edit(viewer=user, grant=grant):
            raise Http404
    form = GrantForm(request.POST, film=film, grant=grant)
    return render(
        request, "rights/_grant_check.html", {"check": _check(user, form, film, grant), "film": film}
    )


# --- one grant -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditChange:
    label: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AuditEntry:
    entry: GrantAudit
    changes: list[AuditChange]


def _audit_value(value: Any, organisations: Mapping[int, str], choices: Mapping[Any, Any] | None) -> Any:
    """A snapshot's value as people read it: labels for codes, names for organisations, yes or no."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if choices is not None:
        return choices.get(value, value)
    return organisations.get(value, value) if isinstance(value, int) and organisations else value


def _audit_entries(entries: Iterable[GrantAudit]) -> list[AuditEntry]:
    """Each change of a grant as the fields that changed, labelled, with their values before and after."""
    entries = list(entries)
    fields = Grant._meta.concrete_fields
    labels = {f.attname: capfirst(str(f.verbose_name)) for f in fields}
    choices = {f.attname: dict(f.flatchoices) for f in fields if f.choices}
    party_ids = {
        snapshot.get("counterparty_id") for e in entries for snapshot in (e.before or {}, e.after or {})
    } - {None}
    organisations = (
        dict(organisation_list().filter(pk__in=party_ids).values_list("pk", "name")) if party_ids else {}
    )
    shown = []
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        changes = []
        for name in dict.fromkeys([*before, *after]):
            names = organisations if name == "counterparty_id" else {}
            old = _audit_value(before.get(name), names, choices.get(name))
            new = _audit_value(after.get(name), names, choices.get(name))
            if name not in _AUDIT_HIDDEN and old != new:
                changes.append(AuditChange(labels.get(name, name), old, new))
        shown.append(AuditEntry(entry, changes))
    return shown


def _grant_page(
    request: HttpRequest, grant: Grant, *, conflicts: Sequence[ConflictExplanation] = (), status: int = 200
) -> HttpResponse:
    viewer = _viewer(request)
    may_edit = selectors.grant_may_edit(viewer=viewer, grant=grant)
    return render(
        request,
        "rights/grant_detail.html",
        {
            "grant": grant,
            "film": grant.work,
            "may_edit": may_edit,
            "next_statuses": next_statuses(grant.status) if may_edit else [],
            "history_visible": selectors.grant_history_visible(viewer=viewer, grant=grant),
            "history": _audit_entries(selectors.grant_audit_list(viewer=viewer, grant=grant)),
            "conflicts": conflicts,
        },
        status=status,
    )


@require_GET
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One grant with its history; 404 for anyone who is not a party to it (or their film body)."""
    return _grant_page(request, selectors.grant_get(viewer=_viewer(request), pk=pk))


@login_required
@require_POST
def grant_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a grant to another status (activate, terminate …), under the conflict rules."""
    user, grant = _editable_grant(request, pk)
    try:
        services.grant_set_status(actor=user, grant=grant, status=request.POST.get("status", ""))
    except services.GrantConflict as conflict:
        messages.error(
            request, _("The status was not changed: the grant would conflict with the film's rights.")
        )
        return _grant_page(request, grant, conflicts=explain_conflicts(user, grant.work, conflict.conflicts))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The grant's status was changed."))
    return redirect("rights:grant_detail", pk=grant.pk)


# --- avails search -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilmAvails:
    film: Film
    lines: list[SafeString]
    more: int


def _film_avails(answer: WorkAvails, film: Film) -> FilmAvails:
    regions = [region for region in answer.regions if region.windows]
    lines = [avails_line(region) for region in regions[:AVAILS_LINES]]
    return FilmAvails(film, lines, max(0, len(regions) - AVAILS_LINES))


@login_required
@require_GET
def avails_search(request: HtmxHttpRequest) -> HttpResponse:
    """Films whose rights are free for the media, territories and window asked, with their windows."""
    user = _signed_in(request)
    if not policy.can_anywhere(user, policy.AVAILS_SEARCH):
        raise PermissionDenied(_("Sign in as a member of an organisation to search availability."))
    form = AvailsSearchForm.with_defaults(request.GET)
    page: Page[int] | None = None
    results: list[FilmAvails] = []
    if form.is_valid():
        query = form.query()
        hidden = films_hidden_ids(user)
        ids = [pk for pk in selectors.avails_search_works(viewer=user, query=query) if pk not in hidden]
        page = Paginator(ids, AVAILS_PAGE_SIZE).get_page(to_ascii_digits(request.GET.get("page", "")))
        films = film_list(viewer=user, filters=FilmFilters(), ranked_ids=list(page.object_list))
        for film in films:
            answer = selectors.avails_work_detail(viewer=user, query=query, work_id=film.pk)
            results.append(_film_avails(answer, film))
    context = {
        "form": form,
        "page": page,
        "results": results,
        "result_count": (
            ngettext("%(count)s film available", "%(count)s films available", page.paginator.count)
            % {"count": _shown(page.paginator.count)}
            if page is not None
            else ""
        ),
        "territory_groups": territory_group_choices(),
        "territory_countries": territory_country_choices(),
    }
    template = "rights/_avails_results.html" if _wants_partial(request) else "rights/avails_search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


# --- availability grid ---------------------------------------------------------------------------------


class CellState:
    FULL = "full"
    PART = "part"
    NONE = "none"


CELL_SYMBOLS = {CellState.FULL: "✓", CellState.PART: "◐", CellState.NONE: "✕"}
CELL_TEXTS = {
    CellState.FULL: gettext_lazy("Available for the whole window"),
    CellState.PART: gettext_lazy("Available for part of the window"),
    CellState.NONE: gettext_lazy("Not available"),
}


@dataclass(frozen=True)
class Blocker:
    """A grant that takes rights away in a cell: the grant itself when the viewer may see it."""

    grant: Grant | None
    kind: str  # in words, for a grant the viewer may not see


@dataclass(frozen=True)
class Cell:
    state: str
    symbol: str
    text: str
    windows: SafeString
    blockers: list[Blocker]
    not_held: bool
    summary: str  # plain text for the `title`


@dataclass(frozen=True)
class GridColumn:
    countries: frozenset[str]
    label: SafeString
    size: str


@dataclass(frozen=True)
class GridRow:
    code: str
    name: str
    depth: int
    is_group: bool
    cells: list[Cell]


def _kind_words(direction: str, exclusivity: str) -> str:
    if direction == Direction.HOLDBACK:
        return _("held back")
    if exclusivity == Exclusivity.NON_EXCLUSIVE:
        return _("already licensed (non-exclusively)")
    return _("licensed exclusively")


def _cell(
    region: Region,
    visible: Mapping[int, Grant],
    kinds: Mapping[int, tuple[str, str]],
) -> Cell:
    if region.available:
        state = CellState.FULL
    elif region.windows:
        state = CellState.PART
    else:
        state = CellState.NONE
    blockers = [
        Blocker(visible.get(pk), _kind_words(*kinds.get(pk, (Direction.OUT, Exclusivity.EXCLUSIVE))))
        for pk in region.blocking
    ]
    windows = day_windows(region.windows) if region.windows else SafeString("")
    parts = [str(CELL_TEXTS[state])]
    if region.windows and state != CellState.FULL:
        parts.append(_("free %(windows)s") % {"windows": plain(windows)})
    for blocker in blockers:
        if blocker.grant is not None:
            parts.append(_("grant %(reference)s") % {"reference": _grant_name(blocker.grant)})
        else:
            parts.append(blocker.kind)
    if region.not_held and state != CellState.FULL:
        parts.append(_("not held"))
    return Cell(
        state=state,
        symbol=CELL_SYMBOLS[state],
        text=str(CELL_TEXTS[state]),
        windows=windows,
        blockers=blockers,
        not_held=region.not_held and state != CellState.FULL,
        summary="; ".join(parts),
    )


def _grant_name(grant: Grant) -> str:
    return f"#{grant.pk} {grant.reference}".strip()


def _grid(
    viewer: User, film: Film, answer: WorkAvails, media: Sequence[str], countries: frozenset[str]
) -> tuple[list[GridColumn], list[GridRow]]:
    """Columns: the countries that share an answer in every medium; rows: the media tree's leaves."""
    region_of: dict[tuple[str, str], int] = {}
    for index, region in enumerate(answer.regions):
        for medium in region.media:
            for country in region.territories:
                region_of[(medium, country)] = index
    by_signature: dict[tuple[int, ...], set[str]] = defaultdict(set)
    for country in countries:
        by_signature[tuple(region_of.get((medium, country), -1) for medium in media)].add(country)
    groups = sorted(by_signature.items(), key=lambda item: (-len(item[1]), sorted(item[1])))
    columns = [
        GridColumn(
            frozenset(members),
            territory_set(members),
            ngettext("%(count)s country", "%(count)s countries", len(members))
            % {"count": _shown(len(members))},
        )
        for _signature, members in groups
    ]
    blocking = {pk for region in answer.regions for pk in region.blocking}
    visible = (
        {g.pk: g for g in selectors.grant_list(viewer=viewer, work=film).filter(pk__in=blocking)}
        if blocking
        else {}
    )
    kinds = selectors.grant_kinds(pk for pk in blocking if pk not in visible)
    cells: dict[int, Cell] = {}

    def cell(index: int) -> Cell:
        if index not in cells:
            cells[index] = _cell(answer.regions[index], visible, kinds)
        return cells[index]

    language = active_language()
    rows = []
    for node in load_vocabularies().media.nodes():
        if node.depth == 0:
            continue
        name = node.names.get(language, node.names["en"])
        if not node.is_leaf:
            rows.append(GridRow(node.code, name, node.depth, True, []))
            continue
        row_cells = [cell(region_of[(node.code, next(iter(column.countries)))]) for column in columns]
        rows.append(GridRow(node.code, name, node.depth, False, row_cells))
    return columns, rows


@login_required
@require_GET
def film_grid(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A film's availability: media down, territories across, coloured, with the reason in each cell."""
    user = _signed_in(request)
    film = film_get_visible(viewer=user, slug=slug)
    if not policy.can_anywhere(user, policy.AVAILS_SEARCH):
        raise PermissionDenied(_("Sign in as a member of an organisation to see availability."))
    form = GridForm.with_defaults(request.GET)
    columns: list[GridColumn] = []
    rows: list[GridRow] = []
    if form.is_valid():
        vocabularies = load_vocabularies()
        media = [node.code for node in vocabularies.media.nodes() if node.is_leaf]
        country = form.cleaned_data.get("country")
        countries = frozenset({country}) if country else vocabularies.territories.countries()
        query = AvailsQuery(
            media=frozenset(media),
            territories=countries,
            window=window_of(form.cleaned_data),
            exclusive=form.cleaned_data["licence"] == Licence.EXCLUSIVE,
            match=Match.COVER_ENTIRE,
        )
        answer = selectors.avails_work_detail(viewer=user, query=query, work_id=film.pk)
        columns, rows = _grid(user, film, answer, media, countries)
    context = {
        "film": film,
        "form": form,
        "columns": columns,
        "rows": rows,
        "symbols": CELL_SYMBOLS,
        "texts": CELL_TEXTS,
    }
    template = "rights/_grid.html" if _wants_partial(request) else "rights/film_grid.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


# --- EMA Avails --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def avails_import(request: HttpRequest) -> HttpResponse:
    """Upload an EMA Avails file; the import runs as a job whose progress the next page shows."""
    user = _signed_in(request)
    holders = policy.organisations_where(user, policy.RIGHTS_EDIT)
    if not holders.exists():
        raise PermissionDenied(_("Only editors of a rights holder or film body can import rights."))
    if request.method != "POST":
        return render(request, "rights/avails_import.html", {"form": AvailsImportForm(holders=holders)})
    form = AvailsImportForm(request.POST, request.FILES, holders=holders)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        holder = form.cleaned_data["holder"]
        create = form.cleaned_data["create_missing_works"]
        if upload.size > settings.AVAILS_IMPORT_MAX_BYTES:
            form.add_error(
                "file",
                _("The file is larger than %(size)s MB.")
                % {"size": _shown(settings.AVAILS_IMPORT_MAX_BYTES // 2**20)},
            )
        elif create and not policy.can(user, policy.CATALOGUE_EDIT, holder):
            form.add_error(
                "create_missing_works", _("You may not add films to this organisation's catalogue.")
            )
        else:
            job_id = import_job_start(
                user=user,
                holder=holder,
                upload=upload,
                direction=form.cleaned_data["direction"],
                create_missing_works=create,
                language=active_language(),
            )
            return redirect("rights:avails_import_job", job_id=job_id)
    return render(request, "rights/avails_import.html", {"form": form})


def _report_films(viewer: User, report: Mapping[str, Any]) -> list[Film]:
    ids = [*report.get("films_created", ()), *report.get("films_matched", ())]
    return list(film_list(viewer=viewer, filters=FilmFilters(), ranked_ids=ids)) if ids else []


@login_required
@require_GET
def avails_import_job(request: HtmxHttpRequest, job_id: str) -> HttpResponse:
    """An import's progress while it runs (htmx polls this), then its report."""
    user = _signed_in(request)
    job = import_job_get(job_id=job_id, user=user)
    if job is None:
        raise Http404
    report = job.get("report") or {}
    context = {
        "job": job,
        "running": job["state"] in (JobState.QUEUED, JobState.RUNNING),
        "percent": (job.get("done", 0) * 100) // max(job.get("total") or 1, 1),
        "report": report,
        "films": _report_films(user, report) if job["state"] == JobState.DONE else [],
    }
    template = (
        "rights/_avails_import_job.html" if _wants_partial(request) else "rights/avails_import_job.html"
    )
    return render(request, template, context)


@login_required
@require_GET
def avails_export(request: HttpRequest) -> HttpResponse:
    """Download the avails a licensor has licensed to a licensee, as EMA Avails XML or XLSX."""
    user = _signed_in(request)
    licensors = policy.organisations_where(user, policy.RIGHTS_VIEW)
    if not licensors.exists():
        raise PermissionDenied(_("Only members of an organisation can export avails."))
    form = AvailsExportForm(request.GET or None, licensors=licensors)
    if form.is_bound and form.is_valid():
        licensor, licensee, fmt = (form.cleaned_data[name] for name in ("licensor", "licensee", "fmt"))
        try:
            content = export_avails(viewer=user, licensor=licensor, licensee=licensee, fmt=fmt)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
            response["Content-Disposition"] = (
                f'attachment; filename="{export_filename(licensor=licensor, licensee=licensee, fmt=fmt)}"'
            )
            return response
    return render(request, "rights/avails_export.html", {"form": form})


EXPORT_TYPES = {
    "xml": "application/xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
