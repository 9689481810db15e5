"""Unions and differences of half-open day ranges, kept sorted and maximal."""

from collections.abc import Iterable

from .types import Window


def union(ranges: Iterable[Window]) -> list[Window]:
    """Sorted, disjoint, maximal ranges covering the same days; touching ranges merge."""
    merged: list[Window] = []
    for start, end in sorted(r for r in ranges if r[0] < r[1]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(kept: list[Window], removed: list[Window]) -> list[Window]:
    """`kept` − `removed`, both sorted, disjoint and maximal (as `union` returns them)."""
    result: list[Window] = []
    index = 0
    for start, end in kept:
        cursor = start
        while index < len(removed) and removed[index][1] <= cursor:
            index += 1
        probe = index
        while probe < len(removed) and removed[probe][0] < end:
            gap_start, gap_end = removed[probe]
            if gap_start > cursor:
                result.append((cursor, gap_start))
            cursor = max(cursor, gap_end)
            probe += 1
        if cursor < end:
            result.append((cursor, end))
    return result


def covers(ranges: list[Window], window: Window) -> bool:
    """Whether one of the (maximal) ranges contains the whole window."""
    return any(start <= window[0] and end >= window[1] for start, end in ranges)


def overlaps(a: Window, b: Window) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlap_days(a: Window, b: Window) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
