"""The one permission policy: every view, API endpoint and service asks here who may do what.

Rules are stated per action as the roles that grant it and the organisation kinds it applies to.
Film bodies oversee their country: their members may *see* what organisations of the same country
keep private (never edit it), as DESIGN.md §1 asks for confidential data.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import Membership, Organisation, OrganisationKind, Role, User

Viewer = User | AnonymousUser | None

CATALOGUE_EDIT = "catalogue.edit"
CATALOGUE_VIEW_PRIVATE = "catalogue.view_private"
ORGANISATION_VIEW_MEMBERS = "organisation.view_members"
ORGANISATION_MANAGE = "organisation.manage"
# Rights (issue 3). Grant terms are confidential: seen by the holder's and the counterparty's members
# and by their film bodies, never by another organisation; edited on the work's owner organisation.
RIGHTS_EDIT = "rights.edit"
RIGHTS_VIEW = "rights.view"
AVAILS_SEARCH = "avails.search"
# Deals and exhibition (issue 4). Deal terms, reports, payments and statements are confidential: seen
# by the members of the deal's two parties and by the film bodies of their countries, never by
# anyone else; changed only by editors of the party whose turn it is (the services check which).
DEALS_VIEW = "deals.view"
DEALS_REQUEST = "deals.request"
DEALS_NEGOTIATE = "deals.negotiate"
EXHIBITION_EDIT = "exhibition.edit"
REPORTS_SUBMIT = "reports.submit"
STATEMENTS_ISSUE = "statements.issue"
# Exchange rates change every statement converting with them: recorded by editors of the organisations
# that trade films and of film bodies (not festivals, schools or observers), each rate naming who did.
EXCHANGE_RATES_RECORD = "exchange_rates.record"
# Events (issue 5). A festival's editors run its editions (calls, review, selection, juries, awards);
# rights holders and film bodies enter their own films. Submissions are seen by the applicant's members
# and its film body, and by the festival. Film weeks are run by the editors of the two film bodies;
# their curation, guests' passport data and schedules stay with those two until published.
FESTIVALS_MANAGE = "festivals.manage"
SUBMISSIONS_ENTER = "submissions.enter"
SUBMISSIONS_VIEW = "submissions.view"
FILM_WEEKS_ORGANISE = "film_weeks.organise"
FILM_WEEKS_VIEW = "film_weeks.view"
# Membership itself, without oversight: for what stays inside an organisation (guests' passport data).
ORGANISATION_MEMBER = "organisation.member"
# Co-production (issue 6). A project is changed by the editors of its co-producers (producers and film
# bodies' own productions); its financing, contributions and creatives are seen by the co-producers'
# members and by the film bodies of the co-producers' countries, never by anyone else. The editable rule
# sets (a bilateral programme's) are edited by the editors of the film bodies named on them. Studios,
# locations and specialists are listed, and their bookings and invitations answered, by the editors of
# the organisation that lists them. Any organisation's editors may ask another for a meeting.
COPRODUCTION_EDIT = "coproduction.edit"
COPRODUCTION_VIEW = "coproduction.view"
RULE_SETS_EDIT = "coproduction.rule_sets_edit"
DIRECTORY_EDIT = "directory.edit"
MEETINGS_REQUEST = "meetings.request"

_EVERY_ROLE = frozenset(Role)
_EDITORS = frozenset({Role.ADMIN, Role.EDITOR})
_CATALOGUE_OWNERS = frozenset({OrganisationKind.RIGHTS_HOLDER, OrganisationKind.FILM_BODY})
# Who may ask for a licence: cinemas, platforms, distributors (rights holders) and film bodies.
_LICENSEES = frozenset(
    {
        OrganisationKind.EXHIBITOR,
        OrganisationKind.PLATFORM,
        OrganisationKind.RIGHTS_HOLDER,
        OrganisationKind.FILM_BODY,
    }
)
# Who runs cinemas or platforms (a distributor may run both).
_EXPLOITERS = frozenset(
    {OrganisationKind.EXHIBITOR, OrganisationKind.PLATFORM, OrganisationKind.RIGHTS_HOLDER}
)


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    kinds: frozenset[OrganisationKind] | None = None  # None: any kind of organisation
    film_body_oversight: bool = False


RULES: dict[str, Rule] = {
    CATALOGUE_EDIT: Rule(roles=_EDITORS, kinds=_CATALOGUE_OWNERS),
    CATALOGUE_VIEW_PRIVATE: Rule(roles=_EVERY_ROLE, film_body_oversight=True),
    ORGANISATION_VIEW_MEMBERS: Rule(roles=_EVERY_ROLE, film_body_oversight=True),
    ORGANISATION_MANAGE: Rule(roles=frozenset({Role.ADMIN})),
    RIGHTS_EDIT: Rule(roles=_EDITORS, kinds=_CATALOGUE_OWNERS),
    RIGHTS_VIEW: Rule(roles=_EVERY_ROLE, film_body_oversight=True),
    AVAILS_SEARCH: Rule(roles=_EVERY_ROLE),
    DEALS_VIEW: Rule(roles=_EVERY_ROLE, film_body_oversight=True),
    DEALS_REQUEST: Rule(roles=_EDITORS, kinds=_LICENSEES),
    DEALS_NEGOTIATE: Rule(roles=_EDITORS),
    EXHIBITION_EDIT: Rule(roles=_EDITORS, kinds=_EXPLOITERS),
    REPORTS_SUBMIT: Rule(roles=_EDITORS),
    STATEMENTS_ISSUE: Rule(roles=_EDITORS),
    EXCHANGE_RATES_RECORD: Rule(roles=_EDITORS, kinds=_EXPLOITERS | {OrganisationKind.FILM_BODY}),
    FESTIVALS_MANAGE: Rule(roles=_EDITORS, kinds=frozenset({OrganisationKind.FESTIVAL})),
    SUBMISSIONS_ENTER: Rule(roles=_EDITORS, kinds=_CATALOGUE_OWNERS),
    SUBMISSIONS_VIEW: Rule(roles=_EVERY_ROLE, film_body_oversight=True),
    FILM_WEEKS_ORGANISE: Rule(roles=_EDITORS, kinds=frozenset({OrganisationKind.FILM_BODY})),
    FILM_WEEKS_VIEW: Rule(roles=_EVERY_ROLE, kinds=frozenset({OrganisationKind.FILM_BODY})),
    ORGANISATION_MEMBER: Rule(roles=_EVERY_ROLE),
    COPRODUCTION_EDIT: Rule(roles=_EDITORS, kinds=_CATALOGUE_OWNERS),
    COPRODUCTION_VIEW: Rule(roles=_EVERY_ROLE, film_body_oversight=True),
    RULE_SETS_EDIT: Rule(roles=_EDITORS, kinds=frozenset({OrganisationKind.FILM_BODY})),
    DIRECTORY_EDIT: Rule(roles=_EDITORS, kinds=_CATALOGUE_OWNERS | {OrganisationKind.SCHOOL}),
    MEETINGS_REQUEST: Rule(roles=_EDITORS),
}


def _signed_in(viewer: Viewer) -> User | None:
    if isinstance(viewer, User) and viewer.is_authenticated and viewer.is_active:
        return viewer
    return None


def _memberships(user: User) -> list[Membership]:
    # Cached on the user object, which lives for one request.
    cached: list[Membership] | None = getattr(user, "_cinebridge_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organisation"))
        user._cinebridge_memberships = cached  # type: ignore[attr-defined]
    return cached


def _rule(action: str) -> Rule:
    try:
        return RULES[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}: add it to policy.RULES") from None


def organisations_where(viewer: Viewer, action: str) -> QuerySet[Organisation]:
    """The organisations on which the viewer may perform `action`."""
    user = _signed_in(viewer)
    rule = _rule(action)
    if user is None:
        return Organisation.objects.none()
    if user.is_superuser:
        return _of_kinds(Organisation.objects.all(), rule)
    memberships = _memberships(user)
    own_ids = [m.organisation_id for m in memberships if m.role in rule.roles]
    condition = Q(pk__in=own_ids)
    if rule.film_body_oversight:
        overseen = {
            m.organisation.country for m in memberships if m.organisation.kind == OrganisationKind.FILM_BODY
        }
        condition |= Q(country__in=overseen)
    return _of_kinds(Organisation.objects.filter(condition), rule)


def _of_kinds(organisations: QuerySet[Organisation], rule: Rule) -> QuerySet[Organisation]:
    return organisations if rule.kinds is None else organisations.filter(kind__in=rule.kinds)


def can(viewer: Viewer, action: str, organisation: Organisation) -> bool:
    """Whether the viewer may perform `action` on `organisation`."""
    user = _signed_in(viewer)
    rule = _rule(action)
    if user is None or (rule.kinds is not None and organisation.kind not in rule.kinds):
        return False
    if user.is_superuser:
        return True
    memberships = _memberships(user)
    if any(m.organisation_id == organisation.pk and m.role in rule.roles for m in memberships):
        return True
    return rule.film_body_oversight and any(
        m.organisation.kind == OrganisationKind.FILM_BODY and m.organisation.country == organisation.country
        for m in memberships
    )


def oversees_country(viewer: Viewer, action: str, country: str) -> bool:
    """Whether the viewer may perform `action` in `country` by film body oversight alone: for what
    concerns a country rather than an organisation of the platform (a co-producer not on it)."""
    user = _signed_in(viewer)
    rule = _rule(action)
    if user is None or not rule.film_body_oversight:
        return False
    if user.is_superuser:
        return True
    return any(
        m.organisation.kind == OrganisationKind.FILM_BODY and m.organisation.country == country
        for m in _memberships(user)
    )


def can_anywhere(viewer: Viewer, action: str) -> bool:
    """Whether the viewer may perform `action` on at least one organisation (e.g. search avails)."""
    return organisations_where(viewer, action).exists()


def require(viewer: Viewer, action: str, organisation: Organisation) -> None:
    """Raise PermissionDenied unless the viewer may perform `action` on `organisation`."""
    if not can(viewer, action, organisation):
        raise PermissionDenied(
            _("You do not have permission to do this for %(organisation)s.")
            % {"organisation": organisation.name}
        )


def editable_organisations(viewer: Viewer) -> QuerySet[Organisation]:
    """Organisations whose catalogue the viewer may edit (for forms' owner choices)."""
    return organisations_where(viewer, CATALOGUE_EDIT)


def is_member(viewer: Viewer, organisation: Organisation) -> bool:
    user = _signed_in(viewer)
    return user is not None and any(m.organisation_id == organisation.pk for m in _memberships(user))


def forget_cached_memberships(user: User) -> None:
    """Drop the per-request membership cache after memberships change."""
    if hasattr(user, "_cinebridge_memberships"):
        del user._cinebridge_memberships
