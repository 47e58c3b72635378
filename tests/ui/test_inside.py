"""The desk shows who is inside and the lane's pace; the list writes the roll call."""

from __future__ import annotations

import csv
import io

from pytestqt.qtbot import QtBot

from checkpoint_desk.services.ledger_export import export_folder
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.inside_dialog import InsideDialog
from tests.ui.conftest import FakeCamera, visits
from tests.ui.test_loop import PLAIN_CODE, scan_and_confirm_green, type_temperature_and_enter


class StepClock:
    """The loop's monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def test_a_commit_records_its_lane_seconds_and_updates_inside(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    clock = StepClock()
    window.loop.now = clock
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)  # the visitor starts here
    clock.now += 7.5
    with qtbot.waitSignal(window.loop.visit_committed, timeout=2000):
        type_temperature_and_enter(qtbot, desk, "365")
    (visit,) = visits(desk)
    assert visit.lane_seconds == 7.5
    qtbot.waitUntil(lambda: window.status.inside.text() == "Inside 1", timeout=3000)
    assert window.status.pace.text() == "Lane 0.0/min"
    assert window.status.pace.toolTip() == "Lane 0.0/min (1 in the last hour)"


def test_the_list_and_the_roll_call_files(desk: Desk, qtbot: QtBot, camera: FakeCamera) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    with qtbot.waitSignal(window.loop.visit_committed, timeout=2000):
        type_temperature_and_enter(qtbot, desk, "365")
    dialog = InsideDialog(desk.session, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.count.text() == "Inside now: 1"
    name = dialog.model.index(0, 0).data()
    assert name == "Li Na" and dialog.model.index(0, 3).data() == "In"
    dialog.csv_button.click()
    assert "Roll call written to" in dialog.written.text()
    folder = export_folder(desk.data_dir, desk.settings)
    [written] = folder.glob("*roll-call*.csv")
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    assert rows[1][1] == "Li Na"
    dialog.pdf_button.click()
    assert next(folder.glob("*roll-call*.pdf")).read_bytes().startswith(b"%PDF")


def test_the_inside_model(desk: Desk, qtbot: QtBot, camera: FakeCamera, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    with qtbot.waitSignal(window.loop.visit_committed, timeout=2000):
        type_temperature_and_enter(qtbot, desk, "365")
    dialog = InsideDialog(desk.session, window)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
