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
from sqlmodel import Session, col, select

from checkpoint_desk.store.models import Presence


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


_INSIDE = (
    "SELECT presence.at, presence.name, presence.id_masked, presence.phone_masked,"
    " presence.station_id FROM presence INDEXED BY ix_presence_inside"
    " WHERE presence.direction = 'in'"
)
"""Who is inside, from the covering ``ix_presence_inside`` alone (migration 0011)."""


def inside_now(engine: Engine, station_id: uuid.UUID | None = None) -> list[InsidePerson]:
    """Everyone inside (at ``station_id``, or at any station here), longest inside first.

    The rows come from the DB-API cursor as SQLite stores them (tuples, no ORM row,
    no type conversion per row); each time is parsed once with ``fromisoformat`` and
    the station's name looked up once.
    """
    query: str = _INSIDE
    params: tuple[str, ...] = ()
    if station_id is not None:
        query += " AND presence.station_id = ?"
        params = (station_id.hex,)
    parse = datetime.fromisoformat
    with engine.connect() as conn:
        stations = {
            uuid.UUID(str(key)).hex: str(name)
            for key, name in conn.exec_driver_sql("SELECT id, name FROM station")
        }
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            rows = cursor.execute(query + " ORDER BY presence.at, presence.name", params).fetchall()
        finally:
            cursor.close()
    return [
        InsidePerson(
            name=name,
            id_masked=id_masked or "",
            phone_masked=phone_masked or "",
            since=parse(since + "+00:00"),
            direction="in",
            station=stations[station],
        )
        for since, name, id_masked, phone_masked, station in rows
        if station in stations  # (a station no longer on file: as the join did)
    ]


def inside_count(engine: Engine, station_id: uuid.UUID | None = None) -> int:
    """How many people are inside (the desk's "Inside 123")."""
    query = select(func.count()).select_from(Presence).where(col(Presence.direction) == "in")
    if station_id is not None:
        query = query.where(col(Presence.station_id) == station_id)
    with Session(engine) as session:
        return int(session.exec(query).one())
