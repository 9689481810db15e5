"""A jury's aggregate score of one submission. Pure Python.

Each member gives a score from 1 to 10, or abstains (None). A score given under a conflict of
interest (declared by the member, or found by the platform: the member's organisation owns the film
or entered it) is kept on record but left out of the mean, and flags the submission so the festival
sees it. The mean is exact, rounded half-up to two places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["MAX_SCORE", "MIN_SCORE", "Aggregate", "Score", "aggregate"]

MIN_SCORE = 1
MAX_SCORE = 10


@dataclass(frozen=True)
class Score:
    member: int  # the jury member's id
    score: int | None  # None: abstained
    conflicted: bool = False


@dataclass(frozen=True)
class Aggregate:
    mean: Decimal | None  # None when no score counts
    counted: int
    abstained: int
    excluded_for_conflict: int
    flagged: bool  # a conflict of interest touches this submission


def aggregate(scores: Sequence[Score]) -> Aggregate:
    """The mean of the scores that count, and how many were abstentions or set aside for a conflict.

    ValueError when a member appears twice or a score is outside 1..10.
    """
    seen: set[int] = set()
    total = counted = abstained = excluded = 0
    for entry in scores:
        if entry.member in seen:
            raise ValueError(f"member {entry.member} scored twice")
        seen.add(entry.member)
        if entry.score is not None and not MIN_SCORE <= entry.score <= MAX_SCORE:
            raise ValueError(
                f"score {entry.score} of member {entry.member} is outside {MIN_SCORE}..{MAX_SCORE}"
            )
        if entry.conflicted:
            excluded += 1
        elif entry.score is None:
            abstained += 1
        else:
            counted += 1
            total += entry.score
    return Aggregate(
        mean=_mean_half_up(total, counted) if counted else None,
        counted=counted,
        abstained=abstained,
        excluded_for_conflict=excluded,
        flagged=excluded > 0,
    )


def _mean_half_up(total: int, count: int) -> Decimal:
    # In hundredths, by integer arithmetic: floor(total * 100 / count + 1/2), exact for any count.
    hundredths = (200 * total + count) // (2 * count)
    return Decimal(hundredths).scaleb(-2)
