"""The engines over REST, with the same JSON as their Python functions and management commands (docs/engines.md)."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Body, File, Router, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.files import UploadedFile
from ninja.responses import Status as Reply
from pydantic import ConfigDict, Field

from cinebridge.accounts.models import User
from cinebridge.catalogue.engine.interface import identifiers_report, subtitles_report
from cinebridge.coproduction.engine.eligibility import check as coproduction_check
from cinebridge.coproduction.engine.eligibility import default_what_if_countries
from cinebridge.coproduction.engine.eligibility import evaluate as coproduction_evaluate
from cinebridge.coproduction.engine.eligibility import report_to_json as coproduction_report
from cinebridge.coproduction.engine.project_json import COUNTRY, ProjectInputError, project_from_json
from cinebridge.coproduction.engine.rulesets import RuleSetError, rule_set_from_json
from cinebridge.coproduction.explain import error_location, error_sentence, explained_report
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get
from cinebridge.core.engine.interface import search_keys_report
from cinebridge.events.eligibility_messages import problem_message
from cinebridge.events.engine.festival_json import FestivalInputError, eligibility_from_json, jury_from_json
from cinebridge.events.engine.jsonio import ScheduleInputError, schedule_from_json, seconds_error
from cinebridge.events.engine_messages import schedule_error_location, schedule_error_message
from cinebridge.events.festival_json_messages import festival_error_location, festival_error_message
from cinebridge.events.tasks import JOB_MAX_SECONDS, schedule_job_get, schedule_job_start
from cinebridge.exhibition.engine.jsonio import RoyaltyInputError, statement_from_json
from cinebridge.exhibition.engine_messages import royalty_error_location, royalty_error_message

from . import auth
from .schemas import ErrorOut, ValidationErrorOut

engines = Router(tags=["engines"])

MAX_ITEMS = 1000


def _json_body(description: str, *, example: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI request body of an engine that takes any JSON object: its description and example."""
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


class SearchKeysIn(Schema):
    texts: list[str] = Field(max_length=MAX_ITEMS)


class IdentifiersIn(Schema):
    model_config = ConfigDict(extra="forbid")  # an unknown scheme is a 422, not silently ignored

    eidr: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    isan: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    imdb: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)


@engines.post("/search-keys", response=dict[str, Any], auth=auth.OPTIONAL, summary="Search keys of texts")
def search_keys(request: HttpRequest, payload: SearchKeysIn) -> dict[str, Any]:
    """The normalised form, tokens and cross-script skeletons of each text."""
    return search_keys_report(payload.texts)


@engines.post("/identifiers", response=dict[str, Any], auth=auth.OPTIONAL, summary="Check identifiers")
def identifiers(request: HttpRequest, payload: IdentifiersIn) -> dict[str, Any]:
    """Validate EIDR, ISAN and IMDb identifiers: `{"eidr": [...], "isan": [...], "imdb": [...]}`."""
    return identifiers_report(payload.model_dump(exclude_unset=True))


@engines.post(
    "/subtitles",
    response={200: dict[str, Any], 413: ErrorOut},
    auth=auth.OPTIONAL,
    summary="Check a subtitle file",
)
def subtitles(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    """Validate an SRT or WebVTT file: its summary, or the error code and the line."""
    if file.size is not None and file.size > settings.SUBTITLE_MAX_BYTES:
        raise HttpError(413, _("The subtitle file is too large."))
    return subtitles_report(file.read(), format_hint=file.name)


_ROYALTIES_EXAMPLE = {
    "currency": "EUR",
    "terms": {
        "minimum_guarantee": "100000.00",
        "distribution_fee_percent": {"THEATRICAL": "30"},
        "expenses_cap": "80000.00",
    },
    "period": {"start": "2026-01-01", "end": "2026-03-31"},
    "receipts": [
        {"ref": "r-1", "date": "2026-02-01", "media": "THEATRICAL", "amount": "400000.00", "currency": "EUR"}
    ],
    "expenses": [
        {"ref": "e-1", "date": "2026-01-05", "amount": "60000.00", "currency": "EUR", "description": "Prints"}
    ],
    "previously_reported": "100000.00",
}


@engines.post(
    "/royalties",
    response={200: dict[str, Any], 422: ValidationErrorOut},
    auth=auth.OPTIONAL,
    summary="Compute a royalty statement",
    openapi_extra=_json_body("A statement input (docs/royalties.md).", example=_ROYALTIES_EXAMPLE),
)
def royalties(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """The statement for the posted input, as `python manage.py royalties` prints it; bad input is a
    422 naming the place (`loc`), the reason in the request's language and the engine's code (`type`)."""
    try:
        return statement_from_json(payload)
    except RoyaltyInputError as error:
        return _refusal(royalty_error_location(error), royalty_error_message(error), error.code)


# A request waits for its answer: longer solves belong to a background job (`/schedule/jobs`).
SCHEDULE_MAX_SECONDS = 30.0

_SCHEDULE_EXAMPLE = {
    "timezone": "Europe/Minsk",
    "grid": 15,
    "days": ["2026-05-08", "2026-05-09"],
    "venues": [{"id": "pobeda", "city": "Minsk"}],
    "screens": [
        {"id": "pobeda-1", "venue": "pobeda", "capacity": 300, "changeover": 20, "projection": ["DCP", "file"],
         "hours": [["14:00", "23:30"]]}
    ],
    "films": [
        {"id": "a-separation", "runtime": 123, "min_screenings": 1, "max_screenings": 2, "appeal": 0.8},
        {"id": "the-white-balloon", "runtime": 85, "max_screenings": 2, "appeal": 0.6, "audience": "children",
         "childrens": True, "format": "file"},
    ],
    "seconds": 5,
}  # fmt: skip


@engines.post(
    "/schedule",
    response={200: dict[str, Any], 401: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="Schedule screenings",
    openapi_extra=_json_body(
        "A schedule instance (docs/scheduling.md); `seconds` at most 30 here.", example=_SCHEDULE_EXAMPLE
    ),
)
def schedule(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """The optimised schedule for the posted instance, as `python manage.py schedule` prints it; bad
    input is a 422 naming the place (`loc`), the reason in the request's language and the code (`type`).
    A solve takes a worker for up to 30 seconds, so it is for signed-in users and token holders (401
    otherwise), like the background jobs."""
    seconds = payload.get("seconds")
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds > SCHEDULE_MAX_SECONDS:
        return _schedule_refusal(seconds_error(seconds, SCHEDULE_MAX_SECONDS))
    try:
        return schedule_from_json(payload)
    except ScheduleInputError as error:
        return _schedule_refusal(error)


def _schedule_refusal(error: ScheduleInputError) -> Any:
    return _refusal(schedule_error_location(error), schedule_error_message(error), error.code)


def _festival_refusal(error: FestivalInputError) -> Any:
    return _refusal(festival_error_location(error), festival_error_message(error), error.code)


def _refusal(loc: list[str | int], message: str, code: str) -> Any:
    """A 422 naming the place in the body, as pydantic's own validation errors do."""
    return Reply(422, {"detail": [{"loc": loc, "msg": message, "type": code}]})


class ScheduleJobStartedOut(Schema):
    id: str = Field(description="The job's id.")
    url: str = Field(description="Where to poll the job's state: GET it until `state` is done or failed.")
    state: str = Field(
        description="queued, running, done or failed (done at once where Celery runs eagerly)."
    )


class ScheduleProgressOut(Schema):
    objective: int = Field(description="The best schedule's objective found so far.")
    bound: int = Field(description="The solver's proven upper bound so far.")
    gap: float = Field(description="(bound − objective) / bound.")
    seconds: float = Field(description="Seconds since the solver started.")


class ScheduleJobOut(Schema):
    state: str = Field(description="queued, running, done or failed.")
    progress: ScheduleProgressOut | None = Field(
        description="The solver's latest report; null until it has found a first schedule."
    )
    result: dict[str, Any] | None = Field(description="The schedule JSON (docs/scheduling.md) once done.")
    error: str = Field(description="Why the job failed, in the language of the request that started it.")


@engines.post(
    "/schedule/jobs",
    response={202: ScheduleJobStartedOut, 401: ErrorOut, 422: ValidationErrorOut},
    auth=auth.REQUIRED,
    summary="Start a background schedule solve",
    openapi_extra=_json_body(
        f"A schedule instance (docs/scheduling.md); `seconds` at most {JOB_MAX_SECONDS:g} here.",
        example={**_SCHEDULE_EXAMPLE, "seconds": 120},
    ),
)
def schedule_job_create(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """Check the instance, then solve it in the background: 202 with the job's id and the URL to poll.
    A bad instance is a 422 naming the place, as for `POST /engines/schedule`, and starts no job."""
    caller = _caller(request)
    language = get_language() or settings.LANGUAGE_CODE
    try:
        job_id = schedule_job_start(actor=caller, data=payload, language=language)
    except ScheduleInputError as error:
        return _schedule_refusal(error)
    job = schedule_job_get(job_id=job_id, actor=caller) or {}
    url = reverse("api:engines_schedule_job", kwargs={"job_id": job_id})
    return Reply(202, {"id": job_id, "url": url, "state": job.get("state", "queued")})


@engines.get(
    "/schedule/jobs/{job_id}",
    response={200: ScheduleJobOut, 401: ErrorOut, 404: ErrorOut},
    auth=auth.REQUIRED,
    summary="A background schedule solve's state",
    url_name="engines_schedule_job",
)
def schedule_job_detail(request: HttpRequest, job_id: str) -> Any:
    """The job's state, the solver's latest progress, and the schedule once done; 404 for a job that
    is unknown, expired (after a day) or someone else's."""
    job = schedule_job_get(job_id=job_id, actor=_caller(request))
    if job is None:
        raise Http404
    return job


def _caller(request: HttpRequest) -> User:
    user = auth.request_user(request)
    assert user is not None  # noqa: S101 - auth.REQUIRED admits only users
    return user


_ELIGIBILITY_EXAMPLE = {
    "film": {"kind": "feature", "audience": "children", "year": 1987, "runtime": 83, "countries": ["IR"],
             "festival_years": [1989]},
    "call": {"kinds": ["feature"], "min_runtime": 70, "max_runtime": None, "min_year": 2026,
             "premiere": "national", "countries": [], "audiences": [], "opens_on": "2026-09-16",
             "deadline": "2027-09-15"},
    "premiere": "none",
    "on": "2027-05-01",
}  # fmt: skip


@engines.post(
    "/eligibility",
    response={200: dict[str, Any], 422: ValidationErrorOut},
    auth=auth.OPTIONAL,
    summary="Check a festival entry's eligibility",
    openapi_extra=_json_body(
        "A film's facts, a call's rules, the premiere claimed and the day (docs/engines.md).",
        example=_ELIGIBILITY_EXAMPLE,
    ),
)
def eligibility(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """Whether the film may be entered and every rule of the call it breaks, each with its params and a
    sentence in the request's language, as `python manage.py eligibility` prints it; bad input is a 422
    naming the place (`loc`), the reason in the request's language and the code (`type`)."""
    try:
        return eligibility_from_json(payload, describe=problem_message)
    except FestivalInputError as error:
        return _festival_refusal(error)


_JURY_EXAMPLE = {
    "scores": [
        {"member": 1, "score": 9},
        {"member": 2, "score": 9},
        {"member": 3, "score": 8},
        {"member": 4, "score": None},
        {"member": 5, "score": 10, "conflicted": True},
    ]
}


@engines.post(
    "/jury",
    response={200: dict[str, Any], 422: ValidationErrorOut},
    auth=auth.OPTIONAL,
    summary="Aggregate a jury's scores",
    openapi_extra=_json_body("The jury's scores of one submission (docs/engines.md).", example=_JURY_EXAMPLE),
)
def jury(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """The mean of the counted scores (a decimal string, or null), the abstentions and the scores set
    aside for a conflict of interest, as `python manage.py jury` prints it; bad input is a 422 naming
    the place (`loc`), the reason in the request's language and the code (`type`)."""
    try:
        return jury_from_json(payload)
    except FestivalInputError as error:
        return _festival_refusal(error)


_COPRODUCTION_EXAMPLE = {
    "rules": "iran-belarus",
    "project": {
        "kind": "animation", "audience": "children", "runtime_minutes": 80, "currency": "EUR",
        "budget": "1000000.00", "as_of": "2026-06-01",
        "coproducers": [
            {"id": "belarusfilm", "name": "Belarusfilm", "country": "BY",
             "financing": [{"kind": "national_fund", "amount": "800000.00", "confirmed": True,
                            "letter_date": "2026-04-01"}],
             "in_kind": [], "artistic": []},
            {"id": "tehran", "name": "Tehran Animation", "country": "IR",
             "financing": [{"kind": "coproducer", "amount": "200000.00", "confirmed": False, "letter_date": None}],
             "in_kind": [], "artistic": ["screenplay"]},
        ],
        "creatives": [{"role": "director", "nationality": "IR", "days_worked": None}],
        "animation_countries": ["BY"],
    },
    "what_if": ["IR"],
}  # fmt: skip

_COPRODUCTION_KEYS = ("rules", "project", "what_if")


# An inline rule-set document can be made as heavy as its bounds allow: it is for signed-in users and
# token holders; a rule set by its name is open to anyone. What-if answers each run the engine again.
COPRODUCTION_MAX_WHAT_IF = 5


@engines.post(
    "/coproduction",
    response={200: dict[str, Any], 401: ErrorOut, 422: ValidationErrorOut},
    auth=auth.OPTIONAL,
    summary="Check a co-production's eligibility",
    openapi_extra=_json_body(
        "A rule set (a name or a document), the project and optionally the countries to ask what-if for "
        "(docs/coproduction-eligibility.md). A rule-set document needs a signed-in user or an API token.",
        example=_COPRODUCTION_EXAMPLE,
    ),
)
def coproduction(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """The project checked against the rule set: every rule passed, failed, waivable or not applicable
    with its numbers, article and a sentence in the request's language, and the what-if answers, as
    `python manage.py coproduction_check` prints it; bad input is a 422 naming the place (`loc`), the
    reason in the request's language and the code (`type`). A rule set given as a document rather than
    by name is for signed-in users and token holders (401 otherwise)."""
    for key in payload:
        if key not in _COPRODUCTION_KEYS:
            return _refusal(
                ["body", key],
                _("“%(key)s” is not a field here; the fields are: %(known)s.")
                % {"key": key, "known": ", ".join(_COPRODUCTION_KEYS)},
                "unknown",
            )
    rules = payload.get("rules")
    if isinstance(rules, str):
        try:
            document = rule_set_document_get(name=rules)
        except Http404:
            return _refusal(
                ["body", "rules"], _("There is no rule set named %(name)s.") % {"name": rules}, "rule_set"
            )
    elif isinstance(rules, dict):
        if auth.request_user(request) is None:
            raise AuthenticationError
        document = rules
    else:
        return _refusal(["body", "rules"], _("Give a rule set's name or a rule-set document."), "required")
    what_if = payload.get("what_if")
    if what_if is not None and (
        not isinstance(what_if, list) or not all(isinstance(c, str) and COUNTRY.fullmatch(c) for c in what_if)
    ):
        return _refusal(["body", "what_if"], _("Give a list of country codes such as IR or BY."), "country")
    try:
        doc = rule_set_from_json(document)
    except RuleSetError as error:
        where = ["body", "rules", *error_location(error)] if isinstance(rules, dict) else ["body", "rules"]
        return _refusal(where, error_sentence(error), error.code)
    try:
        project = project_from_json(payload.get("project"))
    except ProjectInputError as error:
        return _refusal(["body", "project", *error_location(error)], error_sentence(error), error.code)
    if what_if is None:
        # the countries a failing share rule points to, as the command asks for: the first ones only
        countries = default_what_if_countries(coproduction_evaluate(project, doc))[:COPRODUCTION_MAX_WHAT_IF]
    else:
        countries = tuple(dict.fromkeys(what_if))
        maximum = min(max(len(project.country_order()), 1), COPRODUCTION_MAX_WHAT_IF)
        if len(countries) > maximum:
            return _refusal(
                ["body", "what_if"],
                _(
                    "Ask about at most %(maximum)s countries: no more than the project's countries, and "
                    "%(limit)s at most."
                )
                % {"maximum": maximum, "limit": COPRODUCTION_MAX_WHAT_IF},
                "too_many",
            )
    report = coproduction_check(project, doc, what_if_countries=countries)
    return explained_report(coproduction_report(report))
