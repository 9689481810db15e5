"""The application pack of a co-production project as PDF: what a film body or a fund asks for when the
co-producers apply, in the co-producers' languages and in English.

Each language gets the whole pack, one after another: the official languages of the co-producers'
countries (CLDR, as the events app finds a host country's languages; only those the platform speaks:
Iran → Persian, Belarus → Russian and Belarusian), then English. A pack has a cover (title, kind,
budget, the co-producers), the logline and synopsis, the financing plan (every source confirmed or
pending with the date of its letter, letters older than six months flagged, the per cent confirmed),
the contributions per company and per country with their shares, the crew and cast with their
nationalities (and the days the leads work), the points table of the chosen rule set for the
project's kind, and the eligibility report with every rule, its status, the numbers and the article.

Nothing about eligibility is computed here: the rules' statuses, numbers and points come from the
engine's report (`selectors.projects.project_eligibility`), the shares and the financing summary from
the project selectors, so the pack says what the eligibility page says. The same project, report and
`generated_at` always give the same bytes (see `cinebridge.core.pdf`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel.languages import get_official_languages
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Audience
from cinebridge.coproduction import explain
from cinebridge.coproduction.bridge import PROJECT_PRIVATE_PREFETCH
from cinebridge.coproduction.engine.facts import Shares
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
from cinebridge.coproduction.selectors import projects as project_selectors
from cinebridge.coproduction.selectors.projects import FinancingSummary
from cinebridge.core.i18n import text_in, translated_text
from cinebridge.core.pdf import (
    Column,
    PdfDocument,
    bdi,
    date_text,
    ltr,
    money_text,
    number_text,
    percent_text,
    timestamp_text,
)
from cinebridge.core.vocabularies import country_name, language_name

__all__ = ["ENGLISH", "country_languages", "dossier_languages", "dossier_pdf"]

ENGLISH = "en"
SMALL = 8.0
DASH = "—"


def _ui_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def country_languages(country: str) -> tuple[str, ...]:
    """The official languages of a country (CLDR, de facto ones included) that the platform speaks:
    IR → (fa,), BY → (ru, be); none for a country whose languages it does not speak."""
    spoken = _ui_languages()
    return tuple(
        language for language in get_official_languages(country.upper(), de_facto=True) if language in spoken
    )


def dossier_languages(project: Project) -> list[str]:
    """The pack's languages in order: those of the co-producers' countries (the lead's first, then the
    others in their order on the project), then English, each once."""
    countries = [project.lead.country] + [coproducer.country for coproducer in project.coproducers.all()]
    languages: list[str] = []
    for country in countries:
        for language in country_languages(country):
            if language not in languages:
                languages.append(language)
    if ENGLISH not in languages:
        languages.append(ENGLISH)
    return languages


def dossier_pdf(
    *,
    project: Project,
    report: Mapping[str, Any],
    rule_set: Mapping[str, Any],
    as_of: date,
    generated_at: datetime,
) -> bytes:
    """The application pack of `project` as PDF bytes, checked against `rule_set` (a rule set document)
    with its eligibility `report` (the engine's report JSON for the project as of `as_of`)."""
    _prefetch(project)
    shares = project_selectors.project_shares(project=project)
    financing = project_selectors.project_financing_summary(project=project, as_of=as_of)
    document: PdfDocument | None = None
    for language in dossier_languages(project):
        with translation.override(language):
            title = _project_title(project, language)
            footer = _("Application pack · %(project)s · %(rules)s · generated %(moment)s") % {
                "project": bdi(title),
                "rules": bdi(_rule_set_name(report, rule_set, language)),
                "moment": timestamp_text(generated_at, language),
            }
            page_label = _("Page %(page)s of %(pages)s")
            if document is None:
                document = PdfDocument(
                    title=_("Application pack: %(project)s") % {"project": title},
                    language=language,
                    generated_at=generated_at,
                    footer=footer,
                    page_label=page_label,
                    author=_organisation_name(project.lead, language),
                )
            else:
                document.start_section(language=language, footer=footer, page_label=page_label)
            _Pack(
                document,
                project=project,
                report=report,
                rule_set=rule_set,
                shares=shares,
                financing=financing,
                as_of=as_of,
                language=language,
            ).write()
    assert document is not None  # noqa: S101 - dossier_languages always has English
    return document.output()


# --- what the pack reads ---------------------------------------------------------------------------------


def _prefetch(project: Project) -> None:
    prefetch_related_objects(
        [project],
        *PROJECT_PRIVATE_PREFETCH,
        "lead__translations",
        "coproducers__organisation__translations",
    )


def _organisation_name(organisation: Organisation, language: str) -> str:
    return translated_text(organisation.translations.all(), "name", organisation.name, language)


def _company_name(coproducer: CoProducer, language: str) -> str:
    """A co-producer's name for readers of `language`: its organisation's translated name when it is on
    the platform, else the name it was recorded under."""
    organisation = coproducer.organisation
    if organisation is None:
        return coproducer.name
    return translated_text(
        organisation.translations.all(), "name", coproducer.name or organisation.name, language
    )


def _names_text(names: Mapping[str, str] | None, language: str) -> str:
    """A {language: text} field in `language`, else English, else the first language it has."""
    if not names:
        return ""
    return text_in(names, language) or next((text for text in names.values() if text), "")


def _project_title(project: Project, language: str) -> str:
    return _names_text(project.titles, language) or project.slug


def _rule_set_name(report: Mapping[str, Any], rule_set: Mapping[str, Any], language: str) -> str:
    names = (report.get("rule_set") or {}).get("names") or rule_set.get("names") or {}
    return _names_text(names, language) or str(rule_set.get("id", ""))


def _countries_text(codes: Sequence[str]) -> str:
    return " · ".join(country_name(code) for code in codes) if codes else DASH


def _percent(value: Any, language: str) -> str:
    return percent_text(Decimal(str(value)), language) if value not in (None, "") else DASH


def _choice_label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _role_label(role: str) -> str:
    return _choice_label(CreativeRole, role)


def _entry_label(kind: str, key: str) -> str:
    """A points table entry: a post (director) or a place (shooting)."""
    return explain.place_label(key) if kind == "place" else _role_label(key)


# --- one language's pack ---------------------------------------------------------------------------------


class _Pack:
    """The whole pack in one language, part after part."""

    def __init__(
        self,
        document: PdfDocument,
        *,
        project: Project,
        report: Mapping[str, Any],
        rule_set: Mapping[str, Any],
        shares: Shares,
        financing: FinancingSummary,
        as_of: date,
        language: str,
    ) -> None:
        self.pdf = document
        self.project = project
        self.report = report
        self.rule_set = rule_set
        self.shares = shares
        self.financing = financing
        self.as_of = as_of
        self.language = language
        self.coproducers: list[CoProducer] = list(project.coproducers.all())
        self.by_id = {str(coproducer.pk): coproducer for coproducer in self.coproducers}

    def write(self) -> None:
        self.cover()
        self.story()
        self.financing_plan()
        self.contributions()
        self.creatives()
        self.points()
        self.eligibility()

    # --- helpers -------------------------------------------------------------------------------------

    def money(self, amount: Decimal | str) -> str:
        return money_text(Decimal(str(amount)), self.project.currency, self.language)

    def company(self, coproducer: CoProducer) -> str:
        return bdi(_company_name(coproducer, self.language))

    # --- cover ---------------------------------------------------------------------------------------

    def cover(self) -> None:
        project, language = self.project, self.language
        self.pdf.heading(_project_title(project, language))
        self.pdf.paragraph(_("Co-production application pack"), bold=True, size=12)
        self.pdf.paragraph(
            _("Checked against %(rules)s (version %(version)s) on %(date)s.")
            % {
                "rules": bdi(_rule_set_name(self.report, self.rule_set, language)),
                "version": ltr(str((self.report.get("rule_set") or self.rule_set).get("version", ""))),
                "date": date_text(self.as_of, language),
            }
        )
        rows: list[tuple[str, str]] = [
            (_("Kind"), _choice_label(ProjectKind, project.kind)),
            (_("Audience"), _choice_label(Audience, project.audience)),
            (_("Stage"), _choice_label(ProjectStage, project.stage)),
        ]
        if project.target_runtime_minutes:
            rows.append(
                (
                    _("Target runtime"),
                    ngettext("%(minutes)s minute", "%(minutes)s minutes", project.target_runtime_minutes)
                    % {"minutes": number_text(project.target_runtime_minutes, language)},
                )
            )
        if project.languages:
            rows.append((_("Languages"), " · ".join(language_name(code) for code in project.languages)))
        rows += [
            (_("Budget"), self.money(project.budget)),
            (_("Year production starts"), number_text(project.start_year, language)),
            (_("Shooting countries"), _countries_text(project.shooting_countries)),
            (_("Post-production countries"), _countries_text(project.post_countries)),
        ]
        if project.animation_countries:
            rows.append((_("Animation countries"), _countries_text(project.animation_countries)))
        if project.support_requested is not None:
            rows.append((_("Support requested"), self.money(project.support_requested)))
        titles = [
            f"{language_name(code)}: {bdi(text)}"
            for code, text in sorted(project.titles.items())
            if text and code != language
        ]
        if titles:
            rows.append((_("Title in other languages"), " · ".join(titles)))
        self.pdf.key_values(rows)

        self.pdf.heading(_("Co-producers"), level=2)
        self.pdf.table(
            columns=[
                Column(_("Company"), 3),
                Column(_("Country"), 2),
                Column(_("Role"), 1.6),
                Column(_("Share"), 1.2, numeric=True),
            ],
            rows=[
                [
                    self.company(coproducer),
                    country_name(coproducer.country),
                    _("lead producer")
                    if coproducer.organisation_id is not None
                    and coproducer.organisation_id == project.lead_id
                    else _("co-producer"),
                    self.company_share(coproducer),
                ]
                for coproducer in self.coproducers
            ],
        )

    def company_share(self, coproducer: CoProducer) -> str:
        for share in self.shares.by_company:
            if share.key == str(coproducer.pk):
                return percent_text(share.percent(), self.language)
        return DASH

    # --- logline and synopsis ----------------------------------------------------------------------

    def story(self) -> None:
        logline = _names_text(self.project.loglines, self.language)
        synopsis = _names_text(self.project.synopses, self.language)
        if not (logline or synopsis):
            return
        self.pdf.heading(_("Logline and synopsis"), level=2)
        if logline:
            self.pdf.paragraph(logline, bold=True)
        if synopsis:
            for paragraph in synopsis.split("\n\n"):
                if paragraph.strip():
                    self.pdf.paragraph(paragraph.strip())

    # --- financing plan -----------------------------------------------------------------------------

    def financing_plan(self) -> None:
        pdf, language = self.pdf, self.language
        pdf.start_section(language=language)
        pdf.heading(_("Financing plan"))
        sources: list[FinancingSource] = [
            source for coproducer in self.coproducers for source in coproducer.financing.all()
        ]
        stale = {source.pk for source in self.financing.stale}
        if not sources:
            pdf.paragraph(_("No financing has been recorded yet."))
        else:
            pdf.table(
                columns=[
                    Column(_("Raised by"), 2.2),
                    Column(_("Source"), 1.8),
                    Column(_("Financier"), 2.2),
                    Column(_("Amount"), 2, numeric=True),
                    Column(_("Status"), 1.3),
                    Column(_("Letter"), 2.2),
                ],
                rows=[self.financing_row(source, stale) for source in sources],
                size=SMALL,
            )
        summary = self.financing
        rows = [
            (_("Budget"), self.money(summary.budget)),
            (
                _("Financing raised"),
                _("%(amount)s, of which %(pending)s pending")
                % {"amount": self.money(summary.financing), "pending": self.money(summary.pending)},
            ),
            (_("In-kind contributions"), self.money(summary.in_kind)),
            (
                _("Confirmed (financing and in kind)"),
                _("%(amount)s (%(percent)s of the budget)")
                % {
                    "amount": self.money(summary.confirmed),
                    "percent": _percent(summary.confirmed_percent, language),
                },
            ),
        ]
        if summary.gap > 0:
            rows.append((_("Still to find"), self.money(summary.gap)))
        else:
            rows.append((_("Raised beyond the budget"), self.money(-summary.gap)))
        pdf.key_values(rows)
        if stale:
            pdf.paragraph(
                ngettext(
                    "%(count)s letter is older than six months: ask the financier for a new one.",
                    "%(count)s letters are older than six months: ask the financiers for new ones.",
                    len(stale),
                )
                % {"count": number_text(len(stale), language)}
            )

    def financing_row(self, source: FinancingSource, stale: set[int]) -> list[str]:
        language = self.language
        coproducer = self.by_id[str(source.coproducer_id)]
        if source.letter_date is None:
            letter = DASH
        else:
            letter = date_text(source.letter_date, language)
            if source.pk in stale:
                letter = _("%(date)s – older than six months") % {"date": letter}
        return [
            self.company(coproducer),
            _choice_label(FinancingKind, source.kind),
            bdi(source.name),
            self.money(source.amount),
            pgettext("financing", "confirmed") if source.is_confirmed else pgettext("financing", "pending"),
            letter,
        ]

    # --- contributions ------------------------------------------------------------------------------

    def contributions(self) -> None:
        pdf, language = self.pdf, self.language
        pdf.heading(_("Contributions"), level=2)
        pdf.heading(_("Per company"), level=3)
        rows = []
        for coproducer in self.coproducers:
            financing = sum((source.amount for source in coproducer.financing.all()), Decimal(0))
            valued = sum(
                (c.value for c in coproducer.contributions.all() if c.kind == ContributionKind.IN_KIND),
                Decimal(0),
            )
            rows.append(
                [
                    self.company(coproducer),
                    country_name(coproducer.country),
                    self.money(financing),
                    self.money(valued),
                    self.money(financing + valued),
                    self.company_share(coproducer),
                ]
            )
        pdf.table(
            columns=[
                Column(_("Company"), 2.4),
                Column(_("Country"), 1.6),
                Column(_("Financing"), 2, numeric=True),
                Column(_("In kind"), 2, numeric=True),
                Column(_("Total"), 2, numeric=True),
                Column(_("Share"), 1.1, numeric=True),
            ],
            rows=rows,
            size=SMALL,
        )
        pdf.heading(_("Per country"), level=3)
        pdf.table(
            columns=[
                Column(_("Country"), 2),
                Column(_("Amount"), 2, numeric=True),
                Column(_("Share"), 1, numeric=True),
            ],
            rows=[
                [country_name(share.key), self.money(share.amount), percent_text(share.percent(), language)]
                for share in self.shares.by_country
            ]
            + [[_("Total"), self.money(self.shares.total), percent_text(Decimal(100), language)]],
        )
        in_kind: list[tuple[CoProducer, Contribution]] = []
        artistic: list[tuple[CoProducer, Contribution]] = []
        for coproducer in self.coproducers:
            for contribution in coproducer.contributions.all():
                (in_kind if contribution.kind == ContributionKind.IN_KIND else artistic).append(
                    (coproducer, contribution)
                )
        if in_kind:
            pdf.heading(_("In-kind technical contributions"), level=3)
            pdf.table(
                columns=[
                    Column(_("Company"), 2.2),
                    Column(_("Category"), 1.6),
                    Column(_("Description"), 3.2),
                    Column(_("Value"), 2, numeric=True),
                ],
                rows=[
                    [
                        self.company(coproducer),
                        _choice_label(InKindCategory, contribution.category)
                        if contribution.category
                        else DASH,
                        bdi(contribution.description),
                        self.money(contribution.value),
                    ]
                    for coproducer, contribution in in_kind
                ],
                size=SMALL,
            )
        if artistic:
            pdf.heading(_("Artistic contributions"), level=3)
            pdf.table(
                columns=[Column(_("Company"), 2.2), Column(_("Description"), 5)],
                rows=[
                    [self.company(coproducer), bdi(contribution.description)]
                    for coproducer, contribution in artistic
                ],
                size=SMALL,
            )

    # --- crew and cast -------------------------------------------------------------------------------

    def creatives(self) -> None:
        pdf, language = self.pdf, self.language
        creatives: list[Creative] = list(self.project.creatives.all())
        pdf.heading(_("Crew and cast"), level=2)
        if not creatives:
            pdf.paragraph(_("No key creatives or cast have been recorded yet."))
            return
        pdf.table(
            columns=[
                Column(_("Post"), 2.4),
                Column(_("Name"), 2.6),
                Column(_("Nationality"), 2),
                Column(_("Days worked"), 1.2, numeric=True),
            ],
            rows=[
                [
                    _role_label(creative.role),
                    bdi(creative.name),
                    country_name(creative.nationality),
                    number_text(creative.days_worked, language) if creative.days_worked is not None else DASH,
                ]
                for creative in creatives
            ],
            size=SMALL,
        )

    # --- points table -------------------------------------------------------------------------------

    def points(self) -> None:
        results = [rule for rule in self.report.get("rules", ()) if rule.get("check") == "points"]
        if not results:
            return
        pdf, language = self.pdf, self.language
        pdf.start_section(language=language)
        pdf.heading(_("Points table"))
        for result in results:
            pdf.heading(
                f"{explain.rule_title(result, language)} ({bdi(str(result.get('article', '')))})", level=2
            )
            if result.get("items"):
                self.points_table(result)
            pdf.paragraph(explain.rule_explanation(result))

    def points_table(self, result: Mapping[str, Any]) -> None:
        """Each entry of the table the engine used for the project's kind: who holds the post (or where the
        work is done), the points it is worth and the points it earned."""
        language = self.language
        creatives = list(self.project.creatives.all())
        rows = []
        for item in result.get("items") or ():
            kind, key = str(item.get("kind", "role")), str(item.get("key", ""))
            if kind == "place":
                held = _countries_text(self._place_countries(key))
            else:
                holders = [
                    f"{bdi(c.name)} ({country_name(c.nationality)})" for c in creatives if c.role == key
                ]
                held = ", ".join(holders) if holders else pgettext("post", "vacant")
            rows.append(
                [
                    _entry_label(kind, key),
                    held,
                    number_text(item.get("limit") or 0, language),
                    number_text(item.get("value") or 0, language),
                ]
            )
        numbers = result.get("numbers") or {}
        rows.append(
            [
                _("Total"),
                _("%(threshold)s needed") % {"threshold": number_text(numbers.get("threshold", 0), language)},
                number_text(numbers.get("maximum", 0), language),
                number_text(numbers.get("points", 0), language),
            ]
        )
        self.pdf.table(
            columns=[
                Column(_("Post or place"), 2.4),
                Column(_("Held by"), 3.4),
                Column(_("Points"), 1, numeric=True),
                Column(_("Earned"), 1, numeric=True),
            ],
            rows=rows,
            size=SMALL,
        )

    def _place_countries(self, place: str) -> Sequence[str]:
        project = self.project
        places: dict[str, Sequence[str]] = {
            "shooting": project.shooting_countries,
            "post_production": project.post_countries,
            "animation": project.animation_countries,
        }
        return places.get(place, ())

    # --- eligibility --------------------------------------------------------------------------------

    def eligibility(self) -> None:
        pdf, language = self.pdf, self.language
        report = self.report
        pdf.start_section(language=language)
        pdf.heading(_("Eligibility report"))
        rules_name = bdi(_rule_set_name(report, self.rule_set, language))
        if report.get("eligible"):
            verdict = _("The project meets every required rule of %(rules)s.") % {"rules": rules_name}
        else:
            verdict = _("The project does not yet meet every required rule of %(rules)s.") % {
                "rules": rules_name
            }
        pdf.paragraph(verdict, bold=True)
        source = self.rule_set.get("source") or {}
        if source.get("title"):
            parts = [bdi(str(source["title"]))]
            if source.get("date"):
                parts.append(ltr(str(source["date"])))
            if source.get("url"):
                parts.append(ltr(str(source["url"])))
            pdf.paragraph(_("Source: %(source)s") % {"source": ", ".join(parts)}, size=SMALL)
        pdf.table(
            columns=[
                Column(_("Rule"), 2.6),
                Column(_("Article"), 1.3),
                Column(_("Status"), 1.3),
                Column(_("Explanation"), 4.4),
            ],
            rows=[
                [
                    explain.rule_title(rule, language),
                    bdi(str(rule.get("article", ""))),
                    self.status(rule),
                    explain.rule_explanation(rule),
                ]
                for rule in report.get("rules", ())
            ],
            size=SMALL,
        )
        self.what_if()

    def status(self, rule: Mapping[str, Any]) -> str:
        label = explain.status_label(str(rule.get("status", "")))
        if rule.get("severity") == "advisory":
            return _("%(status)s (advisory)") % {"status": label}
        return label

    def what_if(self) -> None:
        what_if = self.report.get("what_if") or {}
        contributions = what_if.get("contributions") or ()
        points = what_if.get("points") or ()
        if not (contributions or points):
            return
        pdf = self.pdf
        pdf.heading(_("What would make it qualify"), level=2)
        for answer in contributions:
            pdf.paragraph(explain.what_if_contribution_sentence(answer))
        for option in points:
            pdf.paragraph(explain.what_if_points_sentence(option))
