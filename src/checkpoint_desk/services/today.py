"""What happened today: the recent-visits rows and the counters.

The unsynced count is ``sync.outbox.waiting_count`` (one count for the status bar, the
shift report and the sync round).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Engine, String, and_, cast, func, select
from sqlmodel import Session, col

from checkpoint_desk.clock import day_bounds
from checkpoint_desk.domain.vehicle_entry import keep_together
from checkpoint_desk.store.models import DailyCount, Operator, Person, Shift, Vehicle, Visit
from checkpoint_desk.store.person_secrets import id_number_of, phone_of
from checkpoint_desk.store.vault import Vault, vault_of
from checkpoint_desk.store.vehicle_entry import companions_column, passengers_shown


@dataclass(frozen=True)
class VisitRow:
    """One line of the recent-visits list, secrets masked.

    ``search_text`` holds the whole ID number and phone (lower case, with the name's
    initials and the plate) so the filter box finds them; it lives in memory only.
    """

    visit_id: uuid.UUID
    at: datetime
    direction: str
    name: str
    id_masked: str
    temperature_c: float | None
    verdict: str
    phone_masked: str = ""
    plate: str = ""
    passengers: int = 0  # a vehicle's row: its other occupants
    vehicle_entry: str = ""
    retest_temperature_c: float | None = None
    health_code: str = ""
    reasons: tuple[str, ...] = ()
    disposition: str | None = None
    operator_name: str = ""
    purpose: str = ""
    destination: str = ""
    source: str = ""
    note: str = ""
    search_text: str = ""


@dataclass(frozen=True)
class DayCounts:
    """The counters of a day or a shift: in, out, stopped, with fever."""

    entered: int = 0
    left: int = 0
    stopped: int = 0
    fever: int = 0


def _rows_query() -> Any:
    return (
        select(Visit, Person, col(Vehicle.plate), col(Operator.name), companions_column())
        .join(Person, col(Visit.person_id) == Person.id, isouter=True)
        .join(Vehicle, col(Visit.vehicle_id) == Vehicle.id, isouter=True)
        .join(Shift, col(Visit.shift_id) == Shift.id, isouter=True)
        .join(Operator, col(Shift.operator_id) == Operator.id, isouter=True)
    )


def visits_between(
    engine: Engine, start: datetime, end: datetime, limit: int | None = None
) -> list[VisitRow]:
    """Visits with ``start <= at < end``, newest first; ``limit`` caps the rows."""
    query = (
        _rows_query()
        .where(col(Visit.at) >= start, col(Visit.at) < end, col(Visit.deleted_at).is_(None))
        .order_by(col(Visit.at).desc())
    )
    if limit is not None:
        query = query.limit(limit)
    vault = vault_of(engine)
    with Session(engine) as session:
        rows = [_row(vault, *found) for found in session.execute(query).all()]
    return keep_together(rows, lambda row: row.vehicle_entry)


def visit_row(engine: Engine, visit_id: uuid.UUID) -> VisitRow | None:
    """The row of one visit (as it is now), or None when there is no such visit."""
    vault = vault_of(engine)
    with Session(engine) as session:
        found = session.execute(_rows_query().where(col(Visit.id) == visit_id)).first()
        return _row(vault, *found) if found is not None else None


def _row(
    vault: Vault,
    visit: Visit,
    person: Person | None,
    plate: str | None,
    operator: str | None,
    companions: int | None,
) -> VisitRow:
    name = person.name if person else ""
    id_number = (id_number_of(person, vault) or "") if person else ""
    phone = (phone_of(person, vault) or "") if person else ""
    initials = person.name_initials if person else ""
    keys = " ".join([name, id_number, phone, plate or "", initials])
    return VisitRow(
        visit_id=visit.id,
        at=visit.at,
        direction=visit.direction,
        name=name,
        id_masked=(person.id_masked or "") if person else "",
        phone_masked=(person.phone_masked or "") if person else "",
        plate=plate or "",
        passengers=passengers_shown(visit.passengers, companions),
        vehicle_entry=visit.vehicle_entry or "",
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
        search_text=keys.lower(),
    )


def day_counts(engine: Engine, day: date, tz: tzinfo | None = None) -> DayCounts:
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
        live.entered + purged.entered,
        live.left + purged.left,
        live.stopped + purged.stopped,
        live.fever + purged.fever,
    )


def counts_where(engine: Engine, condition: ColumnElement[bool]) -> DayCounts:
    """The four counters over the live (not deleted) visits matching ``condition``."""
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
