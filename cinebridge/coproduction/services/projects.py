"""Writes to co-production projects: the project itself, its co-producers, the financing plan, the
contributions besides money and the creatives.

Every write asks the access module whether the actor may edit the project (an editor of one of its
co-producers on the platform; adding or removing a co-producer that is an organisation of the platform, only
an editor of the lead producer), checks its input field by field (a refusal names the field, in the
actor's language), and raises the project's `version`: the project row is locked for the transaction,
and a write made against a version someone has moved past is refused (`StaleProject`). `project_update`
always compares versions; the other writes compare when given `expected_version`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, OrganisationKind, User
from cinebridge.catalogue.models import Audience, Person
from cinebridge.coproduction.models import (
    Contribution,
    ContributionKind,
    CoProducer,
    Creative,
    CreativeRole,
    FinancingKind,
    FinancingSource,
    InKindCategory,
    Project,
    ProjectKind,
    ProjectStage,
)
from cinebridge.coproduction.selectors import access
from cinebridge.coproduction.selectors.access import project_require_edit
from cinebridge.core.engine.money import AmountError, is_currency, minor_units, parse_amount
from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_country_code, is_language_code
from cinebridge.notifications.services import names_in_reader_language, notify_organisation

__all__ = [
    "PROJECT_FIELDS",
    "StaleProject",
    "contribution_add",
    "contribution_delete",
    "contribution_update",
    "coproducer_add",
    "coproducer_remove",
    "creative_add",
    "creative_delete",
    "creative_update",
    "financing_source_add",
    "financing_source_delete",
    "financing_source_update",
    "project_create",
    "project_update",
]

# What `project_update` may change (the lead and the address stay).
PROJECT_FIELDS = frozenset(
    {
        "titles",
        "loglines",
        "synopses",
        "kind",
        "audience",
        "stage",
        "target_runtime_minutes",
        "languages",
        "budget",
        "currency",
        "shooting_countries",
        "post_countries",
        "animation_countries",
        "start_year",
        "support_requested",
        "seeking_partners",
    }
)
_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_MAX_RUNTIME = 3000  # minutes: a series' total stays below


class StaleProject(ApplicationError):  # noqa: N818 (the contract names it)
    """The project changed since the person loaded it; `extra["version"]` is its version now."""

    def __init__(self, *, version: int) -> None:
        super().__init__(
            _(
                "Someone changed this project meanwhile (it is now at version %(version)d). "
                "Reload it and make your change again."
            )
            % {"version": version},
            extra={"field": "expected_version", "version": version},
        )


# --- checks of input ---------------------------------------------------------------------------------


def _refuse(field: str | None, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"field": field})


def _clean_and_save(instance: models.Model) -> None:
    """full_clean() then save; a field's validation error becomes an ApplicationError naming it."""
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise _refuse(None if field == "__all__" else field, " ".join(messages)) from None
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise _refuse(None, _("This conflicts with a change made meanwhile; reload and try again.")) from None


def _texts(value: Any, field: str, *, required: bool = False) -> dict[str, str]:
    """A {language: text} map, trimmed, without empty entries; at least one text when required."""
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise _refuse(field, _("Give the text per language."))
    cleaned: dict[str, str] = {}
    for language, text in value.items():
        code, text = str(language).strip(), str(text or "").strip()
        if not text:
            continue
        if not is_language_code(code):
            raise _refuse(field, _("“%(code)s” is not a language code.") % {"code": code})
        cleaned[code] = text
    if required and not cleaned:
        raise _refuse(field, _("Give the title in at least one language."))
    return cleaned


def _text(value: Any, field: str, *, required: bool = True, limit: int = 200) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise _refuse(field, _("This field is required."))
    if len(text) > limit:
        raise _refuse(field, _("Keep this to %(limit)d characters.") % {"limit": limit})
    return text


def _choice(value: Any, field: str, choices: type[models.TextChoices]) -> str:
    if value not in choices.values:
        raise _refuse(field, _("“%(value)s” is not one of the choices.") % {"value": value})
    return str(value)


def _country(value: Any, field: str) -> str:
    code = str(value or "").strip().upper()
    if not is_country_code(code):
        raise _refuse(field, _("“%(value)s” is not a country code such as IR or BY.") % {"value": value})
    return code


def _countries(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise _refuse(field, _("Give a list of country codes."))
    return list(dict.fromkeys(_country(code, field) for code in value))


def _languages(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise _refuse(field, _("Give a list of language codes."))
    codes = [str(code).strip() for code in value]
    for code in codes:
        if not is_language_code(code):
            raise _refuse(field, _("“%(code)s” is not a language code.") % {"code": code})
    return list(dict.fromkeys(codes))


def _currency(value: Any, field: str = "currency") -> str:
    code = str(value or "").strip().upper()
    if not is_currency(code):
        raise _refuse(
            field, _("“%(value)s” is not a currency code such as EUR, BYN or IRR.") % {"value": value}
        )
    return code


def _amount(value: Any, field: str, currency: str, *, positive: bool = False) -> Decimal:
    """An amount of `currency` (a Decimal, an int or the text a person typed, in any digits)."""
    if value is None or value == "":
        raise _refuse(field, _("This field is required."))
    try:
        amount = parse_amount(value, currency=currency)
    except AmountError as error:
        if error.code == "too_large":
            raise _refuse(field, _("“%(value)s” is too large an amount.") % {"value": value}) from None
        raise _refuse(
            field,
            _("Enter an amount of %(currency)s, at least zero, with at most %(places)d decimals.")
            % {"currency": currency, "places": minor_units(currency)},
        ) from None
    if positive and amount <= 0:
        raise _refuse(field, _("Enter an amount above zero."))
    return amount


def _optional_amount(value: Any, field: str, currency: str) -> Decimal | None:
    return None if value is None or value == "" else _amount(value, field, currency)


def _whole(value: Any, field: str, *, low: int, high: int, required: bool = True) -> int | None:
    if value is None or value == "":
        if required:
            raise _refuse(field, _("This field is required."))
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise _refuse(field, _("Enter a whole number.")) from None
    if not low <= value <= high:
        raise _refuse(field, _("Enter a number from %(low)d to %(high)d.") % {"low": low, "high": high})
    return int(value)


def _letter_date(value: Any, is_confirmed: bool) -> date | None:
    if value is not None and not isinstance(value, date):
        raise _refuse("letter_date", _("Enter a date."))
    if is_confirmed and value is None:
        raise _refuse("letter_date", _("A confirmed source needs the date of its letter."))
    if value is not None and value > timezone.localdate():
        raise _refuse("letter_date", _("The letter cannot be dated in the future."))
    return value


_CLEANERS: dict[str, Callable[[Any, Project], Any]] = {
    "titles": lambda v, p: _texts(v, "titles", required=True),
    "loglines": lambda v, p: _texts(v, "loglines"),
    "synopses": lambda v, p: _texts(v, "synopses"),
    "kind": lambda v, p: _choice(v, "kind", ProjectKind),
    "audience": lambda v, p: _choice(v, "audience", Audience),
    "stage": lambda v, p: _choice(v, "stage", ProjectStage),
    "target_runtime_minutes": lambda v, p: _whole(
        v, "target_runtime_minutes", low=1, high=_MAX_RUNTIME, required=False
    ),
    "languages": lambda v, p: _languages(v, "languages"),
    "budget": lambda v, p: _amount(v, "budget", p.currency, positive=True),
    "currency": lambda v, p: _currency(v),
    "shooting_countries": lambda v, p: _countries(v, "shooting_countries"),
    "post_countries": lambda v, p: _countries(v, "post_countries"),
    "animation_countries": lambda v, p: _countries(v, "animation_countries"),
    "start_year": lambda v, p: _whole(v, "start_year", low=_FIRST_YEAR, high=_LAST_YEAR),
    "support_requested": lambda v, p: _optional_amount(v, "support_requested", p.currency),
    "seeking_partners": lambda v, p: bool(v),
}


def _apply(project: Project, fields: Mapping[str, Any]) -> None:
    """Set each of `fields` through its cleaner; the currency first (amounts are read in it)."""
    unknown = sorted(set(fields) - PROJECT_FIELDS)
    if unknown:
        raise _refuse(unknown[0], _("“%(field)s” cannot be changed here.") % {"field": unknown[0]})
    order = sorted(fields, key=lambda name: name != "currency")
    for name in order:
        setattr(project, name, _CLEANERS[name](fields[name], project))
    if "currency" in fields and "budget" not in fields:
        project.budget = _amount(project.budget, "budget", project.currency, positive=True)
    if "currency" in fields and "support_requested" not in fields:
        project.support_requested = _optional_amount(
            project.support_requested, "support_requested", project.currency
        )


def _unique_slug(titles: Mapping[str, str]) -> str:
    text = titles.get("en") or next(iter(titles.values()), "")
    base = slugify(text)[:100] or f"project-{uuid.uuid4().hex[:8]}"
    slug, n = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- versions ----------------------------------------------------------------------------------------


def _locked(project: Project, expected_version: int | None) -> Project:
    """The project as committed, its row locked until the transaction ends; StaleProject if it moved on."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleProject(version=current.version)
    return current


def _bump(project: Project, *, current: Project) -> None:
    """Raise the version by one, on the row and on the caller's instance."""
    version = current.version + 1
    Project.objects.filter(pk=project.pk).update(version=version, updated_at=timezone.now())
    project.version = current.version = version


def _editable(actor: User, project: Project, expected_version: int | None) -> Project:
    project_require_edit(viewer=actor, project=project)
    return _locked(project, expected_version)


# --- the project -------------------------------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    actor: User,
    lead: Organisation,
    titles: Mapping[str, str],
    loglines: Mapping[str, str],
    synopses: Mapping[str, str],
    kind: str,
    audience: str,
    stage: str,
    target_runtime_minutes: int | None,
    languages: Iterable[str],
    budget: Decimal | str,
    currency: str,
    shooting_countries: Iterable[str],
    post_countries: Iterable[str],
    animation_countries: Iterable[str],
    start_year: int,
    support_requested: Decimal | str | None = None,
    seeking_partners: bool = False,
) -> Project:
    """Start a project led by `lead`, which becomes its first co-producer."""
    policy.require(actor, policy.COPRODUCTION_EDIT, lead)
    project = Project(lead=lead, currency=_currency(currency))
    _apply(
        project,
        {
            "titles": titles,
            "loglines": loglines,
            "synopses": synopses,
            "kind": kind,
            "audience": audience,
            "stage": stage,
            "target_runtime_minutes": target_runtime_minutes,
            "languages": languages,
            "budget": budget,
            "shooting_countries": shooting_countries,
            "post_countries": post_countries,
            "animation_countries": animation_countries,
            "start_year": start_year,
            "support_requested": support_requested,
            "seeking_partners": seeking_partners,
        },
    )
    project.slug = _unique_slug(project.titles)
    project.version = 1
    _clean_and_save(project)
    lead_row = CoProducer(
        project=project, organisation=lead, name=lead.name, country=lead.country, position=0
    )
    _clean_and_save(lead_row)
    return project


@transaction.atomic
def project_update(*, actor: User, project: Project, expected_version: int, **fields: Any) -> Project:
    """Change some of the project's fields (`PROJECT_FIELDS`), if nobody changed it since `expected_version`."""
    current = _editable(actor, project, expected_version)
    _apply(current, fields)
    current.version += 1
    _clean_and_save(current)
    for name in (*PROJECT_FIELDS, "version", "updated_at"):
        setattr(project, name, getattr(current, name))
    return project


# --- co-producers ------------------------------------------------------------------------------------

_ADDED_SUBJECT = gettext_lazy("%(party)s added you as a co-producer of %(title)s")
_ADDED_BODY = gettext_lazy(
    "%(party)s added %(organisation)s as a co-producer of the project %(title)s. Your members now see its "
    "financing plan, contributions and creatives, and your editors may change them."
)


def _project_link(project: Project) -> Callable[[], str]:
    slug = project.slug

    def link() -> str:
        try:
            return reverse("coproduction:project_detail", kwargs={"slug": slug})
        except NoReverseMatch:  # the pages are not wired (a deployment without them)
            return ""

    return link


def _acting_for(actor: User, project: Project) -> Organisation:
    """The co-producer on whose behalf the actor acts (the lead first)."""
    candidates = [project.lead] + [
        c.organisation for c in project.coproducers.all() if c.organisation is not None
    ]
    for organisation in candidates:
        if policy.can(actor, policy.COPRODUCTION_EDIT, organisation):
            return organisation
    return project.lead


@transaction.atomic
def coproducer_add(
    *,
    actor: User,
    project: Project,
    organisation: Organisation | None,
    name: str = "",
    country: str = "",
    expected_version: int | None = None,
) -> CoProducer:
    """Add a co-producer: an organisation of the platform (its members are told; only the lead producer's
    editors may add one, see `access.project_may_change_parties`) or a company not on it, named with its country."""
    current = _editable(actor, project, expected_version)
    if organisation is not None:
        if not access.project_may_change_parties(viewer=actor, project=current):
            raise _refuse(
                "organisation",
                _(
                    "Only the editors of %(lead)s, the lead producer, may add an organisation of the "
                    "platform: it would see every co-producer's financing. You may name a company that is "
                    "not on the platform."
                )
                % {"lead": current.lead.name},
            )
        if organisation.kind == OrganisationKind.OBSERVER:
            raise _refuse("organisation", _("An observer cannot co-produce a project."))
        if CoProducer.objects.filter(project=current, organisation=organisation).exists():
            raise _refuse(
                "organisation",
                _("%(organisation)s already co-produces this project.") % {"organisation": organisation.name},
            )
        name = _text(name, "name", required=False) or organisation.name
        country = _country(country or organisation.country, "country")
    else:
        name = _text(name, "name")
        country = _country(country, "country")
    position = (CoProducer.objects.filter(project=current).aggregate(m=Max("position"))["m"] or 0) + 1
    coproducer = CoProducer(
        project=current, organisation=organisation, name=name, country=country, position=position
    )
    _clean_and_save(coproducer)
    _bump(project, current=current)
    if organisation is not None:
        party = _acting_for(actor, project)
        notify_organisation(
            organisation=organisation,
            exclude=actor,
            kind="coproduction.coproducer_added",
            subject=_ADDED_SUBJECT,
            body=_ADDED_BODY,
            params={
                "party": party.name,
                "organisation": organisation.name,
                "title": names_in_reader_language(project.titles, project.slug),
            },
            link=_project_link(project),
        )
    return coproducer


@transaction.atomic
def coproducer_remove(*, actor: User, coproducer: CoProducer, expected_version: int | None = None) -> None:
    """Remove a co-producer with its financing and contributions; the lead producer stays, and only the
    lead producer's editors remove an organisation of the platform."""
    project = coproducer.project
    current = _editable(actor, project, expected_version)
    if coproducer.organisation_id is not None and coproducer.organisation_id == current.lead_id:
        raise _refuse("coproducer", _("The lead producer cannot be removed from its project."))
    if coproducer.organisation_id is not None and not access.project_may_change_parties(
        viewer=actor, project=current
    ):
        raise _refuse(
            "coproducer",
            _("Only the editors of %(lead)s, the lead producer, may remove an organisation of the platform.")
            % {"lead": current.lead.name},
        )
    coproducer.delete()
    _bump(project, current=current)


# --- financing, contributions, creatives --------------------------------------------------------------

_Part = TypeVar("_Part", FinancingSource, Contribution, Creative)


def _own_coproducer(coproducer: CoProducer, project: Project) -> CoProducer:
    if coproducer.project_id != project.pk:
        raise _refuse("coproducer", _("This co-producer belongs to another project."))
    return coproducer


def _saved(
    *,
    actor: User,
    project: Project,
    expected_version: int | None,
    line: _Part,
    fill: Callable[[Project], None],
) -> _Part:
    """`line` (new or changed) filled in from checked input by `fill(project as committed)` and saved, the
    project's version raised; all of it refused when the actor may not edit or the version moved on."""
    current = _editable(actor, project, expected_version)
    fill(current)
    _clean_and_save(line)
    _bump(project, current=current)
    return line


def _deleted(*, actor: User, project: Project, expected_version: int | None, line: models.Model) -> None:
    current = _editable(actor, project, expected_version)
    line.delete()
    _bump(project, current=current)


def _financing_saved(
    source: FinancingSource, *, actor: User, project: Project, coproducer: CoProducer | None,
    expected_version: int | None, kind: str, name: str, amount: Any, is_confirmed: bool,
    letter_date: date | None,
) -> FinancingSource:  # fmt: skip
    """A line of the financing plan, new or changed (and, given `coproducer`, who raised it), checked and saved."""

    def fill(current: Project) -> None:
        source.project = current
        if coproducer is not None:
            source.coproducer = _own_coproducer(coproducer, current)
        source.kind = _choice(kind, "kind", FinancingKind)
        source.name = _text(name, "name")
        source.amount = _amount(amount, "amount", current.currency, positive=True)
        source.is_confirmed = bool(is_confirmed)
        source.letter_date = _letter_date(letter_date, source.is_confirmed)

    return _saved(actor=actor, project=project, expected_version=expected_version, line=source, fill=fill)


@transaction.atomic
def financing_source_add(
    *,
    actor: User,
    coproducer: CoProducer,
    kind: str,
    name: str,
    amount: Decimal | str,
    is_confirmed: bool,
    letter_date: date | None,
    expected_version: int | None = None,
) -> FinancingSource:
    """Add a line to the financing plan, raised by `coproducer`."""
    return _financing_saved(
        FinancingSource(),
        actor=actor,
        project=coproducer.project,
        coproducer=coproducer,
        expected_version=expected_version,
        kind=kind,
        name=name,
        amount=amount,
        is_confirmed=is_confirmed,
        letter_date=letter_date,
    )


@transaction.atomic
def financing_source_update(
    *,
    actor: User,
    source: FinancingSource,
    kind: str,
    name: str,
    amount: Decimal | str,
    is_confirmed: bool,
    letter_date: date | None,
    coproducer: CoProducer | None = None,
    expected_version: int | None = None,
) -> FinancingSource:
    """Change a line of the financing plan (and, given `coproducer`, who raised it)."""
    return _financing_saved(
        source,
        actor=actor,
        project=source.project,
        coproducer=coproducer,
        expected_version=expected_version,
        kind=kind,
        name=name,
        amount=amount,
        is_confirmed=is_confirmed,
        letter_date=letter_date,
    )


@transaction.atomic
def financing_source_delete(
    *, actor: User, source: FinancingSource, expected_version: int | None = None
) -> None:
    _deleted(actor=actor, project=source.project, expected_version=expected_version, line=source)


def _contribution_saved(
    contribution: Contribution, *, actor: User, project: Project, coproducer: CoProducer | None,
    expected_version: int | None, kind: str, category: str, description: str, value: Any,
) -> Contribution:  # fmt: skip
    """A contribution besides money, new or changed (and, given `coproducer`, whose), checked and saved."""

    def fill(current: Project) -> None:
        if coproducer is not None:
            contribution.coproducer = _own_coproducer(coproducer, current)
        contribution.kind = _choice(kind, "kind", ContributionKind)
        contribution.description = _text(description, "description", limit=300)
        if contribution.kind == ContributionKind.IN_KIND:
            contribution.category = _choice(category, "category", InKindCategory)
            contribution.value = _amount(value, "value", current.currency)
            return
        if _optional_amount(value, "value", current.currency):
            raise _refuse(
                "value", _("An artistic contribution is recorded, not valued: leave its value empty.")
            )
        contribution.category = ""
        contribution.value = Decimal(0)

    return _saved(
        actor=actor, project=project, expected_version=expected_version, line=contribution, fill=fill
    )


@transaction.atomic
def contribution_add(
    *,
    actor: User,
    coproducer: CoProducer,
    kind: str,
    category: str,
    description: str,
    value: Decimal | str | None,
    expected_version: int | None = None,
) -> Contribution:
    """Record what `coproducer` brings besides money: in-kind work (valued) or an artistic contribution."""
    return _contribution_saved(
        Contribution(),
        actor=actor,
        project=coproducer.project,
        coproducer=coproducer,
        expected_version=expected_version,
        kind=kind,
        category=category,
        description=description,
        value=value,
    )


@transaction.atomic
def contribution_update(
    *,
    actor: User,
    contribution: Contribution,
    kind: str,
    category: str,
    description: str,
    value: Decimal | str | None,
    coproducer: CoProducer | None = None,
    expected_version: int | None = None,
) -> Contribution:
    return _contribution_saved(
        contribution,
        actor=actor,
        project=contribution.coproducer.project,
        coproducer=coproducer,
        expected_version=expected_version,
        kind=kind,
        category=category,
        description=description,
        value=value,
    )


@transaction.atomic
def contribution_delete(
    *, actor: User, contribution: Contribution, expected_version: int | None = None
) -> None:
    _deleted(
        actor=actor,
        project=contribution.coproducer.project,
        expected_version=expected_version,
        line=contribution,
    )


def _creative_saved(
    creative: Creative, *, actor: User, project: Project, new: bool, expected_version: int | None,
    role: str, name: str, nationality: str, person: Person | None, days_worked: Any,
) -> Creative:  # fmt: skip
    """A key creative or member of the cast, `new` (put last) or changed, checked and saved."""

    def fill(current: Project) -> None:
        if new:
            last = Creative.objects.filter(project=current).aggregate(m=Max("position"))["m"]
            creative.project = current
            creative.position = 0 if last is None else last + 1
        creative.role = _choice(role, "role", CreativeRole)
        creative.name = _text(name, "name")
        creative.nationality = _country(nationality, "nationality")
        creative.person = person
        creative.days_worked = _whole(days_worked, "days_worked", low=0, high=_MAX_RUNTIME, required=False)

    return _saved(actor=actor, project=project, expected_version=expected_version, line=creative, fill=fill)


@transaction.atomic
def creative_add(
    *,
    actor: User,
    project: Project,
    role: str,
    name: str,
    nationality: str,
    person: Person | None = None,
    days_worked: int | None = None,
    expected_version: int | None = None,
) -> Creative:
    """Name a key creative or a member of the cast with their nationality."""
    return _creative_saved(
        Creative(),
        actor=actor,
        project=project,
        new=True,
        expected_version=expected_version,
        role=role,
        name=name,
        nationality=nationality,
        person=person,
        days_worked=days_worked,
    )


@transaction.atomic
def creative_update(
    *,
    actor: User,
    creative: Creative,
    role: str,
    name: str,
    nationality: str,
    person: Person | None = None,
    days_worked: int | None = None,
    expected_version: int | None = None,
) -> Creative:
    return _creative_saved(
        creative,
        actor=actor,
        project=creative.project,
        new=False,
        expected_version=expected_version,
        role=role,
        name=name,
        nationality=nationality,
        person=person,
        days_worked=days_worked,
    )


@transaction.atomic
def creative_delete(*, actor: User, creative: Creative, expected_version: int | None = None) -> None:
    _deleted(actor=actor, project=creative.project, expected_version=expected_version, line=creative)
