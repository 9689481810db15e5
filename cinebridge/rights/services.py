"""Writes to the rights ledgers: grants, their status, imports, release events. Each is one transaction.

Every write takes the per-work lock (the catalogue's Film row, SELECT … FOR UPDATE), runs the
engine's conflict rules for grants that bind (pending, active) against the other grants of the work,
writes an audit row per changed grant and raises `RightsState.version` in the same transaction, so
that every process's index sees the change on its next query. On PostgreSQL an exclusion constraint
backs the rule that two active exclusive OUT grants never overlap; its violation becomes the same
GrantConflict as the engine's refusal.
"""

from __future__ import annotations

import json
import re
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Film
from cinebridge.catalogue.selectors import film_lock, films_lock
from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_country_code

from . import selectors
from .convert import (
    ENGINE_FIELDS,
    GRANT_FIELDS,
    GrantInput,
    GrantInputError,
    Normaliser,
    engine_grant,
    engine_grant_from_values,
    grant_input_of,
    grant_values_and_engine,
    json_values,
    prepare_grant,
    resolved_dates,
)
from .engine.conflicts import grant_conflicts
from .engine.conflicts import overlap as conflict_overlap
from .engine.types import BEGINNING, FOREVER, Conflict, Day, Region, Rule, Status, day, to_date
from .engine.types import Grant as EngineGrant
from .models import (
    EVENT_KIND_PATTERN,
    EXCLUSIVE_OUT_CONSTRAINT,
    AuditAction,
    Direction,
    Exclusivity,
    Grant,
    GrantAudit,
    ReleaseEvent,
    RightsState,
    TermKind,
)

__all__ = [
    "GrantConflict",
    "GrantInput",
    "ImportProblem",
    "ImportRefused",
    "Progress",
    "conflicts_described",
    "conflicts_message",
    "describe_conflict",
    "grant_create",
    "grant_input_of",
    "grant_set_status",
    "grant_snapshot",
    "grant_update",
    "grants_import",
    "release_event_record",
]

T = TypeVar("T")
Progress = Callable[[int], None]

_EVENT_KIND = re.compile(EVENT_KIND_PATTERN)
IMPORT_BATCH_SIZE = 2000
_CHUNK = 2000
_SHOWN_LEAVES = 12

# Which status may follow which (a terminated grant stays terminated: enter a new one).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.PENDING, Status.ACTIVE, Status.TERMINATED}),
    Status.PENDING: frozenset({Status.DRAFT, Status.ACTIVE, Status.TERMINATED}),
    Status.ACTIVE: frozenset({Status.EXPIRED, Status.TERMINATED}),
    Status.EXPIRED: frozenset({Status.ACTIVE, Status.TERMINATED}),
    Status.TERMINATED: frozenset(),
}
_BINDING = frozenset(selectors.BINDING_STATUSES)


# --- errors ------------------------------------------------------------------------------------


def conflicts_message(explanations: Iterable[str]) -> str:
    """One sentence for a refusal by the conflict rules, from each conflict's explanation."""
    return _("This grant conflicts with the rights of the film: %(reasons)s") % {
        "reasons": " ".join(explanations)
    }


class GrantConflict(ApplicationError):  # noqa: N818 (the contract names it)
    """The grant would break conflict rules; `conflicts` says which rule, with which grant, where."""

    def __init__(self, conflicts: Sequence[Conflict], *, names: Mapping[int, str] | None = None) -> None:
        self.conflicts = list(conflicts)
        described = [describe_conflict(c, names=names) for c in self.conflicts]
        message = conflicts_message(described)
        super().__init__(
            message,
            extra={
                "field": None,
                "conflicts": [
                    {"rule": c.rule.value, "grant": c.grant, "message": text}
                    for c, text in zip(self.conflicts, described, strict=True)
                ],
            },
        )


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One reason an import was refused: the item's position in the input, the field, the message."""

    index: int
    field: str
    message: str


class ImportRefused(ApplicationError):  # noqa: N818 (the contract names it)
    """An import refused as a whole (nothing was written); `problems` names every item at fault."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.index)
        message = ngettext(
            "Nothing was imported: %(count)d grant has a problem.",
            "Nothing was imported: %(count)d problems were found.",
            len(self.problems),
        ) % {"count": len(self.problems)}
        super().__init__(
            message,
            extra={
                "problems": [
                    {"index": p.index, "field": p.field, "message": p.message} for p in self.problems
                ]
            },
        )


def _rule_text(rule: Rule) -> str:
    texts = {
        Rule.EXCLUSIVE_OVERLAP: _("It overlaps the exclusive licence of grant %(grant)s."),
        Rule.TOUCHES_EXCLUSIVE: _("It licenses rights already licensed exclusively by grant %(grant)s."),
        Rule.TOUCHES_HOLDBACK: _("It licenses rights held back by grant %(grant)s."),
        Rule.EXCLUSIVE_OVER_LICENSED: _("It would be exclusive where grant %(grant)s already licenses."),
        Rule.NOT_HELD: _("No acquired (IN) grant holds these rights."),
        Rule.NOT_SUBLICENSABLE: _("The acquired rights here may not be licensed on (not sublicensable)."),
        Rule.LICENSING_PERIOD_OVER: _("The “licensing until” date of the acquired rights here has passed."),
        Rule.LANGUAGE_NOT_ACQUIRED: _("No acquired grant holds these language uses."),
    }
    return texts[rule]


def _leaves(leaves: Iterable[str]) -> str:
    ordered = sorted(leaves)
    shown = ", ".join(ordered[:_SHOWN_LEAVES])
    if len(ordered) > _SHOWN_LEAVES:
        hidden = len(ordered) - _SHOWN_LEAVES
        shown += " " + ngettext("and %(count)d more", "and %(count)d more", hidden) % {"count": hidden}
    return shown


def _window(window: tuple[Day, Day]) -> str:
    start, end = to_date(window[0]), to_date(window[1])
    if start is None and end is None:
        return _("at every time")
    if end is None:
        return _("from %(start)s on") % {"start": start}
    if start is None:
        return _("until %(end)s") % {"end": end}
    return _("from %(start)s until %(end)s") % {"start": start, "end": end}


def _where(region: Region) -> str:
    parts = [
        _("media: %(media)s") % {"media": _leaves(region.media)},
        _("territories: %(territories)s") % {"territories": _leaves(region.territories)},
    ]
    if region.language_uses:
        parts.append(_("languages: %(uses)s") % {"uses": _leaves(str(u) for u in region.language_uses)})
    if region.windows:
        parts.append("; ".join(_window(w) for w in region.windows))
    return "; ".join(parts)


def describe_conflict(conflict: Conflict, *, names: Mapping[int, str] | None = None) -> str:
    """One conflict in the user's language: the rule, the grant it meets, where they overlap.

    `names` may name grants by their engine id; an import's items (no rows yet, engine id -n) are
    named "item n of this import".
    """
    grant = ""
    if conflict.grant is not None:
        grant = (names or {}).get(conflict.grant) or (
            f"#{conflict.grant}"
            if conflict.grant > 0
            else _("item %(number)d of this import") % {"number": -conflict.grant}
        )
    return _("%(rule)s Where: %(where)s.") % {
        "rule": _rule_text(conflict.rule) % {"grant": grant},
        "where": _where(conflict.where),
    }


def conflicts_described(*, viewer: policy.Viewer, conflicts: Sequence[Conflict]) -> list[str]:
    """Each conflict in words for this viewer: grants of deals they may not see are not numbered."""
    met = {c.grant for c in conflicts if c.grant is not None and c.grant > 0}
    visible = set(selectors.grants_visible(viewer).filter(pk__in=met).values_list("pk", flat=True))
    names = {grant: _("(not disclosed to you)") for grant in met - visible}
    return [describe_conflict(conflict, names=names) for conflict in conflicts]


# --- shared steps ------------------------------------------------------------------------------


def grant_snapshot(grant: Grant) -> dict[str, Any]:
    """The grant's audited fields as JSON-ready values."""
    return json_values({name: getattr(grant, name) for name in GRANT_FIELDS})


def _next_version() -> tuple[int, str]:
    """Raise the rights version (the row lock orders writers until commit); (version, stamp)."""
    stamp = secrets.token_hex(8)
    state = RightsState.objects.filter(pk=RightsState.SINGLETON_ID)
    if not state.update(version=F("version") + 1, stamp=stamp):
        # The row is made by migration 0002; a test database flushed between tests has lost it.
        RightsState.objects.get_or_create(pk=RightsState.SINGLETON_ID)
        state.update(version=F("version") + 1, stamp=stamp)
    return state.values_list("version", flat=True).get(), stamp


def _audit(
    *,
    actor: User | None,
    changes: Sequence[tuple[Grant | None, int, AuditAction, dict[str, Any] | None, dict[str, Any] | None]],
) -> int:
    """Write the audit rows of this transaction's changes under a new version; returns the version."""
    version, stamp = _next_version()
    now = timezone.now()
    GrantAudit.objects.bulk_create(
        (
            GrantAudit(
                grant=grant,
                work_id=work_id,
                version=version,
                stamp=stamp,
                actor=actor,
                at=now,
                action=action,
                before=before,
                after=after,
            )
            for grant, work_id, action, before, after in changes
        ),
        batch_size=IMPORT_BATCH_SIZE,
    )
    return version


def _lock_work(work_id: int) -> Film:
    film = film_lock(pk=work_id)
    if film is None:
        raise ApplicationError(_("There is no such film."), extra={"field": "work_id"})
    return film


def _require_edit(actor: User | None, film: Film) -> None:
    if actor is not None:
        policy.require(actor, policy.RIGHTS_EDIT, film.owner)


def _invalid(error: GrantInputError) -> ApplicationError:
    return ApplicationError(error.message, extra={"field": error.field})


def _check_organisations(data: GrantInput) -> None:
    if not Organisation.objects.filter(pk=data.holder_id).exists():
        raise ApplicationError(_("There is no such organisation."), extra={"field": "holder_id"})
    if data.counterparty_id is not None and not Organisation.objects.filter(pk=data.counterparty_id).exists():
        raise ApplicationError(_("There is no such organisation."), extra={"field": "counterparty_id"})


def _prepare(grant: Grant, data: GrantInput, today: date) -> Grant:
    _check_organisations(data)
    events = selectors.release_event_days([data.work_id]).get(data.work_id, {})
    try:
        prepare_grant(grant, data, normaliser=Normaliser(), events=events, today=today)
    except GrantInputError as error:
        raise _invalid(error) from None
    try:
        grant.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(" ".join(messages), extra={"field": field}) from None
    return grant


def _check_transition(old: str, new: str) -> None:
    if old != new and new not in TRANSITIONS[old]:
        raise ApplicationError(
            _("A grant cannot go from %(old)s to %(new)s.")
            % {"old": Status(old).name.lower(), "new": Status(new).name.lower()},
            extra={"field": "status"},
        )


def _check_conflicts(grant: Grant, today: date) -> None:
    if grant.status in _BINDING:
        conflicts = selectors.work_conflicts(grant, today=today)
        if conflicts:
            raise GrantConflict(conflicts)


def _overlapping_exclusive_outs(
    mine: EngineGrant, values: Mapping[str, Any], *, pk: int | None
) -> list[Conflict]:
    """The active exclusive OUT grants (every language) of the work whose box this one's overlaps.

    What PostgreSQL's exclusion constraint compares (stored dates, NULL meaning unbounded),
    computed again with the engine's overlap to name the grants it refused.
    """
    if not (
        values["direction"] == Direction.OUT
        and values["exclusivity"] == Exclusivity.EXCLUSIVE
        and values["status"] == Status.ACTIVE
        and values["language_uses"] == ""
    ):
        return []
    others = Grant.objects.filter(
        work_id=values["work_id"],
        direction=Direction.OUT,
        exclusivity=Exclusivity.EXCLUSIVE,
        status=Status.ACTIVE,
        language_uses="",
    )
    if pk is not None:
        others = others.exclude(pk=pk)
    span = _stored_span(values["start_date"], values["end_date"])
    found = []
    for row in others.order_by("pk").values_list(*ENGINE_FIELDS):
        other = engine_grant_from_values(row)
        where = conflict_overlap(mine, span, other, _stored_span(row[_START_DATE], row[_END_DATE]))
        if where is not None:
            found.append(Conflict(rule=Rule.EXCLUSIVE_OVERLAP, grant=other.id, where=where))
    return found


_START_DATE, _END_DATE = ENGINE_FIELDS.index("start_date"), ENGINE_FIELDS.index("end_date")


def _stored_span(start: date | None, end: date | None) -> tuple[Day, Day]:
    return (BEGINNING if start is None else day(start), FOREVER if end is None else day(end))


def _saving(grant: Grant, write: Callable[[], T]) -> T:
    """Run `write` in a savepoint; PostgreSQL's exclusion violation becomes a GrantConflict."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:
        if EXCLUSIVE_OUT_CONSTRAINT not in str(error):
            raise
        values = {f: getattr(grant, f) for f in GRANT_FIELDS}
        mine = engine_grant(grant, grant_id=grant.pk or 0)
        conflicts = _overlapping_exclusive_outs(mine, values, pk=grant.pk)
        if not conflicts:
            raise
        raise GrantConflict(conflicts) from error


# --- one grant ---------------------------------------------------------------------------------


@transaction.atomic
def grant_create(*, actor: User | None, data: GrantInput) -> Grant:
    """Enter one contract line into a work's rights ledger, after the conflict rules agree."""
    film = _lock_work(data.work_id)
    _require_edit(actor, film)
    today = timezone.localdate()
    grant = _prepare(Grant(created_by=actor), data, today)
    _check_conflicts(grant, today)
    _saving(grant, grant.save)
    _audit(actor=actor, changes=[(grant, grant.work_id, AuditAction.CREATE, None, grant_snapshot(grant))])
    return grant


@transaction.atomic
def grant_update(*, actor: User | None, grant: Grant, data: GrantInput) -> Grant:
    """Change a grant as a whole (its work stays); audited with what it was before."""
    film = _lock_work(grant.work_id)
    _require_edit(actor, film)
    if data.work_id != grant.work_id:
        raise ApplicationError(
            _("A grant cannot move to another film: end it and enter a new one for that film."),
            extra={"field": "work_id"},
        )
    current = Grant.objects.get(pk=grant.pk)  # as committed, now that the work is locked
    before = grant_snapshot(current)
    today = timezone.localdate()
    _prepare(current, data, today)
    _check_transition(before["status"], current.status)
    after = grant_snapshot(current)
    if after == before:
        return current
    _check_conflicts(current, today)
    _saving(current, current.save)
    _audit(actor=actor, changes=[(current, current.work_id, AuditAction.UPDATE, before, after)])
    return current


@transaction.atomic
def grant_set_status(*, actor: User | None, grant: Grant, status: Status | str) -> Grant:
    """Move a grant to another status (pending → active, active → terminated …), audited."""
    film = _lock_work(grant.work_id)
    _require_edit(actor, film)
    current = Grant.objects.get(pk=grant.pk)
    new = str(getattr(status, "value", status))
    if new not in TRANSITIONS:
        raise ApplicationError(_("“%(value)s” is not a status.") % {"value": new}, extra={"field": "status"})
    if new == current.status:
        return current
    _check_transition(current.status, new)
    before = grant_snapshot(current)
    current.status = new
    _check_conflicts(current, timezone.localdate())
    _saving(current, lambda: current.save(update_fields=["status", "updated_at"]))
    _audit(
        actor=actor, changes=[(current, current.work_id, AuditAction.STATUS, before, grant_snapshot(current))]
    )
    return current


# --- release events ----------------------------------------------------------------------------


@transaction.atomic
def release_event_record(
    *, actor: User | None, work: Film, kind: str, territory: str, on: date
) -> ReleaseEvent:
    """Record (or correct) a release of the work; the relative terms waiting for it get their dates."""
    film = _lock_work(work.pk)
    _require_edit(actor, film)
    kind = kind.strip().lower()
    territory = territory.strip().upper()
    if not _EVENT_KIND.fullmatch(kind):
        raise ApplicationError(
            _("“%(kind)s” is not a kind of release such as theatrical.") % {"kind": kind},
            extra={"field": "kind"},
        )
    if not is_country_code(territory):
        raise ApplicationError(
            _("“%(code)s” is not a country code.") % {"code": territory}, extra={"field": "territory"}
        )
    event = ReleaseEvent.objects.filter(work=film, kind=kind, territory=territory).first()
    before = None if event is None else {"event": event.key, "date": event.date.isoformat()}
    if event is not None and event.date == on:
        return event
    if event is None:
        event = ReleaseEvent(work=film, kind=kind, territory=territory, date=on)
    event.date = on
    event.full_clean(validate_unique=False)
    event.save()
    events = selectors.release_event_days([film.pk]).get(film.pk, {})
    changes: list[tuple[Grant | None, int, AuditAction, dict[str, Any] | None, dict[str, Any] | None]] = []
    for grant in Grant.objects.filter(work=film, term_kind=TermKind.RELATIVE, event=event.key).order_by("pk"):
        start, end = resolved_dates(grant, events)
        if (start, end) == (grant.start_date, grant.end_date):
            continue
        old = grant_snapshot(grant)
        grant.start_date, grant.end_date = start, end
        _saving(grant, partial(grant.save, update_fields=["start_date", "end_date", "updated_at"]))
        changes.append((grant, film.pk, AuditAction.RESOLVE, old, grant_snapshot(grant)))
    changes.append((None, film.pk, AuditAction.EVENT, before, {"event": event.key, "date": on.isoformat()}))
    _audit(actor=actor, changes=changes)
    return event


# --- imports -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    """One item of an import, checked and normalised; `engine` is its engine grant under id -(index + 1)."""

    index: int
    values: dict[str, Any]
    engine: EngineGrant
    pk: int | None = None


def _engine_id(index: int) -> int:
    return -(index + 1)


def _existing_organisations(items: Sequence[GrantInput]) -> set[int]:
    ids = sorted({i.holder_id for i in items} | {i.counterparty_id for i in items if i.counterparty_id})
    found: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        found.update(
            Organisation.objects.filter(pk__in=ids[start : start + _CHUNK]).values_list("pk", flat=True)
        )
    return found


def _editable_owners(actor: User | None, owner_ids: Iterable[int]) -> set[int] | None:
    """The owners of these films whose rights the actor may edit; None: everyone's (no actor)."""
    if actor is None:
        return None
    allowed = policy.organisations_where(actor, policy.RIGHTS_EDIT)
    return set(allowed.filter(pk__in=sorted(set(owner_ids))).values_list("pk", flat=True))


def _binding_grants_of_works(work_ids: Sequence[int]) -> dict[int, list[EngineGrant]]:
    found: dict[int, list[EngineGrant]] = defaultdict(list)
    for start in range(0, len(work_ids), _CHUNK):
        rows = Grant.objects.filter(
            work_id__in=work_ids[start : start + _CHUNK], status__in=selectors.BINDING_STATUSES
        ).values_list(*ENGINE_FIELDS)
        for values in rows.order_by():
            found[values[1]].append(engine_grant_from_values(values))
    return found


def _events_of_works(work_ids: Sequence[int]) -> dict[int, dict[str, Day]]:
    found: dict[int, dict[str, Day]] = {}
    for start in range(0, len(work_ids), _CHUNK):
        found.update(selectors.release_event_days(work_ids[start : start + _CHUNK]))
    return found


def _item_checker(
    items: Sequence[GrantInput],
    *,
    actor: User | None,
    owners: Mapping[int, int],
    events: Mapping[int, Mapping[str, Day]],
    today: date,
) -> Callable[[int, GrantInput], _Row | ImportProblem]:
    """What checks and normalises each item (vocabulary resolutions memoised); it reads the
    organisations and the actor's rights first, so that the checks themselves make no query."""
    organisations = _existing_organisations(items)
    editable = _editable_owners(actor, owners.values())
    normaliser = Normaliser()
    no_events: Mapping[str, Day] = {}

    def check(index: int, data: GrantInput) -> _Row | ImportProblem:
        owner = owners.get(data.work_id)
        if owner is None:
            return ImportProblem(index, "work_id", _("There is no such film."))
        if editable is not None and owner not in editable:
            return ImportProblem(index, "work_id", _("You may not edit the rights of this film."))
        if data.holder_id not in organisations:
            return ImportProblem(index, "holder_id", _("There is no such organisation."))
        if data.counterparty_id is not None and data.counterparty_id not in organisations:
            return ImportProblem(index, "counterparty_id", _("There is no such organisation."))
        try:
            values, engine = grant_values_and_engine(
                data,
                normaliser=normaliser,
                events=events.get(data.work_id, no_events),
                today=today,
                grant_id=_engine_id(index),
            )
        except GrantInputError as error:
            return ImportProblem(index, error.field, error.message)
        return _Row(index, values, engine)

    return check


def _prepared_rows(
    items: Sequence[GrantInput], check: Callable[[int, GrantInput], _Row | ImportProblem]
) -> tuple[list[_Row], list[ImportProblem]]:
    """Each item checked and normalised."""
    rows: list[_Row] = []
    problems: list[ImportProblem] = []
    for index, data in enumerate(items):
        checked = check(index, data)
        if isinstance(checked, ImportProblem):
            problems.append(checked)
        else:
            rows.append(checked)
    return rows, problems


def _import_conflicts(
    rows: Sequence[_Row],
    existing: Mapping[int, list[EngineGrant]],
    events: Mapping[int, Mapping[str, Day]],
    today: date,
) -> list[ImportProblem]:
    """Each binding row checked against the work's existing grants and the import's other rows."""
    proposed: dict[int, list[EngineGrant]] = defaultdict(list)
    for row in rows:
        proposed[row.engine.work].append(row.engine)
    problems: list[ImportProblem] = []
    signed_on = {row.engine.id: day(row.values.get("contract_date") or today) for row in rows}
    no_events: Mapping[str, Day] = {}
    for work, batch in proposed.items():
        pool = existing.get(work, []) + [g for g in batch if g.status in _BINDING]
        work_events = events.get(work, no_events)
        for grant in batch:
            if grant.status not in _BINDING:
                continue
            for conflict in grant_conflicts(pool, grant, work_events, signed_on[grant.id]):
                problems.append(ImportProblem(-grant.id - 1, "conflict", describe_conflict(conflict)))
    return problems


_GRANT_COPY_COLUMNS = ("id", "created_at", "updated_at", *GRANT_FIELDS, "created_by_id")
_AUDIT_COPY_COLUMNS = (
    "grant_id",
    "work_id",
    "version",
    "stamp",
    "actor_id",
    "at",
    "action",
    "before",
    "after",
)


@contextmanager
def _copy_in(table: str, columns: Sequence[str]) -> Iterator[Callable[[Sequence[Any]], None]]:
    """PostgreSQL's COPY … FROM STDIN (many times faster than INSERT for a large import); the block
    is given a function that writes one row. The server's refusal comes when the block ends.

    A thread sends the data (psycopg's queued writer), so that the server checks and stores the rows
    while this one makes the next ones. No other query may run on the connection inside the block.
    """
    from psycopg.copy import QueuedLibpqWriter  # PostgreSQL only

    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, connection.wrap_database_errors:
        raw = cursor.cursor
        with raw.copy(sql, writer=QueuedLibpqWriter(raw)) as copy:
            yield copy.write_row


def _new_grant_ids(count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Grant._meta.db_table, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


class _Refused(Exception):  # noqa: N818 (internal: ends the COPY of a refused import)
    pass


def _import_rows(
    items: Sequence[GrantInput],
    *,
    actor: User | None,
    owners: Mapping[int, int],
    events: Mapping[int, Mapping[str, Day]],
    today: date,
    on_progress: Progress | None,
) -> list[_Row]:
    """Check every item and write the rows; raises ImportRefused (and writes nothing) when any fails.

    On PostgreSQL the rows stream to the server (COPY) as they are checked, so that the server
    stores them and checks its constraints while the items are still being checked; a refusal ends
    the COPY and rolls its savepoint back. The reasons are the same, in the same order of precedence,
    as where nothing is written before every check has passed (the other databases): the items' own
    problems; else the conflict rules; else the exclusion constraint.
    """
    check = _item_checker(items, actor=actor, owners=owners, events=events, today=today)
    existing = _binding_grants_of_works(sorted(owners))
    if connection.vendor != "postgresql":
        prepared, refused = _prepared_rows(items, check)
        if not refused:
            refused = _import_conflicts(prepared, existing, events, today)
        if refused:
            raise ImportRefused(refused)
        try:
            with transaction.atomic():
                _write_rows(prepared, actor=actor, on_progress=on_progress)
        except IntegrityError as error:
            raise ImportRefused(_integrity_problems(prepared, error)) from error
        return prepared

    ids = _new_grant_ids(len(items))
    now = timezone.now()
    actor_id = actor.pk if actor is not None else None
    rows: list[_Row] = []
    problems: list[ImportProblem] = []
    try:
        with transaction.atomic(), _copy_in(Grant._meta.db_table, _GRANT_COPY_COLUMNS) as write:
            for index, data in enumerate(items):
                checked = check(index, data)
                if isinstance(checked, ImportProblem):
                    problems.append(checked)
                    continue
                rows.append(checked)
                if problems:
                    continue  # refused already: check the rest, write no more
                checked.pk = ids[index]
                write((checked.pk, now, now, *checked.values.values(), actor_id))
                if on_progress is not None and len(rows) % IMPORT_BATCH_SIZE == 0:
                    on_progress(len(rows))
            if not problems:
                problems = _import_conflicts(rows, existing, events, today)
            if problems:
                raise _Refused
    except _Refused:
        raise ImportRefused(problems) from None
    except IntegrityError as error:
        if problems:  # the server refused a row too, but the checks' reasons come first
            raise ImportRefused(problems) from None
        raise ImportRefused(_integrity_problems(rows, error)) from error
    if on_progress is not None and len(rows) % IMPORT_BATCH_SIZE:
        on_progress(len(rows))
    return rows


def _write_rows(rows: Sequence[_Row], *, actor: User | None, on_progress: Progress | None) -> None:
    """Insert the rows with bulk INSERTs (not PostgreSQL: see `_import_rows`) and give each its id."""
    written = 0
    for batch in _batches(rows, IMPORT_BATCH_SIZE):
        objects = Grant.objects.bulk_create([Grant(created_by=actor, **row.values) for row in batch])
        for row, created in zip(batch, objects, strict=True):
            row.pk = created.pk
        written += len(batch)
        if on_progress is not None:
            on_progress(written)


def _write_import_audit(rows: Sequence[_Row], actor: User | None) -> None:
    if connection.vendor != "postgresql":
        _audit(
            actor=actor,
            changes=[
                (Grant(pk=row.pk), row.values["work_id"], AuditAction.IMPORT, None, json_values(row.values))
                for row in rows
            ],
        )
        return
    version, stamp = _next_version()
    now = timezone.now()
    actor_id = actor.pk if actor is not None else None
    action = AuditAction.IMPORT.value
    with _copy_in(GrantAudit._meta.db_table, _AUDIT_COPY_COLUMNS) as write:
        for row in rows:
            write(
                (
                    row.pk,
                    row.values["work_id"],
                    version,
                    stamp,
                    actor_id,
                    now,
                    action,
                    None,
                    _json(row.values),
                )
            )


def _iso_date(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# What `json.dumps(json_values(values), ensure_ascii=False)` gives, without copying each row's dict
# first: the encoder meets only the dates, and the C encoder turns them to text by `default`.
_AUDIT_JSON = json.JSONEncoder(ensure_ascii=False, default=_iso_date)


def _json(values: Mapping[str, Any]) -> str:
    return _AUDIT_JSON.encode(values)


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def grants_import(
    *, actor: User | None, items: Sequence[GrantInput], on_progress: Progress | None = None
) -> list[int]:
    """Enter many grants at once, all or nothing; returns their ids in the order of `items`.

    Every item is checked as `grant_create` checks it (fields, vocabularies, conflict rules against
    the work's grants and the import's other items), and the rows are written in bulk.
    `on_progress(n)` is told how many grants are written so far. Raises ImportRefused naming each
    item at fault by its position in `items`.
    """
    if not items:
        return []
    today = timezone.localdate()
    owners = films_lock(pks=(i.work_id for i in items))
    events = _events_of_works(sorted(owners))
    rows = _import_rows(
        items, actor=actor, owners=owners, events=events, today=today, on_progress=on_progress
    )
    _write_import_audit(rows, actor)
    return [row.pk for row in rows if row.pk is not None]


def _integrity_problems(rows: Sequence[_Row], error: IntegrityError) -> list[ImportProblem]:
    """The exclusion constraint refused rows the engine passed (rows written around the services)."""
    if EXCLUSIVE_OUT_CONSTRAINT not in str(error):
        raise error
    problems = [
        ImportProblem(row.index, "conflict", describe_conflict(conflict))
        for row in rows
        for conflict in _overlapping_exclusive_outs(row.engine, row.values, pk=None)
    ]
    return problems or [ImportProblem(rows[0].index, "conflict", str(error))]
