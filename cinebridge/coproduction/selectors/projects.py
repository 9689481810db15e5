"""Reads of co-production projects: which projects a person sees (the public card of those looking for
partners, the private side of their own and, for a film body, of its country's), the private side itself
(co-producers with their financing and contributions, creatives), the shares per company and per
country, the financing summary and the eligibility report against a rule set.

The private side is asked for through `access.project_may_view_private`; the querysets here say the
same in SQL (`projects_private_visible`), and the tests hold the two together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, OrganisationKind, User
from cinebridge.coproduction.bridge import PROJECT_PRIVATE_PREFETCH, project_facts
from cinebridge.coproduction.engine.eligibility import check, months_before, report_to_json
from cinebridge.coproduction.engine.facts import Share, Shares, percent_value, shares
from cinebridge.coproduction.engine.rulesets import rule_set_from_json
from cinebridge.coproduction.models import (
    Contribution,
    ContributionKind,
    CoProducer,
    Creative,
    FinancingSource,
    Project,
    RuleSet,
)
from cinebridge.coproduction.selectors.access import (
    project_may_edit,
    project_may_view,
    project_require_view_private,
)
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get

__all__ = [
    "LETTER_MONTHS",
    "CoProducerPrivate",
    "FinancingSummary",
    "ProjectPrivate",
    "letter_is_stale",
    "months_before",
    "project_eligibility",
    "project_financing_summary",
    "project_get_visible",
    "project_lead_choices",
    "project_private",
    "project_shares",
    "projects_of_viewer",
    "projects_private_visible",
    "projects_visible",
    "rule_set_rows_editable",
    "with_private_side",
]

# A letter of commitment older than this many months is flagged (the treaties' six months).
LETTER_MONTHS = 6


# --- who sees which project --------------------------------------------------------------------------


def _user(viewer: policy.Viewer) -> User | None:
    if isinstance(viewer, User) and viewer.is_authenticated and viewer.is_active:
        return viewer
    return None


def projects_private_visible(*, viewer: policy.Viewer) -> QuerySet[Project]:
    """Projects whose private side the viewer sees: those co-produced by an organisation the viewer is a
    member of, and, for a film body's member, those with a co-producer (on the platform or not) of the
    film body's country."""
    user = _user(viewer)
    if user is None:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    organisations = policy.organisations_where(user, policy.COPRODUCTION_VIEW)
    overseen = organisations.filter(kind=OrganisationKind.FILM_BODY).values("country")
    condition = (
        Q(lead__in=organisations)
        | Q(lead__country__in=overseen)
        | Q(pk__in=CoProducer.objects.filter(organisation__in=organisations).values("project"))
        | Q(pk__in=CoProducer.objects.filter(country__in=overseen).values("project"))
    )
    return Project.objects.filter(condition)


def projects_visible(*, viewer: policy.Viewer) -> QuerySet[Project]:
    """Projects the viewer sees at all: every project looking for partners (to anyone signed in) and
    those whose private side the viewer sees."""
    user = _user(viewer)
    if user is None:
        return Project.objects.none()
    private = projects_private_visible(viewer=user).values("pk")
    return (
        Project.objects.filter(Q(seeking_partners=True) | Q(pk__in=private))
        .select_related("lead")
        .order_by("-created_at", "slug")
    )


def projects_of_viewer(*, viewer: policy.Viewer) -> QuerySet[Project]:
    """Projects co-produced by the organisations the viewer is a member of (not those overseen)."""
    user = _user(viewer)
    if user is None:
        return Project.objects.none()
    own = policy.organisations_where(user, policy.ORGANISATION_MEMBER)
    if user.is_superuser:
        own = Organisation.objects.filter(memberships__user=user)
    return (
        Project.objects.filter(
            Q(lead__in=own) | Q(pk__in=CoProducer.objects.filter(organisation__in=own).values("project"))
        )
        .select_related("lead")
        .order_by("-created_at", "slug")
    )


def project_get_visible(*, viewer: policy.Viewer, slug: str) -> Project:
    """The project at `slug` with its co-producers, or 404 when there is none the viewer may see."""
    project = (
        Project.objects.select_related("lead")
        .prefetch_related(PROJECT_PRIVATE_PREFETCH[0])
        .filter(slug=slug)
        .first()
    )
    if project is None or not project_may_view(viewer=viewer, project=project):
        raise Http404(_("There is no such project."))
    return project


def project_lead_choices(*, viewer: policy.Viewer) -> QuerySet[Organisation]:
    """The organisations for which the viewer may start or co-produce a project."""
    return policy.organisations_where(viewer, policy.COPRODUCTION_EDIT).order_by("name")


def rule_set_rows_editable(*, viewer: policy.Viewer) -> list[RuleSet]:
    """The rule sets of the database the viewer may edit (as an editor of a film body named on it)."""
    user = _user(viewer)
    if user is None:
        return []
    rows = RuleSet.objects.prefetch_related("editors").order_by("slug")
    if not user.is_superuser:
        bodies = policy.organisations_where(user, policy.RULE_SETS_EDIT)
        rows = rows.filter(pk__in=RuleSet.objects.filter(editors__in=bodies).values("pk"))
    return list(rows)


# --- the private side --------------------------------------------------------------------------------


def with_private_side(project: Project) -> Project:
    """The project with what its private side reads prefetched (itself when it already has it)."""
    cache = getattr(project, "_prefetched_objects_cache", {})
    if "creatives" in cache and "coproducers" in cache:
        return project
    return (
        Project.objects.select_related("lead").prefetch_related(*PROJECT_PRIVATE_PREFETCH).get(pk=project.pk)
    )


def letter_is_stale(letter_date: date | None, *, as_of: date, months: int = LETTER_MONTHS) -> bool:
    """Whether a letter is older than `months` on `as_of`: one of exactly six months is not, one of six
    months and a day is (the engine's `letters_recent` rule counts the same way)."""
    return letter_date is not None and letter_date < months_before(as_of, months)


@dataclass(frozen=True)
class FinancingSummary:
    """The financing plan in the project's currency. `confirmed` is the confirmed financing plus the
    in-kind contributions (they are there for certain), `confirmed_percent` its share of the budget
    (2 decimals, half up; None without a budget), `gap` what the budget still lacks (below zero: more
    than the budget is raised), `stale` the confirmed sources whose letter is older than six months on
    `as_of`. The same numbers as the eligibility report's "financing"."""

    currency: str
    budget: Decimal
    financing: Decimal  # every financing source, confirmed or not
    financing_confirmed: Decimal
    in_kind: Decimal
    total: Decimal  # financing + in-kind
    confirmed: Decimal  # confirmed financing + in-kind
    pending: Decimal
    confirmed_percent: Decimal | None
    gap: Decimal
    stale: tuple[FinancingSource, ...]
    as_of: date


def _summary(project: Project, as_of: date) -> FinancingSummary:
    sources = [s for c in project.coproducers.all() for s in c.financing.all()]
    in_kind = sum(
        (
            x.value
            for c in project.coproducers.all()
            for x in c.contributions.all()
            if x.kind == ContributionKind.IN_KIND
        ),
        Decimal(0),
    )
    financing = sum((s.amount for s in sources), Decimal(0))
    financing_confirmed = sum((s.amount for s in sources if s.is_confirmed), Decimal(0))
    confirmed = financing_confirmed + in_kind
    budget = project.budget
    return FinancingSummary(
        currency=project.currency,
        budget=budget,
        financing=financing,
        financing_confirmed=financing_confirmed,
        in_kind=in_kind,
        total=financing + in_kind,
        confirmed=confirmed,
        pending=financing - financing_confirmed,
        confirmed_percent=percent_value(Fraction(confirmed) / Fraction(budget)) if budget > 0 else None,
        gap=budget - financing - in_kind,
        stale=tuple(s for s in sources if s.is_confirmed and letter_is_stale(s.letter_date, as_of=as_of)),
        as_of=as_of,
    )


def project_financing_summary(*, project: Project, as_of: date) -> FinancingSummary:
    """The project's financing: raised, confirmed (and its per cent of the budget), the gap, stale letters."""
    return _summary(with_private_side(project), as_of)


def project_shares(*, project: Project) -> Shares:
    """Each co-producer's (key: its pk as text) and each country's amount and exact share."""
    return shares(project_facts(with_private_side(project), as_of=timezone.localdate()))


@dataclass(frozen=True)
class CoProducerPrivate:
    coproducer: CoProducer
    financing: tuple[FinancingSource, ...]
    contributions: tuple[Contribution, ...]
    financing_total: Decimal
    financing_confirmed: Decimal
    in_kind_total: Decimal
    amount: Decimal  # financing + in-kind: what counts for its share
    share: Share


@dataclass(frozen=True)
class ProjectPrivate:
    """What only the co-producers and their film bodies see."""

    project: Project
    coproducers: tuple[CoProducerPrivate, ...]
    creatives: tuple[Creative, ...]
    shares: Shares
    financing: FinancingSummary
    may_edit: bool


def project_private(*, viewer: policy.Viewer, project: Project, as_of: date | None = None) -> ProjectPrivate:
    """The project's co-producers with their financing and contributions, its creatives, shares and
    financing summary; PermissionDenied unless the viewer may see the private side."""
    project = with_private_side(project)
    project_require_view_private(viewer=viewer, project=project)
    day = as_of or timezone.localdate()
    project_shares_ = shares(project_facts(project, as_of=day))
    rows = []
    for coproducer in project.coproducers.all():
        financing = tuple(coproducer.financing.all())
        contributions = tuple(coproducer.contributions.all())
        financing_total = sum((s.amount for s in financing), Decimal(0))
        in_kind = sum((c.value for c in contributions if c.kind == ContributionKind.IN_KIND), Decimal(0))
        share = project_shares_.company(str(coproducer.pk))
        assert share is not None  # noqa: S101 - every co-producer is a company of the facts
        rows.append(
            CoProducerPrivate(
                coproducer=coproducer,
                financing=financing,
                contributions=contributions,
                financing_total=financing_total,
                financing_confirmed=sum((s.amount for s in financing if s.is_confirmed), Decimal(0)),
                in_kind_total=in_kind,
                amount=financing_total + in_kind,
                share=share,
            )
        )
    return ProjectPrivate(
        project=project,
        coproducers=tuple(rows),
        creatives=tuple(project.creatives.all()),
        shares=project_shares_,
        financing=_summary(project, day),
        may_edit=project_may_edit(viewer=viewer, project=project),
    )


# --- eligibility -------------------------------------------------------------------------------------


def project_eligibility(
    *,
    viewer: policy.Viewer,
    project: Project,
    rule_set: str,
    as_of: date | None = None,
    what_if_countries: Sequence[str] = (),
) -> dict[str, Any]:
    """The eligibility report (JSON, docs/coproduction-eligibility.md) of the project against the rule set
    named `rule_set`; 404 for an unknown name, PermissionDenied unless the viewer sees the private side.
    Without `what_if_countries`, the engine answers for each co-producing country whose share falls short."""
    project = with_private_side(project)
    project_require_view_private(viewer=viewer, project=project)
    document = rule_set_document_get(name=rule_set)
    rules = rule_set_from_json(document)
    facts = project_facts(project, as_of=as_of or timezone.localdate(), rate_currencies=[rules.currency])
    if what_if_countries:
        report = check(facts, rules, what_if_countries=tuple(what_if_countries))
    else:
        report = check(facts, rules)
    return report_to_json(report)
