"""Shifts: one open at a time, takeover is explicit, close gives a summary and a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.backup import backup_database, list_backups
from checkpoint_desk.services.shifts import (
    ShiftError,
    ShiftOpenError,
    close_shift,
    current_shift,
    last_handover,
    open_shift,
)
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import Operator, Shift, Station
from tests.conftest import FakeClock


def test_second_operator_is_refused_unless_taking_over(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock
) -> None:
    with pytest.raises(ShiftOpenError, match="王芳"):
        open_shift(engine, station.id, supervisor.id, clock=clock)
    current = current_shift(engine)
    assert current is not None and current.id == shift.id
    taken = open_shift(engine, station.id, supervisor.id, clock=clock, takeover=True)
    current = current_shift(engine)
    assert current is not None and current.id == taken.id != shift.id


def test_same_operator_gets_the_open_shift_back(
    engine: Engine, station: Station, shift: Shift, volunteer: Operator, clock: FakeClock
) -> None:
    assert open_shift(engine, station.id, volunteer.id, clock=clock).id == shift.id


def test_close_summarises_and_backs_up(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, tmp_path: Path
) -> None:
    rules = ScreeningRules()
    for temp, direction in (("36.5", "in"), ("38.2", "in"), ("36.6", "out")):
        register_visit(
            engine,
            VisitDraft(name="张三", direction=direction, temperature=temp),
            station_id=station.id,
            shift_id=shift.id,
            rules=rules,
            clock=clock,
        )
    clock.advance(hours=8)
    summary = close_shift(engine, shift.id, "西门锁坏了", clock=clock, backup_dir=tmp_path / "b")
    assert (summary.count_in, summary.count_out, summary.stopped, summary.fever) == (2, 1, 1, 1)
    assert summary.unsynced == 3 and summary.operator_name == "王芳"
    assert summary.backup_path is not None and summary.backup_path.is_file()
    with sqlite3.connect(summary.backup_path) as copy:
        assert copy.execute("SELECT count(*) FROM visit").fetchone()[0] == 3
        closed = copy.execute("SELECT handover_note FROM shift").fetchone()[0]
    assert closed == "西门锁坏了"  # the backup holds the close itself
    assert current_shift(engine) is None
    note = last_handover(engine)
    assert note is not None and note.note == "西门锁坏了" and note.by == "王芳"
    assert note.summary.count_in == 2 and note.summary.backup_path == summary.backup_path
    with pytest.raises(ShiftError, match="already closed"):
        close_shift(engine, shift.id, "", clock=clock)


def test_backups_roll(engine: Engine, clock: FakeClock, tmp_path: Path) -> None:
    made = []
    for _ in range(5):
        made.append(backup_database(engine, tmp_path, keep=3, clock=clock))
        clock.advance(minutes=1)
    assert list_backups(tmp_path) == made[-3:]
    assert not list(tmp_path.glob("*.part"))
