"""Matchmaking pages: the partners hub (partners for each of my projects, projects for each of my
companies, each suggestion with its reasons in sentences), company profiles, a project's partner needs
and suggestions, and meeting requests sent and received with their answers.

Who may see what is the selectors' answer: a project's suggestions are for its co-producers and their
film bodies; a company's are for its members; a meeting is seen by the two organisations only. No page
here shows a project's budget or financing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Audience
from cinebridge.coproduction.display import project_title
from cinebridge.coproduction.forms.matchmaking import (
    ACCEPT,
    DECLINE,
    DESCRIPTION_LANGUAGES,
    WITHDRAW,
    MeetingAnswerForm,
    MeetingRequestForm,
    NeedForm,
    ProfileForm,
    description_field,
)
from cinebridge.coproduction.models import Capability, PartnerNeed, Project, RequestStatus
from cinebridge.coproduction.selectors import matchmaking as selectors
from cinebridge.coproduction.selectors.access import project_may_edit, project_may_view_private
from cinebridge.coproduction.selectors.projects import project_get_visible
from cinebridge.coproduction.services import matchmaking as services
from cinebridge.coproduction.views.common import attempt, signed_in
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language, text_in, translated_text
from cinebridge.core.vocabularies import country_name


def organisation_label(organisation: Organisation) -> str:
    return translated_text(organisation.translations.all(), "name", organisation.name)


# --- the hub ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectBlock:
    project: Project
    title: str
    suggestions: list[selectors.PartnerSuggestion]


@dataclass(frozen=True)
class CompanyBlock:
    organisation: Organisation
    name: str
    has_profile: bool
    suggestions: list[tuple[selectors.ProjectSuggestion, str]]


@login_required
@require_http_methods(["GET"])
def partners(request: HttpRequest) -> HttpResponse:
    """Suggestions both ways for everything the viewer works on."""
    user = signed_in(request)
    project_blocks = [
        ProjectBlock(
            project=project,
            title=project_title(project),
            suggestions=selectors.partner_suggestions_for_project(viewer=user, project=project, limit=5),
        )
        for project in selectors.projects_of_viewer_for_matchmaking(viewer=user)
    ]
    company_blocks = []
    coproducing_kinds = policy.RULES[policy.COPRODUCTION_EDIT].kinds or frozenset()
    for organisation in selectors.organisations_of_viewer(viewer=user):
        if organisation.kind not in coproducing_kinds:
            continue  # festivals, schools, observers co-produce nothing
        found = selectors.project_suggestions_for_organisation(
            viewer=user, organisation=organisation, limit=5
        )
        company_blocks.append(
            CompanyBlock(
                organisation=organisation,
                name=organisation_label(organisation),
                has_profile=selectors.organisation_has_profile(organisation=organisation),
                suggestions=[(s, project_title(s.project)) for s in found],
            )
        )
    return render(
        request,
        "coproduction/matchmaking/partners.html",
        {
            "project_blocks": project_blocks,
            "company_blocks": company_blocks,
            "pending": selectors.pending_count(viewer=user),
        },
    )


# --- profiles -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def profile_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    organisation = selectors.organisation_get(slug=slug)
    profile = selectors.profile_get(viewer=user, organisation=organisation)
    senders = selectors.organisations_of_viewer(viewer=user, action=policy.MEETINGS_REQUEST)
    return render(
        request,
        "coproduction/matchmaking/profile_detail.html",
        {
            "organisation": organisation,
            "name": organisation_label(organisation),
            "profile": profile,
            "description": text_in(profile.descriptions) if profile else "",
            "capabilities": [(c, _capability_label(c)) for c in (profile.capabilities if profile else [])],
            "audiences": [_audience_label(a) for a in (profile.audiences if profile else [])],
            "contribution": (
                selectors.range_text(profile.contribution_min, profile.contribution_max, profile.currency)
                if profile and profile.currency and (profile.contribution_min or profile.contribution_max)
                else ""
            ),
            "past_films": [
                (translated_text(f.translations.all(), "title", f.original_title), f.year)
                for f in selectors.profile_past_films(viewer=user, profile=profile)
            ],
            "may_edit": policy.can(user, policy.COPRODUCTION_EDIT, organisation),
            "may_ask": any(o.pk != organisation.pk for o in senders),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    organisation = selectors.organisation_get(slug=slug)
    profile = selectors.profile_for_edit(viewer=user, organisation=organisation)
    films = selectors.profile_film_choices(organisation=organisation)
    if request.method == "POST":
        form = ProfileForm(request.POST, films=films)
        if form.is_valid():
            data = form.cleaned_data
            saved = attempt(
                form,
                lambda: services.profile_set(
                    actor=user,
                    organisation=organisation,
                    capabilities=data["capabilities"],
                    audiences=data["audiences"],
                    languages=data["languages"],
                    contribution_min=data["contribution_min"],
                    contribution_max=data["contribution_max"],
                    currency=data["currency"],
                    descriptions=form.descriptions(),
                    past_coproductions=data["past_coproductions"],
                    is_open=data["is_open"],
                ),
            )
            if saved is not None:
                messages.success(request, _("The profile is saved."))
                return redirect("coproduction:profile_detail", slug=organisation.slug)
    else:
        form = ProfileForm(initial=ProfileForm.initial_from(profile), films=films)
    return render(
        request,
        "coproduction/matchmaking/profile_form.html",
        {
            "form": form,
            "organisation": organisation,
            "name": organisation_label(organisation),
            "description_fields": [form[description_field(code)] for code in DESCRIPTION_LANGUAGES],
        },
        status=400 if form.is_bound else 200,
    )


# --- a project's partners and needs -------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def project_partners(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    project = project_get_visible(viewer=user, slug=slug)
    if not project_may_view_private(viewer=user, project=project):
        raise PermissionDenied(_("Only the co-producers and their film bodies may see this."))
    return render(
        request,
        "coproduction/matchmaking/project_partners.html",
        {
            "project": project,
            "title": project_title(project),
            "needs": [_need_row(need, project) for need in selectors.project_needs(project=project)],
            "suggestions": selectors.partner_suggestions_for_project(viewer=user, project=project),
            "may_edit": project_may_edit(viewer=user, project=project),
        },
    )


@dataclass(frozen=True)
class NeedRow:
    need: PartnerNeed
    country: str
    capabilities: str
    contribution: str


def _need_row(need: PartnerNeed, project: Project) -> NeedRow:
    has_range = need.contribution_min is not None or need.contribution_max is not None
    return NeedRow(
        need=need,
        country=country_name(need.country) if need.country else _("Any country"),
        capabilities=format_list([_capability_label(c) for c in need.capabilities], locale=active_language())
        if need.capabilities
        else "",
        contribution=selectors.range_text(need.contribution_min, need.contribution_max, project.currency)
        if has_range
        else "",
    )


def _capability_label(value: str) -> str:
    return str(Capability(value).label) if value in Capability.values else value


def _audience_label(value: str) -> str:
    return str(Audience(value).label) if value in Audience.values else value


@login_required
@require_http_methods(["GET", "POST"])
def need_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    project = project_get_visible(viewer=user, slug=slug)
    if not project_may_edit(viewer=user, project=project):
        raise PermissionDenied(_("Only the co-producers' editors may change this project."))
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            form,
            lambda: services.partner_need_add(
                actor=user,
                project=project,
                country=data["country"],
                capabilities=data["capabilities"],
                contribution_min=data["contribution_min"],
                contribution_max=data["contribution_max"],
                note=data["note"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The partner wanted is added."))
            return redirect("coproduction:project_partners", slug=project.slug)
    return render(
        request,
        "coproduction/matchmaking/need_form.html",
        {"form": form, "project": project, "title": project_title(project), "need": None},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    need = selectors.need_get_for_editor(viewer=user, pk=pk)
    project = need.project
    if request.method == "POST":
        form = NeedForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved = attempt(
                form,
                lambda: services.partner_need_update(
                    actor=user,
                    need=need,
                    country=data["country"],
                    capabilities=data["capabilities"],
                    contribution_min=data["contribution_min"],
                    contribution_max=data["contribution_max"],
                    note=data["note"],
                ),
            )
            if saved is not None:
                messages.success(request, _("The partner wanted is saved."))
                return redirect("coproduction:project_partners", slug=project.slug)
    else:
        form = NeedForm(initial=NeedForm.initial_from(need))
    return render(
        request,
        "coproduction/matchmaking/need_form.html",
        {"form": form, "project": project, "title": project_title(project), "need": need},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def need_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    need = selectors.need_get_for_editor(viewer=user, pk=pk)
    slug = need.project.slug
    services.partner_need_delete(actor=user, need=need)
    messages.success(request, _("The partner wanted is removed."))
    return redirect("coproduction:project_partners", slug=slug)


# --- meetings -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def meeting_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    lists = selectors.meetings_of_viewer(viewer=user)
    answerable = {
        o.pk for o in selectors.organisations_of_viewer(viewer=user, action=policy.MEETINGS_REQUEST)
    }
    return render(
        request,
        "coproduction/matchmaking/meeting_list.html",
        {
            "incoming": [_meeting_row(m, answerable, incoming=True) for m in lists.incoming],
            "outgoing": [_meeting_row(m, answerable, incoming=False) for m in lists.outgoing],
            "pending": RequestStatus.PENDING,
        },
    )


@dataclass(frozen=True)
class MeetingRow:
    meeting: Any
    other: str
    project_title: str
    may_answer: bool
    may_withdraw: bool


def _meeting_row(meeting: Any, answerable: set[int], *, incoming: bool) -> MeetingRow:
    pending = meeting.status == RequestStatus.PENDING
    return MeetingRow(
        meeting=meeting,
        other=organisation_label(meeting.from_organisation if incoming else meeting.to_organisation),
        project_title=project_title(meeting.project) if meeting.project else "",
        may_answer=incoming and pending and meeting.to_organisation_id in answerable,
        may_withdraw=not incoming and pending and meeting.from_organisation_id in answerable,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_request(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    choices = selectors.meeting_form_choices(viewer=user)
    initial = selectors.meeting_form_initial(
        choices=choices, to_slug=request.GET.get("to"), project_slug=request.GET.get("project")
    )
    form = MeetingRequestForm(
        request.POST or None,
        initial=initial,
        senders=choices.senders,
        recipients=choices.recipients,
        projects=choices.projects,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            form,
            lambda: services.meeting_request(
                actor=user,
                from_organisation=data["from_organisation"],
                to_organisation=data["to_organisation"],
                project=data["project"],
                message=data["message"],
                proposed_at=data["proposed_at"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Your meeting request is sent."))
            return redirect("coproduction:meeting_list")
    return render(
        request,
        "coproduction/matchmaking/meeting_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def meeting_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    meeting = selectors.meeting_get_for_viewer(viewer=user, pk=pk)
    form = MeetingAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept, decline or withdraw."))
        return redirect("coproduction:meeting_list")
    decision = form.cleaned_data["decision"]
    reply = form.cleaned_data["reply"]
    actions = {
        ACCEPT: (services.meeting_accept, _("The meeting is accepted.")),
        DECLINE: (services.meeting_decline, _("The meeting is declined.")),
        WITHDRAW: (services.meeting_withdraw, _("Your request is withdrawn.")),
    }
    action, done = actions[decision]
    try:
        action(actor=user, meeting=meeting, reply=reply)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("coproduction:meeting_list")
    messages.success(request, done)
    return redirect("coproduction:meeting_list")
