"""Conflict rules: examples people recognise, and agreement with a brute-force cell-and-day oracle."""

from collections.abc import Mapping, Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.rights.engine.conflicts import grant_conflicts
from cinebridge.rights.engine.types import (
    BEGINNING,
    FOREVER,
    Conflict,
    Day,
    Direction,
    Exclusivity,
    FixedTerm,
    Grant,
    LanguageUse,
    Offset,
    Region,
    RelativeTerm,
    Rule,
    Status,
    Use,
)

from .test_avails_oracle import BASE, HORIZON, LANGUAGE_USES, grants, scenarios

WORLD = frozenset({"IR", "BY", "RU", "AM"})
FA = LanguageUse("fa", Use.ORIGINAL)
RU_DUB = LanguageUse("ru", Use.DUBBED)


def held(grant_id: int = 1, **changes: object) -> Grant:
    base = Grant(
        grant_id,
        7,
        Direction.IN,
        frozenset({"THEATRICAL", "SVOD"}),
        WORLD,
        FixedTerm(BASE, BASE + 1000),
        sublicensable=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def out(grant_id: int, **changes: object) -> Grant:
    base = Grant(
        grant_id,
        7,
        Direction.OUT,
        frozenset({"SVOD"}),
        frozenset({"BY"}),
        FixedTerm(BASE + 100, BASE + 200),
        exclusivity=Exclusivity.EXCLUSIVE,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def rules(conflicts: Sequence[Conflict]) -> list[tuple[Rule, int | None]]:
    return [(c.rule, c.grant) for c in conflicts]


def test_two_exclusive_outs_in_the_same_cells_and_time_conflict_where_they_overlap() -> None:
    first = out(2)
    second = out(3, territories=frozenset({"BY", "RU"}), term=FixedTerm(BASE + 150, BASE + 300))
    [conflict] = grant_conflicts([held(), first], second, {}, BASE)
    assert (conflict.rule, conflict.grant) == (Rule.EXCLUSIVE_OVERLAP, 2)
    assert conflict.where.territories == {"BY"}
    assert conflict.where.windows == ((BASE + 150, BASE + 200),)


def test_half_open_terms_that_meet_do_not_overlap() -> None:
    first = out(2)
    after = out(3, term=FixedTerm(BASE + 200, BASE + 300))
    assert grant_conflicts([held(), first], after, {}, BASE) == []


def test_a_non_exclusive_out_may_not_touch_an_exclusive_one_or_a_holdback() -> None:
    holdback = replace(out(4), direction=Direction.HOLDBACK, media=frozenset({"THEATRICAL"}))
    proposed = out(5, exclusivity=Exclusivity.NON_EXCLUSIVE, media=frozenset({"SVOD", "THEATRICAL"}))
    assert rules(grant_conflicts([held(), out(2), holdback], proposed, {}, BASE)) == [
        (Rule.TOUCHES_EXCLUSIVE, 2),
        (Rule.TOUCHES_HOLDBACK, 4),
    ]


def test_an_exclusive_out_may_not_be_granted_over_an_existing_licence() -> None:
    licensed = out(2, exclusivity=Exclusivity.NON_EXCLUSIVE)
    assert rules(grant_conflicts([held(), licensed], out(3), {}, BASE)) == [(Rule.EXCLUSIVE_OVER_LICENSED, 2)]


def test_co_exclusive_licensees_of_one_group_share_their_exclusivity() -> None:
    first = out(2, exclusivity=Exclusivity.CO_EXCLUSIVE, co_exclusive_group="festival-circuit")
    second = replace(first, id=3)
    assert grant_conflicts([held(), first], second, {}, BASE) == []
    assert rules(grant_conflicts([held(), first], replace(second, co_exclusive_group="other"), {}, BASE)) == [
        (Rule.EXCLUSIVE_OVERLAP, 2)
    ]


def test_you_cannot_license_out_what_you_do_not_hold() -> None:
    [conflict] = grant_conflicts([held()], out(2, territories=frozenset({"BY", "KZ"})), {}, BASE)
    assert conflict.rule == Rule.NOT_HELD
    assert conflict.grant is None
    assert conflict.where.territories == {"KZ"}


def test_holding_past_its_end_is_not_held() -> None:
    [conflict] = grant_conflicts([held()], out(2, term=FixedTerm(BASE + 900, FOREVER)), {}, BASE)
    assert conflict.rule == Rule.NOT_HELD
    assert conflict.where.windows == ((BASE + 1000, FOREVER),)


def test_held_without_the_right_to_sublicense_is_refused() -> None:
    conflicts = grant_conflicts([held(sublicensable=False)], out(2), {}, BASE)
    assert rules(conflicts) == [(Rule.NOT_SUBLICENSABLE, None)]


def test_licensing_after_the_licensing_until_date_is_refused() -> None:
    holding = held(licensing_until=BASE + 50)
    assert grant_conflicts([holding], out(2), {}, BASE + 50) == []
    assert rules(grant_conflicts([holding], out(2), {}, BASE + 51)) == [(Rule.LICENSING_PERIOD_OVER, None)]


def test_language_uses_must_have_been_acquired() -> None:
    holding = held(language_uses=frozenset({FA}))
    conflicts = grant_conflicts([holding], out(2, language_uses=frozenset({FA, RU_DUB})), {}, BASE)
    assert rules(conflicts) == [(Rule.LANGUAGE_NOT_ACQUIRED, None)]
    assert conflicts[0].where.language_uses == frozenset({RU_DUB})
    assert grant_conflicts([holding], out(2, language_uses=frozenset({FA})), {}, BASE) == []


def test_an_unresolved_release_relative_grant_blocks_at_every_time() -> None:
    waiting = out(2, term=RelativeTerm("theatrical:BY", Offset(months=6), duration=Offset(months=6)))
    proposed = out(3, term=FixedTerm(BASE + 900, BASE + 950))
    assert rules(grant_conflicts([held(), waiting], proposed, {}, BASE)) == [(Rule.EXCLUSIVE_OVERLAP, 2)]
    # Once the release is recorded, the waiting grant takes its place in time and the two part.
    assert grant_conflicts([held(), waiting], proposed, {"theatrical:BY": BASE + 10}, BASE) == []


def test_draft_and_in_grants_are_not_checked() -> None:
    assert grant_conflicts([held(), out(2)], out(3, status=Status.DRAFT), {}, BASE) == []
    assert grant_conflicts([out(2)], held(3), {}, BASE) == []


# --- the oracle --------------------------------------------------------------------------
LANGUAGES_ALL = (*LANGUAGE_USES, LanguageUse("xx", Use.ORIGINAL))  # the last stands for every other
BINDING = (Status.PENDING, Status.ACTIVE)


def _days(span: tuple[Day, Day] | None) -> set[Day]:
    if span is None:
        return set(range(BASE, BASE + HORIZON))
    return set(range(max(span[0], BASE), min(span[1], BASE + HORIZON)))


def _uses(grant: Grant) -> set[LanguageUse]:
    return set(LANGUAGES_ALL) if grant.language_uses is None else set(grant.language_uses)


def _runs(days: set[Day]) -> tuple[tuple[Day, Day], ...]:
    runs: list[tuple[Day, Day]] = []
    for d in sorted(days):
        if runs and runs[-1][1] == d:
            runs[-1] = (runs[-1][0], d + 1)
        else:
            runs.append((d, d + 1))
    return tuple((BEGINNING if s == BASE else s, FOREVER if e == BASE + HORIZON else e) for s, e in runs)


def _expected_rule(existing: Grant, proposed: Grant) -> Rule | None:
    both_co = existing.exclusivity == proposed.exclusivity == Exclusivity.CO_EXCLUSIVE
    same_group = (
        both_co and existing.co_exclusive_group and existing.co_exclusive_group == proposed.co_exclusive_group
    )
    proposed_exclusive = proposed.exclusivity != Exclusivity.NON_EXCLUSIVE
    if existing.direction == Direction.HOLDBACK:
        return Rule.TOUCHES_HOLDBACK
    if existing.direction != Direction.OUT or same_group:
        return None
    if existing.exclusivity != Exclusivity.NON_EXCLUSIVE:
        return Rule.EXCLUSIVE_OVERLAP if proposed_exclusive else Rule.TOUCHES_EXCLUSIVE
    return Rule.EXCLUSIVE_OVER_LICENSED if proposed_exclusive else None


def oracle_conflicts(
    existing: Sequence[Grant], proposed: Grant, events: Mapping[str, Day], today: Day
) -> list[Conflict]:
    if proposed.direction != Direction.OUT or proposed.status not in BINDING:
        return []
    found = []
    others = sorted((g for g in existing if g.id != proposed.id), key=lambda g: g.id)
    proposed_days = _days(proposed.term.resolve(events))
    for other in others:
        rule = _expected_rule(other, proposed) if other.status in BINDING else None
        if rule is None:
            continue
        media = proposed.media & other.media
        territories = proposed.territories & other.territories
        uses = _uses(proposed) & _uses(other)
        days = proposed_days & _days(other.term.resolve(events))
        if media and territories and uses and days:
            languages = None if uses == set(LANGUAGES_ALL) else frozenset(uses)
            found.append(Conflict(rule, other.id, Region(media, territories, languages, False, _runs(days))))
    span = proposed.term.resolve(events)
    if span is None and isinstance(proposed.term, RelativeTerm):
        span = proposed.term.resolve({proposed.term.event: today})
    needed = _days(span)
    holdings = [g for g in others if g.direction == Direction.IN and g.status == Status.ACTIVE]
    stages = [
        (Rule.NOT_HELD, False, holdings),
        (Rule.LANGUAGE_NOT_ACQUIRED, True, holdings),
        (Rule.NOT_SUBLICENSABLE, True, [g for g in holdings if g.sublicensable]),
        (
            Rule.LICENSING_PERIOD_OVER,
            True,
            [
                g
                for g in holdings
                if g.sublicensable and (g.licensing_until is None or g.licensing_until >= today)
            ],
        ),
    ]
    for rule, with_languages, chosen in stages:
        wanted_uses: Sequence[LanguageUse | None]
        if not with_languages or proposed.language_uses is None:
            wanted_uses = [None]
        else:
            wanted_uses = sorted(proposed.language_uses)
        missing = set()
        for m in proposed.media:
            for t in proposed.territories:
                for use in wanted_uses:
                    covered: set[Day] = set()
                    for g in chosen:
                        language_ok = (
                            not with_languages
                            or g.language_uses is None
                            or (use is not None and use in g.language_uses)
                        )
                        if m in g.media and t in g.territories and language_ok:
                            resolved = g.term.resolve(events)
                            if resolved is not None:
                                covered |= _days(resolved)
                    missing |= {(m, t, use, d) for d in needed - covered}
        if missing:
            uses_missing = {u for _, _, u, _ in missing if u is not None}
            region = Region(
                frozenset(m for m, _, _, _ in missing),
                frozenset(t for _, t, _, _ in missing),
                frozenset(uses_missing) if uses_missing else None,
                False,
                _runs({d for _, _, _, d in missing}),
                not_held=True,
            )
            found.append(Conflict(rule, None, region))
            break
    return found


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Grant], Grant, dict[str, Day], Day]:
    scenario = draw(scenarios())
    existing = [replace(g, work=1) for g in scenario.grants]
    proposed = replace(draw(grants(100)), work=1, direction=Direction.OUT)
    if draw(st.booleans()):
        proposed = replace(proposed, status=Status.ACTIVE)
    sublicensing = [
        replace(
            g,
            sublicensable=draw(st.booleans()),
            licensing_until=draw(st.none() | st.integers(BASE, BASE + 90)),
        )
        for g in existing
    ]
    return sublicensing, proposed, scenario.events[1], draw(st.integers(BASE + 1, BASE + 90))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_conflicts_agree_with_the_cell_and_day_oracle(
    case: tuple[list[Grant], Grant, dict[str, Day], Day],
) -> None:
    existing, proposed, events, today = case
    assert grant_conflicts(existing, proposed, events, today) == oracle_conflicts(
        existing, proposed, events, today
    )
