"""What the office's Today page shows: each station's day, the hours, stops awaiting.

Every station's in / out / stopped / fever visits and the visits of each hour across
stations are summed from the quarter-hour counts ``ingest`` keeps (``hub/counts.py``);
the stops awaiting a disposition come from ``ix_hub_visit_awaiting_at``.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, day_bounds, utc_now
from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.hub.anchors import clock_skews
from checkpoint_desk.hub.stations import list_stations
from checkpoint_desk.hub.tables import (
    AWAITING,
    operator,
    shift,
    station,
    visit,
    visit_count,
)

UNHEARD = timedelta(minutes=30)
"""A station not heard from for this long stands out on the page."""
HOURS = 24
AWAITING_SHOWN = 200


@dataclass(frozen=True)
class StationDay:
    name: str
    shift_open: bool
    operator: str | None
    shift_since: datetime | None
    came_in: int
    went_out: int
    stopped: int
    fever: int
    last_seen_at: datetime | None
    stale: timedelta | None  # now − last_seen_at
    skew_s: float | None

    @property
    def unheard(self) -> bool:
        return self.stale is None or self.stale >= UNHEARD


@dataclass(frozen=True)
class Today:
    day: date
    stations: list[StationDay]
    per_hour: list[int]  # visits in each local hour of the day, all stations
    hour_starts: list[datetime]

    @property
    def totals(self) -> dict[str, int]:
        return {
            "came_in": sum(s.came_in for s in self.stations),
            "went_out": sum(s.went_out for s in self.stations),
            "stopped": sum(s.stopped for s in self.stations),
            "fever": sum(s.fever for s in self.stations),
        }


def _hour_starts(day: date) -> tuple[list[datetime], datetime]:
    start, end = day_bounds(day)
    starts = []
    local = start.astimezone()
    for hour in range(HOURS):
        moment = (local.replace(tzinfo=None) + timedelta(hours=hour)).astimezone()
        starts.append(max(start, min(end, moment)))
    return starts, end


def _counts(engine: Engine, day: date) -> tuple[dict[uuid.UUID, list[int]], list[int]]:
    """Per owning station: in, out, stopped, fever; and the visits of each local hour,
    all stations: two grouped reads of the kept counts."""
    starts, end = _hour_starts(day)
    kept = sa.and_(
        # Through the stations: a seek per station in the key (owner_id, slot), not
        # a scan of every station's every quarter hour.
        visit_count.c.owner_id.in_(sa.select(station.c.id)),
        visit_count.c.slot >= starts[0],
        visit_count.c.slot < end,
    )
    per_station = (
        sa.select(
            visit_count.c.owner_id,
            *(
                sa.func.sum(column)
                for column in (
                    visit_count.c.came_in,
                    visit_count.c.went_out,
                    visit_count.c.stopped,
                    visit_count.c.fever,
                )
            ),
        )
        .where(kept)
        .group_by(visit_count.c.owner_id)
    )
    per_slot = (
        sa.select(visit_count.c.slot, sa.func.sum(visit_count.c.visits))
        .where(kept)
        .group_by(visit_count.c.slot)
    )
    per_hour = [0] * HOURS
    with engine.connect() as conn:
        found = {owner: [int(v) for v in values] for owner, *values in conn.execute(per_station)}
        for slot, visits in conn.execute(per_slot):
            per_hour[bisect_right(starts, slot) - 1] += int(visits)
    return found, per_hour


def _latest_shifts(engine: Engine) -> dict[uuid.UUID, tuple[bool, str | None, datetime]]:
    """Each owning station's newest shift: open?, its operator, when it opened."""
    newest = (
        sa.select(shift.c.owner_id, sa.func.max(shift.c.opened_at).label("opened_at"))
        .group_by(shift.c.owner_id)
        .subquery()
    )
    query = sa.select(
        shift.c.owner_id, shift.c.closed_at, shift.c.opened_at, operator.c.name
    ).select_from(
        shift.join(
            newest,
            sa.and_(newest.c.owner_id == shift.c.owner_id, newest.c.opened_at == shift.c.opened_at),
        ).outerjoin(operator, operator.c.id == shift.c.operator_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return {r.owner_id: (r.closed_at is None, r.name, r.opened_at) for r in rows}


def today(engine: Engine, day: date, *, clock: Clock = utc_now) -> Today:
    now = clock()
    counts, per_hour = _counts(engine, day)
    shifts = _latest_shifts(engine)
    skews = clock_skews(engine)
    rows = []
    for found in list_stations(engine):
        came_in, went_out, stopped, fever = counts.get(found.id, [0, 0, 0, 0])
        open_, who, since = shifts.get(found.id, (False, None, None))
        seen = found.last_seen_at
        rows.append(
            StationDay(
                name=found.name,
                shift_open=open_,
                operator=who,
                shift_since=since,
                came_in=came_in,
                went_out=went_out,
                stopped=stopped,
                fever=fever,
                last_seen_at=seen,
                stale=max(now - seen, timedelta(0)) if seen else None,
                skew_s=skews.get(str(found.desk_station_id)) if found.desk_station_id else None,
            )
        )
    return Today(day, rows, per_hour, _hour_starts(day)[0])


@dataclass(frozen=True)
class AwaitingStop:
    at: datetime
    station: str
    name: str
    id_number: str
    phone: str
    temperature_c: float | None
    reasons: list[str]


def awaiting_disposition(engine: Engine, *, unmasked: bool = False) -> list[AwaitingStop]:
    """The newest stops no one has disposed of yet (at most ``AWAITING_SHOWN``)."""
    query = (
        sa.select(
            visit.c.at,
            sa.func.coalesce(station.c.name, "?").label("station"),
            visit.c.name,
            visit.c.id_number,
            visit.c.phone,
            visit.c.temperature_c,
            visit.c.reasons,
        )
        .select_from(visit.outerjoin(station, station.c.id == visit.c.owner_id))
        .where(sa.text(AWAITING), visit.c.deleted_at.is_(None))
        .order_by(visit.c.at.desc())
        .limit(AWAITING_SHOWN)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        AwaitingStop(
            at=r.at,
            station=r.station,
            name=r.name,
            id_number=(r.id_number or "") if unmasked else mask_id_number(r.id_number),
            phone=(r.phone or "") if unmasked else mask_phone(r.phone),
            temperature_c=r.temperature_c,
            reasons=[str(x) for x in (r.reasons or [])],
        )
        for r in rows
    ]
