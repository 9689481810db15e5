"""Who may organise or look inside a programme: the one place the events app asks the policy about it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.events.models import FilmWeekStatus, Programme, ProgrammeKind

__all__ = [
    "programme_may_organise",
    "programme_may_see_guest_papers",
    "programme_may_view_private",
    "programme_organisers",
    "programme_require_organise",
    "programme_require_view_private",
]

_CLOSED_WEEKS = frozenset({FilmWeekStatus.DECLINED, FilmWeekStatus.CANCELLED})


def programme_organisers(programme: Programme) -> list[Organisation]:
    """The organisations that run a programme: a film week's two film bodies, or the festival."""
    if programme.kind == ProgrammeKind.FILM_WEEK:
        week = programme.film_week
        return [week.proposed_by, week.partner]
    return [programme.edition.festival.organisation]


def _organise_action(programme: Programme) -> str:
    return (
        policy.FILM_WEEKS_ORGANISE if programme.kind == ProgrammeKind.FILM_WEEK else policy.FESTIVALS_MANAGE
    )


def programme_may_organise(*, viewer: policy.Viewer, programme: Programme) -> bool:
    """Whether the viewer may change the programme (venues, films, guests, schedule, attendance).
    A declined or cancelled film week is closed to changes."""
    if programme.kind == ProgrammeKind.FILM_WEEK and programme.film_week.status in _CLOSED_WEEKS:
        return False
    action = _organise_action(programme)
    return any(policy.can(viewer, action, organisation) for organisation in programme_organisers(programme))


def programme_may_view_private(*, viewer: policy.Viewer, programme: Programme) -> bool:
    """Whether the viewer may see what is not public: the curation, guests' passport data, the draft
    schedule. Any member of an organising organisation may (and the film bodies overseeing them)."""
    return any(
        policy.can(viewer, policy.CATALOGUE_VIEW_PRIVATE, organisation)
        for organisation in programme_organisers(programme)
    )


def programme_may_see_guest_papers(*, viewer: policy.Viewer, programme: Programme) -> bool:
    """Whether the viewer may see guests' passport data and write their visa letters: members of the
    organising organisations only — no film body oversight, unlike the rest of the private side."""
    return any(
        policy.can(viewer, policy.ORGANISATION_MEMBER, organisation)
        for organisation in programme_organisers(programme)
    )


def programme_require_organise(*, viewer: policy.Viewer, programme: Programme) -> None:
    if not programme_may_organise(viewer=viewer, programme=programme):
        raise PermissionDenied(_("Only the organisers' editors may change this programme."))


def programme_require_view_private(*, viewer: policy.Viewer, programme: Programme) -> None:
    if not programme_may_view_private(viewer=viewer, programme=programme):
        raise PermissionDenied(_("Only the organisers may see this."))
