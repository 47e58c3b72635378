"""How fast the lane moves, as numbers: visits, stops, median and p90 seconds.

The seconds are each visit's ``lane_seconds`` (first scan or key to commit); a
visit without them (an import, an older visit) counts as a visit and a stop, not in
the seconds. Median and 90th percentile by nearest rank: the p90 is one visitor's
real time, never an interpolation. Shared by ``checkpoint-desk stats`` and the
ledger's summary sheet.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LaneRow:
    """One line: ``hour`` (local, 0–23) or ``operator`` says which, or neither (all)."""

    visits: int
    stops: int
    median_s: float | None
    p90_s: float | None
    hour: int | None = None
    operator: str | None = None

    def as_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        if self.hour is not None:
            row["hour"] = self.hour
        if self.operator is not None:
            row["operator"] = self.operator
        row.update(visits=self.visits, median_s=self.median_s, p90_s=self.p90_s, stops=self.stops)
        return row


def nearest_rank(values: list[float], share: float) -> float | None:
    """The value at ``share`` (0–1) of the sorted ``values`` by nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def lane_row(
    visits: Iterable[tuple[bool, float | None]],
    *,
    hour: int | None = None,
    operator: str | None = None,
) -> LaneRow:
    """The line for ``visits``, each (stopped, lane seconds or None)."""
    items = list(visits)
    seconds = [s for _, s in items if s is not None]
    median, p90 = nearest_rank(seconds, 0.5), nearest_rank(seconds, 0.9)
    return LaneRow(
        visits=len(items),
        stops=sum(stopped for stopped, _ in items),
        median_s=round(median, 1) if median is not None else None,
        p90_s=round(p90, 1) if p90 is not None else None,
        hour=hour,
        operator=operator,
    )


def lane_lines(
    visits: Iterable[tuple[int, str, bool, float | None]],
) -> tuple[tuple[LaneRow, ...], tuple[LaneRow, ...], LaneRow]:
    """Per hour, per operator and in all for ``visits``, each (local hour, operator,
    stopped, lane seconds or None)."""
    items = list(visits)
    hours: dict[int, list[tuple[bool, float | None]]] = {}
    operators: dict[str, list[tuple[bool, float | None]]] = {}
    for hour, operator, stopped, seconds in items:
        hours.setdefault(hour, []).append((stopped, seconds))
        operators.setdefault(operator, []).append((stopped, seconds))
    return (
        tuple(lane_row(hours[h], hour=h) for h in sorted(hours)),
        tuple(lane_row(operators[o], operator=o) for o in sorted(operators)),
        lane_row((stopped, seconds) for _, _, stopped, seconds in items),
    )
