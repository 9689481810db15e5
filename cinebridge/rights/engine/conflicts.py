"""Conflict rules checked when a grant is saved. Pure Python.

A proposed OUT grant must not collide with someone's exclusivity or a holdback, and must be held:
inside the union of active IN grants (every cell, every day of its term), held with the right to
license on, within the holder's "licensing until" date, and for the language uses it licenses.
Each refusal names the rule, the existing grant (when there is one) and where they overlap.
"""

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from . import avails, intervals
from .types import (
    FOREVER,
    Conflict,
    Day,
    Direction,
    Exclusivity,
    Grant,
    LanguageUse,
    Region,
    RelativeTerm,
    Rule,
    Status,
    TerritoryLeaf,
    Window,
)

# Grants that already bind the holder: a pending deal's grants count as much as active ones.
BINDING = frozenset({Status.PENDING, Status.ACTIVE})


def grant_conflicts(
    existing: Sequence[Grant], proposed: Grant, events: Mapping[str, Day], today: Day
) -> list[Conflict]:
    """Every rule the proposed grant breaks against the other grants of its work.

    `today` is the day the proposed grant is concluded (its contract date): the holder's "licensing
    until" is weighed then, and a release not recorded yet is assumed to happen then at the earliest.
    """
    if proposed.direction is not Direction.OUT or proposed.status not in BINDING:
        return []
    others = [g for g in existing if g.id != proposed.id]
    found = _collisions(others, proposed, events)
    found.extend(_missing_holding(others, proposed, events, today))
    return found


def _exclusive(grant: Grant) -> bool:
    return grant.exclusivity is not Exclusivity.NON_EXCLUSIVE


def _shares_exclusivity(a: Grant, b: Grant) -> bool:
    return (
        a.exclusivity is Exclusivity.CO_EXCLUSIVE
        and b.exclusivity is Exclusivity.CO_EXCLUSIVE
        and a.co_exclusive_group != ""
        and a.co_exclusive_group == b.co_exclusive_group
    )


def _collision_rule(existing: Grant, proposed: Grant) -> Rule | None:
    if existing.direction is Direction.HOLDBACK:
        return Rule.TOUCHES_HOLDBACK
    if existing.direction is not Direction.OUT or _shares_exclusivity(existing, proposed):
        return None
    if _exclusive(existing):
        return Rule.EXCLUSIVE_OVERLAP if _exclusive(proposed) else Rule.TOUCHES_EXCLUSIVE
    return Rule.EXCLUSIVE_OVER_LICENSED if _exclusive(proposed) else None


def _collisions(others: Sequence[Grant], proposed: Grant, events: Mapping[str, Day]) -> list[Conflict]:
    span = avails.blocking_span(proposed, events)
    found = []
    for other in sorted(others, key=lambda g: g.id):
        if other.status not in BINDING:
            continue
        rule = _collision_rule(other, proposed)
        if rule is None:
            continue
        where = overlap(proposed, span, other, avails.blocking_span(other, events))
        if where is not None:
            found.append(Conflict(rule=rule, grant=other.id, where=where))
    return found


def overlap(a: Grant, a_span: Window, b: Grant, b_span: Window) -> Region | None:
    """Where two grants meet (media, territories, language uses, days), or None."""
    media = a.media & b.media
    territories = a.territories & b.territories
    languages = _common_languages(a.language_uses, b.language_uses)
    start, end = max(a_span[0], b_span[0]), min(a_span[1], b_span[1])
    if not media or not territories or start >= end or (languages is not None and not languages):
        return None
    return Region(media, territories, languages, available=False, windows=((start, end),))


def _common_languages(
    a: frozenset[LanguageUse] | None, b: frozenset[LanguageUse] | None
) -> frozenset[LanguageUse] | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def needed_span(grant: Grant, events: Mapping[str, Day], today: Day) -> Window:
    """The days an OUT grant must be held for; while its event is unrecorded, as if it happened today."""
    span = grant.term.resolve(events)
    if span is None and isinstance(grant.term, RelativeTerm):
        span = grant.term.resolve({grant.term.event: today})
    return span or (today, FOREVER)


# The holding checks, in order: the first that fails is the one reported.
HoldingFilter = Callable[[Grant, Day], bool]
_HOLDING_STAGES: tuple[tuple[Rule, bool, HoldingFilter], ...] = (
    (Rule.NOT_HELD, False, lambda grant, today: True),
    (Rule.LANGUAGE_NOT_ACQUIRED, True, lambda grant, today: True),
    (Rule.NOT_SUBLICENSABLE, True, lambda grant, today: grant.sublicensable),
    (
        Rule.LICENSING_PERIOD_OVER,
        True,
        lambda grant, today: (
            grant.sublicensable and (grant.licensing_until is None or grant.licensing_until >= today)
        ),
    ),
)


def _missing_holding(
    others: Sequence[Grant], proposed: Grant, events: Mapping[str, Day], today: Day
) -> list[Conflict]:
    span = needed_span(proposed, events, today)
    holdings = [
        (grant, held)
        for grant in others
        if avails.holds(grant) and (held := avails.holding_span(grant, events)) is not None
    ]
    if any(_holds_alone(grant, held, proposed, span, today) for grant, held in holdings):
        return []  # the common case: one IN grant holds the whole box, with every right needed
    for rule, with_languages, usable in _HOLDING_STAGES:
        chosen = [(grant, held) for grant, held in holdings if usable(grant, today)]
        missing = _uncovered(proposed, span, chosen, with_languages)
        if missing is not None:
            return [Conflict(rule=rule, grant=None, where=missing)]
    return []


def _holds_alone(holding: Grant, held: Window, proposed: Grant, span: Window, today: Day) -> bool:
    """Whether this one IN grant passes every holding rule for the whole proposed box."""
    if not holding.sublicensable or (holding.licensing_until is not None and holding.licensing_until < today):
        return False
    if held[0] > span[0] or held[1] < span[1]:
        return False
    if holding.language_uses is not None and (
        proposed.language_uses is None or not proposed.language_uses <= holding.language_uses
    ):
        return False
    return proposed.media <= holding.media and proposed.territories <= holding.territories


def _uncovered(
    proposed: Grant, span: Window, holdings: Sequence[tuple[Grant, Window]], with_languages: bool
) -> Region | None:
    """The part of the proposed grant's box that the holdings leave uncovered, as one region."""
    uses: Sequence[LanguageUse | None]
    if not with_languages:
        uses = [None]
    elif proposed.language_uses is None:
        uses = [None]  # every language: only IN grants for every language hold it
    else:
        uses = sorted(proposed.language_uses)
    missing_media: set[str] = set()
    missing_territories: set[TerritoryLeaf] = set()
    missing_uses: set[LanguageUse] = set()
    missing_days: list[Window] = []
    by_territories: dict[frozenset[int], set[TerritoryLeaf]] = defaultdict(set)
    for territory in proposed.territories:
        by_territories[frozenset(i for i, (g, _) in enumerate(holdings) if territory in g.territories)].add(
            territory
        )
    for medium in proposed.media:
        with_medium = {i for i, (g, _) in enumerate(holdings) if medium in g.media}
        for use in uses:
            for holders, territories in by_territories.items():
                chosen = [
                    holdings[i][1]
                    for i in holders & with_medium
                    if _holds_language(holdings[i][0], use, with_languages)
                ]
                gaps = intervals.subtract([span], intervals.union(chosen))
                if gaps:
                    missing_media.add(medium)
                    missing_territories |= territories
                    if use is not None:
                        missing_uses.add(use)
                    missing_days.extend(gaps)
    if not missing_media:
        return None
    return Region(
        media=frozenset(missing_media),
        territories=frozenset(missing_territories),
        language_uses=frozenset(missing_uses) if missing_uses else None,
        available=False,
        windows=tuple(intervals.union(missing_days)),
        not_held=True,
    )


def _holds_language(holding: Grant, use: LanguageUse | None, with_languages: bool) -> bool:
    if not with_languages or holding.language_uses is None:
        return True
    return use is not None and use in holding.language_uses
