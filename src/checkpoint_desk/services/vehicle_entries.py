"""The vehicle being registered at the desk, remembered so that a restart shows it.

A vehicle's occupants are committed one by one (each its own visit, linked by
``visit.vehicle_entry``); what is not in the database is that the vehicle is still
open. ``open-vehicle.json`` (0600: a plate) holds its id and plate from the moment it
starts until it is closed; on start the desk opens it again with the occupants found.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from checkpoint_desk.atomic_write import OWNER_ONLY, write_atomic
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.desk_loop import Occupant, VehicleEntry
from checkpoint_desk.store.models import Person, Visit


def remember_open(data_dir: DataDir, vehicle: VehicleEntry) -> None:
    body = {"entry": vehicle.entry_id, "plate": vehicle.plate}
    write_atomic(data_dir.open_vehicle_file, json.dumps(body).encode(), mode=OWNER_ONLY)


def forget_open(data_dir: DataDir) -> None:
    data_dir.open_vehicle_file.unlink(missing_ok=True)


def unfinished(engine: Engine, data_dir: DataDir) -> VehicleEntry | None:
    """The vehicle that was open when the desk stopped, with its occupants; None when
    there is none (or the file is damaged: nothing committed depends on it)."""
    try:
        body = json.loads(data_dir.open_vehicle_file.read_text(encoding="utf-8"))
        entry, plate = str(body["entry"]), str(body["plate"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    query = (
        select(col(Visit.id), col(Person.name), col(Visit.verdict))
        .join(Person, col(Visit.person_id) == Person.id, isouter=True)
        .where(col(Visit.vehicle_entry) == entry, col(Visit.deleted_at).is_(None))
        .order_by(col(Visit.at))
    )
    with Session(engine) as session:
        found = session.execute(query).all()
    occupants = tuple(Occupant(v, name or "", verdict == "pass") for v, name, verdict in found)
    return VehicleEntry(entry, plate, occupants)
