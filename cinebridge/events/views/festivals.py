"""Festival pages: the public festivals and editions with their calls for entries, entering a catalogue
film (with a live eligibility check), the applicant's submissions with where each stands, the festival
office (editions, sections, calls, review and selection, juries, awards) and the jury's scoring sheets.

Who may see what is the selectors' answer (`selectors.festivals`, through the one policy): a submission
is seen by its applicant's members and film body, by the festival and by its section's jury; scores and
private notes never reach the applicant. Decisions name the submission version they were made against;
when someone decided meanwhile the service refuses (`StaleSubmission`) and the page says so with a 409,
keeping what the person typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from babel.lists import format_list
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.catalogue.models import Audience, FilmKind
from cinebridge.core.engine.digits import localize_digits, to_ascii_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import active_language
from cinebridge.core.vocabularies import country_name
from cinebridge.events.eligibility_messages import problem_messages
from cinebridge.events.forms.festivals import (
    AwardForm,
    CallForm,
    DecisionForm,
    EditionForm,
    FestivalForm,
    JuryMemberForm,
    JuryScoreForm,
    SectionForm,
    SubmissionFilterForm,
    SubmissionForm,
    WithdrawForm,
    choice_labels,
    show_refusal,
)
from cinebridge.events.models import (
    Call,
    Edition,
    Festival,
    JuryMember,
    PremiereStatus,
    Programme,
    Section,
    Strand,
    Submission,
    SubmissionStatus,
)
from cinebridge.events.selectors import festivals as selectors
from cinebridge.events.selectors import programmes as programme_selectors
from cinebridge.events.services import festivals as services

# The decisions a festival takes from the submissions table and page, with their buttons.
DECISIONS: tuple[tuple[str, Any], ...] = (
    (SubmissionStatus.IN_REVIEW, gettext_lazy("Put in review")),
    (SubmissionStatus.SELECTED, gettext_lazy("Select")),
    (SubmissionStatus.NOT_SELECTED, gettext_lazy("Do not select")),
    (SubmissionStatus.SCREENED, gettext_lazy("Mark as screened")),
)
WITHDRAWABLE = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW})
# A selected or screened entry may win an award, an awarded one a further award.
AWARDABLE = frozenset({SubmissionStatus.SELECTED, SubmissionStatus.SCREENED, SubmissionStatus.AWARDED})
SCORABLE = frozenset({SubmissionStatus.IN_REVIEW, SubmissionStatus.SELECTED})
# The way a submission goes when all is well; "not selected" ends it at the third step.
MAIN_PATH = (
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.IN_REVIEW,
    SubmissionStatus.SELECTED,
    SubmissionStatus.SCREENED,
    SubmissionStatus.AWARDED,
)


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def host_today(programme: Programme) -> date:
    """Today on the host's calendar: calls open and close on the host's days (as the services judge)."""
    return timezone.localtime(timezone.now(), ZoneInfo(programme.time_zone)).date()


def _listed(items: Iterable[str]) -> str:
    """Alternatives joined as the active language lists them ("a, b or c"; "a، b یا c")."""
    return format_list(list(items), style="or", locale=active_language())


def _digits(value: object) -> str:
    return localize_digits(str(value), active_language())


# --- what a page shows about a call and a submission ------------------------------------------------


def call_rule_lines(call: Call) -> list[str]:
    """A call's rules in words, one sentence each, in the active language."""
    lines: list[str] = []
    kinds = choice_labels(FilmKind.choices, call.kinds)
    lines.append(
        _("Kinds of film: %(kinds)s.") % {"kinds": _listed(kinds)} if kinds else _("Every kind of film.")
    )
    shortest, longest = call.min_runtime, call.max_runtime
    if shortest and longest:
        lines.append(
            _("Runtime from %(shortest)s to %(longest)s minutes.")
            % {"shortest": _digits(shortest), "longest": _digits(longest)}
        )
    elif shortest:
        lines.append(
            ngettext("Runtime at least %(count)s minute.", "Runtime at least %(count)s minutes.", shortest)
            % {"count": _digits(shortest)}
        )
    elif longest:
        lines.append(
            ngettext("Runtime at most %(count)s minute.", "Runtime at most %(count)s minutes.", longest)
            % {"count": _digits(longest)}
        )
    if call.min_year:
        lines.append(_("Produced in %(year)s or later.") % {"year": _digits(call.min_year)})
    if call.premiere and call.premiere != PremiereStatus.NONE:
        lines.append(
            _("At least a “%(premiere)s” is required.") % {"premiere": PremiereStatus(call.premiere).label}
        )
    else:
        lines.append(_("No premiere status is required."))
    if call.countries:
        lines.append(
            _("Made or co-produced in: %(countries)s.")
            % {"countries": _listed(country_name(code) for code in call.countries)}
        )
    audiences = choice_labels(Audience.choices, call.audiences)
    if audiences:
        lines.append(_("For audiences: %(audiences)s.") % {"audiences": _listed(audiences)})
    return lines


def call_is_open(call: Call | None, today: date) -> bool:
    return call is not None and call.opens_on <= today <= call.deadline


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # "done", "current", "todo", "ended" (not selected or withdrawn)


def submission_steps(status: str, reached: Iterable[str] = ()) -> list[Step]:
    """The step indicator of a submission: the main path, with where it stands.

    `reached` (the statuses of its timeline) tells a skipped step (awarded straight after selection)
    from one passed through; without it every step before the current one counts as passed.
    """
    seen = set(reached)
    label = dict(SubmissionStatus.choices)
    if status == SubmissionStatus.NOT_SELECTED:
        return [
            Step(str(label[SubmissionStatus.SUBMITTED]), "done"),
            Step(str(label[SubmissionStatus.IN_REVIEW]), "done"),
            Step(str(label[SubmissionStatus.NOT_SELECTED]), "ended"),
        ]
    if status == SubmissionStatus.WITHDRAWN:
        return [
            *(
                Step(str(label[step]), "done")
                for step in MAIN_PATH[:2]
                if step == SubmissionStatus.SUBMITTED or step in seen
            ),
            Step(str(label[SubmissionStatus.WITHDRAWN]), "ended"),
        ]
    position = MAIN_PATH.index(SubmissionStatus(status))
    steps: list[Step] = []
    for index, step in enumerate(MAIN_PATH):
        name = str(label[step])
        if index == 2 and index > position:
            name = _("Selected or not")
        if index < position:
            skipped = bool(seen) and step not in seen and step != SubmissionStatus.SUBMITTED
            steps.append(Step(name, "todo" if skipped else "done"))
        elif index == position:
            steps.append(Step(name, "current"))
        else:
            steps.append(Step(name, "todo"))
    return steps


# --- public pages ------------------------------------------------------------------------------------


@require_GET
def festival_list(request: HttpRequest) -> HttpResponse:
    """Every festival with its editions, newest first."""
    festivals = selectors.festivals_with_editions(selectors.festival_list())
    return render(
        request,
        "events/festivals/festival_list.html",
        {
            "festivals": festivals,
            "can_manage": policy.can_anywhere(request.user, policy.FESTIVALS_MANAGE),
            "has_submissions": policy.can_anywhere(request.user, policy.SUBMISSIONS_VIEW),
        },
    )


def _section_rows(edition: Edition, sections: Iterable[Section]) -> list[dict[str, Any]]:
    today = host_today(edition.programme)
    rows = []
    for section in sections:
        call: Call | None = getattr(section, "call", None)
        rows.append(
            {
                "section": section,
                "call": call,
                "rules": call_rule_lines(call) if call is not None else [],
                "open": call_is_open(call, today),
                "children": section.strand == Strand.CHILDREN,
            }
        )
    return rows


@require_GET
def edition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An edition: dates, city, sections with their calls' rules and deadlines, and who may enter."""
    edition = selectors.edition_get(slug=slug)
    return render(
        request,
        "events/festivals/edition_detail.html",
        {
            "edition": edition,
            "festival": edition.festival,
            "programme": edition.programme,
            "cities": [
                names for _key, names in programme_selectors.programme_cities(programme=edition.programme)
            ],
            "sections": _section_rows(edition, selectors.edition_sections(edition=edition)),
            "can_enter": policy.can_anywhere(request.user, policy.SUBMISSIONS_ENTER),
            "can_manage": selectors.edition_may_manage(viewer=request.user, edition=edition),
        },
    )


# --- entering a film ---------------------------------------------------------------------------------


def _entry_sections(edition: Edition) -> QuerySet[Section]:
    """The sections of an edition that have a call for entries."""
    return selectors.edition_sections(edition=edition).filter(call__isnull=False)


def _submission_form(request: HttpRequest, user: User, edition: Edition, data: Any = None) -> SubmissionForm:
    applicants = policy.organisations_where(user, policy.SUBMISSIONS_ENTER)
    if not applicants.exists():
        raise PermissionDenied(_("Only editors of a rights holder or a film body can enter films."))
    initial: dict[str, Any] = {}
    section = to_ascii_digits(request.GET.get("section", ""))
    if section.isdigit():
        initial["section"] = int(section)
    return SubmissionForm(
        data,
        initial=initial,
        applicants=applicants,
        films=selectors.films_submittable(viewer=user),
        sections=_entry_sections(edition),
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Enter one of the viewer's catalogue films to a section's call; refusals list every problem."""
    user = _signed_in(request)
    edition = selectors.edition_get(slug=slug)
    form = _submission_form(request, user, edition, request.POST if request.method == "POST" else None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        section: Section = form.cleaned_data["section"]
        try:
            submission = services.submission_create(
                actor=user,
                call=section.call,
                film=form.cleaned_data["film"],
                applicant=form.cleaned_data["applicant"],
                premiere=form.cleaned_data["premiere"],
                note=form.cleaned_data.get("note", ""),
            )
        except (ApplicationError, ValidationError) as error:
            if isinstance(error, ApplicationError):
                problems = problem_messages(error.extra.get("problems") or [])
            if not problems:
                show_refusal(form, error)
        else:
            messages.success(request, _("Your film was entered. The festival has been told."))
            return redirect("events:submission_detail", pk=submission.pk)
    return render(
        request,
        "events/festivals/submission_form.html",
        {"edition": edition, "festival": edition.festival, "form": form, "problems": problems},
    )


@login_required
@require_GET
def submission_check(request: HttpRequest, slug: str) -> HttpResponse:
    """The live eligibility check of the entry form (htmx): the problems of the chosen film and section."""
    user = _signed_in(request)
    edition = selectors.edition_get(slug=slug)
    form = _submission_form(request, user, edition, request.GET)
    form.is_valid()
    data = form.cleaned_data
    problems: list[str] | None = None
    if data.get("film") and data.get("section") and data.get("premiere"):
        problems = problem_messages(
            selectors.submission_check(
                call=data["section"].call,
                film=data["film"],
                premiere=data["premiere"],
                today=host_today(edition.programme),
            )
        )
    return render(request, "events/festivals/_eligibility.html", {"problems": problems})


# --- the applicant's submissions ---------------------------------------------------------------------


@login_required
@require_GET
def submission_list(request: HttpRequest) -> HttpResponse:
    """My submissions: every entry of the viewer's organisations, with where it stands."""
    user = _signed_in(request)
    submissions = list(selectors.submissions_of_viewer(viewer=user).prefetch_related("events"))
    rows = [
        {
            "submission": submission,
            "steps": submission_steps(submission.status, (e.to_status for e in submission.events.all())),
            "last_event": _last(submission.events.all()),
        }
        for submission in submissions
    ]
    return render(request, "events/festivals/submission_list.html", {"rows": rows})


def _last(items: Iterable[Any]) -> Any:
    last = None
    for item in items:
        last = item
    return last


def _seat(user: User, section: Section) -> JuryMember | None:
    return next((seat for seat in selectors.jury_seats(user=user) if seat.section_id == section.pk), None)


def _status_label(status: str) -> str:
    return str(dict(SubmissionStatus.choices).get(status, status)) if status else ""


def _scores(user: User, submission: Submission) -> tuple[list[Any] | None, Any]:
    """The jury's scores of the entry and their aggregate, for the festival's editors and the jury only
    (None for everybody else, and for a juror with a conflict on this entry)."""
    section = submission.call.section
    if not selectors.jury_may_see_scores(viewer=user, section=section):
        return None, None
    try:
        scores = selectors.jury_scores(viewer=user, submission=submission)
    except PermissionDenied:
        return None, None
    aggregates = selectors.jury_aggregates(viewer=user, section=section)
    return scores, next((agg for entry, agg in aggregates if entry.pk == submission.pk), None)


def _detail_context(
    user: User,
    submission: Submission,
    *,
    decision_form: DecisionForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    award_form: AwardForm | None = None,
    stale: ApplicationError | None = None,
) -> dict[str, Any]:
    section = submission.call.section
    edition = section.edition
    manages = selectors.edition_may_manage(viewer=user, edition=edition)
    enters = policy.can(user, policy.SUBMISSIONS_ENTER, submission.applicant)
    events = list(selectors.submission_events(submission=submission))
    scores, aggregate = _scores(user, submission)
    return {
        "submission": submission,
        "film": submission.film,
        "section": section,
        "edition": edition,
        "festival": edition.festival,
        "steps": submission_steps(submission.status, (e.to_status for e in events)),
        "timeline": [
            {"event": event, "to": _status_label(event.to_status), "from": _status_label(event.from_status)}
            for event in events
        ],
        "problems": problem_messages(submission.eligibility_problems or []),
        "manages": manages,
        "scores": scores,
        "aggregate": aggregate,
        "seat": _seat(user, section),
        "decisions": [
            (status, label)
            for status, label in DECISIONS
            if manages and status in services.SUBMISSION_TRANSITIONS.get(submission.status, frozenset())
        ],
        "decision_form": decision_form
        or DecisionForm(initial={"version": submission.version}, auto_id="decision_%s"),
        "may_withdraw": enters and submission.status in WITHDRAWABLE,
        "withdraw_form": withdraw_form
        or WithdrawForm(initial={"version": submission.version}, auto_id="withdraw_%s"),
        "may_award": manages and submission.status in AWARDABLE,
        "award_form": award_form or AwardForm(auto_id="award_%s"),
        "awards": list(submission.awards.all()),
        "stale": stale,
    }


@login_required
@require_GET
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One submission: the film, the call, where it stands, its timeline, and what the viewer may do."""
    user = _signed_in(request)
    submission = selectors.submission_get(viewer=user, pk=pk)
    return render(request, "events/festivals/submission_detail.html", _detail_context(user, submission))


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _stale_data(request: HttpRequest, submission: Submission) -> Any:
    """The person's input again, now against the submission's latest version."""
    data = request.POST.copy()
    data["version"] = str(submission.version)
    return data


def _decision(
    request: HttpRequest,
    user: User,
    submission: Submission,
    *,
    form_class: type[DecisionForm] | type[WithdrawForm],
    name: str,
    to_status: Callable[[dict[str, Any]], str],
    done: Callable[[Submission], str],
    then: Callable[[Submission], str],
) -> HttpResponse:
    """Move the submission with the posted form (`name`: "decision" or "withdraw"): `done` flashed and off to
    `then`; a change made meanwhile shows the submission as it is now with the person's input (409); any
    other refusal shows at the form."""
    form = form_class(request.POST, auto_id=f"{name}_%s")
    stale: ApplicationError | None = None
    if form.is_valid():
        try:
            moved = services.submission_decide(
                actor=user,
                submission=submission,
                to_status=to_status(form.cleaned_data),
                expected_version=form.cleaned_data["version"],
                message=form.cleaned_data.get("message", ""),
            )
        except services.StaleSubmission as error:
            stale = error
            submission = selectors.submission_get(viewer=user, pk=submission.pk)
            form = form_class(_stale_data(request, submission), auto_id=f"{name}_%s")
            form.is_valid()
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, done(moved))
            return redirect(then(moved))
    return render(
        request,
        "events/festivals/submission_detail.html",
        _detail_context(
            user,
            submission,
            decision_form=form if isinstance(form, DecisionForm) else None,
            withdraw_form=form if isinstance(form, WithdrawForm) else None,
            stale=stale,
        ),
        status=409 if stale else 200,
    )


@login_required
@require_POST
def submission_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The festival moves a submission on (in review, selected, not selected, screened), with a message."""
    user = _signed_in(request)
    submission = selectors.submission_get(viewer=user, pk=pk)
    if not selectors.edition_may_manage(viewer=user, edition=submission.call.section.edition):
        raise PermissionDenied(_("Only the festival's editors decide on submissions."))
    return _decision(
        request,
        user,
        submission,
        form_class=DecisionForm,
        name="decision",
        to_status=lambda data: str(data["to_status"]),
        done=lambda moved: (
            _("“%(status)s”: the applicant has been told.") % {"status": moved.get_status_display()}
        ),
        then=lambda moved: _back(request, reverse("events:submission_detail", kwargs={"pk": moved.pk})),
    )


@login_required
@require_POST
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant takes back a submission not yet decided on."""
    user = _signed_in(request)
    submission = selectors.submission_get(viewer=user, pk=pk)
    if not policy.can(user, policy.SUBMISSIONS_ENTER, submission.applicant):
        raise PermissionDenied(_("Only the applicant's editors may withdraw this submission."))
    return _decision(
        request,
        user,
        submission,
        form_class=WithdrawForm,
        name="withdraw",
        to_status=lambda _data: SubmissionStatus.WITHDRAWN,
        done=lambda _moved: _("The submission was withdrawn."),
        then=lambda moved: reverse("events:submission_detail", kwargs={"pk": moved.pk}),
    )


@login_required
@require_POST
def award_give(request: HttpRequest, pk: int) -> HttpResponse:
    """The festival gives an award to a selected or screened submission."""
    user = _signed_in(request)
    submission = selectors.submission_get(viewer=user, pk=pk)
    if not selectors.edition_may_manage(viewer=user, edition=submission.call.section.edition):
        raise PermissionDenied(_("Only the festival's editors give awards."))
    form = AwardForm(request.POST, auto_id="award_%s")
    if form.is_valid():
        try:
            services.award_give(actor=user, submission=submission, names=form.names())
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The award was given; the applicant has been told."))
            return redirect("events:submission_detail", pk=pk)
    return render(
        request, "events/festivals/submission_detail.html", _detail_context(user, submission, award_form=form)
    )


# --- the festival office -----------------------------------------------------------------------------


def _office_organisations(user: User) -> Any:
    organisations = policy.organisations_where(user, policy.FESTIVALS_MANAGE)
    if not organisations.exists():
        raise PermissionDenied(_("Only editors of a festival can open the festival office."))
    return organisations


@login_required
@require_http_methods(["GET", "POST"])
def festival_office(request: HttpRequest) -> HttpResponse:
    """The festivals the viewer runs, their editions, and a form for a new festival."""
    user = _signed_in(request)
    organisations = _office_organisations(user)
    form = FestivalForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            festival = services.festival_create(
                actor=user,
                organisation=form.cleaned_data["organisation"],
                slug=form.cleaned_data["slug"],
                names=form.names(),
                website=form.cleaned_data.get("website", ""),
            )
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The festival was added: now add its first edition."))
            return redirect("events:edition_create", festival_slug=festival.slug)
    return render(
        request,
        "events/festivals/office.html",
        {
            "festivals": selectors.festivals_with_editions(selectors.festivals_managed(viewer=user)),
            "form": form,
        },
    )


def _managed_festival(user: User, festival_slug: str) -> Festival:
    festival = selectors.festival_get(slug=festival_slug)
    if not selectors.festival_may_manage(viewer=user, festival=festival):
        raise PermissionDenied(_("Only the festival's editors may add its editions."))
    return festival


def _managed_edition(user: User, slug: str) -> Edition:
    edition = selectors.edition_get(slug=slug)
    if not selectors.edition_may_manage(viewer=user, edition=edition):
        raise PermissionDenied(_("Only the festival's editors may manage this edition."))
    return edition


@login_required
@require_http_methods(["GET", "POST"])
def edition_create(request: HttpRequest, festival_slug: str) -> HttpResponse:
    """A new edition of a festival (with its programme)."""
    user = _signed_in(request)
    festival = _managed_festival(user, festival_slug)
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edition = services.edition_create(
                actor=user,
                festival=festival,
                year=data["year"],
                slug=data["slug"],
                names=form.names(),
                host_country=data["host_country"],
                time_zone=data["time_zone"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                number=data.get("number"),
            )
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The edition was added: now add its sections."))
            return redirect("events:edition_manage", slug=edition.programme.slug)
    return render(
        request, "events/festivals/edition_form.html", {"festival": festival, "form": form, "edition": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change an edition's names, number, host country, time zone and dates."""
    user = _signed_in(request)
    edition = _managed_edition(user, slug)
    programme = edition.programme
    if request.method == "POST":
        form = EditionForm(request.POST, editing=True)
    else:
        form = EditionForm(
            editing=True,
            initial={
                **EditionForm.names_initial(programme.names),
                "number": edition.number,
                "host_country": programme.host_country,
                "time_zone": programme.time_zone,
                "starts_on": programme.starts_on,
                "ends_on": programme.ends_on,
            },
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edition_update(
                actor=user,
                edition=edition,
                names=form.names(),
                number=data.get("number"),
                host_country=data["host_country"],
                time_zone=data["time_zone"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The edition was saved."))
            return redirect("events:edition_manage", slug=slug)
    return render(
        request,
        "events/festivals/edition_form.html",
        {"festival": edition.festival, "form": form, "edition": edition},
    )


def _manage_context(
    user: User,
    edition: Edition,
    *,
    section_form: SectionForm | None = None,
    jury_forms: dict[int, JuryMemberForm] | None = None,
) -> dict[str, Any]:
    sections = [
        {
            **row,
            "jury": list(row["section"].jury.all()),
            "jury_form": (jury_forms or {}).get(row["section"].pk)
            or JuryMemberForm(auto_id=f"jury{row['section'].pk}_%s"),
        }
        for row in _section_rows(edition, selectors.edition_sections(edition=edition, with_jury=True))
    ]
    return {
        "edition": edition,
        "festival": edition.festival,
        "programme": edition.programme,
        "sections": sections,
        "section_form": section_form or SectionForm(auto_id="section_%s"),
    }


@login_required
@require_GET
def edition_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The office's page of an edition: its sections with their calls and juries."""
    user = _signed_in(request)
    edition = _managed_edition(user, slug)
    return render(request, "events/festivals/edition_manage.html", _manage_context(user, edition))


@login_required
@require_POST
def edition_section_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a section to an edition."""
    user = _signed_in(request)
    edition = _managed_edition(user, slug)
    form = SectionForm(request.POST, auto_id="section_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.section_create(
                actor=user,
                edition=edition,
                code=data["code"],
                names=form.names(),
                strand=data["strand"],
                is_competition=bool(data.get("is_competition")),
                position=data.get("position") or 0,
            )
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The section was added: now open its call for entries."))
            return redirect("events:edition_manage", slug=slug)
    return render(
        request, "events/festivals/edition_manage.html", _manage_context(user, edition, section_form=form)
    )


def _managed_section(edition: Edition, section_id: int) -> Section:
    section = next((s for s in selectors.edition_sections(edition=edition) if s.pk == section_id), None)
    if section is None:
        raise Http404(_("No such section in this edition."))
    return section


@login_required
@require_http_methods(["GET", "POST"])
def edition_call(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Open or change a section's call for entries and its rules."""
    user = _signed_in(request)
    edition = _managed_edition(user, slug)
    section = _managed_section(edition, section_id)
    call: Call | None = getattr(section, "call", None)
    if request.method == "POST":
        form = CallForm(request.POST)
    else:
        form = CallForm(initial=CallForm.initial_for(call))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.call_set(
                actor=user,
                section=section,
                opens_on=data["opens_on"],
                deadline=data["deadline"],
                kinds=tuple(data.get("kinds") or ()),
                min_runtime=data.get("min_runtime"),
                max_runtime=data.get("max_runtime"),
                min_year=data.get("min_year"),
                premiere=data["premiere"],
                countries=tuple(data.get("countries") or ()),
                audiences=tuple(data.get("audiences") or ()),
                rules_text=data.get("rules_text", ""),
            )
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The call for entries was saved."))
            return redirect("events:edition_manage", slug=slug)
    return render(
        request,
        "events/festivals/call_form.html",
        {"edition": edition, "festival": edition.festival, "section": section, "call": call, "form": form},
    )


@login_required
@require_POST
def jury_member_add(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Seat a person (by username or e-mail) on a section's jury."""
    user = _signed_in(request)
    edition = _managed_edition(user, slug)
    section = _managed_section(edition, section_id)
    form = JuryMemberForm(request.POST, auto_id=f"jury{section.pk}_%s")
    if form.is_valid():
        try:
            services.jury_member_add(
                actor=user,
                section=section,
                user=form.cleaned_data["who"],
                is_president=bool(form.cleaned_data.get("is_president")),
            )
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error, {"user": "who"})
        else:
            messages.success(request, _("The jury member was added."))
            return redirect(
                reverse("events:edition_manage", kwargs={"slug": slug}) + f"#section-{section.pk}"
            )
    return render(
        request,
        "events/festivals/edition_manage.html",
        _manage_context(user, edition, jury_forms={section.pk: form}),
    )


@login_required
@require_POST
def jury_member_remove(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """Take a person off a section's jury (their scores go with them)."""
    user = _signed_in(request)
    edition = _managed_edition(user, slug)
    member = next(
        (
            m
            for section in selectors.edition_sections(edition=edition, with_jury=True)
            for m in section.jury.all()
            if m.pk == member_id
        ),
        None,
    )
    if member is None:
        raise Http404(_("No such jury member in this edition."))
    try:
        services.jury_member_remove(actor=user, member=member)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The jury member was removed."))
    return redirect(reverse("events:edition_manage", kwargs={"slug": slug}) + f"#section-{member.section_id}")


@login_required
@require_GET
def edition_submissions(request: HttpRequest, slug: str) -> HttpResponse:
    """The festival's table of an edition's submissions: eligibility, jury scores and decisions."""
    user = _signed_in(request)
    edition = _managed_edition(user, slug)
    filters = SubmissionFilterForm(request.GET or None, sections=selectors.edition_sections(edition=edition))
    section = status = None
    if filters.is_valid():
        section = filters.cleaned_data.get("section")
        status = filters.cleaned_data.get("status") or None
    submissions = list(
        selectors.edition_submissions(viewer=user, edition=edition, section=section, status=status)
    )
    aggregates: dict[int, Any] = {}
    for each in _sections_of(submissions):
        aggregates.update(
            (submission.pk, agg) for submission, agg in selectors.jury_aggregates(viewer=user, section=each)
        )
    rows = [
        {
            "submission": submission,
            "problems": problem_messages(submission.eligibility_problems or []),
            "aggregate": aggregates.get(submission.pk),
            "decisions": [
                (to, label)
                for to, label in DECISIONS
                if to in services.SUBMISSION_TRANSITIONS.get(submission.status, frozenset())
            ],
        }
        for submission in submissions
    ]
    return render(
        request,
        "events/festivals/edition_submissions.html",
        {
            "edition": edition,
            "festival": edition.festival,
            "filters": filters,
            "rows": rows,
            "here": request.get_full_path(),
        },
    )


def _sections_of(submissions: Sequence[Submission]) -> list[Section]:
    sections: dict[int, Section] = {}
    for submission in submissions:
        sections.setdefault(submission.call.section_id, submission.call.section)
    return list(sections.values())


# --- the jury ----------------------------------------------------------------------------------------


@login_required
@require_GET
def jury_home(request: HttpRequest) -> HttpResponse:
    """The sections whose jury the viewer sits on."""
    user = _signed_in(request)
    return render(request, "events/festivals/jury_home.html", {"seats": selectors.jury_seats(user=user)})


def _jury_seat(user: User, section_id: int) -> JuryMember:
    seat = next((s for s in selectors.jury_seats(user=user) if s.section_id == section_id), None)
    if seat is None:
        raise PermissionDenied(_("Only the members of this section's jury see its scoring sheet."))
    return seat


def _sheet_context(
    user: User, seat: JuryMember, *, bound: tuple[int, JuryScoreForm] | None = None
) -> dict[str, Any]:
    sheet = selectors.jury_sheet(user=user, section=seat.section)
    # Whether the juror has a conflict with each entry, for the whole sheet in a few queries.
    table = selectors.jury_score_table(seat.section, [submission for submission, _score in sheet])
    conflicts = {
        submission_id
        for submission_id, entries in table.items()
        if any(member.pk == seat.pk and conflicted for member, _row, conflicted in entries)
    }
    rows = []
    for submission, score in sheet:
        prefix = f"s{submission.pk}"
        if bound is not None and bound[0] == submission.pk:
            form = bound[1]
        else:
            form = JuryScoreForm(initial=JuryScoreForm.initial_for(score), prefix=prefix)
        rows.append(
            {
                "submission": submission,
                "score": score,
                "form": form,
                "conflict": submission.pk in conflicts,
                "scorable": submission.status in SCORABLE,
            }
        )
    section = seat.section
    return {"seat": seat, "section": section, "edition": section.edition, "rows": rows}


@login_required
@require_GET
def jury_sheet(request: HttpRequest, section_id: int) -> HttpResponse:
    """A jury member's scoring sheet of one section."""
    user = _signed_in(request)
    seat = _jury_seat(user, section_id)
    return render(request, "events/festivals/jury_sheet.html", _sheet_context(user, seat))


@login_required
@require_POST
def jury_score(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the viewer's score of one submission (or an abstention), a private note and a conflict."""
    user = _signed_in(request)
    submission = selectors.submission_get(viewer=user, pk=pk)
    seat = _jury_seat(user, submission.call.section_id)
    form = JuryScoreForm(request.POST, prefix=f"s{submission.pk}")
    if form.is_valid():
        try:
            services.jury_score_record(
                actor=user,
                submission=submission,
                score=form.score_value(),
                private_note=form.cleaned_data.get("private_note", ""),
                conflict_declared=bool(form.cleaned_data.get("conflict_declared")),
            )
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your score was recorded."))
            return redirect(
                reverse("events:jury_sheet", kwargs={"section_id": seat.section_id})
                + f"#submission-{submission.pk}"
            )
    return render(
        request, "events/festivals/jury_sheet.html", _sheet_context(user, seat, bound=(submission.pk, form))
    )
