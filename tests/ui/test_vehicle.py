"""A vehicle with several occupants at the desk, by keyboard (issue 16 item 1)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk, build_desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera, KeyClock, visits
from tests.ui.test_loop import type_temperature_and_enter

PLATE = "鲁H12345"


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (as an input method delivers 鲁)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def start_vehicle_by_plate(desk: Desk, qtbot: QtBot) -> None:
    desk.wedge.key_clock = KeyClock(step=0.15)  # typed by a person
    plate = desk.window.form.edits["plate"]
    plate.setFocus()
    type_text(plate, PLATE)
    qtbot.waitUntil(lambda: desk.window.form.text("plate") == PLATE, timeout=2000)
    qtbot.keyClick(plate, Qt.Key.Key_Return)


def loop_seconds(desk: Desk) -> list[float]:
    """The loop's clock as a list the test moves on (``seconds[0] += 2.0``)."""
    seconds = [100.0]
    desk.window.loop.now = lambda: seconds[0]
    return seconds


def board_li_na_stopped(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    """The open vehicle's next occupant: 李娜, yellow code, stopped, then denied."""
    camera.show(demo_code["health-yellow"])
    with qtbot.waitSignal(desk.window.loop.visit_committed, timeout=2000):
        type_temperature_and_enter(qtbot, desk, "365")
    assert desk.window.banner.state is BannerState.STOP
    desk.window.disposition.choose(1)  # denied: the vehicle's verdict stays STOP


def test_plate_then_occupants_then_enter_on_empty_gives_the_vehicle_its_verdict(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    window = desk.window
    seconds = loop_seconds(desk)
    start_vehicle_by_plate(desk, qtbot)
    assert visits(desk) == [], "the plate alone registers nobody"
    assert PLATE in window.form.vehicle_label.text()
    assert PLATE in window.banner.reasons.text()
    assert window.form.edits["plate"].isReadOnly()

    board_li_na_stopped(desk, qtbot, camera, demo_code)
    seconds[0] += 2.0
    camera.show(demo_code["test-fresh"])  # 陈静, green
    with qtbot.waitSignal(window.loop.visit_committed, timeout=2000):
        type_temperature_and_enter(qtbot, desk, "366")
    assert window.banner.state is BannerState.PASS, "each occupant has their own verdict"
    assert "2 registered" in window.form.vehicle_label.text()
    assert "李娜" in window.form.vehicle_label.text()

    seconds[0] += 2.0
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_Return)  # Enter on an empty form
    assert window.banner.state is BannerState.STOP, "one occupant stopped: the vehicle stops"
    assert "李娜" in window.banner.reasons.text() and "陈静" not in window.banner.reasons.text()
    assert desk.sounds.last_played == "stop"
    rows = sorted(visits(desk), key=lambda v: v.at)
    assert [v.verdict for v in rows] == ["stop", "pass"]
    assert rows[0].vehicle_entry is not None
    assert {v.vehicle_entry for v in rows} == {rows[0].vehicle_entry}
    assert all(v.vehicle_id is not None for v in rows), "each occupant carries the plate"
    shown = [window.recent.model.row_at(n) for n in range(window.recent.model.rowCount())]
    assert [r.passengers for r in shown] == [1, 1], "passengers: the other occupants"
    assert all(r.plate == PLATE for r in shown)
    assert not window.form.edits["plate"].isReadOnly() and window.form.text("plate") == ""
    assert not desk.data_dir.open_vehicle_file.exists()


def test_escape_clears_the_occupant_then_closes_the_vehicle_keeping_its_visits(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    window = desk.window
    seconds = loop_seconds(desk)
    start_vehicle_by_plate(desk, qtbot)
    camera.show(demo_code["test-fresh"])
    type_temperature_and_enter(qtbot, desk, "365")
    seconds[0] += 2.0
    camera.show(demo_code["health-green"])
    qtbot.keyClick(window.form.edits["temperature"], Qt.Key.Key_Escape)
    assert window.loop.model.vehicle is not None, "Esc empties the occupant only"
    assert window.form.text("plate") == PLATE
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_Escape)
    assert window.loop.model.vehicle is None
    assert window.banner.state is BannerState.PASS
    (visit,) = visits(desk)
    assert visit.vehicle_entry is not None and visit.verdict == "pass"


def test_f4_starts_a_vehicle_and_an_unfinished_one_is_shown_after_a_restart(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, clock: FakeClock, demo_code: dict[str, str]
) -> None:
    window = desk.window
    desk.wedge.key_clock = KeyClock(step=0.15)  # typed by a person
    name = window.form.edits["name"]
    qtbot.keyClick(name, Qt.Key.Key_F4)
    assert window.form.edits["plate"].hasFocus(), "F4 without a plate asks for it"
    type_text(window.form.edits["plate"], PLATE)
    qtbot.waitUntil(lambda: window.form.text("plate") == PLATE, timeout=2000)  # wedge pause
    qtbot.keyClick(window.form.edits["plate"], Qt.Key.Key_F4)
    assert window.loop.model.vehicle is not None
    camera.show(demo_code["test-fresh"])
    type_temperature_and_enter(qtbot, desk, "365")
    desk.close()  # closed (or crashed) with the vehicle open
    again = build_desk(desk.data_dir, demo=True, camera=FakeCamera().factory, clock=clock)
    try:
        qtbot.addWidget(again.window)
        again.window.show()
        form = again.window.form
        assert PLATE in form.vehicle_label.text() and "1 registered" in form.vehicle_label.text()
        vehicle = again.window.loop.model.vehicle
        assert vehicle is not None and [o.name for o in vehicle.occupants] == ["陈静"]
        again.window.loop.now = lambda: 1e9  # the verdict shown before is long gone
        again.window.loop.commit()  # Enter on the empty occupant closes it
        assert again.window.banner.state is BannerState.PASS
        assert f"Vehicle {PLATE}: its one occupant passes" in again.window.banner.reasons.text()
    finally:
        again.close()


def test_closing_the_shift_with_a_vehicle_open_closes_it_and_says_so(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    window = desk.window
    start_vehicle_by_plate(desk, qtbot)
    camera.show(demo_code["test-fresh"])
    type_temperature_and_enter(qtbot, desk, "365")
    assert window.loop.model.vehicle is not None and desk.data_dir.open_vehicle_file.exists()
    window.end_shift_button.click()
    panel = window.close_panel
    assert PLATE in panel.pending.text() and "closing the shift closes it" in panel.pending.text()
    with qtbot.waitSignal(panel.shift_closed, timeout=30000):
        panel.close_button.click()
    notice = window.sign_in.notice.text()
    assert f"Vehicle {PLATE} was still open" in notice
    assert "its one registered occupant kept" in notice, "one occupant, not '1 occupants'"
    assert window.loop.model.vehicle is None and PLATE not in window.form.vehicle_label.text()
    assert not desk.data_dir.open_vehicle_file.exists(), "the next operator inherits no vehicle"
    assert len(visits(desk)) == 1, "its occupant stays registered"


def test_closing_the_shift_with_a_plate_and_nobody_registered_says_nobody(
    desk: Desk, qtbot: QtBot
) -> None:
    window = desk.window
    start_vehicle_by_plate(desk, qtbot)
    window.end_shift_button.click()
    panel = window.close_panel
    with qtbot.waitSignal(panel.shift_closed, timeout=30000):
        panel.close_button.click()
    notice = window.sign_in.notice.text()
    assert f"Vehicle {PLATE} was still open with nobody registered" in notice
    assert "0 registered" not in notice and visits(desk) == []


def test_a_vehicle_of_one_stopped_occupant_says_one_not_1_occupants(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    window = desk.window
    seconds = loop_seconds(desk)
    start_vehicle_by_plate(desk, qtbot)
    board_li_na_stopped(desk, qtbot, camera, demo_code)
    seconds[0] += 2.0
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_Return)  # Enter on an empty form
    assert window.banner.state is BannerState.STOP
    assert f"Vehicle {PLATE}: its one occupant · stopped by 李娜" in window.banner.reasons.text()
