"""The desk around the loop with real keys (xdotool under Xvfb): F-keys, Tab, PIN Enter,
a second desk on the same data directory."""

from __future__ import annotations

import os
import subprocess
import sys

from pytestqt.qtbot import QtBot

from checkpoint_desk.desk_lock import DeskBusyError
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.settings_dialog import SettingsDialog
from tests.conftest import REPO
from tests.realwindow.conftest import Keyboard


def test_tab_from_phone_goes_to_temperature_and_the_digits_land_there(
    desk: Desk, keyboard: Keyboard
) -> None:
    form = desk.window.form
    form.edits["phone"].setFocus()
    keyboard.key("Tab")
    keyboard.person("365")
    assert form.edits["temperature"].text() == "365"
    assert form.passengers.value() == 0


def test_f8_opens_the_end_of_shift_and_f6_switches_the_theme(
    desk: Desk, keyboard: Keyboard
) -> None:
    desk.window.form.edits["name"].setFocus()
    keyboard.key("F6")
    assert desk.window.theme.name == "dark"
    keyboard.key("F8")
    assert desk.window.pages.currentWidget() is desk.window.close_panel


def test_enter_in_the_settings_pin_unlocks_and_keeps_the_dialog(
    desk: Desk, keyboard: Keyboard, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(desk.settings, desk.shifts, desk.window)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    dialog.pin.setFocus()
    keyboard.person("4321")
    keyboard.key("Return")
    assert dialog.isVisible() and dialog.supervisor is not None
    dialog.reject()


def test_a_second_desk_on_the_same_data_directory_exits_with_one_line(desk: Desk) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "QT_QPA_PLATFORM": "xcb"}
    second = subprocess.run(
        [sys.executable, "-m", "checkpoint_desk.cli", "--data-dir", str(desk.data_dir.root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == DeskBusyError.exit_code
    assert second.stderr.count("\n") == 1 and f"pid {os.getpid()}" in second.stderr


def test_f9_opens_the_correction_and_enter_in_its_pin_saves_it(
    desk: Desk, keyboard: Keyboard, qtbot: QtBot
) -> None:
    window = desk.window
    window.form.edits["name"].setText("张伟")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    window.form.edits["name"].setFocus()
    keyboard.key("F9")
    editor = window.visit_editor
    assert editor is not None
    qtbot.waitUntil(editor.isActiveWindow, timeout=5000)
    editor.fields["temperature"].setText("366")
    editor.pin.setFocus()
    keyboard.person("4321")
    keyboard.key("Return")
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    assert window.recent.model.index(0, 4).data() == "36.6"
