"""A vehicle still open when the shift closes is closed with it, and the report says so."""

from __future__ import annotations

from sqlalchemy import Engine

from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.desk_loop import VehicleEntry
from checkpoint_desk.services.desk_session import DeskSession
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Shift, Station
from tests.conftest import FakeClock


def test_closing_the_shift_closes_the_open_vehicle_and_keeps_its_occupants(
    engine: Engine, station: Station, shift: Shift, data_dir: DataDir, clock: FakeClock
) -> None:
    desk = DeskSession(
        engine, data_dir, Settings.load(data_dir.settings_file), station, clock=clock
    )
    vehicle = VehicleEntry("entry-1", "鲁H12345")
    desk.vehicle_started(vehicle)
    for name in ("陈静", "李娜"):
        draft = VisitDraft(name=name, temperature="36.5", plate="鲁H12345")
        draft.vehicle_entry = vehicle.entry_id
        desk.register(draft, shift_id=shift.id)
    assert desk.unfinished_vehicle() is not None
    shifts = ShiftSession(engine, data_dir, station, settings=Settings(None), clock=clock)
    report = shifts.close_shift(shift.id, "")
    assert (report.open_vehicle, report.open_vehicle_occupants) == ("鲁H12345", 2)
    assert report.entered == 2, "its occupants are the shift's committed visits"
    assert desk.unfinished_vehicle() is None, "the next operator does not inherit it"
    assert not data_dir.open_vehicle_file.exists()


def test_a_shift_without_an_open_vehicle_reports_none(
    engine: Engine, station: Station, shift: Shift, data_dir: DataDir, clock: FakeClock
) -> None:
    shifts = ShiftSession(engine, data_dir, station, settings=Settings(None), clock=clock)
    report = shifts.close_shift(shift.id, "")
    assert (report.open_vehicle, report.open_vehicle_occupants) == ("", 0)
