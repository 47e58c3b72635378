"""Desks for sync tests: an initialised data directory with a station key, and visits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, select

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.hub.stations import add_station
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.roles import SupervisorApproval, approve
from checkpoint_desk.services.station import init_station
from checkpoint_desk.services.sync import configure_hub, sync_now
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Operator, Person, Shift, Station, Visit
from checkpoint_desk.store.person_secrets import seal_id_number, seal_phone
from checkpoint_desk.store.vault import vault_of
from checkpoint_desk.sync.hub_pin import HubPin, enrolment_code
from checkpoint_desk.sync.outbox import waiting_count
from tests.support.hubproc import HubProcess

T0 = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


@dataclass
class Desk:
    data_dir: DataDir
    engine: Engine
    station: Station

    @property
    def settings(self) -> Settings:
        return Settings.load(self.data_dir.settings_file)

    def waiting(self) -> int:
        return waiting_count(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def make_desk(root: Path, name: str) -> Desk:
    data_dir = DataDir(root)
    engine, station = init_station(data_dir, name, "济阳街道")
    return Desk(data_dir, engine, station)


def add_shift(desk: Desk) -> uuid.UUID:
    operator = Operator(station_id=desk.station.id, name="王芳", role="supervisor", pin_hash="x")
    shift = Shift(station_id=desk.station.id, operator_id=operator.id, opened_at=T0)
    with desk.engine.begin() as conn:
        conn.execute(sa.insert(Operator.__table__), [operator.model_dump()])  # type: ignore[attr-defined]
        conn.execute(sa.insert(Shift.__table__), [shift.model_dump()])  # type: ignore[attr-defined]
    return shift.id


def add_visits(desk: Desk, count: int, *, shift_id: uuid.UUID | None = None) -> list[uuid.UUID]:
    """``count`` visits (every tenth one with a person), inserted directly."""
    visits = []
    people = []
    for n in range(count):
        person_id = None
        if n % 10 == 0:
            person = Person(name=f"张伟{n}")
            seal_id_number(person, vault_of(desk.engine), "37081119900101123X")
            seal_phone(person, vault_of(desk.engine), "13812345678")
            people.append(person.model_dump())
            person_id = person.id
        visit = Visit(
            station_id=desk.station.id,
            shift_id=shift_id,
            person_id=person_id,
            at=T0 + timedelta(seconds=n),
            updated_at=T0 + timedelta(seconds=n),
            direction="in" if n % 2 else "out",
            temperature_c=36.5,
            health_code="green",
            verdict="pass",
            reasons=[],
            purpose="探亲",
        )
        visits.append(visit.model_dump())
    with desk.engine.begin() as conn:
        if people:
            conn.execute(sa.insert(Person.__table__), people)  # type: ignore[attr-defined]
        conn.execute(sa.insert(Visit.__table__), visits)  # type: ignore[attr-defined]
    return [v["id"] for v in visits]


def edit_visit(desk: Desk, visit_id: uuid.UUID, note: str) -> int:
    """What an edit does: change the row and bump its revision; returns the revision."""
    table = Visit.__table__  # type: ignore[attr-defined]
    with desk.engine.begin() as conn:
        conn.execute(
            sa.update(table)
            .where(table.c.id == visit_id)
            .values(note=note, revision=table.c.revision + 1)
        )
        revision: int = conn.execute(
            sa.select(table.c.revision).where(table.c.id == visit_id)
        ).scalar_one()
    return revision


def register_station(db_url: str, name: str, *, unique: bool = True) -> str:
    """Add a station to the hub database; returns its token.

    With ``unique`` the name gets a random suffix (tests share a hub).
    """
    if unique:
        name = f"{name}-{uuid.uuid4().hex[:8]}"
    engine = open_hub_database(db_url)
    try:
        return add_station(engine, name)[1]
    finally:
        engine.dispose()


SUPERVISOR_PIN = "2468"


def supervisor_approval(desk: Desk) -> SupervisorApproval:
    """A supervisor of the desk (made on first use) approving with their PIN."""
    with Session(desk.engine) as session:
        boss = session.exec(select(Operator).where(Operator.name == "站长")).first()
    if boss is None:
        boss = create_operator(desk.engine, desk.station.id, "站长", "supervisor", SUPERVISOR_PIN)
    return approve(desk.engine, boss.id, SUPERVISOR_PIN)


def enrolment_for(hub_home: Path, db_url: str, name: str) -> str:
    """``checkpoint-hub add-station``'s enrolment code for a new station."""
    return enrolment_code(register_station(db_url, name), load_identity(hub_home).pin)


def enrol(desk: Desk, hub: HubProcess, name: str = "西门") -> str:
    """Enrol ``desk`` with ``hub`` as a supervisor would; returns the enrolment code.

    Enrolling writes records of its own (the supervisor, audit entries): they are
    synced at once, so a test counts only what it adds afterwards.
    """
    code = enrolment_for(hub.home, hub.db_url, name)
    connect(desk, hub.url, code)
    sync_now(desk.engine, desk.data_dir, desk.settings)
    return code


def connect(desk: Desk, url: str, code: str) -> HubPin:
    """``configure_hub`` as the desk's supervisor: the hub at ``url`` with ``code``;
    returns the hub key it pinned (raises EnrolmentRefused as the desk would)."""
    return configure_hub(
        desk.engine, desk.data_dir, desk.settings, url, code, approval=supervisor_approval(desk)
    )
