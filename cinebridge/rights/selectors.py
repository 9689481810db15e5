"""Reads of the rights ledgers: grants a viewer may see, their history, conflict checks, avails.

Grant terms are confidential: a grant is seen by the members of its holder and of its counterparty
and by the film bodies overseeing either, never by another organisation. Its history (the audit) is
the holder's: the counterparty sees the grant as it stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Film
from cinebridge.core.errors import ApplicationError

from . import loader
from .convert import (
    ENGINE_FIELDS,
    GrantInput,
    GrantInputError,
    Normaliser,
    engine_grant,
    engine_grant_from_values,
    event_days,
    prepare_grant,
)
from .engine.conflicts import BINDING, grant_conflicts
from .engine.index import avails_detail, avails_search
from .engine.types import AvailsQuery, Conflict, Day, WorkAvails, day
from .engine.types import Grant as EngineGrant
from .models import Direction, Grant, GrantAudit, ReleaseEvent

# The grants conflict rules weigh: those that bind the holder (a pending deal as much as an active one).
BINDING_STATUSES = tuple(sorted(status.value for status in BINDING))
# An unsaved grant's id in the engine: no row has it.
UNSAVED_GRANT_ID = 0


def grants_visible(viewer: policy.Viewer) -> QuerySet[Grant]:
    """Grants whose holder or counterparty the viewer belongs to or oversees."""
    organisations = policy.organisations_where(viewer, policy.RIGHTS_VIEW)
    return Grant.objects.filter(Q(holder__in=organisations) | Q(counterparty__in=organisations))


def grant_list(
    *,
    viewer: policy.Viewer,
    work: Film | None = None,
    holder: Organisation | None = None,
    direction: str | None = None,
    status: str | None = None,
) -> QuerySet[Grant]:
    """The grants the viewer may see, optionally of one work, holder, direction or status."""
    qs = grants_visible(viewer)
    if work is not None:
        qs = qs.filter(work=work)
    if holder is not None:
        qs = qs.filter(holder=holder)
    if direction:
        qs = qs.filter(direction=direction)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("work", "holder", "counterparty").order_by("work_id", "direction", "pk")


def grant_get(*, viewer: policy.Viewer, pk: int) -> Grant:
    """One grant; 404 when it does not exist or the viewer may not see it (we do not confirm it exists)."""
    try:
        return grants_visible(viewer).select_related("work__owner", "holder", "counterparty").get(pk=pk)
    except Grant.DoesNotExist:
        raise Http404 from None


def grant_may_edit(*, viewer: policy.Viewer, grant: Grant) -> bool:
    """Whether the viewer may change this grant (an editor of the work's owner)."""
    return policy.can(viewer, policy.RIGHTS_EDIT, grant.work.owner)


def grant_history_visible(*, viewer: policy.Viewer, grant: Grant) -> bool:
    """Whether the viewer may read the grant's history: the holder's side, not the counterparty's."""
    return policy.can(viewer, policy.RIGHTS_VIEW, grant.holder)


def grant_audit_list(*, viewer: policy.Viewer, grant: Grant) -> QuerySet[GrantAudit]:
    """The grant's changes, oldest first; empty for a viewer who may not read its history."""
    if not grant_history_visible(viewer=viewer, grant=grant):
        return GrantAudit.objects.none()
    return GrantAudit.objects.filter(grant=grant).select_related("actor").order_by("version", "pk")


def grant_kinds(ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(direction, exclusivity) of these grants: enough to word a reason without disclosing the deal."""
    return {
        pk: (direction, exclusivity) for pk, (direction, exclusivity, _own) in grant_kinds_for(ids).items()
    }


def grant_kinds_for(ids: Iterable[int], *, licensees: Iterable[int] = ()) -> dict[int, tuple[str, str, bool]]:
    """(direction, exclusivity, whether it is a licence given to one of `licensees`) of these grants:
    enough to word why a grant stands in someone's way, or to see that it is their own licence, without
    disclosing the deal."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    licensed = set(licensees)
    rows = Grant.objects.filter(pk__in=wanted).values_list(
        "pk", "direction", "exclusivity", "counterparty_id"
    )
    return {
        pk: (direction, exclusivity, direction == Direction.OUT and counterparty in licensed)
        for pk, direction, exclusivity, counterparty in rows
    }


def works_with_grants(work_ids: Iterable[int]) -> set[int]:
    """Which of these works have any grant at all (in any status)."""
    return set(Grant.objects.filter(work_id__in=list(work_ids)).values_list("work_id", flat=True).distinct())


def release_events_of(work: Film) -> QuerySet[ReleaseEvent]:
    """The release events recorded for a work, in date order."""
    return ReleaseEvent.objects.filter(work=work).order_by("date", "kind", "territory")


def release_event_days(work_ids: Iterable[int]) -> dict[int, dict[str, Day]]:
    """{work: {"theatrical:BY": day}} for these works (the engine's view of their events)."""
    rows = ReleaseEvent.objects.filter(work_id__in=list(work_ids)).values_list(
        "work_id", "kind", "territory", "date"
    )
    return event_days(rows)


def binding_grants_of(work_id: int, *, exclude_grant_id: int | None = None) -> list[EngineGrant]:
    """The engine grants of a work that conflict rules weigh (pending and active)."""
    qs = Grant.objects.filter(work_id=work_id, status__in=BINDING_STATUSES)
    if exclude_grant_id is not None:
        qs = qs.exclude(pk=exclude_grant_id)
    return [engine_grant_from_values(values) for values in qs.order_by("pk").values_list(*ENGINE_FIELDS)]


def work_conflicts(grant: Grant, *, today: date, grant_id: int | None = None) -> list[Conflict]:
    """What the engine's conflict rules say about `grant` (saved or not) against the rest of its work."""
    proposed_id = grant_id if grant_id is not None else (grant.pk or UNSAVED_GRANT_ID)
    existing = binding_grants_of(grant.work_id, exclude_grant_id=grant.pk)
    events = release_event_days([grant.work_id]).get(grant.work_id, {})
    # "Licensing until" is weighed at the date the licence is concluded: its contract date.
    signed_on = day(grant.contract_date or today)
    return grant_conflicts(existing, engine_grant(grant, grant_id=proposed_id), events, signed_on)


def grant_conflicts_check(*, data: GrantInput, exclude_grant_id: int | None = None) -> list[Conflict]:
    """The conflicts a proposed grant (or a change of grant `exclude_grant_id`) would meet; writes nothing.

    Raises ApplicationError naming the field when the proposal itself is not valid.
    """
    if not Film.objects.filter(pk=data.work_id).exists():
        raise ApplicationError(_("There is no such film."), extra={"field": "work_id"})
    today = timezone.localdate()
    events = release_event_days([data.work_id]).get(data.work_id, {})
    grant = Grant(pk=exclude_grant_id)
    try:
        prepare_grant(grant, data, normaliser=Normaliser(), events=events, today=today)
    except GrantInputError as error:
        raise ApplicationError(error.message, extra={"field": error.field}) from None
    return work_conflicts(grant, today=today, grant_id=exclude_grant_id or UNSAVED_GRANT_ID)


def _require_avails_search(viewer: policy.Viewer) -> None:
    if not policy.can_anywhere(viewer, policy.AVAILS_SEARCH):
        raise PermissionDenied(_("Sign in as a member of an organisation to search availability."))


def avails_search_works(*, viewer: policy.Viewer, query: AvailsQuery) -> list[int]:
    """The ids of the works whose rights answer the query, from this process's fresh index.

    Which of them the viewer may see is the catalogue's question (`film_list(ranked_ids=…)`).
    """
    _require_avails_search(viewer)
    with loader.index_reading() as index:
        return avails_search(index, query)


def avails_work_detail(*, viewer: policy.Viewer, query: AvailsQuery, work_id: int) -> WorkAvails:
    """One work's answer to the query, region by region, with windows and the blocking grant ids."""
    _require_avails_search(viewer)
    with loader.index_reading() as index:
        return avails_detail(index, query, work_id)
