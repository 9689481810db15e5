"""Reads of festivals: editions and their calls, what a film may be entered to, submissions as each side
sees them, and the jury's sheets and aggregates.

Who sees what: a submission is seen by the applicant's members (and its country's film body), by the
festival's members and by the jury of its section. Scores and aggregates are seen by the festival's
editors and the section's jury (a juror never sees them for an entry they have a conflict with); a
score's private note only by the juror who wrote it. Applicants never see scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Membership, OrganisationKind, User
from cinebridge.catalogue.models import Film
from cinebridge.events.engine.eligibility import CallRules, FilmFacts, Problem, check_eligibility
from cinebridge.events.engine.jury import Aggregate, Score, aggregate
from cinebridge.events.models import (
    Call,
    Edition,
    Festival,
    JuryMember,
    JuryScore,
    Section,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)

__all__ = [
    "JURY_STATUSES",
    "JuryScoreRow",
    "call_rules",
    "edition_get",
    "edition_may_manage",
    "edition_sections",
    "edition_submissions",
    "editions_of_festival",
    "editions_open",
    "festival_get",
    "festival_list",
    "festival_may_manage",
    "festivals_managed",
    "festivals_with_editions",
    "film_facts",
    "films_submittable",
    "jury_aggregates",
    "jury_conflict",
    "jury_may_see_scores",
    "jury_score_table",
    "jury_scores",
    "jury_seats",
    "jury_sheet",
    "submission_check",
    "submission_events",
    "submission_get",
    "submission_sides",
    "submissions_of_viewer",
]

# The statuses in which a section's jury is concerned with an entry (the ones it reviews and judges).
JURY_STATUSES = frozenset(
    {
        SubmissionStatus.IN_REVIEW,
        SubmissionStatus.SELECTED,
        SubmissionStatus.SCREENED,
        SubmissionStatus.AWARDED,
    }
)


def _user(viewer: policy.Viewer) -> User | None:
    if isinstance(viewer, User) and viewer.is_authenticated and viewer.is_active:
        return viewer
    return None


def _submissions() -> QuerySet[Submission]:
    return Submission.objects.select_related(
        "film",
        "film__owner",
        "applicant",
        "call__section__edition__festival__organisation",
        "call__section__edition__programme",
    ).prefetch_related("film__translations", "applicant__translations")


# --- festivals and editions ----------------------------------------------------------------------


def festival_list() -> QuerySet[Festival]:
    """Every festival, by address, with its organiser."""
    return Festival.objects.select_related("organisation").order_by("slug")


def festivals_with_editions(festivals: QuerySet[Festival]) -> QuerySet[Festival]:
    """These festivals (`festival_list`, `festivals_managed`) with their editions, newest first, each
    with its programme: `festival.editions.all()` without a query per festival."""
    editions = Edition.objects.select_related("programme").order_by("-year")
    return festivals.prefetch_related(Prefetch("editions", queryset=editions))


def festival_get(*, slug: str) -> Festival:
    """One festival by its address; 404 when there is none."""
    try:
        return festival_list().get(slug=slug)
    except Festival.DoesNotExist:
        raise Http404 from None


def festival_may_manage(*, viewer: policy.Viewer, festival: Festival) -> bool:
    """Whether the viewer is an editor of the festival (runs its editions, calls, review, juries, awards)."""
    return policy.can(viewer, policy.FESTIVALS_MANAGE, festival.organisation)


def festivals_managed(*, viewer: policy.Viewer) -> QuerySet[Festival]:
    """The festivals whose editions the viewer may run."""
    organisations = policy.organisations_where(viewer, policy.FESTIVALS_MANAGE)
    return festival_list().filter(organisation__in=organisations)


def edition_may_manage(*, viewer: policy.Viewer, edition: Edition) -> bool:
    return festival_may_manage(viewer=viewer, festival=edition.festival)


def _on_festival_side(viewer: policy.Viewer, festival: Festival) -> bool:
    """An editor of the festival, or any member of its organisation (read-only)."""
    return festival_may_manage(viewer=viewer, festival=festival) or policy.is_member(
        viewer, festival.organisation
    )


def _editions() -> QuerySet[Edition]:
    return Edition.objects.select_related("festival__organisation", "programme")


def edition_get(*, slug: str) -> Edition:
    """The edition whose programme has this address; 404 when there is none."""
    try:
        return _editions().get(programme__slug=slug)
    except Edition.DoesNotExist:
        raise Http404 from None


def editions_of_festival(*, festival: Festival) -> QuerySet[Edition]:
    return _editions().filter(festival=festival).order_by("-year")


def edition_sections(*, edition: Edition, with_jury: bool = False) -> QuerySet[Section]:
    """The edition's sections in their order, each with its call (when there is one) and, `with_jury`,
    its jury members with their users."""
    sections = edition.sections.select_related("call").order_by("position", "code")
    if with_jury:
        sections = sections.prefetch_related(
            Prefetch("jury", queryset=JuryMember.objects.select_related("user"))
        )
    return sections


def editions_open(*, today: date) -> QuerySet[Edition]:
    """Editions with at least one call accepting entries on `today`, the soonest first."""
    open_calls = Call.objects.filter(
        section__edition=OuterRef("pk"), opens_on__lte=today, deadline__gte=today
    )
    return _editions().filter(Exists(open_calls)).order_by("programme__starts_on", "pk")


# --- eligibility ---------------------------------------------------------------------------------


def call_rules(call: Call) -> CallRules:
    """The call's rules as the eligibility engine reads them."""
    return CallRules(
        kinds=frozenset(call.kinds or ()),
        min_runtime=call.min_runtime,
        max_runtime=call.max_runtime,
        min_year=call.min_year,
        premiere=call.premiere,
        countries=frozenset(code.upper() for code in call.countries or ()),
        audiences=frozenset(call.audiences or ()),
        opens_on=call.opens_on,
        deadline=call.deadline,
    )


def film_facts(film: Film) -> FilmFacts:
    """The film's facts as the eligibility engine reads them (countries in credit order, the years of
    its recorded festival screenings)."""
    countries = tuple(film.countries.order_by("position", "pk").values_list("country", flat=True))
    years = tuple(sorted(set(film.festival_entries.values_list("edition_year", flat=True))))
    return FilmFacts(
        kind=film.kind,
        audience=film.audience,
        year=film.year,
        runtime=film.runtime_minutes,
        countries=tuple(code.upper() for code in countries),
        festival_years=years,
    )


def submission_check(*, call: Call, film: Film, premiere: str, today: date) -> list[Problem]:
    """Every rule of the call the film breaks if entered today with this premiere claim; [] if none."""
    return check_eligibility(film_facts(film), call_rules(call), premiere=premiere, on=today)


def films_submittable(*, viewer: policy.Viewer) -> QuerySet[Film]:
    """The films the viewer may enter to a festival: those of the rights holders they edit for, and all
    films of the countries of the film bodies they edit for."""
    organisations = list(policy.organisations_where(viewer, policy.SUBMISSIONS_ENTER))
    owners = [o.pk for o in organisations]
    countries = {o.country for o in organisations if o.kind == OrganisationKind.FILM_BODY}
    return (
        Film.objects.filter(Q(owner__in=owners) | Q(owner__country__in=countries))
        .select_related("owner")
        .prefetch_related("translations")
        .order_by("original_title", "pk")
    )


# --- submissions ---------------------------------------------------------------------------------


def submissions_of_viewer(*, viewer: policy.Viewer) -> QuerySet[Submission]:
    """The submissions the viewer's organisations entered (and, for a film body, its country's)."""
    applicants = policy.organisations_where(viewer, policy.SUBMISSIONS_VIEW)
    return _submissions().filter(applicant__in=applicants).order_by("-created_at", "-pk")


def _jury_seat(viewer: policy.Viewer, section_id: int) -> JuryMember | None:
    user = _user(viewer)
    if user is None:
        return None
    return JuryMember.objects.filter(section_id=section_id, user=user).first()


def submission_sides(*, viewer: policy.Viewer, submission: Submission) -> frozenset[str]:
    """As whom the viewer sees the submission: "applicant", "festival" (members), "festival_editor",
    "jury"; empty when the viewer may not see it."""
    festival = submission.call.section.edition.festival
    sides: set[str] = set()
    if policy.can(viewer, policy.SUBMISSIONS_VIEW, submission.applicant):
        sides.add("applicant")
    if _on_festival_side(viewer, festival):
        sides.add("festival")
    if festival_may_manage(viewer=viewer, festival=festival):
        sides.add("festival_editor")
    if submission.status in JURY_STATUSES and _jury_seat(viewer, submission.call.section_id) is not None:
        sides.add("jury")
    return frozenset(sides)


def submission_get(*, viewer: policy.Viewer, pk: int) -> Submission:
    """One submission, for its applicant, its festival or its section's jury; 404 when there is none,
    PermissionDenied when the viewer is none of them."""
    try:
        submission = _submissions().get(pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None
    if not submission_sides(viewer=viewer, submission=submission):
        raise PermissionDenied(_("Only the applicant, the festival and the jury may see this entry."))
    return submission


def submission_events(*, submission: Submission) -> QuerySet[SubmissionEvent]:
    """The submission's steps, oldest first (who moved it, when, and the message sent)."""
    return submission.events.select_related("actor").order_by("at", "pk")


def edition_submissions(
    *,
    viewer: policy.Viewer,
    edition: Edition,
    section: Section | None = None,
    status: str | None = None,
) -> QuerySet[Submission]:
    """The entries to an edition (or one of its sections), for the festival's members only."""
    if not _on_festival_side(viewer, edition.festival):
        raise PermissionDenied(_("Only the festival's members may see its entries."))
    qs = _submissions().filter(call__section__edition=edition)
    if section is not None:
        qs = qs.filter(call__section=section)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("call__section__position", "call__section__code", "film__original_title", "pk")


# --- juries --------------------------------------------------------------------------------------


def _organisation_ids_of(users: Iterable[int]) -> dict[int, set[int]]:
    organisations: dict[int, set[int]] = defaultdict(set)
    for user_id, organisation_id in Membership.objects.filter(user_id__in=list(users)).values_list(
        "user_id", "organisation_id"
    ):
        organisations[user_id].add(organisation_id)
    return organisations


def _involved(organisation_ids: set[int], submission: Submission) -> bool:
    return submission.film.owner_id in organisation_ids or submission.applicant_id in organisation_ids


def jury_conflict(member: JuryMember, submission: Submission) -> bool:
    """Whether the member has a conflict of interest with the entry: declared by them, or found: an
    organisation they belong to owns the film or entered it."""
    declared = JuryScore.objects.filter(member=member, submission=submission, conflict_declared=True).exists()
    return declared or _involved(_organisation_ids_of([member.user_id])[member.user_id], submission)


def jury_may_see_scores(*, viewer: policy.Viewer, section: Section) -> bool:
    """Festival editors and the section's jury see scores and aggregates; nobody else does."""
    return (
        festival_may_manage(viewer=viewer, festival=section.edition.festival)
        or _jury_seat(viewer, section.pk) is not None
    )


def _require_scores_access(viewer: policy.Viewer, section: Section) -> JuryMember | None:
    """The viewer's seat on the jury (None for a festival editor who does not sit on it)."""
    if festival_may_manage(viewer=viewer, festival=section.edition.festival):
        return None
    seat = _jury_seat(viewer, section.pk)
    if seat is None:
        raise PermissionDenied(_("Only the festival's editors and the jury of this section see the scores."))
    return seat


def jury_score_table(
    section: Section, submissions: list[Submission]
) -> dict[int, list[tuple[JuryMember, JuryScore | None, bool]]]:
    """Per submission: each jury member of the section with their score row (or None) and whether they are
    conflicted (declared, or their organisation owns or entered the film)."""
    members = list(section.jury.select_related("user").order_by("-is_president", "pk"))
    organisations = _organisation_ids_of(m.user_id for m in members)
    rows = JuryScore.objects.filter(submission__in=submissions, member__in=members)
    by_key = {(row.member_id, row.submission_id): row for row in rows}
    result: dict[int, list[tuple[JuryMember, JuryScore | None, bool]]] = {}
    for submission in submissions:
        entries = []
        for member in members:
            row = by_key.get((member.pk, submission.pk))
            conflicted = (row is not None and row.conflict_declared) or _involved(
                organisations[member.user_id], submission
            )
            entries.append((member, row, conflicted))
        result[submission.pk] = entries
    return result


def _section_entries(section: Section) -> list[Submission]:
    return list(
        _submissions()
        .filter(call__section=section, status__in=JURY_STATUSES)
        .order_by("film__original_title", "pk")
    )


def jury_aggregates(*, viewer: policy.Viewer, section: Section) -> list[tuple[Submission, Aggregate]]:
    """Each entry the jury judges with its aggregate score, the best first (unscored last). A juror does
    not see the entries they have a conflict with."""
    seat = _require_scores_access(viewer, section)
    submissions = _section_entries(section)
    table = jury_score_table(section, submissions)
    result: list[tuple[Submission, Aggregate]] = []
    for submission in submissions:
        entries = table[submission.pk]
        if seat is not None and any(m.pk == seat.pk and conflicted for m, _row, conflicted in entries):
            continue
        scores = [
            Score(member=member.pk, score=row.score if row is not None else None, conflicted=conflicted)
            for member, row, conflicted in entries
            # A member who has not scored yet neither counts nor abstains; a conflict shows regardless.
            if row is not None or conflicted
        ]
        result.append((submission, aggregate(scores)))
    result.sort(key=lambda pair: (pair[1].mean is None, -(pair[1].mean or Decimal(0)), pair[0].pk))
    return result


@dataclass(frozen=True)
class JuryScoreRow:
    """One member's score of one entry as a viewer may see it: `private_note` is empty unless the viewer
    wrote it."""

    member: JuryMember
    score: int | None
    scored: bool
    conflicted: bool
    conflict_declared: bool
    private_note: str


def jury_scores(*, viewer: policy.Viewer, submission: Submission) -> list[JuryScoreRow]:
    """Every jury member's score of the entry, for festival editors and the section's jury (not a juror
    with a conflict on it); private notes only for their author."""
    section = submission.call.section
    seat = _require_scores_access(viewer, section)
    entries = jury_score_table(section, [submission])[submission.pk]
    if seat is not None and any(m.pk == seat.pk and conflicted for m, _row, conflicted in entries):
        raise PermissionDenied(
            _("You have a conflict of interest with this entry: its scores are not shown.")
        )
    user = _user(viewer)
    viewer_id = user.pk if user is not None else None
    return [
        JuryScoreRow(
            member=member,
            score=row.score if row is not None else None,
            scored=row is not None,
            conflicted=conflicted,
            conflict_declared=bool(row is not None and row.conflict_declared),
            private_note=row.private_note if row is not None and member.user_id == viewer_id else "",
        )
        for member, row, conflicted in entries
    ]


def jury_seats(*, user: User) -> list[JuryMember]:
    """The juries the person sits on, with their section, edition and festival."""
    return list(
        JuryMember.objects.filter(user=user)
        .select_related("section__edition__festival", "section__edition__programme")
        .order_by("-section__edition__year", "section__position", "pk")
    )


def jury_sheet(*, user: User, section: Section) -> list[tuple[Submission, JuryScore | None]]:
    """The entries the juror judges in the section, each with the juror's own score (None: not yet)."""
    seat = _jury_seat(user, section.pk)
    if seat is None:
        raise PermissionDenied(_("You do not sit on the jury of this section."))
    own = Prefetch("scores", queryset=JuryScore.objects.filter(member=seat), to_attr="own_scores")
    submissions = (
        _submissions()
        .filter(call__section=section, status__in=JURY_STATUSES)
        .prefetch_related(own)
        .order_by("film__original_title", "pk")
    )
    return [(s, s.own_scores[0] if s.own_scores else None) for s in submissions]
