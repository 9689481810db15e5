"""Writes of the partner matchmaking: a company's profile, a project's partner needs, and meeting requests
between two organisations (asked, then accepted, declined or withdrawn).

A profile is set by the editors of its organisation; a project's needs by the editors of its co-producers.
A meeting is asked for by an editor of the organisation that asks (about a project one of the two
co-produces, or none) and answered by an editor of the organisation asked; the one that asked may
withdraw it while it is pending. Each step tells the other party's members in their own language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Audience, Film
from cinebridge.catalogue.selectors import films_visible
from cinebridge.coproduction.models import (
    Capability,
    CompanyProfile,
    MeetingRequest,
    PartnerNeed,
    Project,
    RequestStatus,
)
from cinebridge.coproduction.selectors.access import (
    project_may_view,
    project_parties,
    project_require_edit,
)
from cinebridge.core.checks import checked_country
from cinebridge.core.engine.money import AmountError, is_currency, parse_amount
from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_language_code
from cinebridge.notifications.services import (
    in_reader_language,
    names_in_reader_language,
    notify_organisation,
)

__all__ = [
    "meeting_accept",
    "meeting_decline",
    "meeting_request",
    "meeting_withdraw",
    "partner_need_add",
    "partner_need_delete",
    "partner_need_update",
    "profile_set",
]

MESSAGE_LENGTH = 4000


def _refuse(field: str | None, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"field": field})


def _clean_and_save(instance: models.Model) -> None:
    """full_clean() then save; a field's validation error becomes an ApplicationError naming it."""
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise _refuse(None if field == "__all__" else field, " ".join(messages)) from None
    instance.save()


def _choices(values: Iterable[str], allowed: Iterable[str], field: str) -> list[str]:
    known = set(allowed)
    chosen: set[str] = set()
    for value in values:
        if value not in known:
            raise _refuse(field, _("“%(value)s” is not one of the choices.") % {"value": value})
        chosen.add(value)
    return sorted(chosen)


def _languages(values: Iterable[str], field: str = "languages") -> list[str]:
    chosen: set[str] = set()
    for value in values:
        code = str(value).strip().lower()
        if not is_language_code(code):
            raise _refuse(field, _("“%(code)s” is not a language code such as fa or ru.") % {"code": value})
        chosen.add(code)
    return sorted(chosen)


def _amount(value: str | Decimal | None, *, currency: str, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_amount(value, currency=currency)
    except AmountError:
        raise _refuse(
            field, _("“%(value)s” is not an amount in %(currency)s.") % {"value": value, "currency": currency}
        ) from None


def _range(
    low: str | Decimal | None, high: str | Decimal | None, *, currency: str
) -> tuple[Decimal | None, Decimal | None]:
    minimum = _amount(low, currency=currency, field="contribution_min")
    maximum = _amount(high, currency=currency, field="contribution_max")
    if minimum is not None and maximum is not None and maximum < minimum:
        raise _refuse("contribution_max", _("The upper end of the range is below its lower end."))
    return minimum, maximum


def _texts(texts: Mapping[str, str], field: str) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for code, text in texts.items():
        value = str(text or "").strip()
        if not value:
            continue
        language = str(code).strip().lower()
        if not is_language_code(language):
            raise _refuse(field, _("“%(code)s” is not a language code such as fa or ru.") % {"code": code})
        cleaned[language] = value
    return cleaned


# --- profiles -----------------------------------------------------------------------------------------


def _past_films(films: Iterable[Film], *, actor: User, organisation: Organisation) -> list[Film]:
    """The films as past co-productions: the organisation's own, each one the actor may see (a profile
    is read by everyone signed in, and shows each film only to those who may see it)."""
    chosen = list(dict.fromkeys(films))
    visible = set(
        films_visible(actor).filter(pk__in=[film.pk for film in chosen]).values_list("pk", flat=True)
    )
    for film in chosen:
        if film.pk not in visible:  # its title is not the actor's to read
            raise _refuse("past_coproductions", _("One of the films chosen is not in the catalogue."))
        if film.owner_id != organisation.pk:
            raise _refuse(
                "past_coproductions",
                _("“%(title)s” is not a film of %(organisation)s: list only its own films.")
                % {"title": film.original_title, "organisation": organisation.name},
            )
    return chosen


@transaction.atomic
def profile_set(
    *,
    actor: User,
    organisation: Organisation,
    capabilities: Sequence[str],
    audiences: Sequence[str],
    languages: Sequence[str],
    contribution_min: str | Decimal | None = None,
    contribution_max: str | Decimal | None = None,
    currency: str = "",
    descriptions: Mapping[str, str] | None = None,
    past_coproductions: Iterable[Film] = (),
    is_open: bool = True,
) -> CompanyProfile:
    """Create or replace what the organisation offers co-producers."""
    policy.require(actor, policy.COPRODUCTION_EDIT, organisation)
    currency = (currency or "").strip().upper()
    has_range = not all(
        v is None or (isinstance(v, str) and not v.strip()) for v in (contribution_min, contribution_max)
    )
    if has_range and not currency:
        raise _refuse("currency", _("Give the currency of the usual contribution."))
    if currency and not is_currency(currency):
        raise _refuse("currency", _("“%(code)s” is not a currency code such as EUR.") % {"code": currency})
    low, high = _range(contribution_min, contribution_max, currency=currency) if has_range else (None, None)
    films = _past_films(past_coproductions, actor=actor, organisation=organisation)
    profile = CompanyProfile.objects.select_for_update().filter(organisation=organisation).first()
    if profile is None:
        profile = CompanyProfile(organisation=organisation)
    profile.capabilities = _choices(capabilities, Capability.values, "capabilities")
    profile.audiences = _choices(audiences, Audience.values, "audiences")
    profile.languages = _languages(languages)
    profile.contribution_min, profile.contribution_max = low, high
    profile.currency = currency
    profile.descriptions = _texts(descriptions or {}, "descriptions")
    profile.is_open = is_open
    _clean_and_save(profile)
    profile.past_coproductions.set(films)
    return profile


# --- partner needs ------------------------------------------------------------------------------------


def _need_fields(
    need: PartnerNeed,
    *,
    project: Project,
    country: str,
    capabilities: Sequence[str],
    contribution_min: str | Decimal | None,
    contribution_max: str | Decimal | None,
    note: str,
) -> None:
    need.country = checked_country(country, field="country") if (country or "").strip() else ""
    need.capabilities = _choices(capabilities, Capability.values, "capabilities")
    need.contribution_min, need.contribution_max = _range(
        contribution_min, contribution_max, currency=project.currency
    )
    need.note = (note or "").strip()
    if (
        not need.country
        and not need.capabilities
        and need.contribution_min is None
        and need.contribution_max is None
    ):
        raise _refuse("capabilities", _("Say at least a country, a capability or a contribution."))


@transaction.atomic
def partner_need_add(
    *,
    actor: User,
    project: Project,
    country: str = "",
    capabilities: Sequence[str] = (),
    contribution_min: str | Decimal | None = None,
    contribution_max: str | Decimal | None = None,
    note: str = "",
) -> PartnerNeed:
    """Say what partner the project looks for (amounts in the project's currency)."""
    project_require_edit(viewer=actor, project=project)
    need = PartnerNeed(project=project)
    _need_fields(
        need,
        project=project,
        country=country,
        capabilities=capabilities,
        contribution_min=contribution_min,
        contribution_max=contribution_max,
        note=note,
    )
    _clean_and_save(need)
    return need


@transaction.atomic
def partner_need_update(
    *,
    actor: User,
    need: PartnerNeed,
    country: str = "",
    capabilities: Sequence[str] = (),
    contribution_min: str | Decimal | None = None,
    contribution_max: str | Decimal | None = None,
    note: str = "",
) -> PartnerNeed:
    project = need.project
    project_require_edit(viewer=actor, project=project)
    need = PartnerNeed.objects.select_for_update().get(pk=need.pk)
    _need_fields(
        need,
        project=project,
        country=country,
        capabilities=capabilities,
        contribution_min=contribution_min,
        contribution_max=contribution_max,
        note=note,
    )
    _clean_and_save(need)
    return need


@transaction.atomic
def partner_need_delete(*, actor: User, need: PartnerNeed) -> None:
    project_require_edit(viewer=actor, project=need.project)
    need.delete()


# --- meetings -----------------------------------------------------------------------------------------

_MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "meeting.requested": (
        gettext_lazy("%(from)s asks %(to)s for a meeting"),
        gettext_lazy("%(from)s would like to meet %(to)s%(about)s.%(when)s%(note)s"),
    ),
    "meeting.accepted": (
        gettext_lazy("%(to)s accepted the meeting with %(from)s"),
        gettext_lazy("%(to)s has accepted the meeting %(from)s asked for%(about)s.%(when)s%(note)s"),
    ),
    "meeting.declined": (
        gettext_lazy("%(to)s declined the meeting with %(from)s"),
        gettext_lazy("%(to)s has declined the meeting %(from)s asked for%(about)s.%(note)s"),
    ),
    "meeting.withdrawn": (
        gettext_lazy("%(from)s withdrew its meeting request to %(to)s"),
        gettext_lazy("%(from)s no longer asks %(to)s for a meeting%(about)s.%(note)s"),
    ),
}


def _organisation_name(organisation: Organisation) -> str:
    return in_reader_language(organisation.translations.all(), "name", organisation.name)


def _about(project: Project | None) -> str:
    if project is None:
        return ""
    title = names_in_reader_language(project.titles, fallback=project.slug)
    return lazy(lambda: _(" about “%(project)s”") % {"project": title}, str)()


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return lazy(
        lambda: (
            " "
            + _("Proposed time: %(time)s (UTC).")
            % {"time": moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")}
        ),
        str,
    )()


def _note(text: str) -> str:
    text = (text or "").strip()
    return lazy(lambda: "\n\n" + _("Their message: %(text)s") % {"text": text} if text else "", str)()


def _meetings_link() -> Callable[[], str]:
    def build() -> str:
        try:
            return reverse("coproduction:meeting_list")
        except NoReverseMatch:
            return ""

    return build


def _tell(meeting: MeetingRequest, *, kind: str, organisation: Organisation, actor: User, text: str) -> None:
    subject, body = _MESSAGES[kind]
    params: dict[str, Any] = {
        "from": _organisation_name(meeting.from_organisation),
        "to": _organisation_name(meeting.to_organisation),
        "about": _about(meeting.project),
        "when": _when(meeting.proposed_at),
        "note": _note(text),
    }
    notify_organisation(
        organisation=organisation,
        exclude=actor,
        kind=kind,
        subject=subject,
        body=body,
        params=params,
        link=_meetings_link(),
    )


def _message(text: str, field: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise _refuse(field, _("Write a message."))
    if len(text) > MESSAGE_LENGTH:
        raise _refuse(field, _("Keep the message under %(count)d characters.") % {"count": MESSAGE_LENGTH})
    return text


@transaction.atomic
def meeting_request(
    *,
    actor: User,
    from_organisation: Organisation,
    to_organisation: Organisation,
    project: Project | None = None,
    message: str,
    proposed_at: datetime | None = None,
) -> MeetingRequest:
    """Ask another organisation for a meeting, about a project one of the two co-produces or none."""
    policy.require(actor, policy.MEETINGS_REQUEST, from_organisation)
    if from_organisation.pk == to_organisation.pk:
        raise _refuse("to_organisation", _("Ask another organisation than your own."))
    if project is not None:
        parties = {party.pk for party in project_parties(project)}
        if not project_may_view(viewer=actor, project=project) or not (
            {from_organisation.pk, to_organisation.pk} & parties
        ):
            raise _refuse("project", _("Choose a project one of the two organisations co-produces."))
    if proposed_at is not None and proposed_at <= timezone.now():
        raise _refuse("proposed_at", _("Propose a time in the future."))
    pending = MeetingRequest.objects.filter(
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        project=project,
        status=RequestStatus.PENDING,
    )
    if pending.exists():
        raise _refuse(None, _("A request of yours to this organisation is already waiting for an answer."))
    meeting = MeetingRequest(
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        project=project,
        message=_message(message, "message", required=True),
        proposed_at=proposed_at,
        requested_by=actor,
    )
    _clean_and_save(meeting)
    _tell(meeting, kind="meeting.requested", organisation=to_organisation, actor=actor, text="")
    return meeting


def _locked(meeting: MeetingRequest) -> MeetingRequest:
    locked = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("from_organisation", "to_organisation", "project")
        .get(pk=meeting.pk)
    )
    if locked.status != RequestStatus.PENDING:
        raise _refuse(
            None,
            _("This request is already answered: it is “%(status)s”.")
            % {"status": locked.get_status_display()},
        )
    return locked


def _answer(meeting: MeetingRequest, *, actor: User, status: str, reply: str) -> MeetingRequest:
    policy.require(actor, policy.MEETINGS_REQUEST, meeting.to_organisation)
    locked = _locked(meeting)
    locked.status = status
    locked.reply = _message(reply, "reply", required=False)
    locked.answered_by = actor
    _clean_and_save(locked)
    kind = "meeting.accepted" if status == RequestStatus.ACCEPTED else "meeting.declined"
    _tell(locked, kind=kind, organisation=locked.from_organisation, actor=actor, text=locked.reply)
    return locked


@transaction.atomic
def meeting_accept(*, actor: User, meeting: MeetingRequest, reply: str = "") -> MeetingRequest:
    """The organisation asked accepts the meeting (an editor of it)."""
    return _answer(meeting, actor=actor, status=RequestStatus.ACCEPTED, reply=reply)


@transaction.atomic
def meeting_decline(*, actor: User, meeting: MeetingRequest, reply: str = "") -> MeetingRequest:
    """The organisation asked declines the meeting (an editor of it)."""
    return _answer(meeting, actor=actor, status=RequestStatus.DECLINED, reply=reply)


@transaction.atomic
def meeting_withdraw(*, actor: User, meeting: MeetingRequest, reply: str = "") -> MeetingRequest:
    """The organisation that asked takes its request back while it is pending."""
    if not policy.can(actor, policy.MEETINGS_REQUEST, meeting.from_organisation):
        raise PermissionDenied(_("Only the editors of the organisation that asked may withdraw the request."))
    locked = _locked(meeting)
    locked.status = RequestStatus.WITHDRAWN
    locked.reply = _message(reply, "reply", required=False)
    locked.answered_by = actor
    _clean_and_save(locked)
    _tell(
        locked, kind="meeting.withdrawn", organisation=locked.to_organisation, actor=actor, text=locked.reply
    )
    return locked
