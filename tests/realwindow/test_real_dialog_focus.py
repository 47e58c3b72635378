"""After a dialog closes, the window has the keyboard again (no window manager to give it).

Under a kiosk session with no window manager nothing re-activates the desk's window when
a modal dialog closes: a scanner burst then goes to no window at all, or into a field.
F11's dialog gave the keyboard back (test_real_enrolment); these are the others a
volunteer opens with a key and closes with Escape.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from tests.realwindow.conftest import Keyboard

CODE = "https://hc.example.gov.cn/code?uid=ABC-123456&Sig=QmFzZTQ1XYZ"


@pytest.mark.parametrize("key", ["F10", "F7"])
def test_escape_from_a_dialog_gives_the_window_back_its_keyboard(
    desk: Desk, keyboard: Keyboard, qtbot: QtBot, key: str
) -> None:
    seen: dict[str, bool] = {}

    def close_it() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()),
            None,
        )
        seen["opened"] = dialog is not None
        if dialog is not None:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
            keyboard.key("Escape")
        seen["closed"] = True

    desk.window.form.edits["name"].setFocus()
    QTimer.singleShot(400, close_it)
    keyboard.key(key)
    qtbot.waitUntil(lambda: "closed" in seen, timeout=20_000)
    assert seen["opened"], f"{key} opened no dialog"
    qtbot.waitUntil(desk.window.isActiveWindow, timeout=5000)
    keyboard.scanner(CODE)
    assert [r.text for r in desk.window.form.readings] == [CODE]
    assert desk.window.form.edits["name"].text() == ""
