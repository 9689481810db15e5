"""The jury aggregate: examples (half-up rounding, abstentions, conflicts) and random juries against an
oracle that computes the mean with fractions and Decimal's own half-up rounding."""

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.events.engine.jury import Aggregate, Score, aggregate


def test_the_mean_of_the_scores_that_count():
    assert aggregate([Score(1, 7), Score(2, 8)]) == Aggregate(
        mean=Decimal("7.50"), counted=2, abstained=0, excluded_for_conflict=0, flagged=False
    )


def test_the_mean_is_rounded_half_up_to_two_places():
    # 9/8 = 1.125: half-up gives 1.13 where banker's rounding would give 1.12.
    scores = [Score(i, 1) for i in range(7)] + [Score(7, 2)]
    assert aggregate(scores).mean == Decimal("1.13")
    assert aggregate([Score(1, 1), Score(2, 2), Score(3, 2)]).mean == Decimal("1.67")
    assert aggregate([Score(1, 1), Score(2, 1), Score(3, 2)]).mean == Decimal("1.33")


def test_an_abstention_is_counted_apart_and_does_not_pull_the_mean_down():
    result = aggregate([Score(1, 8), Score(2, None)])
    assert (result.mean, result.counted, result.abstained) == (Decimal("8.00"), 1, 1)


def test_a_conflicted_score_is_left_out_and_flags_the_entry():
    result = aggregate([Score(1, 4), Score(2, 10, conflicted=True), Score(3, None, conflicted=True)])
    assert result == Aggregate(
        mean=Decimal("4.00"), counted=1, abstained=0, excluded_for_conflict=2, flagged=True
    )


def test_no_counted_score_gives_no_mean():
    assert aggregate([]) == Aggregate(None, 0, 0, 0, False)
    assert aggregate([Score(1, None), Score(2, 9, conflicted=True)]).mean is None


@pytest.mark.parametrize("bad", [0, 11, -3])
def test_a_score_outside_one_to_ten_is_refused(bad):
    with pytest.raises(ValueError, match="outside"):
        aggregate([Score(1, bad)])


def test_a_member_scoring_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        aggregate([Score(1, 5), Score(1, 6)])


def oracle(scores):
    kept = [s.score for s in scores if not s.conflicted and s.score is not None]
    mean = None
    if kept:
        exact = Fraction(sum(kept), len(kept))
        with localcontext() as context:
            context.prec = 60
            mean = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
    conflicted = sum(1 for s in scores if s.conflicted)
    return Aggregate(
        mean=mean,
        counted=len(kept),
        abstained=sum(1 for s in scores if s.score is None and not s.conflicted),
        excluded_for_conflict=conflicted,
        flagged=conflicted != 0,
    )


juries = st.lists(st.tuples(st.none() | st.integers(1, 10), st.booleans()), max_size=40).map(
    lambda entries: [Score(member, score, conflicted) for member, (score, conflicted) in enumerate(entries)]
)


@settings(deadline=None)
@given(juries)
def test_the_aggregate_agrees_with_the_oracle(scores):
    assert aggregate(scores) == oracle(scores)


@settings(deadline=None)
@given(juries)
def test_the_mean_lies_between_the_lowest_and_highest_counted_score(scores):
    result = aggregate(scores)
    kept = [s.score for s in scores if not s.conflicted and s.score is not None]
    if kept:
        assert min(kept) <= result.mean <= max(kept)
        assert result.mean == result.mean.quantize(Decimal("0.01"))
    assert result.counted + result.abstained + result.excluded_for_conflict == len(scores)
