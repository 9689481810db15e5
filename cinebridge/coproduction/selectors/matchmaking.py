"""Reads of the partner matchmaking: company profiles, partner suggestions for a project, project
suggestions for a company (both ranked by `engine.matchmaking`, each reason said in a sentence), and the
meeting requests a person's organisations sent or received.

Only projects that look for partners are suggested to other organisations, and only their public card
is shown (title, logline, kind, audience, needs): never their budget, financing or contributions.
Meeting messages and replies stay with the two organisations (their members; no film body oversight).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel.lists import format_list
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Audience, Film
from cinebridge.catalogue.selectors import films_visible
from cinebridge.coproduction.engine import matchmaking as engine
from cinebridge.coproduction.models import (
    Capability,
    CompanyProfile,
    MeetingRequest,
    PartnerNeed,
    Project,
    ProjectKind,
    RequestStatus,
)
from cinebridge.coproduction.selectors.access import project_may_edit, project_require_view_private
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import active_language
from cinebridge.core.models import ExchangeRate
from cinebridge.core.pdf import money_text
from cinebridge.core.vocabularies import country_name, language_name

__all__ = [
    "MeetingChoices",
    "MeetingLists",
    "PartnerSuggestion",
    "ProjectSuggestion",
    "ReasonLine",
    "company_facts",
    "meeting_form_choices",
    "meeting_form_initial",
    "meeting_get_for_viewer",
    "meetings_of_viewer",
    "need_get_for_editor",
    "organisation_get",
    "organisation_has_profile",
    "organisations_of_viewer",
    "partner_suggestions_for_project",
    "profile_film_choices",
    "profile_for_edit",
    "profile_get",
    "profile_past_films",
    "project_needs",
    "project_needs_facts",
    "project_suggestions_for_organisation",
    "projects_of_viewer_for_matchmaking",
    "range_text",
    "rates_among",
    "reason_sentence",
]

SUGGESTIONS_SHOWN = 10


@dataclass(frozen=True)
class ReasonLine:
    code: str
    weight: int
    text: str
    is_note: bool


@dataclass(frozen=True)
class PartnerSuggestion:
    organisation: Organisation
    profile: CompanyProfile | None
    need: PartnerNeed | None
    score: int
    reasons: list[ReasonLine]


@dataclass(frozen=True)
class ProjectSuggestion:
    project: Project
    need: PartnerNeed | None
    score: int
    reasons: list[ReasonLine]


@dataclass(frozen=True)
class MeetingLists:
    incoming: list[MeetingRequest]
    outgoing: list[MeetingRequest]


# --- reasons in words ---------------------------------------------------------------------------------


def _listed(items: Iterable[str]) -> str:
    return format_list(list(items), locale=active_language())


def _capability_label(value: str) -> str:
    try:
        return str(Capability(value).label)
    except ValueError:
        return value


def _audience_label(value: str) -> str:
    try:
        return str(Audience(value).label)
    except ValueError:
        return value


def _kind_label(value: str) -> str:
    try:
        return str(ProjectKind(value).label)
    except ValueError:
        return value


def _count(number: int) -> str:
    return localize_digits(str(number), active_language())


def range_text(low: object, high: object, currency: str) -> str:
    language = active_language()
    if low is not None and high is not None:
        return _("%(low)s to %(high)s") % {
            "low": money_text(str(low), currency, language),
            "high": money_text(str(high), currency, language),
        }
    if low is not None:
        return _("at least %(low)s") % {"low": money_text(str(low), currency, language)}
    if high is not None:
        return _("up to %(high)s") % {"high": money_text(str(high), currency, language)}
    return _("any amount")


def reason_sentence(reason: engine.Reason) -> str:
    """One reason of a suggestion as a sentence in the active language."""
    p = reason.params
    code = reason.code
    if code == engine.COUNTRY_WANTED:
        return _("The project looks for a partner in %(country)s, where the company is based.") % {
            "country": country_name(str(p["country"]))
        }
    if code == engine.CAPABILITIES:
        capabilities = [_capability_label(str(c)) for c in p["capabilities"]]  # type: ignore[attr-defined]
        return ngettext(
            "The company offers %(capabilities)s, which the project needs.",
            "The company offers %(capabilities)s, all of which the project needs.",
            len(capabilities),
        ) % {"capabilities": _listed(capabilities)}
    if code == engine.CONTRIBUTION_OVERLAP:
        currency = str(p["currency"])
        sentence = _(
            "The company usually contributes %(offered)s and the project hopes for %(wanted)s: the two ranges "
            "meet."
        ) % {
            "offered": range_text(p["offered_min"], p["offered_max"], currency),
            "wanted": range_text(p["wanted_min"], p["wanted_max"], currency),
        }
        if p.get("converted"):
            sentence += " " + _("(Converted from %(currency)s at the latest recorded exchange rate.)") % {
                "currency": p["offered_currency"]
            }
        return sentence
    if code == engine.CONTRIBUTION_NOT_COMPARABLE:
        return _(
            "The contribution ranges could not be compared: no exchange rate between %(offered)s and "
            "%(wanted)s is recorded."
        ) % {"offered": p["offered_currency"], "wanted": p["wanted_currency"]}
    if code == engine.AUDIENCE:
        return _("The company makes films for the project's audience: %(audience)s.") % {
            "audience": _audience_label(str(p["audience"]))
        }
    if code == engine.LANGUAGES:
        languages = [language_name(str(c)) for c in p["languages"]]  # type: ignore[attr-defined]
        return ngettext(
            "The company works in %(languages)s, a language of the project.",
            "The company works in %(languages)s, languages of the project.",
            len(languages),
        ) % {"languages": _listed(languages)}
    if code == engine.KIND_EXPERIENCE:
        count = int(p["count"])  # type: ignore[call-overload]
        return ngettext(
            "The company has co-produced %(count)s film of this kind (%(kind)s).",
            "The company has co-produced %(count)s films of this kind (%(kind)s).",
            count,
        ) % {"count": _count(count), "kind": _kind_label(str(p["kind"]))}
    if code == engine.PAST_COPRODUCTIONS:
        count = int(p["count"])  # type: ignore[call-overload]
        return ngettext(
            "The company has %(count)s past co-production.",
            "The company has %(count)s past co-productions.",
            count,
        ) % {"count": _count(count)}
    raise ValueError(f"No sentence for the reason {code!r}")


def _lines(reasons: Iterable[engine.Reason]) -> list[ReasonLine]:
    return [
        ReasonLine(code=r.code, weight=r.weight, text=reason_sentence(r), is_note=r.code in engine.NOTES)
        for r in reasons
    ]


# --- facts for the engine -----------------------------------------------------------------------------


def _profiles() -> QuerySet[CompanyProfile]:
    # Only published films count as experience: the suggestions are read by other organisations.
    return CompanyProfile.objects.select_related("organisation").prefetch_related(
        "organisation__translations",
        Prefetch("past_coproductions", queryset=Film.objects.filter(is_published=True).only("id", "kind")),
    )


def _projects() -> QuerySet[Project]:
    return Project.objects.select_related("lead").prefetch_related("coproducers", "needs")


def company_facts(organisation: Organisation, profile: CompanyProfile | None) -> engine.Company:
    """A company as the engine reads it; one with no profile is known only by its country."""
    if profile is None:
        return engine.Company(id=str(organisation.pk), name=organisation.name, country=organisation.country)
    kinds: dict[str, int] = {}
    films = list(profile.past_coproductions.all())
    for film in films:
        kinds[film.kind] = kinds.get(film.kind, 0) + 1
    return engine.Company(
        id=str(organisation.pk),
        name=organisation.name,
        country=organisation.country,
        capabilities=frozenset(profile.capabilities),
        audiences=frozenset(profile.audiences),
        languages=frozenset(profile.languages),
        contribution_min=profile.contribution_min,
        contribution_max=profile.contribution_max,
        currency=profile.currency,
        past_coproductions=len(films),
        past_kinds=kinds,
        is_open=profile.is_open,
    )


def project_needs_facts(project: Project) -> engine.ProjectNeeds:
    """A project's needs as the engine reads them (no money but the needs' ranges)."""
    title = project.titles.get("en") or next(iter(project.titles.values()), "") or project.slug
    return engine.ProjectNeeds(
        id=str(project.pk),
        name=str(title),
        lead_country=project.lead.country,
        kind=project.kind,
        audience=project.audience,
        languages=frozenset(project.languages),
        currency=project.currency,
        coproducer_ids=frozenset(
            str(c.organisation_id) for c in project.coproducers.all() if c.organisation_id is not None
        )
        | {str(project.lead_id)},
        needs=tuple(
            engine.Need(
                id=str(need.pk),
                country=need.country,
                capabilities=frozenset(need.capabilities),
                contribution_min=need.contribution_min,
                contribution_max=need.contribution_max,
            )
            for need in project.needs.all()
        ),
    )


def rates_among(currencies: Iterable[str], *, on: date | None = None) -> engine.Rates:
    """The latest recorded rate (on or before `on`, default today) of each pair among `currencies`."""
    codes = sorted({c for c in currencies if c})
    if len(codes) < 2:
        return {}
    day = on or timezone.localdate()
    rates: dict[tuple[str, str], Decimal] = {}
    rows = ExchangeRate.objects.filter(base__in=codes, quote__in=codes, on__lte=day).order_by(
        "base", "quote", "-on"
    )
    for rate in rows.only("base", "quote", "rate"):
        rates.setdefault((rate.base, rate.quote), rate.rate)
    return rates


# --- suggestions --------------------------------------------------------------------------------------


def partner_suggestions_for_project(
    *, viewer: policy.Viewer, project: Project, limit: int = SUGGESTIONS_SHOWN
) -> list[PartnerSuggestion]:
    """Companies suited to the project's needs, best first: for its co-producers and their film bodies."""
    project_require_view_private(viewer=viewer, project=project)
    project = _projects().get(pk=project.pk)
    facts = project_needs_facts(project)
    profiles = list(_profiles().filter(is_open=True))
    by_id = {str(p.organisation_id): p for p in profiles}
    companies = [company_facts(p.organisation, p) for p in profiles]
    rates = rates_among([project.currency, *(p.currency for p in profiles)])
    needs = {str(n.pk): n for n in project.needs.all()}
    return [
        PartnerSuggestion(
            organisation=by_id[company.id].organisation,
            profile=by_id[company.id],
            need=needs.get(result.need_id),
            score=result.score,
            reasons=_lines(result.reasons),
        )
        for company, result in engine.partners_for_project(facts, companies, rates=rates, limit=limit)
    ]


def project_suggestions_for_organisation(
    *, viewer: policy.Viewer, organisation: Organisation, limit: int = SUGGESTIONS_SHOWN
) -> list[ProjectSuggestion]:
    """Projects looking for partners that suit the organisation, best first: for its own members."""
    if not policy.can(viewer, policy.ORGANISATION_MEMBER, organisation):
        raise PermissionDenied(_("Only the members of this organisation may see its suggestions."))
    profile = _profiles().filter(organisation=organisation).first()
    company = company_facts(organisation, profile)
    projects = list(_projects().filter(seeking_partners=True).exclude(coproducers__organisation=organisation))
    by_id = {str(p.pk): p for p in projects}
    rates = rates_among([company.currency, *(p.currency for p in projects)])
    found = engine.projects_for_company(
        company, [project_needs_facts(p) for p in projects], rates=rates, limit=limit
    )
    suggestions = []
    for facts, result in found:
        project = by_id[facts.id]
        needs = {str(n.pk): n for n in project.needs.all()}
        suggestions.append(
            ProjectSuggestion(
                project=project,
                need=needs.get(result.need_id),
                score=result.score,
                reasons=_lines(result.reasons),
            )
        )
    return suggestions


# --- profiles, projects and organisations of a person -------------------------------------------------


def profile_get(*, viewer: policy.Viewer, organisation: Organisation) -> CompanyProfile | None:
    """The organisation's profile (every signed-in person reads it), or None when it has none."""
    if not (viewer is not None and viewer.is_authenticated):
        raise PermissionDenied
    return _profiles().filter(organisation=organisation).first()


def profile_past_films(*, viewer: policy.Viewer, profile: CompanyProfile | None) -> list[Film]:
    """The profile's past co-productions that the viewer may see in the catalogue (an unpublished film
    only to its rights holder's members), newest first, with their translations."""
    if profile is None:
        return []
    # the rows of the link table, not the profile's manager: it may hold a filtered prefetch
    listed = CompanyProfile.past_coproductions.through.objects.filter(companyprofile=profile)
    return list(
        films_visible(viewer)
        .filter(pk__in=listed.values("film"))
        .prefetch_related("translations")
        .order_by("-year", "original_title", "pk")
    )


def profile_for_edit(*, viewer: policy.Viewer, organisation: Organisation) -> CompanyProfile | None:
    """The organisation's profile for its editors to change (None when it has none yet)."""
    if not policy.can(viewer, policy.COPRODUCTION_EDIT, organisation):
        raise PermissionDenied(_("Only the editors of this organisation may change its profile."))
    return (
        CompanyProfile.objects.filter(organisation=organisation)
        .prefetch_related("past_coproductions")
        .first()
    )


def profile_film_choices(*, organisation: Organisation) -> QuerySet[Film]:
    """The films a profile may list as past co-productions: the organisation's own published films
    (a profile is read by everyone signed in, so an unpublished film is not offered)."""
    return (
        Film.objects.filter(owner=organisation, is_published=True)
        .prefetch_related("translations")
        .order_by("-year", "original_title", "pk")
    )


def organisation_get(*, slug: str) -> Organisation:
    """The organisation at `slug` with its names, or 404."""
    organisation = Organisation.objects.prefetch_related("translations").filter(slug=slug).first()
    if organisation is None:
        raise Http404(_("There is no such organisation."))
    return organisation


def organisation_has_profile(*, organisation: Organisation) -> bool:
    return CompanyProfile.objects.filter(organisation=organisation).exists()


def organisations_of_viewer(
    *, viewer: policy.Viewer, action: str = policy.ORGANISATION_MEMBER
) -> list[Organisation]:
    """The viewer's own organisations where `action` is allowed (never by a film body's oversight)."""
    if not isinstance(viewer, User) or not viewer.is_authenticated:
        return []
    own = Organisation.objects.filter(memberships__user=viewer).values("pk")
    allowed = policy.organisations_where(viewer, action).filter(pk__in=own)
    return list(allowed.prefetch_related("translations").distinct().order_by("name", "pk"))


def projects_of_viewer_for_matchmaking(*, viewer: policy.Viewer) -> list[Project]:
    """Projects co-produced by the viewer's organisations, with their needs."""
    organisations = organisations_of_viewer(viewer=viewer)
    if not organisations:
        return []
    return list(
        _projects()
        .filter(coproducers__organisation__in=organisations)
        .distinct()
        .order_by("-created_at", "slug")
    )


def project_needs(*, project: Project) -> list[PartnerNeed]:
    return list(PartnerNeed.objects.filter(project=project).order_by("pk"))


def need_get_for_editor(*, viewer: policy.Viewer, pk: int) -> PartnerNeed:
    """A partner need of a project the viewer may edit; 404 when there is none, 403 for another's."""
    need = PartnerNeed.objects.select_related("project__lead").filter(pk=pk).first()
    if need is None:
        raise Http404(_("There is no such partner need."))
    if not project_may_edit(viewer=viewer, project=need.project):
        raise PermissionDenied(_("Only the co-producers' editors may change this project."))
    return need


# --- meetings -----------------------------------------------------------------------------------------


def _meetings() -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.select_related(
        "from_organisation", "to_organisation", "project"
    ).prefetch_related("from_organisation__translations", "to_organisation__translations")


def meetings_of_viewer(*, viewer: policy.Viewer, status: Sequence[str] | None = None) -> MeetingLists:
    """The meeting requests the viewer's organisations received and sent, newest first."""
    organisations = organisations_of_viewer(viewer=viewer)
    if not organisations:
        return MeetingLists(incoming=[], outgoing=[])
    qs = _meetings().order_by("-created_at", "-pk")
    if status:
        qs = qs.filter(status__in=list(status))
    return MeetingLists(
        incoming=list(qs.filter(to_organisation__in=organisations)),
        outgoing=list(qs.filter(from_organisation__in=organisations)),
    )


def meeting_get_for_viewer(*, viewer: policy.Viewer, pk: int) -> MeetingRequest:
    """A meeting request one of the viewer's organisations sent or received; 404 for any other."""
    organisations = organisations_of_viewer(viewer=viewer)
    try:
        return _meetings().get(
            Q(from_organisation__in=organisations) | Q(to_organisation__in=organisations), pk=pk
        )
    except MeetingRequest.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class MeetingChoices:
    """What the meeting request form offers: the organisations the viewer may ask on behalf of, every
    organisation to ask, and the projects a meeting may be about (the senders' own and those looking
    for partners)."""

    senders: QuerySet[Organisation]
    recipients: QuerySet[Organisation]
    projects: QuerySet[Project]


def meeting_form_choices(*, viewer: policy.Viewer) -> MeetingChoices:
    """The choices of the meeting request form; PermissionDenied when the viewer may ask for none."""
    sender_ids = [o.pk for o in organisations_of_viewer(viewer=viewer, action=policy.MEETINGS_REQUEST)]
    if not sender_ids:
        raise PermissionDenied(_("Only the editors of an organisation may ask for a meeting."))
    own_projects = Project.objects.filter(coproducers__organisation__in=sender_ids)
    projects = (own_projects | Project.objects.filter(seeking_partners=True)).distinct().order_by("slug")
    return MeetingChoices(
        senders=Organisation.objects.filter(pk__in=sender_ids).prefetch_related("translations"),
        recipients=Organisation.objects.prefetch_related("translations").order_by("name"),
        projects=projects,
    )


def meeting_form_initial(
    *, choices: MeetingChoices, to_slug: str | None, project_slug: str | None
) -> dict[str, object]:
    """The form's first values: the organisation and project named in the address, among the choices,
    and the sender when there is only one."""
    initial: dict[str, object] = {}
    if to_slug is not None:
        initial["to_organisation"] = choices.recipients.filter(slug=to_slug).first()
    if project_slug is not None:
        initial["project"] = choices.projects.filter(slug=project_slug).first()
    senders = list(choices.senders.values_list("pk", flat=True))
    if len(senders) == 1:
        initial["from_organisation"] = senders[0]
    return initial


def pending_count(*, viewer: policy.Viewer) -> int:
    organisations = organisations_of_viewer(viewer=viewer)
    return MeetingRequest.objects.filter(
        to_organisation__in=organisations, status=RequestStatus.PENDING
    ).count()
