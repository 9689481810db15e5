"""Who may change or look inside a co-production project, edit a rule set or answer for a studio,
location or specialist: the one place the co-production app asks the policy about it.

A project's private side (financing, contributions, creatives, eligibility, dossier) is seen by the members
of its co-producers that are organisations of the platform and by the film bodies of the co-producers'
countries; the editors of any of those co-producers change it. Adding an organisation of the platform as
co-producer therefore opens every partner's financing to it and to its country's film body at once, with
no step of acceptance: so only the lead producer's editors add or remove co-producers that are
organisations of the platform (`project_may_change_parties`, checked by
`coproducer_add` and `coproducer_remove`). The other co-producers' editors are refused with a message
naming the lead; they may still name, and remove, companies that are not on the platform, which see
nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.coproduction.models import Project, RuleSet

__all__ = [
    "directory_may_manage",
    "directory_require_manage",
    "project_countries",
    "project_may_change_parties",
    "project_may_edit",
    "project_may_view",
    "project_may_view_private",
    "project_parties",
    "project_require_edit",
    "project_require_view",
    "project_require_view_private",
    "rule_set_may_edit",
    "rule_set_require_edit",
]


def project_parties(project: Project) -> list[Organisation]:
    """The organisations of the platform that co-produce the project (the lead first)."""
    parties = [project.lead]
    for coproducer in project.coproducers.all():
        if coproducer.organisation is not None and coproducer.organisation_id != project.lead_id:
            parties.append(coproducer.organisation)
    return parties


def project_countries(project: Project) -> set[str]:
    """The countries of the project's co-producers (the lead's included)."""
    return {project.lead.country} | {coproducer.country for coproducer in project.coproducers.all()}


def project_may_edit(*, viewer: policy.Viewer, project: Project) -> bool:
    """Editors of any co-producer on the platform change the project (financing, creatives, needs)."""
    return any(policy.can(viewer, policy.COPRODUCTION_EDIT, party) for party in project_parties(project))


def project_may_change_parties(*, viewer: policy.Viewer, project: Project) -> bool:
    """Whether the viewer may add or remove co-producers that are organisations of the platform: only the
    lead producer's editors, since such a co-producer sees every partner's financing at once."""
    return policy.can(viewer, policy.COPRODUCTION_EDIT, project.lead)


def project_may_view_private(*, viewer: policy.Viewer, project: Project) -> bool:
    """The co-producers' members and the film bodies of the co-producers' countries see the financing,
    contributions, creatives, eligibility and dossier; nobody else does."""
    if any(policy.can(viewer, policy.COPRODUCTION_VIEW, party) for party in project_parties(project)):
        return True
    return any(
        policy.oversees_country(viewer, policy.COPRODUCTION_VIEW, c) for c in project_countries(project)
    )


def project_may_view(*, viewer: policy.Viewer, project: Project) -> bool:
    """A project looking for partners shows its public card (title, logline, kind, audience, stage,
    countries, needs) to every signed-in person; otherwise only those who see its private side."""
    signed_in = viewer is not None and viewer.is_authenticated
    return (project.seeking_partners and signed_in) or project_may_view_private(
        viewer=viewer, project=project
    )


def project_require_edit(*, viewer: policy.Viewer, project: Project) -> None:
    if not project_may_edit(viewer=viewer, project=project):
        raise PermissionDenied(_("Only the co-producers' editors may change this project."))


def project_require_view_private(*, viewer: policy.Viewer, project: Project) -> None:
    if not project_may_view_private(viewer=viewer, project=project):
        raise PermissionDenied(_("Only the co-producers and their film bodies may see this."))


def project_require_view(*, viewer: policy.Viewer, project: Project) -> None:
    if not project_may_view(viewer=viewer, project=project):
        raise PermissionDenied(_("Only the co-producers and their film bodies may see this."))


def rule_set_may_edit(*, viewer: policy.Viewer, rule_set: RuleSet) -> bool:
    return any(policy.can(viewer, policy.RULE_SETS_EDIT, body) for body in rule_set.editors.all())


def rule_set_require_edit(*, viewer: policy.Viewer, rule_set: RuleSet) -> None:
    if not rule_set_may_edit(viewer=viewer, rule_set=rule_set):
        raise PermissionDenied(_("Only the editors of the film bodies named on this rule set may change it."))


def directory_may_manage(*, viewer: policy.Viewer, organisation: Organisation) -> bool:
    """Whether the viewer answers for the studios, locations and specialists the organisation lists."""
    return policy.can(viewer, policy.DIRECTORY_EDIT, organisation)


def directory_require_manage(*, viewer: policy.Viewer, organisation: Organisation) -> None:
    if not directory_may_manage(viewer=viewer, organisation=organisation):
        raise PermissionDenied(
            _("Only the editors of %(organisation)s may do this.") % {"organisation": organisation.name}
        )
