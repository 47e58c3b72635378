"""Thermometers at the desk: a keyboard one's "36.5⏎" and a serial one's lines reach the
temperature field whatever has focus (issue 16 item 5).

Key events carry their own timestamps (the wedge filter reads them, as it reads the X
server's at a real desk); the same flow runs with xdotool in tests/realwindow/.
"""

from __future__ import annotations

import contextlib
import os
import tty
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from tests.ui.conftest import FakeCamera, visits
from tests.ui.test_loop import PLAIN_CODE, scan_and_confirm_green, type_temperature_and_enter

KEYS = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab, ".": Qt.Key.Key_Period}


class Keyboard:
    """Key presses and releases with timestamps (ms), sent to the focused widget."""

    def __init__(self, desk: Desk) -> None:
        desk.wedge.key_clock = None  # the events' own timestamps, as at a real desk
        self.window = desk.window
        self.ms = 5_000_000

    def type(self, text: str, gap_ms: int) -> None:
        for char in text:
            key = KEYS.get(char) or Qt.Key(ord(char.upper()))
            shown = "" if char in "\r\t" else char
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, shown)
                event.setTimestamp(self.ms)
                target: QWidget = QApplication.focusWidget() or self.window
                QApplication.sendEvent(target, event)
                self.ms += 1
            self.ms += gap_ms


def _settled(desk: Desk, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not desk.wedge.detector.holding, timeout=3000)


def test_a_keyboard_thermometers_reading_goes_to_the_temperature_field_not_the_name(
    desk: Desk, qtbot: QtBot
) -> None:
    desk.settings.set("thermometer", "keyboard")
    form = desk.window.form
    form.focus("name")
    form.edits["name"].setText("Wang Fang")
    keyboard = Keyboard(desk)
    keyboard.type("36.5\r", gap_ms=4)
    qtbot.waitUntil(lambda: form.text("temperature") == "36.5", timeout=3000)
    assert form.text("name") == "Wang Fang", "nothing of the reading was typed into the name"
    assert form.edits["name"].hasFocus(), "the cursor stays where the volunteer was"
    assert visits(desk) == [], "the thermometer's Enter registered nobody"
    keyboard.type("98.6F\t", gap_ms=6)
    qtbot.waitUntil(lambda: form.text("temperature") == "98.6F", timeout=3000)
    assert form.text("name") == "Wang Fang"


def test_a_volunteer_typing_digits_into_the_phone_keeps_them(desk: Desk, qtbot: QtBot) -> None:
    desk.settings.set("thermometer", "keyboard")
    form = desk.window.form
    form.focus("phone")
    Keyboard(desk).type("36.5", gap_ms=140)
    _settled(desk, qtbot)
    qtbot.waitUntil(lambda: form.text("phone") == "36.5", timeout=3000)
    assert form.text("temperature") == ""


def test_an_id_number_burst_into_the_id_field_stays_an_id(desk: Desk, qtbot: QtBot) -> None:
    desk.settings.set("thermometer", "keyboard")
    form = desk.window.form
    form.focus("id_number")
    scanned: list[str] = []
    desk.wedge.burst_scanned.connect(scanned.append)
    Keyboard(desk).type("370811199001011234\r", gap_ms=4)
    _settled(desk, qtbot)
    assert scanned == ["370811199001011234"]
    assert form.text("temperature") == ""


def test_without_a_thermometer_set_the_burst_is_typing(desk: Desk, qtbot: QtBot) -> None:
    form = desk.window.form
    form.focus("name")
    Keyboard(desk).type("36.5", gap_ms=4)
    _settled(desk, qtbot)
    qtbot.waitUntil(lambda: form.text("name") == "36.5", timeout=3000)
    assert form.text("temperature") == ""


def test_while_a_stop_waits_a_reading_is_its_remeasure(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    desk.settings.set("thermometer", "keyboard")
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    with qtbot.waitSignal(window.loop.visit_committed, timeout=3000):
        type_temperature_and_enter(qtbot, desk, "378")
    assert window.loop.stop_pending
    Keyboard(desk).type("36.6\r", gap_ms=4)
    qtbot.waitUntil(lambda: window.disposition.retest.text() == "36.6", timeout=3000)
    assert window.form.text("temperature") == ""


# -- serial, through a real pty -------------------------------------------------------
@pytest.fixture
def pty_port() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    for fd in (master, slave):
        with contextlib.suppress(OSError):
            os.close(fd)


def test_a_serial_thermometers_line_fills_the_temperature_field(
    desk: Desk, qtbot: QtBot, pty_port: tuple[int, str]
) -> None:
    master, path = pty_port
    form = desk.window.form
    form.focus("name")
    desk.settings.set("thermometer", f"serial:{path}@9600")
    status = desk.window.status.thermometer
    qtbot.waitUntil(lambda: "connected" in status.text(), timeout=5000)
    os.write(master, b"Body 36.7 C\r\n")
    qtbot.waitUntil(lambda: form.text("temperature") == "36.7", timeout=5000)
    assert form.text("name") == "" and form.edits["name"].hasFocus()
    form.edits["name"].setText("Li Na")
    with qtbot.waitSignal(desk.window.loop.visit_committed, timeout=3000):
        desk.window.loop.commit()
    assert visits(desk)[0].temperature_c == 36.7


def test_a_missing_serial_port_is_said_and_the_desk_keeps_working(desk: Desk, qtbot: QtBot) -> None:
    assert desk.thermometer is not None
    desk.thermometer.retry_s = 0.1
    desk.settings.set("thermometer", "serial:/dev/ttyCHECKPOINT-unplugged")
    status = desk.window.status.thermometer
    qtbot.waitUntil(lambda: "not found" in status.text(), timeout=5000)
    assert "ttyCHECKPOINT-unplugged" in status.text() and status.isVisible()
    form = desk.window.form
    form.edits["name"].setText("Li Na")
    form.edits["temperature"].setText("365")
    with qtbot.waitSignal(desk.window.loop.visit_committed, timeout=3000):
        desk.window.loop.commit()
    desk.settings.set("thermometer", "none")
    qtbot.waitUntil(lambda: not status.isVisible(), timeout=3000)
