"""How fast the lane moves: a day's visits, seconds per visitor and stops.

The numbers are ``domain/lane.py``'s (the ledger's summary sheet shows the same);
here a day's visits are read, deleted ones left out, with their operator.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from checkpoint_desk.clock import day_bounds, to_local
from checkpoint_desk.domain.lane import LaneRow, lane_lines
from checkpoint_desk.store.models import Operator, Shift, Visit


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


def _visits_between(
    session: Session, start: datetime, end: datetime, station_id: uuid.UUID | None
) -> list[tuple[int, str, bool, float | None]]:
    query = (
        select(Visit.at, Visit.verdict, Visit.lane_seconds, Operator.name)
        .outerjoin(Shift, col(Shift.id) == col(Visit.shift_id))
        .outerjoin(Operator, col(Operator.id) == col(Shift.operator_id))
        .where(col(Visit.at) >= start, col(Visit.at) < end, col(Visit.deleted_at).is_(None))
    )
    if station_id is not None:
        query = query.where(Visit.station_id == station_id)
    return [
        (to_local(at).hour, name or "", verdict == "stop", seconds)
        for at, verdict, seconds, name in session.exec(query).all()
    ]


def lane_stats(engine: Engine, day: date, station_id: uuid.UUID | None = None) -> LaneStats:
    """The lane on the local ``day`` (deleted visits left out)."""
    start, end = day_bounds(day)
    with Session(engine) as session:
        seen = _visits_between(session, start, end, station_id)
    hours, operators, total = lane_lines(seen)
    return LaneStats(day=day, hours=hours, operators=operators, total=total)


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
