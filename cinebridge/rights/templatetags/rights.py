"""Rights in words, in the user's language: territory and media expressions, terms, windows, avails.

Groups and countries are named from the vocabularies (five languages; countries from CLDR), with the
code in a `title`; lists follow the language's own conventions (CLDR list patterns); dates go through
the site's `dual_date` (Solar Hijri first in fa). A term's end is shown as its last day: the ledgers
store the first day no longer covered.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from babel.lists import format_list
from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from cinebridge.accounts import policy
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import active_language, dual_date_html
from cinebridge.core.vocabularies import language_name
from cinebridge.rights.engine.types import Day, LanguageUse, Region, Use, to_date
from cinebridge.rights.engine.vocabulary import Expression, ExpressionError, load_vocabularies
from cinebridge.rights.models import Grant, ReleaseKind

register = template.Library()

USE_LABELS = {
    Use.ORIGINAL: gettext_lazy("original"),
    Use.SUBTITLED: gettext_lazy("subtitled"),
    Use.DUBBED: gettext_lazy("dubbed"),
    Use.VOICE_OVER: gettext_lazy("voice-over"),
    Use.SDH: gettext_lazy("subtitles for the deaf and hard of hearing"),
}


# --- lists and expressions ---------------------------------------------------------------------


def html_list(pieces: Sequence[str]) -> SafeString:
    """Pieces of HTML joined as the active language joins a list ("A, B and C"; "A، B و C")."""
    if not pieces:
        return SafeString("")
    markers = [f"\x00{index}\x00" for index in range(len(pieces))]
    text = str(escape(format_list(markers, style="standard", locale=active_language())))
    for marker, piece in zip(markers, pieces, strict=True):
        text = text.replace(marker, str(piece))
    return mark_safe(text)  # noqa: S308 - the pattern is escaped, the pieces are safe HTML


def _substitute(pattern: str, **pieces: str) -> SafeString:
    """A translated pattern with %(name)s placeholders, escaped, filled with safe HTML pieces."""
    return mark_safe(str(escape(pattern)) % pieces)  # noqa: S308 - the pattern is escaped


def _territory_name(code: str) -> SafeString:
    vocab = load_vocabularies().territories
    try:
        name = vocab.name(code, active_language())
    except ExpressionError:
        name = code
    return format_html('<bdi title="{}">{}</bdi>', code, name)


def _media_name(code: str) -> SafeString:
    vocab = load_vocabularies().media
    try:
        name = vocab.name(code, active_language())
    except ExpressionError:
        name = code
    return format_html('<bdi title="{}">{}</bdi>', code, name)


def expression_html(expression: Expression, name: Callable[[str], SafeString]) -> SafeString:
    """Included terms, then "excluding" and the excluded ones, each named in the active language."""
    included = html_list([name(code) for code in expression.include])
    if not expression.exclude:
        return included
    excluded = html_list([name(code) for code in expression.exclude])
    return _substitute(_("%(included)s excluding %(excluded)s"), included=included, excluded=excluded)


def _unreadable(text: str) -> SafeString:
    return format_html('<bdi dir="ltr">{}</bdi>', text)


@register.filter
def territory_expression(text: str) -> SafeString:
    """A territory expression as entered ("WORLD excluding IR, BY") in the user's language."""
    try:
        expression = load_vocabularies().territories.parse(text)
    except ExpressionError:
        return _unreadable(text)
    return expression_html(expression, _territory_name)


@register.filter
def media_expression(text: str) -> SafeString:
    """A media expression as entered ("ON_DEMAND excluding AVOD") in the user's language."""
    try:
        expression = load_vocabularies().media.parse(text)
    except ExpressionError:
        return _unreadable(text)
    return expression_html(expression, _media_name)


@register.filter
def territory_set(leaves: Iterable[str], at: date | None = None) -> SafeString:
    """A set of countries in the fewest words: "World excluding Iran and Belarus", "CIS and Iran"."""
    countries = frozenset(leaves)
    if not countries:
        return SafeString("")
    try:
        expression = load_vocabularies().territories.describe(countries, at or timezone.localdate())
    except ExpressionError:
        expression = Expression(tuple(sorted(countries)))
    return expression_html(expression, _territory_name)


@register.filter
def media_set(leaves: Iterable[str]) -> SafeString:
    """A set of media leaves in the fewest words: "On demand excluding AVOD"."""
    media = frozenset(leaves)
    if not media:
        return SafeString("")
    try:
        expression = load_vocabularies().media.describe(media)
    except ExpressionError:
        expression = Expression(tuple(sorted(media)))
    return expression_html(expression, _media_name)


def _language_use_html(use: LanguageUse) -> SafeString:
    return format_html("{} ({})", language_name(use.language), USE_LABELS.get(use.use, use.use.value))


@register.filter
def language_uses(value: str | Iterable[LanguageUse] | None) -> SafeString | str:
    """Language uses ("fa:original ru:dubbed", or a set of them) in words; empty: every language."""
    if not value:
        return _("every language")
    uses: list[LanguageUse] = []
    if isinstance(value, str):
        for token in value.split():
            try:
                uses.append(LanguageUse.parse(token))
            except ValueError:
                return _unreadable(value)
    else:
        uses = list(value)
    return html_list([_language_use_html(use) for use in sorted(uses)])


# --- dates, windows and terms ------------------------------------------------------------------


def _date(value: date) -> SafeString:
    return SafeString(dual_date_html(value))


def span_html(start: date | None, end: date | None) -> SafeString:
    """[start, end) in words with the end as its last day; None bounds are open."""
    last = None if end is None else end - timedelta(days=1)
    if start is None and last is None:
        return mark_safe(escape(_("at all times")))  # noqa: S308 - escaped
    if last is None:
        return _substitute(_("from %(start)s"), start=_date(start))  # type: ignore[arg-type]
    if start is None:
        return _substitute(_("until %(last)s"), last=_date(last))
    return _substitute(_("%(start)s to %(last)s"), start=_date(start), last=_date(last))


@register.filter
def day_window(window: tuple[Day, Day]) -> SafeString:
    """An engine window (half-open days; BEGINNING/FOREVER open) in words."""
    return span_html(to_date(window[0]), to_date(window[1]))


@register.filter
def day_windows(windows: Iterable[tuple[Day, Day]]) -> SafeString:
    return html_list([day_window(window) for window in windows])


def _count(number: int) -> str:
    return localize_digits(str(number), active_language())


def offset_text(months: int, days: int) -> str:
    """ "6 months and 10 days", "2 years"; empty for no offset."""
    parts = []
    if months and months % 12 == 0:
        years = months // 12
        parts.append(ngettext("%(count)s year", "%(count)s years", years) % {"count": _count(years)})
    elif months:
        parts.append(ngettext("%(count)s month", "%(count)s months", months) % {"count": _count(months)})
    if days:
        parts.append(ngettext("%(count)s day", "%(count)s days", days) % {"count": _count(days)})
    return format_list(parts, style="standard", locale=active_language()) if parts else ""


@register.filter(name="release_event")
def event_text(event: str) -> str:
    """ "theatrical:BY" → "Theatrical release in Belarus"."""
    kind, _sep, territory = event.partition(":")
    label = str(ReleaseKind(kind).label) if kind in ReleaseKind.values else kind
    country = load_vocabularies().territories.name(territory, active_language()) if territory else ""
    return _("%(kind)s in %(country)s") % {"kind": label, "country": country}


@register.simple_tag
def grant_term(grant: Grant) -> SafeString:
    """A grant's term as a person states it, with the dates a relative term has taken (or its wait)."""
    if not grant.is_relative:
        if grant.start_date is None and grant.end_date is None:
            return mark_safe(escape(_("in perpetuity")))  # noqa: S308 - escaped
        if grant.end_date is None:
            return _substitute(_("from %(start)s, no end date"), start=_date(grant.start_date))  # type: ignore[arg-type]
        return span_html(grant.start_date, grant.end_date)
    event = escape(event_text(grant.event))
    offset = offset_text(grant.start_after_months, grant.start_after_days)
    if offset:
        start = _substitute(_("%(offset)s after %(event)s"), offset=escape(offset), event=event)
    else:
        start = _substitute(_("from %(event)s"), event=event)
    if grant.duration_months is None:
        length = escape(_("no end date"))
    else:
        duration = offset_text(grant.duration_months, grant.duration_days or 0)
        length = _substitute(_("lasting %(duration)s"), duration=escape(duration))
    if grant.is_waiting:
        dates = escape(_("waiting for the event: it blocks at all times until the event is recorded"))
    else:
        dates = span_html(grant.start_date, grant.end_date)
    return _substitute(_("%(start)s, %(length)s (%(dates)s)"), start=start, length=length, dates=dates)


@register.filter
def last_day(end: date | None) -> date | None:
    """The last day covered, from a stored exclusive end."""
    return None if end is None else end - timedelta(days=1)


# --- avails --------------------------------------------------------------------------------------


@register.filter
def avails_line(region: Region) -> SafeString:
    """One region of an answer for people: "SVOD: World excluding Iran and Belarus from 1 March 2027"."""
    text = _substitute(
        _("%(media)s: %(territories)s, %(windows)s"),
        media=media_set(region.media),
        territories=territory_set(region.territories),
        windows=day_windows(region.windows) if region.windows else escape(pgettext("availability", "never")),
    )
    if region.language_uses:
        text = _substitute(
            _("%(text)s (%(languages)s)"), text=text, languages=language_uses(region.language_uses)
        )
    return text


@register.filter
def plain(value: Any) -> str:
    """HTML as plain text (for a `title` attribute); the template escapes it again."""
    return html.unescape(strip_tags(str(value)))


# --- links on other apps' pages ------------------------------------------------------------------


@register.inclusion_tag("rights/_film_rights_links.html", takes_context=True)
def film_rights_links(context: dict[str, Any], film: Any) -> dict[str, Any]:
    """The "Rights" links of a film's page: availability for members, the ledger for its editors."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {
        "film": film,
        "signed_in": bool(getattr(viewer, "is_authenticated", False)),
        "can_search": policy.can_anywhere(viewer, policy.AVAILS_SEARCH),
        "can_edit": policy.can(viewer, policy.RIGHTS_EDIT, film.owner),
        "rights_url": reverse("rights:film_rights", args=[film.slug]),
        "grid_url": reverse("rights:film_grid", args=[film.slug]),
    }
