"""The end-of-shift page counts the shift's visits as the shift report does."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.shift_session import ShiftInfo, ShiftSession
from checkpoint_desk.services.shifts import close_shift, open_shift
from checkpoint_desk.services.visit_edits import delete_visit
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Station
from checkpoint_desk.ui.shift_panel import ShiftClosePanel
from tests.conftest import FakeClock


def test_a_deleted_visit_leaves_the_end_of_shift_counts(
    qtbot: QtBot, station_env: tuple[Engine, Station], data_dir: DataDir, clock: FakeClock
) -> None:
    engine, station = station_env
    volunteer = create_operator(engine, station.id, "王芳", "volunteer", "1234", clock=clock)
    chief = create_operator(engine, station.id, "李主任", "supervisor", "987654", clock=clock)
    shift = open_shift(engine, station.id, volunteer.id, clock=clock)
    done = [
        register_visit(
            engine,
            VisitDraft(name=name, direction="in", temperature="36.5"),
            station_id=station.id,
            shift_id=shift.id,
            rules=ScreeningRules(),
            clock=clock,
        )
        for name in ("张三", "李四")
    ]
    approval = approve(engine, chief.id, "987654", clock=clock)
    delete_visit(engine, done[1].visit_id, approval=approval, reason="重复", clock=clock)

    panel = ShiftClosePanel(
        ShiftSession(engine, data_dir, station, settings=Settings(None), clock=clock)
    )
    qtbot.addWidget(panel)
    panel.prepare(ShiftInfo(shift.id, volunteer.id, shift.opened_at), unsynced=2)
    assert "in 1 · out 0 · stopped 0" in panel.summary.text()

    report = close_shift(engine, shift.id, "", clock=clock)
    assert (report.count_in, report.count_out, report.stopped) == (1, 0, 0)
