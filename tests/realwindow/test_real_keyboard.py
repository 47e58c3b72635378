"""The desk window with real X11 key events: what a USB scanner and a volunteer send."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.realwindow.conftest import Keyboard
from tests.ui.conftest import FakeCamera, visits

CODE = "https://hc.example.gov.cn/code?uid=ABC-123456&Sig=QmFzZTQ1XYZ"
NEXT_CODE = "https://hc.example.gov.cn/code?uid=NEXT-654321"
FOCUSABLE = (
    "name",
    "id_number",
    "phone",
    "plate",
    "temperature",
    "purpose",
    "destination",
    "note",
)


def fields(desk: Desk) -> dict[str, str]:
    form = desk.window.form
    found = {name: form.edits[name].text() for name in FOCUSABLE}
    found["passengers"] = form.passengers.text()
    return found


def test_a_scanner_burst_into_every_field_is_a_scan_and_types_nothing(
    desk: Desk, keyboard: Keyboard
) -> None:
    form = desk.window.form
    empty = fields(desk)
    for name in (*FOCUSABLE, "passengers"):
        widget = form.passengers if name == "passengers" else form.edits[name]
        widget.setFocus()
        keyboard.scanner(CODE)
        assert fields(desk) == empty, f"scanned into {name}: code text reached a field"
        assert [r.text for r in form.readings] == [CODE], f"scanned into {name}"
        assert form.edits["temperature"].hasFocus()
        keyboard.key("Escape")
        assert form.readings == []
    form.edits["note"].setFocus()
    keyboard.scanner(CODE)
    keyboard.key("g")  # the volunteer looked at the phone: green
    form.edits["name"].setText("Li Na")
    form.focus_temperature()
    keyboard.person("365")
    keyboard.key("Return")
    (visit,) = visits(desk)
    assert visit.source == "wedge" and visit.temperature_c == 36.5
    assert desk.window.banner.state is BannerState.PASS


def test_the_colour_waits_for_the_volunteers_key(
    desk: Desk, keyboard: Keyboard, camera: FakeCamera
) -> None:
    form = desk.window.form
    camera.show(CODE)
    assert form.edits["temperature"].hasFocus()
    keyboard.scanner(NEXT_CODE)  # a second phone's URL, ".gov": a "g" among its keys
    assert form.confirmed_colour is None
    assert form.edits["temperature"].text() == ""
    assert desk.window.banner.green_button.isVisible()
    keyboard.key("g")
    assert form.confirmed_colour == "green"


def stop_li_na(desk: Desk, keyboard: Keyboard, camera: FakeCamera) -> None:
    """Li Na's code, green confirmed by key, 37.8 typed by a person, Enter: a fever stop."""
    window = desk.window
    camera.show(CODE)
    keyboard.key("g")
    window.form.edits["name"].setText("Li Na")
    window.form.focus_temperature()
    keyboard.person("378")
    keyboard.key("Return")
    assert window.banner.state is BannerState.STOP


def test_a_double_enter_keeps_the_stop(desk: Desk, keyboard: Keyboard, camera: FakeCamera) -> None:
    window = desk.window
    stop_li_na(desk, keyboard, camera)
    reasons = window.banner.reason_texts()
    keyboard.key("Return")
    assert window.banner.state is BannerState.STOP
    assert window.banner.reason_texts() == reasons
    assert window.disposition.isVisible()
    assert visits(desk)[0].disposition is None


def test_a_scan_while_a_visitor_is_typed_is_queued(
    desk: Desk, keyboard: Keyboard, camera: FakeCamera, qtbot: QtBot
) -> None:
    form = desk.window.form
    form.edits["name"].setFocus()
    keyboard.person("Li ")
    camera.show(CODE)
    keyboard.person("Na")
    assert form.edits["name"].text() == "Li Na"
    assert form.readings == [], "the code waits for the next visitor"
    assert QApplication.focusWidget() is form.edits["name"], "the cursor did not move"
    assert "Enter" in desk.window.banner.accessibleName(), "announced"


def test_alt_1_with_no_stop_pending_types_nothing(desk: Desk, keyboard: Keyboard) -> None:
    form = desk.window.form
    form.edits["name"].setFocus()
    keyboard.key("alt+1", "alt+3", "alt+6", "alt+5")
    assert form.edits["name"].text() == ""
    assert visits(desk) == []


def test_a_stop_answered_by_keys_then_enter_takes_the_next_visitor(
    desk: Desk, keyboard: Keyboard, camera: FakeCamera
) -> None:
    window = desk.window
    stop_li_na(desk, keyboard, camera)
    camera.show(NEXT_CODE)  # the next visitor's phone, while the stop waits
    keyboard.key("3")  # re-measured: the cursor goes to the second temperature
    keyboard.person("366")
    keyboard.key("Return")
    assert visits(desk)[0].disposition == "remeasured"
    assert window.banner.state is BannerState.PASS
    assert window.form.readings == []
    keyboard.key("Return")
    assert [r.text for r in window.form.readings] == [NEXT_CODE]


def test_space_and_enter_press_a_focused_button(
    desk: Desk, keyboard: Keyboard, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("End shift")
    qtbot.addWidget(button)
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))
    button.show()
    button.activateWindow()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=5000)
    keyboard.key("space")
    qtbot.waitUntil(lambda: len(pressed) == 1, timeout=2000)
    keyboard.key("Return")
    qtbot.waitUntil(lambda: len(pressed) == 2, timeout=2000)
