"""The rights over REST: avails search, a film's availability grid, conflict checks and grants.

Searches and checks read and answer the JSON of the `avails` command (engine/jsonio.py,
docs/rights-json.md) with the same functions, so that a body and its answer mean the same thing in
both places. Deal terms stay with their parties: grant ids another organisation may not see are left
out of every answer and stood for by `undisclosed_blocking` / `undisclosed` (docs/api.md, Rights).
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from cinebridge.accounts import policy
from cinebridge.accounts import selectors as accounts_selectors
from cinebridge.accounts.models import Organisation, User
from cinebridge.api import auth
from cinebridge.api.errors import FieldError
from cinebridge.api.schemas import ErrorOut, StrictSchema, ValidationErrorOut
from cinebridge.catalogue.models import Film
from cinebridge.catalogue.selectors import film_get_visible, films_hidden_ids, films_visible
from cinebridge.core.errors import ApplicationError

from . import loader, selectors, services
from .convert import GrantInput
from .engine.conflicts import grant_conflicts
from .engine.index import avails_detail, avails_search
from .engine.jsonio import (
    JsonInputError,
    answer_check,
    conflict_json,
    contract_date,
    read_grant,
    read_query,
    work_json,
)
from .engine.types import (
    FOREVER,
    AvailsQuery,
    Conflict,
    Direction,
    Exclusivity,
    Status,
    day,
)
from .engine.vocabulary import ExpressionError, Vocabularies, load_vocabularies
from .models import Grant, TermKind

rights = Router(tags=["rights"])

DEFAULT_LIMIT = 20  # works answered in detail per page of a search
MAX_LIMIT = 100
_CHUNK = 2000  # ids per IN (…) list: SQLite's limit on variables is far above it
# An unsaved grant's id in a check (no row has it), as the selectors use.
UNSAVED_GRANT_ID = selectors.UNSAVED_GRANT_ID


# --- values read from requests, with messages in the request's language --------------------------


def _iso_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_invalid", _("Enter a date such as 2027-01-31."))


def _expression_text(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return ", ".join(value)  # as the avails JSON reads a list of codes
    raise PydanticCustomError(
        "expression_type", _("Enter an expression such as “CIS + IR”, or a list of codes.")
    )


IsoDate = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]
ExpressionText = Annotated[
    str,
    BeforeValidator(_expression_text),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
            "description": "An expression (“World excluding US, CA”, “ON_DEMAND excluding AVOD”) or a list of codes.",
        }
    ),
]


class OffsetIn(StrictSchema):
    months: int = Field(0, ge=0, le=1200)
    days: int = Field(0, ge=0, le=36500)


class TermIn(StrictSchema):
    """Fixed dates (`start`, exclusive `end`, each null for open), or relative to a release `event`."""

    start: IsoDate | None = Field(None, description="First day covered; null: from the beginning.")
    end: IsoDate | None = Field(None, description="First day NOT covered; null: open end or perpetuity.")
    event: str = Field(
        "", max_length=40, description="A release event such as theatrical:BY: the term is relative to it."
    )
    start_after: OffsetIn | None = Field(None, description="How long after the event the term starts.")
    duration: OffsetIn | None = Field(None, description="How long it lasts; null: open end.")


class GrantFields(StrictSchema):
    """What the grant says, in the shape of a grant of the avails JSON plus the ledger's own fields."""

    direction: Direction
    media: ExpressionText
    territories: ExpressionText
    language_uses: list[str] | None = Field(
        None, description='null: every language; else uses such as ["fa:original", "ru:dubbed"].'
    )
    exclusivity: Exclusivity = Exclusivity.NON_EXCLUSIVE
    co_exclusive_group: str = Field("", max_length=100)
    sublicensable: bool = False
    licensing_until: IsoDate | None = Field(
        None, description="Acquired rights only: last day to license out."
    )
    status: Status = Status.ACTIVE
    term: TermIn | None = Field(None, description="null: from the beginning, in perpetuity.")
    contract_date: IsoDate | None = Field(
        None, description="Territory groups are resolved as they stood on this date (default: today)."
    )
    holder: str | None = Field(
        None, description="Whose ledger (an organisation's short name); default: the film's owner."
    )
    counterparty: str | None = Field(
        None, description="The licensee or licensor on the platform (short name)."
    )
    counterparty_name: str = Field(
        "", max_length=200, description="The licensee or licensor not on the platform."
    )
    reference: str = Field("", max_length=200)
    notes: str = ""


class GrantIn(GrantFields):
    work: int = Field(description="The film's id (`id` of the film's grants or of `GET /films/{slug}/grid`).")


class GrantPatch(StrictSchema):
    """Any field of a grant; those sent replace the grant's (a `term` as a whole). Status alone: a status change."""

    direction: Direction | None = None
    media: ExpressionText | None = None
    territories: ExpressionText | None = None
    language_uses: list[str] | None = None
    exclusivity: Exclusivity | None = None
    co_exclusive_group: str | None = Field(None, max_length=100)
    sublicensable: bool | None = None
    licensing_until: IsoDate | None = None
    status: Status | None = None
    term: TermIn | None = None
    contract_date: IsoDate | None = None
    holder: str | None = None
    counterparty: str | None = None
    counterparty_name: str | None = Field(None, max_length=200)
    reference: str | None = Field(None, max_length=200)
    notes: str | None = None


class SearchParams(Schema):
    offset: int = Field(0, ge=0, description="The first work of `works` answered in `detail`.")
    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        description=f"How many works `detail` answers (at most {MAX_LIMIT}: more is reduced).",
    )


class GridParams(Schema):
    start: IsoDate | None = Field(None, description="First day of the window (default: today).")
    end: IsoDate | None = Field(None, description="First day after the window; none: open-ended.")
    exclusive: bool = Field(False, description="Ask for exclusive rights: every licence out then blocks.")


# --- answers -----------------------------------------------------------------------------------


class OffsetOut(Schema):
    months: int
    days: int


class TermOut(Schema):
    kind: TermKind
    start: date | None = Field(description="First day covered (for a relative term once its event is known).")
    end: date | None = Field(description="First day not covered; null: open end.")
    event: str = Field(description="The release event of a relative term, e.g. theatrical:BY; else empty.")
    start_after: OffsetOut | None
    duration: OffsetOut | None
    waiting: bool = Field(
        description="A relative term whose event is not recorded yet: it blocks at every time."
    )


class GrantOut(Schema):
    id: int
    work: int
    film: str = Field(description="The film's slug.")
    holder: str = Field(description="Whose ledger: the organisation's short name.")
    counterparty: str | None
    counterparty_name: str
    direction: Direction
    exclusivity: Exclusivity
    co_exclusive_group: str
    sublicensable: bool
    licensing_until: date | None
    status: Status
    media: str = Field(description="As entered, in the canonical form of the vocabulary.")
    territories: str
    language_uses: list[str] | None = Field(description="null: every language.")
    term: TermOut
    contract_date: date
    vocabulary_version: str
    reference: str
    notes: str
    source: str
    created_at: datetime
    updated_at: datetime
    can_edit: bool = Field(description="Whether you may change this grant.")

    @classmethod
    def build(cls, grant: Grant, viewer: User | None) -> "GrantOut":
        relative = grant.term_kind == TermKind.RELATIVE
        duration = None
        if relative and grant.duration_months is not None:
            duration = OffsetOut(months=grant.duration_months, days=grant.duration_days or 0)
        return cls(
            id=grant.pk,
            work=grant.work_id,
            film=grant.work.slug,
            holder=grant.holder.slug,
            counterparty=grant.counterparty.slug if grant.counterparty is not None else None,
            counterparty_name=grant.counterparty_name,
            direction=Direction(grant.direction),
            exclusivity=Exclusivity(grant.exclusivity),
            co_exclusive_group=grant.co_exclusive_group,
            sublicensable=grant.sublicensable,
            licensing_until=grant.licensing_until,
            status=Status(grant.status),
            media=grant.media_entered,
            territories=grant.territories_entered,
            language_uses=grant.language_uses.split() if grant.language_uses else None,
            term=TermOut(
                kind=TermKind(grant.term_kind),
                start=grant.start_date,
                end=grant.end_date,
                event=grant.event,
                start_after=(
                    OffsetOut(months=grant.start_after_months, days=grant.start_after_days)
                    if relative
                    else None
                ),
                duration=duration,
                waiting=grant.is_waiting,
            ),
            contract_date=grant.contract_date,
            vocabulary_version=grant.vocabulary_version,
            reference=grant.reference,
            notes=grant.notes,
            source=grant.source,
            created_at=grant.created_at,
            updated_at=grant.updated_at,
            can_edit=selectors.grant_may_edit(viewer=viewer, grant=grant),
        )


class ConflictOut(Schema):
    rule: str
    grant: int | None = Field(
        description="The existing grant it meets; null when none, or not disclosed to you."
    )
    undisclosed: bool = Field(description="It meets a grant you may not see (its id is withheld).")
    message: str = Field(description="The rule, the grant and where they overlap, in the request's language.")
    where: dict[str, Any] = Field(description="Where they overlap: a region of the avails JSON.")


class ConflictErrorOut(Schema):
    detail: str
    conflicts: list[ConflictOut]


# --- helpers -----------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> User:
    user = auth.request_user(request)
    assert user is not None  # noqa: S101 - auth.REQUIRED admits only users
    return user


def _require_avails_search(viewer: User) -> None:
    if not policy.can_anywhere(viewer, policy.AVAILS_SEARCH):
        raise PermissionDenied(_("Sign in as a member of an organisation to search availability."))


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _visible_grant_ids(viewer: User, ids: Iterable[int]) -> set[int]:
    """Which of these grant ids the viewer may see (the rest are other organisations' deals)."""
    visible: set[int] = set()
    for chunk in _chunks(i for i in ids if i > 0):
        visible.update(selectors.grants_visible(viewer).filter(pk__in=chunk).values_list("pk", flat=True))
    return visible


def _redact_regions(regions: list[dict[str, Any]], visible: set[int]) -> None:
    """Blocking grants the viewer may not see are withheld; `undisclosed_blocking` says there were some."""
    for region in regions:
        shown = [grant for grant in region["blocking"] if grant in visible]
        region["undisclosed_blocking"] = len(shown) < len(region["blocking"])
        region["blocking"] = shown


def _redacted_works(viewer: User, works: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = {grant for work in works for region in work["regions"] for grant in region["blocking"]}
    visible = _visible_grant_ids(viewer, ids)
    for work in works:
        _redact_regions(work["regions"], visible)
    return works


def _conflicts_out(
    viewer: User, conflicts: list[Conflict], vocabularies: Vocabularies, at: date
) -> list[dict[str, Any]]:
    """Conflicts as the avails JSON gives them, explained in words, other parties' grant ids withheld."""
    met = {c.grant for c in conflicts if c.grant is not None and c.grant > 0}
    visible = _visible_grant_ids(viewer, met)
    names = {grant: _("(not disclosed to you)") for grant in met - visible}
    answers = []
    for conflict in conflicts:
        answer = conflict_json(conflict, vocabularies, at)
        hidden = conflict.grant in names
        answer["grant"] = None if hidden else conflict.grant
        answer["undisclosed"] = hidden
        answer["message"] = services.describe_conflict(conflict, names=names)
        _redact_regions([answer["where"]], visible)
        answers.append(answer)
    return answers


# --- the avails JSON's errors as field errors ----------------------------------------------------

_SEGMENT = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
_NOT_ONE_OF = re.compile(r".* is not one of (?P<allowed>.+)")
_WHOLE_NUMBER = re.compile(r"expected a whole number ≥ (?P<minimum>\d+)")
_ON_DATE = re.compile(r" on (?P<date>\d{4}-\d{2}-\d{2})\.?$")


def _json_loc(path: str, root: str) -> list[str | int]:
    loc: list[str | int] = ["body"]
    for name, index in _SEGMENT.findall(path.removeprefix(root)):
        loc.append(int(index) if index else name)
    return loc


def _value_at(body: Any, loc: list[str | int]) -> Any:
    value = body
    for key in loc[1:]:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _expression_message(error: ExpressionError, text: str, *, media: bool) -> str:
    """The vocabulary's refusal (worded in English by the engine) in the request's language."""
    values = {"token": error.token, "text": text, "date": ""}
    if error.code == "empty":
        return _("Name at least one medium.") if media else _("Name at least one territory.")
    if error.code == "unknown":
        if media:
            return _("“%(token)s” is not a medium or a group of media.") % values
        return _("“%(token)s” is not a country or a territory group.") % values
    if error.code == "empty_group":
        found = _ON_DATE.search(error.message)
        values["date"] = found["date"] if found else ""
        return _("The group “%(token)s” had no members on %(date)s.") % values
    if error.code == "empty_result":
        if media:
            return _("“%(text)s” leaves no medium.") % values
        return _("“%(text)s” leaves no country.") % values
    return _("“%(text)s” cannot be read near “%(token)s”.") % values


def _json_message(error: JsonInputError, loc: list[str | int], body: Any) -> str:
    """The avails JSON reader's message (English, it is pure Python) in the request's language."""
    named = [part for part in loc if isinstance(part, str)]
    field = named[-1] if named else ""
    value = _value_at(body, loc)
    if error.expression is not None:
        text = value if isinstance(value, str) else ", ".join(map(str, value or []))
        return _expression_message(error.expression, text, media=field == "media")
    if error.code == "choice" and (found := _NOT_ONE_OF.fullmatch(error.message)):
        return _("Choose one of: %(expected)s.") % {"expected": found["allowed"]}
    if error.code == "number" and (found := _WHOLE_NUMBER.fullmatch(error.message)):
        return _("Enter a whole number of at least %(minimum)s.") % {"minimum": found["minimum"]}
    if error.code == "language_use" or (field == "language_uses" and isinstance(loc[-1], int)):
        return _("“%(use)s” is not a language use such as ru:dubbed.") % {"use": value}
    by_field = {
        "language_uses": _("Send null, or a list of language uses such as ru:dubbed."),
        "works": _("Send null, or a list of film ids."),
        "blocking_statuses": _("Send a list of statuses such as active, pending."),
    }
    if error.code == "list" and field in by_field:
        return by_field[field]
    by_code = {
        "required": _("This field is required."),
        "object": _("Send an object here."),
        "date": _("Enter a date such as 2027-01-31."),
        "order": _("The end (the first day not covered) must come after the start."),
        "expression": _("Enter an expression such as “CIS + IR”, or a list of codes."),
    }
    return by_code.get(error.code, error.message)


class _BadJson(Exception):  # noqa: N818 - carried to the view, which answers 422
    def __init__(self, detail: list[FieldError]) -> None:
        super().__init__(detail)
        self.detail = detail


@contextmanager
def _reading_json(body: Any, root: str) -> Iterator[None]:
    try:
        yield
    except JsonInputError as error:
        loc = _json_loc(error.path, root)
        raise _BadJson([{"loc": loc, "msg": _json_message(error, loc, body), "type": "invalid"}]) from None


# --- service input -----------------------------------------------------------------------------

# Where in a grant body each GrantInput (or model) field the services name lives.
_BODY_LOCATIONS: dict[str, list[str | int]] = {
    "work_id": ["work"],
    "holder_id": ["holder"],
    "counterparty_id": ["counterparty"],
    "start": ["term", "start"],
    "start_date": ["term", "start"],
    "end": ["term", "end"],
    "end_date": ["term", "end"],
    "event": ["term", "event"],
    "start_after_months": ["term", "start_after"],
    "start_after_days": ["term", "start_after"],
    "duration_months": ["term", "duration"],
    "duration_days": ["term", "duration"],
    "territories_entered": ["territories"],
    "media_entered": ["media"],
}


def _refusal(error: ApplicationError) -> list[FieldError]:
    field = error.field
    where: list[str | int] = _BODY_LOCATIONS.get(field, [field]) if field else []
    return [{"loc": ["body", *where], "msg": error.message, "type": "invalid"}]


def _organisation(slug: str, field: str) -> Organisation:
    try:
        return accounts_selectors.organisation_get(slug=slug)
    except Http404:
        raise ApplicationError(
            _("No organisation has the short name “%(slug)s”.") % {"slug": slug}, extra={"field": field}
        ) from None


def _film_by_id(viewer: User, pk: int) -> Film:
    """A film the viewer may see, by id; a refusal of the `work` field otherwise (existing or not)."""
    try:
        return films_visible(viewer).select_related("owner").get(pk=pk)
    except Film.DoesNotExist:
        raise ApplicationError(_("There is no such film."), extra={"field": "work_id"}) from None


def _term_fields(term: TermIn | None) -> dict[str, Any]:
    if term is None:
        return {"start": None, "end": None, "event": ""}
    if not term.event.strip():
        return {"start": term.start, "end": term.end, "event": ""}
    after = term.start_after or OffsetIn(months=0, days=0)
    return {
        "start": None,
        "end": None,
        "event": term.event.strip(),
        "start_after_months": after.months,
        "start_after_days": after.days,
        "duration_months": term.duration.months if term.duration else None,
        "duration_days": term.duration.days if term.duration else None,
    }


def _input_fields(fields: GrantFields | GrantPatch, given: set[str]) -> dict[str, Any]:
    """The GrantInput fields the body states (`given`: the keys sent)."""
    values: dict[str, Any] = {}
    for name in ("direction", "media", "territories", "exclusivity", "sublicensable", "status"):
        if name in given and getattr(fields, name) is not None:
            values[name] = getattr(fields, name)
    for name in ("co_exclusive_group", "counterparty_name", "reference", "notes"):
        if name in given:
            values[name] = getattr(fields, name) or ""
    for name in ("licensing_until", "contract_date"):
        if name in given:
            values[name] = getattr(fields, name)
    if "language_uses" in given:
        values["language_uses"] = " ".join(fields.language_uses or [])
    if "term" in given:
        values.update(
            start=None,
            end=None,
            event="",
            start_after_months=0,
            start_after_days=0,
            duration_months=None,
            duration_days=None,
        )
        values.update(_term_fields(fields.term))
    if "holder" in given and fields.holder:
        values["holder_id"] = _organisation(fields.holder, "holder_id").pk
    if "counterparty" in given:
        values["counterparty_id"] = (
            _organisation(fields.counterparty, "counterparty_id").pk if fields.counterparty else None
        )
    return values


def _input_of(grant: Grant) -> dict[str, Any]:
    """A grant row as the GrantInput that would enter it again (for a change of some of its fields)."""
    relative = grant.term_kind == TermKind.RELATIVE
    return {
        "work_id": grant.work_id,
        "holder_id": grant.holder_id,
        "direction": Direction(grant.direction),
        "territories": grant.territories_entered,
        "media": grant.media_entered,
        "language_uses": grant.language_uses,
        "exclusivity": Exclusivity(grant.exclusivity),
        "co_exclusive_group": grant.co_exclusive_group,
        "sublicensable": grant.sublicensable,
        "licensing_until": grant.licensing_until,
        "status": Status(grant.status),
        "start": None if relative else grant.start_date,
        "end": None if relative else grant.end_date,
        "event": grant.event,
        "start_after_months": grant.start_after_months,
        "start_after_days": grant.start_after_days,
        "duration_months": grant.duration_months,
        "duration_days": grant.duration_days,
        "counterparty_id": grant.counterparty_id,
        "counterparty_name": grant.counterparty_name,
        "contract_date": grant.contract_date,
        "reference": grant.reference,
        "notes": grant.notes,
        "source": grant.source,
    }


def _conflict_answer(viewer: User, error: services.GrantConflict) -> Reply[dict[str, Any]]:
    """The conflict rules' refusal: each conflict explained, other parties' grant ids withheld."""
    conflicts = _conflicts_out(viewer, error.conflicts, load_vocabularies(), timezone.localdate())
    message = services.conflicts_message(c["message"] for c in conflicts)
    return Reply(409, {"detail": message, "conflicts": conflicts})


def _written(viewer: User, write: Callable[[], Grant], status: int) -> Reply[Any]:
    """Run a service write; its refusals as 409 (conflict rules) or 422 (naming the field at fault)."""
    try:
        grant = write()
    except services.GrantConflict as error:
        return _conflict_answer(viewer, error)
    except ApplicationError as error:
        return Reply(422, {"detail": _refusal(error)})
    # Built from the row written, not read back through `grant_get`: the author sees what they entered
    # even when it went into a ledger (`holder`) whose grants they are not otherwise shown.
    return Reply(status, GrantOut.build(grant, viewer))


# --- avails --------------------------------------------------------------------------------------

_QUERY_EXAMPLE = {
    "id": "svod-cis",
    "media": "SVOD",
    "territories": "CIS + IR",
    "window": {"start": "2027-01-01", "end": "2029-01-01"},
    "exclusive": True,
    "match": "cover_entire",
}
_GRANT_EXAMPLE = {
    "work": 42,
    "direction": "out",
    "media": "SVOD",
    "territories": "BY",
    "exclusivity": "exclusive",
    "term": {"start": "2027-01-01", "end": "2029-01-01"},
}


def _json_body(description: str, example: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {
                "application/json": {
                    "schema": {"type": "object", "additionalProperties": True},
                    "example": example,
                }
            },
        }
    }


@rights.post(
    "/avails/search",
    response={200: dict[str, Any], 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="Search the catalogue's availability",
    openapi_extra=_json_body("One query of the avails JSON (docs/rights-json.md).", _QUERY_EXAMPLE),
)
def avails_search_endpoint(
    request: HttpRequest, payload: Body[dict[str, Any]], params: Query[SearchParams]
) -> Any:
    """The films whose rights answer the query, as the `avails` command answers it; `detail` a page at a time."""
    viewer = _viewer(request)
    _require_avails_search(viewer)
    vocabularies = load_vocabularies()
    try:
        with _reading_json(payload, "query"):
            query_id, query, detail = read_query(payload, "query", vocabularies, timezone.localdate())
    except _BadJson as error:
        return Reply(422, {"detail": error.detail})
    hidden = films_hidden_ids(viewer)
    limit = min(params.limit, MAX_LIMIT)
    with loader.index_reading() as index:
        works = [work for work in avails_search(index, query) if work not in hidden]
        answer: dict[str, Any] = {"id": query_id, "count": len(works), "works": works}
        if detail:
            at = date.fromordinal(query.window[0])
            page = works[params.offset : params.offset + limit]
            answer["detail"] = [
                work_json(avails_detail(index, query, work), vocabularies, at) for work in page
            ]
    if detail:
        _redacted_works(viewer, answer["detail"])
        answer["detail_truncated"] = len(answer["detail"]) < len(works)
        answer["offset"], answer["limit"] = params.offset, limit
    answer["vocabulary_version"] = vocabularies.version
    return answer


@rights.get(
    "/films/{slug}/grid",
    response={200: dict[str, Any], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="A film's availability, every medium × every territory",
)
def film_grid(request: HttpRequest, slug: str, params: Query[GridParams]) -> Any:
    """Every media leaf × every country for the window, in regions that share an answer (the avails JSON's work)."""
    viewer = _viewer(request)
    _require_avails_search(viewer)
    film = film_get_visible(viewer=viewer, slug=slug)
    start = params.start or timezone.localdate()
    if params.end is not None and params.end <= start:
        return Reply(
            422,
            {
                "detail": [
                    {
                        "loc": ["query", "end"],
                        "msg": _("The end (the first day not covered) must come after the start."),
                        "type": "invalid",
                    }
                ]
            },
        )
    vocabularies = load_vocabularies()
    query = AvailsQuery(
        media=vocabularies.media.leaves(),
        territories=vocabularies.territories.countries(),
        window=(day(start), day(params.end) if params.end else FOREVER),
        exclusive=params.exclusive,
        works=frozenset({film.pk}),
    )
    with loader.index_reading() as index:
        answer = work_json(avails_detail(index, query, film.pk), vocabularies, start)
    _redacted_works(viewer, [answer])
    answer["film"] = film.slug
    answer["window"] = {"start": start.isoformat(), "end": params.end.isoformat() if params.end else None}
    answer["exclusive"] = params.exclusive
    answer["vocabulary_version"] = vocabularies.version
    return answer


@rights.post(
    "/grants/check",
    response={200: dict[str, Any], 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="Check a proposed grant against the conflict rules (writes nothing)",
    openapi_extra=_json_body(
        "One grant of the avails JSON (docs/rights-json.md); `work` is the film's id, `id` an existing "
        "grant's to check a change of it (default: a new grant).",
        _GRANT_EXAMPLE,
    ),
)
def grant_check(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """What the conflict rules would say if the grant were saved, as the `avails` command's checks answer it."""
    viewer = _viewer(request)
    today = timezone.localdate()
    vocabularies = load_vocabularies()
    body = {"id": UNSAVED_GRANT_ID, **payload}
    try:
        with _reading_json(body, "grant"):
            proposed = read_grant(body, "grant", vocabularies, today)
        film = _film_by_id(viewer, proposed.work)
    except _BadJson as error:
        return Reply(422, {"detail": error.detail})
    except ApplicationError as error:
        return Reply(422, {"detail": _refusal(error)})
    policy.require(viewer, policy.RIGHTS_EDIT, film.owner)
    with loader.index_reading() as index:
        signed_on = contract_date(body, "grant", today).toordinal()
        answer = answer_check(index, "grant", proposed, signed_on, vocabularies)
        # The same rules again, for the Conflict objects that explain themselves in words.
        conflicts = grant_conflicts(
            index.grants_of(proposed.work), proposed, index.events_of(proposed.work), day(today)
        )
    explained = _conflicts_out(viewer, conflicts, vocabularies, today)
    for given, extra in zip(answer["conflicts"], explained, strict=True):
        given.update(extra)
    answer["vocabulary_version"] = vocabularies.version
    return answer


# --- grants --------------------------------------------------------------------------------------


@rights.get(
    "/films/{slug}/grants",
    response=list[GrantOut],
    auth=auth.REQUIRED,
    summary="A film's grants you may see",
)
@paginate(PageNumberPagination, page_size=DEFAULT_LIMIT, max_page_size=MAX_LIMIT)
def film_grants(request: HttpRequest, slug: str) -> "_Grants":
    """The film's grants whose holder or counterparty you belong to (or oversee as its country's film body)."""
    viewer = _viewer(request)
    film = film_get_visible(viewer=viewer, slug=slug)
    return _Grants(selectors.grant_list(viewer=viewer, work=film), viewer)


class _Grants:
    """The grants for the paginator to slice, each page's rows turned into GrantOut."""

    def __init__(self, rows: QuerySet[Grant], viewer: User) -> None:
        self._rows = rows
        self._viewer = viewer

    def __len__(self) -> int:
        return self._rows.count()

    def __getitem__(self, page: slice) -> list[GrantOut]:
        return [
            GrantOut.build(grant, self._viewer) for grant in self._rows.select_related("work__owner")[page]
        ]


@rights.post(
    "/grants",
    response={201: GrantOut, 401: ErrorOut, 403: ErrorOut, 409: ConflictErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="Enter a grant",
)
def grant_create(request: HttpRequest, payload: GrantIn) -> Reply[Any]:
    """Enter a contract line into a film's rights ledger, after the conflict rules agree (409 when not)."""
    viewer = _viewer(request)
    try:
        film = _film_by_id(viewer, payload.work)
        fields: dict[str, Any] = {"work_id": film.pk, "holder_id": film.owner_id}
        fields.update(_input_fields(payload, payload.model_fields_set))
    except ApplicationError as error:
        return Reply(422, {"detail": _refusal(error)})
    data = GrantInput(**fields)
    return _written(viewer, lambda: services.grant_create(actor=viewer, data=data), 201)


@rights.get(
    "/grants/{grant_id}",
    response={200: GrantOut, 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="One grant",
)
def grant_detail(request: HttpRequest, grant_id: int) -> GrantOut:
    """A grant whose holder or counterparty you belong to (or oversee); 404 for anyone else's."""
    viewer = _viewer(request)
    return GrantOut.build(selectors.grant_get(viewer=viewer, pk=grant_id), viewer)


@rights.patch(
    "/grants/{grant_id}",
    response={
        200: GrantOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ConflictErrorOut,
        422: ValidationErrorOut,
    },
    auth=auth.REQUIRED,
    summary="Change a grant or its status",
)
def grant_change(request: HttpRequest, grant_id: int, payload: GrantPatch) -> Reply[Any]:
    """Change the fields sent; `{"status": …}` alone moves the grant to that status (pending → active …)."""
    viewer = _viewer(request)
    grant = selectors.grant_get(viewer=viewer, pk=grant_id)
    given = payload.model_fields_set
    if given == {"status"} and payload.status is not None:
        status = payload.status
        return _written(
            viewer, lambda: services.grant_set_status(actor=viewer, grant=grant, status=status), 200
        )
    try:
        fields = _input_of(grant)
        fields.update(_input_fields(payload, given))
    except ApplicationError as error:
        return Reply(422, {"detail": _refusal(error)})
    data = GrantInput(**fields)
    return _written(viewer, lambda: services.grant_update(actor=viewer, grant=grant, data=data), 200)
