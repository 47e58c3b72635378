"""Who is inside now (场内): people whose newest registration here is an entry.

A person is who the store files visits under (``services/visits.py``): the keyed hash
of their ID number, else their phone with their name. Their newest registration at a
station that counts is kept in ``presence`` by SQLite triggers (migration 0007), so
this reads only the rows that say ``in`` (an index range), however many visits the
station holds. An exit with no entry before it leaves nobody inside; a deleted
visit, or a stop that turned the visitor away (denied, referred), does not count
(the registration before it does).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from checkpoint_desk.store.models import Presence, Station


@dataclass(frozen=True)
class InsidePerson:
    """One person inside: their name, masked ID number, and since when."""

    name: str
    id_masked: str
    phone_masked: str
    since: datetime
    direction: str
    station: str

    def as_json(self) -> dict[str, str]:
        """What ``checkpoint-desk inside --json`` prints for this person."""
        return {
            "name": self.name,
            "id_masked": self.id_masked,
            "since": self.since.isoformat(),
            "station": self.station,
        }


def inside_now(engine: Engine, station_id: uuid.UUID | None = None) -> list[InsidePerson]:
    """Everyone inside (at ``station_id``, or at any station here), longest inside first."""
    query = (
        columns(
            col(Presence.at),
            col(Presence.name),
            col(Presence.id_masked),
            col(Presence.phone_masked),
            col(Station.name),
        )
        .join(Station, col(Station.id) == col(Presence.station_id))
        .where(col(Presence.direction) == "in")
        .order_by(col(Presence.at), col(Presence.name))
    )
    if station_id is not None:
        query = query.where(col(Presence.station_id) == station_id)
    with Session(engine) as session:
        rows = session.execute(query).all()
    return [
        InsidePerson(
            name=name,
            id_masked=id_masked or "",
            phone_masked=phone_masked or "",
            since=since,
            direction="in",
            station=station,
        )
        for since, name, id_masked, phone_masked, station in rows
    ]


def inside_count(engine: Engine, station_id: uuid.UUID | None = None) -> int:
    """How many people are inside (the desk's "Inside 123")."""
    query = select(func.count()).select_from(Presence).where(col(Presence.direction) == "in")
    if station_id is not None:
        query = query.where(col(Presence.station_id) == station_id)
    with Session(engine) as session:
        return int(session.exec(query).one())
