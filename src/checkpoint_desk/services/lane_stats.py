"""How fast the lane moves: a day's visits, seconds per visitor and stops.

Each visit records ``lane_seconds``, from the visitor's first scan or key to the
commit (``services/desk_loop.py``); imports and visits from before have none and
count as visits and stops, not in the seconds. The median and the 90th percentile
use the nearest rank (the p90 is a visitor's real time, never an interpolation).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from checkpoint_desk.clock import day_bounds, to_local
from checkpoint_desk.store.models import Operator, Shift, Visit


@dataclass(frozen=True)
class LaneRow:
    """One line of the stats: ``hour`` (local, 0–23) or ``operator`` says which."""

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


@dataclass(frozen=True)
class LaneStats:
    """A day's lane: per local hour, per operator and the whole day."""

    day: date
    hours: tuple[LaneRow, ...]
    operators: tuple[LaneRow, ...]
    total: LaneRow

    def as_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "hours": [r.as_json() for r in self.hours],
            "operators": [r.as_json() for r in self.operators],
            "total": self.total.as_json(),
        }


@dataclass(frozen=True)
class _Seen:
    at: datetime
    operator: str
    stopped: bool
    seconds: float | None


def nearest_rank(values: list[float], share: float) -> float | None:
    """The value at ``share`` (0–1) of the sorted ``values`` by nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _row(seen: Iterable[_Seen], **which: Any) -> LaneRow:
    items = list(seen)
    seconds = [s.seconds for s in items if s.seconds is not None]
    median, p90 = nearest_rank(seconds, 0.5), nearest_rank(seconds, 0.9)
    return LaneRow(
        visits=len(items),
        stops=sum(s.stopped for s in items),
        median_s=round(median, 1) if median is not None else None,
        p90_s=round(p90, 1) if p90 is not None else None,
        **which,
    )


def _visits_between(
    session: Session, start: datetime, end: datetime, station_id: uuid.UUID | None
) -> list[_Seen]:
    query = (
        select(Visit.at, Visit.verdict, Visit.lane_seconds, Operator.name)
        .outerjoin(Shift, col(Shift.id) == col(Visit.shift_id))
        .outerjoin(Operator, col(Operator.id) == col(Shift.operator_id))
        .where(col(Visit.at) >= start, col(Visit.at) < end, col(Visit.deleted_at).is_(None))
    )
    if station_id is not None:
        query = query.where(Visit.station_id == station_id)
    return [
        _Seen(at, name or "", verdict == "stop", seconds)
        for at, verdict, seconds, name in session.exec(query).all()
    ]


def lane_stats(engine: Engine, day: date, station_id: uuid.UUID | None = None) -> LaneStats:
    """The lane on the local ``day`` (deleted visits left out)."""
    start, end = day_bounds(day)
    with Session(engine) as session:
        seen = _visits_between(session, start, end, station_id)
    hours: dict[int, list[_Seen]] = {}
    operators: dict[str, list[_Seen]] = {}
    for item in seen:
        hours.setdefault(to_local(item.at).hour, []).append(item)
        operators.setdefault(item.operator, []).append(item)
    return LaneStats(
        day=day,
        hours=tuple(_row(hours[h], hour=h) for h in sorted(hours)),
        operators=tuple(_row(operators[o], operator=o) for o in sorted(operators)),
        total=_row(seen),
    )


def people_per_minute(
    engine: Engine, now: datetime, station_id: uuid.UUID | None = None, minutes: int = 60
) -> float:
    """Visitors registered in the last ``minutes``, per minute (the status bar's pace)."""
    query = (
        select(func.count())
        .select_from(Visit)
        .where(
            col(Visit.at) > now - timedelta(minutes=minutes),
            col(Visit.at) <= now,
            col(Visit.deleted_at).is_(None),
        )
    )
    if station_id is not None:
        query = query.where(Visit.station_id == station_id)
    with Session(engine) as session:
        return int(session.exec(query).one()) / minutes
