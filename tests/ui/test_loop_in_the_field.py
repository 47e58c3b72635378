"""What volunteers saw fail at a real checkpoint (issue 12), on the desk window.

Key events here carry Shift presses and releases like a USB scanner's; the same
flows run with real X11 events under Xvfb in tests/realwindow/.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.ui.app import Desk, build_desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera, KeyClock, visits
from tests.ui.test_loop import PLAIN_CODE, scan_and_confirm_green, type_temperature_and_enter

NEXT_CODE = "https://hc.example.gov.cn/code?uid=NEXT-654321"
NO_MODS = Qt.KeyboardModifier.NoModifier


def scanner_types(qtbot: QtBot, desk: Desk, text: str, suffix: Qt.Key = Qt.Key.Key_Return) -> None:
    """A USB scanner: Shift pressed and released around every capital, 4 ms a key."""
    desk.wedge.key_clock = KeyClock(step=0.004)
    for char in text:
        target = QApplication.focusWidget() or desk.window
        if char.isupper():
            qtbot.keyPress(target, Qt.Key.Key_Shift)
            qtbot.keyClick(target, char, Qt.KeyboardModifier.ShiftModifier)
            qtbot.keyRelease(target, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(target, char)
    qtbot.keyClick(QApplication.focusWidget() or desk.window, suffix)


def person_types(qtbot: QtBot, desk: Desk, widget: QWidget, text: str) -> None:
    desk.wedge.key_clock = KeyClock(step=0.15)
    qtbot.keyClicks(widget, text)
    qtbot.waitUntil(lambda: not desk.wedge.detector.holding, timeout=2000)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_a_scanner_burst_with_shift_presses_types_nothing_into_the_name(
    desk: Desk, qtbot: QtBot
) -> None:
    window = desk.window
    window.form.focus("name")
    scanner_types(qtbot, desk, PLAIN_CODE)
    assert window.form.text("name") == "", "no code text in the Name field"
    assert [r.text for r in window.form.readings] == [PLAIN_CODE]


def test_a_second_scan_never_confirms_the_colour(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    camera.show(PLAIN_CODE)
    assert window.form.edits["temperature"].hasFocus()
    assert window.form.waiting_for_colour
    scanner_types(qtbot, desk, NEXT_CODE)  # ".gov": a "g" in the temperature field
    assert window.form.confirmed_colour is None, "nobody looked at the phone"
    assert not any("confirmed" in part() for part in window.form.code_summaries())
    assert window.form.text("temperature") == ""
    assert [r.text for r in window.form.readings] == [PLAIN_CODE]
    assert window.banner.green_button.isVisible(), "still waiting for G / Y / R"
    assert "Enter" in window.banner.notice.text(), "the second code waits for its visitor"


def test_a_second_enter_keeps_the_stop(desk: Desk, qtbot: QtBot, camera: FakeCamera) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "378")
    assert window.banner.state is BannerState.STOP
    reasons = window.banner.reason_texts()
    qtbot.keyClick(focused() or window, Qt.Key.Key_Return)
    assert window.banner.state is BannerState.STOP
    assert window.banner.reason_texts() == reasons, "no 'enter the temperature' over a STOP"
    assert window.disposition.isVisible()


def test_a_pass_gives_way_to_the_next_visitor_typed(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "365")
    assert window.banner.state is BannerState.PASS
    person_types(qtbot, desk, window.form.edits["name"], "Wang")
    assert window.banner.state is BannerState.CHECK, "no stale PASS beside a new visitor"


def test_a_pass_returns_to_ready_after_a_while(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    seconds = [500.0]
    desk.window.loop.now = lambda: seconds[0]
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "365")
    assert desk.window.banner.state is BannerState.PASS
    seconds[0] += 30
    qtbot.waitUntil(lambda: desk.window.banner.state is BannerState.IDLE, timeout=2000)


def test_a_remeasure_that_passes_is_shown_not_overwritten_by_the_held_scan(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "378")
    camera.show(NEXT_CODE)
    qtbot.keyClicks(window.disposition.retest, "366")
    qtbot.keyClick(window.disposition.retest, Qt.Key.Key_Return)
    assert window.banner.state is BannerState.PASS
    assert "Re-measured 36.6 ℃ → pass" in window.banner.reasons.text()
    assert window.form.readings == [], "the held scan waits for Enter"
    assert window.form.edits["name"].hasFocus(), "the cursor is back in the form"


def test_a_camera_scan_while_a_visitor_is_typed_is_queued(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    name = window.form.edits["name"]
    name.setFocus()
    person_types(qtbot, desk, name, "Li Na")
    camera.show(PLAIN_CODE)
    assert window.form.readings == [], "not merged into Li Na's form"
    assert name.hasFocus(), "the cursor stays where the volunteer types"
    assert name.text() == "Li Na"
    assert "Enter" in window.banner.notice.text()


def test_a_camera_scan_in_the_manual_lane_is_queued(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.form.edits["id_number"].hasFocus()
    camera.show(PLAIN_CODE)
    assert window.form.readings == []
    assert window.form.edits["id_number"].hasFocus()


def test_alt_digits_with_no_stop_pending_type_nothing(desk: Desk, qtbot: QtBot) -> None:
    name = desk.window.form.edits["name"]
    name.setFocus()
    for digit in "1365":
        qtbot.keyClick(name, digit, Qt.KeyboardModifier.AltModifier)
    assert name.text() == ""


def test_alt_1_and_a_plain_3_choose_dispositions_while_a_stop_waits(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "378")
    desk.wedge.key_clock = KeyClock(step=0.15)
    qtbot.keyClick(focused() or window, "3")
    qtbot.waitUntil(lambda: window.disposition.retest.hasFocus(), timeout=2000)
    assert window.disposition.retest.text() == "", "the 3 chose, it was not typed"
    with qtbot.waitSignal(window.loop.disposition_recorded, timeout=2000):
        qtbot.keyClick(window.disposition.retest, "1", Qt.KeyboardModifier.AltModifier)
    assert visits(desk)[0].disposition == "denied"


def test_space_and_enter_press_a_focused_button(desk: Desk, qtbot: QtBot) -> None:
    button = QPushButton("End shift")
    qtbot.addWidget(button)
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))
    button.show()
    button.activateWindow()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(pressed) == 1, timeout=2000)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(pressed) == 2, timeout=2000)


def _a_person_without_code(desk: Desk) -> None:
    form = desk.window.form
    first17 = "37081119850312123"
    form.edits["name"].setText("Zhang Wei")
    form.edits["id_number"].setText(first17 + check_character(first17))
    form.edits["temperature"].setText("365")


def test_a_visit_with_no_code_says_so(desk: Desk, qtbot: QtBot) -> None:
    _a_person_without_code(desk)
    assert desk.window.loop.commit() is not None
    assert desk.window.banner.state is BannerState.PASS
    assert "No health code checked" in desk.window.banner.reasons.text()


def test_a_setting_makes_a_visit_with_no_code_a_stop(desk: Desk, qtbot: QtBot) -> None:
    desk.settings.set("no_code_stops", True)
    _a_person_without_code(desk)
    desk.window.loop.commit()
    assert desk.window.banner.state is BannerState.STOP
    assert "No health code checked" in desk.window.banner.reason_texts()
    (visit,) = visits(desk)
    assert visit.verdict == "stop" and "no_code" in visit.reasons


def test_after_a_restart_the_stop_still_waits_for_its_disposition(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, clock: FakeClock
) -> None:
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "378")
    assert desk.window.banner.state is BannerState.STOP
    desk.close()  # the desk was closed (or crashed) with the stop pending
    again = build_desk(desk.data_dir, demo=True, camera=FakeCamera().factory, clock=clock)
    try:
        qtbot.addWidget(again.window)
        again.window.show()
        window = again.window
        assert window.banner.state is BannerState.STOP
        assert any("37.8" in text for text in window.banner.reason_texts())
        assert window.disposition.isVisible()
        window.loop.commit()  # Enter
        assert window.banner.state is BannerState.STOP
        window.disposition.choose(2)
        assert visits(again)[0].disposition == "referred"
    finally:
        again.close()


def test_a_burst_while_a_dialog_is_open_types_nothing_into_it(desk: Desk, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    dialog = QDialog(desk.window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.setModal(True)
    dialog.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    scanner_types(qtbot, desk, PLAIN_CODE)
    assert field.text() == "", "nothing of the scan reaches the dialog"
    assert [r.text for r in desk.window.form.readings] == [PLAIN_CODE]
    dialog.close()


def test_altgr_characters_inside_a_burst_are_part_of_the_scan(desk: Desk, qtbot: QtBot) -> None:
    """A scanner set to a layout where '@' and '|' need AltGr presses AltGr around them."""
    window = desk.window
    window.form.focus("name")
    desk.wedge.key_clock = KeyClock(step=0.004)
    code = "CKH1:6BFOXN@TS3DH3|ZSUZK+.V0ETD"
    for char in code:
        target = focused() or window
        if char in "@|":  # (QTest cannot press AltGr itself)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_AltGr, NO_MODS))
                if kind is QEvent.Type.KeyPress:
                    qtbot.keyClick(target, char, Qt.KeyboardModifier.GroupSwitchModifier)
        elif char.isupper():
            qtbot.keyClick(target, char, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(target, char)
    qtbot.keyClick(focused() or window, Qt.Key.Key_Tab)  # a scanner set to send Tab
    assert window.form.text("name") == ""
    assert [r.text for r in window.form.readings] == [code]
