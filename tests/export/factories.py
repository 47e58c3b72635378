"""Rows for export tests, made directly with the tables (no services needed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.store.models import Operator, Person, Shift, Station, Vehicle, Visit
from checkpoint_desk.store.person_secrets import seal_id_number, seal_phone
from checkpoint_desk.store.vault import vault_of


def make_operator(engine: Engine, station: Station, name: str, role: str = "volunteer") -> Operator:
    with Session(engine) as session:
        operator = Operator(station_id=station.id, name=name, role=role)
        session.add(operator)
        session.commit()
        session.refresh(operator)
        return operator


def make_shift(
    engine: Engine,
    station: Station,
    operator: Operator,
    opened_at: datetime,
    closed_at: datetime | None = None,
) -> Shift:
    with Session(engine) as session:
        shift = Shift(
            station_id=station.id,
            operator_id=operator.id,
            opened_at=opened_at,
            closed_at=closed_at,
        )
        session.add(shift)
        session.commit()
        session.refresh(shift)
        return shift


def make_visit(
    engine: Engine,
    station: Station,
    *,
    at: datetime,
    shift: Shift | None = None,
    name: str = "张伟",
    id_number: str | None = "370811199001011234",
    phone: str | None = "13812345678",
    plate: str | None = None,
    direction: str = "in",
    temperature: float | None = 36.5,
    health_code: str = "green",
    verdict: str = "pass",
    reasons: Sequence[str] = (),
    disposition: str | None = None,
    retest: float | None = None,
    passengers: int = 0,
    purpose: str = "探亲",
    destination: str = "3号楼2单元",
    note: str = "",
    vehicle_entry: str | None = None,
    household: str | None = None,
) -> Visit:
    """One visit with its person (and vehicle when a plate is given)."""
    with Session(engine) as session:
        person = Person(name=name)
        seal_id_number(person, vault_of(engine), id_number)
        seal_phone(person, vault_of(engine), phone)
        session.add(person)
        vehicle_id = None
        if plate:
            vehicle = session.exec(select(Vehicle).where(col(Vehicle.plate) == plate)).first()
            if vehicle is None:  # a vehicle's occupants share its one row
                vehicle = Vehicle(plate=plate)
                session.add(vehicle)
            vehicle_id = vehicle.id
        visit = Visit(
            station_id=station.id,
            shift_id=shift.id if shift else None,
            person_id=person.id,
            vehicle_id=vehicle_id,
            at=at,
            direction=direction,
            temperature_c=temperature,
            retest_temperature_c=retest,
            health_code=health_code,
            verdict=verdict,
            reasons=list(reasons),
            disposition=disposition,
            passengers=passengers,
            vehicle_entry=vehicle_entry,
            purpose=purpose,
            destination=destination,
            household=household,
            note=note,
        )
        session.add(visit)
        session.commit()
        session.refresh(visit)
        return visit
