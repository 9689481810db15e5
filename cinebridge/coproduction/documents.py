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
the project selectors, so the pack says what the eligibility page says. It words and formats them with
the page's own helpers: `display` (the report's rows, the rules a missing exchange rate leaves undecided
shown together, every number and item labelled and formatted by what it is: countries by name, posts and
places by label, dates as the reader writes them, amounts grouped) and `explain` (the sentences); a points
rule without a table for the project's kind gets its sentence, not an empty table, and the table's
threshold and points are the report's. The same project, report and `generated_at` always give the same
bytes (see `cinebridge.core.pdf`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from babel.languages import get_official_languages
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from cinebridge.accounts.models import Organisation
from cinebridge.coproduction import display, explain
from cinebridge.coproduction.bridge import PROJECT_PRIVATE_PREFETCH
from cinebridge.coproduction.engine.facts import Shares
from cinebridge.coproduction.models import (
    Contribution,
    ContributionKind,
    CoProducer,
    Creative,
    FinancingKind,
    FinancingSource,
    InKindCategory,
    Project,
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
                "moment": _moment_text(generated_at, language),
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


def _moment_text(moment: datetime, language: str) -> str:
    """The moment the pack was made, in UTC: its date as the reader writes dates (Solar Hijri first in fa),
    then the time ("1 March 2026, 12:00 UTC")."""
    utc = moment.astimezone(UTC)
    return f"{date_text(utc.date(), language)}, {number_text(utc.strftime('%H:%M UTC'), language)}"


def _day_text(value: object, language: str) -> str:
    """A date of a document (a rule set's source) as the reader writes dates; kept as given when it is
    not an ISO date."""
    try:
        return date_text(date.fromisoformat(str(value)), language)
    except ValueError:
        return ltr(str(value))


def _countries_text(codes: Sequence[str]) -> str:
    """Countries by name, joined as the language joins a list, as the eligibility page does."""
    return display.country_list(codes) if codes else DASH


def _percent(value: Any, language: str) -> str:
    return percent_text(Decimal(str(value)), language) if value not in (None, "") else DASH


def _choice_label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


_LTR_RUN = re.compile(r'<bdi dir="ltr"[^>]*>(.*?)</bdi>', re.DOTALL)


def _pdf_text(value: object) -> str:
    """A value the eligibility page's helpers (`display`) give, as PDF text: their markup (an amount in
    its left-to-right <bdi>, a date in its <time>) becomes the same text with the isolate marks the PDF
    reads; plain text stays as it is."""
    if not isinstance(value, SafeData):
        return str(value)
    return html.unescape(strip_tags(_LTR_RUN.sub(lambda match: ltr(match.group(1)), str(value))))


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
                "version": number_text(
                    str((self.report.get("rule_set") or self.rule_set).get("version", "")), language
                ),
                "date": date_text(self.as_of, language),
            }
        )
        rows: list[tuple[str, str]] = [
            (_("Kind"), display.kind_label(project.kind)),
            (_("Audience"), display.audience_label(project.audience)),
            (_("Stage"), _choice_label(ProjectStage, project.stage)),
        ]
        if project.target_runtime_minutes:
            rows.append(
                (
                    _("Target runtime"),
                    display.minutes_text(project.target_runtime_minutes),
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
                    display.role_label(creative.role),
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
            if self.has_points_table(result):
                self.points_table(result)
            # Without a table for the project's kind (numbers: reason "no_table"), the sentence saying so
            # stands in its place.
            pdf.paragraph(explain.rule_explanation(result))

    @staticmethod
    def has_points_table(result: Mapping[str, Any]) -> bool:
        """Whether the engine scored the project on a table: it reports the table's entries, the points
        scored and the threshold; a rule set without a table for the project's kind has none of these."""
        numbers: Mapping[str, Any] = result.get("numbers") or {}
        return (
            result.get("status") != "not_applicable"
            and numbers.get("reason") is None
            and bool(result.get("items"))
            and numbers.get("threshold") is not None
            and numbers.get("points") is not None
        )

    def points_table(self, result: Mapping[str, Any]) -> None:
        """Each entry of the table the engine used for the project's kind: who holds the post (or where the
        work is done), the points it is worth and the points it earned; the total, the points needed and
        scored as the report gives them."""
        creatives = list(self.project.creatives.all())
        numbers: Mapping[str, Any] = result.get("numbers") or {}
        self.pdf.key_values(
            [
                (
                    display.number_label("points", key) or key,
                    _pdf_text(
                        display.number_value(
                            "points", key, numbers[key], numbers=numbers, currency=self.project.currency
                        )
                    ),
                )
                for key in ("table", "waiver_min")
                if numbers.get(key) is not None
            ]
        )
        rows = []
        for item in result.get("items") or ():
            kind, key = str(item.get("kind", "role")), str(item.get("key", ""))
            if kind == "place" or key in explain.PLACES:
                held = _countries_text(self._place_countries(key))
            else:
                holders = [
                    f"{bdi(c.name)} ({country_name(c.nationality)})" for c in creatives if c.role == key
                ]
                held = ", ".join(holders) if holders else pgettext("post", "vacant")
            rows.append(
                [
                    display.item_label("points", item) or key,
                    held,
                    self.points_number(item.get("limit")),
                    self.points_number(item.get("value")),
                ]
            )
        rows.append(
            [
                _("Total"),
                _("%(threshold)s needed") % {"threshold": self.points_number(numbers["threshold"])},
                self.points_number(numbers.get("maximum")),
                self.points_number(numbers["points"]),
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

    def points_number(self, value: object) -> str:
        """Points as the report gives them; a dash, not a zero, for what it does not give."""
        return DASH if value is None or value == "" else number_text(str(value), self.language)

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
        """The report as the eligibility page shows it (`display.rule_rows`): one row per rule, the rules
        a missing exchange rate leaves undecided together, then each rule's numbers and items labelled
        and formatted by what they are."""
        pdf, language = self.pdf, self.language
        report = self.report
        pdf.start_section(language=language)
        pdf.heading(_("Eligibility report"))
        rules_name = bdi(_rule_set_name(report, self.rule_set, language))
        if report.get("eligible"):
            verdict = _("The project meets every required rule of %(name)s.") % {"name": rules_name}
        else:
            verdict = _("The project does not yet meet the rules of %(name)s.") % {"name": rules_name}
        pdf.paragraph(verdict, bold=True)
        source = self.rule_set.get("source") or {}
        if source.get("title"):
            parts = [bdi(str(source["title"]))]
            if source.get("date"):
                parts.append(_day_text(source["date"], language))
            if source.get("url"):
                parts.append(ltr(str(source["url"])))
            pdf.paragraph(_("Source: %(source)s") % {"source": ", ".join(parts)}, size=SMALL)
        rows = display.rule_rows(report, language)
        pdf.table(
            columns=[
                Column(_("Rule"), 2.6),
                Column(_("Article"), 1.3),
                Column(_("Status"), 1.3),
                Column(_("Explanation"), 4.4),
            ],
            rows=[
                [
                    " · ".join([row.title, *row.also]),
                    bdi(row.article),
                    self.status(row),
                    row.explanation,
                ]
                for row in rows
            ],
            size=SMALL,
        )
        self.findings(rows)
        self.what_if()

    def status(self, row: display.RuleRow) -> str:
        if row.severity == "advisory":
            return _("%(status)s (advisory)") % {"status": row.status_label}
        return row.status_label

    def findings(self, rows: Sequence[display.RuleRow]) -> None:
        """Each rule's numbers and items, as the page lists them under the explanation. The points rules
        have their own part (the points table)."""
        shown = [row for row in rows if row.code not in self.points_codes() and (row.items or row.numbers)]
        if not shown:
            return
        pdf = self.pdf
        pdf.heading(_("The findings in detail"), level=2)
        for row in shown:
            article = f" ({bdi(row.article)})" if row.article else ""
            pdf.heading(f"{' · '.join(bdi(title) for title in [row.title, *row.also])}{article}", level=3)
            if row.items:
                pdf.table(
                    columns=[
                        Column(pgettext("eligibility finding", "Concerning"), 3),
                        Column(pgettext("eligibility number", "Found"), 2, numeric=True),
                        Column(pgettext("eligibility finding", "Limit"), 2, numeric=True),
                        Column(_("Result"), 1.4),
                    ],
                    rows=[
                        [
                            _pdf_text(item["label"]),
                            _pdf_text(item["value"]) or DASH,
                            _pdf_text(item["limit"]) or DASH,
                            _item_result(item.get("passed")),
                        ]
                        for item in row.items
                    ],
                    size=SMALL,
                )
            else:
                pdf.key_values([(str(label), _pdf_text(value)) for label, value in row.numbers])

    def points_codes(self) -> set[str]:
        return {
            str(rule.get("code")) for rule in self.report.get("rules", ()) if rule.get("check") == "points"
        }

    def what_if(self) -> None:
        """What would make the project pass, in the page's words."""
        sentences = display.what_if_sentences(self.report)
        if not sentences:
            return
        pdf = self.pdf
        pdf.heading(_("What would make it pass"), level=2)
        for sentence in sentences:
            pdf.paragraph(sentence)


def _item_result(passed: object) -> str:
    if passed is True:
        return _("passed")
    if passed is False:
        return _("failed")
    return DASH
