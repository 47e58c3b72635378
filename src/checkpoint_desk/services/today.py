"""What happened today: the recent-visits list, the counters, the outbox size."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import ColumnElement, Engine, String, and_, cast, func, or_, select
from sqlmodel import Session, col

from checkpoint_desk.store.models import DailyCount, Operator, Person, Shift, Vehicle, Visit


@dataclass(frozen=True)
class VisitRow:
    """One line of the recent-visits list or a ledger, secrets masked."""

    visit_id: uuid.UUID
    at: datetime
    direction: str
    name: str
    id_masked: str
    phone_masked: str
    plate: str
    passengers: int
    temperature_c: float | None
    retest_temperature_c: float | None
    health_code: str
    verdict: str
    reasons: tuple[str, ...]
    disposition: str | None
    operator_name: str
    purpose: str
    destination: str
    source: str
    note: str


@dataclass(frozen=True)
class DayCounts:
    """The header's counters for one day."""

    count_in: int
    count_out: int
    stopped: int
    fever: int


def visits_between(
    engine: Engine, start: datetime, end: datetime, limit: int | None = None
) -> list[VisitRow]:
    """Visits with ``start <= at < end``, newest first; ``limit`` caps the rows."""
    query = (
        select(
            Visit,
            col(Person.name),
            col(Person.id_masked),
            col(Person.phone_masked),
            col(Vehicle.plate),
            col(Operator.name),
        )
        .join(Person, col(Visit.person_id) == Person.id, isouter=True)
        .join(Vehicle, col(Visit.vehicle_id) == Vehicle.id, isouter=True)
        .join(Shift, col(Visit.shift_id) == Shift.id, isouter=True)
        .join(Operator, col(Shift.operator_id) == Operator.id, isouter=True)
        .where(col(Visit.at) >= start, col(Visit.at) < end, col(Visit.deleted_at).is_(None))
        .order_by(col(Visit.at).desc())
    )
    if limit is not None:
        query = query.limit(limit)
    with Session(engine) as session:
        rows = session.execute(query).all()
    return [
        VisitRow(
            visit_id=visit.id,
            at=visit.at,
            direction=visit.direction,
            name=name or "",
            id_masked=id_masked or "",
            phone_masked=phone_masked or "",
            plate=plate or "",
            passengers=visit.passengers,
            temperature_c=visit.temperature_c,
            retest_temperature_c=visit.retest_temperature_c,
            health_code=visit.health_code,
            verdict=visit.verdict,
            reasons=tuple(visit.reasons or ()),
            disposition=visit.disposition,
            operator_name=operator or "",
            purpose=visit.purpose,
            destination=visit.destination,
            source=visit.source,
            note=visit.note,
        )
        for visit, name, id_masked, phone_masked, plate, operator in rows
    ]


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where local ``day`` in ``tz`` starts and ends."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def day_counts(engine: Engine, day: date, tz: tzinfo) -> DayCounts:
    """In / out / stopped / fever counts for the local day ``day`` in ``tz``.

    Visits purged after the retention period still count: their counters were kept
    in ``DailyCount`` (``services/retention.py``) and are added here.
    """
    start, end = day_bounds(day, tz)
    live = counts_where(engine, and_(col(Visit.at) >= start, col(Visit.at) < end))
    with Session(engine) as session:
        kept = session.execute(
            select(
                func.sum(DailyCount.count_in),
                func.sum(DailyCount.count_out),
                func.sum(DailyCount.stopped),
                func.sum(DailyCount.fever),
            ).where(col(DailyCount.day) == day)
        ).one()
    purged = DayCounts(*(int(value or 0) for value in kept))
    return DayCounts(
        live.count_in + purged.count_in,
        live.count_out + purged.count_out,
        live.stopped + purged.stopped,
        live.fever + purged.fever,
    )


def counts_where(engine: Engine, condition: ColumnElement[bool]) -> DayCounts:
    """The four counters over the visits matching ``condition`` (a SQL expression)."""
    fever = cast(col(Visit.reasons), String).like('%"fever"%')
    query = select(
        func.count().filter(col(Visit.direction) == "in"),
        func.count().filter(col(Visit.direction) == "out"),
        func.count().filter(col(Visit.verdict) == "stop"),
        func.count().filter(fever),
    ).where(condition, col(Visit.deleted_at).is_(None))
    with Session(engine) as session:
        row = session.execute(query).one()
    return DayCounts(*(int(value or 0) for value in row))


def unsynced_count(engine: Engine) -> int:
    """Visits the hub has not acknowledged at their current revision (the outbox)."""
    outbox = or_(
        col(Visit.synced_revision).is_(None), col(Visit.synced_revision) < col(Visit.revision)
    )
    with Session(engine) as session:
        return int(
            session.execute(select(func.count()).select_from(Visit).where(outbox)).scalar_one()
        )
