"""The one place where a grant changes shape: service input → Grant row → the engine's `types.Grant`.

`prepare_grant` validates a `GrantInput` and fills a (new or existing) Grant row with its dimensions
normalised through the vocabularies; `engine_grant` and `engine_grant_from_values` turn rows back into
the engine's plain grants. Resolutions are memoised, since an import or an index build meets the same
expressions and key texts thousands of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from cinebridge.core.vocabularies import is_country_code, is_language_code

from .engine import vocabulary
from .engine.types import (
    BEGINNING,
    FOREVER,
    Day,
    Direction,
    Exclusivity,
    FixedTerm,
    LanguageUse,
    Offset,
    RelativeTerm,
    Status,
    Term,
    Use,
    day,
    to_date,
)
from .engine.types import Grant as EngineGrant
from .models import EVENT_KEY_PATTERN, Grant, GrantSource, TermKind

_EVENT_KEY = re.compile(EVENT_KEY_PATTERN)
_MAX_LENGTHS = {"counterparty_name": 200, "co_exclusive_group": 100, "reference": 200, "language_uses": 500}


@dataclass(frozen=True)
class GrantInput:
    """A grant as a person, a file or a deal states it; `services.grant_create` and friends take it."""

    work_id: int
    holder_id: int
    direction: Direction
    territories: str  # expression as entered: "World excluding US, CA", "CIS + IR"
    media: str  # expression: "ON_DEMAND excluding AVOD", "SVOD"
    language_uses: str = ""  # "" = all; "fa:original ru:dubbed"
    exclusivity: Exclusivity = Exclusivity.NON_EXCLUSIVE
    co_exclusive_group: str = ""
    sublicensable: bool = False
    licensing_until: date | None = None
    status: Status = Status.ACTIVE
    start: date | None = None  # None: from the beginning
    end: date | None = None  # EXCLUSIVE end; None: open end / perpetuity
    event: str = ""  # relative term when set ("theatrical:BY"); start/end then ignored
    start_after_months: int = 0
    start_after_days: int = 0
    duration_months: int | None = None
    duration_days: int | None = None
    counterparty_id: int | None = None
    counterparty_name: str = ""
    contract_date: date | None = None  # None: today; group membership is resolved at this date
    reference: str = ""
    notes: str = ""
    source: str = "manual"  # manual | ema | deal


class GrantInputError(ValueError):
    """One field of a GrantInput is wrong; the message is in the user's language."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Dimension:
    """One normalised dimension: the canonical text, the key text stored, the leaves the engine uses."""

    text: str
    keys: str
    leaves: frozenset[str]


class Normaliser:
    """Resolves territory, media and language-use expressions, memoised for the life of one operation.

    Territories are memoised twice: per (text, contract date), and, since contract dates vary from
    grant to grant while group membership changes rarely, per (canonical text, resolved countries):
    the vocabulary answers with the same set object for an expression throughout a period of
    unchanged membership, so the key text is built once per distinct set, not once per date.
    """

    def __init__(self, vocabularies: vocabulary.Vocabularies | None = None) -> None:
        self.vocabularies = vocabularies or vocabulary.load_vocabularies()
        self.version = self.vocabularies.version
        self._territories: dict[tuple[str, date], Dimension] = {}
        self._expressions: dict[str, tuple[vocabulary.Expression, str]] = {}
        self._territory_sets: dict[tuple[str, frozenset[str]], Dimension] = {}
        self._territory_keys: dict[frozenset[str], str] = {}
        self._media: dict[str, Dimension] = {}
        self._languages: dict[str, tuple[str, frozenset[LanguageUse] | None]] = {}

    def territories(self, text: str, at: date) -> Dimension:
        found = self._territories.get((text, at))
        if found is None:
            found = self._territories[(text, at)] = self._resolve_territories(text, at)
        return found

    def media(self, text: str) -> Dimension:
        found = self._media.get(text)
        if found is None:
            found = self._media[text] = self._resolve_media(text)
        return found

    def language_uses(self, text: str) -> tuple[str, frozenset[LanguageUse] | None]:
        found = self._languages.get(text)
        if found is None:
            found = self._languages[text] = _parse_language_uses(text)
        return found

    def _resolve_territories(self, text: str, at: date) -> Dimension:
        vocab = self.vocabularies.territories
        try:
            parsed = self._expressions.get(text)
            if parsed is None:
                expression = vocab.parse(text)
                parsed = self._expressions[text] = (expression, str(expression))
            expression, canonical = parsed
            leaves = vocab.resolve(expression, at=at)
            found = self._territory_sets.get((canonical, leaves))
            if found is None:
                keys = self._territory_keys.get(leaves)
                if keys is None:
                    ids = sorted(vocab.numeric_id(leaf) for leaf in leaves)
                    keys = self._territory_keys[leaves] = " ".join(map(str, ids))
                found = self._territory_sets[(canonical, leaves)] = Dimension(canonical, keys, leaves)
        except vocabulary.ExpressionError as error:
            raise GrantInputError("territories", _expression_message(error, text, at, media=False)) from None
        return found

    def _resolve_media(self, text: str) -> Dimension:
        vocab = self.vocabularies.media
        try:
            expression = vocab.parse(text)
            leaves = vocab.resolve(expression)
            keys = " ".join(str(k) for k in sorted(vocab.leaf_id(leaf) for leaf in leaves))
        except vocabulary.ExpressionError as error:
            raise GrantInputError("media", _expression_message(error, text, None, media=True)) from None
        return Dimension(str(expression), keys, leaves)


def _expression_message(error: vocabulary.ExpressionError, text: str, at: date | None, *, media: bool) -> str:
    """The vocabulary's refusal in the user's language (it words its own messages in English)."""
    values = {"token": error.token, "text": text.strip(), "date": at.isoformat() if at else ""}
    if error.code == "empty":
        return _("Name at least one medium.") if media else _("Name at least one territory.")
    if error.code == "unknown":
        if media:
            return _("“%(token)s” is not a medium or a group of media.") % values
        return _("“%(token)s” is not a country or a territory group.") % values
    if error.code == "empty_group":
        return _("The group “%(token)s” had no members on %(date)s.") % values
    if error.code == "empty_result":
        if media:
            return _("“%(text)s” leaves no medium.") % values
        return _("“%(text)s” leaves no country.") % values
    return _("“%(text)s” cannot be read near “%(token)s”.") % values


def _parse_language_uses(text: str) -> tuple[str, frozenset[LanguageUse] | None]:
    """`"ru:dubbed fa:original"` → ("fa:original ru:dubbed", {…}); "" → ("", None): every language."""
    uses: set[LanguageUse] = set()
    for token in text.replace(",", " ").split():
        try:
            use = LanguageUse.parse(token)
        except ValueError:
            raise GrantInputError(
                "language_uses",
                _("“%(use)s” is not a language use such as ru:dubbed (uses: %(uses)s).")
                % {"use": token, "uses": ", ".join(u.value for u in Use)},
            ) from None
        if not is_language_code(use.language):
            raise GrantInputError(
                "language_uses", _("“%(language)s” is not a language code.") % {"language": use.language}
            )
        uses.add(use)
    if not uses:
        return "", None
    return " ".join(str(u) for u in sorted(uses)), frozenset(uses)


def _check_length(name: str, value: str) -> str:
    value = value.strip()
    limit = _MAX_LENGTHS[name]
    if len(value) > limit:
        raise GrantInputError(name, _("At most %(limit)d characters.") % {"limit": limit})
    return value


def _choice(name: str, value: object, choices: frozenset[str]) -> str:
    text = str(getattr(value, "value", value))
    if text not in choices:
        raise GrantInputError(name, _("“%(value)s” is not a valid choice.") % {"value": text})
    return text


def _term(
    data: GrantInput, events: Mapping[str, Day]
) -> tuple[str, date | None, date | None, tuple[int, int, int | None, int | None]]:
    """(term kind, start, end, (start after months, days, duration months, days)), checked."""
    if not data.event:
        if data.start is not None and data.end is not None and data.start >= data.end:
            raise GrantInputError("end", _("The end (the first day not covered) must come after the start."))
        return TermKind.FIXED, data.start, data.end, (0, 0, None, None)
    event = data.event.strip()
    territory = event.partition(":")[2]
    if not _EVENT_KEY.fullmatch(event) or not is_country_code(territory):
        raise GrantInputError(
            "event",
            _("“%(event)s” is not a release event such as theatrical:BY (kind:country).") % {"event": event},
        )
    if data.start_after_months < 0 or data.start_after_days < 0:
        raise GrantInputError("start_after_months", _("A term cannot start before its event."))
    duration: tuple[int, int] | None = None
    if data.duration_months is not None or data.duration_days is not None:
        duration = (data.duration_months or 0, data.duration_days or 0)
        if duration[0] < 0 or duration[1] < 0 or duration == (0, 0):
            raise GrantInputError("duration_months", _("A term lasts at least one day."))
    term = relative_term(event, data.start_after_months, data.start_after_days, duration)
    start, end = _dates_of(term, events)
    offsets = (data.start_after_months, data.start_after_days, *(duration or (None, None)))
    return TermKind.RELATIVE, start, end, offsets


def relative_term(event: str, months: int, days: int, duration: tuple[int, int] | None) -> RelativeTerm:
    return RelativeTerm(
        event=event,
        start_after=Offset(months, days),
        duration=None if duration is None else Offset(*duration),
    )


def _dates_of(term: RelativeTerm, events: Mapping[str, Day]) -> tuple[date | None, date | None]:
    """The dates a relative term takes once its event is known; (None, None) while it waits."""
    span = term.resolve(events)
    if span is None:
        return None, None
    return to_date(span[0]), to_date(span[1])


def resolved_dates(grant: Grant, events: Mapping[str, Day]) -> tuple[date | None, date | None]:
    """A relative grant's dates for these events (used when its event is recorded)."""
    duration = None
    if grant.duration_months is not None and grant.duration_days is not None:
        duration = (grant.duration_months, grant.duration_days)
    term = relative_term(grant.event, grant.start_after_months, grant.start_after_days, duration)
    return _dates_of(term, events)


# The fields a grant's input decides, in table order: what `grant_values` returns and the audit records.
GRANT_FIELDS = (
    "work_id",
    "holder_id",
    "counterparty_id",
    "counterparty_name",
    "direction",
    "exclusivity",
    "co_exclusive_group",
    "sublicensable",
    "licensing_until",
    "status",
    "territories_entered",
    "media_entered",
    "territory_keys",
    "media_keys",
    "language_uses",
    "vocabulary_version",
    "contract_date",
    "term_kind",
    "start_date",
    "end_date",
    "event",
    "start_after_months",
    "start_after_days",
    "duration_months",
    "duration_days",
    "reference",
    "notes",
    "source",
)
# Plain dict lookups: an Enum call costs more, and an index build converts every grant of the catalogue.
_DIRECTION_OF = {d.value: d for d in Direction}
_EXCLUSIVITY_OF = {e.value: e for e in Exclusivity}
_STATUS_OF = {s.value: s for s in Status}


_DIRECTIONS = frozenset(d.value for d in Direction)
_EXCLUSIVITIES = frozenset(e.value for e in Exclusivity)
_STATUSES = frozenset(s.value for s in Status)
_SOURCES = frozenset(GrantSource.values)


def grant_values(
    data: GrantInput, *, normaliser: Normaliser, events: Mapping[str, Day], today: date
) -> dict[str, Any]:
    """Check `data` and normalise it into the values of GRANT_FIELDS. Raises GrantInputError.

    Whether the work and the organisations exist is the caller's question (one query for an import).
    """
    return _checked(data, normaliser, events, today)[0]


def grant_values_and_engine(
    data: GrantInput, *, normaliser: Normaliser, events: Mapping[str, Day], today: date, grant_id: int
) -> tuple[dict[str, Any], EngineGrant]:
    """`grant_values(...)` and the engine grant of those values under `grant_id` (an import's row
    before it has an id), made from the resolved leaves without reading the key texts back."""
    values, territories, media, uses = _checked(data, normaliser, events, today)
    licensing_until = values["licensing_until"]
    engine = EngineGrant(
        id=grant_id,
        work=values["work_id"],
        direction=_DIRECTION_OF[values["direction"]],
        media=media.leaves,
        territories=territories.leaves,
        term=_engine_term(
            values["term_kind"],
            values["start_date"],
            values["end_date"],
            values["event"],
            values["start_after_months"],
            values["start_after_days"],
            values["duration_months"],
            values["duration_days"],
        ),
        language_uses=uses,
        exclusivity=_EXCLUSIVITY_OF[values["exclusivity"]],
        co_exclusive_group=values["co_exclusive_group"],
        status=_STATUS_OF[values["status"]],
        sublicensable=values["sublicensable"],
        licensing_until=None if licensing_until is None else day(licensing_until),
    )
    return values, engine


def _checked(
    data: GrantInput, normaliser: Normaliser, events: Mapping[str, Day], today: date
) -> tuple[dict[str, Any], Dimension, Dimension, frozenset[LanguageUse] | None]:
    """The values of GRANT_FIELDS, with the resolved territories, media and language uses."""
    direction = _choice("direction", data.direction, _DIRECTIONS)
    exclusivity = _choice("exclusivity", data.exclusivity, _EXCLUSIVITIES)
    status = _choice("status", data.status, _STATUSES)
    source = _choice("source", data.source, _SOURCES)
    group = _check_length("co_exclusive_group", data.co_exclusive_group)
    if exclusivity == Exclusivity.CO_EXCLUSIVE and not group:
        raise GrantInputError("co_exclusive_group", _("A co-exclusive grant names the group it shares with."))
    if group and exclusivity != Exclusivity.CO_EXCLUSIVE:
        raise GrantInputError("co_exclusive_group", _("Only a co-exclusive grant has a co-exclusive group."))
    if data.licensing_until is not None and direction != Direction.IN:
        raise GrantInputError(
            "licensing_until", _("Only acquired rights (direction IN) have a “licensing until” date.")
        )
    if data.counterparty_id is not None and data.counterparty_id == data.holder_id:
        raise GrantInputError("counterparty_id", _("The counterparty cannot be the holder itself."))
    contract_date = data.contract_date or today
    territories = normaliser.territories(data.territories, contract_date)
    media = normaliser.media(data.media)
    language_text, uses = normaliser.language_uses(_check_length("language_uses", data.language_uses))
    term_kind, start, end, offsets = _term(data, events)
    values = {
        "work_id": data.work_id,
        "holder_id": data.holder_id,
        "counterparty_id": data.counterparty_id,
        "counterparty_name": _check_length("counterparty_name", data.counterparty_name),
        "direction": direction,
        "exclusivity": exclusivity,
        "co_exclusive_group": group,
        "sublicensable": bool(data.sublicensable),
        "licensing_until": data.licensing_until,
        "status": status,
        "territories_entered": territories.text,
        "media_entered": media.text,
        "territory_keys": territories.keys,
        "media_keys": media.keys,
        "language_uses": language_text,
        "vocabulary_version": normaliser.version,
        "contract_date": contract_date,
        "term_kind": term_kind,
        "start_date": start,
        "end_date": end,
        "event": data.event.strip() if term_kind == TermKind.RELATIVE else "",
        "start_after_months": offsets[0],
        "start_after_days": offsets[1],
        "duration_months": offsets[2],
        "duration_days": offsets[3],
        "reference": _check_length("reference", data.reference),
        "notes": data.notes.strip(),
        "source": source,
    }
    return values, territories, media, uses


def prepare_grant(
    grant: Grant, data: GrantInput, *, normaliser: Normaliser, events: Mapping[str, Day], today: date
) -> Grant:
    """Check `data` and write it, normalised, into `grant` (not saved). Raises GrantInputError."""
    for name, value in grant_values(data, normaliser=normaliser, events=events, today=today).items():
        setattr(grant, name, value)
    return grant


def grant_input_of(grant: Grant) -> GrantInput:
    """The input that gives this grant as it stands (an edit form's start, or a change of one field
    with `dataclasses.replace`)."""
    relative = grant.term_kind == TermKind.RELATIVE
    return GrantInput(
        work_id=grant.work_id,
        holder_id=grant.holder_id,
        direction=_DIRECTION_OF[grant.direction],
        territories=grant.territories_entered,
        media=grant.media_entered,
        language_uses=grant.language_uses,
        exclusivity=_EXCLUSIVITY_OF[grant.exclusivity],
        co_exclusive_group=grant.co_exclusive_group,
        sublicensable=grant.sublicensable,
        licensing_until=grant.licensing_until,
        status=_STATUS_OF[grant.status],
        start=None if relative else grant.start_date,
        end=None if relative else grant.end_date,
        event=grant.event,
        start_after_months=grant.start_after_months,
        start_after_days=grant.start_after_days,
        duration_months=grant.duration_months,
        duration_days=grant.duration_days,
        counterparty_id=grant.counterparty_id,
        counterparty_name=grant.counterparty_name,
        contract_date=grant.contract_date,
        reference=grant.reference,
        notes=grant.notes,
        source=grant.source,
    )


def json_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Grant values as JSON-ready values (dates as ISO text): what the audit records."""
    return {name: value.isoformat() if isinstance(value, date) else value for name, value in values.items()}


# --- rows → engine grants ---------------------------------------------------------------------

# The columns `engine_grant_from_values` reads, in its order (for `.values_list(*ENGINE_FIELDS)`).
ENGINE_FIELDS = (
    "pk",
    "work_id",
    "direction",
    "media_keys",
    "territory_keys",
    "term_kind",
    "start_date",
    "end_date",
    "event",
    "start_after_months",
    "start_after_days",
    "duration_months",
    "duration_days",
    "language_uses",
    "exclusivity",
    "co_exclusive_group",
    "status",
    "sublicensable",
    "licensing_until",
)


# Ids are never reused by a later vocabulary version (leaves are retired, not renumbered), so the
# shipped vocabulary reads the keys of every grant, whatever version resolved them.
@lru_cache(maxsize=65536)
def territories_of_keys(keys: str) -> frozenset[str]:
    alpha2 = vocabulary.load_vocabularies().territories.alpha2
    return frozenset(alpha2(int(k)) for k in keys.split())


@lru_cache(maxsize=65536)
def media_of_keys(keys: str) -> frozenset[str]:
    leaf_code = vocabulary.load_vocabularies().media.leaf_code
    return frozenset(leaf_code(int(k)) for k in keys.split())


@lru_cache(maxsize=65536)
def language_uses_of_text(text: str) -> frozenset[LanguageUse] | None:
    if not text:
        return None
    return frozenset(LanguageUse.parse(token) for token in text.split())


_TERMS: dict[tuple[Any, ...], Term] = {}
_TERMS_KEPT = 200_000  # terms repeat across a catalogue; keep one object per distinct term


def _engine_term(
    kind: str,
    start: date | None,
    end: date | None,
    event: str,
    months: int,
    days: int,
    duration_months: int | None,
    duration_days: int | None,
) -> Term:
    key = (
        (start, end) if not event else (kind, start, end, event, months, days, duration_months, duration_days)
    )
    term = _TERMS.get(key)
    if term is None:
        term = _new_term(key, kind, start, end, event, months, days, duration_months, duration_days)
    return term


def _new_term(
    key: tuple[Any, ...],
    kind: str,
    start: date | None,
    end: date | None,
    event: str,
    months: int,
    days: int,
    duration_months: int | None,
    duration_days: int | None,
) -> Term:
    term: Term
    if kind == TermKind.RELATIVE:
        duration = None if duration_months is None else (duration_months, duration_days or 0)
        term = relative_term(event, months, days, duration)
    else:
        term = FixedTerm(
            start=BEGINNING if start is None else day(start), end=FOREVER if end is None else day(end)
        )
    if len(_TERMS) < _TERMS_KEPT:
        _TERMS[key] = term
    return term


# `engine_grant_from_values` calls the engine's Grant with positional arguments (an index build
# converts every grant of the catalogue, and a call by keywords costs about a third of a conversion);
# this guard keeps it honest should the engine's fields ever change order.
_ENGINE_GRANT_FIELDS = (
    "id",
    "work",
    "direction",
    "media",
    "territories",
    "term",
    "language_uses",
    "exclusivity",
    "co_exclusive_group",
    "status",
    "sublicensable",
    "licensing_until",
)
if tuple(f.name for f in fields(EngineGrant)) != _ENGINE_GRANT_FIELDS:  # pragma: no cover
    raise ImportError("engine.types.Grant changed its fields: update convert.engine_grant_from_values")


def engine_grant_from_values(values: tuple[Any, ...], *, grant_id: int | None = None) -> EngineGrant:
    """An engine grant from a row read with `.values_list(*ENGINE_FIELDS)` (the index build's hot path)."""
    (
        pk,
        work_id,
        direction,
        media_keys,
        territory_keys,
        term_kind,
        start,
        end,
        event,
        months,
        days,
        duration_months,
        duration_days,
        language_uses,
        exclusivity,
        group,
        status,
        sublicensable,
        licensing_until,
    ) = values
    key = (
        (start, end)
        if not event
        else (term_kind, start, end, event, months, days, duration_months, duration_days)
    )
    term = _TERMS.get(key)
    if term is None:
        term = _new_term(key, term_kind, start, end, event, months, days, duration_months, duration_days)
    return EngineGrant(
        pk if grant_id is None else grant_id,
        work_id,
        _DIRECTION_OF[direction],
        media_of_keys(media_keys),
        territories_of_keys(territory_keys),
        term,
        language_uses_of_text(language_uses) if language_uses else None,
        _EXCLUSIVITY_OF[exclusivity],
        group,
        _STATUS_OF[status],
        sublicensable,
        None if licensing_until is None else licensing_until.toordinal(),
    )


def engine_grant(grant: Grant, *, grant_id: int | None = None) -> EngineGrant:
    """The engine's view of a Grant row (`grant_id` names an unsaved one)."""
    return engine_grant_from_values(
        tuple(grant.pk if name == "pk" else getattr(grant, name) for name in ENGINE_FIELDS), grant_id=grant_id
    )


def event_days(rows: Iterable[tuple[int, str, str, date]]) -> dict[int, dict[str, Day]]:
    """{work: {"theatrical:BY": day}} from (work_id, kind, territory, date) rows."""
    found: dict[int, dict[str, Day]] = {}
    for work_id, kind, territory, on in rows:
        found.setdefault(work_id, {})[f"{kind}:{territory}"] = day(on)
    return found
