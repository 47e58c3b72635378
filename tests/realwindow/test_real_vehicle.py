"""A vehicle by real keys (xdotool under Xvfb): the plate typed, its occupants'
codes from a handheld scanner (4 ms a key, Shift around capitals), one with fever."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.conftest import FakeClock
from tests.realwindow.conftest import Keyboard
from tests.ui.conftest import visits

PLATE = "鲁H12345"


def test_plate_two_scanned_occupants_one_with_fever_stop_the_vehicle(
    desk: Desk, keyboard: Keyboard, qtbot: QtBot, clock: FakeClock
) -> None:
    window = desk.window
    codes = {code.name: code.text for code in demo_codes(clock())}
    window.form.edits["plate"].setFocus()
    keyboard.person(PLATE)
    assert window.form.text("plate") == PLATE
    keyboard.key("Return")  # the plate alone: a vehicle starts
    assert window.loop.model.vehicle is not None and visits(desk) == []
    assert window.form.edits["name"].hasFocus()

    keyboard.scanner(codes["test-fresh"])  # 陈静, green
    assert [r.text for r in window.form.readings] == [codes["test-fresh"]]
    assert window.form.edits["temperature"].hasFocus()
    keyboard.person("365")
    keyboard.key("Return")
    assert window.banner.state is BannerState.PASS

    qtbot.wait(1700)  # the PASS stays its minimum time, then the next code is taken
    keyboard.scanner(codes["health-green"])  # 张伟, green, but with fever
    assert [r.text for r in window.form.readings] == [codes["health-green"]]
    keyboard.person("385")
    keyboard.key("Return")
    assert window.banner.state is BannerState.STOP
    keyboard.key("1")  # denied entry
    assert window.form.isEnabled()

    qtbot.wait(1700)
    window.form.edits["name"].setFocus()
    keyboard.key("Return")  # Enter on the empty occupant closes the vehicle
    assert window.loop.model.vehicle is None
    assert window.banner.state is BannerState.STOP
    text = window.banner.reasons.text()
    assert PLATE in text and "张伟" in text and "陈静" not in text
    rows = sorted(visits(desk), key=lambda v: v.at)
    assert [v.verdict for v in rows] == ["pass", "stop"]
    assert rows[0].vehicle_entry is not None and rows[0].vehicle_entry == rows[1].vehicle_entry
