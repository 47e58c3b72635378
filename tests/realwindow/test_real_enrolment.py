"""F11 and a USB scanner's burst, Shift and all, into the hub dialog's code field."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.hub_dialog import HubDialog
from tests.realwindow.conftest import Keyboard
from tests.ui.conftest import visits

# The shape add-station gives (capitals, digits, "-" and "_" that need Shift).
ENROLMENT = (
    "CKE1.ckst_Qz8-Yx_W3vU2tS1rQ0pO9nM8lK7jI6hG5fE4dC3bA2.q2Vt8kN0aZ-_Lm3Pq7Rs1Tu5Vw9Xy2Ab4Cd6Ef8Gh0"
    ".Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7Zz6Yy5Xx4W"
)


def test_a_scanner_burst_lands_in_the_dialogs_code_field_not_the_form(
    desk: Desk, keyboard: Keyboard, qtbot: QtBot
) -> None:
    seen: dict[str, object] = {}

    def in_the_dialog() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, HubDialog) and w.isVisible()
        )
        try:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
            dialog.code.setFocus()
            keyboard.scanner(ENROLMENT)  # 4 ms a key, Shift around capitals, then Enter
            seen["code"] = dialog.code.text()
            seen["pin has focus"] = dialog.pin.hasFocus()
            dialog.address.setFocus()
            keyboard.scanner(ENROLMENT, suffix="")  # no suffix: the pause ends the scan
            seen["address"] = dialog.address.text()
        finally:
            dialog.reject()

    QTimer.singleShot(400, in_the_dialog)
    keyboard.key("F11")
    qtbot.waitUntil(lambda: "address" in seen or "code" in seen, timeout=20_000)
    assert seen["code"] == ENROLMENT
    assert seen["pin has focus"] is True
    assert seen["address"] == "", "a scan never types into the address field"
    assert desk.window.form.readings == [] and visits(desk) == []

    # Closing gives the window back its keyboard (Xvfb has no window manager to do it).
    qtbot.waitUntil(desk.window.isActiveWindow, timeout=5000)
    keyboard.scanner(ENROLMENT)  # the dialog is closed: at the form it registers nobody
    assert desk.window.form.readings == []
    assert "enrolment code" in desk.window.banner.reasons.text()
    assert visits(desk) == []
