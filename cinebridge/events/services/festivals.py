"""Writes of festivals: festivals, editions (each with its programme), sections and their calls for
entries; submissions and their review; juries, scores and awards.

A submission is a catalogue film entered by its rights holder (or its country's film body) to one call.
It is checked against the call's rules when entered (an ineligible entry is refused with every broken
rule, and nothing is written), then moves through `SUBMISSION_TRANSITIONS`: the festival's editors
review, select or decline it and mark it screened; the applicant may withdraw it while it is under
consideration; an award marks it awarded. Every step locks the row, checks the version the person saw
(`StaleSubmission` otherwise), writes a `SubmissionEvent`, and tells the applicant's members in their
own language. Selection puts the film in the edition's programme and its festival history; an award
lands there too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, OrganisationKind, User
from cinebridge.catalogue.models import (
    FIRST_FILM_YEAR,
    LAST_PLAUSIBLE_YEAR,
    Audience,
    FestivalResult,
    Film,
    FilmKind,
)
from cinebridge.catalogue.services import festival_entry_add
from cinebridge.core.checks import checked_country, checked_time_zone
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import translated_text
from cinebridge.core.vocabularies import is_language_code
from cinebridge.events.eligibility_messages import problem_message
from cinebridge.events.engine.jury import MAX_SCORE, MIN_SCORE
from cinebridge.events.models import (
    RESERVED_PROGRAMME_SLUGS,
    Award,
    Call,
    Edition,
    Festival,
    JuryMember,
    JuryScore,
    PremiereStatus,
    Programme,
    ProgrammeFilm,
    ProgrammeKind,
    Section,
    Strand,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)
from cinebridge.events.selectors.festivals import submission_check
from cinebridge.notifications.services import (
    in_reader_language,
    names_in_reader_language,
    notify,
    notify_organisation,
)

__all__ = [
    "SUBMISSION_TRANSITIONS",
    "StaleSubmission",
    "SubmissionIneligible",
    "SubmissionRefused",
    "award_give",
    "call_set",
    "edition_create",
    "edition_update",
    "festival_create",
    "jury_member_add",
    "jury_member_remove",
    "jury_score_record",
    "section_create",
    "submission_create",
    "submission_decide",
    "submission_decided_by",
]

S = SubmissionStatus

# The lifecycle: from each status, the statuses an entry may move to. AWARDED is reached only by
# giving an award (award_give); the others by submission_decide.
SUBMISSION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.IN_REVIEW, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN}),
    S.SELECTED: frozenset({S.SCREENED, S.AWARDED}),
    S.SCREENED: frozenset({S.AWARDED}),
    S.NOT_SELECTED: frozenset(),
    S.AWARDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Who takes each step: the festival's editors decide; the applicant's editors withdraw.
FESTIVAL = "festival"
APPLICANT = "applicant"
_DECIDED_BY: dict[str, str] = {
    S.IN_REVIEW: FESTIVAL,
    S.SELECTED: FESTIVAL,
    S.NOT_SELECTED: FESTIVAL,
    S.SCREENED: FESTIVAL,
    S.AWARDED: FESTIVAL,
    S.WITHDRAWN: APPLICANT,
}
# Statuses in which the jury scores an entry (pre-selection review, then the competition).
_SCORABLE = frozenset({S.IN_REVIEW, S.SELECTED})
_AWARDABLE = frozenset({S.SELECTED, S.SCREENED, S.AWARDED})


def submission_decided_by(to_status: str) -> str:
    """Whose editors move an entry to `to_status`: "festival" or "applicant"."""
    return _DECIDED_BY[to_status]


# --- errors --------------------------------------------------------------------------------------


class StaleSubmission(ApplicationError):  # noqa: N818 (the contract names it)
    """The submission changed since the person loaded it; `extra["version"]` is its version now."""

    def __init__(self, *, version: int) -> None:
        super().__init__(
            _(
                "Someone changed this entry meanwhile (it is now at version %(version)d). "
                "Reload it, read what changed and decide again."
            )
            % {"version": version},
            extra={"field": "expected_version", "version": version},
        )


class SubmissionRefused(ApplicationError):  # noqa: N818 (reads as the event)
    """A step that is not permitted now (wrong status, too early)."""


class SubmissionIneligible(ApplicationError):  # noqa: N818 (reads as the event)
    """The film breaks the call's rules; `extra["problems"]` lists each: rule, params and message."""


# --- checking input ------------------------------------------------------------------------------


def _refuse(field: str | None, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"field": field})


def _names(names: Mapping[str, str], field: str = "names") -> dict[str, str]:
    """A {language: text} map with the blanks dropped; at least one text, each under a language code."""
    cleaned: dict[str, str] = {}
    for code, text in names.items():
        language = str(code).strip().lower()
        value = str(text or "").strip()
        if not value:
            continue
        if not is_language_code(language):
            raise _refuse(field, _("“%(code)s” is not a language code such as fa or ru.") % {"code": code})
        cleaned[language] = value
    if not cleaned:
        raise _refuse(field, _("Give the name in at least one language."))
    return cleaned


_HISTORY_TEXT = 200  # the length of FestivalEntry's festival, section and award fields


def _name_for_history(names: Mapping[str, str]) -> str:
    """The English name, else the first one: the catalogue's festival history stores one text."""
    return str(names.get("en") or next(iter(names.values()), ""))[:_HISTORY_TEXT]


def _slug(value: str, field: str = "slug", *, programme: bool = False) -> str:
    slug = (value or "").strip().lower()
    try:
        validate_slug(slug)
    except ValidationError:
        raise _refuse(
            field, _("Use only Latin letters, digits, hyphens and underscores in the address.")
        ) from None
    if programme and slug in RESERVED_PROGRAMME_SLUGS:
        raise _refuse(field, _("The address “%(slug)s” is reserved; choose another.") % {"slug": slug})
    return slug


def _choices(values: Iterable[str], allowed: Iterable[str], field: str) -> list[str]:
    known = set(allowed)
    chosen: list[str] = []
    for value in values:
        if value not in known:
            raise _refuse(field, _("“%(value)s” is not one of the choices.") % {"value": value})
        if value not in chosen:
            chosen.append(value)
    return sorted(chosen)


def _clean_and_save(instance: models.Model, *, unique_field: str = "", unique_message: str = "") -> None:
    """full_clean() then save; a field's validation error becomes an ApplicationError naming it, and a
    uniqueness clash (checked here, or raised by the database under a race) the one given."""
    try:
        instance.full_clean()
    except ValidationError as error:
        if (
            unique_field
            and unique_message
            and ("__all__" in error.message_dict or unique_field in error.message_dict)
        ):
            raise _refuse(unique_field, unique_message) from None
        field, messages = next(iter(error.message_dict.items()))
        raise _refuse(None if field == "__all__" else field, " ".join(messages)) from None
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        if unique_field:
            raise _refuse(unique_field, unique_message) from None
        raise


def _host_today(programme: Programme) -> date:
    """Today in the host's calendar: calls open and close on the host's days."""
    return timezone.localtime(timezone.now(), ZoneInfo(programme.time_zone)).date()


# --- festivals, editions, sections, calls --------------------------------------------------------


@transaction.atomic
def festival_create(
    *, actor: User, organisation: Organisation, slug: str, names: Mapping[str, str], website: str = ""
) -> Festival:
    """A festival run by `organisation` (a festival organisation the actor edits for)."""
    policy.require(actor, policy.FESTIVALS_MANAGE, organisation)
    festival = Festival(
        organisation=organisation, slug=_slug(slug), names=_names(names), website=(website or "").strip()
    )
    _clean_and_save(
        festival,
        unique_field="slug",
        unique_message=_("Another festival already has the address “%(slug)s”.") % {"slug": festival.slug},
    )
    return festival


@transaction.atomic
def edition_create(
    *,
    actor: User,
    festival: Festival,
    year: int,
    slug: str,
    names: Mapping[str, str],
    host_country: str,
    time_zone: str,
    starts_on: date,
    ends_on: date,
    number: int | None = None,
) -> Edition:
    """An edition of the festival, with its programme (kind festival) under the address `slug`."""
    policy.require(actor, policy.FESTIVALS_MANAGE, festival.organisation)
    slug = _slug(slug, programme=True)
    if ends_on < starts_on:
        raise _refuse("ends_on", _("The last day cannot come before the first day."))
    if year not in (starts_on.year, ends_on.year):
        raise _refuse(
            "year",
            _("The edition's dates are not in %(year)s: give the year in which it takes place.")
            % {"year": year},
        )
    if number is not None and number < 1:
        raise _refuse("number", _("The edition number starts at 1."))
    if Edition.objects.filter(festival=festival, year=year).exists():
        raise _refuse("year", _("This festival already has an edition in %(year)s.") % {"year": year})
    programme = Programme(
        kind=ProgrammeKind.FESTIVAL,
        slug=slug,
        names=_names(names),
        host_country=checked_country(host_country, field="host_country"),
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=checked_time_zone(time_zone),
    )
    _clean_and_save(
        programme,
        unique_field="slug",
        unique_message=_("The address “%(slug)s” is already used by another programme.") % {"slug": slug},
    )
    edition = Edition(festival=festival, programme=programme, year=year, number=number)
    _clean_and_save(
        edition,
        unique_field="year",
        unique_message=_("This festival already has an edition in %(year)s.") % {"year": year},
    )
    return edition


@transaction.atomic
def edition_update(
    *,
    actor: User,
    edition: Edition,
    names: Mapping[str, str],
    host_country: str,
    time_zone: str,
    starts_on: date,
    ends_on: date,
    number: int | None = None,
) -> Edition:
    """Change an edition's title, number, host, time zone or dates (its year and address stay). Dates
    that would leave out a call's deadline or a scheduled screening are refused."""
    policy.require(actor, policy.FESTIVALS_MANAGE, edition.festival.organisation)
    programme = Programme.objects.select_for_update().get(pk=edition.programme_id)
    if ends_on < starts_on:
        raise _refuse("ends_on", _("The last day cannot come before the first day."))
    if edition.year not in (starts_on.year, ends_on.year):
        raise _refuse(
            "starts_on",
            _("The edition's dates are not in %(year)s: give the year in which it takes place.")
            % {"year": edition.year},
        )
    if number is not None and number < 1:
        raise _refuse("number", _("The edition number starts at 1."))
    zone = checked_time_zone(time_zone)
    if Call.objects.filter(section__edition=edition, deadline__gt=ends_on).exists():
        raise _refuse("ends_on", _("A call of this edition has its deadline after that last day."))
    tz = ZoneInfo(zone)
    for starts_at in programme.screenings.values_list("starts_at", flat=True):
        if not starts_on <= timezone.localtime(starts_at, tz).date() <= ends_on:
            raise _refuse("starts_on", _("Screenings of this edition are scheduled outside these dates."))
    programme.names = _names(names)
    programme.host_country = checked_country(host_country, field="host_country")
    programme.time_zone = zone
    programme.starts_on, programme.ends_on = starts_on, ends_on
    _clean_and_save(programme)
    edition.programme = programme
    edition.number = number
    _clean_and_save(edition)
    return edition


@transaction.atomic
def section_create(
    *,
    actor: User,
    edition: Edition,
    code: str,
    names: Mapping[str, str],
    strand: str = Strand.GENERAL,
    is_competition: bool = True,
    position: int = 0,
) -> Section:
    """A section of the edition (a competition or a sidebar); the children's strand is its own."""
    policy.require(actor, policy.FESTIVALS_MANAGE, edition.festival.organisation)
    if strand not in Strand.values:
        raise _refuse("strand", _("“%(value)s” is not one of the choices.") % {"value": strand})
    section = Section(
        edition=edition,
        code=_slug(code, "code"),
        names=_names(names),
        strand=strand,
        is_competition=is_competition,
        position=position,
    )
    _clean_and_save(
        section,
        unique_field="code",
        unique_message=_("This edition already has a section with the code “%(code)s”.")
        % {"code": section.code},
    )
    return section


@transaction.atomic
def call_set(
    *,
    actor: User,
    section: Section,
    opens_on: date,
    deadline: date,
    kinds: Iterable[str] = (),
    min_runtime: int | None = None,
    max_runtime: int | None = None,
    min_year: int | None = None,
    premiere: str = PremiereStatus.NONE,
    countries: Iterable[str] = (),
    audiences: Iterable[str] = (),
    rules_text: str = "",
) -> Call:
    """Open (or change) the section's call for entries with its rules. Entries already made keep the
    eligibility they were checked with."""
    edition = section.edition
    policy.require(actor, policy.FESTIVALS_MANAGE, edition.festival.organisation)
    if deadline < opens_on:
        raise _refuse("deadline", _("The deadline cannot come before the call opens."))
    if deadline > edition.programme.ends_on:
        raise _refuse("deadline", _("The deadline cannot come after the edition's last day."))
    for field, minutes in (("min_runtime", min_runtime), ("max_runtime", max_runtime)):
        if minutes is not None and minutes < 1:
            raise _refuse(field, _("A runtime is at least one minute."))
    if min_runtime is not None and max_runtime is not None and max_runtime < min_runtime:
        raise _refuse("max_runtime", _("The longest runtime cannot be shorter than the shortest."))
    if min_year is not None and not FIRST_FILM_YEAR <= min_year <= LAST_PLAUSIBLE_YEAR:
        raise _refuse(
            "min_year",
            _("Give a year from %(first)s to %(last)s.")
            % {"first": FIRST_FILM_YEAR, "last": LAST_PLAUSIBLE_YEAR},
        )
    if premiere not in PremiereStatus.values:
        raise _refuse("premiere", _("“%(value)s” is not one of the choices.") % {"value": premiere})
    codes = []
    for code in countries:
        checked = checked_country(code, field="countries")
        if checked not in codes:
            codes.append(checked)
    values = {
        "opens_on": opens_on,
        "deadline": deadline,
        "kinds": _choices(kinds, FilmKind.values, "kinds"),
        "min_runtime": min_runtime,
        "max_runtime": max_runtime,
        "min_year": min_year,
        "premiere": premiere,
        "countries": sorted(codes),
        "audiences": _choices(audiences, Audience.values, "audiences"),
        "rules_text": (rules_text or "").strip(),
    }
    call = Call.objects.select_for_update().filter(section=section).first() or Call(section=section)
    for name, value in values.items():
        setattr(call, name, value)
    _clean_and_save(call)
    return call


# --- notifications -------------------------------------------------------------------------------

# (subject, body) per kind; rendered in each recipient's language by `notify`.
_MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "submission.received": (
        gettext_lazy("“%(film)s” is entered to %(festival)s"),
        gettext_lazy(
            "%(festival)s has received the entry of “%(film)s” to %(section)s. You will be told at every "
            "step of its review.%(note)s"
        ),
    ),
    "submission.new": (
        gettext_lazy("New entry to %(section)s: “%(film)s” from %(applicant)s"),
        gettext_lazy("%(applicant)s has entered “%(film)s” to %(section)s of %(festival)s.%(note)s"),
    ),
    "submission.in_review": (
        gettext_lazy("“%(film)s” is in review at %(festival)s"),
        gettext_lazy("%(festival)s is reviewing “%(film)s”, entered to %(section)s.%(note)s"),
    ),
    "submission.selected": (
        gettext_lazy("“%(film)s” is selected for %(festival)s"),
        gettext_lazy(
            "Congratulations: %(festival)s has selected “%(film)s” for %(section)s. It is added to the "
            "film's festival history.%(note)s"
        ),
    ),
    "submission.not_selected": (
        gettext_lazy("“%(film)s” is not selected for %(festival)s"),
        gettext_lazy(
            "%(festival)s has decided not to select “%(film)s” for %(section)s. Thank you for your "
            "entry.%(note)s"
        ),
    ),
    "submission.screened": (
        gettext_lazy("“%(film)s” was screened at %(festival)s"),
        gettext_lazy("%(festival)s has recorded the screening of “%(film)s” in %(section)s.%(note)s"),
    ),
    "submission.awarded": (
        gettext_lazy("“%(film)s” won %(award)s at %(festival)s"),
        gettext_lazy(
            "%(festival)s has given “%(film)s” the award %(award)s in %(section)s. It is added to the "
            "film's festival history.%(note)s"
        ),
    ),
    "submission.withdrawn": (
        gettext_lazy("%(applicant)s withdrew “%(film)s” from %(festival)s"),
        gettext_lazy("The entry of “%(film)s” to %(section)s is withdrawn.%(note)s"),
    ),
}


def _film_title(film: Film) -> str:
    return in_reader_language(film.translations.all(), "title", film.original_title)


def _organisation_name(organisation: Organisation) -> str:
    return in_reader_language(organisation.translations.all(), "name", organisation.name)


def _note(text: str) -> str:
    text = (text or "").strip()
    return lazy(lambda: "\n\n" + _("Their message: %(text)s") % {"text": text} if text else "", str)()


def _link(name: str, **kwargs: object) -> Callable[[], str]:
    """A link built in the recipient's language; empty while the page does not exist yet."""

    def build() -> str:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            return ""

    return build


def _submission_link(submission: Submission) -> Callable[[], str]:
    return _link("events:submission_detail", pk=submission.pk)


def _params(submission: Submission, **more: object) -> dict[str, object]:
    section = submission.call.section
    edition = section.edition
    return {
        "film": _film_title(submission.film),
        "applicant": _organisation_name(submission.applicant),
        "festival": names_in_reader_language(edition.programme.names, fallback=str(edition)),
        "section": names_in_reader_language(section.names, fallback=section.code),
        "note": "",
        **more,
    }


def _tell(
    submission: Submission,
    *,
    kind: str,
    organisation: Organisation,
    exclude: User | None,
    params: Mapping[str, object],
) -> None:
    subject, body = _MESSAGES[kind]
    notify_organisation(
        organisation=organisation,
        exclude=exclude,
        kind=kind,
        subject=subject,
        body=body,
        params=params,
        link=_submission_link(submission),
    )


# --- submissions ---------------------------------------------------------------------------------


def _may_enter(applicant: Organisation, film: Film) -> bool:
    """The rights holder enters its own films; a film body also those of its country's organisations."""
    if film.owner_id == applicant.pk:
        return True
    return applicant.kind == OrganisationKind.FILM_BODY and applicant.country == film.owner.country


def _ineligible(film: Film, problems: list[dict[str, object]]) -> SubmissionIneligible:
    sentences = " ".join(str(p["message"]) for p in problems)
    return SubmissionIneligible(
        _("“%(film)s” cannot be entered to this call. %(problems)s")
        % {
            "film": translated_text(film.translations.all(), "title", film.original_title),
            "problems": sentences,
        },
        extra={"field": None, "problems": problems},
    )


@transaction.atomic
def submission_create(
    *, actor: User, call: Call, film: Film, applicant: Organisation, premiere: str, note: str = ""
) -> Submission:
    """Enter a catalogue film to a call for `applicant`. Refused, with every broken rule listed and
    nothing written, when the film is not eligible; otherwise the applicant and the festival are told."""
    policy.require(actor, policy.SUBMISSIONS_ENTER, applicant)
    film = Film.objects.select_related("owner").get(pk=film.pk)
    call = Call.objects.select_related("section__edition__programme", "section__edition__festival").get(
        pk=call.pk
    )
    if not _may_enter(applicant, film):
        raise _refuse(
            "film",
            _("%(applicant)s may enter only its own films (or, for a film body, its country's).")
            % {"applicant": applicant.name},
        )
    if premiere not in PremiereStatus.values:
        raise _refuse("premiere", _("“%(value)s” is not one of the choices.") % {"value": premiere})
    if Submission.objects.filter(call=call, film=film).exists():
        raise _refuse("film", _("This film is already entered to this call."))
    today = _host_today(call.section.edition.programme)
    problems = submission_check(call=call, film=film, premiere=premiere, today=today)
    if problems:
        raise _ineligible(film, [{**p.as_json(), "message": problem_message(p)} for p in problems])
    submission = Submission(
        call=call,
        film=film,
        applicant=applicant,
        submitted_by=actor,
        premiere=premiere,
        status=S.SUBMITTED,
        eligibility_problems=[],
        note=(note or "").strip(),
    )
    _clean_and_save(
        submission, unique_field="film", unique_message=_("This film is already entered to this call.")
    )
    SubmissionEvent.objects.create(
        submission=submission, from_status="", to_status=S.SUBMITTED, actor=actor, message=submission.note
    )
    params = _params(submission, note=_note(submission.note))
    # The receipt goes to every member of the applicant, the person who entered it included.
    _tell(submission, kind="submission.received", organisation=applicant, exclude=None, params=params)
    festival = call.section.edition.festival
    _tell(submission, kind="submission.new", organisation=festival.organisation, exclude=actor, params=params)
    return submission


def _locked(submission: Submission) -> Submission:
    """The submission as committed, its row locked until the transaction ends."""
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related(
            "film__owner",
            "applicant",
            "call__section__edition__festival__organisation",
            "call__section__edition__programme",
        )
        .get(pk=submission.pk)
    )


def _require_side(actor: User, submission: Submission, to_status: str) -> None:
    if _DECIDED_BY[to_status] == APPLICANT:
        policy.require(actor, policy.SUBMISSIONS_ENTER, submission.applicant)
    else:
        policy.require(actor, policy.FESTIVALS_MANAGE, submission.call.section.edition.festival.organisation)


def _check_transition(submission: Submission, to_status: str) -> None:
    if to_status not in SUBMISSION_TRANSITIONS[submission.status]:
        raise SubmissionRefused(
            _("An entry whose status is “%(status)s” cannot become “%(to)s”.")
            % {"status": S(submission.status).label, "to": S(to_status).label},
            extra={"field": "to_status", "status": submission.status},
        )


def _move(submission: Submission, *, to: str, actor: User, message: str) -> SubmissionEvent:
    before = submission.status
    submission.status = to
    submission.version += 1
    # Who entered it may be unknown (imported entries): the model leaves it nullable, not blank.
    submission.full_clean(exclude=["submitted_by"], validate_unique=False, validate_constraints=False)
    submission.save(update_fields=["status", "version", "updated_at"])
    return SubmissionEvent.objects.create(
        submission=submission, from_status=before, to_status=to, actor=actor, message=message
    )


def _programme_film_for(submission: Submission, *, actor: User) -> ProgrammeFilm:
    """The selected film in the edition's programme, in its section's strand."""
    section = submission.call.section
    programme = section.edition.programme
    existing = (
        ProgrammeFilm.objects.select_for_update().filter(programme=programme, film=submission.film).first()
    )
    if existing is not None:
        if existing.submission_id is not None and existing.submission_id != submission.pk:
            raise SubmissionRefused(
                _("This film is already in the edition's programme through another entry."),
                extra={"field": "to_status"},
            )
        # Added by hand before the selection: it now comes through this entry, in this section.
        existing.submission = submission
        existing.section = section
        existing.strand = section.strand
        existing.save(update_fields=["submission", "section", "strand", "updated_at"])
        return existing
    programme_film = ProgrammeFilm(
        programme=programme,
        film=submission.film,
        section=section,
        submission=submission,
        strand=section.strand,
        is_premiere=submission.premiere != PremiereStatus.NONE,
        added_by=actor,
    )
    programme_film.full_clean()
    programme_film.save()
    return programme_film


def _history(submission: Submission, *, result: str, award: str = "") -> None:
    section = submission.call.section
    edition = section.edition
    festival_entry_add(
        actor=None,  # the festival's decision, not an edit of the rights holder's catalogue
        film=submission.film,
        festival_name=_name_for_history(edition.festival.names) or edition.festival.slug,
        edition_year=edition.year,
        section=_name_for_history(section.names),
        result=result,
        award=award,
    )


@transaction.atomic
def submission_decide(
    *, actor: User, submission: Submission, to_status: str, expected_version: int, message: str = ""
) -> Submission:
    """Move an entry one step (`SUBMISSION_TRANSITIONS`) and tell the applicant's members: the festival's
    editors review, select, decline and mark screened; the applicant's editors withdraw."""
    if to_status not in S.values:
        raise _refuse("to_status", _("“%(value)s” is not one of the choices.") % {"value": to_status})
    if to_status == S.AWARDED:
        raise SubmissionRefused(
            _("Give the award to mark an entry as awarded."), extra={"field": "to_status"}
        )
    if to_status == S.SUBMITTED:
        raise SubmissionRefused(
            _("An entry is submitted once; it cannot go back to that status."), extra={"field": "to_status"}
        )
    current = _locked(submission)
    _require_side(actor, current, to_status)
    if current.version != expected_version:
        raise StaleSubmission(version=current.version)
    _check_transition(current, to_status)
    edition = current.call.section.edition
    if to_status == S.SCREENED:
        first_day = edition.programme.starts_on
        if _host_today(edition.programme) < first_day:
            raise SubmissionRefused(
                _("An entry can be marked screened from the edition's first day, %(day)s.")
                % {"day": date_format(first_day, "DATE_FORMAT")},
                extra={"field": "to_status"},
            )
    message = (message or "").strip()
    _move(current, to=to_status, actor=actor, message=message)
    if to_status == S.SELECTED:
        _programme_film_for(current, actor=actor)
        _history(current, result=FestivalResult.SELECTED)
    params = _params(current, note=_note(message))
    kind = f"submission.{to_status}"
    if to_status == S.WITHDRAWN:
        _tell(current, kind=kind, organisation=edition.festival.organisation, exclude=actor, params=params)
    _tell(current, kind=kind, organisation=current.applicant, exclude=actor, params=params)
    submission.status, submission.version = current.status, current.version
    return current


# --- juries --------------------------------------------------------------------------------------

_APPOINTED = (
    gettext_lazy("You are on the jury of %(section)s at %(festival)s"),
    gettext_lazy(
        "%(festival)s has appointed you to the jury of %(section)s. Your scoring sheet lists the entries."
    ),
)
_APPOINTED_PRESIDENT = (
    gettext_lazy("You are the president of the jury of %(section)s at %(festival)s"),
    gettext_lazy(
        "%(festival)s has appointed you president of the jury of %(section)s. Your scoring sheet lists "
        "the entries."
    ),
)


@transaction.atomic
def jury_member_add(*, actor: User, section: Section, user: User, is_president: bool = False) -> JuryMember:
    """Seat a person on the section's jury (one president at most) and tell them."""
    edition = section.edition
    policy.require(actor, policy.FESTIVALS_MANAGE, edition.festival.organisation)
    if not user.is_active:
        raise _refuse("user", _("This account is not active."))
    if JuryMember.objects.filter(section=section, user=user).exists():
        raise _refuse("user", _("This person already sits on this jury."))
    if is_president and JuryMember.objects.filter(section=section, is_president=True).exists():
        raise _refuse("is_president", _("This jury already has a president."))
    member = JuryMember(section=section, user=user, is_president=is_president)
    _clean_and_save(member, unique_field="user", unique_message=_("This person already sits on this jury."))
    subject, body = _APPOINTED_PRESIDENT if is_president else _APPOINTED
    notify(
        recipients=[user],
        kind="jury.appointed",
        subject=subject,
        body=body,
        params={
            "festival": names_in_reader_language(edition.programme.names, fallback=str(edition)),
            "section": names_in_reader_language(section.names, fallback=section.code),
        },
        link=_link("events:jury_sheet", section_id=section.pk),
    )
    return member


@transaction.atomic
def jury_member_remove(*, actor: User, member: JuryMember) -> None:
    """Take a person off a jury before they have scored (their scores would vanish from the record)."""
    policy.require(actor, policy.FESTIVALS_MANAGE, member.section.edition.festival.organisation)
    scored = member.scores.count()
    if scored:
        raise _refuse(
            None,
            ngettext(
                "This member has already scored %(count)d entry and stays on the record of the jury.",
                "This member has already scored %(count)d entries and stays on the record of the jury.",
                scored,
            )
            % {"count": scored},
        )
    member.delete()


@transaction.atomic
def jury_score_record(
    *,
    actor: User,
    submission: Submission,
    score: int | None,
    private_note: str = "",
    conflict_declared: bool = False,
) -> JuryScore:
    """Record (or change) the actor's score of an entry of the section whose jury they sit on: 1 to 10,
    or None to abstain. A declared conflict keeps the score out of the aggregate."""
    current = _locked(submission)
    member = JuryMember.objects.filter(section=current.call.section, user=actor).first()
    if member is None:
        raise PermissionDenied(_("Only the members of this section's jury score its entries."))
    if current.status not in _SCORABLE:
        raise SubmissionRefused(
            _("An entry whose status is “%(status)s” is not scored.") % {"status": S(current.status).label},
            extra={"field": None, "status": current.status},
        )
    if score is not None and not MIN_SCORE <= score <= MAX_SCORE:
        raise _refuse(
            "score",
            _("Give a score from %(low)d to %(high)d, or abstain.") % {"low": MIN_SCORE, "high": MAX_SCORE},
        )
    row = JuryScore.objects.select_for_update().filter(member=member, submission=current).first()
    if row is None:
        row = JuryScore(member=member, submission=current)
    row.score = score
    row.private_note = (private_note or "").strip()
    row.conflict_declared = conflict_declared
    _clean_and_save(row)
    return row


@transaction.atomic
def award_give(*, actor: User, submission: Submission, names: Mapping[str, str]) -> Award:
    """Give a selected (or screened) entry an award of its section: the entry becomes awarded, the
    applicant is told and the award lands in the film's festival history. An entry may win several."""
    current = _locked(submission)
    policy.require(actor, policy.FESTIVALS_MANAGE, current.call.section.edition.festival.organisation)
    if current.status not in _AWARDABLE:
        raise SubmissionRefused(
            _("Only a selected entry can win an award; this one is “%(status)s”.")
            % {"status": S(current.status).label},
            extra={"field": None, "status": current.status},
        )
    cleaned = _names(names)
    award = Award(section=current.call.section, submission=current, names=cleaned, awarded_by=actor)
    _clean_and_save(award)
    if current.status != S.AWARDED:
        _move(current, to=S.AWARDED, actor=actor, message="")
    else:
        # A further award: the status stays, the step is still recorded and the version moves on.
        current.version += 1
        current.save(update_fields=["version", "updated_at"])
        SubmissionEvent.objects.create(
            submission=current, from_status=S.AWARDED, to_status=S.AWARDED, actor=actor, message=""
        )
    _history(current, result=FestivalResult.WON, award=_name_for_history(cleaned))
    params = _params(current, award=names_in_reader_language(cleaned))
    _tell(current, kind="submission.awarded", organisation=current.applicant, exclude=actor, params=params)
    submission.status, submission.version = current.status, current.version
    return award
